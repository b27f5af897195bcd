/**
 * The handler between a context's sessions and its servlets that enforces security
 * (org.eclipse.jetty.security.SecurityHandler): for each REQUEST (and ASYNC) dispatch it asks the
 * subclass what the target needs, refuses a forbidden one (403) or an insecure one (redirect to the
 * secure port, or 403), has the authenticator validate the request (a challenge ends the request
 * there), checks the user's roles (403 `!role`), and only then passes the request on. Forwards,
 * includes and error dispatches are not checked again, as in Jetty.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import { type Authentication, isResponseSent } from '../server/authentication';
import { HandlerWrapper } from '../server/handler/handler-wrapper';
import type { Request } from '../server/request';
import { DONE as RESOLVED } from '../server/done';
import type { UserIdentity } from '../server/user-identity';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import { Log } from '../util/log';
import type { AbstractLifeCycle } from '../util/component/abstract-life-cycle';
import type { AuthConfiguration, Authenticator } from './authenticator';
import { BasicAuthenticator } from './authentication/basic-authenticator';
import { DigestAuthenticator } from './authentication/digest-authenticator';
import { ClientCertAuthenticator } from './authentication/client-cert-authenticator';
import { FormAuthenticator } from './authentication/form-authenticator';
import { SecurityConfigError } from './errors';
import { type LoginService, isLoginService } from './login-service';
import type { RoleInfo } from './role-info';
import { DeferredAuthentication } from './authentication/deferred-authentication';
import type { Handler } from '../server/handler';

const LOG = Log.getLogger('org.eclipse.jetty.security.SecurityHandler');

/** The auth methods Pier implements; the other names Jetty knows are refused at start. */
const SUPPORTED_METHODS = ['BASIC', 'FORM', 'DIGEST', 'CLIENT-CERT'];
const KNOWN_UNSUPPORTED = ['SPNEGO', 'NEGOTIATE', 'OPENID'];

@JettyClass('org.eclipse.jetty.security.SecurityHandler', { abstract: true })
export abstract class SecurityHandler extends HandlerWrapper implements AuthConfiguration {
  private _authenticator: Authenticator | null = null;
  private _loginService: LoginService | null = null;
  private _loginServiceShared = false;
  private _realmName: string | null = null;
  private _authMethod: string | null = null;
  private readonly _initParameters = new Map<string, string>();
  private _checkWelcomeFiles = false;
  private _renewSession = true;
  /** The context's init parameters, read at start (names starting `org.eclipse.jetty.security.`). */
  private _contextInitParameters: (() => Map<string, string>) | null = null;

  @Expose() getAuthenticator(): Authenticator | null {
    return this._authenticator;
  }
  @Expose('org.eclipse.jetty.security.Authenticator')
  setAuthenticator(authenticator: Authenticator | null): void {
    if (this.isStarted()) throw new Error('Cannot set the authenticator of a started SecurityHandler');
    this._authenticator = authenticator;
    if (authenticator) this._authMethod = authenticator.getAuthMethod();
  }

  @Expose() getLoginService(): LoginService | null {
    return this._loginService;
  }
  @Expose('org.eclipse.jetty.security.LoginService')
  setLoginService(service: LoginService | null): void {
    if (this.isStarted()) throw new Error('Cannot set the login service of a started SecurityHandler');
    if (service !== null && !isLoginService(service)) throw new TypeError(`Cannot use ${String(service)} as a LoginService`);
    this.updateBean(this._loginService, service, true);
    this._loginService = service;
    this._loginServiceShared = false;
  }

  @Expose() getRealmName(): string | null {
    return this._realmName;
  }
  @Expose('String') setRealmName(name: string | null): void {
    this._realmName = name;
  }

  @Expose() getAuthMethod(): string | null {
    return this._authMethod;
  }
  @Expose('String') setAuthMethod(method: string | null): void {
    this._authMethod = method;
  }

