/**
 * The databases the JDBC store tests run against: the PostgreSQL and MariaDB servers of the machine
 * (`PIER_TEST_PG_URL`, `PIER_TEST_MARIADB_URL` override their JDBC URLs) and SQLite files. A suite that
 * needs a server skips with one line when it is not listening, except under CI=true, where it fails.
 * Every run uses its own table names, so that parallel runs never share rows.
 * @module
 */
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { DatabaseAdaptor } from '../../../../src/session/stores/jdbc/database-adaptor';
import { parseJdbcUrl } from '../../../../src/session/stores/jdbc/jdbc-url';
import { createSqlClient, type SqlClient } from '../../../../src/session/stores/jdbc/sql-client';

export interface TestDatabase {
  /** How test titles name it. */
  readonly title: string;
  readonly driverClass: string;
  /** The JDBC URL (SQLite: a file in `dir`). */
  url(dir: string): string;
  /** The server's port, or null for SQLite. */
  readonly port: number | null;
}

export const POSTGRESQL: TestDatabase = {
  title: 'PostgreSQL',
  driverClass: 'org.postgresql.Driver',
  port: 5432,
  url: () => process.env.PIER_TEST_PG_URL ?? 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres',
};
export const MARIADB: TestDatabase = {
  title: 'MariaDB',
  driverClass: 'org.mariadb.jdbc.Driver',
  port: 3306,
  url: () => process.env.PIER_TEST_MARIADB_URL ?? 'jdbc:mariadb://127.0.0.1:3306/test?user=root',
};
export const SQLITE: TestDatabase = {
  title: 'SQLite',
  driverClass: 'org.sqlite.JDBC',
  port: null,
  url: (dir: string) => `jdbc:sqlite:${dir}/sessions.db`,
};
export const TEST_DATABASES: readonly TestDatabase[] = [POSTGRESQL, MARIADB, SQLITE];

/** The port of a database's URL (environment overrides included). */
export function portOf(db: TestDatabase): number {
  return parseJdbcUrl(db.url('/tmp')).port;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.setTimeout(2000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(false));
  });
}

const reported = new Set<string>();

/** For a `before` hook: returns when the database is there; skips with one line, or fails under CI=true. */
export async function requireDatabase(context: Mocha.Context, db: TestDatabase): Promise<void> {
  if (db.port === null) return;
  const port = portOf(db);
  if (await listening(port)) return;
  if (process.env.CI === 'true')
    throw new Error(`Cannot run the ${db.title} tests: nothing listens on 127.0.0.1:${port} (CI=true requires the server; .ci/run starts it)`);
  if (!reported.has(db.title)) {
    reported.add(db.title);
    console.log(`      skipped (no ${db.title} on 127.0.0.1:${port}): ${context.test?.parent?.fullTitle() ?? ''}`);
  }
  context.skip();
}

/** A table name of this run alone: `pier_<pid>_<random>`. */
export function uniqueTableName(prefix = 'pier'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** A client on the database, for reading and writing rows behind the store's back. */
export function rawClient(url: string): SqlClient {
  return createSqlClient(parseJdbcUrl(url), { maxPoolSize: 2, connectTimeoutMs: 10_000 });
}

/** Drops the tables (and so their indexes) if they exist. */
export async function dropTables(url: string, tables: readonly string[]): Promise<void> {
  const c = rawClient(url);
  try {
    for (const t of tables) await c.update(`drop table if exists ${t}`, []);
  } finally {
    await c.close();
  }
}

/** An adaptor on `url`. */
export function adaptorFor(url: string, driverClass?: string): DatabaseAdaptor {
  const a = new DatabaseAdaptor();
  a.setDriverInfo(driverClass ?? null, url);
  return a;
}
