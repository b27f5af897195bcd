/**
 * Form login (org.eclipse.jetty.security.authentication.FormAuthenticator). A constrained request
 * without a login is remembered in the session (its URI and method) and answered with a redirect to the
 * form-login-page (303 on HTTP/1.1, 302 on 1.0), or, with `dispatch`, by forwarding to it. The form posts
 * `j_username` and `j_password` to `j_security_check`; a good login renews the session id, keeps the
 * login in the session (SessionAuthentication) and redirects to the remembered URI; a bad one gets the
 * form-error-page (redirect or forward) or 403 when there is none.
 *
 * A urlencoded POST that met the login page is not lost: its form parameters are kept in the session
 * beside the URI (`org.eclipse.jetty.security.form_POST`, a Map as Jetty's MultiMap), and when the
 * browser comes back to that URI after the login (a GET, since the redirect is a 303), the request is
 * given back its method (prepareRequest, before the constraints are looked up) and its form parameters
 * (validateRequest), so the servlet's doPost sees what was posted. Only the first such return replays it.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { type Authentication, SEND_CONTINUE, SEND_FAILURE, SEND_SUCCESS, UNAUTHENTICATED } from '../../server/authentication';
import type { Request } from '../../server/request';
import type { UserIdentity } from '../../server/user-identity';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import { Log } from '../../util/log';
import type { AuthConfiguration } from '../authenticator';
import { DeferredAuthentication } from './deferred-authentication';
import { LoginAuthenticator } from './login-authenticator';
import { J_AUTHENTICATED, SessionAuthentication } from './session-authentication';

const LOG = Log.getLogger('org.eclipse.jetty.security.authentication.FormAuthenticator');

export const FORM_LOGIN_PAGE = 'org.eclipse.jetty.security.form_login_page';
export const FORM_ERROR_PAGE = 'org.eclipse.jetty.security.form_error_page';
export const FORM_DISPATCH = 'org.eclipse.jetty.security.dispatch';
export const J_URI = 'org.eclipse.jetty.security.form_URI';
export const J_METHOD = 'org.eclipse.jetty.security.form_METHOD';
export const J_POST = 'org.eclipse.jetty.security.form_POST';
export const J_SECURITY_CHECK = '/j_security_check';
export const J_USERNAME = 'j_username';
export const J_PASSWORD = 'j_password';

/** A page path as Jetty takes it: it must start with `/` (a missing one is added with a warning). */
function pagePath(page: string, what: string): string {
  if (page.startsWith('/')) return page;
  LOG.warn(`${what} must start with /: using /${page}`);
  return `/${page}`;
}

@JettyClass('org.eclipse.jetty.security.authentication.FormAuthenticator', {
  implements: ['org.eclipse.jetty.security.Authenticator'],
  ctors: [
    [],
    [
      { name: 'login', type: 'String' },
      { name: 'error', type: 'String' },
      { name: 'dispatch', type: 'boolean' },
    ],
  ],
})
export class FormAuthenticator extends LoginAuthenticator {
  private _formLoginPage: string | null = null;
  private _formLoginPath: string | null = null;
  private _formErrorPage: string | null = null;
  private _formErrorPath: string | null = null;
  private _dispatch = false;
  private _alwaysSaveUri = false;

  constructor(login?: string, error?: string, dispatch?: boolean) {
    super();
    if (login !== undefined && login !== null) this.setLoginPage(login);
    if (error !== undefined && error !== null) this.setErrorPage(error);
    if (dispatch !== undefined) this._dispatch = dispatch;
  }

  getAuthMethod(): string {
    return 'FORM';
  }

  override setConfiguration(configuration: AuthConfiguration): void {
    super.setConfiguration(configuration);
    const login = configuration.getInitParameter(FORM_LOGIN_PAGE);
    if (login !== null) this.setLoginPage(login);
    const error = configuration.getInitParameter(FORM_ERROR_PAGE);
    if (error !== null) this.setErrorPage(error);
    const dispatch = configuration.getInitParameter(FORM_DISPATCH);
    if (dispatch !== null) this._dispatch = dispatch.trim().toLowerCase() === 'true';
  }

