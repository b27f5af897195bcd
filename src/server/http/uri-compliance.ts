/**
 * Jetty 10's URI compliance modes (org.eclipse.jetty.http.UriCompliance); Pier always refuses ambiguous
 * paths (encoded dot segments, encoded slashes, NUL), so the mode is kept for dump() only.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { JavaEnum, enumValueOf } from './java-enum';

/** Jetty 10's UriCompliance: `<Call class="org.eclipse.jetty.http.UriCompliance" name="from">`. */
@JettyClass('org.eclipse.jetty.http.UriCompliance', { ctors: [] })
export class UriCompliance extends JavaEnum {
  static readonly DEFAULT = new UriCompliance('DEFAULT', 0);
  static readonly LEGACY = new UriCompliance('LEGACY', 1);
  static readonly RFC3986 = new UriCompliance('RFC3986', 2);
  static readonly RFC3986_UNAMBIGUOUS = new UriCompliance('RFC3986_UNAMBIGUOUS', 3);
  static readonly UNSAFE = new UriCompliance('UNSAFE', 4);
  static readonly SAFE = new UriCompliance('SAFE', 5);

  @Expose() static values(): UriCompliance[] {
    return [
      UriCompliance.DEFAULT,
      UriCompliance.LEGACY,
      UriCompliance.RFC3986,
      UriCompliance.RFC3986_UNAMBIGUOUS,
      UriCompliance.UNSAFE,
      UriCompliance.SAFE,
    ];
  }
  /** A mode name, optionally followed by `,-VIOLATION` tweaks (ignored). */
  @Expose('String') static from(spec: string): UriCompliance {
    return enumValueOf('UriCompliance', UriCompliance.values(), String(spec).split(',')[0].trim() || 'DEFAULT');
  }
  @Expose('String') static override valueOf(name?: string): UriCompliance {
    return enumValueOf('UriCompliance', UriCompliance.values(), name ?? '');
  }
}
