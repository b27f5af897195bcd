/**
 * Tests of CachingSessionDataStore and its factory over in-memory map and store.
 * @module
 */
import { expect } from 'chai';
import { CachingSessionDataStore } from '../../src/session/caching-session-data-store';
import { CachingSessionDataStoreFactory } from '../../src/session/caching-session-data-store-factory';
import { NullSessionDataStoreFactory } from '../../src/session/null-session-data-store-factory';
import { SessionData } from '../../src/session/session-data';
import type { SessionDataMap } from '../../src/session/session-data-map';
import { AbstractLifeCycle } from '../../src/util/component/abstract-life-cycle';
import { MemorySessionDataStore } from './memory-session-data-store';
import { makeContext } from './support';
import { spyOnLog } from '../support/log-capture';
import * as sinon from 'sinon';
import { UnreadableSessionDataError } from '../../src/session/errors';

/** An L2 map kept in memory that counts its calls. */
class MemoryMap extends AbstractLifeCycle implements SessionDataMap {
  readonly entries = new Map<string, SessionData>();
  readonly calls: string[] = [];
  failLoads = false;
  failWrites = false;
  initialize(): void {
    /* nothing */
  }
  async load(id: string): Promise<SessionData | null> {
    this.calls.push(`load:${id}`);
    if (this.failLoads) throw new Error('map down');
    return this.entries.get(id) ?? null;
  }
  async store(id: string, data: SessionData): Promise<void> {
    this.calls.push(`store:${id}`);
    if (this.failWrites) throw new Error('map down');
    const copy = new SessionData(
      id,
      data.getContextPath(),
      data.getVhost(),
      data.getCreated(),
      data.getAccessed(),
      data.getLastAccessed(),
      data.getMaxInactiveMs(),
    );
    copy.putAllAttributes(data.getAllAttributes());
    this.entries.set(id, copy);
  }
  async delete(id: string): Promise<boolean> {
    this.calls.push(`delete:${id}`);
    if (this.failWrites) throw new Error('map down');
    return this.entries.delete(id);
  }
}

