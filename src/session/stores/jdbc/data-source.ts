/**
 * Named data sources (what a JNDI `Resource` binds in Jetty): XML makes a pool with `<New>` and binds it
 * under a name with `org.eclipse.jetty.plus.jndi.Resource`; DatabaseAdaptor.setDatasourceName looks it up.
 * @module
 */
import { PierError } from '../../../util/errors';
import type { SqlClient } from './sql-client';

/** A pool of connections that a DatabaseAdaptor can use (javax.sql.DataSource, for the session store). */
export interface DataSource {
  /** The pool (made on first use); it stays the data source's, which closes it. */
  getSqlClient(): SqlClient;
  /** Where it connects, without a password (for messages). */
  describe(): string;
}

/** True when `obj` can serve as a DataSource. */
export function isDataSource(obj: unknown): obj is DataSource {
  return (
    typeof obj === 'object' &&
    obj !== null &&
    typeof (obj as DataSource).getSqlClient === 'function' &&
    typeof (obj as DataSource).describe === 'function'
  );
}

/** A data source name that nothing bound. */
export class DataSourceNotFoundError extends PierError {}

const bound = new Map<string, DataSource>();

/**
 * The key a JNDI name is bound under: `java:comp/env/jdbc/sessions`, `/jdbc/sessions` and
 * `jdbc/sessions` all name the same data source (Jetty's module default is `/jdbc/sessions`).
 */
export function normalizeDataSourceName(name: string): string {
  return String(name)
    .trim()
    .replace(/^java:(comp\/env\/)?/, '')
    .replace(/^\/+/, '');
}

/** Binds `ds` under `name` (replacing what was bound there). */
export function bindDataSource(name: string, ds: DataSource): void {
  bound.set(normalizeDataSourceName(name), ds);
}

/** Unbinds `name` if it is bound to `ds` (or to anything, when `ds` is not given). */
export function unbindDataSource(name: string, ds?: DataSource): void {
  const key = normalizeDataSourceName(name);
  if (ds === undefined || bound.get(key) === ds) bound.delete(key);
}

/** The data source bound under `name`, or DataSourceNotFoundError listing what is bound. */
export function lookupDataSource(name: string): DataSource {
  const ds = bound.get(normalizeDataSourceName(name));
  if (ds !== undefined) return ds;
  const names = [...bound.keys()];
  throw new DataSourceNotFoundError(
    `Cannot find data source '${name}': nothing is bound under that name (${
      names.length > 0
        ? `bound: ${names.map((n) => `'${n}'`).join(', ')}`
        : 'bind one with <New class="org.eclipse.jetty.plus.jndi.Resource"> in a server XML file'
    })`,
  );
}
