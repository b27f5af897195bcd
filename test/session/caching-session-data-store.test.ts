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

/** An L2 map kept in memory that counts its calls. */
class MemoryMap extends AbstractLifeCycle implements SessionDataMap {
  readonly entries = new Map<string, SessionData>();
  readonly calls: string[] = [];
  failLoads = false;
  initialize(): void { /* nothing */ }
  async load(id: string): Promise<SessionData | null> {
    this.calls.push(`load:${id}`);
    if (this.failLoads) throw new Error('map down');
    return this.entries.get(id) ?? null;
  }
  async store(id: string, data: SessionData): Promise<void> { this.calls.push(`store:${id}`); this.entries.set(id, data); }
  async delete(id: string): Promise<boolean> { this.calls.push(`delete:${id}`); return this.entries.delete(id); }
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
    expect(warn.calledOnce && warn.firstCall.args[0].startsWith("Cannot load session 'c' from the session data cache: ")).to.equal(true);
  });

  it('deletes from the delegate then the cache, and passes expiry and passivation to the delegate', async () => {
    const { c, map, store } = await setUp();
    const d = c.newSessionData('d', Date.now(), Date.now(), Date.now(), 60_000);
    await c.store('d', d);
    expect(await c.delete('d')).to.equal(true);
    expect(store.records.has('d')).to.equal(false);
    expect(map.entries.has('d')).to.equal(false);
    expect(c.isPassivating()).to.equal(true);
    expect([...await c.getExpired(new Set(['gone']))]).to.deep.equal(['gone']);
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
