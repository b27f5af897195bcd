/**
 * The per-context session metrics, read from each SessionHandler when written: sessions in memory now,
 * created, expired and invalidated, and how long the ended ones lived (SessionStatistics).
 * @module
 */
import type { SessionHandler } from '../session/session-handler';
import { contextLabels } from './context-labels';
import type { PrometheusTextWriter } from './prometheus-text';

/**
 * Sessions in the context's cache now, Jetty's DefaultSessionCache sessionsCurrent: the sessions this node
 * holds in memory, not those only in the store (evicted, or written by another node). A NullSessionCache
 * keeps none, so it is 0 there.
 */
function sessionsInMemory(handler: SessionHandler): number {
  const cache = handler.getSessionCache() as { getSessionsCurrent?: () => number } | null;
  return typeof cache?.getSessionsCurrent === 'function' ? cache.getSessionsCurrent() : 0;
}

export function writeSessionMetrics(out: PrometheusTextWriter, handlers: readonly SessionHandler[]): void {
  if (handlers.length === 0) return;
  const labelled = handlers.map((h) => ({ h, labels: contextLabels(h), stats: h.getSessionStatistics() }));
  out.family(
    'pier_sessions_active',
    'gauge',
    "Sessions in this node's session cache for the context now (DefaultSessionCache sessionsCurrent; sessions only in the store are not counted)",
  );
  for (const { h, labels } of labelled) out.sample('pier_sessions_active', labels, sessionsInMemory(h));
  out.family('pier_sessions_created_total', 'counter', 'Sessions created in the context');
  for (const { labels, stats } of labelled) out.sample('pier_sessions_created_total', labels, stats.getSessionsCreated());
  out.family('pier_sessions_expired_total', 'counter', 'Sessions of the context that ended by expiry (the scavenger)');
  for (const { labels, stats } of labelled) out.sample('pier_sessions_expired_total', labels, stats.getSessionsExpired());
  out.family('pier_sessions_invalidated_total', 'counter', 'Sessions of the context that ended by HttpSession.invalidate()');
  for (const { labels, stats } of labelled) out.sample('pier_sessions_invalidated_total', labels, stats.getSessionsInvalidated());
  out.family(
    'pier_session_duration_seconds',
    'histogram',
    'How long the ended sessions of the context lived, from creation to expiry or invalidation',
  );
  for (const { labels, stats } of labelled) out.histogram('pier_session_duration_seconds', labels, stats.getSessionTimeBuckets());
}
