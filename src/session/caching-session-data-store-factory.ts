/**
 * Makes CachingSessionDataStores (org.eclipse.jetty.server.session.CachingSessionDataStoreFactory).
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import { AbstractSessionDataStoreFactory } from './abstract-session-data-store-factory';
import { CachingSessionDataStore } from './caching-session-data-store';
import { IllegalStateError } from './errors';
import type { SessionDataMapFactory } from './session-data-map';
import type { SessionDataStore, SessionDataStoreFactory } from './session-data-store';

/**
 * Jetty's CachingSessionDataStoreFactory: `sessionStoreFactory` (the delegate's factory) and
 * `sessionDataMapFactory` (the L2 cache's factory) are both required. The session-store-cache module's XML
 * replaces the Server's sessionDataStoreFactory bean by one of these wrapping it.
 */
@JettyClass('org.eclipse.jetty.server.session.CachingSessionDataStoreFactory')
export class CachingSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  private _storeFactory: SessionDataStoreFactory | null = null;
  private _mapFactory: SessionDataMapFactory | null = null;

  @Expose('org.eclipse.jetty.server.session.SessionDataStoreFactory')
  setSessionStoreFactory(f: SessionDataStoreFactory): void { this._storeFactory = f; }
  @Expose() getSessionStoreFactory(): SessionDataStoreFactory | null { return this._storeFactory; }
  @Expose('org.eclipse.jetty.server.session.SessionDataMapFactory')
  setSessionDataMapFactory(f: SessionDataMapFactory): void { this._mapFactory = f; }
  @Expose() getSessionDataMapFactory(): SessionDataMapFactory | null { return this._mapFactory; }
  /** Jetty 9.4's name for the map factory getter. */
  @Expose() getMapFactory(): SessionDataMapFactory | null { return this._mapFactory; }

  getSessionDataStore(handler: unknown): SessionDataStore {
    if (!this._storeFactory) throw new IllegalStateError('Cannot make a CachingSessionDataStore: no sessionStoreFactory');
    if (!this._mapFactory) throw new IllegalStateError('Cannot make a CachingSessionDataStore: no sessionDataMapFactory');
    return new CachingSessionDataStore(this._mapFactory.getSessionDataMap(), this._storeFactory.getSessionDataStore(handler));
  }
}
