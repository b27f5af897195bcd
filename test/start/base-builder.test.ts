/**
 * Tests of the base builder: ini sections from templates, --create-startd, [files].
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addToStart, createStartd, ensureFiles, iniSection, updateIni } from '../../src/start/base-builder';
import { Module } from '../../src/start/module';
import { resolveStart } from '../../src/start/start-configuration';
import { makeBase, removeBase, repoRoot } from './support';

describe('iniSection', () => {
  const mod = Module.parse(
    'demo',
    'demo.mod',
    '[description]\nA demo\n[ini-template]\n## Port\n# demo.port=8080\ndemo.host=localhost\n# demo.other=1\n',
  );

  it('writes a header, --module=<name> and the template verbatim', () => {
    expect(iniSection(mod, new Map())).to.equal(
      [
        '# ---------------------------------------',
        '# Module: demo',
        '# A demo',
        '# ---------------------------------------',
        '--module=demo',
        '',
        '## Port',
        '# demo.port=8080',
        'demo.host=localhost',
        '# demo.other=1',
        '',
      ].join('\n'),
    );
  });

  it('activates a commented template line and replaces a value the user gave', () => {
    const text = iniSection(
      mod,
      new Map([
        ['demo.port', '9090'],
        ['demo.host', '0.0.0.0'],
      ]),
    );
    expect(text).to.include('\ndemo.port=9090\n');
    expect(text).to.include('\ndemo.host=0.0.0.0\n');
    expect(text).to.include('\n# demo.other=1\n');
  });
});

describe('createStartd', () => {
  it('creates start.d and moves start.ini into it', () => {
    const home = makeBase({ 'modules/x.mod': '[description]\nx\n' });
    const base = makeBase({ 'start.ini': '--module=x\n' });
    try {
      const lines: string[] = [];
      createStartd(resolveStart([], { cwd: base, home }), (l) => lines.push(l));
      expect(fs.existsSync(path.join(base, 'start.ini'))).to.equal(false);
      expect(fs.readFileSync(path.join(base, 'start.d', 'start.ini'), 'utf8')).to.equal('--module=x\n');
      expect(lines.join('\n')).to.match(
        /MKDIR : \$\{jetty.base\}\/start.d\nMOVE {2}: \$\{jetty.base\}\/start.ini to \$\{jetty.base\}\/start.d\/start.ini/,
      );
    } finally {
      removeBase(home);
      removeBase(base);
    }
  });
});

describe('ensureFiles', () => {
  it('creates directories, reports downloads it will not do, and copies basehome: entries', () => {
    const home = makeBase({
      'modules/x.mod': '[files]\nlogs/\nhttps://example.org/a.jar|lib/a.jar\nbasehome:etc/x.txt|etc/\n',
      'etc/x.txt': 'hello',
    });
    const base = makeBase();
    try {
      const lines: string[] = [];
      ensureFiles(resolveStart(['--module=x'], { cwd: base, home }), (l) => lines.push(l));
      expect(fs.statSync(path.join(base, 'logs')).isDirectory()).to.equal(true);
      expect(fs.readFileSync(path.join(base, 'etc', 'x.txt'), 'utf8')).to.equal('hello');
      expect(lines.join('\n')).to.match(/Pier does not download 'https:\/\/example.org\/a.jar': place it at \$\{jetty.base\}\/lib\/a.jar yourself/);
    } finally {
      removeBase(home);
      removeBase(base);
    }
  });
});

describe('updateIni', () => {
  let base: string;
  beforeEach(() => {
    base = makeBase();
    // Pier's own session-store-jdbc module: its template sets db-connection-type=datasource and shows
    // #db-connection-type=driver as the alternative.
    addToStart(resolveStart(['--add-to-start=session-store-jdbc'], { cwd: base, home: repoRoot() }), ['session-store-jdbc'], () => {});
  });
  afterEach(() => removeBase(base));

  function update(...props: string[]): string[] {
    const lines: string[] = [];
    updateIni(resolveStart(['--update-ini', ...props], { cwd: base, home: repoRoot() }), (l) => lines.push(l));
    return lines;
  }
  const startIni = (): string[] => fs.readFileSync(path.join(base, 'start.ini'), 'utf8').split('\n');

  it('writes a property the ini sets exactly once: its active line changes, the commented alternative stays commented', () => {
    const before = startIni();
    expect(update('db-connection-type=driver')).to.deep.equal(['UPDATE: ${jetty.base}/start.ini']);
    const after = startIni();
    expect(after.filter((l) => /^\s*db-connection-type\s*=/.test(l))).to.deep.equal(['db-connection-type=driver']);
    expect(after.indexOf('db-connection-type=driver')).to.equal(before.indexOf('db-connection-type=datasource'));
    expect(after).to.include('#db-connection-type=driver');
  });

  it('uncomments the first commented line of a property no line sets, and only that one', () => {
    const before = startIni();
    update('jetty.session.jdbc.driverClass=org.postgresql.Driver');
    const after = startIni();
    expect(after.filter((l) => l.includes('jetty.session.jdbc.driverClass'))).to.deep.equal(['jetty.session.jdbc.driverClass=org.postgresql.Driver']);
    expect(after.indexOf('jetty.session.jdbc.driverClass=org.postgresql.Driver')).to.equal(before.indexOf('#jetty.session.jdbc.driverClass='));
  });

  it('leaves the files alone and says so for a property no ini file names', () => {
    const before = startIni();
    expect(update('no.such.property=1')).to.deep.equal(['WARN  : no.such.property is set in no ini file of the base: not written']);
    expect(startIni()).to.deep.equal(before);
  });
});

describe("the pier-console module's files", () => {
  it('creates etc/ in the base, where its ini template puts the realm file', () => {
    const base = makeBase();
    try {
      const lines: string[] = [];
      const cfg = resolveStart(['--add-to-start=pier-console'], { cwd: base, home: repoRoot() });
      addToStart(cfg, ['pier-console'], (l) => lines.push(l));
      ensureFiles(cfg, (l) => lines.push(l));
      expect(fs.readFileSync(path.join(base, 'start.ini'), 'utf8')).to.include('pier.console.realm=${jetty.base}/etc/pier-console-realm.properties');
      expect(fs.statSync(path.join(base, 'etc')).isDirectory()).to.equal(true);
      expect(lines).to.include('MKDIR : ${jetty.base}/etc (module pier-console)');
    } finally {
      removeBase(base);
    }
  });
});
