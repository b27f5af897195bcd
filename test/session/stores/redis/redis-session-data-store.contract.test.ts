/**
 * Runs the SessionDataStore contract against RedisSessionDataStore on the machine's Redis (database 15 of
 * 127.0.0.1:6379, or PIER_TEST_REDIS_URL), under a key prefix of this run alone.
 * @module
 */
import { createClient } from '@redis/client';
import { encodeSessionData } from '../../../../src/session/session-data-codec';
import { RedisSessionDataStore } from '../../../../src/session/stores/redis/redis-session-data-store';
import { requireRedis } from '../../../support/cache-servers';
import { sessionDataStoreContract } from '../../session-data-store.contract';
import { deleteKeys, uniquePrefix } from './redis-support';

describe('RedisSessionDataStore on Redis', () => {
  let url = '';
  const prefix = uniquePrefix();
  let raw: ReturnType<typeof createClient>;

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

  sessionDataStoreContract({
    name: 'RedisSessionDataStore',
    persists: true,
    passivating: true,
    createStore() {
      const store = new RedisSessionDataStore();
      store.setUrl(url);
      store.setKeyPrefix(prefix);
      return store;
    },
    async persistOutOfBand(store, data) {
      const s = store as RedisSessionDataStore;
      data.setLastSaved(Date.now());
      await raw.hSet(s.keyOf(data.getId()), {
        doc: encodeSessionData(data, true).toString('utf8'),
        expiry: String(data.getExpiry()),
        lastNode: data.getLastNode(),
      });
    },
    async persistUnreadable(store, _ctx, id) {
      const s = store as RedisSessionDataStore;
      await raw.hSet(s.keyOf(id), { doc: '{"format":"pier-session","ver', expiry: String(Date.now() + 60_000), lastNode: 'node0' });
    },
    async existsOutOfBand(store, id) {
      return (await raw.exists((store as RedisSessionDataStore).keyOf(id))) > 0;
    },
    async cleanup() {
      await deleteKeys(raw, prefix);
    },
  });
});
