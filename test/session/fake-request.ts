/**
 * A request double for driving SessionHandler without the HTTP server: it implements the whole
 * SessionRequest contract (what a SessionHandler calls on the server's Request), and its response
 * records the cookies and errors the handler sends.
 * @module
 */
import type {
  RequestCompletionListener,
  SessionCookie,
  SessionManagerBridge,
  SessionRequest,
  SessionResponse,
} from '../../src/server/session-manager-bridge';
import type { DispatcherType } from '../../src/servlet-api/dispatcher-type';
import type { HttpSession } from '../../src/servlet-api/http-session';

/** What the handler did to the response: cookies set (by name), errors sent, before-commit listeners added. */
export class FakeResponse implements SessionResponse {
  readonly cookies = new Map<string, SessionCookie>();
  readonly errors: Array<{ status: number; message?: string }> = [];
  readonly beforeCommit: Array<() => void | Promise<void>> = [];
  committed = false;
  isCommitted(): boolean {
    return this.committed;
  }
  sendError(status: number, message?: string): void {
    this.errors.push({ status, message });
    this.committed = true;
  }
  replaceCookie(cookie: SessionCookie): void {
    if (!this.committed) this.cookies.set(cookie.name, cookie);
  }
  addBeforeCommitListener(listener: () => void | Promise<void>): void {
    this.beforeCommit.push(listener);
  }
}

export class FakeRequest implements SessionRequest {
  readonly attributes = new Map<string, unknown>();
  readonly response = new FakeResponse();
  session: HttpSession | null = null;
  sessionHandler: SessionManagerBridge | null = null;
  requestedSessionId: string | null = null;
  requestedSessionIdFromCookie = false;
  remoteUser: string | null = null;
  dispatcherType: DispatcherType = 'REQUEST';
  handled = false;
  connectionClosed = false;
  constructor(
    readonly cookieHeader: string | null = null,
    readonly uri = '/',
    readonly secure = false,
  ) {}
  getHeaders(name: string): readonly string[] {
    return name.toLowerCase() === 'cookie' && this.cookieHeader !== null ? [this.cookieHeader] : [];
  }
  getRequestURI(): string {
    return this.uri;
  }
  isSecure(): boolean {
    return this.secure;
  }
  getDispatcherType(): DispatcherType {
    return this.dispatcherType;
  }
  getRemoteUser(): string | null {
    return this.remoteUser;
  }
  getAttribute(n: string): unknown {
    return this.attributes.get(n);
  }
  setAttribute(n: string, v: unknown): void {
    this.attributes.set(n, v);
  }
  getSessionHandler(): SessionManagerBridge | null {
    return this.sessionHandler;
  }
  setSessionHandler(handler: SessionManagerBridge | null): void {
    this.sessionHandler = handler;
  }
  getCurrentSession(): HttpSession | null {
    return this.session;
  }
  setSession(s: HttpSession | null): void {
    this.session = s;
  }
  getRequestedSessionId(): string | null {
    return this.requestedSessionId;
  }
  setRequestedSessionId(id: string | null): void {
    this.requestedSessionId = id;
  }
  setRequestedSessionIdFromCookie(fromCookie: boolean): void {
    this.requestedSessionIdFromCookie = fromCookie;
  }
  getResponse(): FakeResponse {
    return this.response;
  }
  setHandled(handled: boolean): void {
    this.handled = handled;
  }
  closeConnectionAfterResponse(): void {
    this.connectionClosed = true;
  }
  /** The completion listeners a scope registered; a test runs them as the server would when the chain settled. */
  readonly completionListeners: RequestCompletionListener[] = [];
  addCompletionListener(listener: RequestCompletionListener): void {
    if (!this.completionListeners.includes(listener)) this.completionListeners.push(listener);
  }
}
