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
import { SESSION_LOG } from './session-log';

/**
 * Jetty's CachingSessionDataStore(cache, delegate). Cache failures on load are logged and ignored, a miss
 * is not filled from the delegate, and the cache is written only when the delegate really wrote.
 * Configured by CachingSessionDataStoreFactory (module session-store-cache).
 */
@JettyClass('org.eclipse.jetty.server.session.CachingSessionDataStore', {
  implements: ['org.eclipse.jetty.server.session.SessionDataStore'],
  ctors: [[{ name: 'cache', type: 'org.eclipse.jetty.server.session.SessionDataMap' },
    { name: 'store', type: 'org.eclipse.jetty.server.session.SessionDataStore' }]],
})
export class CachingSessionDataStore extends ContainerLifeCycle implements SessionDataStore {
  constructor(private readonly _cache: SessionDataMap, private readonly _store: SessionDataStore) {
    super();
    this.addBean(_store, true);
    this.addBean(_cache, true);
  }

  @Expose() getSessionDataStore(): SessionDataStore { return this._store; }
  @Expose() getSessionDataMap(): SessionDataMap { return this._cache; }

  async initialize(context: SessionContext): Promise<void> {
    await this._store.initialize(context);
    await this._cache.initialize(context);
  }

  async load(id: string): Promise<SessionData | null> {
    try {
      const hit = await this._cache.load(id);
      if (hit) return hit;
    } catch (err) {
      SESSION_LOG.warn(`Cannot load session '${id}' from the session data cache: ${(err as Error).message}`, err);
    }
    return this._store.load(id);
  }

  async store(id: string, data: SessionData): Promise<void> {
    const before = data.getLastSaved();
    await this._store.store(id, data);
    if (data.getLastSaved() !== before) await this._cache.store(id, data);
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this._store.delete(id);
    await this._cache.delete(id);
    return deleted;
  }

  /** The delegate moves the session first (new id durable before the old one goes), then the cache follows. */
  async renew(oldId: string, newId: string, data: SessionData): Promise<void> {
    try {
      await renewInStore(this._store, oldId, newId, data);
      await this._cache.store(newId, data);
    } finally {
      await this._cache.delete(oldId);
    }
  }

  async exists(id: string): Promise<boolean> {
    try {
      if (await this._cache.load(id)) return true;
    } catch { /* fall through to the store */ }
    return this._store.exists(id);
  }

  getExpired(candidates: ReadonlySet<string>): Promise<Set<string>> { return this._store.getExpired(candidates); }
  isPassivating(): boolean { return this._store.isPassivating(); }
  newSessionData(id: string, created: number, accessed: number, lastAccessed: number, maxInactiveMs: number): SessionData {
    return this._store.newSessionData(id, created, accessed, lastAccessed, maxInactiveMs);
  }
}
