/**
 * HTTP Digest authentication (org.eclipse.jetty.security.authentication.DigestAuthenticator, RFC 2617 with
 * `qop=auth` and MD5). A constrained request without a valid `Authorization: Digest` header gets 401 with
 * `WWW-Authenticate: Digest realm="…", domain="<context path>", nonce="…", algorithm=MD5, qop="auth", stale=…`.
 *
 * Nonces are the server's: 24 random bytes, kept for `maxNonceAge` (60 s) with a record of the nonce counts
 * (`nc`) already used, up to `maxNonceCount` (1024). A nonce the server did not issue, that has aged out, or
 * whose count is past the maximum is answered with a new challenge marked `stale=true` (the client retries
 * with the same password); a count used before is a replay and fails. The realm must hold the password in a
 * form a digest can be checked against: clear, `OBF:`, or `MD5:` of `user:realm:password` (never `CRYPT:`).
 * Nothing is kept in the session: every request carries its digest, as with BASIC.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Expose, JettyClass } from '../../ioc/metadata';
import { type Authentication, SEND_CONTINUE, UNAUTHENTICATED } from '../../server/authentication';
import type { Request } from '../../server/request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import { Log } from '../../util/log';
import { DigestResponse } from '../../util/security/digest-response';
import type { AuthConfiguration } from '../authenticator';
import { DeferredAuthentication } from './deferred-authentication';
import { LoginAuthenticator } from './login-authenticator';
import { UserAuthentication } from './user-authentication';

const LOG = Log.getLogger('org.eclipse.jetty.security.authentication.DigestAuthenticator');

/** One issued nonce: when, and which counts have been used with it. */
interface IssuedNonce {
  readonly value: string;
  readonly issuedAt: number;
  readonly seen: Set<number>;
}

/** How a digest's nonce stands: good, stale (ask again), or refused (a replay or a malformed count). */
const enum NonceCheck {
  Refused = -1,
  Stale = 0,
  Good = 1,
}

/** The `name=value` and `name="value"` fields of a Digest header (names case-insensitive). */
export function parseDigestFields(fields: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < fields.length && (m = re.exec(fields)) !== null) {
    out.set(m[1].toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]);
  }
  return out;
}

@JettyClass('org.eclipse.jetty.security.authentication.DigestAuthenticator', { implements: ['org.eclipse.jetty.security.Authenticator'] })
export class DigestAuthenticator extends LoginAuthenticator {
  private _maxNonceAgeMs = 60_000;
  private _maxNonceCount = 1024;
  /** Issued nonces by value; a Map keeps them in the order they were issued, so aged ones are at the front. */
  private readonly _nonces = new Map<string, IssuedNonce>();

  getAuthMethod(): string {
    return 'DIGEST';
  }

  /** Also reads the init parameters `maxNonceAge` (ms) and `maxNonceCount`, as Jetty's setConfiguration. */
  override setConfiguration(configuration: AuthConfiguration): void {
    super.setConfiguration(configuration);
    const age = configuration.getInitParameter('maxNonceAge');
    if (age !== null) this.setMaxNonceAge(Number(age));
    const count = configuration.getInitParameter('maxNonceCount');
    if (count !== null) this.setMaxNonceCount(Number(count));
  }

  /** How long (ms) an issued nonce may be used: 60000 by default. */
  @Expose('long') setMaxNonceAge(ms: number): void {
    if (!Number.isInteger(ms) || ms <= 0) throw new RangeError(`Cannot set maxNonceAge to '${ms}': use a positive number of milliseconds`);
    this._maxNonceAgeMs = ms;
  }
  @Expose() getMaxNonceAge(): number {
    return this._maxNonceAgeMs;
  }

  /** How many requests (nonce counts) one nonce may serve: 1024 by default. */
  @Expose('int') setMaxNonceCount(count: number): void {
    if (!Number.isInteger(count) || count <= 0) throw new RangeError(`Cannot set maxNonceCount to '${count}': use a positive whole number`);
    this._maxNonceCount = count;
  }
  @Expose() getMaxNonceCount(): number {
    return this._maxNonceCount;
  }