  @Expose('String') getInitParameter(name: string): string | null {
    return this._initParameters.get(name) ?? null;
  }
  @Expose() getInitParameterNames(): string[] {
    return [...this._initParameters.keys()];
  }
  @Expose('String', 'String')
  setInitParameter(name: string, value: string): string | null {
    if (this.isRunning()) throw new Error('Cannot set an init parameter of a running SecurityHandler');
    const prev = this._initParameters.get(name) ?? null;
    this._initParameters.set(name, value);
    return prev;
  }

  /** Check a welcome file the DefaultServlet forwards to against the constraints too. */
  @Expose() isCheckWelcomeFiles(): boolean {
    return this._checkWelcomeFiles;
  }
  @Expose('boolean') setCheckWelcomeFiles(check: boolean): void {
    this._checkWelcomeFiles = check;
  }

  /** Give the session a new id at login (default true: against session fixation). */
  @Expose() isSessionRenewedOnAuthentication(): boolean {
    return this._renewSession;
  }
  @Expose('boolean') setSessionRenewedOnAuthentication(renew: boolean): void {
    this._renewSession = renew;
  }

  /** Where the context's init parameters are read from at start (the owning context sets it). */
  setContextInitParameters(source: (() => Map<string, string>) | null): void {
    this._contextInitParameters = source;
  }

  protected override async doStart(): Promise<void> {
    for (const [k, v] of this._contextInitParameters?.() ?? []) {
      if (k.startsWith('org.eclipse.jetty.security.') && !this._initParameters.has(k)) this._initParameters.set(k, v);
    }
    if (this._loginService === null) {
      const found = this.findLoginService();
      if (found !== null) {
        this._loginService = found;
        this._loginServiceShared = true;
      }
    }
    if (this._loginService !== null) {
      const lc = this._loginService as unknown as Partial<AbstractLifeCycle>;
      // a server-wide login service is usually started by the server already; start it if not
      if (typeof lc.start === 'function' && typeof lc.isRunning === 'function' && !lc.isRunning()) await lc.start();
    }
    if (this._authenticator === null && (this._loginService !== null || this._realmName !== null)) {
      this._authenticator = this.newAuthenticator();
    }
    this._authenticator?.setConfiguration(this);
    await super.doStart();
  }

  protected override async doStop(): Promise<void> {
    await super.doStop();
    if (this._loginServiceShared) this._loginService = null;
  }

  /** The authenticator for the auth method (`<auth-method>`; none means BASIC, as Jetty's DefaultAuthenticatorFactory). */
  private newAuthenticator(): Authenticator {
    const method = (this._authMethod ?? 'BASIC').trim().toUpperCase();
    if (method === 'BASIC') return new BasicAuthenticator();
    if (method === 'FORM') return new FormAuthenticator();
    if (method === 'DIGEST') return new DigestAuthenticator();
    if (method === 'CLIENT-CERT' || method === 'CLIENT_CERT') return new ClientCertAuthenticator();
    const why = KNOWN_UNSUPPORTED.includes(method) ? 'Pier does not implement it' : 'it is not an auth method';
    throw new SecurityConfigError(`Cannot use auth method '${this._authMethod}': ${why} (use ${SUPPORTED_METHODS.join(', ')})`);
  }

  /** The server's LoginService bean named as the realm (the only one when no realm name is given). */
  protected findLoginService(): LoginService | null {
    const server = this.getServer();
    if (server === null) return null;
    const services = server.getBeans().filter(isLoginService);
    if (this._realmName !== null) return services.find((s) => s.getName() === this._realmName) ?? null;
    return services.length === 1 ? services[0] : null;
  }

  /** True for the dispatches security checks: REQUEST and ASYNC (and a welcome-file FORWARD with checkWelcomeFiles). */
  protected checkSecurity(request: Request): boolean {
    const type = request.getDispatcherType();
    if (type === 'REQUEST' || type === 'ASYNC') return true;
    if (type === 'FORWARD' && this._checkWelcomeFiles && request.getAttribute('org.eclipse.jetty.server.welcome') !== null) {
      request.removeAttribute('org.eclipse.jetty.server.welcome');
      return true;
    }
    return false;
  }

