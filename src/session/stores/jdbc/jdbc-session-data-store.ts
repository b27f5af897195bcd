/**
 * Sessions in a database table (org.eclipse.jetty.server.session.JDBCSessionDataStore), one row per
 * (id, context, virtual host), read and written with Jetty 9.4's statements, on PostgreSQL, MariaDB,
 * MySQL or an embedded SQLite file.
 * @module
 */
import { JettyClass } from '../../../ioc/metadata';
import { PierError } from '../../../util/errors';
import { AbstractSessionDataStore } from '../../abstract-session-data-store';
import { IllegalStateError, UnreadableSessionDataError, UnwritableSessionDataError, type SessionLocator } from '../../errors';
import { decodeSessionAttributes, encodeSessionAttributes, UnencodableValueError } from '../../session-data-codec';
import type { SessionData } from '../../session-data';
import { SESSION_LOG } from '../../session-log';
import type { SessionBulkImport, SessionStoreIndex, StoredSessionEntry } from '../../session-store-index';
import { DatabaseAdaptor } from './database-adaptor';
import { field, longField, SessionTableSchema, type SessionStatements } from './session-table-schema';
import { describeSettings, exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from '../../store-settings';
import { JDBC_STORE_SETTINGS } from './jdbc-store-settings';
import { StatementBatcher } from './statement-batcher';
import type { SqlRow, SqlValue } from './sql-client';

/**
 * Rows per multi-row insert: 12 parameters each stays under every database's limit on parameters per
 * statement (SQLite's oldest is 999).
 */
const INSERT_MANY_ROWS = 80;

/** Sessions one grouped statement carries at most (each column is one array parameter, so no parameter limit applies). */
const MAX_GROUPED_SESSIONS = 100;

/** The values of Jetty's insert for one session, in its column order. */
function insertValues(id: string, cp: string, vh: string, data: SessionData, map: Buffer): (string | number | Buffer)[] {
  return [
    id,
    cp,
    vh,
    data.getLastNode(),
    data.getAccessed(),
    data.getLastAccessed(),
    data.getCreated(),
    data.getCookieSet(),
    data.getLastSaved(),
    data.getExpiry(),
    data.getMaxInactiveMs(),
    map,
  ];
}

/** The values of Jetty's update for one session, in its parameter order (the key last). */
function updateValues(id: string, cp: string, vh: string, data: SessionData, map: Buffer): (string | number | Buffer)[] {
  return [
    data.getLastNode(),
    data.getAccessed(),
    data.getLastAccessed(),
    data.getLastSaved(),
    data.getExpiry(),
    data.getMaxInactiveMs(),
    map,
    id,
    cp,
    vh,
  ];
}

/** Column `i` of every row: one array parameter of a grouped statement. */
function column(rows: readonly (string | number | Buffer)[][], i: number): SqlValue {
  return rows.map((r) => r[i]);
}

/**
 * Whether a PostgreSQL error may be one session's fault (SQLSTATE class 22, a value the column refuses;
 * class 23, a constraint such as the primary key): a grouped statement that failed so is sent again
 * session by session, so that only that session's write fails.
 */
function mayBeOneSessions(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** The loads, inserts and updates of one started store on PostgreSQL, grouped under load (StatementBatcher). */
interface GroupedStatements {
  readonly loads: StatementBatcher<string, SqlRow | null>;
  readonly inserts: StatementBatcher<(string | number | Buffer)[], number>;
  readonly updates: StatementBatcher<(string | number | Buffer)[], number>;
}

/** A store operation that failed in the database (it is down, timed out, refused the statement). */
export class SessionDataStoreError extends PierError {}

function where(ctx: SessionLocator | null): string {
  return ctx ? ` in context '${ctx.canonicalContextPath}' vhost '${ctx.vhost}'` : '';
}

/**
 * Jetty's JDBCSessionDataStore. XML properties: `databaseAdaptor` (required), `sessionTableSchema`
 * (Jetty's defaults when not set), `gracePeriodSec`, `savePeriodSec`. Passivating: every write
 * serialises the attributes into the `map` column (Pier's JSON attribute document, not Java
 * serialisation). A never-saved session is inserted, a saved one updated; `cookieTime` is written on
 * insert only. Expiry follows Jetty 10's three steps: candidates (this node's expired rows, and
 * candidates no longer in the table), this context's rows expired more than a grace period ago (any
 * node), and every `10 × gracePeriodSec` a sweep deleting rows of any context that expired before then.
 */
@JettyClass('org.eclipse.jetty.server.session.JDBCSessionDataStore')
export class JDBCSessionDataStore extends AbstractSessionDataStore implements SessionStoreIndex, SessionBulkImport {
  /** What an empty context path is stored as where '' is NULL (Oracle). */
  static readonly NULL_CONTEXT_PATH = '/';

  /** The settings (JDBC_STORE_SETTINGS): setDatabaseAdaptor, getSessionTableSchema, ... are made from it. */
  readonly settings = storeSettingDefaults(JDBC_STORE_SETTINGS);
  /** Whether the schema was set (else Jetty's default schema is made at start and dropped at stop). */
  private _schemaProvided = false;
  private _sql: SessionStatements | null = null;
  private _adaptorInUse = false;
  /** On PostgreSQL, writes that arrive while others are on their way are grouped into one statement. */
  private _grouped: GroupedStatements | null = null;

  private get _dbAdaptor(): DatabaseAdaptor | null {
    return this.settings.databaseAdaptor;
  }
  private get _sessionTableSchema(): SessionTableSchema | null {
    return this.settings.sessionTableSchema;
  }

  isPassivating(): boolean {
    return true;
  }

  protected override async doStart(): Promise<void> {
    this.requireContext();
    const adaptor = this._dbAdaptor;
    if (!adaptor) throw new IllegalStateError('Cannot start JDBCSessionDataStore: No jdbc config (set its databaseAdaptor)');
    this._schemaProvided = this.settings.sessionTableSchema !== null;
    const schema = this.settings.sessionTableSchema ?? new SessionTableSchema();
    this.settings.sessionTableSchema = schema;
    await adaptor.initialize();
    this._adaptorInUse = true;
    try {
      await schema.prepareTables(adaptor);
      this._sql = schema.statements();
      this._grouped = adaptor.getDialect() === 'postgresql' ? this.groupedStatements(adaptor, schema, this._sql) : null;
      await super.doStart();
    } catch (err) {
      this._adaptorInUse = false;
      await adaptor.release();
      throw err;
    }
  }

  protected override async doStop(): Promise<void> {
    await super.doStop();
    this._sql = null;
    this._grouped = null;
    if (!this._schemaProvided) this.settings.sessionTableSchema = null;
    if (this._adaptorInUse) {
      this._adaptorInUse = false;
      await this._dbAdaptor?.release();
    }
  }

  private parts(): { adaptor: DatabaseAdaptor; schema: SessionTableSchema; sql: SessionStatements; cp: string; vh: string } {
    const ctx = this.requireContext();
    if (!this._dbAdaptor || !this._sessionTableSchema || !this._sql) throw new IllegalStateError('Cannot use JDBCSessionDataStore: Not started');
    let cp = ctx.getCanonicalContextPath();
    if (this._dbAdaptor.isEmptyStringNull() && cp.trim() === '') cp = JDBCSessionDataStore.NULL_CONTEXT_PATH;
    return { adaptor: this._dbAdaptor, schema: this._sessionTableSchema, sql: this._sql, cp, vh: ctx.getVhost() };
  }

  /** Wraps a database failure as "Cannot <what> session '<id>' in context ...: <cause>". */
  private failure(what: string, id: string, cause: unknown): SessionDataStoreError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new SessionDataStoreError(`Cannot ${what} session '${id}'${where(this._context)}: ${reason}`, { cause });
  }

  protected async doLoad(id: string): Promise<SessionData | null> {
    const { adaptor, schema, sql, cp, vh } = this.parts();
    const grouped = this._grouped;
    let row: SqlRow | null;
    try {
      row = grouped
        ? await grouped.loads.submit(id)
        : await adaptor.run(`load session '${id}'`, (db) => db.query(sql.load, [id, cp, vh]).then((rows) => rows[0] ?? null));
    } catch (err) {
      throw this.failure('load', id, err);
    }
    if (row === null) {
      if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('No session {}', id);
      return null;
    }
    const data = this.newSessionData(
      id,
      longField(row, schema.getCreateTimeColumn()),
      longField(row, schema.getAccessTimeColumn()),
      longField(row, schema.getLastAccessTimeColumn()),
      longField(row, schema.getMaxIntervalColumn()),
    );
    data.setCookieSet(longField(row, schema.getCookieTimeColumn()));
    data.setLastNode(String(field(row, schema.getLastNodeColumn()) ?? ''));
    data.setLastSaved(longField(row, schema.getLastSavedTimeColumn()));
    data.setExpiry(longField(row, schema.getExpiryTimeColumn()));
    try {
      decodeSessionAttributes(field(row, schema.getMapColumn()) as Buffer | null, data);
    } catch (cause) {
      throw new UnreadableSessionDataError(id, this._context, { cause });
    }
    data.clean();
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('LOADED session {}', id);
    return data;
  }

  /**
   * The loads, inserts and updates as StatementBatcher sends them: one session at once while fewer than
   * `maxPoolSize / 4` statements of that kind (at least 1) are on their way, else every waiting session in
   * one statement.
   */
  private groupedStatements(adaptor: DatabaseAdaptor, schema: SessionTableSchema, sql: SessionStatements): GroupedStatements {
    const slots = Math.max(1, Math.floor(adaptor.getMaxPoolSize() / 4));
    const insertMany = schema.getInsertManyArraysStatementAsString(adaptor);
    const updateMany = schema.getUpdateManyStatementAsString(adaptor);
    const loadMany = schema.getLoadManyStatementAsString(adaptor);
    const { cp, vh } = this.parts();
    const idColumn = schema.getIdColumn();
    return {
      loads: new StatementBatcher<string, SqlRow | null>(
        {
          key: (id) => id,
          one: (id) => adaptor.run(`load session '${id}'`, (db) => db.query(sql.load, [id, cp, vh])).then((rows) => rows[0] ?? null),
          many: (ids) =>
            adaptor
              .run(`load ${ids.length} sessions`, (db) => db.query(loadMany, [ids as string[], cp, vh]))
              .then((rows) => {
                const byId = new Map<string, SqlRow>();
                for (const r of rows) byId.set(String(field(r, idColumn)), r);
                return ids.map((id) => byId.get(id) ?? null);
              }),
          // a query changes nothing: a failure is the database's, and every session's
          retryEach: () => false,
          bound: (id, settled) => adaptor.run(`load session '${id}'`, () => settled),
        },
        slots,
        MAX_GROUPED_SESSIONS,
      ),
      inserts: new StatementBatcher(
        {
          key: (v) => String(v[0]),
          one: (v) => adaptor.run(`insert session '${v[0]}'`, (db) => db.update(sql.insert, v)),
          many: (rows) =>
            adaptor
              .run(`insert ${rows.length} sessions`, (db) =>
                db.update(insertMany, [rows[0][1], rows[0][2], column(rows, 0), ...[3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => column(rows, i))]),
              )
              .then(() => rows.map(() => 1)),
          retryEach: mayBeOneSessions,
          bound: (v, settled) => adaptor.run(`insert session '${v[0]}'`, () => settled),
        },
        slots,
        MAX_GROUPED_SESSIONS,
      ),
      updates: new StatementBatcher(
        {
          key: (v) => String(v[7]),
          one: (v) => adaptor.run(`update session '${v[7]}'`, (db) => db.update(sql.update, v)),
          many: (rows) =>
            adaptor
              .run(`update ${rows.length} sessions`, (db) =>
                db.update(updateMany, [column(rows, 7), ...[0, 1, 2, 3, 4, 5, 6].map((i) => column(rows, i)), rows[0][8], rows[0][9]]),
              )
              .then(() => rows.map(() => 1)),
          retryEach: mayBeOneSessions,
          bound: (v, settled) => adaptor.run(`update session '${v[7]}'`, () => settled),
        },
        slots,
        MAX_GROUPED_SESSIONS,
      ),
    };
  }

  /**
   * Jetty's insert (never saved) or update. On PostgreSQL under load the statement may carry other
   * sessions too (groupedStatements); this session's write is committed when the promise resolves, and its
   * failure is its own. The time limit runs from the call, waiting for a group included.
   */
  protected async doStore(id: string, data: SessionData, lastSaveTime: number): Promise<void> {
    const { adaptor, sql, cp, vh } = this.parts();
    let map: Buffer;
    try {
      map = encodeSessionAttributes(data);
    } catch (err) {
      const attr = err instanceof UnencodableValueError ? err.attribute : undefined;
      throw new UnwritableSessionDataError(id, this._context, attr, { cause: err });
    }
    const grouped = this._grouped;
    try {
      if (lastSaveTime <= 0) {
        const values = insertValues(id, cp, vh, data, map);
        await (grouped ? grouped.inserts.submit(values) : adaptor.run(`insert session '${id}'`, (db) => db.update(sql.insert, values)));
        if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Inserted session {}', id);
      } else {
        const values = updateValues(id, cp, vh, data, map);
        await (grouped ? grouped.updates.submit(values) : adaptor.run(`update session '${id}'`, (db) => db.update(sql.update, values)));
        if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Updated session {}', id);
      }
    } catch (err) {
      throw new UnwritableSessionDataError(id, this._context, undefined, { cause: err });
    }
  }

  /** Pier, PostgreSQL: statements that carried several sessions so far, and how many sessions they carried, per kind. */
  getGroupedStatementStatistics(): Record<
    'loads' | 'inserts' | 'updates',
    ReturnType<StatementBatcher<unknown, unknown>['getBatchStatistics']>
  > | null {
    const g = this._grouped;
    return g ? { loads: g.loads.getBatchStatistics(), inserts: g.inserts.getBatchStatistics(), updates: g.updates.getBatchStatistics() } : null;
  }

  protected async doDelete(id: string): Promise<boolean> {
    const { adaptor, sql, cp, vh } = this.parts();
    try {
      const rows = await adaptor.run(`delete session '${id}'`, (db) => db.update(sql.delete, [id, cp, vh]));
      if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Deleted Session {}:{}', id, rows > 0);
      return rows > 0;
    } catch (err) {
      throw this.failure('delete', id, err);
    }
  }

  /** A row exists and is not expired (immortal rows, expiry 0, exist). */
  protected async doExists(id: string): Promise<boolean> {
    const { adaptor, schema, sql, cp, vh } = this.parts();
    let rows;
    try {
      rows = await adaptor.run(`check session '${id}'`, (db) => db.query(sql.exists, [id, cp, vh]));
    } catch (err) {
      throw this.failure('check', id, err);
    }
    if (rows.length === 0) return false;
    const expiry = longField(rows[0], schema.getExpiryTimeColumn());
    return expiry <= 0 || expiry > Date.now();
  }

  /**
   * This node's rows of this context expired at `time`, plus the candidates that have no row any more.
   * A candidate whose row is still there but not expired is managed by another node now. As in Jetty,
   * a failure is logged and what was found so far is returned.
   */
  protected async doCheckExpired(candidates: ReadonlySet<string>, time: number): Promise<Set<string>> {
    const { adaptor, schema, sql, cp, vh } = this.parts();
    const expired = new Set<string>();
    const worker = this.requireContext().getWorkerName();
    try {
      const rows = await adaptor.run("find this node's expired sessions", (db) => db.query(sql.myExpired, [worker, cp, vh, time]));
      for (const r of rows) expired.add(String(field(r, schema.getIdColumn())));
      for (const id of candidates) {
        if (expired.has(id)) continue;
        const found = await adaptor.run(`check session '${id}'`, (db) => db.query(sql.exists, [id, cp, vh]));
        if (found.length === 0) expired.add(id);
        else if (SESSION_LOG.isDebugEnabled())
          SESSION_LOG.debug('{} Session {} expiry fresher in db than cache, another node must be managing it', worker, id);
      }
    } catch (err) {
      SESSION_LOG.warn(`Cannot check expired sessions${where(this._context)}: ${(err as Error).message}`, err);
    }
    return expired;
  }

  /** This context's rows, of any node, expired at `time`; a failure is logged and what was found returned. */
  protected async doGetExpired(time: number): Promise<Set<string>> {
    const { adaptor, schema, sql, cp, vh } = this.parts();
    const expired = new Set<string>();
    try {
      const rows = await adaptor.run('find expired sessions', (db) => db.query(sql.expired, [cp, vh, time]));
      for (const r of rows) expired.add(String(field(r, schema.getIdColumn())));
    } catch (err) {
      SESSION_LOG.warn(`Cannot find sessions expired before ${time}${where(this._context)}: ${(err as Error).message}`, err);
    }
    return expired;
  }

  /** Deletes rows of any context and node that expired at `time` (nobody can load them for listeners). */
  protected async doCleanOrphans(time: number): Promise<void> {
    const { adaptor, sql } = this.parts();
    try {
      const rows = await adaptor.run('delete orphaned sessions', (db) => db.update(sql.cleanOrphans, [time]));
      if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Deleted {} orphaned sessions', rows);
    } catch (err) {
      SESSION_LOG.warn(`Cannot delete orphaned sessions: ${(err as Error).message}`, err);
    }
  }

  /**
   * Pier's SessionBulkImport: inserts sessions the table does not hold, `INSERT_MANY_ROWS` rows per
   * statement (each statement is atomic), instead of one round trip per session. Each session's lastSaved
   * is set and it is marked clean, as `store` does.
   */
  async insertAll(sessions: readonly SessionData[]): Promise<void> {
    this.checkStarted();
    const { adaptor, schema, cp, vh } = this.parts();
    for (let i = 0; i < sessions.length; i += INSERT_MANY_ROWS) {
      const chunk = sessions.slice(i, i + INSERT_MANY_ROWS);
      const now = Date.now();
      const params: (string | number | Buffer)[] = [];
      for (const data of chunk) {
        let map: Buffer;
        try {
          map = encodeSessionAttributes(data);
        } catch (err) {
          const attr = err instanceof UnencodableValueError ? err.attribute : undefined;
          throw new UnwritableSessionDataError(data.getId(), this._context, attr, { cause: err });
        }
        data.setLastSaved(now);
        params.push(...insertValues(data.getId(), cp, vh, data, map));
      }
      try {
        await adaptor.run(`insert ${chunk.length} sessions`, (db) => db.update(schema.getInsertManyStatementAsString(chunk.length), params));
      } catch (err) {
        for (const data of chunk) data.setLastSaved(0);
        throw new UnwritableSessionDataError(chunk[0].getId(), this._context, undefined, { cause: err });
      }
      for (const data of chunk) data.clean();
    }
  }

  /** Pier's SessionStoreIndex: the id and expiry of every row of this context, in one query. */
  async getStoredSessions(): Promise<StoredSessionEntry[]> {
    this.checkStarted();
    const { adaptor, schema, sql, cp, vh } = this.parts();
    let rows;
    try {
      rows = await adaptor.run('list sessions', (db) => db.query(sql.list, [cp, vh]));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new SessionDataStoreError(`Cannot list sessions${where(this._context)}: ${reason}`, { cause: err });
    }
    return rows.map((r) => ({ id: String(field(r, schema.getIdColumn())), expiry: longField(r, schema.getExpiryTimeColumn()) }));
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}${describeSettings(this.settings)}`;
  }
}

// Jetty's setters and getters of the settings (setDatabaseAdaptor, getSessionTableSchema), from JDBC_STORE_SETTINGS
export interface JDBCSessionDataStore extends StoreSettingAccessors<typeof JDBC_STORE_SETTINGS> {}
exposeStoreSettings(JDBCSessionDataStore, JDBC_STORE_SETTINGS, { fixedWhileRunning: true });
