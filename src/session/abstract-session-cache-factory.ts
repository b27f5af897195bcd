/**
 * Base of the cache factories the XML adds as Server beans (org.eclipse.jetty.server.session.AbstractSessionCacheFactory).
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import type { SessionOwner } from './session';
import type { SessionCache, SessionCacheFactory } from './session-cache';
import type { AbstractSessionCache } from './abstract-session-cache';

/**
 * Jetty's AbstractSessionCacheFactory: carries `evictionPolicy`, `saveOnInactiveEvict` (note the factory's
 * shorter name), `saveOnCreate`, `removeUnloadableSessions`, `flushOnResponseCommit` and
 * `invalidateOnShutdown` to each cache it makes. As in 9.4, the factory's evictionPolicy default is 0
 * (EVICT_ON_SESSION_EXIT); the module XML passes -1.
 */
@JettyClass('org.eclipse.jetty.server.session.AbstractSessionCacheFactory', {
  implements: ['org.eclipse.jetty.server.session.SessionCacheFactory'],
  abstract: true,
})
export abstract class AbstractSessionCacheFactory implements SessionCacheFactory {
  protected _evictionPolicy = 0;
  protected _saveOnInactiveEvict = false;
  protected _saveOnCreate = false;
  protected _removeUnloadableSessions = false;
  protected _flushOnResponseCommit = false;
  protected _invalidateOnShutdown = false;

  protected abstract newSessionCache(handler: SessionOwner): AbstractSessionCache;

  getSessionCache(handler: unknown): SessionCache {
    const cache = this.newSessionCache(handler as SessionOwner);
    cache.setEvictionPolicy(this._evictionPolicy);
    cache.setSaveOnInactiveEviction(this._saveOnInactiveEvict);
    cache.setSaveOnCreate(this._saveOnCreate);
    cache.setRemoveUnloadableSessions(this._removeUnloadableSessions);
    cache.setFlushOnResponseCommit(this._flushOnResponseCommit);
    cache.setInvalidateOnShutdown(this._invalidateOnShutdown);
    return cache;
  }

  @Expose() getEvictionPolicy(): number {
    return this._evictionPolicy;
  }
  @Expose('int') setEvictionPolicy(p: number): void {
    this._evictionPolicy = p;
  }
  @Expose() isSaveOnInactiveEvict(): boolean {
    return this._saveOnInactiveEvict;
  }
  @Expose('boolean') setSaveOnInactiveEvict(b: boolean): void {
    this._saveOnInactiveEvict = b;
  }
  @Expose() isSaveOnCreate(): boolean {
    return this._saveOnCreate;
  }
  @Expose('boolean') setSaveOnCreate(b: boolean): void {
    this._saveOnCreate = b;
  }
  @Expose() isRemoveUnloadableSessions(): boolean {
    return this._removeUnloadableSessions;
  }
  @Expose('boolean') setRemoveUnloadableSessions(b: boolean): void {
    this._removeUnloadableSessions = b;
  }
  @Expose() isFlushOnResponseCommit(): boolean {
    return this._flushOnResponseCommit;
  }
  @Expose('boolean') setFlushOnResponseCommit(b: boolean): void {
    this._flushOnResponseCommit = b;
  }
  @Expose() isInvalidateOnShutdown(): boolean {
    return this._invalidateOnShutdown;
  }
  @Expose('boolean') setInvalidateOnShutdown(b: boolean): void {
    this._invalidateOnShutdown = b;
  }
}