  validateRequest(request: Request, response: HttpServletResponse | null, mandatory: boolean): Authentication {
    if (!mandatory) return new DeferredAuthentication(this, this._loginService);
    let stale = false;
    const header = request.getHeader('authorization');
    if (header !== null) {
      const space = header.indexOf(' ');
      if (space > 0 && header.slice(0, space).toLowerCase() === 'digest') {
        const digest = this.digestOf(request, header.slice(space + 1));
        const nonce = digest === null ? NonceCheck.Refused : this.checkNonce(digest);
        if (nonce === NonceCheck.Good) {
          const user = this.login(digest!.username, digest, request);
          if (user !== null) return new UserAuthentication(this.getAuthMethod(), user, this, this._loginService);
        } else if (nonce === NonceCheck.Stale) {
          stale = true;
        }
      }
    }
    if (response === null) return UNAUTHENTICATED;
    const domain = request.getContextPath() || '/';
    response.setHeader(
      'WWW-Authenticate',
      `Digest realm="${this._loginService?.getName() ?? ''}", domain="${domain}", nonce="${this.newNonce()}", algorithm=MD5, qop="auth", stale=${stale}`,
    );
    response.sendError(401);
    return SEND_CONTINUE;
  }

  /** The client's digest, or null when a field is missing or does not fit this request and realm. */
  private digestOf(request: Request, fields: string): DigestResponse | null {
    const f = parseDigestFields(fields);
    const digest = new DigestResponse(request.getMethod());
    digest.username = f.get('username') ?? '';
    digest.realm = f.get('realm') ?? '';
    digest.nonce = f.get('nonce') ?? '';
    digest.nc = f.get('nc') ?? '';
    digest.cnonce = f.get('cnonce') ?? '';
    digest.qop = f.get('qop') ?? '';
    digest.uri = f.get('uri') ?? '';
    digest.response = f.get('response') ?? '';
    digest.algorithm = f.get('algorithm') ?? '';
    if (digest.username === '' || digest.nonce === '' || digest.response === '') return null;
    if (digest.algorithm !== '' && digest.algorithm.toUpperCase() !== 'MD5') return null;
    if (digest.qop !== '' && digest.qop !== 'auth') return null;
    if (digest.realm !== (this._loginService?.getName() ?? '')) return null;
    // the digest covers the URI the client names: it must be this request's, or a digest could be replayed elsewhere
    const q = request.getQueryString();
    if (digest.uri !== (q === null ? request.getRequestURI() : `${request.getRequestURI()}?${q}`)) {
      if (LOG.isDebugEnabled()) LOG.debug(`digest uri ${JSON.stringify(digest.uri)} is not the request's ${request.getRequestURI()}`);
      return null;
    }
    return digest;
  }

  private newNonce(): string {
    this.purgeNonces(Date.now());
    const value = randomBytes(24).toString('base64');
    this._nonces.set(value, { value, issuedAt: Date.now(), seen: new Set() });
    return value;
  }

  private purgeNonces(now: number): void {
    const expired = now - this._maxNonceAgeMs;
    for (const nonce of this._nonces.values()) {
      if (nonce.issuedAt >= expired) break;
      this._nonces.delete(nonce.value);
    }
  }

  /** Jetty's checkNonce: unknown or aged nonce, or a count past the maximum: stale; a count used before: refused. */
  private checkNonce(digest: DigestResponse): NonceCheck {
    this.purgeNonces(Date.now());
    const nonce = this._nonces.get(digest.nonce);
    if (nonce === undefined) return NonceCheck.Stale;
    if (!/^[0-9a-fA-F]{1,8}$/.test(digest.nc)) return NonceCheck.Refused;
    const count = Number.parseInt(digest.nc, 16);
    if (count >= this._maxNonceCount) return NonceCheck.Stale;
    if (nonce.seen.has(count)) return NonceCheck.Refused;
    nonce.seen.add(count);
    return NonceCheck.Good;
  }
}
