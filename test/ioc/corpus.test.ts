import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseXml, XmlSyntaxError, XmlElement, getAttribute } from '../../src/xml';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { ClassRegistry } from '../../src/ioc/class-registry';
import { SystemProperties } from '../../src/ioc/system-properties';
import { restoreProcessStreams } from '../../src/ioc/java';
import { loadJettyClasses } from '../../src/start/class-loader';
import { corpusRoot, fixturePath, requireCorpus } from '../support/corpus';
import '../fixtures/ioc/test-configuration';

/** Files that are not well-formed in the Jetty repository itself (see the corpus README). */
function knownMalformed(rel: string): boolean {
  return /\/src\/main\/templates\/[^/]*-header\.xml$/.test(rel) || rel.endsWith('usecases/database/etc/db.xml') || rel.includes('/doc-snippets/');
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.xml')) out.push(p);
  }
  return out;
}

const SHORT_TYPES = new Set(['String', 'string', 'int', 'long', 'boolean', 'URL', 'InetAddress', 'Object']);

/** Class names a tree references through `class=`, `<Class>` and `<Array type>`. */
function referencedClasses(el: XmlElement, out = new Set<string>()): Set<string> {
  const cls = getAttribute(el, 'class');
  if (cls !== undefined) out.add(cls);
  if (el.name === 'Class') {
    const text = el.children
      .map((c) => (c.kind === 'text' ? c.text : ''))
      .join('')
      .trim();
    if (text) out.add(text);
  }
  if (el.name === 'Array') {
    const t = getAttribute(el, 'type');
    if (t !== undefined && !SHORT_TYPES.has(t) && t.includes('.') && !t.startsWith('java.lang.')) out.add(t);
  }
  for (const c of el.children) if (c.kind === 'element') referencedClasses(c, out);
  return out;
}

describe('the Jetty XML corpus', function () {
  this.timeout(120000);
  before(function () {
    requireCorpus(this);
    loadJettyClasses();
  });

  it('parses every well-formed XML file, and applies each <Configure> file whose classes are all registered', () => {
    const root = corpusRoot();
    const mustApply = fs
      .readFileSync(fixturePath('ioc', 'corpus-must-apply.txt'), 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter(Boolean);
    const all = walk(root).filter((f) => fs.readFileSync(f, 'utf8').trim() !== '');
    const files = all.filter((f) => /<Configure[\s>]/.test(fs.readFileSync(f, 'utf8')));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-corpus-'));
    const counts = { xmlFiles: all.length, files: files.length, parsed: 0, malformedAsExpected: 0, allRegistered: 0, applied: 0, failedToApply: 0 };
    const problems: string[] = [];
    const failures: string[] = [];
    const applied = new Set<string>();
    const sysBefore = SystemProperties.all();
    SystemProperties.set('jetty.home', tmp);
    SystemProperties.set('jetty.base', tmp);
    try {
      for (const file of all) {
        const rel = path.relative(root, file).split(path.sep).join('/');
        let doc;
        try {
          doc = parseXml(fs.readFileSync(file, 'utf8'), file, { unknownDtd: 'ignore' });
        } catch (e) {
          if (knownMalformed(rel) && e instanceof XmlSyntaxError && e.line > 0 && e.column > 0) counts.malformedAsExpected++;
          else problems.push(`${rel}: ${(e as Error).message}`);
          continue;
        }
        if (knownMalformed(rel) && !rel.includes('/doc-snippets/')) problems.push(`${rel}: expected to be malformed`);
        if (doc.root.name !== 'Configure') continue;
        if (doc.doctype?.systemId !== undefined && doc.doctype.resolved === undefined) problems.push(`${rel}: unknown DOCTYPE on a <Configure> file`);
        counts.parsed++;
        const registry = ClassRegistry.withDeclaredClasses();
        const missing = [...referencedClasses(doc.root)].filter((c) => !registry.isKnownType(c));
        if (missing.length > 0) continue;
        counts.allRegistered++;
        try {
          new XmlConfiguration(doc, {
            registry,
            idMap: new Map(),
            properties: {
              'jetty.home': tmp,
              'jetty.base': tmp,
              'jetty.webapps': tmp,
              'jetty.webapp': tmp,
              // what the harnesses of Jetty's own tests and of OSGi set for the files that need them
              'test.docroot.base': tmp,
              'bundle.root': tmp,
              'jetty.console-capture.dir': path.join(tmp, 'logs'),
            },
          }).configure();
          counts.applied++;
          applied.add(rel);
        } catch (e) {
          counts.failedToApply++;
          failures.push(`${rel}:\n    ${(e as Error).message.split('\n').join('\n    ')}`);
        } finally {
          // console-capture.xml hands stdout and stderr to a file, as System.setOut does
          restoreProcessStreams();
        }
      }
    } finally {
      SystemProperties.reset();
      for (const [k, v] of sysBefore) SystemProperties.set(k, v);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const notApplied = mustApply.filter((m) => !applied.has(m));
    console.log(
      `      corpus: ${counts.xmlFiles} non-empty XML files, ${counts.malformedAsExpected} malformed as expected; ${counts.files} with <Configure, ${counts.parsed} parsed as <Configure>, ` +
        `${counts.allRegistered} with all classes registered, ${counts.applied} applied, ${counts.failedToApply} failed to apply, ` +
        `${mustApply.length} must apply`,
    );
    if (process.env.PIER_CORPUS_VERBOSE) {
      for (const f of failures) console.log(`      FAILED ${f}`);
      for (const f of applied) console.log(`      applied ${f}`);
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
    expect(
      notApplied,
      `must-apply files that did not apply:\n${notApplied.map((m) => failures.find((f) => f.startsWith(m)) ?? `${m} (not found or classes missing)`).join('\n')}`,
    ).to.deep.equal([]);
  });
});
