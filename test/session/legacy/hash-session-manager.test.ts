/**
 * End-to-end tests of HashSessionManager over real HTTP: save at stop, restore at start, lazy load, idle save.
 * @module
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { SharedStoreDirectoryError } from '../../../src/session/legacy/errors';
import { HashSessionManager } from '../../../src/session/legacy/hash-session-manager';
import { STORE_LOCK_FILE } from '../../../src/session/store-folder-lock';
import { SessionHandler } from '../../../src/session/session-handler';
import { Client, buildServer, mapBounded, portOf, sessionFiles, tempDir } from './support';
import { spyOnLog } from '../../support/log-capture';
import { fakeClock, tickUntil } from '../../support/fake-clock';

describe('HashSessionManager', () => {
  let dirs: string[] = [];
  const fresh = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    sinon.restore();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    dirs = [];
  });

  it('is the handler that new SessionHandler(manager) constructs', () => {
    const m = new HashSessionManager();
    expect(new SessionHandler(m)).to.equal(m);
    expect(new SessionHandler()).to.not.equal(m);
  });

  it('saves every valid session at stop and restores them, attributes included, at start', async () => {
    const dir = fresh();
    const { server } = buildServer([{ contextPath: '/app', configure: (m) => m.setStoreDirectory(dir) }]);
    await server.start();
    const client = new Client(portOf(server));
    try {
      const a = await client.get('/app/inc');
      await client.get('/app/inc', a.cookie);
      const b = await client.get('/app/set?name=colour&value=blue');
      await server.stop();
      expect(sessionFiles(dir).sort()).to.deep.equal([a.body.id, b.body.id].sort());
      await server.start();
      client.setPort(portOf(server));
      const ra = await client.get('/app/get', a.cookie);
      const rb = await client.get('/app/get', b.cookie);
      expect(ra.body.count).to.equal(2);
      expect(rb.body.attributes).to.deep.equal({ colour: 'blue' });
      expect(sessionFiles(dir)).to.deep.equal([]);
    } finally {
      client.close();
      await server.stop();
    }
  });

  // A few hundred sessions cover the save and restore of many at once; test/reliability's soak takes 10,000 through bin/start.
  it('keeps 300 sessions in memory and on disk, all of them with their attributes, across a stop and a start (10,000 through bin/start in the reliability suite)', async function () {
    this.timeout(120000);
    const COUNT = 300;
    const dir = fresh();
    const { server, apps } = buildServer([{ contextPath: '/app', configure: (m) => m.setStoreDirectory(dir) }]);
    await server.start();
    const client = new Client(portOf(server));
    try {
      const made = await mapBounded(COUNT, 32, (i) => client.get(`/app/set?name=n&value=v${i}`));
      await server.stop();
      expect(sessionFiles(dir).length).to.equal(COUNT);
      await server.start();
      client.setPort(portOf(server));
      expect(apps[0].manager.getHashSessionCache().sessions().length).to.equal(COUNT);
      const back = await mapBounded(COUNT, 32, (i) => client.get('/app/get', made[i].cookie));
      const wrong = back.filter((r, i) => r.body?.attributes?.n !== `v${i}`);
      expect(wrong.length).to.equal(0);
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('with lazyLoad reads no session file before the first request for that session', async () => {
    const dir = fresh();
    const { server } = buildServer([
      {
        contextPath: '/app',
        configure: (m) => {
          m.setStoreDirectory(dir);
          m.setLazyLoad(true);
        },
      },
    ]);
    await server.start();
    const client = new Client(portOf(server));
    try {
      const a = await client.get('/app/inc');
      const b = await client.get('/app/inc');
      await server.stop();
      const reads = sinon.spy(fs.promises, 'readFile');
      await server.start();
      client.setPort(portOf(server));
      const read = (): string[] => reads.getCalls().map((c) => path.basename(String(c.args[0])));
      expect(read()).to.not.include(a.body.id);
      expect(read()).to.not.include(b.body.id);
      const ra = await client.get('/app/get', a.cookie);
      expect(ra.body.count).to.equal(1);
      expect(read()).to.include(a.body.id);
      expect(read()).to.not.include(b.body.id);
      expect(sessionFiles(dir)).to.deep.equal([b.body.id]);
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('writes an idle session to disk, releases it from memory and reads it back on the next request', async () => {
    const dir = fresh();
    const { server, apps } = buildServer([
      {
        contextPath: '/app',
        configure: (m) => {
          m.setStoreDirectory(dir);
          m.setIdleSavePeriod(1);
          m.setScavengePeriod(1);
        },
      },
    ]);
    // the manager's scavenge and save timers are setIntervals
    const clock = fakeClock(['setInterval', 'clearInterval', 'Date']);
    await server.start();
    const client = new Client(portOf(server));
    try {
      const a = await client.get('/app/set?name=colour&value=red');
      const cache = apps[0].manager.getHashSessionCache();
      expect(cache.contains(a.body.id)).to.equal(true);
      expect(await tickUntil(clock, () => fs.existsSync(path.join(dir, a.body.id)) && !cache.contains(a.body.id))).to.equal(true);
      const back = await client.get('/app/get', a.cookie);
      expect(back.body.attributes).to.deep.equal({ colour: 'red' });
      expect(cache.contains(a.body.id)).to.equal(true);
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('writes changed sessions every savePeriod and keeps the files after restore', async () => {
    const dir = fresh();
    const { server } = buildServer([
      {
        contextPath: '/app',
        configure: (m) => {
          m.setStoreDirectory(dir);
          m.setSavePeriod(1);
        },
      },
    ]);
    // the manager's scavenge and save timers are setIntervals
    const clock = fakeClock(['setInterval', 'clearInterval', 'Date']);
    await server.start();
    const client = new Client(portOf(server));
    try {
      const a = await client.get('/app/inc');
      const file = path.join(dir, a.body.id);
      expect(await tickUntil(clock, () => fs.existsSync(file))).to.equal(true);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).attributes).to.deep.equal({ count: 1 });
      await server.stop();
      await server.start();
      client.setPort(portOf(server));
      expect((await client.get('/app/get', a.cookie)).body.count).to.equal(1);
      expect(fs.existsSync(file)).to.equal(true);
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('does not restore an expired session and deletes its file', async () => {
    const dir = fresh();
    const { server, apps } = buildServer([{ contextPath: '/app', configure: (m) => m.setStoreDirectory(dir) }]);
    await server.start();
    const client = new Client(portOf(server));
    try {
      const a = await client.get('/app/empty?max=1');
      await server.stop();
      const file = path.join(dir, a.body.id);
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      doc.accessed -= 5000;
      doc.expiry -= 5000;
      fs.writeFileSync(file, JSON.stringify(doc));
      await server.start();
      client.setPort(portOf(server));
      expect(apps[0].manager.getHashSessionCache().sessions().length).to.equal(0);
      expect(fs.existsSync(file)).to.equal(false);
      expect((await client.get('/app/get', a.cookie)).body).to.equal(null);
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('restores a session saved with no attributes with its timeout, and it then expires', async () => {
    const dir = fresh();
    const { server, apps } = buildServer([
      {
        contextPath: '/app',
        configure: (m) => {
          m.setStoreDirectory(dir);
          m.setScavengePeriod(1);
        },
      },
    ]);
    const destroyed: string[] = [];
    apps[0].manager.addEventListener({ sessionDestroyed: (e: { getSession(): { getId(): string } }) => destroyed.push(e.getSession().getId()) });
    // the manager's scavenge and save timers are setIntervals
    const clock = fakeClock(['setInterval', 'clearInterval', 'Date']);
    await server.start();
    const client = new Client(portOf(server));
    try {
      const a = await client.get('/app/empty?max=1');
      await server.stop();
      expect(JSON.parse(fs.readFileSync(path.join(dir, a.body.id), 'utf8'))).to.include({ maxInactiveMs: 1000 });
      await server.start();
      const restored = apps[0].manager.getHashSessionCache().sessions();
      expect(restored.map((s) => s.getId())).to.deep.equal([a.body.id]);
      expect(restored[0].getMaxInactiveInterval()).to.equal(1);
      expect(await tickUntil(clock, () => destroyed.includes(a.body.id))).to.equal(true);
      client.setPort(portOf(server));
      expect((await client.get('/app/get', a.cookie)).body).to.equal(null);
    } finally {
      client.close();
      await server.stop();
    }
  });

  describe('with an unreadable file', () => {
    for (const [del, lazy] of [
      [false, true],
      [true, true],
      [false, false],
      [true, false],
    ]) {
      it(`${del ? 'deletes' : 'keeps'} it when deleteUnrestorableSessions is ${del}, reporting it once (${lazy ? 'lazy' : 'eager'} restore)`, async () => {
        const dir = fresh();
        fs.writeFileSync(path.join(dir, 'brokenSession1'), '{not json');
        const warn = spyOnLog();
        const { server } = buildServer([
          {
            contextPath: '/app',
            configure: (m) => {
              m.setStoreDirectory(dir);
              m.setDeleteUnrestorableSessions(del);
              m.setLazyLoad(lazy);
            },
          },
        ]);
        await server.start();
        const client = new Client(portOf(server));
        try {
          const r1 = await client.get('/app/get', 'JSESSIONID=brokenSession1.node0');
          const r2 = await client.get('/app/get', 'JSESSIONID=brokenSession1.node0');
          expect(r1.body).to.equal(null);
          expect(r2.body).to.equal(null);
          const reports = warn.getCalls().filter((c) => String(c.args[0]).includes('brokenSession1'));
          expect(reports.length, reports.map((c) => String(c.args[0])).join('\n')).to.equal(1);
          expect(String(reports[0].args[0])).to.match(/^Cannot restore session file/);
          expect(fs.existsSync(path.join(dir, 'brokenSession1'))).to.equal(!del);
        } finally {
          client.close();
          await server.stop();
        }
      });
    }
  });

  it('never reads or writes outside storeDirectory for a crafted session id', async () => {
    const dir = fresh();
    const outside = path.join(path.dirname(dir), `${path.basename(dir)}-secret`);
    fs.writeFileSync(outside, JSON.stringify({ format: 'pier-session' }));
    dirs.push(outside);
    const { server } = buildServer([
      {
        contextPath: '/app',
        configure: (m) => {
          m.setStoreDirectory(dir);
          m.setLazyLoad(true);
        },
      },
    ]);
    await server.start();
    const client = new Client(portOf(server));
    const reads = sinon.spy(fs.promises, 'readFile');
    try {
      const r = await client.get('/app/get', `JSESSIONID=..%2F${path.basename(outside)}`);
      const r2 = await client.get(`/app/get;jsessionid=../${path.basename(outside)}`);
      expect(r.body).to.equal(null);
      expect(r2.body).to.equal(null);
      expect(reads.getCalls().map((c) => String(c.args[0]))).to.not.include(outside);
      expect(new HashSessionManager().getHashSessionCache().getHashSessionDataStore().getFileFor('../x')).to.equal(null);
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('refuses to start a second manager on the same storeDirectory, naming both contexts', async () => {
    const dir = fresh();
    const { server } = buildServer([
      { contextPath: '/one', configure: (m) => m.setStoreDirectory(dir) },
      { contextPath: '/two', configure: (m) => m.setStoreDirectory(path.join(dir, '.', '')) },
    ]);
    let error: unknown = null;
    try {
      await server.start();
    } catch (err) {
      error = err;
    } finally {
      await server.stop().catch(() => undefined);
    }
    expect(error).to.be.instanceOf(SharedStoreDirectoryError);
    expect((error as Error).message).to.equal(
      `Cannot start HashSessionManager of context '/two': storeDirectory '${dir}' is already used by the HashSessionManager of context '/one' (give each web app its own storeDirectory)`,
    );
  });

  it('without a storeDirectory writes nothing and invalidates every session at stop, as Jetty 9.3', async () => {
    const { server, apps } = buildServer([{ contextPath: '/app', configure: () => undefined }]);
    const destroyed: string[] = [];
    apps[0].manager.addEventListener({ sessionDestroyed: (e: { getSession(): { getId(): string } }) => destroyed.push(e.getSession().getId()) });
    await server.start();
    const client = new Client(portOf(server));
    try {
      const a = await client.get('/app/inc');
      await server.stop();
      expect(destroyed).to.deep.equal([a.body.id]);
      await server.start();
      client.setPort(portOf(server));
      expect((await client.get('/app/get', a.cookie)).body).to.equal(null);
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('sees through a symbolic link when two managers share a storeDirectory', async () => {
    const dir = fresh();
    const link = `${dir}-link`;
    fs.symlinkSync(dir, link);
    dirs.push(link);
    const { server } = buildServer([
      { contextPath: '/one', configure: (m) => m.setStoreDirectory(dir) },
      { contextPath: '/two', configure: (m) => m.setStoreDirectory(link) },
    ]);
    let error: unknown = null;
    try {
      await server.start();
    } catch (err) {
      error = err;
    } finally {
      await server.stop().catch(() => undefined);
    }
    expect(error).to.be.instanceOf(SharedStoreDirectoryError);
    expect((error as SharedStoreDirectoryError).otherContext).to.equal('/one');
  });

  it('refuses a storeDirectory another live process holds, and takes it once that process died', async () => {
    const dir = fresh();
    const lockModule = path.resolve(__dirname, '..', '..', '..', 'src', 'session', 'store-folder-lock.js');
    const holder = spawn(process.execPath, [
      '-e',
      `require(${JSON.stringify(lockModule)}).lockStoreFolder(${JSON.stringify(dir)}, "HashSessionManager of context '/elsewhere'"); process.stdout.write("held"); setInterval(() => {}, 60000);`,
    ]);
    const holderGone = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const { server } = buildServer([{ contextPath: '/app', configure: (m) => m.setStoreDirectory(dir) }]);
      let error: unknown = null;
      try {
        await server.start();
      } catch (err) {
        error = err;
      } finally {
        await server.stop().catch(() => undefined);
      }
      expect((error as Error)?.message).to.match(
        new RegExp(
          `^Cannot start HashSessionManager of context '/app': session store folder '${dir}' is in use by process ${holder.pid} on host '[^']+' \\(HashSessionManager of context '/elsewhere', since `,
        ),
      );
      holder.kill('SIGKILL');
      await holderGone;
      await server.start();
      try {
        expect(JSON.parse(fs.readFileSync(path.join(dir, STORE_LOCK_FILE), 'utf8'))).to.include({
          pid: process.pid,
          owner: "HashSessionManager of context '/app'",
        });
      } finally {
        await server.stop();
      }
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('is not blocked by a lock file whose pid now belongs to some other live process (after a reboot, in a container)', async () => {
    const dir = fresh();
    fs.writeFileSync(path.join(dir, STORE_LOCK_FILE), JSON.stringify({ pid: process.ppid, context: '/before-the-reboot' }));
    fs.writeFileSync(path.join(dir, '.pier-hash-sessions.lock'), JSON.stringify({ pid: process.ppid, context: '/before-the-reboot' }));
    const { server } = buildServer([{ contextPath: '/app', configure: (m) => m.setStoreDirectory(dir) }]);
    await server.start();
    const client = new Client(portOf(server));
    try {
      expect((await client.get('/app/inc')).status).to.equal(200);
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('keeps the sessions of several web apps apart, each in its own storeDirectory', async () => {
    const d1 = fresh();
    const d2 = fresh();
    const { server } = buildServer([
      { contextPath: '/one', configure: (m) => m.setStoreDirectory(d1) },
      { contextPath: '/two', configure: (m) => m.setStoreDirectory(d2) },
    ]);
    await server.start();
    const client = new Client(portOf(server));
    try {
      const a = await client.get('/one/set?name=app&value=one');
      const b = await client.get('/two/set?name=app&value=two');
      await server.stop();
      expect(sessionFiles(d1)).to.deep.equal([a.body.id]);
      expect(sessionFiles(d2)).to.deep.equal([b.body.id]);
      await server.start();
      client.setPort(portOf(server));
      expect((await client.get('/one/get', a.cookie)).body.attributes).to.deep.equal({ app: 'one' });
      expect((await client.get('/two/get', b.cookie)).body.attributes).to.deep.equal({ app: 'two' });
    } finally {
      client.close();
      await server.stop();
    }
  });
});

describe('HashSessionManager restored sessions and the application', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  for (const lazy of [false, true]) {
    it(`${lazy ? 'with' : 'without'} lazyLoad, activates a restored session only at its first request, after contextInitialized`, async () => {
      const dir = tempDir();
      dirs.push(dir);
      const log: string[] = [];
      const { server, apps } = buildServer([
        {
          contextPath: '/app',
          configure: (m) => {
            m.setStoreDirectory(dir);
            m.setLazyLoad(lazy);
          },
        },
      ]);
      apps[0].context.addEventListener({
        contextInitialized: () => {
          log.push('contextInitialized');
        },
      });
      apps[0].manager.addEventListener({
        sessionWillPassivate: (e: { getSession(): { getId(): string } }) => log.push(`willPassivate ${e.getSession().getId()}`),
        sessionDidActivate: (e: { getSession(): { getId(): string; getAttribute(n: string): unknown } }) =>
          log.push(`didActivate ${e.getSession().getId()} count=${String(e.getSession().getAttribute('count'))}`),
      });
      await server.start();
      const client = new Client(portOf(server));
      try {
        const a = await client.get('/app/inc');
        await server.stop();
        expect(log).to.deep.equal(['contextInitialized', `willPassivate ${a.body.id}`]);
        log.length = 0;
        await server.start();
        expect(apps[0].manager.getHashSessionCache().sessions().length).to.equal(lazy ? 0 : 1);
        expect(log).to.deep.equal(['contextInitialized']);
        client.setPort(portOf(server));
        expect((await client.get('/app/get', a.cookie)).body.count).to.equal(1);
        await client.get('/app/get', a.cookie);
        expect(log).to.deep.equal(['contextInitialized', `didActivate ${a.body.id} count=1`]);
      } finally {
        client.close();
        await server.stop();
      }
    });
  }
});
