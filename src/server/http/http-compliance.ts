/**
 * HTTP parsing compliance modes (org.eclipse.jetty.http.HttpCompliance); Node's parser is used whatever
 * the mode, so the value is kept for dump() only.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { JavaEnum, enumValueOf } from './java-enum';

/** Jetty's HttpCompliance enum: `<Call class="org.eclipse.jetty.http.HttpCompliance" name="valueOf">`. */
@JettyClass('org.eclipse.jetty.http.HttpCompliance', { ctors: [] })
export class HttpCompliance extends JavaEnum {
  static readonly LEGACY = new HttpCompliance('LEGACY', 0);
  static readonly RFC2616_LEGACY = new HttpCompliance('RFC2616_LEGACY', 1);
  static readonly RFC2616 = new HttpCompliance('RFC2616', 2);
  static readonly RFC7230_LEGACY = new HttpCompliance('RFC7230_LEGACY', 3);
  static readonly RFC7230 = new HttpCompliance('RFC7230', 4);
  static readonly RFC7230_NO_AMBIGUOUS_URIS = new HttpCompliance('RFC7230_NO_AMBIGUOUS_URIS', 5);
  static readonly CUSTOM0 = new HttpCompliance('CUSTOM0', 6);
  static readonly CUSTOM1 = new HttpCompliance('CUSTOM1', 7);
  static readonly CUSTOM2 = new HttpCompliance('CUSTOM2', 8);
  static readonly CUSTOM3 = new HttpCompliance('CUSTOM3', 9);

  @Expose() static values(): HttpCompliance[] {
    return [
      HttpCompliance.LEGACY,
      HttpCompliance.RFC2616_LEGACY,
      HttpCompliance.RFC2616,
      HttpCompliance.RFC7230_LEGACY,
      HttpCompliance.RFC7230,
      HttpCompliance.RFC7230_NO_AMBIGUOUS_URIS,
      HttpCompliance.CUSTOM0,
      HttpCompliance.CUSTOM1,
      HttpCompliance.CUSTOM2,
      HttpCompliance.CUSTOM3,
    ];
  }
  /**
   * Jetty 10's `HttpCompliance.from("RFC7230")` (a mode name, optionally followed by `,-VIOLATION` tweaks,
   * which are ignored here).
   */
  @Expose('String') static from(spec: string): HttpCompliance {
    const name = String(spec).split(',')[0].trim();
    return enumValueOf('HttpCompliance', HttpCompliance.values(), name === '0' ? 'RFC7230' : name);
  }
  @Expose('String') static override valueOf(name?: string): HttpCompliance {
    return enumValueOf('HttpCompliance', HttpCompliance.values(), name ?? '');
  }
}
