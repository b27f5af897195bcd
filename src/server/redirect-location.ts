/**
 * The Location of a redirect (Jetty's Response.sendRedirect): a location without a scheme becomes an
 * absolute URL on this server's own origin. A relative location is resolved against the canonical
 * path the request is serving, never against the raw URI, and `//host/...` stays a path on this
 * server: no part of a request path can make the container redirect to another host.
 * @module
 */
import { IllegalStateException } from '../servlet-api/errors';
import type { Request } from './request';
import { canonicalUri, encodePath } from './uri-path';

const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
/** A DNS name or IPv4 address (RFC 3986 reg-name without percent-encoding), or an IPv6 literal's inside. */
const PLAIN_HOST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]+|[0-9A-Fa-f:.]+)$/;

/** The absolute URL a redirect to `location` sends the client to. */
export function absoluteLocation(request: Request, location: string): string {
  if (HAS_SCHEME.test(location)) return location;
  let path: string | null;
  if (location.startsWith('/')) {
    path = canonicalUri(location);
  } else {
    const base = encodePath(request.getCanonicalRequestPath());
    path = canonicalUri(base.slice(0, base.lastIndexOf('/') + 1) + location);
  }
  if (path === null) throw new IllegalStateException(`Cannot redirect to '${location}': the path goes above the root`);
  return originOf(request) + path;
}

/**
 * `scheme://host[:port]` of the request (Jetty's getRootURL). A Host header that is not a plain host
 * name (it carries `/`, `@`, `\` or spaces) is not trusted with the origin: the local address is used.
 */
export function originOf(request: Request): string {
  const scheme = request.getScheme();
  let host = request.getServerName();
  let port = request.getServerPort();
  if (!PLAIN_HOST.test(host)) {
    host = request.getLocalAddr();
    port = request.getLocalPort();
  }
  const dflt = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}${dflt ? '' : `:${port}`}`;
}
