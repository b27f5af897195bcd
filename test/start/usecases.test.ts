/**
 * Golden use cases of the launcher, in the format of Jetty's jetty-start `usecases/` tests.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../../src/util/errors';
import { resolveStart } from '../../src/start/start-configuration';
import { repoRoot } from './support';

interface Assertions {
  xml: string[];
  props: string[];
  sys: string[];
  ex: string[];
}

function readLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).map(l => l.trim()).filter(l => l.length > 0 && !l.startsWith('#'));
}

function readAssertions(file: string, home: string, base: string): Assertions {
  const out: Assertions = { xml: [], props: [], sys: [], ex: [] };
  for (const line of readLines(file)) {
    const bar = line.indexOf('|');
    const kind = line.substring(0, bar);
    const value = line.substring(bar + 1).split('${jetty.home}').join(home).split('${jetty.base}').join(base);
    if (kind === 'XML') out.xml.push(path.normalize(value));
    else if (kind === 'PROP') out.props.push(value);
    else if (kind === 'SYS') out.sys.push(value);
    else if (kind === 'EX') out.ex.push(value);
  }
  return out;
}

/** Runs every `<case>[.n].cmdline.txt` of a usecases folder against `home`. */
function runCases(dir: string, home: string, title: string, only?: (name: string) => boolean): void {
  describe(title, () => {
    const cmdlines = fs.readdirSync(dir).filter(n => n.endsWith('.cmdline.txt')).sort();
    for (const cmd of cmdlines) {
      const caseName = cmd.substring(0, cmd.length - '.cmdline.txt'.length);
      if (only && !only(caseName)) continue;
      // Cases with a prepare step run --add-to-start first: see the add-to-start tests.
      if (fs.existsSync(path.join(dir, `${caseName}.prepare.txt`))) continue;
      const baseName = caseName.split('.')[0];
      it(`resolves the '${caseName}' use case`, () => {
        const base = path.join(dir, baseName);
        const argv = readLines(path.join(dir, cmd));
        const expected = readAssertions(path.join(dir, `${caseName}.assert.txt`), home, base);
        const sys = new Map<string, string>([['PRESET', 'value']]);
        if (expected.ex.length > 0) {
          let thrown: unknown;
          try {
            resolveStart(argv, { cwd: base, home, systemProperties: sys });
          } catch (err) {
            thrown = err;
          }
          expect(thrown, 'an error').to.be.instanceOf(UsageError);
          const detail = expected.ex.find(e => e.includes('Unsatisfied'));
          if (detail) expect((thrown as Error).message.toLowerCase()).to.include('unsatisfied module dependencies');
          return;
        }
        const cfg = resolveStart(argv, { cwd: base, home, systemProperties: sys });
        // XML order matters.
        expect(cfg.xmls.map(x => path.normalize(x.path))).to.deep.equal(expected.xml);
        // Properties: every expected one is present with its expanded value.
        const actual = new Map<string, string>();
        for (const p of cfg.args.props) actual.set(p.key, cfg.expand(p.value));
        for (const p of expected.props) {
          const eq = p.indexOf('=');
          expect(actual.get(p.substring(0, eq)), `property ${p}`).to.equal(p.substring(eq + 1));
        }
        const system = cfg.systemProperties();
        for (const p of expected.sys) {
          const eq = p.indexOf('=');
          expect(system.get(p.substring(0, eq)), `system property ${p}`).to.equal(p.substring(eq + 1));
        }
      });
    }
  });
}

describe('start use cases', () => {
  const jettyUsecases = path.join(repoRoot(), '../shared/jetty-corpus/jetty-9.4.x/jetty-start/src/test/resources');
  if (fs.existsSync(jettyUsecases)) {
    // agent-properties needs version-conditional [lib]s, which Pier ignores; its XML/PROP lines still apply.
    runCases(path.join(jettyUsecases, 'usecases'), path.join(jettyUsecases, 'dist-home'), 'Jetty 9.4 jetty-start use cases (read in place)');
  }
  runCases(path.join(repoRoot(), 'test/fixtures/start/usecases'), repoRoot(), 'Pier use cases against this jetty.home');
});
