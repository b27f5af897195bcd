/**
 * Makes JDBCSessionDataStores (org.eclipse.jetty.server.session.JDBCSessionDataStoreFactory), the bean
 * etc/sessions/jdbc/session-store.xml adds to the Server.
 * @module
 */
import { JettyClass, Expose } from '../../../ioc/metadata';
import { AbstractSessionDataStoreFactory } from '../../abstract-session-data-store-factory';
import type { SessionDataStore } from '../../session-data-store';
import { DatabaseAdaptor } from './database-adaptor';
import { JDBCSessionDataStore } from './jdbc-session-data-store';
import { SessionTableSchema } from './session-table-schema';

/**
 * Jetty's JDBCSessionDataStoreFactory: `databaseAdaptor` and `sessionTableSchema` shared by the store
 * of every context, `gracePeriodSec` (`jetty.session.gracePeriod.seconds`, 3600 through the module, 0
 * on a factory made in code as in 9.4) and `savePeriodSec` (`jetty.session.savePeriod.seconds`, 0).
 */
@JettyClass('org.eclipse.jetty.server.session.JDBCSessionDataStoreFactory')
export class JDBCSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  private _adaptor: DatabaseAdaptor | null = null;
  private _schema: SessionTableSchema | null = null;

  @Expose('org.eclipse.jetty.server.session.DatabaseAdaptor') setDatabaseAdaptor(adaptor: DatabaseAdaptor): void { this._adaptor = adaptor; }
  @Expose() getDatabaseAdaptor(): DatabaseAdaptor | null { return this._adaptor; }
  @Expose('org.eclipse.jetty.server.session.JDBCSessionDataStore$SessionTableSchema') setSessionTableSchema(schema: SessionTableSchema): void { this._schema = schema; }
  @Expose() getSessionTableSchema(): SessionTableSchema | null { return this._schema; }

  getSessionDataStore(_handler: unknown): SessionDataStore {
    const store = new JDBCSessionDataStore();
    if (this._adaptor) store.setDatabaseAdaptor(this._adaptor);
    if (this._schema) store.setSessionTableSchema(this._schema);
    store.setGracePeriodSec(this._gracePeriodSec);
    store.setSavePeriodSec(this._savePeriodSec);
    return store;
  }
}
