/**
 * The session table's names and SQL (org.eclipse.jetty.server.session.JDBCSessionDataStore$SessionTableSchema):
 * Jetty's defaults, the statements the store runs, and the creation of the table and its indexes when
 * they are missing. Every name comes from configuration and is checked to be a plain identifier, so
 * nothing but a name can reach the SQL; every value is a `?` parameter.
 * @module
 */
import { JettyClass, Expose } from '../../../ioc/metadata';
import { SESSION_LOG } from '../../session-log';
import type { DatabaseAdaptor } from './database-adaptor';
import type { SqlClient, SqlRow, SqlValue } from './sql-client';

/** A SQL identifier Pier accepts from configuration: a letter or `_`, then letters, digits, `_` or `$`. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

/** Checks a table, column, schema or catalog name; a RangeError says what is allowed. */
export function checkIdentifier(setting: string, name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new RangeError(
      `Cannot set ${setting} to '${name}': expected an SQL identifier (a letter or '_', then up to 62 letters, digits, '_' or '$')`,
    );
  }
  return name;
}

/** The statements of one schema on one database, built once when the tables are ready. */
/** The columns Jetty's insert names (the number of `?` in one row of it). */
export const INSERT_COLUMNS = 12;

export interface SessionStatements {
  readonly insert: string;
  readonly update: string;
  readonly load: string;
  readonly delete: string;
  readonly exists: string;
  /** This context's sessions expired before a time (any node). */
  readonly expired: string;
  /** This context's sessions last managed by this node and expired before a time. */
  readonly myExpired: string;
  /** Rows of any context and node expired before a time. */
  readonly cleanOrphans: string;
  /** Pier: the id and expiry of every row of a context (the session tool and console list from it). */
  readonly list: string;
}

/** Reads a column from a row whatever case the database gave its name. */
export function field(row: SqlRow, column: string): unknown {
  if (column in row) return row[column];
  // PostgreSQL folds unquoted names to lower case: try that key before comparing every key
  let lower = LOWER_CASE.get(column);
  if (lower === undefined) {
    lower = column.toLowerCase();
    if (LOWER_CASE.size < 256) LOWER_CASE.set(column, lower);
  }
  if (lower in row) return row[lower];
  for (const k of Object.keys(row)) if (k.toLowerCase() === lower) return row[k];
  return undefined;
}

/** The lower-case form of the configured column names (a few dozen at most; bounded all the same). */
const LOWER_CASE = new Map<string, string>();

/** A BIGINT column as a number (PostgreSQL returns text for BIGINT); NULL reads 0 as JDBC's getLong. */
export function longField(row: SqlRow, column: string): number {
  const v = field(row, column);
  return v === null || v === undefined ? 0 : Number(v);
}

/**
 * Jetty's SessionTableSchema. XML properties (module `jetty.session.jdbc.schema.*`), with defaults:
 * `tableName` (JettySessions), `schemaName` and `catalogName` (none; `INFERRED` takes the connection's),
 * `idColumn` (sessionId), `contextPathColumn` (contextPath), `virtualHostColumn` (virtualHost),
 * `lastNodeColumn` (lastNode), `accessTimeColumn` (accessTime), `lastAccessTimeColumn` (lastAccessTime),
 * `createTimeColumn` (createTime), `cookieTimeColumn` (cookieTime), `lastSavedTimeColumn` (lastSavedTime),
 * `expiryTimeColumn` (expiryTime), `maxIntervalColumn` (maxInterval, milliseconds), `mapColumn` (map).
 */
@JettyClass('org.eclipse.jetty.server.session.JDBCSessionDataStore$SessionTableSchema', {
  aliases: ['org.eclipse.jetty.server.session.JDBCSessionDataStore.SessionTableSchema'],
})
export class SessionTableSchema {
  static readonly MAX_INTERVAL_NOT_SET = -999;
  static readonly INFERRED = 'INFERRED';