  /** Save the URI of every request sent to the login page, not only the first. */
  @Expose('boolean') setAlwaysSaveUri(always: boolean): void {
    this._alwaysSaveUri = always;
  }
  @Expose() getAlwaysSaveUri(): boolean {
    return this._alwaysSaveUri;
  }

  setLoginPage(page: string): void {
    this._formLoginPage = pagePath(page, 'form-login-page');
    this._formLoginPath = this._formLoginPage.split('?')[0];
  }
  getLoginPage(): string | null {
    return this._formLoginPage;
  }

  setErrorPage(page: string | null): void {
    if (page === null || page.trim() === '') {
      this._formErrorPage = null;
      this._formErrorPath = null;
      return;
    }
    this._formErrorPage = pagePath(page, 'form-error-page');
    this._formErrorPath = this._formErrorPage.split('?')[0];
  }
  getErrorPage(): string | null {
    return this._formErrorPage;
  }

  isDispatch(): boolean {
    return this._dispatch;
  }

  /** True for the path the login form posts to (`.../j_security_check`). */
  static isJSecurityCheck(pathInContext: string): boolean {
    return pathInContext.endsWith(J_SECURITY_CHECK);
  }

  override isMandatoryFor(pathInContext: string): boolean {
    return FormAuthenticator.isJSecurityCheck(pathInContext);
  }

  /** True for the login and error pages themselves: they are reachable without a login. */
  isLoginOrErrorPage(pathInContext: string | null): boolean {
    return pathInContext !== null && (pathInContext === this._formLoginPath || pathInContext === this._formErrorPath);
  }

  /** Also keeps the login in the session (SessionAuthentication), as Jetty's FormAuthenticator.login. */
  override login(username: string | null, password: unknown, request: Request): UserIdentity | null {
    const user = super.login(username, password, request);
    if (user !== null) request.getSession(true)!.setAttribute(J_AUTHENTICATED, SessionAuthentication.toStored(this.getAuthMethod(), user));
    return user;
  }

  /** The request that comes back to the saved URI after the login gets back the saved method (Jetty's prepareRequest). */
  override prepareRequest(request: Request): void {
    const session = request.getSession(false);
    if (session === null) return;
    const kept = session.getAttribute(J_AUTHENTICATED);
    if (kept === null || kept === undefined) return;
    const uri = session.getAttribute(J_URI);
    const method = session.getAttribute(J_METHOD);
    if (typeof uri !== 'string' || uri === '' || typeof method !== 'string' || method === '') return;
    if (uri !== requestPathAndQuery(request) || method === request.getMethod()) return;
    if (LOG.isDebugEnabled()) LOG.debug(`Restoring original method ${method} for ${uri} with method ${request.getMethod()}`);
    request.setMethod(method);
  }

  override logout(request: Request): void {
    super.logout(request);
    request.getSession(false)?.removeAttribute(J_AUTHENTICATED);
  }

