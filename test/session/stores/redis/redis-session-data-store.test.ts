/**
 * RedisSessionDataStore beyond the contract, on the machine's Redis: its keys, TTLs and indexes, lastNode
 * and grace in the expiry search, the orphan sweep, changeSessionId in one transaction, URLs, the factory,
 * and the session-store-redis module through the launcher.
 * @module
 */
import { expect } from 'chai';
import { createClient } from '@redis/client';
import { RedisSessionDataStore } from '../../../../src/session/stores/redis/redis-session-data-store';
import { RedisSessionDataStoreFactory } from '../../../../src/session/stores/redis/redis-session-data-store-factory';
import { parseRedisUrl, redactRedisUrl } from '../../../../src/session/stores/redis/redis-url';
import { requireRedis } from '../../../support/cache-servers';
import { freePort } from '../../../support/pier-process';
import { preserveSystemProperties } from '../../../start/support';
import { makeContext } from '../../support';
import { countTwice } from '../count-twice';
import { deleteKeys, uniquePrefix } from './redis-support';

describe('RedisSessionDataStore', function () {
  this.timeout(30_000);
  let url = '';
  const prefix = uniquePrefix();
  let raw: ReturnType<typeof createClient>;
  const running: RedisSessionDataStore[] = [];

  before(async function () {
    url = await requireRedis(this);
    raw = createClient({ url });
    await raw.connect();
  });
  after(async () => {
    if (raw?.isOpen) {
      await deleteKeys(raw, prefix);
      await raw.close();
    }
  });
  afterEach(async () => {
    for (const s of running.splice(0)) if (s.isRunning()) await s.stop();
  });

  async function storeFor(path: string, vhost?: string, worker = 'node0', grace = 3600): Promise<RedisSessionDataStore> {
    const s = new RedisSessionDataStore();
    s.setUrl(url);
    s.setKeyPrefix(prefix);
    s.setGracePeriodSec(grace);
    await s.initialize(makeContext(path, vhost, worker));
    await s.start();
    running.push(s);
    return s;
  }

  it('keys a session by context path, vhost and id, so two contexts sharing an id keep two sessions', async () => {
    const a = await storeFor('/a');
    const b = await storeFor('/b', 'shop.example');
    for (const [s, who] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      const d = s.newSessionData('same', Date.now(), Date.now(), Date.now(), 60_000);
      d.setAttribute('who', who);
      await s.store('same', d);
    }
    expect(a.keyOf('same')).to.equal(`${prefix}_a_0.0.0.0_same`);
    expect(b.keyOf('same')).to.equal(`${prefix}_b_shop.example_same`);
    expect((await a.load('same'))!.getAttribute('who')).to.equal('a');
    expect((await b.load('same'))!.getAttribute('who')).to.equal('b');
  });

  it('lets Redis expire a session at its expiry plus the grace period, and never an immortal one', async () => {
    const s = await storeFor('/ttl', undefined, 'node0', 60);
    const d = s.newSessionData('mortal', Date.now(), Date.now(), Date.now(), 30_000);
    await s.store('mortal', d);
    const at = await raw.pExpireTime(s.keyOf('mortal'));
    expect(at).to.equal(d.getExpiry() + 60_000);
    await s.store('immortal', s.newSessionData('immortal', Date.now(), Date.now(), Date.now(), -1));
    expect(await raw.pTTL(s.keyOf('immortal'))).to.equal(-1);
    expect(await raw.zScore(s.contextIndex(), 'mortal')).to.equal(d.getExpiry());
    expect(await raw.zScore(s.contextIndex(), 'immortal')).to.equal(null);
  });

  it('leaves to its node a candidate another node manages until it is 3 grace periods past expiry (first search)', async () => {
    const mine = await storeFor('/g', undefined, 'node1', 10);
    const other = await storeFor('/g', undefined, 'node2', 10);
    const d = other.newSessionData('theirs', Date.now() - 5000, Date.now() - 5000, Date.now() - 5000, 2000);
    d.setLastNode('node2');
    await other.store('theirs', d);
    // expired 3 s ago; the first search takes this context's sessions of any node expired 3 x grace (30 s) ago
    expect((await mine.getExpired(new Set(['theirs']))).has('theirs')).to.equal(false);
    expect((await other.getExpired(new Set(['theirs']))).has('theirs')).to.equal(true);
  });

  it('deletes sessions of other contexts that expired more than 10 grace periods ago', async () => {
    const old = await storeFor('/gone', undefined, 'node0', 3600);
    const t = Date.now() - 100_000;
    await old.store('orphan', old.newSessionData('orphan', t, t, t, 1000));
    await old.stop();
    const sweeper = await storeFor('/other', undefined, 'node0', 1);
    await sweeper.getExpired(new Set());
    expect(await raw.exists(`${prefix}_gone_0.0.0.0_orphan`)).to.equal(0);
    expect(await raw.zScore(`${prefix}expiry:_gone_0.0.0.0`, 'orphan')).to.equal(null);
  });

  it('moves a session to its new id in one transaction', async () => {
    const s = await storeFor('/renew');
    const d = s.newSessionData('before', Date.now(), Date.now(), Date.now(), 60_000);
    d.setAttribute('k', 'v');
    await s.store('before', d);
    d.setId('after');
    await s.renew('before', 'after', d);
    expect(await raw.exists(s.keyOf('before'))).to.equal(0);
    expect((await s.load('after'))!.getAttribute('k')).to.equal('v');
  });

  it('fails its start in one line naming the URL without its password when Redis is not there', async () => {
    const s = new RedisSessionDataStore();
    s.setUrl(`redis://me:secret@127.0.0.1:${await freePort()}/0`);
    s.setTimeoutMs(300);
    await s.initialize(makeContext('/x'));
    let err: Error | undefined;
    try {
      await s.start();
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).to.match(/^Cannot start RedisSessionDataStore: cannot connect to redis:\/\/me:\*\*\*@127\.0\.0\.1:\d+\/0: /);
    expect(err?.message).to.not.include('secret');
  });

  it('reports its connection for the metrics: ready, and the operations waiting for Redis while they wait', async () => {
    const s = await storeFor('/conn');
    expect(s.getConnectionStatistics()).to.deep.equal({ connected: true, inFlight: 0 });
    const d = s.newSessionData('c1', Date.now(), Date.now(), Date.now(), 60_000);
    const writing = s.store('c1', d);
    const loading = s.load('c1');
    expect(s.getConnectionStatistics().inFlight).to.equal(2);
    await Promise.all([writing, loading]);
    expect(s.getConnectionStatistics()).to.deep.equal({ connected: true, inFlight: 0 });
    await s.stop();
    expect(s.getConnectionStatistics().connected).to.equal(false);
  });

  it('checks URLs when they are set', () => {
    expect(parseRedisUrl('rediss://u:p@cache.example:6380/3')).to.deep.equal({ tls: true, host: 'cache.example', port: 6380, database: 3 });
    expect(() => parseRedisUrl('http://x')).to.throw(/^Cannot use Redis URL 'http:\/\/x': scheme 'http' is not redis or rediss$/);
    expect(() => parseRedisUrl('redis://h/x')).to.throw(/database 'x' is not a number/);
    expect(() => new RedisSessionDataStoreFactory().setUrl('nonsense')).to.throw(/not a URL/);
    expect(redactRedisUrl('redis://user:pw@h:1/0')).to.equal('redis://user:***@h:1/0');
  });

  it('RedisSessionDataStoreFactory hands url, keyPrefix, timeoutMs and the periods to each store', () => {
    const f = new RedisSessionDataStoreFactory();
    f.setUrl('redis://10.1.1.1:6390/2');
    f.setKeyPrefix('app:');
    f.setTimeoutMs(1234);
    f.setGracePeriodSec(7);
    f.setSavePeriodSec(3);
    const s = f.getSessionDataStore(null) as RedisSessionDataStore;
    expect([s.getUrl(), s.getKeyPrefix(), s.getTimeoutMs(), s.getGracePeriodSec(), s.getSavePeriodSec()]).to.deep.equal([
      'redis://10.1.1.1:6390/2',
      'app:',
      1234,
      7,
      3,
    ]);
  });

  describe('the session-store-redis module', () => {
    preserveSystemProperties();

    it("keeps the counter app's sessions in Redis under jetty.session.redis.url and keyPrefix", async () => {
      const { bodies, id } = await countTwice(() => [
        '--module=http,deploy,session-store-redis',
        `jetty.session.redis.url=${url}`,
        `jetty.session.redis.keyPrefix=${prefix}`,
      ]);
      expect(bodies).to.deep.equal(['1', '2']);
      const doc = JSON.parse((await raw.hGet(`${prefix}_counter_0.0.0.0_${id}`, 'doc'))!);
      expect(doc.attributes).to.deep.equal({ n: 2 });
      expect(await raw.pTTL(`${prefix}_counter_0.0.0.0_${id}`)).to.be.greaterThan(3600_000);
    });
  });
});
