/**
 * Jetty's `org.eclipse.jetty.plus.jndi.Resource`, for data sources: `<New class="org.eclipse.jetty.plus.jndi.Resource">`
 * with a scope (ignored: one name space per process), a JNDI name and a pool binds the pool under that
 * name, where `jetty.session.jdbc.datasourceName` finds it.
 * @module
 */
import { JettyClass, Expose } from '../../../ioc/metadata';
import { bindDataSource, isDataSource, unbindDataSource, type DataSource } from './data-source';

/** Binds a DataSource under a JNDI name when it is constructed, as Jetty's NamingEntry does. */
@JettyClass('org.eclipse.jetty.plus.jndi.Resource', {
  ctors: [
    [
      { name: 'scope', type: 'Object' },
      { name: 'jndiName', type: 'String' },
      { name: 'objToBind', type: 'Object' },
    ],
    [
      { name: 'jndiName', type: 'String' },
      { name: 'objToBind', type: 'Object' },
    ],
  ],
})
export class Resource {
  private readonly _jndiName: string;
  private readonly _object: DataSource;

  constructor(...args: unknown[]) {
    const [jndiName, obj] = args.length >= 3 ? [args[1], args[2]] : [args[0], args[1]];
    if (typeof jndiName !== 'string' || jndiName.trim() === '')
      throw new TypeError(`Cannot bind a resource: the JNDI name is ${JSON.stringify(jndiName)}`);
    if (!isDataSource(obj)) {
      const what = obj === null || obj === undefined ? String(obj) : `a ${(obj as object).constructor?.name ?? typeof obj}`;
      throw new TypeError(
        `Cannot bind resource '${jndiName}': ${what} is not a data source (Pier binds data sources only, such as com.zaxxer.hikari.HikariDataSource)`,
      );
    }
    this._jndiName = jndiName;
    this._object = obj;
    bindDataSource(jndiName, obj);
  }

  @Expose() getJndiName(): string {
    return this._jndiName;
  }
  @Expose() getObjectToBind(): unknown {
    return this._object;
  }
  /** Unbinds the name. */
  @Expose() release(): void {
    unbindDataSource(this._jndiName, this._object);
  }
}
