/**
 * Splitting and canonicalising request URIs the way Jetty's HttpURI and URIUtil do: path parameters
 * (`;jsessionid=...`) are stripped from the decoded path, `.`/`..` segments are resolved, and ambiguous
 * or unsafe paths (a parameter on a dot segment, encoded dot segments, encoded slashes, NUL, escaping
 * the root) are refused. Unlike Jetty, empty segments (`//`, `/;x/`) are collapsed, so that the one
 * canonical path every mapping and protection check reads never has two spellings of one resource.
 * @module
 */

/** A request URI split into its parts. */
export interface ParsedUri {
  /** The path as received (path parameters kept, not decoded). */
  readonly rawPath: string;
  /** The query string without `?`, or null. */
  readonly query: string | null;
  /** The decoded, canonical path without path parameters; null when the path is bad (→ 400). */
  readonly decodedPath: string | null;
  /** Why decodedPath is null. */
  readonly badReason?: string;
  /** The reason phrase of the 400 that refuses the path (see PathRefusal). */
  readonly badStatusReason?: string;
}

/**
 * Why a path is refused: `reason` says it for people (logs, tests), `statusReason` is the reason phrase of the
 * 400 answer: Jetty 9.4's where Jetty refuses the path too, Jetty 10's wording where only Pier does.
 */
export interface PathRefusal {
  readonly reason: string;
  readonly statusReason: string;
}

const REFUSED = {
  notAbsolute: { reason: 'the path is not absolute', statusReason: 'Bad Request' },
  badEncoding: { reason: 'the path has a bad percent-encoding', statusReason: 'Bad Request' },
  nul: { reason: 'the path contains NUL', statusReason: 'Bad Request' },
  encodedSlash: { reason: 'the path contains an encoded slash', statusReason: 'Ambiguous URI path separator' },
  encodedDot: { reason: 'the path contains an encoded dot segment', statusReason: 'Ambiguous URI path segment' },
  dotParameter: { reason: 'ambiguous path parameters: a dot segment has a parameter', statusReason: 'Ambiguous path parameters' },
  escapesRoot: { reason: 'the path escapes the root', statusReason: 'Bad Request' },
} as const satisfies Record<string, PathRefusal>;

/** Splits a request target (`/a;p=1/b?x=y`) into path, query and the decoded canonical path. */
export function parseRequestUri(target: string): ParsedUri {
  let rest = target;
  // absolute-form (GET http://host/path): keep only the path (origin-form starts with '/': no scheme to look for)
  const abs = rest.charCodeAt(0) === 0x2f ? null : /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(rest);
  if (abs) rest = rest.slice(abs[0].length) || '/';
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const rawPath = q >= 0 ? rest.slice(0, q) : rest;
  const query = q >= 0 ? rest.slice(q + 1) : null;
  const decoded = decodeCanonicalPath(rawPath);
  return typeof decoded === 'string'
    ? { rawPath, query, decodedPath: decoded }
    : { rawPath, query, decodedPath: null, badReason: decoded.reason, badStatusReason: decoded.statusReason };
}

const FAST_PATH_UNSAFE = /[%;\\\0]|\/(?:\.\.?(?:\/|$)|\/)/;

/**
 * Decodes a raw path segment by segment; returns the canonical path or the reason it is refused.
 * Dot segments are resolved first with empty segments still in place (so `//..` is `/`, as in Jetty),
 * then empty segments are dropped, except a last one (the trailing slash of `/dir/`).
 */
