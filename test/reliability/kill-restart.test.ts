import { expect } from 'chai';
import * as path from 'node:path';
import { cookieOf, counterOf, get, PierProcess, reportFigures, seededRandom, usePierSuite } from './support';

const SESSIONS = 20;
const ROUNDS = 4;

/** Runs one worker per session until `stop()`: each GET increments the session counter; acks are recorded. */
function loadUntilStopped(port: number, counterPath: string, cookies: string[], acked: number[], problems: string[]) {
  let stopped = false;
  let requests = 0;
  const workers = cookies.map(async (cookie, i) => {
    for (let k = 0; k < 100_000 && !stopped; k++) {
      let r;
      try {
        r = await get(port, counterPath, cookie, 10_000);
      } catch {
        return;
      }
      if (r.status !== 200) {
        problems.push(`session ${i}: status ${r.status}`);
        return;
      }
      const n = counterOf(r.body);
      if (!(n > acked[i])) problems.push(`session ${i}: answered ${n} after ${acked[i]} was acknowledged`);
      acked[i] = Math.max(acked[i], n);
      requests++;
    }
  });
  return {
    stop: () => {
      stopped = true;
    },
    done: () => Promise.all(workers),
    requests: () => requests,
  };
}

describe('Pier killed with SIGKILL under load (file sessions)', function () {
  const suite = usePierSuite();

  it('loses no session update whose response the client received, over several kill and restart rounds', async () => {
    const store = path.join(suite.base, 'sessions');
    const random = seededRandom(20261121);
    suite.server = await PierProcess.start(suite.launcher, suite.base, store);
    const cookies: string[] = [];
    const acked: number[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const r = await get(suite.server.port, suite.server.counterPath);
      expect(r.status).to.equal(200);
      cookies.push(cookieOf(r) as string);
      acked.push(counterOf(r.body));
    }
    const problems: string[] = [];
    let requests = 0;
    let losses = 0;
    let checked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const load = loadUntilStopped(suite.server.port, suite.server.counterPath, cookies, acked, problems);
      await new Promise((r) => setTimeout(r, 400 + Math.floor(random() * 1200)));
      await suite.server.kill('SIGKILL');
      load.stop();
      await load.done();
      requests += load.requests();
      suite.server = await PierProcess.start(suite.launcher, suite.base, store);
      for (let i = 0; i < SESSIONS; i++) {
        const r = await get(suite.server.port, suite.server.counterPath, cookies[i]);
        const n = counterOf(r.body);
        checked++;
        if (r.status !== 200 || !(n >= acked[i] + 1)) {
          losses++;
          problems.push(`round ${round} session ${i}: ${r.status} n=${n} after ${acked[i]} was acknowledged`);
        }
        if (r.setCookie.length > 0 && cookieOf(r) !== cookies[i]) cookies[i] = cookieOf(r) as string;
        acked[i] = Math.max(acked[i], Number.isNaN(n) ? acked[i] : n);
      }
    }
    reportFigures('SIGKILL rounds', {
      launcher: suite.launcher,
      rounds: ROUNDS,
      sessions: SESSIONS,
      acknowledgedRequests: requests,
      sessionsChecked: checked,
      losses,
    });
    expect(problems, problems.slice(0, 10).join('\n')).to.deep.equal([]);
    expect(losses).to.equal(0);
  });
});
