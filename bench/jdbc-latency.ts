/**
 * The JDBC store's own latency on PostgreSQL, per operation (insert, load, update, exists, delete and
 * the scavenger's expiry search), measured in this process on the store directly, one call at a time;
 * and a load through CachingSessionDataStore with the memcached L2 cache (MemcachedSessionDataMap on
 * `BENCH_MEMCACHED_PORT`, else `PIER_MEMCACHED_PORT`, else 11211) in front of the same store.
 * @module
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchRecord } from './scenarios';
import { note, PG } from './scenarios';

type Any = any; // Pier is loaded by path from the compiled src/, as the servers do

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] * 1000) / 1000;
}

/** `count` sessions through each operation; one row per operation with p50 and p99 in ms. */
export async function jdbcStoreLatency(count: number): Promise<BenchRecord[]> {
  const src = path.resolve(__dirname, '..', 'src');
  const J: Any = require(path.join(src, 'session/stores/jdbc/index'));
  const { SessionContext }: Any = require(path.join(src, 'session/session-context'));
  const table = `pier_bench_latency_${process.pid}`;
  const adaptor = new J.DatabaseAdaptor();
  adaptor.setDriverInfo('org.postgresql.Driver', PG.jdbcUrl);
  const store = new J.JDBCSessionDataStore();
  store.setDatabaseAdaptor(adaptor);
  const schema = new J.SessionTableSchema();
  schema.setTableName(table);
  store.setSessionTableSchema(schema);
  // the same store behind the memcached L2 cache: the caching store initialises and starts both
  const { CachingSessionDataStore }: Any = require(path.join(src, 'session/caching-session-data-store'));
  const M: Any = require(path.join(src, 'session/stores/memcached/index'));
  const memcachedPort = process.env.BENCH_MEMCACHED_PORT ?? process.env.PIER_MEMCACHED_PORT ?? '11211';
  const cached = new CachingSessionDataStore(new M.MemcachedSessionDataMap('127.0.0.1', memcachedPort), store);
  await cached.initialize(new SessionContext('node0', { getContextPath: () => '/bench', getVirtualHosts: () => null }));
  try {
    await cached.start();
  } catch (err) {
    note(`  skipped jdbc-store-latency: ${(err as Error).message}`);
    return [
      {
        scenario: 'jdbc-store-latency',
        server: 'JDBCSessionDataStore on PostgreSQL',
        reqPerSec: null,
        p50Ms: null,
        p99Ms: null,
        rssMb: null,
        skipped: (err as Error).message,
      },
    ];
  }
  const timings = new Map<string, number[]>();
  const timed = async (op: string, fn: () => Promise<unknown>): Promise<void> => {
    const t = performance.now();
    await fn();
    timings.set(op, [...(timings.get(op) ?? []), performance.now() - t]);
  };
  try {
    const now = Date.now();
    const data: Any[] = [];
    for (let i = 0; i < count; i++) {
      const d = store.newSessionData(`bench${i}`, now, now, now, 1_800_000);
      d.setLastNode('node0');
      d.setAttribute('user', `u${i}`);
      d.setAttribute('cart', { items: [1, 2, 3], total: 42 });
      data.push(d);
    }
    for (const d of data) await timed('insert', () => store.store(d.getId(), d));
    for (const d of data) await timed('load', () => store.load(d.getId()));
    // what CachingSessionDataStore.store does after the store's write, untimed: the copy in memcached
    for (const d of data)
      await cached
        .getSessionDataMap()
        .store(d.getId(), d)
        .catch(() => undefined);
    if (cached.isCacheAvailable()) {
      for (const d of data) await timed(`load through the memcached L2 cache (127.0.0.1:${memcachedPort})`, () => cached.load(d.getId()));
    }
    if (!cached.isCacheAvailable()) note(`  jdbc-store-latency: no memcached answered on 127.0.0.1:${memcachedPort}, so no L2 row`);
    for (const d of data) {
      d.setAttribute('n', 1);
      await timed('update', () => store.store(d.getId(), d));
    }
    for (const d of data) await timed('exists', () => store.exists(d.getId()));
    for (let i = 0; i < 20; i++) await timed('getExpired', () => store.getExpired(new Set([`bench${i}`])));
    for (const d of data) await timed('delete', () => cached.delete(d.getId()));
  } finally {
    await adaptor.run('drop the bench table', (db: Any) => db.update(`drop table if exists ${table}`, [])).catch(() => undefined);
    await cached.stop();
  }
  const rows: BenchRecord[] = [];
  for (const [op, list] of timings) {
    const sorted = [...list].sort((a, b) => a - b);
    const row = {
      scenario: 'jdbc-store-latency',
      server: `JDBCSessionDataStore on PostgreSQL: ${op}`,
      reqPerSec: null,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      rssMb: null,
      operations: list.length,
    };
    note(`  jdbc-store-latency / ${op}: p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms (${list.length} calls)`);
    rows.push(row);
  }
  return rows;
}
