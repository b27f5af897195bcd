/**
 * HTTP Basic authentication (org.eclipse.jetty.security.authentication.BasicAuthenticator): the user
 * name and password in every request's `Authorization: Basic` header; a constrained request without
 * valid ones gets 401 with `WWW-Authenticate: basic realm="<realm>"`.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { type Authentication, SEND_CONTINUE, UNAUTHENTICATED } from '../../server/authentication';
import type { Request } from '../../server/request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import { DeferredAuthentication } from './deferred-authentication';
import { LoginAuthenticator } from './login-authenticator';
import { UserAuthentication } from './user-authentication';

@JettyClass('org.eclipse.jetty.security.authentication.BasicAuthenticator', { implements: ['org.eclipse.jetty.security.Authenticator'] })
export class BasicAuthenticator extends LoginAuthenticator {
  private _charset: BufferEncoding | null = null;

  getAuthMethod(): string {
    return 'BASIC';
  }

  /** The charset of the decoded credentials (ISO-8859-1 when unset, as Jetty); announced in the challenge. */
  @Expose('String')
  setCharset(charset: string | null): void {
    if (charset === null) {
      this._charset = null;
      return;
    }
    const c = charset.toLowerCase().replace(/[-_]/g, '');
    if (c === 'utf8') this._charset = 'utf8';
    else if (c === 'iso88591' || c === 'latin1') this._charset = 'latin1';
    else throw new RangeError(`Cannot use charset '${charset}' for BASIC credentials: use UTF-8 or ISO-8859-1`);
  }

  validateRequest(request: Request, response: HttpServletResponse | null, mandatory: boolean): Authentication {
    if (!mandatory) return new DeferredAuthentication(this, this._loginService);
    const header = request.getHeader('authorization');
    if (header !== null) {
      const space = header.indexOf(' ');
      if (space > 0 && header.slice(0, space).toLowerCase() === 'basic') {
        const decoded = Buffer.from(header.slice(space + 1).trim(), 'base64').toString(this._charset ?? 'latin1');
        const colon = decoded.indexOf(':');
        if (colon > 0) {
          const user = this.login(decoded.slice(0, colon), decoded.slice(colon + 1), request);
          if (user !== null) return new UserAuthentication(this.getAuthMethod(), user, this, this._loginService);
        }
      }
    }
    if (response === null) return UNAUTHENTICATED;
    let challenge = `basic realm="${this._loginService?.getName() ?? ''}"`;
    if (this._charset !== null) challenge += `, charset="${this._charset === 'utf8' ? 'UTF-8' : 'ISO-8859-1'}"`;
    response.setHeader('WWW-Authenticate', challenge);
    response.sendError(401);
    return SEND_CONTINUE;
  }
}
