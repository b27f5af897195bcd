/**
 * Tests of the base builder: ini sections from templates, --create-startd, [files].
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createStartd, ensureFiles, iniSection } from '../../src/start/base-builder';
import { Module } from '../../src/start/module';
import { resolveStart } from '../../src/start/start-configuration';
import { makeBase, removeBase } from './support';

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
