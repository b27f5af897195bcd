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
  /**
   * Resolves `dir` against `base` unless it is absolute (Jetty 10's XmlConfiguration.resolvePath); null when
   * either is null or empty, as in Jetty, so that an unset optional path (a trust store) stays unset.
   */
  @Expose('String', 'String')
  static resolvePath(base: string | null, dir: string | null): string | null {
    if (base === null || base === undefined || base === '' || dir === null || dir === undefined || dir === '') return null;
    return path.resolve(base, dir);
  }
}
