/**
 * How the JDBC session store reaches its database (org.eclipse.jetty.server.session.DatabaseAdaptor):
 * a driver and URL, a data source object, or a data source name; the column types for the table it
 * creates; and, in Pier, the bounded pool and the time limit every operation runs under.
 * @module
 */
import { JettyClass, Expose } from '../../../ioc/metadata';
import { PierError } from '../../../util/errors';
import { IllegalStateError } from '../../errors';
import { SESSION_LOG } from '../../session-log';
import { isDataSource, lookupDataSource, type DataSource } from './data-source';
import { parseJdbcUrl, type JdbcConnectionInfo, type SqlDialect } from './jdbc-url';
import { checkClientInstalled, createSqlClient, type PoolStatistics, type SqlClient } from './sql-client';

/** The default time limit of one store operation (waiting for a connection and running the statement). */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** The default size of the pool Pier opens for a driver URL. */
export const DEFAULT_MAX_POOL_SIZE = 10;

/** A store operation that the database did not finish within the time limit. */
export class DatabaseTimeoutError extends PierError {
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`Cannot ${operation}: the database did not answer within ${timeoutMs} ms`);
  }
}

function positiveInt(setting: string, value: number, unit: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`Cannot set ${setting} to ${value}: expected a whole number of ${unit}, 1 or more`);
  return value;
}

/** Reads a whole-number URL parameter, or undefined when absent. */
function urlInt(info: JdbcConnectionInfo, name: string): number | undefined {
  const v = info.params.get(name);
  if (v === undefined) return undefined;
  return positiveInt(`URL parameter ${name}`, Number(v), name === 'timeoutMs' ? 'milliseconds' : 'connections');
}

/**
 * Jetty's DatabaseAdaptor. XML: `setDriverInfo(driverClass, url)` (module `db-connection-type=driver`,
 * `jetty.session.jdbc.driverClass`/`driverUrl`), `datasourceName` (`jetty.session.jdbc.datasourceName`,
 * looked up where an `org.eclipse.jetty.plus.jndi.Resource` bound it), `datasource`, and `blobType`,
 * `longType`, `stringType` (empty or unset: Jetty's choice per database). Pier adds `timeoutMs` (10000)
 * and `maxPoolSize` (10), also read from the URL parameters of the same names.
 *
 * One adaptor may serve the stores of several contexts: the pool opens with the first store that
 * starts and closes with the last that stops.
 */
@JettyClass('org.eclipse.jetty.server.session.DatabaseAdaptor')
export class DatabaseAdaptor {
  private _driverClassName: string | null = null;
  private _connectionUrl: string | null = null;
  private _datasource: DataSource | null = null;
  private _datasourceName: string | null = null;
  private _blobType: string | null = null;
  private _longType: string | null = null;
  private _stringType: string | null = null;
  private _timeoutMs: number | null = null;
  private _maxPoolSize: number | null = null;
  private _dbName: string | null = null;
  private _dialect: SqlDialect | null = null;
  private _client: SqlClient | null = null;
  private _ownsClient = false;
  private _users = 0;
  private _opening: Promise<void> | null = null;

  /** The JDBC driver class and URL (Jetty's driver connection type); the URL is checked now. */
  @Expose('String', 'String')
  setDriverInfo(driverClassName: string | null, connectionUrl: string | null): void {
    this.requireClosed('driverInfo');
    const url = connectionUrl === null || connectionUrl === undefined || connectionUrl.trim() === '' ? null : connectionUrl;
    if (url !== null) checkClientInstalled(parseJdbcUrl(url, driverClassName), 'use JDBC URL');
    this._driverClassName = driverClassName ?? null;
    this._connectionUrl = url;
  }
  @Expose() getDriverClassName(): string | null {
    return this._driverClassName;
  }
  /** The URL with its password hidden. */
  @Expose() getConnectionUrl(): string | null {
    return this._connectionUrl === null ? null : parseJdbcUrl(this._connectionUrl).redacted;
  }

