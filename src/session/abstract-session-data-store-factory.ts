/**
 * Base of the store factories the XML instantiates (org.eclipse.jetty.server.session.AbstractSessionDataStoreFactory).
 * @module
 */
import { JettyClass } from '../ioc/metadata';
import type { SessionDataStore, SessionDataStoreFactory } from './session-data-store';
import type { AbstractSessionDataStore } from './abstract-session-data-store';
import { AbstractLifeCycle } from '../util/component/abstract-life-cycle';
import { SESSION_DATA_STORE_SETTINGS } from './session-data-store-settings';
import { exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from './store-settings';

/**
 * Jetty's AbstractSessionDataStoreFactory: carries `gracePeriodSec` and `savePeriodSec`
 * (SESSION_DATA_STORE_SETTINGS) to every store it makes. As in Jetty 9.4, the factory's grace default is 0
 * (the field is never initialised there), while a store built directly defaults to 3600. Pier makes it a
 * LifeCycle, so that a factory added to the Server as a bean can hold what its stores share while the
 * server runs (FileSessionDataStoreFactory: its folder).
 */
@JettyClass('org.eclipse.jetty.server.session.AbstractSessionDataStoreFactory', {
  implements: ['org.eclipse.jetty.server.session.SessionDataStoreFactory'],
  abstract: true,
})
export abstract class AbstractSessionDataStoreFactory extends AbstractLifeCycle implements SessionDataStoreFactory {
  /** The grace and save periods every store it makes gets. */
  readonly periods = storeSettingDefaults(SESSION_DATA_STORE_SETTINGS, 'factory');

  abstract getSessionDataStore(handler: unknown): SessionDataStore;

  /** Hands the factory's grace and save periods to a store it made; returns the store. */
  protected withPeriods<S extends AbstractSessionDataStore>(store: S): S {
    Object.assign(store.periods, this.periods);
    return store;
  }
}

// Jetty's setGracePeriodSec/getGracePeriodSec and setSavePeriodSec/getSavePeriodSec, from SESSION_DATA_STORE_SETTINGS
export interface AbstractSessionDataStoreFactory extends StoreSettingAccessors<typeof SESSION_DATA_STORE_SETTINGS> {}
exposeStoreSettings(AbstractSessionDataStoreFactory, SESSION_DATA_STORE_SETTINGS, { fixedWhileRunning: false, field: 'periods' });