  private _schemaName: string | null = null;
  private _catalogName: string | null = null;
  private _tableName = 'JettySessions';
  private _idColumn = 'sessionId';
  private _contextPathColumn = 'contextPath';
  private _virtualHostColumn = 'virtualHost';
  private _lastNodeColumn = 'lastNode';
  private _accessTimeColumn = 'accessTime';
  private _lastAccessTimeColumn = 'lastAccessTime';
  private _createTimeColumn = 'createTime';
  private _cookieTimeColumn = 'cookieTime';
  private _lastSavedTimeColumn = 'lastSavedTime';
  private _expiryTimeColumn = 'expiryTime';
  private _maxIntervalColumn = 'maxInterval';
  private _mapColumn = 'map';

  /** Empty means none; `INFERRED` means the connection's current schema (then prefixed to the table). */
  @Expose('String') setSchemaName(name: string | null): void {
    this._schemaName = optionalName('schemaName', name);
  }
  @Expose() getSchemaName(): string | null {
    return this._schemaName;
  }
  /** Empty means none; `INFERRED` means the connection's current catalog (database). */
  @Expose('String') setCatalogName(name: string | null): void {
    this._catalogName = optionalName('catalogName', name);
  }
  @Expose() getCatalogName(): string | null {
    return this._catalogName;
  }
  @Expose('String') setTableName(name: string): void {
    this._tableName = checkIdentifier('tableName', name);
  }
  @Expose() getTableName(): string {
    return this._tableName;
  }
  @Expose('String') setIdColumn(name: string): void {
    this._idColumn = checkIdentifier('idColumn', name);
  }
  @Expose() getIdColumn(): string {
    return this._idColumn;
  }
  @Expose('String') setContextPathColumn(name: string): void {
    this._contextPathColumn = checkIdentifier('contextPathColumn', name);
  }
  @Expose() getContextPathColumn(): string {
    return this._contextPathColumn;
  }
  @Expose('String') setVirtualHostColumn(name: string): void {
    this._virtualHostColumn = checkIdentifier('virtualHostColumn', name);
  }
  @Expose() getVirtualHostColumn(): string {
    return this._virtualHostColumn;
  }
  @Expose('String') setLastNodeColumn(name: string): void {
    this._lastNodeColumn = checkIdentifier('lastNodeColumn', name);
  }
  @Expose() getLastNodeColumn(): string {
    return this._lastNodeColumn;
  }
  @Expose('String') setAccessTimeColumn(name: string): void {
    this._accessTimeColumn = checkIdentifier('accessTimeColumn', name);
  }
  @Expose() getAccessTimeColumn(): string {
    return this._accessTimeColumn;
  }
  @Expose('String') setLastAccessTimeColumn(name: string): void {
    this._lastAccessTimeColumn = checkIdentifier('lastAccessTimeColumn', name);
  }
  @Expose() getLastAccessTimeColumn(): string {
    return this._lastAccessTimeColumn;
  }
  @Expose('String') setCreateTimeColumn(name: string): void {
    this._createTimeColumn = checkIdentifier('createTimeColumn', name);
  }
  @Expose() getCreateTimeColumn(): string {
    return this._createTimeColumn;
  }
  @Expose('String') setCookieTimeColumn(name: string): void {
    this._cookieTimeColumn = checkIdentifier('cookieTimeColumn', name);
  }
  @Expose() getCookieTimeColumn(): string {
    return this._cookieTimeColumn;
  }
  @Expose('String') setLastSavedTimeColumn(name: string): void {
    this._lastSavedTimeColumn = checkIdentifier('lastSavedTimeColumn', name);
  }
  @Expose() getLastSavedTimeColumn(): string {
    return this._lastSavedTimeColumn;
  }
  @Expose('String') setExpiryTimeColumn(name: string): void {
    this._expiryTimeColumn = checkIdentifier('expiryTimeColumn', name);
  }
  @Expose() getExpiryTimeColumn(): string {
    return this._expiryTimeColumn;
  }
  @Expose('String') setMaxIntervalColumn(name: string): void {
    this._maxIntervalColumn = checkIdentifier('maxIntervalColumn', name);
  }
  @Expose() getMaxIntervalColumn(): string {
    return this._maxIntervalColumn;
  }
  @Expose('String') setMapColumn(name: string): void {
    this._mapColumn = checkIdentifier('mapColumn', name);
  }
  @Expose() getMapColumn(): string {
    return this._mapColumn;
  }