  @Expose('Object')
  setDatasource(ds: unknown): void {
    this.requireClosed('datasource');
    if (ds !== null && ds !== undefined && !isDataSource(ds))
      throw new TypeError('Cannot set datasource: the object is not a data source (use com.zaxxer.hikari.HikariDataSource)');
    this._datasource = (ds as DataSource | null) ?? null;
  }
  @Expose() getDatasource(): DataSource | null {
    return this._datasource;
  }
  @Expose('String')
  setDatasourceName(name: string | null): void {
    this.requireClosed('datasourceName');
    this._datasourceName = name === null || name === undefined || name.trim() === '' ? null : name;
  }
  @Expose() getDatasourceName(): string | null {
    return this._datasourceName;
  }

  @Expose('String') setBlobType(t: string | null): void {
    this._blobType = blankToNull(t);
  }
  /** The map column's type: as set, else `bytea` on PostgreSQL and `blob` elsewhere. */
  @Expose() getBlobType(): string {
    if (this._blobType !== null) return this._blobType;
    return this.requireDbName().startsWith('postgres') ? 'bytea' : 'blob';
  }
  @Expose('String') setLongType(t: string | null): void {
    this._longType = blankToNull(t);
  }
  /** The time columns' type: as set, else `bigint` (Oracle's `number(20)` does not arise here). */
  @Expose() getLongType(): string {
    if (this._longType !== null) return this._longType;
    this.requireDbName();
    return 'bigint';
  }
  @Expose('String') setStringType(t: string | null): void {
    this._stringType = blankToNull(t);
  }
  /** The text columns' type: as set, else `varchar`. */
  @Expose() getStringType(): string {
    return this._stringType ?? 'varchar';
  }

  /** Pier: the longest one store operation may take, waiting for a connection included (default 10000 ms). */
  @Expose('long') setTimeoutMs(ms: number): void {
    this._timeoutMs = positiveInt('timeoutMs', ms, 'milliseconds');
  }
  @Expose() getTimeoutMs(): number {
    return this._timeoutMs ?? this.urlSetting('timeoutMs') ?? DEFAULT_TIMEOUT_MS;
  }
  /** Pier: the most connections the pool opened for a driver URL keeps (default 10). */
  @Expose('int') setMaxPoolSize(n: number): void {
    this.requireClosed('maxPoolSize');
    this._maxPoolSize = positiveInt('maxPoolSize', n, 'connections');
  }
  @Expose() getMaxPoolSize(): number {
    return this._maxPoolSize ?? this.urlSetting('maxPoolSize') ?? DEFAULT_MAX_POOL_SIZE;
  }

  private urlSetting(name: string): number | undefined {
    const url = this._connectionUrl;
    if (url === null) return undefined;
    // every store operation reads timeoutMs: the URL is parsed once, not per operation
    if (this._parsedUrl?.url !== url) this._parsedUrl = { url, info: parseJdbcUrl(url) };
    return urlInt(this._parsedUrl.info, name);
  }
  private _parsedUrl: { url: string; info: ReturnType<typeof parseJdbcUrl> } | null = null;

  /** The lower-cased database product name, once a store has started. */
  @Expose() getDBName(): string | null {
    return this._dbName;
  }
  getDialect(): SqlDialect | null {
    return this._dialect;
  }
  /** True for databases that store '' as NULL (Oracle); none of Pier's. */
  @Expose() isEmptyStringNull(): boolean {
    return false;
  }

  /**
   * An identifier as the database stores unquoted names: PostgreSQL folds them to lower case, MariaDB,
   * MySQL and SQLite keep them (and compare them without case).
   */
  convertIdentifier(identifier: string): string;
  convertIdentifier(identifier: string | null): string | null;
  convertIdentifier(identifier: string | null): string | null {
    if (identifier === null) return null;
    if (this._dialect === null) throw new IllegalStateError('Cannot convert an identifier: DbAdaptor missing metadata');
    return this._dialect === 'postgresql' ? identifier.toLowerCase() : identifier;
  }

