/**
 * Tests of argument collection: ini precedence, refused options, jetty.base handling, XML lookup.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { resolveStart } from '../../src/start/start-configuration';
import { UsageError } from '../../src/util/errors';
import { makeBase, removeBase } from './support';

describe('resolveStart', () => {
  let home: string;
  before(() => {
    home = makeBase({
      'modules/server.mod': '[xml]\netc/server.xml\n[ini]\nserver.default?=from-mod\nserver.forced=from-mod\n',
      'etc/server.xml': '<Configure/>',
      'etc/extra.xml': '<Configure/>',
    });
  });
  after(() => removeBase(home));

  it('lets start.d files outrank start.ini and the command line outrank both', () => {
    const base = makeBase({
      'start.ini': '--module=server\np.a=ini\np.b=ini\n',
      'start.d/aa.ini': 'p.a=aa\n',
      'start.d/zz.ini': 'p.a=zz\n',
    });
    try {
      const cfg = resolveStart(['p.b=cmd'], { cwd: base, home });
      expect(cfg.args.props.getString('p.a')).to.equal('zz');
      expect(cfg.args.props.get('p.a')?.origin).to.equal('${jetty.base}/start.d/zz.ini');
      expect(cfg.args.props.getString('p.b')).to.equal('cmd');
    } finally {
      removeBase(base);
    }
  });

  it('applies [ini] after user arguments: ?= is a default, = overrides', () => {
    const base = makeBase({ 'start.ini': '--module=server\nserver.default=user\nserver.forced=user\n' });
    try {
      const cfg = resolveStart([], { cwd: base, home });
      expect(cfg.args.props.getString('server.default')).to.equal('user');
      expect(cfg.args.props.getString('server.forced')).to.equal('from-mod');
    } finally {
      removeBase(base);
    }
  });

  it('refuses command-only options in an ini file, naming the file and line', () => {
    const base = makeBase({ 'start.ini': '# comment\n--dry-run\n' });
    try {
      expect(() => resolveStart([], { cwd: base, home })).to.throw(UsageError, /Cannot use '--dry-run' in \$\{jetty.base\}\/start.ini:2/);
    } finally {
      removeBase(base);
    }
  });

  it('ignores jetty.base set in an ini file and takes it from the command line', () => {
    const base = makeBase({ 'start.ini': 'jetty.base=/elsewhere\n' });
    const other = makeBase();
    try {
      const cfg = resolveStart([`jetty.base=${base}`], { cwd: other, home });
      expect(cfg.baseHome.base).to.equal(path.resolve(base));
      expect(cfg.args.notes.join('\n')).to.match(/jetty.base can only be set on the command line/);
    } finally {
      removeBase(base);
      removeBase(other);
    }
  });

  it('finds an extra XML given by name in etc/ and runs it after the module XMLs', () => {
    const base = makeBase();
    try {
      const cfg = resolveStart(['--module=server', 'extra.xml'], { cwd: base, home });
      expect(cfg.xmls.map((x) => path.basename(x.path))).to.deep.equal(['server.xml', 'extra.xml']);
    } finally {
      removeBase(base);
    }
  });

  it('prefers a base copy of a module XML over the home one', () => {
    const base = makeBase({ 'etc/server.xml': '<Configure/>' });
    try {
      const cfg = resolveStart(['--module=server'], { cwd: base, home });
      expect(cfg.xmls[0].path).to.equal(path.join(path.resolve(base), 'etc/server.xml'));
    } finally {
      removeBase(base);
    }
  });

  it('reports a missing extra XML file with a remedy', () => {
    const base = makeBase();
    try {
      expect(() => resolveStart(['nope.xml'], { cwd: base, home })).to.throw(UsageError, /Cannot find XML file 'nope.xml' \(from <command-line>\)/);
    } finally {
      removeBase(base);
    }
  });

  it('reports an unknown option', () => {
    const base = makeBase();
    try {
      expect(() => resolveStart(['--frobnicate'], { cwd: base, home })).to.throw(
        UsageError,
        /Cannot use argument '--frobnicate': unknown option; see --help/,
      );
    } finally {
      removeBase(base);
    }
  });

  it('makes -D a system property and a start property, and -Dname?= keeps an existing system property', () => {
    const base = makeBase();
    try {
      const cfg = resolveStart(['-Dfoo=bar', '-Dkept?=new', '-Dset?=new'], { cwd: base, home, systemProperties: new Map([['kept', 'old']]) });
      const sys = cfg.systemProperties();
      expect(sys.get('foo')).to.equal('bar');
      expect(sys.get('kept')).to.equal('old');
      expect(sys.get('set')).to.equal('new');
      expect(cfg.args.props.getString('foo')).to.equal('bar');
    } finally {
      removeBase(base);
    }
  });

  it('reads an --include-jetty-dir layer: its ini files and modules, between base and home', () => {
    const inc = makeBase({
      'start.ini': '--module=extra\nlayer.prop=inc\nshadowed=inc\n',
      'modules/extra.mod': '[depend]\nserver\n[xml]\netc/extra.xml\n',
      'etc/extra.xml': '<Configure/>',
    });
    const base = makeBase({ 'start.ini': `--include-jetty-dir=${inc}\nshadowed=base\n` });
    try {
      const cfg = resolveStart([], { cwd: base, home });
      expect(cfg.baseHome.dirs).to.deep.equal([path.resolve(base), path.resolve(inc), path.resolve(home)]);
      expect(cfg.enabled.map((m) => m.name)).to.deep.equal(['server', 'extra']);
      expect(cfg.xmls.map((x) => x.path)).to.deep.equal([
        path.join(path.resolve(home), 'etc/server.xml'),
        path.join(path.resolve(inc), 'etc/extra.xml'),
      ]);
      expect(cfg.args.props.getString('layer.prop')).to.equal('inc');
      expect(cfg.args.props.getString('shadowed')).to.equal('base');
    } finally {
      removeBase(base);
      removeBase(inc);
    }
  });

  it('adds the entries of a *.properties argument after the start properties', () => {
    const base = makeBase({ 'extra.properties': 'from.file=yes\nshared=file\n' });
    try {
      const props = resolveStart(['--module=server', 'shared=cmd', 'extra.properties'], { cwd: base, home }).xmlProperties();
      expect(props.get('from.file')).to.equal('yes');
      expect(props.get('shared')).to.equal('file');
    } finally {
      removeBase(base);
    }
  });

  it('hands the XML files expanded properties plus jetty.home and jetty.base', () => {
    const base = makeBase({ 'start.ini': '--module=server\nlog.dir=${jetty.base}/logs\n' });
    try {
      const props = resolveStart([], { cwd: base, home }).xmlProperties();
      expect(props.get('log.dir')).to.equal(`${path.resolve(base)}/logs`);
      expect(props.get('jetty.home')).to.equal(path.resolve(home));
      expect(props.get('jetty.base.uri')).to.match(/^file:\/\/.*[^/]$/);
    } finally {
      removeBase(base);
    }
  });
});
