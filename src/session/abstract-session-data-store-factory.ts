/**
 * Base of the store factories the XML instantiates (org.eclipse.jetty.server.session.AbstractSessionDataStoreFactory).
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import type { SessionDataStore, SessionDataStoreFactory } from './session-data-store';
import { AbstractLifeCycle } from '../util/component/abstract-life-cycle';

/**
 * Jetty's AbstractSessionDataStoreFactory: carries `gracePeriodSec` and `savePeriodSec` to every store it
 * makes. As in Jetty 9.4, the factory's grace default is 0 (the field is never initialised there), while a
 * store built directly defaults to 3600. Pier makes it a LifeCycle, so that a factory added to the Server as
 * a bean can hold what its stores share while the server runs (FileSessionDataStoreFactory: its folder).
 */
@JettyClass('org.eclipse.jetty.server.session.AbstractSessionDataStoreFactory', {
  implements: ['org.eclipse.jetty.server.session.SessionDataStoreFactory'],
  abstract: true,
})
export abstract class AbstractSessionDataStoreFactory extends AbstractLifeCycle implements SessionDataStoreFactory {
  protected _gracePeriodSec = 0;
  protected _savePeriodSec = 0;

  abstract getSessionDataStore(handler: unknown): SessionDataStore;

  @Expose('int') setGracePeriodSec(sec: number): void {
    this._gracePeriodSec = sec;
  }
  @Expose() getGracePeriodSec(): number {
    return this._gracePeriodSec;
  }
  @Expose('int') setSavePeriodSec(sec: number): void {
    this._savePeriodSec = sec;
  }
  @Expose() getSavePeriodSec(): number {
    return this._savePeriodSec;
  }
}