export function decodeCanonicalPath(rawPath: string): string | PathRefusal {
  if (rawPath === '' || rawPath === '*') return rawPath === '*' ? '*' : '/';
  if (!rawPath.startsWith('/')) return REFUSED.notAbsolute;
  // fast path: nothing encoded, no path parameters, no dot or empty segments
  if (!FAST_PATH_UNSAFE.test(rawPath)) return rawPath;
  const out: string[] = [];
  const segments = rawPath.slice(1).split('/');
  for (let i = 0; i < segments.length; i++) {
    const rawSeg = segments[i];
    const semi = rawSeg.indexOf(';');
    const seg = semi >= 0 ? rawSeg.slice(0, semi) : rawSeg;
    let dec: string;
    try {
      dec = decodeURIComponent(seg);
    } catch {
      return REFUSED.badEncoding;
    }
    if (dec.includes('\0')) return REFUSED.nul;
    if (dec.includes('/')) return REFUSED.encodedSlash;
    const isLast = i === segments.length - 1;
    if (dec === '.' || dec === '..') {
      if (seg !== dec) return REFUSED.encodedDot;
      // `..;x` is resolved one way by a server that strips parameters first and another way by one
      // that does not: Jetty 9.4 refuses it as "Ambiguous path parameters"
      if (semi >= 0) return REFUSED.dotParameter;
      if (dec === '..') {
        if (out.length === 0) return REFUSED.escapesRoot;
        out.pop();
      }
      if (isLast) out.push('');
      continue;
    }
    out.push(dec);
  }
  return `/${collapseEmptySegments(out).join('/')}`;
}

/** Drops empty segments (from `//` or `/;x/`), keeping a last one: it is the trailing slash. */
function collapseEmptySegments(segments: string[]): string[] {
  const last = segments.length - 1;
  const firstEmpty = segments.indexOf('');
  if (firstEmpty < 0 || firstEmpty === last) return segments;
  return segments.filter((s, i) => s !== '' || i === last);
}

/**
 * Finds the value of a path parameter such as `;jsessionid=` in a raw URI: the value runs to the next
 * `;`, `#`, `?` or `/` (as Jetty's SessionHandler reads it). Returns null when absent.
 */
export function findPathParameter(rawUri: string, name: string): string | null {
  const prefix = `;${name}=`;
  const i = rawUri.indexOf(prefix);
  if (i < 0) return null;
  const start = i + prefix.length;
  let end = start;
  while (end < rawUri.length && !';#?/'.includes(rawUri[end])) end++;
  return rawUri.slice(start, end);
}

/** Joins two path parts with exactly one slash between them (Jetty's URIUtil.addPaths). */
export function addPaths(p1: string, p2: string): string {
  if (!p1) return p2;
  if (!p2) return p1;
  if (p1.endsWith('/') && p2.startsWith('/')) return p1 + p2.slice(1);
  if (!p1.endsWith('/') && !p2.startsWith('/')) return `${p1}/${p2}`;
  return p1 + p2;
}

/** Bytes a path may carry unencoded: unreserved, sub-delims but `;` and `'`, `:`, `@` and `/` (Jetty's URIUtil.encodePath). */
const PATH_SAFE = (() => {
  const t = new Uint8Array(128);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&()*+,=:@/') t[c.charCodeAt(0)] = 1;
  return t;
})();

/** Percent-encodes a decoded path for a URL (UTF-8): `%`, `?`, `#`, `;`, spaces, quotes and non-ASCII. */
export function encodePath(path: string): string {
  let i = 0;
  while (i < path.length) {
    const c = path.charCodeAt(i);
    if (c >= 128 || PATH_SAFE[c] === 0) break;
    i++;
  }
  if (i === path.length) return path;
  let out = path.slice(0, i);
  for (const b of Buffer.from(path.slice(i), 'utf8')) {
    out += b < 128 && PATH_SAFE[b] === 1 ? String.fromCharCode(b) : `%${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;
  }
  return out;
}

/**
 * Resolves `.` and `..` segments in the path part of an encoded URI (its query and fragment are kept),
 * as Jetty's URIUtil.canonicalURI; null when a `..` would go above the root.
 */
export function canonicalUri(uri: string): string | null {
  let end = uri.length;
  const q = uri.indexOf('?');
  const h = uri.indexOf('#');
  if (q >= 0) end = q;
  if (h >= 0 && h < end) end = h;
  const pathPart = uri.slice(0, end);
  if (!/(^|\/)\.\.?(\/|$)/.test(pathPart)) return uri;
  const segments = pathPart.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const isLast = i === segments.length - 1;
    if (seg === '.' || seg === '..') {
      // the first element is what precedes the leading slash ('' for an absolute path): never popped
      if (seg === '..') {
        if (out.length <= 1) return null;
        out.pop();
      }
      if (isLast) out.push('');
      continue;
    }
    out.push(seg);
  }
  return out.join('/') + uri.slice(end);
}
