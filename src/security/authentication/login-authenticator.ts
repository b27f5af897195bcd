/**
 * The part of BASIC and FORM that checks a password with the login service and, at login, gives the
 * session a new id against session fixation (org.eclipse.jetty.security.authentication.LoginAuthenticator).
 * @module
 */
import type { Authentication } from '../../server/authentication';
import type { Request } from '../../server/request';
import type { UserIdentity } from '../../server/user-identity';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import { Log } from '../../util/log';
import type { AuthConfiguration, Authenticator } from '../authenticator';
import { SecurityConfigError } from '../errors';
import type { LoginService } from '../login-service';

const LOG = Log.getLogger('org.eclipse.jetty.security.authentication.LoginAuthenticator');

/** Set on a session whose id was renewed at login (Jetty's Session.SESSION_CREATED_SECURE). */
export const SESSION_CREATED_SECURE = 'org.eclipse.jetty.security.sessionCreatedSecure';

export abstract class LoginAuthenticator implements Authenticator {
  protected _loginService: LoginService | null = null;
  private _renewSession = true;

  setConfiguration(configuration: AuthConfiguration): void {
    this._loginService = configuration.getLoginService();
    if (this._loginService === null) {
      throw new SecurityConfigError(
        `No LoginService for ${this.getAuthMethod()} authentication${configuration.getRealmName() ? ` in realm '${configuration.getRealmName()}'` : ''}: ` +
          'add a HashLoginService (context XML: <Get name="securityHandler"><Set name="loginService">, or a Server bean named as the <realm-name>)',
      );
    }
    this._renewSession = configuration.isSessionRenewedOnAuthentication();
  }

  getLoginService(): LoginService | null {
    return this._loginService;
  }

  abstract getAuthMethod(): string;
  abstract validateRequest(request: Request, response: HttpServletResponse | null, mandatory: boolean): Promise<Authentication> | Authentication;

  login(username: string | null, password: unknown, request: Request): UserIdentity | null {
    if (username === null || this._loginService === null) return null;
    const user = this._loginService.login(username, password);
    if (user === null) return null;
    this.renewSession(request);
    return user;
  }

  prepareRequest(_request: Request): void {}

  isMandatoryFor(_pathInContext: string): boolean {
    return false;
  }

  logout(request: Request): void {
    request.getSession(false)?.removeAttribute(SESSION_CREATED_SECURE);
  }

  /** A session that may have been seen before the login gets a new id (once), unless renewSessionOnAuthentication is off. */
  protected renewSession(request: Request): void {
    const session = request.getSession(false);
    if (!this._renewSession || session === null || session.getAttribute(SESSION_CREATED_SECURE) === true) return;
    const oldId = session.getId();
    request.changeSessionId();
    session.setAttribute(SESSION_CREATED_SECURE, true);
    if (LOG.isDebugEnabled()) LOG.debug(`renew ${oldId}->${session.getId()}`);
  }
}
