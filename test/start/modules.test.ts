/**
 * Tests of the module graph: dependencies, capabilities, conflicts, dynamic modules and ordering.
 * @module
 */
import { expect } from 'chai';
import { BaseHome } from '../../src/start/base-home';
import { Modules } from '../../src/start/modules';
import { Props } from '../../src/start/props';
import { UsageError } from '../../src/util/errors';
import { makeBase, removeBase } from './support';

describe('Modules', () => {
  let home: string;
  let base: string;

  before(() => {
    home = makeBase({
      'modules/server.mod': '[xml]\netc/server.xml\n',
      'modules/http.mod': '[depend]\nserver\n[xml]\netc/http.xml\n',
      'modules/store-file.mod': '[provides]\nstore\n[depend]\nserver\n[xml]\netc/file.xml\n',
      'modules/store-jdbc.mod': '[provides]\nstore\n[depend]\nserver\n[xml]\netc/jdbc.xml\n',
      'modules/cache.mod': '[depend]\nstore\n[xml]\netc/cache.xml\n',
      'modules/early.mod': '[before]\nserver\n[xml]\netc/early.xml\n',
      'modules/picky.mod': '[depend]\nimpl/${impl}\n',
      'modules/impl/a.mod': '[xml]\netc/a.xml\n',
      'modules/loop-a.mod': '[depend]\nloop-b\n',
      'modules/loop-b.mod': '[depend]\nloop-a\n',
    });
    base = makeBase();
  });
  after(() => {
    removeBase(home);
    removeBase(base);
  });

  function graph(props = new Props()): Modules {
    return new Modules(new BaseHome(home, base), props).registerAll();
  }

  it('enables dependencies transitively and sorts them first', () => {
    const m = graph();
    m.enable('http', 'test');
    expect(m.enabled().map((x) => x.name)).to.deep.equal(['server', 'http']);
    expect(m.get('server')?.transitive).to.equal(true);
    expect(m.get('http')?.transitive).to.equal(false);
  });

  it('places a [before] module ahead of the module it names', () => {
    const m = graph();
    m.enable('http', 'test');
    m.enable('early', 'test');
    expect(m.enabled().map((x) => x.name)).to.deep.equal(['early', 'server', 'http']);
  });

  it('refuses two explicitly enabled providers of one capability', () => {
    const m = graph();
    m.enable('store-file', 'test');
    expect(() => m.enable('store-jdbc', 'test')).to.throw(UsageError, /capability 'store' is already provided by enabled module 'store-file'/);
  });

  it('leaves an ambiguous capability unsatisfied and says so', () => {
    const m = graph();
    m.enable('cache', 'test');
    expect(() => m.checkEnabled()).to.throw(UsageError, /unsatisfied module dependencies: 'cache' needs 'store' \(one of store-file, store-jdbc\)/);
  });

  it('uses the provider already enabled for a capability', () => {
    const m = graph();
    m.enable('store-jdbc', 'test');
    m.enable('cache', 'test');
    m.checkEnabled();
    expect(m.enabled().map((x) => x.name)).to.deep.equal(['server', 'store-jdbc', 'cache']);
  });

  it('loads a dynamic module named through a property', () => {
    const props = new Props();
    props.apply('impl=a', 'test');
    const m = graph(props);
    m.enable('picky', 'test');
    expect(m.enabled().map((x) => x.name)).to.deep.equal(['impl/a', 'picky']);
  });

  it('says which property a dependency needs when its name is still unexpanded', () => {
    expect(() => graph().enable('picky', 'test')).to.throw(
      UsageError,
      /no module provides its dependency 'impl\/\$\{impl\}' \(picky.mod:2\); property 'impl' is not set/,
    );
  });

  it('suggests close names for an unknown module', () => {
    expect(() => graph().enable('htpp', 'cmd')).to.throw(
      UsageError,
      /Cannot enable module 'htpp' \(from cmd\): unknown module \(did you mean 'http', 'http2', 'stop'\?\); list available modules with --list-modules/,
    );
  });

  it('reports a dependency cycle with its path', () => {
    const m = graph();
    m.enable('loop-a', 'test');
    expect(() => m.enabled()).to.throw(UsageError, /cyclic dependency loop-a -> loop-b -> loop-a/);
  });
});
