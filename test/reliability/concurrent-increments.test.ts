import { expect } from 'chai';
import * as path from 'node:path';
import { cookieOf, counterOf, get, PierProcess, reportFigures, usePierSuite } from './support';

const INCREMENTS = 2000;
const CONCURRENCY = 100;

describe('concurrent increments of one session attribute', function () {
  const suite = usePierSuite();

  it('counts exactly 2,000 when 2,000 requests increment the same session at once', async () => {
    suite.server = await PierProcess.start(suite.launcher, suite.base, path.join(suite.base, 'sessions'));
    const first = await get(suite.server.port, suite.server.counterPath);
    const cookie = cookieOf(first) as string;
    expect(counterOf(first.body)).to.equal(1);
    const seen: number[] = [];
    const errors: string[] = [];
    let next = 0;
    const port = suite.server.port;
    const counterPath = suite.server.counterPath;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < INCREMENTS) {
          next++;
          try {
            const r = await get(port, counterPath, cookie);
            if (r.status !== 200) errors.push(`status ${r.status}`);
            else seen.push(counterOf(r.body));
          } catch (err) {
            errors.push((err as Error).message);
          }
        }
      }),
    );
    const last = await get(port, counterPath, cookie);
    const distinct = new Set(seen);
    reportFigures('concurrent increments', {
      launcher: suite.launcher,
      increments: INCREMENTS,
      concurrency: CONCURRENCY,
      answered: seen.length,
      distinct: distinct.size,
      final: counterOf(last.body) - 1,
    });
    expect(errors.slice(0, 5)).to.deep.equal([]);
    expect(distinct.size).to.equal(INCREMENTS);
    expect(Math.max(...seen)).to.equal(INCREMENTS + 1);
    expect(counterOf(last.body)).to.equal(INCREMENTS + 2);
  });
});
