/**
 * memcached going away under a CachingSessionDataStore, on a real memcached: killed (connections refused)
 * and unreachable behind a proxy that stops answering (memcached keeps its entries meanwhile). Requests never fail, one WARN says the cache is
 * away, the store answers, and once memcached answers again the cache is used again without ever serving
 * a copy older than the store's.
 * @module
 */
import { expect } from 'chai';
import * as memjs from 'memjs';
import { CachingSessionDataStore } from '../../src/session/caching-session-data-store';
import type { SessionData } from '../../src/session/session-data';
import { FileSessionDataStore } from '../../src/session/stores/file/file-session-data-store';
import { MemcachedSessionDataMap, type MemcachedClient } from '../../src/session/stores/memcached/memcached-session-data-map';
import { requireMemcached, type ServerProcess } from '../support/cache-servers';
import { spyOnLog } from '../support/log-capture';
import { TcpProxy } from '../support/tcp-proxy';
import { makeContext, tempDir } from '../session/support';

describe('A memcached session data cache that goes away', function () {
  this.timeout(60_000);
  let memcached: ServerProcess;
  let tmp: { dir: string; cleanup: () => void };
  let store: CachingSessionDataStore;
  let calls: number;

  before(async function () {
    memcached = await requireMemcached(this, { private: true });
  });
  after(async () => {
    await memcached?.stop();
  });

  beforeEach(async () => {
    tmp = tempDir('pier-memcached-outage-');
    const file = new FileSessionDataStore();
    file.setStoreDir(tmp.dir);
    const map = new MemcachedSessionDataMap('127.0.0.1', String(memcached.port));
    store = new CachingSessionDataStore(map, file);
    await store.initialize(makeContext('/ctx'));
    await store.start();
    // count the operations that reach the memcached client
    calls = 0;
    const client = map.getMemcachedClient() as MemcachedClient;
    for (const op of ['get', 'set', 'delete'] as const) {
      const original = client[op].bind(client) as (...a: unknown[]) => Promise<unknown>;
      (client as unknown as Record<string, unknown>)[op] = (...a: unknown[]) => {
        if (typeof a[a.length - 1] !== 'function') calls++;
        return original(...a);
      };
    }
  });
  afterEach(async () => {
    memcached.resume();
    await memcached.restart();
    await store.stop();
    tmp.cleanup();
  });

  function raw(): memjs.Client {
    return memjs.Client.create(`127.0.0.1:${memcached.port}`, { logger: { log: () => undefined } });
  }

  async function cached(id: string): Promise<unknown> {
    const c = raw();
    try {
      const { value } = await c.get(`_ctx_0.0.0.0_${id}`);
      return value === null ? null : JSON.parse(value.toString('utf8')).attributes.v;
    } finally {
      c.close();
    }
  }

  function newSession(id: string, v: number): SessionData {
    const d = store.newSessionData(id, Date.now(), Date.now(), Date.now(), 60_000);
    d.setAttribute('v', v);
    return d;
  }

  it('answers every request from the store while memcached is killed, with one WARN, and uses memcached again once it is back', async () => {
    const d = newSession('killed1', 1);
    await store.store('killed1', d);
    expect(await cached('killed1')).to.equal(1);
    await memcached.kill();
    calls = 0;
    const warn = spyOnLog();
    const info = spyOnLog('INFO');
    for (let i = 0; i < 30; i++) expect((await store.load('killed1'))!.getAttribute('v')).to.equal(1);
    d.setAttribute('v', 2);
    await store.store('killed1', d);
    expect(warn.callCount).to.equal(1);
    expect(warn.firstCall.args[0]).to.match(
      /^Cannot load session 'killed1' in the session data cache of context '_ctx' vhost '0.0.0.0': .*; the store alone answers until the cache is back$/,
    );
    expect(calls, 'operations sent to memcached while it was away').to.be.at.most(2);
    expect(store.isCacheAvailable()).to.equal(false);

    await memcached.restart();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await store.load('killed1'))!.getAttribute('v')).to.equal(2);
    expect(info.callCount).to.equal(1);
    expect(info.firstCall.args[0]).to.match(/session data cache of context '_ctx' vhost '0.0.0.0' answers again/);
    d.setAttribute('v', 3);
    await store.store('killed1', d);
    expect(await cached('killed1')).to.equal(3);
    expect(warn.callCount).to.equal(1);
  });

  it('never serves the copy an unreachable memcached kept of a session written meanwhile', async () => {
    const proxy = await TcpProxy.start(memcached.port);
    const map = new MemcachedSessionDataMap('127.0.0.1', String(proxy.port));
    const file = new FileSessionDataStore();
    file.setStoreDir(tmp.dir);
    const partitioned = new CachingSessionDataStore(map, file);
    await partitioned.initialize(makeContext('/ctx'));
    await store.stop();
    await partitioned.start();
    try {
      const d = partitioned.newSessionData('hung1', Date.now(), Date.now(), Date.now(), 60_000);
      d.setAttribute('v', 1);
      await partitioned.store('hung1', d);
      expect(await cached('hung1')).to.equal(1);
      proxy.hang();
      const warn = spyOnLog();
      d.setAttribute('v', 2);
      await partitioned.store('hung1', d);
      expect(warn.callCount).to.equal(1);
      expect(warn.firstCall.args[0]).to.match(/^Cannot store session 'hung1' in the session data cache/);
      expect((await partitioned.load('hung1'))!.getAttribute('v')).to.equal(2);
      expect(await cached('hung1'), 'the copy memcached kept').to.equal(1);
      proxy.restore();
      await new Promise((r) => setTimeout(r, 1100));
      expect((await partitioned.load('hung1'))!.getAttribute('v')).to.equal(2);
      expect(await cached('hung1'), 'the stale copy is removed before memcached is read again').to.equal(null);
      expect(partitioned.isCacheAvailable()).to.equal(true);
      expect(warn.callCount).to.equal(1);
    } finally {
      await partitioned.stop();
      await proxy.close();
      await store.start();
    }
  });
});
