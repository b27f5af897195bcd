/**
 * MemcachedSessionDataMap and its factory on a real memcached: keys qualified by context and vhost, reads
 * answered by memcached, lastSaved kept, weights, expirySec, ids memcached cannot hold.
 * @module
 */
import { expect } from 'chai';
import * as memjs from 'memjs';
import { CachingSessionDataStore } from '../../../../src/session/caching-session-data-store';
import type { SessionContext } from '../../../../src/session/session-context';
import { MemcachedSessionDataMap } from '../../../../src/session/stores/memcached/memcached-session-data-map';
import { MemcachedSessionDataMapFactory } from '../../../../src/session/stores/memcached/memcached-session-data-map-factory';
import { chooseServer } from '../../../../src/session/stores/memcached/weighted-servers';
import { requireMemcached, startMemcached, type ServerProcess } from '../../../support/cache-servers';
import { MemorySessionDataStore } from '../../memory-session-data-store';
import { makeContext } from '../../support';

const address = (host: string, port: number) => ({ getHostString: () => host, getPort: () => port });

describe('MemcachedSessionDataMap', function () {
  this.timeout(20_000);
  let memcached: ServerProcess;
  let raw: memjs.Client;
  const started: { stop(): Promise<void> }[] = [];

  before(async function () {
    memcached = await requireMemcached(this);
    raw = memjs.Client.create(`127.0.0.1:${memcached.port}`, { logger: { log: () => undefined } });
  });
  after(async () => {
    raw?.close();
    await memcached?.stop();
  });
  afterEach(async () => {
    for (const s of started.splice(0)) await s.stop();
  });

  async function mapFor(context: SessionContext, configure?: (m: MemcachedSessionDataMap) => void): Promise<MemcachedSessionDataMap> {
    const m = new MemcachedSessionDataMap('127.0.0.1', String(memcached.port));
    configure?.(m);
    m.initialize(context);
    await m.start();
    started.push(m);
    return m;
  }

  async function caching(context: SessionContext): Promise<{ store: CachingSessionDataStore; delegate: MemorySessionDataStore }> {
    const delegate = new MemorySessionDataStore();
    const store = new CachingSessionDataStore(new MemcachedSessionDataMap('127.0.0.1', String(memcached.port)), delegate);
    await store.initialize(context);
    await store.start();
    started.push(store);
    return { store, delegate };
  }

  const unique = () => `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  it('keys each entry by canonical context path, vhost and id, so two contexts sharing an id keep two entries', async () => {
    const id = unique();
    const a = await mapFor(makeContext('/a'));
    const b = await mapFor(makeContext('/b', 'shop.example'));
    const da = (await caching(makeContext('/a'))).store.newSessionData(id, 1, 1, 1, 60_000);
    da.setAttribute('who', 'a');
    await a.store(id, da);
    const db = (await caching(makeContext('/b', 'shop.example'))).store.newSessionData(id, 1, 1, 1, 60_000);
    db.setAttribute('who', 'b');
    await b.store(id, db);
    expect(a.keyOf(id)).to.equal(`_a_0.0.0.0_${id}`);
    expect(b.keyOf(id)).to.equal(`_b_shop.example_${id}`);
    expect((await a.load(id))!.getAttribute('who')).to.equal('a');
    expect((await b.load(id))!.getAttribute('who')).to.equal('b');
    expect((await raw.get(`_a_0.0.0.0_${id}`)).value).to.not.equal(null);
  });

  it('answers a load from memcached without asking the store, with lastSaved kept so the next write is an update', async () => {
    const id = unique();
    const { store, delegate } = await caching(makeContext('/ctx'));
    const d = store.newSessionData(id, Date.now(), Date.now(), Date.now(), 60_000);
    d.setAttribute('n', 1);
    await store.store(id, d);
    const loadsBefore = delegate.loads;
    const back = await store.load(id);
    expect(delegate.loads).to.equal(loadsBefore);
    expect(back!.getAttribute('n')).to.equal(1);
    expect(back!.getLastSaved()).to.equal(d.getLastSaved());
  });

  it('does not fill memcached on a miss, and deletes from the store and memcached', async () => {
    const id = unique();
    const { store, delegate } = await caching(makeContext('/ctx'));
    const d = store.newSessionData(id, Date.now(), Date.now(), Date.now(), 60_000);
    await delegate.store(id, d);
    expect(await store.load(id)).to.not.equal(null);
    expect((await raw.get(`_ctx_0.0.0.0_${id}`)).value).to.equal(null);
    d.setAttribute('x', 1);
    await store.store(id, d);
    expect((await raw.get(`_ctx_0.0.0.0_${id}`)).value).to.not.equal(null);
    expect(await store.delete(id)).to.equal(true);
    expect((await raw.get(`_ctx_0.0.0.0_${id}`)).value).to.equal(null);
    expect(delegate.records.has(id)).to.equal(false);
  });

  it('never sends a key longer than memcached takes: such an id is a miss and its writes are skipped', async () => {
    const m = await mapFor(makeContext('/ctx'));
    const id = 'x'.repeat(300);
    expect(m.keyOf(id)).to.equal(null);
    const { store } = await caching(makeContext('/ctx'));
    await m.store(id, store.newSessionData(id, 1, 1, 1, 60_000));
    expect(await m.load(id)).to.equal(null);
    expect(await m.delete(id)).to.equal(true);
  });

  it("gives memcached expirySec as each item's expiry", async function () {
    this.timeout(10_000);
    const id = unique();
    const m = await mapFor(makeContext('/ctx'), (x) => x.setExpirySec(1));
    const { store } = await caching(makeContext('/ctx'));
    await m.store(id, store.newSessionData(id, 1, 1, 1, 60_000));
    expect(await m.load(id)).to.not.equal(null);
    // memcached counts whole seconds: the item goes within two of them; poll rather than sleep the worst case
    let gone = false;
    for (const until = Date.now() + 2500; !gone && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 100));
      gone = (await m.load(id)) === null;
    }
    expect(gone, 'the item expired within 2.5 s').to.equal(true);
  });

  it('spreads keys over several servers by weight, each key on one server', async () => {
    const second = await startMemcached();
    try {
      const m = new MemcachedSessionDataMap([address('127.0.0.1', memcached.port), address('127.0.0.1', second.port)], [1, 3]);
      m.initialize(makeContext('/w'));
      await m.start();
      started.push(m);
      const { store } = await caching(makeContext('/w'));
      const ids = Array.from({ length: 40 }, () => unique());
      for (const id of ids) await m.store(id, store.newSessionData(id, 1, 1, 1, 60_000));
      const other = memjs.Client.create(`127.0.0.1:${second.port}`, { logger: { log: () => undefined } });
      try {
        let onSecond = 0;
        for (const id of ids) {
          const here = (await raw.get(`_w_0.0.0.0_${id}`)).value !== null;
          const there = (await other.get(`_w_0.0.0.0_${id}`)).value !== null;
          expect(here !== there, id).to.equal(true);
          if (there) onSecond++;
          expect(await m.load(id)).to.not.equal(null);
        }
        expect(onSecond).to.be.greaterThan(20);
      } finally {
        other.close();
      }
    } finally {
      await second.stop();
    }
  });

  it('chooseServer() shares keys in proportion to the weights', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[chooseServer(`_ctx_0.0.0.0_node0${i.toString(36)}`, [100, 100, 200])]++;
    expect(counts[0] / 30_000).to.be.within(0.22, 0.28);
    expect(counts[1] / 30_000).to.be.within(0.22, 0.28);
    expect(counts[2] / 30_000).to.be.within(0.47, 0.53);
    expect(chooseServer('k', [0, 5])).to.equal(1);
  });

  it('refuses weights that do not match the addresses, and a port that is not one', () => {
    expect(() => new MemcachedSessionDataMap([address('a', 1), address('b', 2)], [1])).to.throw(RangeError, /2 addresses need as many weights/);
    expect(() => new MemcachedSessionDataMap('localhost', 'eleven')).to.throw(RangeError, /Cannot use memcached port 'eleven'/);
  });

  it('MemcachedSessionDataMapFactory hands its addresses, weights, expirySec and heartbeats to each map (localhost:11211 when unset)', () => {
    const f = new MemcachedSessionDataMapFactory();
    expect((f.getSessionDataMap() as MemcachedSessionDataMap).getAddresses()).to.deep.equal(['localhost:11211']);
    f.setAddresses([address('10.0.0.1', 11311), address('10.0.0.2', 11411)]);
    f.setWeights([100, 50]);
    f.setExpirySec(30);
    f.setHeartbeats(false);
    const m = f.getSessionDataMap() as MemcachedSessionDataMap;
    expect(m.getAddresses()).to.deep.equal(['10.0.0.1:11311', '10.0.0.2:11411']);
    expect(m.getWeights()).to.deep.equal([100, 50]);
    expect(m.getExpirySec()).to.equal(30);
    expect(m.isHeartbeats()).to.equal(false);
  });
});
