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
import type { LifeCycle } from '../util/component/life-cycle';

/**
 * Jetty's CachingSessionDataStoreFactory: `sessionStoreFactory` (the delegate's factory) and
 * `sessionDataMapFactory` (the L2 cache's factory) are both required. The session-store-cache module's XML
 * replaces the Server's sessionDataStoreFactory bean by one of these wrapping it.
 */
@JettyClass('org.eclipse.jetty.server.session.CachingSessionDataStoreFactory')
export class CachingSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  private _storeFactory: SessionDataStoreFactory | null = null;
  private _mapFactory: SessionDataMapFactory | null = null;
  private _startedStoreFactory = false;

  @Expose('org.eclipse.jetty.server.session.SessionDataStoreFactory')
  setSessionStoreFactory(f: SessionDataStoreFactory): void {
    this._storeFactory = f;
  }
  @Expose() getSessionStoreFactory(): SessionDataStoreFactory | null {
    return this._storeFactory;
  }
  @Expose('org.eclipse.jetty.server.session.SessionDataMapFactory')
  setSessionDataMapFactory(f: SessionDataMapFactory): void {
    this._mapFactory = f;
  }
  @Expose() getSessionDataMapFactory(): SessionDataMapFactory | null {
    return this._mapFactory;
  }
  /** Jetty 9.4's name for the map factory getter. */
  @Expose() getMapFactory(): SessionDataMapFactory | null {
    return this._mapFactory;
  }

  /**
   * Starts the delegate factory with this one: session-caching-store.xml removes it from the Server's
   * beans, and a factory that holds what its stores share (the file store's folder) must still run.
   */
  protected override async doStart(): Promise<void> {
    const f = this._storeFactory as unknown as Partial<LifeCycle> | null;
    if (f && typeof f.start === 'function' && !f.isRunning?.()) {
      await f.start();
      this._startedStoreFactory = true;
    }
  }

  protected override async doStop(): Promise<void> {
    if (this._startedStoreFactory) {
      this._startedStoreFactory = false;
      await (this._storeFactory as unknown as LifeCycle).stop();
    }
  }

  getSessionDataStore(handler: unknown): SessionDataStore {
    if (!this._storeFactory) throw new IllegalStateError('Cannot make a CachingSessionDataStore: no sessionStoreFactory');
    if (!this._mapFactory) throw new IllegalStateError('Cannot make a CachingSessionDataStore: no sessionDataMapFactory');
    return new CachingSessionDataStore(this._mapFactory.getSessionDataMap(), this._storeFactory.getSessionDataStore(handler));
  }
}
