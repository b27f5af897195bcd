/**
 * How much of a request body may be read into memory: Jetty's form limits (`maxFormContentSize`,
 * `maxFormKeys`) and Pier's cap on `buffer()`/`text()`/`json()` (`maxRequestContentSize`), looked up
 * on the context, then the Server's attributes, then the system properties, then the defaults.
 * @module
 */
import { SystemProperties } from '../ioc/system-properties';

/** Server attribute (and system property) for the largest urlencoded form, in bytes (Jetty's name). */
export const MAX_FORM_CONTENT_SIZE_KEY = 'org.eclipse.jetty.server.Request.maxFormContentSize';
/** Server attribute (and system property) for the most distinct names a form may have (Jetty's name). */
export const MAX_FORM_KEYS_KEY = 'org.eclipse.jetty.server.Request.maxFormKeys';
/** Server attribute (and system property) for the largest body `buffer()`/`text()`/`json()` read (Pier's, named like Jetty's). */
export const MAX_REQUEST_CONTENT_SIZE_KEY = 'org.eclipse.jetty.server.Request.maxRequestContentSize';

export const DEFAULT_MAX_FORM_CONTENT_SIZE = 200000;
export const DEFAULT_MAX_FORM_KEYS = 1000;
export const DEFAULT_MAX_REQUEST_CONTENT_SIZE = 10 * 1024 * 1024;

/** The three limits; a negative value means no limit. */
export interface ContentLimits {
  readonly maxFormContentSize: number;
  readonly maxFormKeys: number;
  readonly maxRequestContentSize: number;
}

/** Where a limit can come from when the context does not set it (the Server's attributes). */
export interface AttributeSource {
  getAttribute(name: string): unknown;
}

/**
 * One limit: the context's own setting when it has one, else the server attribute `key` (a number or
 * a numeric string, as Jetty's lookupServerAttribute takes), else the system property `key`, else `dflt`.
 */
export function lookupLimit(own: number | null, server: AttributeSource | null, key: string, dflt: number): number {
  if (own !== null) return own;
  const attr = server?.getAttribute(key);
  const fromAttr = toLimit(attr, key, 'server attribute');
  if (fromAttr !== null) return fromAttr;
  const fromProp = toLimit(SystemProperties.get(key), key, 'system property');
  return fromProp ?? dflt;
}

/** The limits for requests outside any context (and for contexts that set none). */
export function serverContentLimits(server: AttributeSource | null): ContentLimits {
  return {
    maxFormContentSize: lookupLimit(null, server, MAX_FORM_CONTENT_SIZE_KEY, DEFAULT_MAX_FORM_CONTENT_SIZE),
    maxFormKeys: lookupLimit(null, server, MAX_FORM_KEYS_KEY, DEFAULT_MAX_FORM_KEYS),
    maxRequestContentSize: lookupLimit(null, server, MAX_REQUEST_CONTENT_SIZE_KEY, DEFAULT_MAX_REQUEST_CONTENT_SIZE),
  };
}

function toLimit(value: unknown, key: string, where: string): number | null {
  if (value === null || value === undefined) return null;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint'
        ? Number(value)
        : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
          ? Number(value)
          : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new TypeError(`Cannot use ${where} '${key}': '${String(value)}' is not an integer`);
  }
  return n;
}
