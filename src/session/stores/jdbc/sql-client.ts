/**
 * What the JDBC session store needs from a database connection pool, whatever the database: run one
 * parameterised statement (placeholders are `?`, as in JDBC) and get rows or a count of changed rows.
 * Each dialect's client lives in its own file and requires its npm package only when it is made, so a
 * server on PostgreSQL never needs the SQLite package and the other way round.
 * @module
 */
import { isClientPackageInstalled, OptionalBackendError, requireClientPackage } from '../../../ioc/optional-backends';
import { CLIENT_PACKAGES, type JdbcConnectionInfo, type SqlDialect } from './jdbc-url';

/** A value bound to a `?` placeholder: a scalar, or (PostgreSQL only) an array of scalars. */
export type SqlScalar = string | number | Buffer | null;
export type SqlValue = SqlScalar | SqlScalar[];

/** One result row, by the column names the database returns. */
export type SqlRow = Record<string, unknown>;

/** A bounded pool of connections to one database. */
export interface SqlClient {
  readonly dialect: SqlDialect;
  /** Runs a query and returns its rows. */
  query(sql: string, params: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs an insert, update, delete or DDL statement and returns how many rows it changed. */
  update(sql: string, params: readonly SqlValue[]): Promise<number>;
  /** The database product, lower-cased as JDBC metadata names it (`postgresql`, `mariadb`, `mysql`, `sqlite`). */
  productName(): Promise<string>;
  /** Closes every connection; the client cannot be used afterwards. */
  close(): Promise<void>;
  /** The pool's connections now: open (idle included), idle, and statements waiting for one. */
  poolStatistics(): PoolStatistics;
}

/** What a pool holds at one moment. */
export interface PoolStatistics {
  readonly open: number;
  readonly idle: number;
  readonly waiting: number;
}

/** Pool settings every client takes. */
export interface SqlClientOptions {
  /** The most connections open at once (requests beyond it wait for one). */
  readonly maxPoolSize: number;
  /** How long connecting, or waiting for a pooled connection, may take (ms). */
  readonly connectTimeoutMs: number;
}

/** The client package of `dialect`, or OptionalBackendError naming the package to install. */
export function requireDriver<T>(dialect: SqlDialect, url: string): T {
  return requireClientPackage<T>(CLIENT_PACKAGES[dialect], 'the JDBC session store', `connect to '${url}'`);
}

/**
 * Fails at configuration time (with the XML's location) when the URL's client package is missing, or,
 * for SQLite, installed without its native part.
 */
export function checkClientInstalled(info: JdbcConnectionInfo, what: string): void {
  const pkg = CLIENT_PACKAGES[info.dialect];
  if (!isClientPackageInstalled(pkg)) {
    throw new OptionalBackendError(
      `Cannot ${what} '${info.redacted}': the JDBC session store needs the npm package '${pkg}', which is not installed (run npm install ${pkg})`,
      'org.eclipse.jetty.server.session.DatabaseAdaptor',
      pkg,
    );
  }
  if (info.dialect === 'sqlite') checkSqliteBinding(`${what} '${info.redacted}'`);
}

/** True when `err` is better-sqlite3 failing to find its compiled binding (`bindings` package's message). */
export function isMissingSqliteBinding(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('Could not locate the bindings file');
}

/**
 * better-sqlite3 is JavaScript around a compiled SQLite; an install that skipped its install script (as a
 * checkout of Pier does, to keep `npm install` fast) has the package but not the binding. Loading it
 * here turns that into one line saying how to build it, instead of an error from inside the package.
 */
export function checkSqliteBinding(action: string): void {
  const Driver = requireDriver<typeof import('better-sqlite3')>('sqlite', action);
  try {
    new Driver(':memory:').close();
  } catch (err) {
    if (!isMissingSqliteBinding(err)) throw err;
    throw sqliteBindingError(action);
  }
}

/**
 * The error for a better-sqlite3 whose native part was never built. It carries no cause: the package's own
 * error lists a dozen paths it searched, and the message already says what to run.
 */
export function sqliteBindingError(action: string): OptionalBackendError {
  return new OptionalBackendError(
    `Cannot ${action}: the npm package 'better-sqlite3' is installed but its native part was never built (run npm rebuild better-sqlite3; in a Pier checkout, npm run build:sqlite)`,
    'org.eclipse.jetty.server.session.DatabaseAdaptor',
    'better-sqlite3',
  );
}

/** Makes the client for a parsed JDBC URL (its dialect's package is required now). */
export function createSqlClient(info: JdbcConnectionInfo, options: SqlClientOptions): SqlClient {
  switch (info.dialect) {
    case 'postgresql':
      return new (require('./postgresql-client') as typeof import('./postgresql-client')).PostgresqlClient(info, options);
    case 'mysql':
      return new (require('./mysql-client') as typeof import('./mysql-client')).MysqlClient(info, options);
    case 'sqlite':
      return new (require('./sqlite-client') as typeof import('./sqlite-client')).SqliteClient(info, options);
  }
}

/** Rewrites JDBC's `?` placeholders to PostgreSQL's `$1, $2, ...` (the store's SQL has no string literals). */
export function toNumberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
