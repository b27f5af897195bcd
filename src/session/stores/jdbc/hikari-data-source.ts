/**
 * A bounded connection pool configured with HikariCP's names (`com.zaxxer.hikari.HikariDataSource`), the
 * pool Jetty's documentation shows first, so that a data source written for Jetty works unchanged.
 * @module
 */
import { JettyClass, Expose } from '../../../ioc/metadata';
import { IllegalStateError } from '../../errors';
import type { DataSource } from './data-source';
import { parseJdbcUrl, redactJdbcUrl } from './jdbc-url';
import { checkClientInstalled, createSqlClient, type SqlClient } from './sql-client';

/** HikariCP's defaults: 10 connections, 30 s to get one. */
const DEFAULT_MAX_POOL_SIZE = 10;
const DEFAULT_CONNECTION_TIMEOUT_MS = 30_000;

/**
 * HikariDataSource with its setters `jdbcUrl`, `username`, `password`, `driverClassName`,
 * `maximumPoolSize` (10) and `connectionTimeout` (ms, 30000). The pool opens on first use and `close()`
 * closes it.
 */
@JettyClass('com.zaxxer.hikari.HikariDataSource')
export class HikariDataSource implements DataSource {
  private _jdbcUrl: string | null = null;
  private _driverClassName: string | null = null;
  private _username: string | undefined;
  private _password: string | undefined;
  private _maximumPoolSize = DEFAULT_MAX_POOL_SIZE;
  private _connectionTimeout = DEFAULT_CONNECTION_TIMEOUT_MS;
  private _client: SqlClient | null = null;

  private requireUnused(setting: string): void {
    if (this._client) throw new IllegalStateError(`Cannot set ${setting}: the HikariDataSource is already in use`);
  }

  @Expose('String') setJdbcUrl(url: string): void {
    this.requireUnused('jdbcUrl');
    checkClientInstalled(parseJdbcUrl(url, this._driverClassName), 'use JDBC URL');
    this._jdbcUrl = url;
  }
  @Expose() getJdbcUrl(): string | null {
    return this._jdbcUrl === null ? null : redactJdbcUrl(this._jdbcUrl);
  }
  @Expose('String') setDriverClassName(name: string): void {
    this.requireUnused('driverClassName');
    this._driverClassName = name;
    if (this._jdbcUrl !== null) parseJdbcUrl(this._jdbcUrl, name);
  }
  @Expose() getDriverClassName(): string | null {
    return this._driverClassName;
  }
  @Expose('String') setUsername(user: string): void {
    this.requireUnused('username');
    this._username = user;
  }
  @Expose() getUsername(): string | undefined {
    return this._username;
  }
  @Expose('String') setPassword(password: string): void {
    this.requireUnused('password');
    this._password = password;
  }
  @Expose('int') setMaximumPoolSize(n: number): void {
    this.requireUnused('maximumPoolSize');
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Cannot set maximumPoolSize to ${n}: expected 1 or more connections`);
    this._maximumPoolSize = n;
  }
  @Expose() getMaximumPoolSize(): number {
    return this._maximumPoolSize;
  }
  @Expose('long') setConnectionTimeout(ms: number): void {
    this.requireUnused('connectionTimeout');
    if (!Number.isFinite(ms) || ms < 250) throw new RangeError(`Cannot set connectionTimeout to ${ms}: expected 250 ms or more (HikariCP's minimum)`);
    this._connectionTimeout = ms;
  }
  @Expose() getConnectionTimeout(): number {
    return this._connectionTimeout;
  }

  getSqlClient(): SqlClient {
    if (this._client) return this._client;
    if (this._jdbcUrl === null) throw new IllegalStateError('Cannot use HikariDataSource: jdbcUrl is not set');
    const info = parseJdbcUrl(this._jdbcUrl, this._driverClassName);
    this._client = createSqlClient(
      { ...info, user: this._username ?? info.user, password: this._password ?? info.password },
      { maxPoolSize: this._maximumPoolSize, connectTimeoutMs: this._connectionTimeout },
    );
    return this._client;
  }

  describe(): string {
    return `HikariDataSource[${this._jdbcUrl === null ? 'no jdbcUrl' : redactJdbcUrl(this._jdbcUrl)}]`;
  }

  /** Closes the pool. */
  @Expose() async close(): Promise<void> {
    const c = this._client;
    this._client = null;
    await c?.close();
  }
}
