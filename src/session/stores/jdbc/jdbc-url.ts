/**
 * JDBC URLs and driver class names, mapped to the Node client that speaks to the same database:
 * `jdbc:postgresql:` (org.postgresql.Driver) to `pg`, `jdbc:mariadb:` and `jdbc:mysql:`
 * (org.mariadb.jdbc.Driver, com.mysql.jdbc.Driver, com.mysql.cj.jdbc.Driver) to `mysql2`, and
 * `jdbc:sqlite:` (org.sqlite.JDBC) to `better-sqlite3`. User, password and options come from the URL's
 * parameters (and, for the network databases, `user:password@` before the host) as in JDBC.
 * @module
 */
import { PierError } from '../../../util/errors';

/** The database families Pier can talk to. */
export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite';

/** The npm package each dialect's client comes from. */
export const CLIENT_PACKAGES: Readonly<Record<SqlDialect, string>> = {
  postgresql: 'pg',
  mysql: 'mysql2',
  sqlite: 'better-sqlite3',
};

/** The JDBC driver classes Pier recognises, and the dialect each one speaks. */
export const DRIVER_CLASSES: Readonly<Record<string, SqlDialect>> = {
  'org.postgresql.Driver': 'postgresql',
  'org.mariadb.jdbc.Driver': 'mysql',
  'com.mysql.jdbc.Driver': 'mysql',
  'com.mysql.cj.jdbc.Driver': 'mysql',
  'org.sqlite.JDBC': 'sqlite',
};

const SUBPROTOCOLS: Readonly<Record<string, SqlDialect>> = { postgresql: 'postgresql', mariadb: 'mysql', mysql: 'mysql', sqlite: 'sqlite' };
const DEFAULT_PORTS: Readonly<Record<Exclude<SqlDialect, 'sqlite'>, number>> = { postgresql: 5432, mysql: 3306 };

/** Where and how to connect, as parsed from a JDBC URL. */
export interface JdbcConnectionInfo {
  readonly dialect: SqlDialect;
  /** The URL with any password replaced by `***`, for messages and logs. */
  readonly redacted: string;
  /** Network databases: host, port and database name; SQLite: the file (or `:memory:`). */
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** Every other URL parameter, by name (the last one wins when repeated). */
  readonly params: ReadonlyMap<string, string>;
}

/** A JDBC URL or driver class Pier cannot use. */
export class JdbcUrlError extends PierError {}

/** The URL with its password hidden (in the parameters and before the host). */
export function redactJdbcUrl(url: string): string {
  return url.replace(/([?&;]password=)[^&;]*/gi, '$1***').replace(/(\/\/[^/@:]*:)[^/@]*@/, '$1***@');
}

/** The dialect of a driver class name, or a JdbcUrlError listing the ones Pier knows. */
export function dialectOfDriverClass(driverClass: string): SqlDialect {
  const d = DRIVER_CLASSES[driverClass.trim()];
  if (d === undefined) {
    throw new JdbcUrlError(
      `Cannot use JDBC driver class '${driverClass}': expected one of ${Object.keys(DRIVER_CLASSES)
        .map((c) => `'${c}'`)
        .join(', ')}`,
    );
  }
  return d;
}

function decode(s: string, url: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch (err) {
    throw new JdbcUrlError(`Cannot parse JDBC URL '${redactJdbcUrl(url)}': bad percent-encoding in '${s}'`, { cause: err });
  }
}

function parseParams(query: string, url: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split(/[&;]/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    params.set(decode(eq < 0 ? part : part.slice(0, eq), url), eq < 0 ? '' : decode(part.slice(eq + 1), url));
  }
  return params;
}

/**
 * Parses a JDBC URL; when `driverClass` is given it must speak the URL's dialect. Throws JdbcUrlError
 * with the (redacted) URL and what to write instead.
 */
export function parseJdbcUrl(url: string, driverClass?: string | null): JdbcConnectionInfo {
  const redacted = redactJdbcUrl(String(url));
  const m = /^jdbc:([a-z0-9]+):(.*)$/is.exec(String(url).trim());
  const dialect = m ? SUBPROTOCOLS[m[1].toLowerCase()] : undefined;
  if (!m || dialect === undefined) {
    throw new JdbcUrlError(
      `Cannot use JDBC URL '${redacted}': expected jdbc:postgresql://host:port/database, jdbc:mariadb://…, jdbc:mysql://… or jdbc:sqlite:<file>`,
    );
  }
  if (driverClass !== undefined && driverClass !== null && driverClass.trim() !== '') {
    const driverDialect = dialectOfDriverClass(driverClass);
    if (driverDialect !== dialect) {
      throw new JdbcUrlError(
        `Cannot use JDBC driver class '${driverClass}' with URL '${redacted}': that driver takes jdbc:${driverDialect === 'mysql' ? 'mariadb' : driverDialect}: URLs`,
      );
    }
  }
  const rest = m[2];
  if (dialect === 'sqlite') {
    const q = rest.indexOf('?');
    let file = q < 0 ? rest : rest.slice(0, q);
    if (file.startsWith('file:')) file = decode(file.slice('file:'.length), url);
    if (file === '')
      throw new JdbcUrlError(
        `Cannot use JDBC URL '${redacted}': no database file after jdbc:sqlite: (write jdbc:sqlite:/path/to/sessions.db or jdbc:sqlite::memory:)`,
      );
    return {
      dialect,
      redacted,
      host: '',
      port: 0,
      database: file,
      user: undefined,
      password: undefined,
      params: parseParams(q < 0 ? '' : rest.slice(q + 1), url),
    };
  }
  const net = /^\/\/([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/s.exec(rest);
  if (!net) throw new JdbcUrlError(`Cannot use JDBC URL '${redacted}': expected //host:port/database after jdbc:${m[1]}:`);
  let authority = net[1];
  let user: string | undefined;
  let password: string | undefined;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const cred = authority.slice(0, at);
    authority = authority.slice(at + 1);
    const colon = cred.indexOf(':');
    user = decode(colon < 0 ? cred : cred.slice(0, colon), url);
    if (colon >= 0) password = decode(cred.slice(colon + 1), url);
  }
  if (authority.includes(',')) throw new JdbcUrlError(`Cannot use JDBC URL '${redacted}': several hosts are not supported; name one host`);
  const hp = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(authority);
  if (!hp) throw new JdbcUrlError(`Cannot use JDBC URL '${redacted}': bad host and port '${authority}'`);
  const host = hp[1].replace(/^\[|\]$/g, '') || 'localhost';
  const port = hp[2] !== undefined ? Number(hp[2]) : DEFAULT_PORTS[dialect];
  if (!(port > 0 && port < 65536)) throw new JdbcUrlError(`Cannot use JDBC URL '${redacted}': port '${hp[2]}' is out of range`);
  const params = parseParams(net[3] ?? '', url);
  if (params.has('user')) user = params.get('user');
  if (params.has('password')) password = params.get('password');
  params.delete('user');
  params.delete('password');
  const database = decode(net[2] ?? '', url);
  if (database === '') throw new JdbcUrlError(`Cannot use JDBC URL '${redacted}': no database name (write jdbc:${m[1]}://${authority}/<database>)`);
  return { dialect, redacted, host, port, database, user, password, params };
}