  /** `schema.table`, or the table alone without a schema. */
  getSchemaTableName(): string {
    return (this._schemaName !== null ? `${this._schemaName}.` : '') + this._tableName;
  }

  /** Jetty's CREATE TABLE, with the adaptor's types (and the schema prefix, which Jetty leaves out). */
  getCreateStatementAsString(adaptor: DatabaseAdaptor): string {
    const s = adaptor.getStringType();
    const l = adaptor.getLongType();
    return (
      `create table ${this.getSchemaTableName()} (${this._idColumn} ${s}(120), ${this._contextPathColumn} ${s}(60), ` +
      `${this._virtualHostColumn} ${s}(60), ${this._lastNodeColumn} ${s}(60), ${this._accessTimeColumn} ${l}, ` +
      `${this._lastAccessTimeColumn} ${l}, ${this._createTimeColumn} ${l}, ${this._cookieTimeColumn} ${l}, ` +
      `${this._lastSavedTimeColumn} ${l}, ${this._expiryTimeColumn} ${l}, ${this._maxIntervalColumn} ${l}, ` +
      `${this._mapColumn} ${adaptor.getBlobType()}, primary key(${this._idColumn}, ${this._contextPathColumn},${this._virtualHostColumn}))`
    );
  }

  getCreateIndexOverExpiryStatementAsString(indexName: string): string {
    return `create index ${indexName} on ${this.getSchemaTableName()} (${this._expiryTimeColumn})`;
  }

  getCreateIndexOverSessionStatementAsString(indexName: string): string {
    return `create index ${indexName} on ${this.getSchemaTableName()} (${this._idColumn}, ${this._contextPathColumn})`;
  }

  getAlterTableForMaxIntervalAsString(adaptor: DatabaseAdaptor): string {
    return `alter table ${this.getSchemaTableName()} add ${this._maxIntervalColumn} ${adaptor.getLongType()} not null default ${SessionTableSchema.MAX_INTERVAL_NOT_SET}`;
  }

  /**
   * Pier: Jetty's insert for `rows` sessions in one statement (`values (...), (...)`), which PostgreSQL,
   * MariaDB, MySQL and SQLite all take; the session tool's import writes many new sessions with it.
   */
  getInsertManyStatementAsString(rows: number): string {
    const one = ` (${new Array(INSERT_COLUMNS).fill('?').join(', ')})`;
    return this.statements().insert.replace(/ values \(.*\)$/, ' values' + new Array(rows).fill(one).join(','));
  }

  /**
   * Pier, PostgreSQL only: Jetty's update for any number of sessions in one statement, each column's values
   * as one array parameter (`unnest`), so that the text, and so its prepared plan, is the same whatever the
   * count. Parameters: ids, lastNodes, accessTimes, lastAccessTimes, lastSavedTimes, expiryTimes,
   * maxIntervals, maps (arrays in the same order), then the context path and virtual host.
   */
  getUpdateManyStatementAsString(adaptor: DatabaseAdaptor): string {
    const s = adaptor.getStringType();
    const l = adaptor.getLongType();
    const set = [
      this._lastNodeColumn,
      this._accessTimeColumn,
      this._lastAccessTimeColumn,
      this._lastSavedTimeColumn,
      this._expiryTimeColumn,
      this._maxIntervalColumn,
      this._mapColumn,
    ]
      .map((c, i) => `${c} = pier_v.c${i + 1}`)
      .join(', ');
    return (
      `update ${this.getSchemaTableName()} as pier_t set ${set} ` +
      `from unnest(?::${s}[], ?::${s}[], ?::${l}[], ?::${l}[], ?::${l}[], ?::${l}[], ?::${l}[], ?::${adaptor.getBlobType()}[]) ` +
      `as pier_v(k, c1, c2, c3, c4, c5, c6, c7) ` +
      `where pier_t.${this._idColumn} = pier_v.k and pier_t.${this._contextPathColumn} = ?::${s} and pier_t.${this._virtualHostColumn} = ?::${s}`
    );
  }