  override handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const handler = this.getHandler();
    if (handler === null || !this.isStarted()) return RESOLVED;
    if (!this.checkSecurity(baseRequest)) return handler.handle(target, baseRequest, request, response);
    const authenticator = this._authenticator;
    authenticator?.prepareRequest(baseRequest);
    const roleInfo = this.prepareConstraintInfo(target, baseRequest);
    // nothing to check and nobody to ask: straight on, without a promise of our own (the hot path)
    if (roleInfo === null && authenticator === null) return handler.handle(target, baseRequest, request, response);
    if (roleInfo === null && !authenticator!.isMandatoryFor(target)) {
      if (baseRequest.getAuthentication() === null) baseRequest.setAuthentication(new DeferredAuthentication(authenticator!, this._loginService));
      return handler.handle(target, baseRequest, request, response);
    }
    return this.handleSecured(handler, roleInfo, target, baseRequest, request, response);
  }

  private async handleSecured(
    handler: Handler,
    roleInfo: RoleInfo | null,
    target: string,
    baseRequest: Request,
    request: HttpServletRequest,
    response: HttpServletResponse,
  ): Promise<void> {
    if (!this.checkUserDataPermissions(target, baseRequest, response, roleInfo)) {
      if (!baseRequest.isHandled()) {
        response.sendError(403);
        baseRequest.setHandled(true);
      }
      return;
    }
    const authenticator = this._authenticator;
    const mandatory = this.isAuthMandatory(baseRequest, roleInfo) || (authenticator?.isMandatoryFor(target) ?? false);
    if (mandatory && authenticator === null) {
      LOG.warn(
        `No authenticator for ${baseRequest.getContextPath() || '/'}${target} ${roleInfo}: answering 403 (add a <login-config> and a LoginService)`,
      );
      if (!baseRequest.isHandled()) {
        response.sendError(403);
        baseRequest.setHandled(true);
      }
      return;
    }
    let authentication: Authentication | null = baseRequest.getAuthentication();
    if (authenticator !== null && (authentication === null || authentication.kind === 'deferred')) {
      authentication = await authenticator.validateRequest(baseRequest, response, mandatory);
    }
    if (isResponseSent(authentication)) {
      baseRequest.setHandled(true);
      return;
    }
    if (authentication !== null && authentication.kind === 'user') {
      baseRequest.setAuthentication(authentication);
      if (mandatory && !this.checkWebResourcePermissions(target, baseRequest, roleInfo, authentication.getUserIdentity())) {
        response.sendError(403, '!role');
        baseRequest.setHandled(true);
        return;
      }
      await handler.handle(target, baseRequest, request, response);
      return;
    }
    if (mandatory && !(authenticator instanceof FormAuthenticator && authenticator.isLoginOrErrorPage(target))) {
      // an authenticator that neither found a user nor answered: never let a constrained request through.
      // The one exception is Jetty's: FORM's own login and error pages, deferred even under a constraint
      // such as /*, or nobody could ever reach the form that logs them in.
      response.sendError(403);
      baseRequest.setHandled(true);
      return;
    }
    baseRequest.setAuthentication(authentication);
    await handler.handle(target, baseRequest, request, response);
  }

  /** What the target needs for this request's method (null: nothing). */
  protected abstract prepareConstraintInfo(pathInContext: string, request: Request): RoleInfo | null;
  /** False when the transport guarantee is not met (this may have answered: a redirect). */
  protected abstract checkUserDataPermissions(pathInContext: string, request: Request, response: HttpServletResponse, info: RoleInfo | null): boolean;
  protected abstract isAuthMandatory(request: Request, info: RoleInfo | null): boolean;
  protected abstract checkWebResourcePermissions(pathInContext: string, request: Request, info: RoleInfo | null, user: UserIdentity): boolean;
}
