/**
 * The behavioural suite of SessionCache implementations (DefaultSessionCache, NullSessionCache), driven
 * through a started SessionHandler over a recording in-memory store.
 * @module
 */
import { expect } from 'chai';
import { decodeSessionData, encodeSessionData } from '../../src/session/session-data-codec';
import * as sinon from 'sinon';
import type { AbstractSessionCache } from '../../src/session/abstract-session-cache';
import { Session } from '../../src/session/session';
import { SessionHandler } from '../../src/session/session-handler';
import { FakeRequest } from './fake-request';
import { MemorySessionDataStore } from './memory-session-data-store';
import { spyOnLog } from '../support/log-capture';

export interface CacheContractHooks {
  readonly name: string;
  /** True if the cache keeps Session objects between requests (DefaultSessionCache). */
  readonly keepsSessions: boolean;
  createCache(handler: SessionHandler): AbstractSessionCache;
}

export function sessionCacheContract(h: CacheContractHooks): void {
  describe(`${h.name} (SessionCache contract)`, () => {
    let handler: SessionHandler;
    let cache: AbstractSessionCache;
    let store: MemorySessionDataStore;

    async function setUp(configure?: (c: AbstractSessionCache) => void): Promise<void> {
      handler = new SessionHandler();
      cache = h.createCache(handler);
      store = new MemorySessionDataStore();
      cache.setSessionDataStore(store);
      configure?.(cache);
      handler.setSessionCache(cache);
      handler.setMaxInactiveInterval(600);
      await handler.start();
    }
    afterEach(async () => {
      sinon.restore();
      if (handler?.isRunning()) await handler.stop();
    });

    /** One request that creates a session and leaves. */
    async function createInRequest(attrs: Record<string, unknown> = {}): Promise<Session> {
      const req = new FakeRequest();
      const s = handler.newHttpSession(req) as Session;
      for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
      await handler.completeRequest(req);
      return s;
    }

    /** One request that finds session `id`, runs `fn`, and leaves. */
    async function inRequest<T>(id: string, fn: (s: Session | null) => T): Promise<T> {
      const req = new FakeRequest(`JSESSIONID=${id}.node0`);
      const s = await handler.getHttpSession(`${id}.node0`);
      if (s) {
        handler.enterSession(req, s);
        handler.access(s, false);
      }
      try {
        return fn(s);
      } finally {
        await handler.completeRequest(req);
      }
    }

    it('makes a new session resident with one request, and writes it when that request leaves', async () => {
      await setUp();
      const req = new FakeRequest();
      const s = handler.newHttpSession(req) as Session;
      expect(s.isResident()).to.equal(true);
      expect(s.getRequests()).to.equal(1);
      expect(s.isNew()).to.equal(true);
      expect(store.stores()).to.equal(0);
      await handler.completeRequest(req);
      expect(store.stores()).to.equal(1);
      expect(s.getRequests()).to.equal(0);
    });

    it('writes a new session at once when saveOnCreate is set', async () => {
      await setUp((c) => c.setSaveOnCreate(true));
      const req = new FakeRequest();
      const s = handler.newHttpSession(req) as Session;
      await s.settled();
      expect(store.stores()).to.equal(1);
      await handler.completeRequest(req);
    });

    it('never writes a session created and invalidated within one request', async () => {
      await setUp();
      const req = new FakeRequest();
      const s = handler.newHttpSession(req) as Session;
      s.invalidate();
      await handler.completeRequest(req);
      expect(store.stores()).to.equal(0);
    });

    it('loads a stored session for a later request', async () => {
      await setUp();
      const s = await createInRequest({ n: 1 });
      await inRequest(s.getId(), (found) => {
        expect(found).to.not.equal(null);
        expect(found!.getAttribute('n')).to.equal(1);
        expect(found!.isNew()).to.equal(false);
      });
    });

    if (h.keepsSessions) {
      it('gives concurrent requests one Session object and loads it from the store once', async () => {
        await setUp((c) => c.setEvictionPolicy(0));
        const s = await createInRequest({ n: 1 });
        expect(cache.contains(s.getId())).to.equal(false);
        store.loads = 0;
        store.loadDelayMs = 1;
        const got = await Promise.all(Array.from({ length: 10 }, () => handler.getHttpSession(`${s.getId()}.node0`)));
        expect(store.loads).to.equal(1);
        expect(new Set(got).size).to.equal(1);
        expect(got[0]!.getRequests()).to.equal(10);
        for (const g of got) await cache.release(g!.getId(), g!);
      });

      it('keeps the session in memory between requests with NEVER_EVICT', async () => {
        await setUp();
        const s = await createInRequest();
        expect(cache.contains(s.getId())).to.equal(true);
        expect(s.isResident()).to.equal(true);
      });

      it('evicts after evictionPolicy seconds of inactivity, saving first when saveOnInactiveEviction', async () => {
        const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        await setUp((c) => {
          c.setEvictionPolicy(5);
          c.setSaveOnInactiveEviction(true);
        });
        const s = await createInRequest({ a: 1 });
        const writes = store.stores();
        expect(cache.contains(s.getId())).to.equal(true);
        await clock.tickAsync(4000);
        expect(cache.contains(s.getId())).to.equal(true);
        await clock.tickAsync(2000);
        expect(cache.contains(s.getId())).to.equal(false);
        expect(s.isResident()).to.equal(false);
        expect(store.stores()).to.equal(writes + 1);
        clock.restore();
      });

      it('evicts on inactivity without a write when saveOnInactiveEviction is off', async () => {
        const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        await setUp((c) => c.setEvictionPolicy(5));
        const s = await createInRequest({ a: 1 });
        const writes = store.stores();
        await clock.tickAsync(6000);
        expect(cache.contains(s.getId())).to.equal(false);
        expect(store.stores()).to.equal(writes);
        clock.restore();
      });

      it('writes at shutdown and invalidates instead when invalidateOnShutdown', async () => {
        await setUp();
        const s = await createInRequest();
        s.setAttribute('late', 1);
        await handler.stop();
        expect(decodeOrNull(store, s.getId())).to.not.equal(null);
        await setUp((c) => c.setInvalidateOnShutdown(true));
        const destroyed: string[] = [];
        handler.addEventListener({ sessionDestroyed: (e: { getSession(): { getId(): string } }) => destroyed.push(e.getSession().getId()) });
        const s2 = await createInRequest();
        await handler.stop();
        expect(destroyed).to.deep.equal([s2.getId()]);
        expect(store.records.has(s2.getId())).to.equal(false);
      });
    }

    it(`${h.keepsSessions ? 'leaves nothing in memory between requests with EVICT_ON_SESSION_EXIT' : 'never keeps a session in memory between requests'}`, async () => {
      await setUp((c) => c.setEvictionPolicy(0));
      const s = await createInRequest({ n: 1 });
      expect(cache.contains(s.getId())).to.equal(false);
      expect(s.isResident()).to.equal(false);
      expect(s.hasTimer()).to.equal(false);
      expect(store.records.has(s.getId())).to.equal(true);
      const again = await inRequest(s.getId(), (x) => x);
      expect(again).to.not.equal(s);
      expect(cache.contains(s.getId())).to.equal(false);
    });

    if (h.keepsSessions) {
      it('keeps every update with EVICT_ON_SESSION_EXIT when a request comes and goes while the last write is under way', async () => {
        await setUp((c) => c.setEvictionPolicy(0));
        const id = (await createInRequest({ n: 0 })).getId();
        // a slow database: each write sends the data as it is when the write starts, and the store holds
        // it only when the test opens that write's gate
        const gates: (() => void)[] = [];
        const original = store.store.bind(store);
        sinon.stub(store, 'store').callsFake((sid, data) => {
          const sent = encodeSessionData(data);
          return new Promise<void>((resolve) => gates.push(resolve)).then(async () => {
            await original(sid, data);
            store.records.set(sid, sent);
          });
        });
        const increment = async (req: FakeRequest): Promise<Session> => {
          const s = (await handler.getHttpSession(`${id}.node0`))!;
          handler.enterSession(req, s);
          s.setAttribute('n', (s.getAttribute('n') as number) + 1);
          return s;
        };
        const first = new FakeRequest();
        const a = await increment(first);
        const firstLeft = handler.completeRequest(first);
        await eventuallyTrue(() => gates.length === 1);
        // the second request finds the session in memory while the first one's write (n=1) is in flight
        const second = new FakeRequest();
        expect(await increment(second)).to.equal(a);
        const secondLeft = handler.completeRequest(second);
        gates[0]();
        await firstLeft;
        // its write (n=2) is queued: the session must not leave memory, or the next request loads n=1
        const third = new FakeRequest();
        const c = await increment(third);
        expect(c.getAttribute('n')).to.equal(3);
        await eventuallyTrue(() => gates.length === 2);
        expect(gates).to.have.length(2);
        gates[1]();
        await secondLeft;
        const thirdLeft = handler.completeRequest(third);
        await eventuallyTrue(() => gates.length === 3);
        gates[2]();
        await thirdLeft;
        sinon.restore();
        expect(cache.contains(id)).to.equal(false);
        expect(decodeSessionData(store.records.get(id)!).getAttribute('n')).to.equal(3);
      });

      it('keeps a session whose write failed in memory even with EVICT_ON_SESSION_EXIT, and writes it at the next release', async () => {
        await setUp((c) => c.setEvictionPolicy(0));
        const s = await createInRequest({ n: 1 });
        const id = s.getId();
        const req = new FakeRequest(`JSESSIONID=${id}.node0`);
        const loaded = (await handler.getHttpSession(`${id}.node0`))!;
        handler.enterSession(req, loaded);
        loaded.setAttribute('n', 2);
        const failing = sinon.stub(store, 'store').rejects(new Error('the database is down'));
        let err: unknown;
        try {
          await handler.completeRequest(req);
        } catch (e) {
          err = e;
        }
        expect((err as Error).message).to.equal('the database is down');
        expect(cache.contains(id)).to.equal(true);
        failing.restore();
        await inRequest(id, (x) => expect(x).to.equal(loaded));
        expect(decodeSessionData(store.records.get(id)!).getAttribute('n')).to.equal(2);
        expect(cache.contains(id)).to.equal(false);
      });
    }

    it('calls sessionWillPassivate before each write and sessionDidActivate only when the session stays in memory', async () => {
      await setUp();
      const events: string[] = [];
      const value = { sessionWillPassivate: () => events.push('will'), sessionDidActivate: () => events.push('did') };
      const req = new FakeRequest();
      const s = handler.newHttpSession(req) as Session;
      s.getSessionData().attributes.set('listener', value);
      sinon.stub(store, 'store').callsFake(async (_id, data) => {
        events.push('store');
        data.clean();
      });
      await handler.completeRequest(req);
      expect(events).to.deep.equal(h.keepsSessions ? ['will', 'store', 'did'] : ['will', 'store']);
      s.getSessionData().attributes.delete('listener');
    });

    it('deletes unreadable data when removeUnloadableSessions is set', async () => {
      await setUp((c) => c.setRemoveUnloadableSessions(true));
      store.records.set('broken1', Buffer.from('{oops'));
      expect(await handler.getHttpSession('broken1.node0')).to.equal(null);
      expect(store.records.has('broken1')).to.equal(false);
    });

    it('keeps unreadable data when removeUnloadableSessions is off, reporting it once', async () => {
      await setUp();
      const warn = spyOnLog();
      store.records.set('broken2', Buffer.from('{oops'));
      for (let i = 0; i < 3; i++) expect(await handler.getHttpSession('broken2.node0')).to.equal(null);
      expect(store.records.has('broken2')).to.equal(true);
      expect(warn.callCount).to.equal(1);
      expect(String(warn.firstCall.args[0])).to.match(/Cannot read session 'broken2'/);
    });

    it('flushes a dirty session on commit only when flushOnResponseCommit', async () => {
      await setUp((c) => c.setFlushOnResponseCommit(true));
      const s = await createInRequest();
      const before = store.stores();
      await cache.commit(s);
      expect(store.stores()).to.equal(before);
      s.getSessionData().setDirty(true);
      await cache.commit(s);
      expect(store.stores()).to.equal(before + 1);
    });

    it('removes an invalidated session from the store', async () => {
      await setUp();
      const s = await createInRequest();
      await inRequest(s.getId(), (x) => x!.invalidate());
      expect(store.records.has(s.getId())).to.equal(false);
      expect(await handler.getHttpSession(`${s.getId()}.node0`)).to.equal(null);
    });
  });
}

function decodeOrNull(store: MemorySessionDataStore, id: string): unknown {
  return store.records.get(id) ?? null;
}

/** Turns of the event loop until `check` holds (at most 1000, then it fails): store work runs in between. */
async function eventuallyTrue(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setImmediate(r));
  expect(check()).to.equal(true);
}
