/**
 * org.eclipse.jetty.util.StringUtil for XML: the static `csvSplit` that Jetty's etc/jetty-webapp.xml and
 * jetty-inetaccess.xml call to turn a property into a String[].
 * @module
 */
import { Expose, JettyClass } from './metadata';
import { csvSplit } from './interpreter';
import { makeJavaArray } from './java-value';

@JettyClass('org.eclipse.jetty.util.StringUtil', { ctors: [] })
export class StringUtil {
  /** Splits a comma separated list as Jetty does (quotes, trimming); null or blank gives an empty array. */
  @Expose('String')
  static csvSplit(s: string | null): string[] {
    return makeJavaArray('String', s === null || s === undefined ? [] : csvSplit(s)) as string[];
  }
}