  /**
   * Pier, PostgreSQL only: Jetty's insert for any number of sessions in one statement, as
   * getUpdateManyStatementAsString does the update. Parameters: the context path and virtual host, then
   * one array per remaining column of Jetty's insert, in its order.
   */
  getInsertManyArraysStatementAsString(adaptor: DatabaseAdaptor): string {
    const s = adaptor.getStringType();
    const l = adaptor.getLongType();
    return (
      this.statements().insert.replace(/ values \(.*\)$/, '') +
      ` select pier_v.k, ?::${s}, ?::${s}, pier_v.c1, pier_v.c2, pier_v.c3, pier_v.c4, pier_v.c5, pier_v.c6, pier_v.c7, pier_v.c8, pier_v.c9 ` +
      `from unnest(?::${s}[], ?::${s}[], ?::${l}[], ?::${l}[], ?::${l}[], ?::${l}[], ?::${l}[], ?::${l}[], ?::${l}[], ?::${adaptor.getBlobType()}[]) ` +
      `as pier_v(k, c1, c2, c3, c4, c5, c6, c7, c8, c9)`
    );
  }

  /**
   * Pier, PostgreSQL only: Jetty's load for any number of sessions in one statement. Parameters: an array
   * of ids, the context path and the virtual host.
   */
  getLoadManyStatementAsString(adaptor: DatabaseAdaptor): string {
    const s = adaptor.getStringType();
    return (
      `select * from ${this.getSchemaTableName()} where ${this._idColumn} = any(?::${s}[]) ` +
      `and ${this._contextPathColumn} = ?::${s} and ${this._virtualHostColumn} = ?::${s}`
    );
  }

  /** The statements the store runs, exactly Jetty's (values as `?` parameters). */
  statements(): SessionStatements {
    const t = this.getSchemaTableName();
    const key = `${this._idColumn} = ? and ${this._contextPathColumn} = ? and ${this._virtualHostColumn} = ?`;
    const expiring = `${this._expiryTimeColumn} >0 and ${this._expiryTimeColumn} <= ?`;
    return {
      insert:
        `insert into ${t} (${this._idColumn}, ${this._contextPathColumn}, ${this._virtualHostColumn}, ${this._lastNodeColumn}, ` +
        `${this._accessTimeColumn}, ${this._lastAccessTimeColumn}, ${this._createTimeColumn}, ${this._cookieTimeColumn}, ` +
        `${this._lastSavedTimeColumn}, ${this._expiryTimeColumn}, ${this._maxIntervalColumn}, ${this._mapColumn}) ` +
        ' values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      update:
        `update ${t} set ${this._lastNodeColumn} = ?, ${this._accessTimeColumn} = ?, ${this._lastAccessTimeColumn} = ?, ` +
        `${this._lastSavedTimeColumn} = ?, ${this._expiryTimeColumn} = ?, ${this._maxIntervalColumn} = ?, ${this._mapColumn} = ? where ${key}`,
      load: `select * from ${t} where ${key}`,
      delete: `delete from ${t} where ${key}`,
      exists: `select ${this._idColumn}, ${this._expiryTimeColumn} from ${t} where ${key}`,
      expired: `select ${this._idColumn}, ${this._expiryTimeColumn} from ${t} where ${this._contextPathColumn} = ? and ${this._virtualHostColumn} = ? and ${expiring}`,
      myExpired: `select ${this._idColumn}, ${this._expiryTimeColumn} from ${t} where ${this._lastNodeColumn} = ? and ${this._contextPathColumn} = ? and ${this._virtualHostColumn} = ? and ${expiring}`,
      cleanOrphans: `delete from ${t} where ${expiring}`,
      list: `select ${this._idColumn}, ${this._expiryTimeColumn} from ${t} where ${this._contextPathColumn} = ? and ${this._virtualHostColumn} = ?`,
    };
  }

