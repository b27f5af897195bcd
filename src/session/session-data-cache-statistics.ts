/**
 * Pier: what a CachingSessionDataStore's L2 cache (its SessionDataMap, memcached) answered: reads that
 * found the session (hits), reads that did not (misses), operations that failed, and operations the cache
 * was skipped for while it was away. Jetty's CachingSessionDataStore keeps no such counts; the metrics
 * module reads these.
 * @module
 */

/** The cache operations a failure is counted under. */
export type SessionDataCacheOperation = 'load' | 'store' | 'delete';

/** The counts at one moment. */
export interface SessionDataCacheCounts {
  /** Loads the cache answered with a session (exists checks are not counted). */
  readonly hits: number;
  /** Loads the cache answered without one: the store was asked. */
  readonly misses: number;
  /** Operations that failed in the cache, by operation (a load or exists check is a `load`; an unreadable entry counts as a failed load). */
  readonly errors: Readonly<Record<SessionDataCacheOperation, number>>;
  /** Operations (loads, exists checks, writes, deletes) not sent to the cache because it was away after a failure (the store alone answered). */
  readonly bypassed: number;
}

/** Plain counters: each event is one addition, nothing allocated. */
export class SessionDataCacheStatistics {
  private _hits = 0;
  private _misses = 0;
  private _bypassed = 0;
  private readonly _errors: Record<SessionDataCacheOperation, number> = { load: 0, store: 0, delete: 0 };

  hit(): void {
    this._hits++;
  }
  miss(): void {
    this._misses++;
  }
  bypassed(): void {
    this._bypassed++;
  }
  failed(operation: SessionDataCacheOperation): void {
    this._errors[operation]++;
  }

  counts(): SessionDataCacheCounts {
    return { hits: this._hits, misses: this._misses, errors: { ...this._errors }, bypassed: this._bypassed };
  }
}
