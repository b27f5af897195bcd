/**
 * What the session stores hold at the moment of a scrape: the file store's journal backlog and checkpoint
 * times, the JDBC stores' connection pools, the Redis stores' connection. Read from each context's store
 * by the methods those stores have (the store classes are not imported: the JDBC and Redis ones require
 * their client packages).
 * @module
 */
import { CachingSessionDataStore } from '../session/caching-session-data-store';
import type { SessionDataStore } from '../session/session-data-store';
import type { SessionHandler } from '../session/session-handler';
import type { Labels, PrometheusTextWriter } from './prometheus-text';
import { contextLabels } from './context-labels';

interface FileStoreLike {
  getStoredSessionCount(): number;
  getCheckpointBacklog(): { sessions: number; bytes: number };
  getCheckpointStatistics(): { count: number; totalMs: number; lastMs: number; maxMs: number };
  getDurability?(): string;
}
interface PoolStatisticsLike {
  readonly max: number;
  readonly open: number;
  readonly idle: number;
  readonly waiting: number;
}
interface JdbcStoreLike {
  getDatabaseAdaptor(): { getPoolStatistics(): PoolStatisticsLike | null; toString(): string } | null;
}
interface RedisStoreLike {
  getConnectionStatistics(): { connected: boolean; inFlight: number };
}

function has<T>(o: unknown, method: string): o is T {
  return typeof o === 'object' && o !== null && typeof (o as Record<string, unknown>)[method] === 'function';
}

/** The store behind a context's cache, and the one behind an L2 cache decorator. */
function storeOf(handler: SessionHandler): SessionDataStore | null {
  const store = handler.getSessionCache()?.getSessionDataStore() ?? null;
  return store instanceof CachingSessionDataStore ? store.getSessionDataStore() : store;
}

export function writeStoreStateMetrics(out: PrometheusTextWriter, handlers: readonly SessionHandler[]): void {
  const files: Array<[Labels, FileStoreLike]> = [];
  const pools = new Map<object, [Labels, PoolStatisticsLike]>();
  const redis: Array<[Labels, RedisStoreLike]> = [];
  for (const h of handlers) {
    const store = storeOf(h);
    const context = contextLabels(h);
    if (has<FileStoreLike>(store, 'getCheckpointStatistics')) files.push([context, store]);
    if (has<JdbcStoreLike>(store, 'getDatabaseAdaptor')) {
      // One adaptor may serve several contexts: its pool is reported once, named by the adaptor.
      const adaptor = store.getDatabaseAdaptor();
      const stats = adaptor?.getPoolStatistics() ?? null;
      if (adaptor && stats && !pools.has(adaptor)) pools.set(adaptor, [{ pool: adaptor.toString() }, stats]);
    }
    if (has<RedisStoreLike>(store, 'getConnectionStatistics')) redis.push([context, store]);
  }
  if (files.length > 0) {
    out.family(
      'pier_session_store_sessions',
      'gauge',
      "Sessions the context's store holds now, expired ones not yet scavenged included (the file store's index in memory: no file is read)",
    );
    for (const [l, s] of files) out.sample('pier_session_store_sessions', { ...l, store: s.constructor.name }, s.getStoredSessionCount());
    out.family('pier_file_store_journal_backlog_sessions', 'gauge', 'Sessions journaled but not yet written into their files (durability=journal)');
    for (const [l, s] of files) out.sample('pier_file_store_journal_backlog_sessions', l, s.getCheckpointBacklog().sessions);
    out.family('pier_file_store_journal_backlog_bytes', 'gauge', 'Bytes of session data journaled but not yet written into their files');
    for (const [l, s] of files) out.sample('pier_file_store_journal_backlog_bytes', l, s.getCheckpointBacklog().bytes);
    out.family('pier_file_store_checkpoint_duration_seconds', 'summary', 'Checkpoints that had sessions to write into files, and how long they took');
    for (const [l, s] of files) {
      const c = s.getCheckpointStatistics();
      out.sample('pier_file_store_checkpoint_duration_seconds_sum', l, c.totalMs / 1000);
      out.sample('pier_file_store_checkpoint_duration_seconds_count', l, c.count);
    }
    out.family('pier_file_store_checkpoint_last_duration_seconds', 'gauge', 'How long the last checkpoint took');
    for (const [l, s] of files) out.sample('pier_file_store_checkpoint_last_duration_seconds', l, s.getCheckpointStatistics().lastMs / 1000);
  }
  if (pools.size > 0) {
    const all = [...pools.values()];
    out.family('pier_jdbc_pool_max_connections', 'gauge', "The JDBC session store pool's size limit (maxPoolSize)");
    for (const [l, p] of all) out.sample('pier_jdbc_pool_max_connections', l, p.max);
    out.family('pier_jdbc_pool_connections', 'gauge', 'Connections of the JDBC session store pool, by state (in use, idle)');
    for (const [l, p] of all) {
      out.sample('pier_jdbc_pool_connections', { ...l, state: 'in_use' }, Math.max(0, p.open - p.idle));
      out.sample('pier_jdbc_pool_connections', { ...l, state: 'idle' }, p.idle);
    }
    out.family('pier_jdbc_pool_waiting', 'gauge', 'Statements waiting for a connection of the JDBC session store pool');
    for (const [l, p] of all) out.sample('pier_jdbc_pool_waiting', l, p.waiting);
  }
  if (redis.length > 0) {
    out.family('pier_redis_connected', 'gauge', "1 when the Redis session store's connection is ready for commands");
    for (const [l, s] of redis) out.sample('pier_redis_connected', l, s.getConnectionStatistics().connected ? 1 : 0);
    out.family('pier_redis_operations_in_flight', 'gauge', 'Redis session store operations waiting for Redis (sent, or queued while it reconnects)');
    for (const [l, s] of redis) out.sample('pier_redis_operations_in_flight', l, s.getConnectionStatistics().inFlight);
  }
}