  /**
   * Jetty's prepareTables: resolves INFERRED schema and catalog names, creates the table when it is
   * missing (or adds the maxInterval column to an old one), and creates the two indexes
   * `idx_<table>_expiry` and `idx_<table>_session` when missing. Several nodes may start at once: a
   * CREATE that fails because another node just made the object is not an error.
   */
  async prepareTables(adaptor: DatabaseAdaptor): Promise<void> {
    await adaptor.run(`prepare the session table '${this.getSchemaTableName()}'`, async (db) => {
      const meta = new CatalogQueries(db);
      if (this._schemaName !== null && this._schemaName.toUpperCase() === SessionTableSchema.INFERRED) this._schemaName = await meta.currentSchema();
      if (this._catalogName !== null && this._catalogName.toUpperCase() === SessionTableSchema.INFERRED)
        this._catalogName = await meta.currentCatalog();
      const where: TableRef = {
        catalog: adaptor.convertIdentifier(this._catalogName),
        schema: adaptor.convertIdentifier(this._schemaName),
        table: adaptor.convertIdentifier(this._tableName),
      };
      if (!(await meta.tableExists(where))) {
        if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Creating table {} schema={} catalog={}', where.table, where.schema, where.catalog);
        await createUnlessRaced(db, this.getCreateStatementAsString(adaptor), () => meta.tableExists(where));
      } else if (!(await meta.columnExists(where, adaptor.convertIdentifier(this._maxIntervalColumn)))) {
        await db.update(this.getAlterTableForMaxIntervalAsString(adaptor), []);
      }
      const expiryIndex = `idx_${this._tableName}_expiry`;
      const sessionIndex = `idx_${this._tableName}_session`;
      if (!(await meta.indexExists(where, expiryIndex))) {
        await createUnlessRaced(db, this.getCreateIndexOverExpiryStatementAsString(expiryIndex), () => meta.indexExists(where, expiryIndex));
      }
      if (!(await meta.indexExists(where, sessionIndex))) {
        await createUnlessRaced(db, this.getCreateIndexOverSessionStatementAsString(sessionIndex), () => meta.indexExists(where, sessionIndex));
      }
    });
  }

  toString(): string {
    return (
      `SessionTableSchema[${this._catalogName},${this._schemaName},${this._tableName},${this._idColumn},${this._contextPathColumn},` +
      `${this._virtualHostColumn},${this._cookieTimeColumn},${this._createTimeColumn},${this._expiryTimeColumn},${this._accessTimeColumn},` +
      `${this._lastAccessTimeColumn},${this._lastNodeColumn},${this._lastSavedTimeColumn},${this._maxIntervalColumn}]`
    );
  }
}

function optionalName(setting: string, name: string | null): string | null {
  if (name === null || name === undefined || name.trim() === '') return null;
  return checkIdentifier(setting, name.trim());
}

/** Runs a CREATE; when it fails and `nowExists` says another node made the object meanwhile, that is fine. */
async function createUnlessRaced(db: SqlClient, ddl: string, nowExists: () => Promise<boolean>): Promise<void> {
  try {
    await db.update(ddl, []);
  } catch (err) {
    if (!(await nowExists().catch(() => false))) throw err;
  }
}

interface TableRef {
  readonly catalog: string | null;
  readonly schema: string | null;
  readonly table: string;
}

/** JDBC DatabaseMetaData's getTables, getColumns and getIndexInfo, for each dialect. */
class CatalogQueries {
  constructor(private readonly db: SqlClient) {}

