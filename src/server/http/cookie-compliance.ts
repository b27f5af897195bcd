/**
 * Cookie parsing and generation compliance (org.eclipse.jetty.http.CookieCompliance); Pier parses and
 * writes RFC 6265 cookies whatever the mode.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { JavaEnum, enumValueOf } from './java-enum';

/** Jetty's CookieCompliance enum: `<Call class="org.eclipse.jetty.http.CookieCompliance" name="valueOf">`. */
@JettyClass('org.eclipse.jetty.http.CookieCompliance', { ctors: [] })
export class CookieCompliance extends JavaEnum {
  static readonly RFC6265 = new CookieCompliance('RFC6265', 0);
  static readonly RFC2965 = new CookieCompliance('RFC2965', 1);

  @Expose() static values(): CookieCompliance[] {
    return [CookieCompliance.RFC6265, CookieCompliance.RFC2965];
  }
  @Expose('String') static override valueOf(name?: string): CookieCompliance {
    return enumValueOf('CookieCompliance', CookieCompliance.values(), name ?? '');
  }
}