  /** Synchronous unless a page is forwarded to (`dispatch`): a deferred check (no response) never waits. */
  validateRequest(request: Request, response: HttpServletResponse | null, mandatoryIn: boolean): Authentication | Promise<Authentication> {
    const pathInContext = pathInContextOf(request);
    const isCheck = FormAuthenticator.isJSecurityCheck(pathInContext);
    const mandatory = mandatoryIn || isCheck;
    if (!mandatory) return new DeferredAuthentication(this, this._loginService);
    if (this.isLoginOrErrorPage(pathInContext) && response !== null) return new DeferredAuthentication(this, this._loginService);

    if (isCheck && response !== null) return this.checkLogin(request, response);

    // a login kept in the session
    const session = response === null ? request.getSession(false) : request.getSession(true);
    const kept = session?.getAttribute(J_AUTHENTICATED);
    if (session && kept !== null && kept !== undefined) {
      const restored = SessionAuthentication.restore(kept, this._loginService, this);
      if (restored === null) {
        LOG.debug(`auth revoked for session ${session.getId()}`);
        session.removeAttribute(J_AUTHENTICATED);
      } else {
        const saved = session.getAttribute(J_URI);
        if (typeof saved === 'string' && saved === requestPathAndQuery(request)) {
          const post = savedForm(session.getAttribute(J_POST));
          if (post !== null) {
            if (LOG.isDebugEnabled()) LOG.debug(`auth rePOST ${restored} -> ${saved}`);
            request.setContentParameters(post);
          }
          session.removeAttribute(J_URI);
          session.removeAttribute(J_METHOD);
          session.removeAttribute(J_POST);
        }
        return restored;
      }
    }
    if (response === null || session === null) return UNAUTHENTICATED;

    // remember where the user was going, then send the login page
    if (session.getAttribute(J_URI) === null || session.getAttribute(J_URI) === undefined || this._alwaysSaveUri) {
      session.setAttribute(J_URI, requestPathAndQuery(request));
      session.setAttribute(J_METHOD, request.getMethod());
      // a form post is kept to be replayed after the login (its body is already read: the context reads a form first)
      if (request.getMethod() === 'POST' && request.isFormRequest()) session.setAttribute(J_POST, request.getContentParameters());
      else session.removeAttribute(J_POST);
    }
    if (this._formLoginPage === null) {
      LOG.warn(`No form-login-page for ${request.getContextPath() || '/'}: answering 403`);
      response.sendError(403);
      return SEND_CONTINUE;
    }
    if (this._dispatch) return this.forwardTo(request, response, this._formLoginPage).then(() => SEND_CONTINUE);
    request.getResponse().sendRedirect(response.encodeURL(contextPathOf(request) + this._formLoginPage), redirectCode(request));
    return SEND_CONTINUE;
  }

  /** The POST to j_security_check. */
  private checkLogin(request: Request, response: HttpServletResponse): Authentication | Promise<Authentication> {
    const username = request.getParameter(J_USERNAME);
    const password = request.getParameter(J_PASSWORD);
    const user = this.login(username, password, request);
    if (user !== null) {
      const session = request.getSession(false);
      const saved = session?.getAttribute(J_URI);
      const target = typeof saved === 'string' && saved !== '' ? saved : request.getContextPath() || '/';
      response.setContentLength(0);
      request.getResponse().sendRedirect(response.encodeURL(target), redirectCode(request));
      // the answer is the redirect: nothing behind j_security_check runs (Jetty's FormAuthentication is also ResponseSent)
      return SEND_SUCCESS;
    }
    LOG.debug(`Form authentication FAILED for ${JSON.stringify(username)}`);
    if (this._formErrorPage === null) {
      response.sendError(403);
    } else if (this._dispatch) {
      return this.forwardTo(request, response, this._formErrorPage).then(() => SEND_FAILURE);
    } else {
      request.getResponse().sendRedirect(response.encodeURL(contextPathOf(request) + this._formErrorPage), redirectCode(request));
    }
    return SEND_FAILURE;
  }

  /** `dispatch`: the page is forwarded to (as a GET, never cached), instead of redirected to. */
  private async forwardTo(request: Request, response: HttpServletResponse, page: string): Promise<void> {
    const dispatcher = request.getRequestDispatcher(page) as { forward(q: unknown, s: unknown): Promise<void> } | null;
    if (dispatcher === null) {
      response.sendError(500, `Cannot dispatch to '${page}'`);
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.setDateHeader('Expires', 1);
    await dispatcher.forward(request, response);
  }
}

/** The saved form of a POST as a session gives it back: a Map of names to string values, else null. */
function savedForm(value: unknown): Map<string, string[]> | null {
  if (!(value instanceof Map)) return null;
  for (const [k, v] of value) {
    if (typeof k !== 'string' || !Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null;
  }
  return value as Map<string, string[]>;
}

function contextPathOf(request: Request): string {
  return request.getContextPath();
}

function pathInContextOf(request: Request): string {
  return `${request.getServletPath()}${request.getPathInfo() ?? ''}`;
}

/** The request's URI and query (what the login redirects back to; the origin is the server's own). */
function requestPathAndQuery(request: Request): string {
  const q = request.getQueryString();
  return q === null ? request.getRequestURI() : `${request.getRequestURI()}?${q}`;
}

/** 303 See Other on HTTP/1.1, 302 on HTTP/1.0 (Jetty's sendRedirect(location, useSeeOther=true)). */
export function redirectCode(request: Request): number {
  return request.getProtocol() === 'HTTP/1.0' ? 302 : 303;
}
