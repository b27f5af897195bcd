/**
 * Makes JDBCSessionDataStores (org.eclipse.jetty.server.session.JDBCSessionDataStoreFactory), the bean
 * etc/sessions/jdbc/session-store.xml adds to the Server.
 * @module
 */
import { JettyClass } from '../../../ioc/metadata';
import { AbstractSessionDataStoreFactory } from '../../abstract-session-data-store-factory';
import type { SessionDataStore } from '../../session-data-store';
import { exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from '../../store-settings';
import { JDBCSessionDataStore } from './jdbc-session-data-store';
import { JDBC_STORE_SETTINGS } from './jdbc-store-settings';

/**
 * Jetty's JDBCSessionDataStoreFactory: `databaseAdaptor` and `sessionTableSchema` shared by the store
 * of every context, `gracePeriodSec` (`jetty.session.gracePeriod.seconds`, 3600 through the module, 0
 * on a factory made in code as in 9.4) and `savePeriodSec` (`jetty.session.savePeriod.seconds`, 0).
 */
@JettyClass('org.eclipse.jetty.server.session.JDBCSessionDataStoreFactory')
export class JDBCSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  /** The settings every store it makes gets (JDBC_STORE_SETTINGS): the adaptor and schema are shared by them all. */
  readonly settings = storeSettingDefaults(JDBC_STORE_SETTINGS);

  getSessionDataStore(_handler: unknown): SessionDataStore {
    const store = new JDBCSessionDataStore();
    Object.assign(store.settings, this.settings);
    return this.withPeriods(store);
  }
}

// Jetty's setters and getters of the settings (setDatabaseAdaptor, getSessionTableSchema), from JDBC_STORE_SETTINGS
export interface JDBCSessionDataStoreFactory extends StoreSettingAccessors<typeof JDBC_STORE_SETTINGS> {}
exposeStoreSettings(JDBCSessionDataStoreFactory, JDBC_STORE_SETTINGS, { fixedWhileRunning: false });
