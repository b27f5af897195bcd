/**
 * The seam between the request (src/server/request.ts) and the session machinery (src/session), in both
 * directions, without src/server importing src/session: SessionManagerBridge is what Request.getSession(),
 * changeSessionId(), isRequestedSessionIdValid() and Response.encodeURL() need from the SessionHandler in
 * scope (org.eclipse.jetty.server.session.SessionHandler implements it, and so does the legacy
 * HashSessionManager); SessionRequest and SessionResponse are what the SessionHandler needs from the
 * request and response it scopes (Request and Response implement them). Every method is required, so
 * that a renamed method fails the build instead of becoming a silent no-op.
 * @module
 */
import type { DispatcherType } from '../servlet-api/dispatcher-type';
import type { HttpSession } from '../servlet-api/http-session';

/** A Set-Cookie value prepared by the session handler. */
export interface SessionCookie {
  readonly name: string;
  readonly value: string;
  /** The full Set-Cookie header value (attributes included). */
  readonly header: string;
}

export interface SessionManagerBridge {
  /** Creates a new session for this request (Jetty: SessionHandler.newHttpSession). */
  newHttpSession(request: SessionRequest): HttpSession;
  /** True if the session is still valid (not invalidated, not expired). */
  isValid(session: HttpSession): boolean;
  /** The cookie that carries this session's id, or null when cookies are not used. */
  getSessionCookie(session: HttpSession, contextPath: string, secure: boolean): SessionCookie | null;
  /** Changes the id of the request's session; returns the new id. */
  renewSessionId(request: SessionRequest, session: HttpSession): string;
  /** The external id (with the worker suffix, e.g. `.node0`) used in cookies and URLs. */
  getExtendedId(session: HttpSession): string;
  isUsingCookies(): boolean;
  isUsingURLs(): boolean;
  /** The path parameter name for URL tracking, default `jsessionid`. */
  getSessionIdPathParameterName(): string;
  isCheckingRemoteSessionIdEncoding(): boolean;
}

/**
 * The base request as a SessionHandler reads and sets it (Jetty's SessionHandler calls these on
 * org.eclipse.jetty.server.Request): the request's session plumbing, and the headers, URI, security and
 * attributes a session lookup or a new session reads.
 */
/**
 * Runs when the request's handler chain has settled and before its response completes (Jetty's
 * Request.onCompleted, where SessionHandler.complete releases the sessions the request entered). The
 * server waits for the promise; returning `DONE` (src/server/done.ts) means finished at once.
 */
export interface RequestCompletionListener {
  onRequestCompleted(request: SessionRequest): Promise<void>;
}

export interface SessionRequest {
  /** Each value of the header as received (the Cookie lines, for the session cookie). */
  getHeaders(name: string): readonly string[];
  getRequestURI(): string;
  isSecure(): boolean;
  getDispatcherType(): DispatcherType;
  getRemoteUser(): string | null;
  getAttribute(name: string): unknown;
  setAttribute(name: string, value: unknown): void;
  /** The session handler whose scope the request is in (null outside every session scope). */
  getSessionHandler(): SessionManagerBridge | null;
  setSessionHandler(handler: SessionManagerBridge | null): void;
  /** The session the request is in, without creating one (Jetty's Request.getSession(false) as a field). */
  getCurrentSession(): HttpSession | null;
  setSession(session: HttpSession | null): void;
  getRequestedSessionId(): string | null;
  setRequestedSessionId(id: string | null): void;
  setRequestedSessionIdFromCookie(fromCookie: boolean): void;
  /** The response of this exchange; throws when the request was made without one. */
  getResponse(): SessionResponse;
  setHandled(handled: boolean): void;
  /** Ends the connection after this response (Jetty's answer to a BadMessageException). */
  closeConnectionAfterResponse(): void;
  /** Runs `listener` once when the handler chain has settled (the same listener twice counts once). */
  addCompletionListener(listener: RequestCompletionListener): void;
}

/** The response as a SessionHandler uses it: the session cookie, the 400 for duplicate session cookies, flushOnResponseCommit. */
export interface SessionResponse {
  isCommitted(): boolean;
  sendError(status: number, message?: string): void;
  /** Sets the cookie, replacing an earlier Set-Cookie of the same name (Jetty's Response.replaceCookie). */
  replaceCookie(cookie: SessionCookie): void;
  /** Runs `listener` before the response commits; the commit waits for its promise. */
  addBeforeCommitListener(listener: () => void | Promise<void>): void;
}
