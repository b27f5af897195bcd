/**
 * The SqlClient for MariaDB and MySQL, over the `mysql2` package's bounded pool and server-side
 * prepared statements.
 * @module
 */
import type { PoolOptions } from 'mysql2';
import type { Pool, ResultSetHeader } from 'mysql2/promise';
import type { JdbcConnectionInfo } from './jdbc-url';
import { requireDriver, type SqlClient, type SqlClientOptions, type SqlRow, type SqlValue, type PoolStatistics } from './sql-client';

/** MariaDB Connector/J's and MySQL Connector/J's URL parameters that mean the same to `mysql2`. */
function mysqlOptions(info: JdbcConnectionInfo): Partial<PoolOptions> {
  const p = info.params;
  const out: Partial<PoolOptions> = {};
  const sslMode = (p.get('sslMode') ?? '').toLowerCase();
  if (p.get('useSSL') === 'true' || p.get('useSsl') === 'true' || (sslMode !== '' && sslMode !== 'disable' && sslMode !== 'disabled')) {
    out.ssl = {
      rejectUnauthorized: sslMode === 'verify-full' || sslMode === 'verify_identity' || sslMode === 'verify-ca' || sslMode === 'verify_ca',
    };
  }
  return out;
}

/** The lists mysql2's callback pool keeps its connections and waiting requests in (not part of its typings). */
interface MysqlPoolLists {
  readonly _allConnections?: { readonly length: number };
  readonly _freeConnections?: { readonly length: number };
  readonly _connectionQueue?: { readonly length: number };
}

/** MariaDB or MySQL through a `mysql2` pool of at most maxPoolSize connections. */
export class MysqlClient implements SqlClient {
  readonly dialect = 'mysql' as const;
  private readonly _pool: Pool;
  private _product: string | null = null;
  private readonly _lists: MysqlPoolLists;

  constructor(info: JdbcConnectionInfo, options: SqlClientOptions) {
    const mysql = requireDriver<typeof import('mysql2')>('mysql', info.redacted);
    const pool = mysql.createPool({
      host: info.host,
      port: info.port,
      database: info.database,
      user: info.user,
      password: info.password,
      connectionLimit: options.maxPoolSize,
      maxIdle: options.maxPoolSize,
      idleTimeout: 30_000,
      queueLimit: 0,
      waitForConnections: true,
      connectTimeout: options.connectTimeoutMs,
      enableKeepAlive: true,
      ...mysqlOptions(info),
    });
    // A pooled connection that the network drops emits 'error' when no statement is waiting on it;
    // the pool discards it, and without a listener Node would end the process.
    pool.on('connection', (c) => {
      c.on('error', () => undefined);
    });
    this._pool = pool.promise();
    this._lists = pool as unknown as MysqlPoolLists;
  }

  /**
   * mysql2 publishes no counts: its pool keeps them in three lists (read defensively, so a change of its
   * internals gives zeros, never a failure).
   */
  poolStatistics(): PoolStatistics {
    const l = this._lists;
    return { open: l._allConnections?.length ?? 0, idle: l._freeConnections?.length ?? 0, waiting: l._connectionQueue?.length ?? 0 };
  }

  async query(sql: string, params: readonly SqlValue[]): Promise<SqlRow[]> {
    const [rows] = await this._pool.execute(sql, params as SqlValue[]);
    return rows as SqlRow[];
  }

  async update(sql: string, params: readonly SqlValue[]): Promise<number> {
    // DDL cannot be prepared on every server version: it goes as a plain statement (it has no parameters)
    const [res] = params.length === 0 ? await this._pool.query(sql) : await this._pool.execute(sql, params as SqlValue[]);
    return (res as ResultSetHeader).affectedRows ?? 0;
  }

  async productName(): Promise<string> {
    if (this._product === null) {
      const [rows] = await this._pool.query('select version() as v');
      const v = String((rows as SqlRow[])[0]?.v ?? '');
      this._product = /mariadb/i.test(v) ? 'mariadb' : 'mysql';
    }
    return this._product;
  }

  async close(): Promise<void> {
    await this._pool.end();
  }
}
