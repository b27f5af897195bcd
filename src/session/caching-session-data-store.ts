/**
 * A store decorated with an L2 cache (org.eclipse.jetty.server.session.CachingSessionDataStore): reads try
 * the SessionDataMap first, writes go to the delegate store first.
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';
import type { SessionContext } from './session-context';
import type { SessionData } from './session-data';
import type { SessionDataMap } from './session-data-map';
import { renewInStore, type SessionDataStore } from './session-data-store';
import { IllegalStateError, UnreadableSessionDataError } from './errors';
import { SessionDataCacheGuard } from './session-data-cache-guard';
import { SessionDataCacheStatistics, type SessionDataCacheCounts, type SessionDataCacheOperation } from './session-data-cache-statistics';
import { SESSION_LOG } from './session-log';

/**
 * Jetty's CachingSessionDataStore(cache, delegate): a miss is not filled from the delegate, and the cache
 * is written only when the delegate really wrote. Unlike Jetty, a cache failure never fails a request, on
 * a write no more than on a read: SessionDataCacheGuard logs one WARN, lets the store answer alone while
 * the cache is away, and removes from the cache what changed meanwhile before it is read again.
 * Configured by CachingSessionDataStoreFactory (module session-store-cache).
 */
@JettyClass('org.eclipse.jetty.server.session.CachingSessionDataStore', {
  implements: ['org.eclipse.jetty.server.session.SessionDataStore'],
  ctors: [
    [
      { name: 'cache', type: 'org.eclipse.jetty.server.session.SessionDataMap' },
      { name: 'store', type: 'org.eclipse.jetty.server.session.SessionDataStore' },
    ],
  ],
})
export class CachingSessionDataStore extends ContainerLifeCycle implements SessionDataStore {
  private _context: SessionContext | null = null;
  private readonly _guard: SessionDataCacheGuard;
  private readonly _statistics = new SessionDataCacheStatistics();

  constructor(
    private readonly _cache: SessionDataMap,
    private readonly _store: SessionDataStore,
  ) {
    super();
    this._guard = new SessionDataCacheGuard(_cache, () => this.describe());
    this.addBean(_store, true);
    this.addBean(_cache, true);
  }

  @Expose() getSessionDataStore(): SessionDataStore {
    return this._store;
  }
  @Expose() getSessionDataMap(): SessionDataMap {
    return this._cache;
  }
  /** Pier: false while the cache is away (a failure less than a retry period ago, or stale ids not yet removed). */
  isCacheAvailable(): boolean {
    return this._guard.isUp();
  }
  /** Pier: what the cache answered since start (hits, misses, failures, operations skipped while it was away); Jetty counts none. */
  getCacheStatistics(): SessionDataCacheCounts {
    return this._statistics.counts();
  }

  async initialize(context: SessionContext): Promise<void> {
    this._context = context;
    await this._store.initialize(context);
    await this._cache.initialize(context);
  }

  private describe(): string {
    const ctx = this._context;
    return ctx ? `context '${ctx.getCanonicalContextPath()}' vhost '${ctx.getVhost()}'` : 'an uninitialised store';
  }

  /** Reads the cache first; a miss, or a cache that fails or is away, is answered by the store (not filled). */
  async load(id: string): Promise<SessionData | null> {
    this.checkStarted();
    const hit = await this.cacheRead(id, true);
    return hit ?? this._store.load(id);
  }

  /**
   * The cache's copy of `id`; null when it has none, fails or is away. A load counts as a hit or a miss;
   * an exists check (is a new id in use?) does not, so the two count what requests found.
   */
  private async cacheRead(id: string, countLookup: boolean): Promise<SessionData | null> {
    if (!(await this._guard.usable())) {
      this._statistics.bypassed();
      return null;
    }
    try {
      const hit = await this._cache.load(id);
      this._guard.succeeded();
      if (countLookup) {
        if (hit) this._statistics.hit();
        else this._statistics.miss();
      }
      return hit;
    } catch (err) {
      this.cacheReadFailed(id, err);
      return null;
    }
  }

  /** An entry the cache holds but cannot decode is that entry's fault, not an outage: it is removed. */
  private cacheReadFailed(id: string, err: unknown): void {
    this._statistics.failed('load');
    if (!(err instanceof UnreadableSessionDataError)) {
      this._guard.failed('load', id, err);
      return;
    }
    this._guard.succeeded();
    SESSION_LOG.warn(
      `Cannot read session '${id}' from the session data cache of ${this.describe()}: ${(err.cause as Error)?.message ?? err.message}; the store answers and the entry is removed`,
      err,
    );
    this._cache.delete(id).catch((e: unknown) => {
      this._statistics.failed('delete');
      this._guard.failed('delete', id, e, id);
    });
  }

  private checkStarted(): void {
    if (!this.isStarted()) throw new IllegalStateError('Cannot use CachingSessionDataStore: Not started');
  }

  /** Writes the store (its failure fails the write), then the cache if the store really wrote. */
  async store(id: string, data: SessionData): Promise<void> {
    this.checkStarted();
    const before = data.getLastSaved();
    const changed = data.isDirty() || data.isMetaDataDirty();
    await this._store.store(id, data);
    // The store wrote if lastSaved moved (Jetty's test), or if what was changed is now clean: two writes
    // in one millisecond leave lastSaved where it was, and the cache must not keep the first one.
    const wrote = data.getLastSaved() !== before || (changed && !data.isDirty() && !data.isMetaDataDirty());
    if (wrote) await this.cacheWrite('store', id, () => this._cache.store(id, data));
  }

  async delete(id: string): Promise<boolean> {
    this.checkStarted();
    const deleted = await this._store.delete(id);
    await this.cacheWrite('delete', id, () => this._cache.delete(id));
    return deleted;
  }

  /** The delegate moves the session first (new id durable before the old one goes), then the cache follows. */
  async renew(oldId: string, newId: string, data: SessionData): Promise<void> {
    try {
      await renewInStore(this._store, oldId, newId, data);
      await this.cacheWrite('store', newId, () => this._cache.store(newId, data));
    } finally {
      await this.cacheWrite('delete', oldId, () => this._cache.delete(oldId));
    }
  }

  /** A change of `id` the cache must follow; when it cannot, the id is remembered as stale there. */
  private async cacheWrite(what: SessionDataCacheOperation, id: string, op: () => Promise<unknown>): Promise<void> {
    if (!(await this._guard.usable())) {
      this._statistics.bypassed();
      this._guard.markStale(id);
      return;
    }
    try {
      await op();
      this._guard.succeeded();
    } catch (err) {
      this._statistics.failed(what);
      this._guard.failed(what, id, err, id);
    }
  }

  /** A live cached copy counts (Jetty counts any hit; Pier checks its expiry); otherwise the store answers. */
  async exists(id: string): Promise<boolean> {
    this.checkStarted();
    const hit = await this.cacheRead(id, false);
    if (hit && !hit.isExpiredAt(Date.now())) return true;
    return this._store.exists(id);
  }

  getExpired(candidates: ReadonlySet<string>): Promise<Set<string>> {
    return this._store.getExpired(candidates);
  }
  isPassivating(): boolean {
    return this._store.isPassivating();
  }
  newSessionData(id: string, created: number, accessed: number, lastAccessed: number, maxInactiveMs: number): SessionData {
    return this._store.newSessionData(id, created, accessed, lastAccessed, maxInactiveMs);
  }
}
