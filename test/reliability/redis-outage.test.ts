/**
 * A Redis that goes away under RedisSessionDataStore, on a private redis-server: restarted within
 * timeoutMs (operations wait for the reconnection and complete), away longer (operations fail after
 * timeoutMs with one readable line, and the store works again once Redis is back), and paused (SIGSTOP).
 * @module
 */
import { expect } from 'chai';
import { RedisSessionDataStore, RedisSessionDataStoreError } from '../../src/session/stores/redis/redis-session-data-store';
import { UnwritableSessionDataError } from '../../src/session/errors';
import { requirePrivateRedis, type ServerProcess } from '../support/cache-servers';
import { eventually } from '../support/pier-process';
import { makeContext } from '../session/support';

describe('A Redis that goes away under RedisSessionDataStore', function () {
  this.timeout(60_000);
  let redis: ServerProcess;
  let store: RedisSessionDataStore;

  before(async function () {
    redis = await requirePrivateRedis(this);
  });
  after(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    await redis.restart();
    store = new RedisSessionDataStore();
    store.setUrl(`redis://127.0.0.1:${redis.port}/0`);
    store.setTimeoutMs(1500);
    await store.initialize(makeContext('/ctx'));
    await store.start();
  });
  afterEach(async () => {
    redis.resume();
    await redis.restart();
    await store.stop();
  });

  function session(id: string, v: number) {
    const d = store.newSessionData(id, Date.now(), Date.now(), Date.now(), 60_000);
    d.setAttribute('v', v);
    return d;
  }

  it('completes a write made while Redis restarts, once the client has reconnected', async () => {
    await store.store('r1', session('r1', 1));
    await redis.kill();
    const writing = store.store('r1', session('r1', 2));
    await new Promise((r) => setTimeout(r, 300));
    await redis.restart();
    await writing;
    expect((await store.load('r1'))!.getAttribute('v')).to.equal(2);
  });

  it('fails an operation after timeoutMs while Redis stays away, in one line, and works again once it is back', async () => {
    await redis.kill();
    let loadErr: Error | undefined;
    try {
      await store.load('r2');
    } catch (e) {
      loadErr = e as Error;
    }
    expect(loadErr).to.be.instanceOf(RedisSessionDataStoreError);
    expect(loadErr!.message).to.match(/^Cannot load session 'r2' in context '_ctx' vhost '0.0.0.0' on redis:\/\/127\.0\.0\.1:\d+\/0: /);
    let writeErr: Error | undefined;
    try {
      await store.store('r2', session('r2', 1));
    } catch (e) {
      writeErr = e as Error;
    }
    expect(writeErr).to.be.instanceOf(UnwritableSessionDataError);
    await redis.restart();
    await eventually(async () => store.getRedisClient()!.isReady, 10_000, 'the client to reconnect');
    await store.store('r2', session('r2', 3));
    expect((await store.load('r2'))!.getAttribute('v')).to.equal(3);
  });

  it('fails an operation after timeoutMs while Redis is paused, and answers again once it resumes', async () => {
    await store.store('r3', session('r3', 1));
    redis.pause();
    let err: Error | undefined;
    try {
      await store.load('r3');
    } catch (e) {
      err = e as Error;
    }
    expect(err).to.be.instanceOf(RedisSessionDataStoreError);
    redis.resume();
    await eventually(
      async () => {
        try {
          return (await store.load('r3'))?.getAttribute('v') === 1;
        } catch {
          return false;
        }
      },
      10_000,
      'the store to answer again',
    );
  });
});
