/**
 * Base of the cache factories the XML adds as Server beans (org.eclipse.jetty.server.session.AbstractSessionCacheFactory).
 * @module
 */
import { JettyClass } from '../ioc/metadata';
import type { SessionOwner } from './session';
import type { SessionCache, SessionCacheFactory } from './session-cache';
import type { AbstractSessionCache } from './abstract-session-cache';
import { SESSION_CACHE_SETTINGS } from './session-cache-settings';
import { exposeStoreSettings, handSettings, storeSettingDefaults, type StoreSettingAccessors } from './store-settings';

/**
 * Jetty's AbstractSessionCacheFactory: carries the cache's settings (SESSION_CACHE_SETTINGS:
 * `evictionPolicy`, `saveOnInactiveEvict` (the factory's shorter name for the cache's
 * `saveOnInactiveEviction`), `saveOnCreate`, `removeUnloadableSessions`, `flushOnResponseCommit`,
 * `invalidateOnShutdown`) to each cache it makes. As in 9.4, the factory's evictionPolicy default is 0
 * (EVICT_ON_SESSION_EXIT); the module XML passes -1.
 */
@JettyClass('org.eclipse.jetty.server.session.AbstractSessionCacheFactory', {
  implements: ['org.eclipse.jetty.server.session.SessionCacheFactory'],
  abstract: true,
})
export abstract class AbstractSessionCacheFactory implements SessionCacheFactory {
  /** The settings every cache it makes gets, with the factory's defaults. */
  readonly settings = storeSettingDefaults(SESSION_CACHE_SETTINGS, 'factory');

  protected abstract newSessionCache(handler: SessionOwner): AbstractSessionCache;

  getSessionCache(handler: unknown): SessionCache {
    const cache = this.newSessionCache(handler as SessionOwner);
    handSettings(SESSION_CACHE_SETTINGS, this.settings, cache.settings);
    return cache;
  }
}

/** Jetty's factory names saveOnInactiveEviction `saveOnInactiveEvict`. */
type CacheFactoryAccessors = Omit<StoreSettingAccessors<typeof SESSION_CACHE_SETTINGS>, 'setSaveOnInactiveEviction' | 'isSaveOnInactiveEviction'> & {
  setSaveOnInactiveEvict(on: boolean): void;
  isSaveOnInactiveEvict(): boolean;
};

// Jetty's setters and getters of the factory (setEvictionPolicy, setSaveOnInactiveEvict, ...), from SESSION_CACHE_SETTINGS
export interface AbstractSessionCacheFactory extends CacheFactoryAccessors {}
exposeStoreSettings(AbstractSessionCacheFactory, SESSION_CACHE_SETTINGS, { fixedWhileRunning: false, side: 'factory' });