  private requireDbName(): string {
    if (this._dbName === null) throw new IllegalStateError('Cannot choose a column type: DbAdaptor missing metadata (no store has started)');
    return this._dbName;
  }

  private requireClosed(setting: string): void {
    if (this._client !== null) throw new IllegalStateError(`Cannot set ${setting}: the DatabaseAdaptor is in use by a started store`);
  }

  /**
   * Opens the pool (for the first store to start) and reads the database product. Fails with "No
   * database configured for sessions" when neither a data source nor a driver URL is set.
   */
  async initialize(): Promise<void> {
    this._users++;
    try {
      this._opening ??= this.open();
      await this._opening;
    } catch (err) {
      this._users--;
      this._opening = null;
      throw err;
    }
  }

  private async open(): Promise<void> {
    let client: SqlClient;
    let owns = false;
    if (this._datasource !== null) client = this._datasource.getSqlClient();
    else if (this._datasourceName !== null) client = lookupDataSource(this._datasourceName).getSqlClient();
    else if (this._connectionUrl !== null) {
      const info = parseJdbcUrl(this._connectionUrl, this._driverClassName);
      client = createSqlClient(info, { maxPoolSize: this.getMaxPoolSize(), connectTimeoutMs: this.getTimeoutMs() });
      owns = true;
    } else {
      throw new IllegalStateError(
        "Cannot start the JDBC session store: No database configured for sessions (set the DatabaseAdaptor's driverInfo, datasource or datasourceName)",
      );
    }
    try {
      const product = await this.bounded('read the database product', client.productName());
      this._client = client;
      this._ownsClient = owns;
      this.adaptTo(client.dialect, product);
    } catch (err) {
      if (owns) await client.close().catch(() => undefined);
      throw err;
    }
  }

  /** Jetty's adaptTo(DatabaseMetaData): records the product name and how identifiers are stored. */
  adaptTo(dialect: SqlDialect, productName: string): void {
    this._dialect = dialect;
    this._dbName = productName.toLowerCase();
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Using database {}', this._dbName);
  }

  /** A store stops: the last one closes the pool Pier opened (a data source's pool stays open). */
  async release(): Promise<void> {
    if (this._users <= 0) return;
    if (--this._users > 0) return;
    const client = this._client;
    const owns = this._ownsClient;
    this._client = null;
    this._opening = null;
    if (client && owns) await client.close();
  }

  /**
   * Runs one store operation on the pool within the time limit. Every statement of the store passes
   * here: it is the one place to measure or observe store operations.
   */
  run<T>(operation: string, work: (client: SqlClient) => Promise<T>): Promise<T> {
    const client = this._client;
    if (client === null) return Promise.reject(new IllegalStateError(`Cannot ${operation}: the DatabaseAdaptor is not initialized`));
    let started: Promise<T>;
    try {
      started = work(client);
    } catch (err) {
      started = Promise.reject(err);
    }
    return this.bounded(operation, started);
  }

  private bounded<T>(operation: string, p: Promise<T>): Promise<T> {
    const ms = this.getTimeoutMs();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DatabaseTimeoutError(operation, ms)), ms);
      p.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }

  /**
   * Pier: the pool at this moment (its size limit, open, idle and waiting counts), or null while no store
   * has opened it. A data source's pool reports its own limit as the adaptor's maxPoolSize.
   */
  getPoolStatistics(): (PoolStatistics & { readonly max: number }) | null {
    const client = this._client;
    return client === null ? null : { max: this.getMaxPoolSize(), ...client.poolStatistics() };
  }

  toString(): string {
    return `DatabaseAdaptor[jndi=${this._datasourceName},driver=${this._driverClassName},url=${this._connectionUrl === null ? null : parseJdbcUrl(this._connectionUrl).redacted}]`;
  }
}

function blankToNull(s: string | null | undefined): string | null {
  return s === null || s === undefined || s.trim() === '' ? null : s;
}
