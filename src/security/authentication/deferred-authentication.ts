/**
 * The authentication of a request to an unconstrained resource (org.eclipse.jetty.security.authentication.DeferredAuthentication):
 * nothing is checked until the app asks who the user is (getUserPrincipal, isUserInRole), calls
 * authenticate() (which may challenge) or login().
 * @module
 */
import type { Authentication, DeferredAuthentication as Deferred } from '../../server/authentication';
import type { Request } from '../../server/request';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Authenticator } from '../authenticator';
import type { LoginService } from '../login-service';
import { UserAuthentication } from './user-authentication';

export class DeferredAuthentication implements Deferred {
  readonly kind = 'deferred' as const;
  constructor(
    private readonly _authenticator: Authenticator,
    private readonly _loginService: LoginService | null,
  ) {}

  authenticate(request: HttpServletRequest): Authentication {
    const a = this._authenticator.validateRequest(request as Request, null, true);
    // BASIC and FORM answer a check without a response synchronously; one that cannot stays deferred
    if (a instanceof Promise) return this;
    return a.kind === 'user' ? a : this;
  }

  authenticateWith(request: HttpServletRequest, response: HttpServletResponse): Promise<Authentication> {
    return Promise.resolve(this._authenticator.validateRequest(request as Request, response, true));
  }

  login(username: string, password: string, request: HttpServletRequest): Authentication | null {
    const user = this._authenticator.login(username, password, request as Request);
    return user === null ? null : new UserAuthentication('API', user, this._authenticator, this._loginService);
  }

  toString(): string {
    return `DeferredAuthentication@${this._authenticator.getAuthMethod()}`;
  }
}
