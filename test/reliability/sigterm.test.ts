import { expect } from 'chai';
import * as path from 'node:path';
import { cookieOf, counterOf, get, PierProcess, reportFigures, usePierSuite } from './support';

const SESSIONS = 20;

describe('Pier stopped with SIGTERM under load (file sessions)', function () {
  const suite = usePierSuite();

  it('completes the requests in flight, persists every session and restores all of them on restart', async () => {
    const store = path.join(suite.base, 'sessions');
    suite.server = await PierProcess.start(suite.launcher, suite.base, store);
    const cookies: string[] = [];
    const acked: number[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const r = await get(suite.server.port, suite.server.counterPath);
      cookies.push(cookieOf(r) as string);
      acked.push(counterOf(r.body));
    }
    let signalAt = Infinity;
    let inFlightAtSignal = 0;
    let inFlightFailures = 0;
    let completed = 0;
    let stopped = false;
    const failures: string[] = [];
    const port = suite.server.port;
    const workers = cookies.map(async (cookie, i) => {
      for (let k = 0; k < 10_000 && !stopped; k++) {
        const startedAt = performance.now();
        // Every other request is slow so that some are in flight when the signal arrives.
        const q = k % 2 === 0 ? `${suite.server!.counterPath}?delay=800` : suite.server!.counterPath;
        try {
          const r = await get(port, q, cookie, 20_000);
          if (startedAt < signalAt - 100 && performance.now() > signalAt) inFlightAtSignal++;
          if (r.status !== 200) throw new Error(`status ${r.status}`);
          acked[i] = Math.max(acked[i], counterOf(r.body));
          completed++;
        } catch (err) {
          // A request begun well before the signal had been accepted: it must complete.
          if (startedAt < signalAt - 100) {
            inFlightFailures++;
            failures.push(`session ${i}: ${(err as Error).message}`);
          }
          return;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1000));
    signalAt = performance.now();
    const exit = await suite.server.kill('SIGTERM', 60_000);
    stopped = true;
    await Promise.all(workers);
    suite.server = await PierProcess.start(suite.launcher, suite.base, store);
    let restored = 0;
    const lost: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const r = await get(suite.server.port, suite.server.counterPath, cookies[i]);
      if (counterOf(r.body) === acked[i] + 1) restored++;
      else lost.push(`session ${i}: n=${counterOf(r.body)} after ${acked[i]} was acknowledged`);
    }
    reportFigures('SIGTERM', {
      launcher: suite.launcher,
      sessions: SESSIONS,
      completedRequests: completed,
      inFlightAtSignal,
      inFlightFailures,
      exitCode: exit,
      sessionsRestored: restored,
    });
    expect(failures, failures.slice(0, 5).join('\n')).to.deep.equal([]);
    expect(exit).to.equal(0);
    expect(lost, lost.join('\n')).to.deep.equal([]);
  });
});
