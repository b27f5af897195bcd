/**
 * The JDBC session store backend: JDBCSessionDataStore, its factory, DatabaseAdaptor and
 * SessionTableSchema, the data sources XML can bind, and the clients for PostgreSQL (`pg`), MariaDB
 * and MySQL (`mysql2`) and SQLite (`better-sqlite3`), each required only when a URL names it.
 * @module
 */
export { JDBCSessionDataStore, SessionDataStoreError } from './jdbc-session-data-store';
export { JDBCSessionDataStoreFactory } from './jdbc-session-data-store-factory';
export { DatabaseAdaptor, DatabaseTimeoutError, DEFAULT_MAX_POOL_SIZE, DEFAULT_TIMEOUT_MS } from './database-adaptor';
export { SessionTableSchema, checkIdentifier } from './session-table-schema';
export { bindDataSource, lookupDataSource, unbindDataSource, type DataSource } from './data-source';
export { Resource } from './resource';
export { HikariDataSource } from './hikari-data-source';
export { parseJdbcUrl, redactJdbcUrl, JdbcUrlError, DRIVER_CLASSES, CLIENT_PACKAGES, type SqlDialect, type JdbcConnectionInfo } from './jdbc-url';
export type { SqlClient, SqlRow, SqlValue } from './sql-client';