describe('CachingSessionDataStore', () => {
  async function setUp(): Promise<{ c: CachingSessionDataStore; map: MemoryMap; store: MemorySessionDataStore }> {
    const map = new MemoryMap();
    const store = new MemorySessionDataStore();
    const c = new CachingSessionDataStore(map, store);
    await c.initialize(makeContext());
    await c.start();
    return { c, map, store };
  }

  it('writes the delegate first, then the cache', async () => {
    const { c, map, store } = await setUp();
    const d = c.newSessionData('a', Date.now(), Date.now(), Date.now(), 60_000);
    await c.store('a', d);
    expect(store.records.has('a')).to.equal(true);
    expect(map.entries.has('a')).to.equal(true);
  });

  it('does not write the cache when the delegate skipped the write', async () => {
    const { c, map, store } = await setUp();
    store.setSavePeriodSec(3600);
    const d = c.newSessionData('b', Date.now(), Date.now(), Date.now(), 60_000);
    await c.store('b', d);
    map.calls.length = 0;
    d.setAccessed(Date.now() + 1);
    await c.store('b', d);
    expect(map.calls).to.deep.equal([]);
  });

  it('reads the cache first and falls back to the delegate without filling the cache', async () => {
    const { c, map, store } = await setUp();
    const d = c.newSessionData('c', Date.now(), Date.now(), Date.now(), 60_000);
    await store.store('c', d);
    const back = await c.load('c');
    expect(back!.getId()).to.equal('c');
    expect(map.entries.has('c')).to.equal(false);
    map.failLoads = true;
    const warn = spyOnLog();
    expect((await c.load('c'))!.getId()).to.equal('c');
    expect(
      warn.calledOnce &&
        warn.firstCall.args[0].startsWith("Cannot load session 'c' in the session data cache of context '_test' vhost '0.0.0.0': map down"),
    ).to.equal(true);
  });

  it('deletes from the delegate then the cache, and passes expiry and passivation to the delegate', async () => {
    const { c, map, store } = await setUp();
    const d = c.newSessionData('d', Date.now(), Date.now(), Date.now(), 60_000);
    await c.store('d', d);
    expect(await c.delete('d')).to.equal(true);
    expect(store.records.has('d')).to.equal(false);
    expect(map.entries.has('d')).to.equal(false);
    expect(c.isPassivating()).to.equal(true);
    expect([...(await c.getExpired(new Set(['gone'])))]).to.deep.equal(['gone']);
  });

  it('writes the cache again when two writes of a session fall in one millisecond', async () => {
    const clock = sinon.useFakeTimers({ now: 5_000_000, toFake: ['Date'] });
    try {
      const { c, map } = await setUp();
      const d = c.newSessionData('ms', Date.now(), Date.now(), Date.now(), 60_000);
      d.setAttribute('v', 1);
      await c.store('ms', d);
      d.setAttribute('v', 2);
      await c.store('ms', d);
      expect(map.entries.get('ms')!.getAttribute('v')).to.equal(2);
    } finally {
      clock.restore();
    }
  });

  it('counts the loads the cache answered with a session as hits and without one as misses, but not the exists checks', async () => {
    const { c, store } = await setUp();
    const d = c.newSessionData('k', Date.now(), Date.now(), Date.now(), 60_000);
    await c.store('k', d);
    await c.load('k');
    await c.load('k');
    await c.load('nobody');
    await store.store('only-in-store', c.newSessionData('only-in-store', Date.now(), Date.now(), Date.now(), 60_000));
    await c.load('only-in-store');
    expect(await c.exists('k')).to.equal(true);
    expect(await c.exists('nobody')).to.equal(false);
    expect(c.getCacheStatistics()).to.deep.equal({ hits: 2, misses: 2, errors: { load: 0, store: 0, delete: 0 }, bypassed: 0 });
  });

  describe('when the cache fails', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    });
    afterEach(() => clock.restore());

    it('logs one WARN for the outage, answers from the store, and leaves the cache alone for a second', async () => {
      const { c, map, store } = await setUp();
      const d = c.newSessionData('e', Date.now(), Date.now(), Date.now(), 60_000);
      await store.store('e', d);
      map.failLoads = true;
      map.failWrites = true;
      const warn = spyOnLog();
      for (let i = 0; i < 20; i++) expect((await c.load('e'))!.getId()).to.equal('e');
      d.setAttribute('v', 2);
      await c.store('e', d);
      expect(warn.callCount).to.equal(1);
      expect(map.calls.filter((x) => x.startsWith('load')).length).to.equal(1);
      expect(map.calls.filter((x) => x.startsWith('store')).length).to.equal(0);
      expect(c.isCacheAvailable()).to.equal(false);
      // the one load that reached the cache failed; the 19 loads and the write after it skipped the cache
      expect(c.getCacheStatistics()).to.deep.equal({ hits: 0, misses: 0, errors: { load: 1, store: 0, delete: 0 }, bypassed: 20 });
    });

    it('removes from the cache what changed while it was away before reading it again, then says it is back', async () => {
      const { c, map } = await setUp();
      const d = c.newSessionData('f', Date.now(), Date.now(), Date.now(), 60_000);
      d.setAttribute('v', 1);
      await c.store('f', d);
      map.failWrites = true;
      d.setAttribute('v', 2);
      await c.store('f', d);
      expect(map.entries.get('f')!.getAttribute('v')).to.equal(1);
      expect((await c.load('f'))!.getAttribute('v')).to.equal(2);
      map.failWrites = false;
      clock.tick(1001);
      const info = spyOnLog('INFO');
      expect((await c.load('f'))!.getAttribute('v')).to.equal(2);
      expect(map.entries.has('f')).to.equal(false);
      expect(info.calledOnce && /answers again/.test(info.firstCall.args[0])).to.equal(true);
      expect(c.isCacheAvailable()).to.equal(true);
    });

    it('never fails a write, a delete or a renewal because of the cache', async () => {
      const { c, map, store } = await setUp();
      map.failWrites = true;
      const d = c.newSessionData('g', Date.now(), Date.now(), Date.now(), 60_000);
      await c.store('g', d);
      await c.renew('g', 'h', d);
      expect(await c.delete('h')).to.equal(true);
      expect(store.records.size).to.equal(0);
    });

    it('removes an entry it cannot decode and answers from the store, without counting it as an outage', async () => {
      const { c, map, store } = await setUp();
      const d = c.newSessionData('u', Date.now(), Date.now(), Date.now(), 60_000);
      await store.store('u', d);
      map.entries.set('u', d);
      map.load = async () => {
        throw new UnreadableSessionDataError('u', null, { cause: new TypeError('bad bytes') });
      };
      expect((await c.load('u'))!.getId()).to.equal('u');
      expect(c.isCacheAvailable()).to.equal(true);
      await new Promise((r) => setImmediate(r));
      expect(map.entries.has('u')).to.equal(false);
      expect(c.getCacheStatistics().errors).to.deep.equal({ load: 1, store: 0, delete: 0 });
    });
  });

  it('is made by CachingSessionDataStoreFactory, which needs both factories', () => {
    const f = new CachingSessionDataStoreFactory();
    expect(() => f.getSessionDataStore(null)).to.throw(/no sessionStoreFactory/);
    f.setSessionStoreFactory(new NullSessionDataStoreFactory());
    expect(() => f.getSessionDataStore(null)).to.throw(/no sessionDataMapFactory/);
    f.setSessionDataMapFactory({ getSessionDataMap: () => new MemoryMap() });
    expect(f.getSessionDataStore(null)).to.be.instanceOf(CachingSessionDataStore);
  });
});
