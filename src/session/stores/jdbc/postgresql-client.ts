/**
 * The SqlClient for PostgreSQL, over the `pg` package's bounded Pool.
 * @module
 */
import type { Pool, PoolConfig } from 'pg';
import { SESSION_LOG } from '../../session-log';
import type { JdbcConnectionInfo } from './jdbc-url';
import {
  requireDriver,
  toNumberedPlaceholders,
  type SqlClient,
  type SqlClientOptions,
  type SqlRow,
  type SqlValue,
  type PoolStatistics,
} from './sql-client';

/** pgJDBC's URL parameters that mean the same to `pg`, and how each is passed on. */
function pgOptions(info: JdbcConnectionInfo): Partial<PoolConfig> {
  const p = info.params;
  const out: Partial<PoolConfig> = {};
  const sslmode = p.get('sslmode');
  if (p.get('ssl') === 'true' || (sslmode !== undefined && sslmode !== 'disable')) {
    out.ssl = sslmode === 'verify-full' || sslmode === 'verify-ca' ? { rejectUnauthorized: true } : { rejectUnauthorized: false };
  }
  const app = p.get('ApplicationName') ?? p.get('applicationName');
  if (app) out.application_name = app;
  const schema = p.get('currentSchema');
  // a search_path given as a connection option; the name is quoted so that no character can end it
  if (schema) out.options = `-c search_path="${schema.replace(/"/g, '""')}"`;
  return out;
}

/** Named statements are for the store's fixed set; anything beyond this many is sent unnamed. */
const MAX_NAMED_STATEMENTS = 64;

/** PostgreSQL through a `pg` Pool of at most maxPoolSize connections. */
export class PostgresqlClient implements SqlClient {
  readonly dialect = 'postgresql' as const;
  private readonly _pool: Pool;
  private readonly _names = new Map<string, { name: string; text: string }>();

  constructor(info: JdbcConnectionInfo, options: SqlClientOptions) {
    const pg = requireDriver<typeof import('pg')>('postgresql', info.redacted);
    this._pool = new pg.Pool({
      host: info.host,
      port: info.port,
      database: info.database,
      user: info.user,
      password: info.password,
      max: options.maxPoolSize,
      connectionTimeoutMillis: options.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      allowExitOnIdle: true,
      ...pgOptions(info),
    });
    // An idle connection that the server or the network drops is removed from the pool, which then
    // emits 'error': without a listener Node would end the process.
    this._pool.on('error', (err) => SESSION_LOG.debug('Dropped an idle PostgreSQL connection: {}', err.message));
  }

  /**
   * The store runs a dozen fixed statements: each gets a name, so that every connection parses and
   * plans it once and then only binds values (DDL, without parameters, is sent as it is).
   */
  private statement(sql: string, params: readonly SqlValue[]): { name?: string; text: string; values: SqlValue[] } {
    if (params.length === 0) return { text: toNumberedPlaceholders(sql), values: [] };
    // a named statement's numbered text is made once, with its name
    let named = this._names.get(sql);
    if (named === undefined) {
      const text = toNumberedPlaceholders(sql);
      if (this._names.size >= MAX_NAMED_STATEMENTS) return { text, values: params as SqlValue[] };
      named = { name: `pier_session_${this._names.size + 1}`, text };
      this._names.set(sql, named);
    }
    return { name: named.name, text: named.text, values: params as SqlValue[] };
  }

  async query(sql: string, params: readonly SqlValue[]): Promise<SqlRow[]> {
    const res = await this._pool.query(this.statement(sql, params));
    return res.rows as SqlRow[];
  }

  async update(sql: string, params: readonly SqlValue[]): Promise<number> {
    const res = await this._pool.query(this.statement(sql, params));
    return res.rowCount ?? 0;
  }

  async productName(): Promise<string> {
    return 'postgresql';
  }

  poolStatistics(): PoolStatistics {
    return { open: this._pool.totalCount, idle: this._pool.idleCount, waiting: this._pool.waitingCount };
  }

  async close(): Promise<void> {
    await this._pool.end();
  }
}
