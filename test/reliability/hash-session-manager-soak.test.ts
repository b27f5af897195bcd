/**
 * The seeds' HashSessionManager base through bin/start with 10,000 sessions: every one of them is
 * saved at a SIGTERM and comes back, attributes included, after a restart.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { copySeedFixtures, get, launch, stop } from '../session/legacy/seed-base';
import { mapBounded, sessionFiles } from '../session/legacy/support';

describe('HashSessionManager under 10,000 sessions through bin/start', () => {
  let root: string;
  beforeEach(() => {
    root = copySeedFixtures();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps 10,000 sessions, all of them with their attributes, across a SIGTERM and a restart', async function () {
    this.timeout(180000);
    const base = path.join(root, 'base');
    const store = path.join(base, 'your/chosen/directory/goes/here');
    let run = await launch(base);
    let cookies: (string | null)[];
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 32 });
    try {
      cookies = (await mapBounded(10000, 32, (i) => get(run.port, `/counter/set?v=s${i}`, null, keepAlive))).map((r) => r.cookie);
    } finally {
      keepAlive.destroy();
      await stop(run.child);
    }
    expect(new Set(cookies).size).to.equal(10000);
    expect(sessionFiles(store).length).to.equal(10000);
    run = await launch(base);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    try {
      const back = await mapBounded(10000, 32, (i) => get(run.port, '/counter/v', cookies[i], agent));
      expect(back.filter((r, i) => r.body !== `v=s${i}`).length).to.equal(0);
      expect(sessionFiles(store).length).to.equal(0);
    } finally {
      agent.destroy();
      await stop(run.child);
    }
    expect(sessionFiles(store).length).to.equal(10000);
  });
});
