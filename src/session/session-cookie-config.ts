/**
 * The session cookie settings and the Set-Cookie value they produce (Jetty's SessionHandler.CookieConfig
 * and getSessionCookie, RFC 6265 layout, SameSite from `setSameSite` or the comment markers).
 * @module
 */
import type { SessionCookie } from '../server/session-manager-bridge';
import { IllegalStateError } from './errors';
import type { SessionContextHost } from './session-context';

export const HTTP_ONLY_COMMENT = '__HTTP_ONLY__';
export const SAME_SITE_NONE_COMMENT = '__SAME_SITE_NONE__';
export const SAME_SITE_LAX_COMMENT = '__SAME_SITE_LAX__';
export const SAME_SITE_STRICT_COMMENT = '__SAME_SITE_STRICT__';

/** The context attribute with the SameSite of cookies that set none (Jetty 9.4's HttpCookie.SAME_SITE_DEFAULT_ATTRIBUTE). */
export const SAME_SITE_DEFAULT_ATTRIBUTE = 'org.eclipse.jetty.cookie.sameSiteDefault';

export type SameSite = 'NONE' | 'LAX' | 'STRICT';

const SAME_SITE_MARKERS: Record<SameSite, string> = {
  NONE: SAME_SITE_NONE_COMMENT,
  LAX: SAME_SITE_LAX_COMMENT,
  STRICT: SAME_SITE_STRICT_COMMENT,
};

/** Parses a SameSite value (enum name or attribute spelling, any case); null for none. */
export function parseSameSite(v: unknown): SameSite | null {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v).trim().toUpperCase();
  if (s === 'NONE' || s === 'LAX' || s === 'STRICT') return s;
  throw new RangeError(`Cannot set SameSite '${String(v)}': expected None, Lax or Strict`);
}

/** The SameSite marker found in a cookie comment, if any. */
export function sameSiteFromComment(comment: string | null): SameSite | null {
  if (!comment) return null;
  if (comment.includes(SAME_SITE_STRICT_COMMENT)) return 'STRICT';
  if (comment.includes(SAME_SITE_LAX_COMMENT)) return 'LAX';
  if (comment.includes(SAME_SITE_NONE_COMMENT)) return 'NONE';
  return null;
}