  private async any(sql: string, params: readonly SqlValue[]): Promise<boolean> {
    return (await this.db.query(sql, params)).length > 0;
  }

  async currentSchema(): Promise<string | null> {
    switch (this.db.dialect) {
      case 'postgresql':
        return String(field((await this.db.query('select current_schema() as s', []))[0], 's'));
      default:
        return null;
    }
  }

  async currentCatalog(): Promise<string | null> {
    switch (this.db.dialect) {
      case 'postgresql':
        return String(field((await this.db.query('select current_database() as c', []))[0], 'c'));
      case 'mysql':
        return String(field((await this.db.query('select database() as c', []))[0], 'c'));
      default:
        return null;
    }
  }

  /** MariaDB and MySQL call a database a schema, and JDBC calls it a catalog: either names it. */
  private mysqlDatabase(t: TableRef): { sql: string; params: SqlValue[] } {
    const db = t.schema ?? t.catalog;
    return db === null ? { sql: 'table_schema = database()', params: [] } : { sql: 'table_schema = ?', params: [db] };
  }

  private pgSchema(t: TableRef): { sql: string; params: SqlValue[] } {
    return t.schema === null ? { sql: 'table_schema = current_schema()', params: [] } : { sql: 'table_schema = ?', params: [t.schema] };
  }

  private sqliteMaster(t: TableRef): string {
    return t.schema === null ? 'sqlite_master' : `${t.schema}.sqlite_master`;
  }

  async tableExists(t: TableRef): Promise<boolean> {
    switch (this.db.dialect) {
      case 'postgresql': {
        const s = this.pgSchema(t);
        return this.any(`select 1 from information_schema.tables where table_name = ? and ${s.sql}`, [t.table, ...s.params]);
      }
      case 'mysql': {
        const s = this.mysqlDatabase(t);
        return this.any(`select 1 from information_schema.tables where table_name = ? and ${s.sql}`, [t.table, ...s.params]);
      }
      case 'sqlite':
        return this.any(`select 1 from ${this.sqliteMaster(t)} where type = ? and name = ? collate nocase`, ['table', t.table]);
    }
  }

  async columnExists(t: TableRef, column: string): Promise<boolean> {
    switch (this.db.dialect) {
      case 'postgresql': {
        const s = this.pgSchema(t);
        return this.any(`select 1 from information_schema.columns where table_name = ? and column_name = ? and ${s.sql}`, [
          t.table,
          column,
          ...s.params,
        ]);
      }
      case 'mysql': {
        const s = this.mysqlDatabase(t);
        return this.any(`select 1 from information_schema.columns where table_name = ? and column_name = ? and ${s.sql}`, [
          t.table,
          column,
          ...s.params,
        ]);
      }
      case 'sqlite':
        return this.any(
          `select 1 from pragma_table_info(?${t.schema === null ? '' : ', ?'}) where name = ? collate nocase`,
          t.schema === null ? [t.table, column] : [t.table, t.schema, column],
        );
    }
  }

  /** Index names compare without case, as Jetty's equalsIgnoreCase. */
  async indexExists(t: TableRef, index: string): Promise<boolean> {
    switch (this.db.dialect) {
      case 'postgresql': {
        const params: SqlValue[] = [t.table, index];
        if (t.schema !== null) params.push(t.schema);
        return this.any(
          `select 1 from pg_indexes where tablename = ? and lower(indexname) = lower(?) and schemaname = ${t.schema === null ? 'current_schema()' : '?'}`,
          params,
        );
      }
      case 'mysql': {
        const s = this.mysqlDatabase(t);
        return this.any(`select 1 from information_schema.statistics where table_name = ? and lower(index_name) = lower(?) and ${s.sql}`, [
          t.table,
          index,
          ...s.params,
        ]);
      }
      case 'sqlite':
        return this.any(`select 1 from ${this.sqliteMaster(t)} where type = ? and name = ? collate nocase`, ['index', index]);
    }
  }
}
