/**
 * The settings of the JDBC store family, declared once for JDBCSessionDataStore and
 * JDBCSessionDataStoreFactory (Jetty's setter names). The table's own names are SessionTableSchema's.
 * @module
 */
import { setting } from '../../store-settings';
import type { DatabaseAdaptor } from './database-adaptor';
import type { SessionTableSchema } from './session-table-schema';

export const JDBC_STORE_SETTINGS = {
  databaseAdaptor: setting<DatabaseAdaptor | null>({
    type: 'org.eclipse.jetty.server.session.DatabaseAdaptor',
    default: null,
    fixedWhileRunning: true,
    doc: 'The database: its driver and URL, or a named data source (etc/sessions/jdbc/driver.xml or datasource.xml)',
  }),
  sessionTableSchema: setting<SessionTableSchema | null>({
    type: 'org.eclipse.jetty.server.session.JDBCSessionDataStore$SessionTableSchema',
    default: null,
    fixedWhileRunning: true,
    doc: "The table and column names (jetty.session.jdbc.schema.*); Jetty's defaults when none is set",
  }),
};