/** Rewrites a comment so that it carries exactly the marker of `sameSite` (Jetty 9.4 setSameSite). */
export function commentWithSameSite(comment: string | null, sameSite: SameSite | null): string | null {
  let c = comment ?? '';
  for (const m of Object.values(SAME_SITE_MARKERS)) c = c.split(m).join('');
  if (sameSite) c += SAME_SITE_MARKERS[sameSite];
  return c === '' ? null : c;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Everything a session cookie needs, owned by the SessionHandler. */
export interface SessionCookieSettings {
  name: string;
  path: string | null;
  domain: string | null;
  maxAge: number;
  comment: string | null;
  httpOnly: boolean;
  secure: boolean;
}

/**
 * javax.servlet.SessionCookieConfig as Jetty implements it: every setter throws once the context has
 * started. Backed by the handler's settings.
 */
export class SessionCookieConfig {
  constructor(
    private readonly _s: SessionCookieSettings,
    private readonly _isStarted: () => boolean,
  ) {}
  private check(what: string): void {
    if (this._isStarted()) throw new IllegalStateError(`Cannot set session cookie ${what}: the context is already started`);
  }
  getName(): string {
    return this._s.name;
  }
  setName(name: string): void {
    this.check('name');
    if (!name || !TOKEN.test(name)) throw new RangeError(`Cannot set session cookie name '${name}': it must be a non-blank RFC 2616 token`);
    this._s.name = name;
  }
  getDomain(): string | null {
    return this._s.domain;
  }
  setDomain(d: string | null): void {
    this.check('domain');
    this._s.domain = d;
  }
  getPath(): string | null {
    return this._s.path;
  }
  setPath(p: string | null): void {
    this.check('path');
    this._s.path = p;
  }
  getComment(): string | null {
    return this._s.comment;
  }
  setComment(c: string | null): void {
    this.check('comment');
    this._s.comment = c;
  }
  isHttpOnly(): boolean {
    return this._s.httpOnly;
  }
  setHttpOnly(b: boolean): void {
    this.check('httpOnly');
    this._s.httpOnly = b;
  }
  isSecure(): boolean {
    return this._s.secure;
  }
  setSecure(b: boolean): void {
    this.check('secure');
    this._s.secure = b;
  }
  getMaxAge(): number {
    return this._s.maxAge;
  }
  setMaxAge(n: number): void {
    this.check('maxAge');
    this._s.maxAge = n;
  }
}

/** Builds `NAME=VALUE; Path=...; Domain=...; Expires=...; Max-Age=N; Secure; HttpOnly; SameSite=X`. */
function formatSetCookie(opts: {
  name: string;
  value: string;
  path: string;
  domain: string | null;
  maxAge: number;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite | null;
  now?: number;
}): string {
  const parts = [`${opts.name}=${opts.value}`, `Path=${opts.path}`];
  if (opts.domain) parts.push(`Domain=${opts.domain}`);
  if (opts.maxAge >= 0) {
    const expires = opts.maxAge === 0 ? new Date(0) : new Date((opts.now ?? Date.now()) + opts.maxAge * 1000);
    parts.push(`Expires=${expires.toUTCString()}`);
    parts.push(`Max-Age=${opts.maxAge}`);
  }
  if (opts.secure) parts.push('Secure');
  if (opts.httpOnly) parts.push('HttpOnly');
  if (opts.sameSite) parts.push(`SameSite=${opts.sameSite === 'NONE' ? 'None' : opts.sameSite === 'LAX' ? 'Lax' : 'Strict'}`);
  return parts.join('; ');
}

/**
 * The session cookie carrying `value` (Jetty's SessionHandler.getSessionCookie): Path is the configured
 * path or else the context path ('/' for the root context); SameSite comes from the comment markers or
 * else the context's SAME_SITE_DEFAULT_ATTRIBUTE; HttpOnly also from the comment marker; Secure when
 * configured or when `secureRequest` (a secure request while secureRequestOnly is on).
 */
export function buildSessionCookie(
  settings: SessionCookieSettings,
  value: string,
  contextPath: string,
  secureRequest: boolean,
  context: SessionContextHost | null,
): SessionCookie {
  const path = settings.path ?? (contextPath === '' || contextPath === undefined || contextPath === null ? '/' : contextPath);
  let sameSite = sameSiteFromComment(settings.comment);
  if (!sameSite) {
    const dflt = context?.getAttribute(SAME_SITE_DEFAULT_ATTRIBUTE);
    if (dflt !== undefined && dflt !== null) sameSite = parseSameSite(dflt);
  }
  const httpOnly = settings.httpOnly || (settings.comment ?? '').includes(HTTP_ONLY_COMMENT);
  const header = formatSetCookie({
    name: settings.name,
    value,
    path,
    domain: settings.domain,
    maxAge: settings.maxAge,
    secure: settings.secure || secureRequest,
    httpOnly,
    sameSite,
  });
  return { name: settings.name, value, header };
}

const NO_VALUES: readonly string[] = Object.freeze([]);

/**
 * The values of the cookies named `name` (case-insensitive) in a Cookie header, in order, duplicates
 * kept. Pieces are separated by `;` or `,`; names and values are trimmed and one pair of quotes around a
 * value is removed. Scans the header in place: only a piece with the right name is cut out.
 */
export function cookieValues(header: string | readonly string[] | null | undefined, name: string): readonly string[] {
  if (!header || name.length === 0) return NO_VALUES;
  const lower = name.toLowerCase();
  let out: string[] | null = null;
  if (typeof header === 'string') out = scanCookieValues(header, name, lower, out);
  else for (const line of header) out = scanCookieValues(line, name, lower, out);
  return out ?? NO_VALUES;
}

function scanCookieValues(line: string, name: string, lower: string, out: string[] | null): string[] | null {
  const n = line.length;
  let semi = line.indexOf(';');
  let comma = line.indexOf(',');
  for (let start = 0; start <= n;) {
    if (semi >= 0 && semi < start) semi = line.indexOf(';', start);
    if (comma >= 0 && comma < start) comma = line.indexOf(',', start);
    const end = Math.min(semi < 0 ? n : semi, comma < 0 ? n : comma);
    const eq = line.indexOf('=', start);
    // a piece without '=' or starting with it has no name; a piece shorter than the name cannot match
    if (eq > start && eq < end && eq - start >= name.length) {
      // usually the name stands right at the start of its piece: compared in place, nothing cut out
      const matched = (eq - start === name.length && line.startsWith(name, start)) || sameName(line.slice(start, eq).trim(), name, lower);
      if (matched) out = pushValue(out, line.slice(eq + 1, end));
    }
    start = end + 1;
  }
  return out;
}

function sameName(found: string, name: string, lower: string): boolean {
  return found.length === name.length && (found === name || found.toLowerCase() === lower);
}

/** Adds a cookie value, trimmed (only when an end is not printable ASCII: trim removes nothing else) and unquoted. */
function pushValue(out: string[] | null, raw: string): string[] {
  let value = raw;
  if (value.length > 0) {
    const first = value.charCodeAt(0);
    const last = value.charCodeAt(value.length - 1);
    if (first <= 0x20 || first >= 0x7f || last <= 0x20 || last >= 0x7f) value = value.trim();
  }
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  (out ??= []).push(value);
  return out;
}
