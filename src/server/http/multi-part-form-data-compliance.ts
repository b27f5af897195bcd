/**
 * Multipart parsing compliance (org.eclipse.jetty.server.MultiPartFormDataCompliance); kept for dump().
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { JavaEnum, enumValueOf } from './java-enum';

/** Jetty's MultiPartFormDataCompliance enum: RFC7578 or LEGACY. */
@JettyClass('org.eclipse.jetty.server.MultiPartFormDataCompliance', { ctors: [] })
export class MultiPartFormDataCompliance extends JavaEnum {
  static readonly LEGACY = new MultiPartFormDataCompliance('LEGACY', 0);
  static readonly RFC7578 = new MultiPartFormDataCompliance('RFC7578', 1);

  @Expose() static values(): MultiPartFormDataCompliance[] {
    return [MultiPartFormDataCompliance.LEGACY, MultiPartFormDataCompliance.RFC7578];
  }
  @Expose('String') static override valueOf(name?: string): MultiPartFormDataCompliance {
    return enumValueOf('MultiPartFormDataCompliance', MultiPartFormDataCompliance.values(), name ?? '');
  }
}
