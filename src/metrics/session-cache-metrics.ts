/**
 * The session cache metrics, read from the components at each scrape: the L1 cache's lookups (a
 * session found in memory, or not and so loaded from the store) and its size, and for a store decorated
 * with an L2 cache (CachingSessionDataStore over a SessionDataMap such as memcached) what that cache
 * answered. Labelled by context, virtual host and the classes involved.
 * @module
 */
import { AbstractSessionCache } from '../session/abstract-session-cache';
import { CachingSessionDataStore } from '../session/caching-session-data-store';
import type { SessionHandler } from '../session/session-handler';
import { contextLabels } from './context-labels';
import type { Labels, PrometheusTextWriter } from './prometheus-text';

/** A cache that counts its size as Jetty's DefaultSessionCache does (sessionsMax). */
interface SizedCache {
  getSessionsMax(): number;
}

function isSized(cache: unknown): cache is SizedCache {
  return typeof (cache as Partial<SizedCache>)?.getSessionsMax === 'function';
}

export function writeSessionCacheMetrics(out: PrometheusTextWriter, handlers: readonly SessionHandler[]): void {
  const caches: Array<[Labels, AbstractSessionCache]> = [];
  const l2: Array<[Labels, CachingSessionDataStore]> = [];
  for (const h of handlers) {
    const cache = h.getSessionCache();
    if (!(cache instanceof AbstractSessionCache)) continue;
    const labels = contextLabels(h);
    caches.push([{ ...labels, cache: cache.constructor.name }, cache]);
    const store = cache.getSessionDataStore();
    if (store instanceof CachingSessionDataStore) {
      l2.push([{ ...labels, cache: store.getSessionDataMap().constructor.name, store: store.getSessionDataStore().constructor.name }, store]);
    }
  }
  if (caches.length > 0) {
    out.family('pier_session_cache_hits_total', 'counter', "Session lookups the context's session cache answered from memory");
    for (const [l, c] of caches) out.sample('pier_session_cache_hits_total', l, c.getHits());
    out.family(
      'pier_session_cache_misses_total',
      'counter',
      "Session lookups the context's session cache did not hold in memory, so asked its store for (found there or not)",
    );
    for (const [l, c] of caches) out.sample('pier_session_cache_misses_total', l, c.getMisses());
    const sized = caches.filter((e): e is [Labels, AbstractSessionCache & SizedCache] => isSized(e[1]));
    if (sized.length > 0) {
      out.family('pier_session_cache_sessions_max', 'gauge', "Most sessions the context's session cache held at once since it started");
      for (const [l, c] of sized) out.sample('pier_session_cache_sessions_max', l, c.getSessionsMax());
    }
  }
  if (l2.length > 0) {
    const counts = l2.map(([l, s]) => [l, s.getCacheStatistics(), s] as const);
    out.family('pier_session_data_cache_hits_total', 'counter', 'Loads the L2 session data cache (CachingSessionDataStore) answered with a session');
    for (const [l, c] of counts) out.sample('pier_session_data_cache_hits_total', l, c.hits);
    out.family(
      'pier_session_data_cache_misses_total',
      'counter',
      'Loads the L2 session data cache answered without a session, so the store was asked',
    );
    for (const [l, c] of counts) out.sample('pier_session_data_cache_misses_total', l, c.misses);
    out.family(
      'pier_session_data_cache_errors_total',
      'counter',
      'Operations that failed in the L2 session data cache, by operation (the store answered instead; an unreadable entry is a failed load)',
    );
    for (const [l, c] of counts)
      for (const op of ['load', 'store', 'delete'] as const)
        out.sample('pier_session_data_cache_errors_total', { ...l, operation: op }, c.errors[op]);
    out.family(
      'pier_session_data_cache_bypassed_total',
      'counter',
      'Loads, exists checks and writes not sent to the L2 session data cache because it was away after a failure',
    );
    for (const [l, c] of counts) out.sample('pier_session_data_cache_bypassed_total', l, c.bypassed);
    out.family('pier_session_data_cache_available', 'gauge', '1 when the L2 session data cache is in use, 0 while it is away after a failure');
    for (const [l, , s] of counts) out.sample('pier_session_data_cache_available', l, s.isCacheAvailable() ? 1 : 0);
  }
}
