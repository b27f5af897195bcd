/**
 * The differential suite (`npm run test:jetty`): real Jetty 9.4 and Pier run side by side on two equivalent
 * jetty.bases, every case sends the same raw requests to both, and each difference in what they answer must
 * be a row of docs/differences-from-jetty.md. Not part of `npm test` (it needs Java and Jetty).
 * @module
 */
import * as fs from 'node:fs';
import { FixtureFiles } from './body-class';
import { ALL_CASES, CASE_GROUPS } from './cases';
import { DifferentialCase, caseContext } from './differential-case';
import { DifferentialBases, buildDifferentialBases, removeDifferentialBases } from './differential-bases';
import { DIFFERENCES_DOC, checkCase, CaseResult, formatProblems, staleGlobRows } from './differential-check';
import { DifferenceRow, readDifferencesTable } from './differences-table';
import { findJettyEnvironment } from './jetty-environment';
import { Observation } from './observation';
import { httpRequest, rawExchange } from './raw-exchange';
import { ServerUnderTest, startJetty, startPier } from './servers-under-test';

/** Cases run this many at a time against each server (the idle cases first: they wait longest). */
const CONCURRENCY = 8;
const START_TIMEOUT_MS = 90_000;
const WARM_UP = ['/app/probe/info', '/app/index.html', '/forms/probe/info', '/forms/listing/', '/secured/public.txt', '/'];

describe('Pier answers as Jetty 9.4 does (the differential suite)', function () {
  this.timeout(60_000);
  let bases: DifferentialBases | undefined;
  let jetty: ServerUnderTest | undefined;
  let pier: ServerUnderTest | undefined;
  let fixtures: FixtureFiles;
  let rows: DifferenceRow[] = [];
  const results = new Map<string, CaseResult>();
  const usedRows = new Set<DifferenceRow>();

  async function runOnBoth(c: DifferentialCase): Promise<CaseResult> {
    try {
      const [j, p] = await Promise.all([jetty!, pier!].map((server) => c.run(caseContext(server, fixtures, server.base))));
      return { jetty: j, pier: p };
    } catch (err) {
      return { error: err as Error };
    }
  }

  before(async function () {
    this.timeout(START_TIMEOUT_MS + 180_000);
    const check = findJettyEnvironment();
    if (!check.ok) throw new Error(check.reason);
    rows = readDifferencesTable(DIFFERENCES_DOC);
    bases = buildDifferentialBases(check.env);
    fixtures = new FixtureFiles(bases.webapps);
    [jetty, pier] = await Promise.all([startJetty(check.env, bases.jettyBase, START_TIMEOUT_MS), startPier(bases.pierBase, START_TIMEOUT_MS)]);
    // Each servlet's first request loads and initialises it: not under the load of the concurrent cases.
    for (const server of [jetty, pier]) for (const target of WARM_UP) await rawExchange(server.port, { send: [httpRequest('GET', target)] });
    const queue = ALL_CASES.filter((c) => c.phase !== 'last').sort(
      (a, b) => Number(b.id.startsWith('conn.idle')) - Number(a.id.startsWith('conn.idle')),
    );
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) results.set(c.id, await runOnBoth(c));
      }),
    );
  });

  after(function () {
    jetty?.kill();
    pier?.kill();
    const report = process.env.PIER_JETTYDIFF_REPORT;
    if (report) fs.writeFileSync(report, JSON.stringify(Object.fromEntries([...results].map(([id, r]) => [id, reportOf(r)])), null, 2));
    if (bases && !process.env.PIER_JETTYDIFF_KEEP) removeDifferentialBases(bases);
    else if (bases) process.stdout.write(`  (bases kept in ${bases.root})\n`);
  });

  function verify(c: DifferentialCase): void {
    const result = results.get(c.id);
    if (!result) throw new Error(`${c.id} did not run`);
    const problems = checkCase(c, result, rows, usedRows);
    if (problems) throw new Error(formatProblems(c, problems, result, jetty?.output() ?? '', pier?.output() ?? ''));
  }

  for (const group of CASE_GROUPS) {
    describe(group.name, () => {
      for (const c of group.cases) {
        it(`${c.id}: ${c.title}`, async function () {
          if (c.phase === 'last') {
            this.timeout(120_000);
            results.set(c.id, await runOnBoth(c));
          }
          verify(c);
        });
      }
    });
  }

  // in a describe of its own: mocha runs a suite's own tests before its nested suites, and this one must come last
  describe('the table of deliberate differences', () => {
    it('has no row that no longer describes a difference', () => {
      const stale = staleGlobRows(
        rows,
        usedRows,
        ALL_CASES.filter((c) => results.has(c.id)).map((c) => c.id),
      );
      if (stale.length > 0) throw new Error(`These rows of ${DIFFERENCES_DOC} describe no difference any more; remove them:\n${stale.join('\n')}`);
    });
  });
});

function reportOf(r: CaseResult): unknown {
  if ('error' in r) return { error: String(r.error) };
  const plain = (o: Observation): Record<string, string> => Object.fromEntries(o);
  return { jetty: plain(r.jetty), pier: plain(r.pier) };
}
