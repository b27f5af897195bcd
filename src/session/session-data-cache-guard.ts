/**
 * What keeps a failing L2 cache (the SessionDataMap of a CachingSessionDataStore) from failing requests:
 * one WARN when it stops answering, the store alone until it answers again, and the ids written meanwhile
 * removed from it before it is used again, so that it never serves a copy older than the store's.
 * @module
 */
import { SESSION_LOG } from './session-log';
import type { SessionDataMap } from './session-data-map';

/** How long the cache is left alone after a failure before one operation tries it again. */
export const CACHE_RETRY_MS = 1000;
/** How many ids written while the cache was away are remembered; past it, the cache is no longer read. */
export const MAX_STALE_IDS = 100_000;

/**
 * The cache's health, as one CachingSessionDataStore sees it. `up`: every operation goes to the cache.
 * After a failure, `down` until `CACHE_RETRY_MS` has passed; then the next operation first deletes from
 * the cache every id written or deleted while it was down (those copies are stale), and only when that
 * worked is the cache `up` again (an INFO line says so). While down or recovering, loads go to the store
 * and writes skip the cache.
 */
export class SessionDataCacheGuard {
  private _down = false;
  private _retryAt = 0;
  private _recovering: Promise<boolean> | null = null;
  /** Ids whose cached copy is older than the store's, to delete from the cache before it is read again. */
  private _stale = new Set<string>();
  private _overflowed = false;

  constructor(
    private readonly _cache: SessionDataMap,
    private readonly _describe: () => string,
  ) {}

  /**
   * True when the cache should be tried. While it is down, once per CACHE_RETRY_MS one caller gets true,
   * after the stale ids are gone from the cache: its operation is the trial, and `succeeded()` ends the outage.
   */
  async usable(): Promise<boolean> {
    if (this._overflowed) return false;
    if (!this._down) return true;
    if (this._recovering) return false;
    if (Date.now() < this._retryAt) return false;
    this._retryAt = Date.now() + CACHE_RETRY_MS;
    this._recovering = this.removeStale();
    try {
      return await this._recovering;
    } finally {
      this._recovering = null;
    }
  }

  /** Synchronous view, for callers that must not wait: the cache is believed up. */
  isUp(): boolean {
    return !this._down && !this._overflowed;
  }

  /** The ids whose cached copy must be removed before the cache is read again. */
  staleCount(): number {
    return this._stale.size;
  }

  /** Records that `id` changed in the store without the cache following. */
  markStale(id: string): void {
    if (this._overflowed) return;
    this._stale.add(id);
    if (this._stale.size > MAX_STALE_IDS) {
      this._overflowed = true;
      this._stale.clear();
      SESSION_LOG.warn(
        `The session data cache of ${this._describe()} missed more than ${MAX_STALE_IDS} writes while away: it is no longer used until this context restarts`,
      );
    }
  }

  /**
   * A cache operation failed: the first failure of an outage logs one WARN (later ones log at DEBUG),
   * and the cache is left alone for CACHE_RETRY_MS. `staleId` is the id whose cached copy may now be old.
   */
  failed(what: string, id: string, err: unknown, staleId?: string): void {
    if (staleId !== undefined) this.markStale(staleId);
    const reason = err instanceof Error ? err.message : String(err);
    if (!this._down) {
      this._down = true;
      SESSION_LOG.warn(
        `Cannot ${what} session '${id}' in the session data cache of ${this._describe()}: ${reason}; the store alone answers until the cache is back`,
        err,
      );
    } else if (SESSION_LOG.isDebugEnabled()) {
      SESSION_LOG.debug('Session data cache still failing ({} {}): {}', what, id, reason);
    }
    this._retryAt = Date.now() + CACHE_RETRY_MS;
  }

  /** A cache operation worked: ends an outage (one INFO line). */
  succeeded(): void {
    if (!this._down) return;
    this._down = false;
    SESSION_LOG.info(`The session data cache of ${this._describe()} answers again`);
  }

  /** Deletes the stale ids from the cache (those added meanwhile too); true when all are gone. */
  private async removeStale(): Promise<boolean> {
    while (this._stale.size > 0) {
      const batch = [...this._stale];
      this._stale = new Set();
      for (let i = 0; i < batch.length; i++) {
        try {
          await this._cache.delete(batch[i]);
        } catch (err) {
          for (let j = i; j < batch.length; j++) this._stale.add(batch[j]);
          if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Session data cache not back yet: {}', (err as Error).message);
          return false;
        }
      }
    }
    return true;
  }
}
