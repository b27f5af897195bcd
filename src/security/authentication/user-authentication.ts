/**
 * An authenticated user on a request (org.eclipse.jetty.security.UserAuthentication): the method that
 * authenticated it and the identity; logging out goes through the authenticator that made it.
 * @module
 */
import { type Authentication, UNAUTHENTICATED, type UserAuthentication as User } from '../../server/authentication';
import type { Request } from '../../server/request';
import type { UserIdentity } from '../../server/user-identity';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { Authenticator } from '../authenticator';
import type { LoginService } from '../login-service';

export class UserAuthentication implements User {
  readonly kind = 'user' as const;
  constructor(
    private readonly _method: string,
    private readonly _user: UserIdentity,
    private readonly _authenticator: Authenticator | null = null,
    private readonly _loginService: LoginService | null = null,
  ) {}

  getAuthMethod(): string {
    return this._method;
  }
  getUserIdentity(): UserIdentity {
    return this._user;
  }
  isUserInRole(role: string): boolean {
    return this._user.isUserInRole(role);
  }

  logout(request: HttpServletRequest): Authentication {
    this._authenticator?.logout(request as Request);
    this._loginService?.logout(this._user);
    return UNAUTHENTICATED;
  }

  toString(): string {
    return `{User,${this._method},${this._user.getUserPrincipal().getName()}}`;
  }
}
