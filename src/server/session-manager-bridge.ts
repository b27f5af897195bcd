/**
 * The seam between the request (src/server/request.ts) and the session machinery (src/session):
 * what Request.getSession(), changeSessionId(), isRequestedSessionIdValid() and
 * Response.encodeURL() need from the SessionHandler in scope, without src/server importing src/session.
 * org.eclipse.jetty.server.session.SessionHandler implements it (and so does the legacy
 * HashSessionManager's handler).
 * @module
 */
import type { HttpSession } from '../servlet/http-session';
import type { Request } from './request';

/** A Set-Cookie value prepared by the session handler. */
export interface SessionCookie {
  readonly name: string;
  readonly value: string;
  /** The full Set-Cookie header value (attributes included). */
  readonly header: string;
}

export interface SessionManagerBridge {
  /** Creates a new session for this request (Jetty: SessionHandler.newHttpSession). */
  newHttpSession(request: Request): HttpSession;
  /** True if the session is still valid (not invalidated, not expired). */
  isValid(session: HttpSession): boolean;
  /** The cookie that carries this session's id, or null when cookies are not used. */
  getSessionCookie(session: HttpSession, contextPath: string, secure: boolean): SessionCookie | null;
  /** Changes the id of the request's session; returns the new id. */
  renewSessionId(request: Request, session: HttpSession): string;
  /** The external id (with the worker suffix, e.g. `.node0`) used in cookies and URLs. */
  getExtendedId(session: HttpSession): string;
  isUsingCookies(): boolean;
  isUsingURLs(): boolean;
  /** The path parameter name for URL tracking, default `jsessionid`. */
  getSessionIdPathParameterName(): string;
  isCheckingRemoteSessionIdEncoding(): boolean;
}
