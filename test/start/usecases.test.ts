/**
 * Golden use cases of the launcher, in the format of Jetty's jetty-start `usecases/` tests.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../../src/util/errors';
import { resolveStart } from '../../src/start/start-configuration';
import { launch, MainEnvironment } from '../../src/start/main';
import { repoRoot, preserveSystemProperties } from './support';
import { corpusPath, corpusSuite } from '../support/corpus';

interface Assertions {
  xml: string[];
  props: string[];
  sys: string[];
  ex: string[];
  exists: string[];
  output: string[];
}

function readLines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

function readGroups(file: string): string[][] {
  const groups: string[][] = [[]];
  for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const l = raw.trim();
    if (l.length === 0) {
      if (groups[groups.length - 1].length > 0) groups.push([]);
      continue;
    }
    if (!l.startsWith('#')) groups[groups.length - 1].push(l);
  }
  return groups.filter((g) => g.length > 0);
}

function readAssertions(file: string, home: string, base: string): Assertions {
  const out: Assertions = { xml: [], props: [], sys: [], ex: [], exists: [], output: [] };
  for (const line of readLines(file)) {
    const bar = line.indexOf('|');
    const kind = line.substring(0, bar);
    const value = line
      .substring(bar + 1)
      .split('${jetty.home}')
      .join(home)
      .split('${jetty.base}')
      .join(base);
    if (kind === 'XML') out.xml.push(path.normalize(value));
    else if (kind === 'PROP') out.props.push(value);
    else if (kind === 'SYS') out.sys.push(value);
    else if (kind === 'EX') out.ex.push(value);
    else if (kind === 'EXISTS') out.exists.push(value);
    else if (kind === 'OUTPUT') out.output.push(line.substring(bar + 1));
  }
  return out;
}

/** Runs every `<case>[.n].cmdline.txt` of a usecases folder against `home`. */
/** XML files in the expected order, and every expected property present with its expanded value. */
function expectXmlsAndProperties(cfg: ReturnType<typeof resolveStart>, expected: Assertions): void {
  expect(cfg.xmls.map((x) => path.normalize(x.path))).to.deep.equal(expected.xml);
  const actual = new Map<string, string>();
  for (const p of cfg.args.props) actual.set(p.key, cfg.expand(p.value));
  for (const p of expected.props) {
    const eq = p.indexOf('=');
    expect(actual.get(p.substring(0, eq)), `property ${p}`).to.equal(p.substring(eq + 1));
  }
}

function runCases(dir: string, home: string, title: string, only?: (name: string) => boolean): void {
  describe(title, () => {
    const cmdlines = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.cmdline.txt'))
      .sort();
    for (const cmd of cmdlines) {
      const caseName = cmd.substring(0, cmd.length - '.cmdline.txt'.length);
      if (only && !only(caseName)) continue;
      // Cases with a prepare step are run by runPreparedCases.
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
          const detail = expected.ex.find((e) => e.includes('Unsatisfied'));
          if (detail) expect((thrown as Error).message.toLowerCase()).to.include('unsatisfied module dependencies');
          return;
        }
        const cfg = resolveStart(argv, { cwd: base, home, systemProperties: sys });
        expectXmlsAndProperties(cfg, expected);
        const system = cfg.systemProperties();
        for (const p of expected.sys) {
          const eq = p.indexOf('=');
          expect(system.get(p.substring(0, eq)), `system property ${p}`).to.equal(p.substring(eq + 1));
        }
      });
    }
  });
}

/**
 * Runs every `<case>.<n>.prepare.txt` case: the base is copied to a temporary folder, each prepare line is
 * one launcher run (e.g. `--add-to-start=x`), then the resolution without arguments is compared.
 */
function runPreparedCases(dir: string, home: string, title: string, skip: Record<string, string>): void {
  describe(title, () => {
    const prepares = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.prepare.txt'))
      .sort();
    for (const prep of prepares) {
      const caseName = prep.substring(0, prep.length - '.prepare.txt'.length);
      const baseName = caseName.split('.')[0];
      const reason = skip[caseName];
      if (reason) {
        it.skip(`prepares and resolves the '${caseName}' use case (${reason})`);
        continue;
      }
      it(`prepares and resolves the '${caseName}' use case`, async () => {
        const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'pier-usecase-'));
        const base = path.join(tmp, baseName);
        try {
          if (fs.existsSync(path.join(dir, baseName))) fs.cpSync(path.join(dir, baseName), base, { recursive: true });
          else fs.mkdirSync(base);
          chmodWritable(base);
          const expected = readAssertions(path.join(dir, `${caseName}.assert.txt`), home, base);
          let output = '';
          const env: MainEnvironment = {
            out: (t) => {
              output += t;
            },
            err: (t) => {
              output += t;
            },
            cwd: base,
            applier: () => {
              throw new Error('no run in use cases');
            },
            installShutdownHook: () => {},
          };
          let thrown: unknown;
          try {
            // Blank lines separate launcher runs; the lines of a group are the arguments of one run.
            for (const group of readGroups(path.join(dir, prep))) await launch([...group, `jetty.home=${home}`], env);
          } catch (err) {
            thrown = err;
          }
          if (expected.ex.length > 0) {
            expect(thrown, 'an error').to.be.instanceOf(UsageError);
            return;
          }
          if (thrown) throw thrown;
          const cmdFile = path.join(dir, `${caseName}.cmdline.txt`);
          const argv = fs.existsSync(cmdFile) ? readLines(cmdFile) : [];
          const cfg = resolveStart(argv, { cwd: base, home });
          expectXmlsAndProperties(cfg, expected);
          for (const e of expected.exists) expect(fs.existsSync(path.join(base, e)), `exists ${e}`).to.equal(true);
          for (const o of expected.output) {
            const re = new RegExp(o.split('${jetty.base}').join(base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
            expect(output, `output ${o}`).to.match(re);
          }
        } finally {
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      });
    }
  });
}

/** The corpus is read-only; copies must be writable for --add-to-start. */
function chmodWritable(dir: string, depth = 0): void {
  if (depth > 20) return;
  fs.chmodSync(dir, 0o755);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chmodWritable(p, depth + 1);
    else fs.chmodSync(p, 0o644);
  }
}

describe('start use cases', () => {
  preserveSystemProperties();
  const jettyUsecases = corpusPath('jetty-9.4.x/jetty-start/src/test/resources');
  corpusSuite('Jetty 9.4 jetty-start use cases', () => {
    // agent-properties needs version-conditional [lib]s, which Pier ignores; its XML/PROP lines still apply.
    runCases(path.join(jettyUsecases, 'usecases'), path.join(jettyUsecases, 'dist-home'), 'Jetty 9.4 jetty-start use cases (read in place)');
    runPreparedCases(
      path.join(jettyUsecases, 'usecases'),
      path.join(jettyUsecases, 'dist-home'),
      'Jetty 9.4 jetty-start use cases with a prepare step',
      {
        'files.0': 'downloads [files] entries, which Pier never does',
      },
    );
  });
  runCases(path.join(repoRoot(), 'test/fixtures/start/usecases'), repoRoot(), 'Pier use cases against this jetty.home');
});
