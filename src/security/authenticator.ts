/**
 * How a request proves who its user is (org.eclipse.jetty.security.Authenticator): BASIC, FORM, DIGEST or CLIENT-CERT here.
 * The SecurityHandler gives each authenticator its configuration (login service, init parameters,
 * session renewal) and asks it to validate every request that reaches a constrained resource.
 * @module
 */
import type { Authentication } from '../server/authentication';
import type { Request } from '../server/request';
import type { UserIdentity } from '../server/user-identity';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import type { LoginService } from './login-service';

/** What an authenticator reads from its SecurityHandler (Jetty's Authenticator.AuthConfiguration). */
export interface AuthConfiguration {
  getLoginService(): LoginService | null;
  getInitParameter(name: string): string | null;
  getRealmName(): string | null;
  getAuthMethod(): string | null;
  isSessionRenewedOnAuthentication(): boolean;
}

export interface Authenticator {
  setConfiguration(configuration: AuthConfiguration): void;
  /** `BASIC`, `FORM`. */
  getAuthMethod(): string;
  /**
   * Validates the request. `response` null: nothing may be sent (a deferred check). `mandatory`: the
   * resource is constrained, so a missing user is challenged; else the answer may be a deferred check.
   */
  validateRequest(request: Request, response: HttpServletResponse | null, mandatory: boolean): Promise<Authentication> | Authentication;
  /** Checks a user name and password (HttpServletRequest.login and the FORM post): the user or null. */
  login(username: string | null, password: unknown, request: Request): UserIdentity | null;
  /** True when a path must be authenticated whatever the constraints say (FORM: `j_security_check`). */
  isMandatoryFor(pathInContext: string): boolean;
  /**
   * Readies a request before its constraints are looked up (Jetty's Authenticator.prepareRequest): FORM
   * gives the request back the method of the request the login interrupted.
   */
  prepareRequest(request: Request): void;
  /** Forgets what the authenticator keeps for the request's user (FORM: the login in the session). */
  logout(request: Request): void;
}
