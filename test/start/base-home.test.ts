/**
 * Tests of the jetty.base / jetty.home lookup.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { BaseHome, findInstallationHome } from '../../src/start/base-home';
import { makeBase, removeBase, repoRoot } from './support';

describe('BaseHome', () => {
  let home: string;
  let base: string;
  before(() => {
    home = makeBase({ 'etc/a.xml': 'home', 'etc/b.xml': 'home', 'modules/zz.mod': '', 'modules/http.mod': '', 'modules/sub/dyn.mod': '' });
    base = makeBase({ 'etc/a.xml': 'base', 'modules/http.mod': '', 'modules/aa.mod': '' });
  });
  after(() => {
    removeBase(home);
    removeBase(base);
  });

  it('finds a file in the base before the home', () => {
    const bh = new BaseHome(home, base);
    expect(bh.find('etc/a.xml')).to.equal(path.join(path.resolve(base), 'etc/a.xml'));
    expect(bh.find('etc/b.xml')).to.equal(path.join(path.resolve(home), 'etc/b.xml'));
    expect(bh.find('etc/c.xml')).to.equal(undefined);
  });

  it('lists top-level modules: home ones by name, then base-only ones; a base copy replaces the home one in its place', () => {
    const files = new BaseHome(home, base).listModuleFiles();
    expect([...files.keys()]).to.deep.equal(['http', 'zz', 'aa']);
    expect(files.get('http')).to.equal(path.join(path.resolve(base), 'modules/http.mod'));
  });

  it('shortens paths to ${jetty.base} and ${jetty.home} forms', () => {
    const bh = new BaseHome(home, base);
    expect(bh.toShortForm(path.join(base, 'start.ini'))).to.equal('${jetty.base}/start.ini');
    expect(bh.toShortForm(path.join(home, 'etc/b.xml'))).to.equal('${jetty.home}/etc/b.xml');
    expect(bh.expandHomeBase('${jetty.base}/x')).to.equal(`${path.resolve(base)}/x`);
  });

  it("finds this installation as the folder holding Pier's package.json", () => {
    expect(findInstallationHome(__dirname)).to.equal(repoRoot());
  });
});
