/**
 * The cluster suite (cluster-suite.ts) on the Redis store, on the machine's Redis: three `bin/start` nodes
 * under one key prefix, round-robin without stickiness, with NullSessionCache and with DefaultSessionCache +
 * EVICT_ON_SESSION_EXIT; and Redis dropping a session by its TTL when every node is down.
 * @module
 */
import { expect } from 'chai';
import { createClient } from '@redis/client';
import { requireRedis } from '../support/cache-servers';
import { eventually } from '../support/pier-process';
import { deleteKeys, uniquePrefix } from '../session/stores/redis/redis-support';
import { CLUSTER_CACHES, clusterSuite, cookieOf, GRACE_SEC } from './cluster-suite';

/** Runs `use` with a connected client on `url`. */
async function withRedis<T>(url: string, use: (c: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const c = createClient({ url }) as unknown as ReturnType<typeof createClient>;
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.close();
  }
}

for (const cache of CLUSTER_CACHES) {
  const prefix = uniquePrefix();
  let url = '';
  const countStored = (ids: readonly string[]): Promise<number> =>
    withRedis(url, async (c) => (ids.length === 0 ? 0 : c.exists(ids.map((id) => `${prefix}_counter_0.0.0.0_${id}`))));

  clusterSuite(
    {
      title: 'Redis',
      module: 'session-store-redis',
      async require(context) {
        url = await requireRedis(context);
      },
      properties: () => [`jetty.session.redis.url=${url}`, `jetty.session.redis.keyPrefix=${prefix}`],
      countStored,
      cleanup: () => withRedis(url, (c) => deleteKeys(c, prefix)),
    },
    cache,
    ({ nodes, on }) => {
      it('lets Redis drop a session at its expiry plus the grace period when every node is down', async () => {
        const cookie = cookieOf(await on(0, 'ttl?s=2'));
        const id = cookie.split('=')[1].split('.')[0];
        for (let i = 0; i < 3; i++) {
          await nodes[i]?.stop('SIGKILL');
          nodes[i] = null;
        }
        const downAt = Date.now();
        expect(await countStored([id])).to.equal(1);
        await eventually(async () => (await countStored([id])) === 0, 20_000, 'Redis to drop the session');
        console.log(
          `      figure: with every node down, Redis dropped a session (2 s inactivity, grace ${GRACE_SEC} s) ${((Date.now() - downAt) / 1000).toFixed(1)} s after the nodes died`,
        );
      });
    },
  );
}
