/**
 * The statics of org.eclipse.jetty.xml.XmlConfiguration that Jetty 10's distribution XML calls
 * (`<Call name="resolvePath" class="org.eclipse.jetty.xml.XmlConfiguration">`), declared apart from
 * the interpreter class so that XML never reaches the interpreter itself.
 * @module
 */
import * as path from 'node:path';
import { Expose, JettyClass } from './metadata';

@JettyClass('org.eclipse.jetty.xml.XmlConfiguration', { ctors: [] })
export class XmlConfigurationStatics {
  /** Resolves `dir` against `base` unless it is absolute (Jetty 10's XmlConfiguration.resolvePath). */
  @Expose('String', 'String')
  static resolvePath(base: string | null, dir: string | null): string {
    if (dir === null || dir === undefined) throw new TypeError('Cannot resolve a null path');
    if (path.isAbsolute(dir)) return path.normalize(dir);
    if (base === null || base === undefined) throw new TypeError(`Cannot resolve '${dir}': the base path is null`);
    return path.resolve(base, dir);
  }
}
