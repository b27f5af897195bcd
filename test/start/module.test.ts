/**
 * Tests of the `.mod` parser against Jetty 9.4's own module files and malformed input.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Module } from '../../src/start/module';
import { ModuleSyntaxError } from '../../src/start/errors';
import { repoRoot } from './support';
import { corpusPath, requireCorpus } from '../support/corpus';

function findMods(dir: string, out: string[] = [], depth = 0): string[] {
  if (depth > 20) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findMods(p, out, depth + 1);
    else if (e.name.endsWith('.mod')) out.push(p);
  }
  return out;
}

describe('Module', () => {
  it('parses every modules/*.mod file of the Jetty 9.4 corpus', function () {
    requireCorpus(this);
    const corpus = corpusPath('jetty-9.4.x');
    const files = findMods(corpus);
    let withXml = 0;
    let withDepends = 0;
    let withTemplate = 0;
    for (const f of files) {
      const m = Module.load(path.basename(f, '.mod'), f);
      if (m.xmls.length > 0) withXml++;
      if (m.depends.length > 0) withDepends++;
      if (m.iniTemplate.length > 0) withTemplate++;
    }
    console.log(
      `      ${files.length} corpus .mod files parsed: ${withXml} with [xml], ${withDepends} with [depend], ${withTemplate} with [ini-template]`,
    );
    expect(files.length).to.be.greaterThan(100);
  });

  it('parses every module of this jetty.home', () => {
    const dir = path.join(repoRoot(), 'modules');
    for (const f of findMods(dir)) Module.load(path.relative(dir, f).replace(/\.mod$/, ''), f);
  });

  it('reads sections, their aliases and ignores comments and text before the first section', () => {
    const m = Module.parse(
      'demo',
      'demo.mod',
      [
        'ignored before any section',
        '[description]',
        'A demo',
        '',
        '[ Depends ]',
        'server',
        '# a comment',
        '?optional-thing',
        '[provide]',
        'cap',
        '[xml]',
        'etc/demo.xml',
        '[defaults]',
        'demo.port?=1',
        '[ini-template]',
        '## Port',
        '# demo.port=1',
        '',
        '[libs]',
        'lib/*.jar',
      ].join('\n'),
    );
    expect(m.description).to.deep.equal(['A demo']);
    expect(m.depends.map((d) => d.text)).to.deep.equal(['server', '?optional-thing']);
    expect(m.depends[0].line).to.equal(6);
    expect(m.provides).to.deep.equal(['cap']);
    expect(m.capabilities).to.deep.equal(['demo', 'cap']);
    expect(m.xmls.map((x) => x.text)).to.deep.equal(['etc/demo.xml']);
    expect(m.ini.map((x) => x.text)).to.deep.equal(['demo.port?=1']);
    expect(m.iniTemplate).to.deep.equal(['## Port', '# demo.port=1']);
    expect(m.libs).to.deep.equal(['lib/*.jar']);
  });

  it('throws a ModuleSyntaxError with file and line for an unknown section', () => {
    expect(() => Module.parse('bad', 'bad.mod', '[description]\nx\n\n[dependz]\nserver\n'))
      .to.throw(ModuleSyntaxError, /unrecognized module section '\[dependz\]'.*bad\.mod:4:1/)
      .with.property('line', 4);
  });

  it('throws a ModuleSyntaxError for a section header that is never closed', () => {
    expect(() => Module.parse('bad', 'bad.mod', '[xml\netc/a.xml\n')).to.throw(ModuleSyntaxError, /malformed section header/);
  });
});
