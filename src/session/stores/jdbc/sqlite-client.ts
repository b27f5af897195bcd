/**
 * The SqlClient for an embedded SQLite file, over `better-sqlite3`: one connection (SQLite serialises
 * writers anyway), write-ahead logging, and a busy timeout for the rare writer from another process.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import type { JdbcConnectionInfo } from './jdbc-url';
import {
  isMissingSqliteBinding,
  requireDriver,
  sqliteBindingError,
  type SqlClient,
  type SqlClientOptions,
  type SqlRow,
  type SqlValue,
  type PoolStatistics,
} from './sql-client';

/** How many prepared statements are kept (the store uses about a dozen). */
const MAX_STATEMENTS = 64;

/** SQLite in one file (or `:memory:`), relative paths taken from the current folder as Java does. */
export class SqliteClient implements SqlClient {
  readonly dialect = 'sqlite' as const;
  private readonly _db: Database;
  private readonly _statements = new Map<string, Statement>();

  constructor(info: JdbcConnectionInfo, options: SqlClientOptions) {
    const Driver = requireDriver<typeof import('better-sqlite3')>('sqlite', info.redacted);
    const file = info.database;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    try {
      this._db = new Driver(file, { timeout: options.connectTimeoutMs });
    } catch (err) {
      if (isMissingSqliteBinding(err)) throw sqliteBindingError(`connect to '${info.redacted}'`);
      throw err;
    }
    // write-ahead logging with SQLite's default synchronous=FULL: a commit is on disk before it returns
    if (file !== ':memory:') this._db.pragma('journal_mode = WAL');
  }

  private statement(sql: string): Statement {
    let st = this._statements.get(sql);
    if (st === undefined) {
      st = this._db.prepare(sql);
      if (this._statements.size >= MAX_STATEMENTS) this._statements.delete(this._statements.keys().next().value as string);
      this._statements.set(sql, st);
    }
    return st;
  }

  async query(sql: string, params: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.statement(sql).all(...params) as SqlRow[];
  }

  async update(sql: string, params: readonly SqlValue[]): Promise<number> {
    return this.statement(sql).run(...params).changes;
  }

  async productName(): Promise<string> {
    return 'sqlite';
  }

  /** One connection, used synchronously: idle between statements, and nothing ever waits for it. */
  poolStatistics(): PoolStatistics {
    return { open: this._db.open ? 1 : 0, idle: this._db.open ? 1 : 0, waiting: 0 };
  }

  async close(): Promise<void> {
    this._statements.clear();
    if (this._db.open) this._db.close();
  }
}
