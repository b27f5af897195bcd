/**
 * The container's request (org.eclipse.jetty.server.Request): wraps Node's IncomingMessage, implements
 * HttpServletRequest, and carries the plumbing handlers need (handled flag, context and servlet paths,
 * the session handler in scope and the requested session id).
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { parseCookie } from 'cookie';
import { Cookie } from '../servlet-api/cookie';
import type { DispatcherType } from '../servlet-api/dispatcher-type';
import { HttpException, IllegalStateException } from '../servlet-api/errors';
import { type AttributeSource, type ContentLimits, DEFAULT_MAX_REQUEST_CONTENT_SIZE, serverContentLimits } from './content-limits';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import type { HttpSession } from '../servlet-api/http-session';
import type { ServletContext } from '../servlet-api/servlet-context';
import type { Response } from './response';
import type { RequestCompletionListener, SessionManagerBridge, SessionRequest } from './session-manager-bridge';
import { DONE } from './done';
import { findPathParameter, parseRequestUri } from './uri-path';
import { parseUrlEncoded } from './url-encoded';
import { readBounded } from './request-body';
import { HttpInput } from './http-input';
import { type Authentication, UNAUTHENTICATED, isResponseSent } from './authentication';
import type { Principal } from './user-identity';
import type { X509Certificate } from 'node:crypto';
import { ServletException } from '../servlet-api/errors';

/** What the connector knows about the connection a request came in on. */
export interface ConnectionInfo {
  readonly localAddress: string;
  readonly localPort: number;
  readonly localName: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly secure: boolean;
  /** On a TLS connection: the SNI host name the client sent, and the names of the certificate it got. */
  readonly tls?: TlsConnectionInfo;
  /** The connector's name, for `@connector` virtual hosts. */
  readonly connectorName: string | null;
  /** The Server: its attributes give the content limits where no context sets them. */
  readonly server: AttributeSource | null;
}

/** What a TLS connection knows once its handshake is done. */
export interface TlsConnectionInfo {
  /** The SNI host name the client sent, and the names of the certificate it got. */
  readonly sniHost: string | null;
  readonly certificateNames: readonly string[];
  /** The client's certificate and the ones above it (when the connector asked for one and it was trusted), or null. */
  readonly peerCertificates: readonly X509Certificate[] | null;
  /** The negotiated cipher suite by its standard (Java) name, `TLS_AES_256_GCM_SHA384`. */
  readonly cipherSuite: string | null;
  /** The TLS session id in upper-case hex, as Jetty writes it; empty when the session has none. */
  readonly sessionId: string;
}

/** What a transport-guarantee redirect needs of the connector's HttpConfiguration. */
export interface SecureRedirectSettings {
  getSecurePort(): number;
  getSecureScheme(): string;
}

/** The context a request is in (a ContextHandler, seen through what Request needs). */
export interface RequestContext {
  getServletContext(): ServletContext;
  getContextPath(): string;
  /** How much of a body may be read into memory in this context (ContextHandler's limits). */
  getContentLimits?(): ContentLimits;
}

/** Default body limit of buffer()/text()/json(): 10 MB (`maxRequestContentSize`). */
export const DEFAULT_MAX_BODY_SIZE = DEFAULT_MAX_REQUEST_CONTENT_SIZE;
export { DEFAULT_MAX_FORM_CONTENT_SIZE } from './content-limits';

const FORM_TYPE = 'application/x-www-form-urlencoded';
const NO_PARAMS: Map<string, string[]> = new Map();
const NO_REQUEST_LOGS: readonly { log(request: Request, response: Response): void }[] = Object.freeze([]);

/**
 * Jetty's org.eclipse.jetty.server.Request. Created by ServerConnector per exchange; not configured
 * from XML.
 */
export class Request implements HttpServletRequest, SessionRequest {
  private _handled = false;
  private readonly _rawPath: string;
  private _query: string | null;
  private readonly _decodedPath: string | null;
  private readonly _badReason: string | undefined;
  private readonly _badStatusReason: string | undefined;
  private _contextPath = '';
  private _servletPath = '';
  private _pathInfo: string | null = null;
  private _context: RequestContext | null = null;
  private _dispatcherType: DispatcherType = 'REQUEST';
  /** Request attributes; allocated by the first setAttribute. */
  private _attributes: Map<string, unknown> | null = null;
  private _queryParams: Map<string, string[]> | undefined;
  private _params: Map<string, string[]> | undefined;
  /** Form parameters put in place of the body's (setContentParameters: a FORM login's replayed POST), or null. */
  private _contentParams: Map<string, string[]> | null = null;
  /** The method put in place of the request line's (setMethod), or null. */
  private _method: string | null = null;
  private _cookies: Cookie[] | undefined;
  private _characterEncoding: string | null = null;
  private _body: Buffer | undefined;
  private _bodyPromise: Promise<Buffer> | undefined;
  private _streamTaken = false;
  /** The body as the application reads it; created by the first read. */
  private _input: HttpInput | null = null;
  /** The client waits for `100 Continue` before it sends the body (sent by the first read). */
  private _expectContinue = false;
  /** Why the body cannot be read (the connection refused it before anyone read), or null. */
  private _inputFailure: Error | null = null;
  private _exchangeEnded = false;
  /** The completion listeners: the first in a field (the usual single SessionHandler), more in an array. */
  private _completionListener: RequestCompletionListener | null = null;
  private _moreCompletionListeners: RequestCompletionListener[] | null = null;
  /** Why the form could not be read (getParameter then fails with 400), or null. */
  private _formError: Error | null = null;
  private _formPrepared = false;
  private _maxFormKeys = -1;
  /** A limit set with setMaxBodySize (else the context's or server's maxRequestContentSize). */
  private _maxBodySize: number | null = null;
  private _response: Response | null = null;
  private _scheme: string;
  private _secure: boolean;
  private _serverName: string | undefined;
  private _serverPort: number | undefined;
  private _remoteAddr: string;
  private _remotePort: number;
  private readonly _timeStamp = Date.now();
  private _sessionHandler: SessionManagerBridge | null = null;
  private _session: HttpSession | null = null;
  private _requestedSessionId: string | null = null;
  private _requestedSessionIdFromCookie = false;
  private _authentication: Authentication | null = null;
  private _httpConfig: SecureRedirectSettings | null = null;
  /** The servlet holder the request is mapped to in the current ServletHandler scope (Jetty's UserIdentity.Scope). */
  private _scope: unknown = null;
  private _uriOverride: string | null = null;
  /** Request logs added by RequestLogHandler; allocated by the first one. */
  private _requestLogs: { log(request: Request, response: Response): void }[] | null = null;

  constructor(
    private readonly _raw: IncomingMessage,
    private readonly _conn: ConnectionInfo,
  ) {
    const parsed = parseRequestUri(_raw.url ?? '/');
    this._rawPath = parsed.rawPath;
    this._query = parsed.query;
    this._decodedPath = parsed.decodedPath;
    this._badReason = parsed.badReason;
    this._badStatusReason = parsed.badStatusReason;
    this._secure = _conn.secure;
    this._scheme = _conn.secure ? 'https' : 'http';
    this._remoteAddr = _conn.remoteAddress;
    this._remotePort = _conn.remotePort;
  }

  // ---- container plumbing ----------------------------------------------------------------------

  /** The Node request underneath. */
  getRawRequest(): IncomingMessage {
    return this._raw;
  }
  getConnectionInfo(): ConnectionInfo {
    return this._conn;
  }
  setResponse(response: Response): void {
    this._response = response;
  }
  getResponse(): Response {
    if (!this._response) throw new IllegalStateException('Cannot get the response: the request has none yet');
    return this._response;
  }
  isHandled(): boolean {
    return this._handled;
  }
  setHandled(handled: boolean): void {
    this._handled = handled;
  }
  getTimeStamp(): number {
    return this._timeStamp;
  }
  /** The decoded, canonical path without path parameters (the target of the server's handler); null when bad. */
  getPathInContextRoot(): string | null {
    return this._decodedPath;
  }
  /**
   * The decoded canonical path of what this request is serving: context path + servlet path + path
   * info (a forward's, during a forward), or the canonical path itself outside any context. Container
   * redirects are built from it, never from the raw URI.
   */
  getCanonicalRequestPath(): string {
    if (this._context === null) return this._decodedPath ?? '/';
    return `${this._contextPath}${this._servletPath}${this._pathInfo ?? ''}` || '/';
  }
  /** Why the path was refused (400), if it was. */
  getBadPathReason(): string | undefined {
    return this._badReason;
  }
  /** The reason phrase of the 400 that refuses the path (Jetty's bad-message reason), when it is refused. */
  getBadPathStatusReason(): string | undefined {
    return this._badStatusReason;
  }
  /** The value of a path parameter in the raw URI, e.g. `jsessionid`; null when absent. */
  getUriPathParameter(name: string): string | null {
    return findPathParameter(this._rawPath, name);
  }

  getContext(): RequestContext | null {
    return this._context;
  }
  setContext(context: RequestContext | null, contextPath: string): void {
    this._context = context;
    this._contextPath = contextPath;
  }
  setContextPath(contextPath: string): void {
    this._contextPath = contextPath;
  }
  setServletPath(servletPath: string): void {
    this._servletPath = servletPath;
  }
  setPathInfo(pathInfo: string | null): void {
    this._pathInfo = pathInfo;
  }
  setDispatcherType(type: DispatcherType): void {
    this._dispatcherType = type;
  }
  setScheme(scheme: string): void {
    this._scheme = scheme;
  }
  setSecure(secure: boolean): void {
    this._secure = secure;
  }
  setRemoteAddr(addr: string, port?: number): void {
    this._remoteAddr = addr;
    if (port !== undefined) this._remotePort = port;
  }
  setServerName(name: string): void {
    this._serverName = name;
  }
  setServerPort(port: number): void {
    this._serverPort = port;
  }
  /** The HttpConfiguration of the connector the request came in on (its securePort and secureScheme). */
  setHttpConfiguration(config: SecureRedirectSettings | null): void {
    this._httpConfig = config;
  }
  getHttpConfiguration(): SecureRedirectSettings | null {
    return this._httpConfig;
  }

  /** The request's authentication state, set by the SecurityHandler in scope (null: none checked). */
  setAuthentication(authentication: Authentication | null): void {
    this._authentication = authentication;
  }
  getAuthentication(): Authentication | null {
    return this._authentication;
  }
  /** Jetty's setUserIdentityScope: the ServletHandler puts the mapped ServletHolder here for its handle pass. */
  setUserIdentityScope(scope: unknown): void {
    this._scope = scope;
  }
  getUserIdentityScope(): unknown {
    return this._scope;
  }
  /** The most bytes buffer()/text()/json() read (else the context's, then the server's `maxRequestContentSize`). */
  setMaxBodySize(bytes: number): void {
    this._maxBodySize = bytes;
  }

  /** The content limits of the request's context, else of the server. */
  getContentLimits(): ContentLimits {
    return this._context?.getContentLimits?.() ?? serverContentLimits(this._conn.server);
  }

  /** Set by the connector for a request with `Expect: 100-continue`: the first read sends `100 Continue`. */
  setExpectContinue(expect: boolean): void {
    this._expectContinue = expect;
  }
  /** True while the client waits for a `100 Continue` that was not sent (its body was never read). */
  isExpectingContinue(): boolean {
    return this._expectContinue;
  }
  /** The body reader if the body was read at all (the connector fails it on an idle timeout or a bad chunk). */
  getHttpInputIfStarted(): HttpInput | null {
    return this._input;
  }
  /** The body cannot be read any further (a bad chunk): a read now or later fails with `err`. */
  failInput(err: Error): void {
    if (this._input !== null) this._input.fail(err);
    else this._inputFailure = err;
  }
  /** Runs `listener` once when the handler chain has settled, before the response completes (Jetty's Request.onCompleted). */
  addCompletionListener(listener: RequestCompletionListener): void {
    const first = this._completionListener;
    if (first === null) {
      this._completionListener = listener;
      return;
    }
    if (first === listener) return;
    const more = (this._moreCompletionListeners ??= []);
    if (!more.includes(listener)) more.push(listener);
  }

  /**
   * Runs the completion listeners, once: a later call finds none. Every listener runs even when one
   * fails; then the first failure is the rejection. DONE when none had anything to wait for, so that the
   * usual request (one session released with nothing to write) adds no promise.
   */
  runCompletionListeners(): Promise<void> {
    const first = this._completionListener;
    if (first === null) return DONE;
    this._completionListener = null;
    const more = this._moreCompletionListeners;
    this._moreCompletionListeners = null;
    if (more === null) {
      try {
        return first.onRequestCompleted(this);
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return runEachListener([first, ...more], this);
  }

  /** Marks the exchange ended (the connector counts it); false when it already was. */
  markExchangeEnded(): boolean {
    if (this._exchangeEnded) return false;
    this._exchangeEnded = true;
    return true;
  }
  /** Ends the connection after this response (the body was left unread or cut off). */
  closeConnectionAfterResponse(): void {
    const raw = this._response?.getRawResponse();
    if (raw !== undefined && !raw.headersSent) raw.shouldKeepAlive = false;
  }
  /** Adds a request log that gets this exchange once the response is complete (RequestLogHandler). */
  addRequestLog(log: { log(request: Request, response: Response): void }): void {
    const logs = (this._requestLogs ??= []);
    if (!logs.includes(log)) logs.push(log);
  }
  /** The request logs added so far (not a copy: read it, do not change it). */
  getRequestLogs(): readonly { log(request: Request, response: Response): void }[] {
    return this._requestLogs ?? NO_REQUEST_LOGS;
  }

  // ---- dispatch plumbing (RequestDispatcher) ------------------------------------------------------

  /** Everything a forward or include changes, to put back afterwards. */
  saveDispatchState(): unknown {
    return {
      uri: this._uriOverride,
      query: this._query,
      qp: this._queryParams,
      params: this._params,
      type: this._dispatcherType,
      sp: this._servletPath,
      pi: this._pathInfo,
    };
  }
  restoreDispatchState(state: unknown): void {
    const s = state as {
      uri: string | null;
      query: string | null;
      qp: Map<string, string[]> | undefined;
      params: Map<string, string[]> | undefined;
      type: DispatcherType;
      sp: string;
      pi: string | null;
    };
    this._uriOverride = s.uri;
    this._query = s.query;
    this._queryParams = s.qp;
    this._params = s.params;
    this._dispatcherType = s.type;
    this._servletPath = s.sp;
    this._pathInfo = s.pi;
  }
  /** The request URI a forward shows (encoded). */
  setRequestURIOverride(uri: string | null): void {
    this._uriOverride = uri;
  }
  /** Puts `query`'s parameters before the current ones (a dispatch path's query takes precedence). */
  mergeQueryString(query: string): void {
    this._query = this._query ? `${query}&${this._query}` : query;
    this._queryParams = undefined;
    this._params = undefined;
  }

  /** A dispatcher for a path in this request's context (relative paths resolve against the current path). */
  getRequestDispatcher(path: string): unknown {
    const ctx = this.getServletContext() as { getRequestDispatcher?: (p: string) => unknown } | null;
    if (!ctx?.getRequestDispatcher) return null;
    if (path.startsWith('/')) return ctx.getRequestDispatcher(path);
    const current = `${this._servletPath}${this._pathInfo ?? ''}`;
    const dir = current.slice(0, current.lastIndexOf('/') + 1) || '/';
    return ctx.getRequestDispatcher(dir + path);
  }

  // ---- session plumbing (set by the SessionHandler in scope) -----------------------------------

  setSessionHandler(bridge: SessionManagerBridge | null): void {
    this._sessionHandler = bridge;
  }
  getSessionHandler(): SessionManagerBridge | null {
    return this._sessionHandler;
  }
  setSession(session: HttpSession | null): void {
    this._session = session;
  }
  /** The session currently attached, without validity checks (Jetty's getSession() on Request internals). */
  getCurrentSession(): HttpSession | null {
    return this._session;
  }
  setRequestedSessionId(id: string | null): void {
    this._requestedSessionId = id;
  }
  setRequestedSessionIdFromCookie(fromCookie: boolean): void {
    this._requestedSessionIdFromCookie = fromCookie;
  }

  getSession(create = true): HttpSession | null {
    if (this._session) {
      if (this._sessionHandler && !this._sessionHandler.isValid(this._session)) this._session = null;
      else return this._session;
    }
    if (!create) return null;
    if (this._response?.isCommitted()) {
      throw new IllegalStateException('Cannot create session: the response is committed');
    }
    const bridge = this._sessionHandler;
    if (!bridge) throw new IllegalStateException('Cannot create session: no SessionManager in scope');
    this._session = bridge.newHttpSession(this);
    const cookie = bridge.getSessionCookie(this._session, this.getContextPath(), this.isSecure());
    if (cookie && this._response) this._response.replaceCookie(cookie);
    return this._session;
  }

  getRequestedSessionId(): string | null {
    return this._requestedSessionId;
  }

  isRequestedSessionIdValid(): boolean {
    const requested = this._requestedSessionId;
    if (requested === null) return false;
    const session = this.getSession(false);
    if (!session) return false;
    const dot = requested.lastIndexOf('.');
    const plain = dot >= 0 ? requested.slice(0, dot) : requested;
    return session.getId() === plain || session.getId() === requested;
  }

  isRequestedSessionIdFromCookie(): boolean {
    return this._requestedSessionId !== null && this._requestedSessionIdFromCookie;
  }
  isRequestedSessionIdFromURL(): boolean {
    return this._requestedSessionId !== null && !this._requestedSessionIdFromCookie;
  }

  changeSessionId(): string {
    const session = this.getSession(false);
    if (!session) throw new IllegalStateException('Cannot change session id: the request has no session');
    const bridge = this._sessionHandler;
    if (!bridge) throw new IllegalStateException('Cannot change session id: no SessionManager in scope');
    const id = bridge.renewSessionId(this, session);
    if (bridge.isUsingCookies()) {
      const cookie = bridge.getSessionCookie(session, this.getContextPath(), this.isSecure());
      if (cookie && this._response) this._response.replaceCookie(cookie);
    }
    return id;
  }

  // ---- HttpServletRequest: line, paths ---------------------------------------------------------

  getMethod(): string {
    return this._method ?? this._raw.method ?? 'GET';
  }
  /**
   * Replaces the method the request line gave (Jetty's Request.setMethod): a FORM login restores the
   * POST that was sent to the login page on the GET that comes back after it.
   */
  setMethod(method: string): void {
    this._method = method;
  }
  getRequestURI(): string {
    return this._uriOverride ?? this._rawPath;
  }
  getRequestURL(): string {
    const port = this.getServerPort();
    const dflt = (this._scheme === 'https' && port === 443) || (this._scheme === 'http' && port === 80);
    return `${this._scheme}://${hostForUrl(this.getServerName())}${dflt ? '' : `:${port}`}${this.getRequestURI()}`;
  }
  getContextPath(): string {
    return this._contextPath;
  }
  getServletPath(): string {
    return this._servletPath;
  }
  getPathInfo(): string | null {
    return this._pathInfo;
  }
  getQueryString(): string | null {
    return this._query;
  }
  getProtocol(): string {
    return `HTTP/${this._raw.httpVersion}`;
  }
  getScheme(): string {
    return this._scheme;
  }
  isSecure(): boolean {
    return this._secure;
  }

  getServerName(): string {
    if (this._serverName === undefined) this.parseHost();
    return this._serverName as string;
  }
  getServerPort(): number {
    if (this._serverPort === undefined) this.parseHost();
    return this._serverPort as number;
  }
  private parseHost(): void {
    const host = this._raw.headers.host;
    const dflt = this._scheme === 'https' ? 443 : 80;
    if (host) {
      const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim());
      if (m) {
        this._serverName ??= m[1].replace(/^\[|\]$/g, '');
        this._serverPort ??= m[2] ? Number(m[2]) : dflt;
        return;
      }
    }
    this._serverName ??= this._conn.localAddress;
    this._serverPort ??= this._conn.localPort;
  }

  getRemoteAddr(): string {
    return this._remoteAddr;
  }
  getRemoteHost(): string {
    return this._remoteAddr;
  }
  getRemotePort(): number {
    return this._remotePort;
  }
  getLocalAddr(): string {
    return this._conn.localAddress;
  }
  getLocalName(): string {
    return this._conn.localName;
  }
  getLocalPort(): number {
    return this._conn.localPort;
  }

  // ---- headers ---------------------------------------------------------------------------------

  getHeader(name: string): string | null {
    const v = this._raw.headers[name.toLowerCase()];
    if (v === undefined) return null;
    return Array.isArray(v) ? v[0] : v;
  }
  getHeaders(name: string): string[] {
    const lower = name.toLowerCase();
    const out: string[] = [];
    const raw = this._raw.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const n = raw[i];
      if (n.length === lower.length && n.toLowerCase() === lower) out.push(raw[i + 1]);
    }
    return out;
  }
  getHeaderNames(): string[] {
    const seen = new Map<string, string>();
    const raw = this._raw.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) if (!seen.has(raw[i].toLowerCase())) seen.set(raw[i].toLowerCase(), raw[i]);
    return [...seen.values()];
  }
  getIntHeader(name: string): number {
    const v = this.getHeader(name);
    if (v === null) return -1;
    const n = Number.parseInt(v, 10);
    if (Number.isNaN(n)) throw new TypeError(`Cannot parse header '${name}': '${v}' is not an integer`);
    return n;
  }
  getDateHeader(name: string): number {
    const v = this.getHeader(name);
    if (v === null) return -1;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw new TypeError(`Cannot parse header '${name}': '${v}' is not a date`);
    return t;
  }
  getContentType(): string | null {
    return this.getHeader('content-type');
  }
  getContentLength(): number {
    const v = this.getHeader('content-length');
    return v === null ? -1 : Number(v);
  }
  getCharacterEncoding(): string | null {
    if (this._characterEncoding) return this._characterEncoding;
    const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(this.getContentType() ?? '');
    return m ? m[1] : null;
  }
  setCharacterEncoding(encoding: string): void {
    this._characterEncoding = encoding;
  }

  // ---- parameters ------------------------------------------------------------------------------

  private queryParams(): Map<string, string[]> {
    if (!this._queryParams) this._queryParams = parseUrlEncoded(this._query ?? '');
    return this._queryParams;
  }

  private params(): Map<string, string[]> {
    if (this._params) return this._params;
    const content = this.contentParams();
    if (content.size === 0 && !this._query) {
      // no query and no form: the one shared empty table (never changed: readers get copies)
      this._params = NO_PARAMS;
      return NO_PARAMS;
    }
    const merged = new Map<string, string[]>();
    for (const [k, v] of this.queryParams()) merged.set(k, [...v]);
    for (const [k, v] of content) merged.set(k, [...(merged.get(k) ?? []), ...v]);
    this._params = merged;
    return merged;
  }

  /** The parameters of the body: the urlencoded form (once read), or the ones setContentParameters put. */
  private contentParams(): Map<string, string[]> {
    if (this._contentParams !== null) return this._contentParams;
    if (this._formError !== null) {
      // Jetty's answer: 400 "Unable to parse form content", the reason as its cause
      throw new HttpException(400, 'Unable to parse form content', { cause: this._formError });
    }
    if (this._body === undefined || !this.isFormRequest()) return NO_PARAMS;
    const enc = (this.getCharacterEncoding() ?? 'utf-8').toLowerCase();
    const form = parseUrlEncoded(this._body.toString(enc === 'iso-8859-1' || enc === 'latin1' ? 'latin1' : 'utf8'));
    const maxKeys = this._maxFormKeys;
    if (maxKeys >= 0 && form.size > maxKeys) {
      this._formError = new IllegalStateException(`Form with too many keys [${form.size} > ${maxKeys}]`);
      this.closeConnectionAfterResponse();
      throw new HttpException(400, 'Unable to parse form content', { cause: this._formError });
    }
    return form;
  }

  /**
   * The body's form parameters alone, without the query's (Jetty's Request.extractFormParameters): empty
   * for a request that is not a urlencoded form or whose form has not been read. A copy.
   */
  getContentParameters(): Map<string, string[]> {
    return new Map([...this.contentParams()].map(([k, v]) => [k, [...v]]));
  }

  /**
   * Puts `params` in place of the body's form parameters (Jetty's Request.setContentParameters); the
   * query's parameters stay. A FORM login replays the form of a POST it interrupted this way.
   */
  setContentParameters(params: Map<string, string[]>): void {
    this._contentParams = params;
    this._params = undefined;
  }

  /** True for a urlencoded form request with a body (POST, PUT...). */
  isFormRequest(): boolean {
    const method = this.getMethod();
    if (method === 'GET' || method === 'HEAD') return false;
    const ct = this._raw.headers['content-type'];
    if (ct === undefined) return false;
    return ct.split(';')[0].trim().toLowerCase() === FORM_TYPE;
  }

  /** True once prepareForm ran (a form is read once, by the outermost context or the server). */
  isFormPrepared(): boolean {
    return this._formPrepared;
  }

  /**
   * Reads a urlencoded form body before the servlet runs (Jetty's delayDispatchUntilContent), so that
   * getParameter() can stay synchronous; called where the limits are known (the context, or the server
   * when it has no contexts). A body over `maxFormContentSize` is not read, and a form with more than
   * `maxFormKeys` distinct names is refused: getParameter() then fails with 400 "Unable to parse form
   * content", as in Jetty, and the connection closes after the answer.
   */
  prepareForm(limits: ContentLimits): Promise<void> {
    if (this._formPrepared || !this.isFormRequest()) return RESOLVED;
    this._formPrepared = true;
    this._maxFormKeys = limits.maxFormKeys;
    const max = limits.maxFormContentSize;
    if (max >= 0 && this.getContentLength() > max) {
      this.formTooLarge(max);
      return RESOLVED;
    }
    return this.readBody(max >= 0 ? max : this.maxBodySize()).then(
      () => undefined,
      (err: unknown) => {
        if (!(err instanceof HttpException && err.status === 413)) throw err;
        this.formTooLarge(max);
      },
    );
  }

  private formTooLarge(max: number): void {
    this._formError = new IllegalStateException(`Form is larger than max length ${max}`);
    this.closeConnectionAfterResponse();
  }

  getParameter(name: string): string | null {
    return this.params().get(name)?.[0] ?? null;
  }
  getParameterValues(name: string): string[] | null {
    const v = this.params().get(name);
    return v ? [...v] : null;
  }
  getParameterNames(): string[] {
    return [...this.params().keys()];
  }
  getParameterMap(): Map<string, string[]> {
    return new Map([...this.params()].map(([k, v]) => [k, [...v]]));
  }

  // ---- cookies ---------------------------------------------------------------------------------

  getCookies(): Cookie[] {
    if (this._cookies) return [...this._cookies];
    const out: Cookie[] = [];
    for (const header of this.getHeaders('cookie')) {
      for (const pair of header.split(';')) {
        const trimmed = pair.trim();
        if (!trimmed || !trimmed.includes('=')) continue;
        const parsed = parseCookie(trimmed);
        for (const [name, value] of Object.entries(parsed)) {
          try {
            out.push(new Cookie(name, value ?? ''));
          } catch {
            /* an invalid cookie name is skipped, as Jetty's RFC6265 parser does */
          }
        }
      }
    }
    this._cookies = out;
    return [...out];
  }

  // ---- attributes ------------------------------------------------------------------------------

  getAttribute(name: string): unknown {
    return this._attributes?.get(name) ?? null;
  }
  getAttributeNames(): string[] {
    return this._attributes === null ? [] : [...this._attributes.keys()];
  }
  setAttribute(name: string, value: unknown): void {
    if (value === null || value === undefined) this._attributes?.delete(name);
    else (this._attributes ??= new Map()).set(name, value);
  }
  removeAttribute(name: string): void {
    this._attributes?.delete(name);
  }

  // ---- body ------------------------------------------------------------------------------------

  getInputStream(): Readable {
    if (this._body) return Readable.from([this._body]);
    if (this._streamTaken || this._bodyPromise) throw new IllegalStateException('Cannot get the input stream: the body is already being read');
    this._streamTaken = true;
    return this.httpInput();
  }

  /** The body reader: the first read sends `100 Continue` when the client waits for it. */
  private httpInput(): HttpInput {
    if (this._input !== null) return this._input;
    const input = new HttpInput(this._raw, this._expectContinue ? () => this.sendContinue() : null);
    this._input = input;
    if (this._inputFailure !== null) input.fail(this._inputFailure);
    return input;
  }

  private sendContinue(): void {
    if (!this._expectContinue) return;
    this._expectContinue = false;
    const raw = this._response?.getRawResponse();
    if (raw !== undefined && !raw.headersSent && !raw.destroyed) raw.writeContinue();
  }

  private maxBodySize(): number {
    return this._maxBodySize ?? this.getContentLimits().maxRequestContentSize;
  }

  buffer(): Promise<Buffer> {
    return this.readBody(this.maxBodySize());
  }
  async text(): Promise<string> {
    const enc = (this.getCharacterEncoding() ?? 'utf-8').toLowerCase();
    const buf = await this.buffer();
    return buf.toString(enc === 'iso-8859-1' || enc === 'latin1' ? 'latin1' : 'utf8');
  }
  async json(): Promise<unknown> {
    const text = await this.text();
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new HttpException(400, `Cannot parse request body as JSON: ${(err as Error).message}`, { cause: err });
    }
  }

  private readBody(limit: number): Promise<Buffer> {
    if (this._body) return Promise.resolve(this._body);
    if (this._bodyPromise) return this._bodyPromise;
    if (this._streamTaken) return Promise.reject(new IllegalStateException('Cannot read the body: the input stream was taken'));
    this._bodyPromise = readBounded(this.httpInput(), limit < 0 ? Number.POSITIVE_INFINITY : limit).then(
      (body) => {
        this._body = body;
        return body;
      },
      (err: unknown) => {
        // the rest of the body is not drained: the connection ends after the answer
        this.closeConnectionAfterResponse();
        throw err;
      },
    );
    return this._bodyPromise;
  }

  // ---- misc ------------------------------------------------------------------------------------

  getServletContext(): ServletContext | null {
    return this._context?.getServletContext() ?? null;
  }
  getDispatcherType(): DispatcherType {
    return this._dispatcherType;
  }
  getRemoteUser(): string | null {
    return this.getUserPrincipal()?.getName() ?? null;
  }
  isUserInRole(role: string): boolean {
    const a = this.resolveDeferred();
    return a?.kind === 'user' ? a.isUserInRole(role) : false;
  }
  getAuthType(): string | null {
    const a = this.resolveDeferred();
    return a?.kind === 'user' ? a.getAuthMethod() : null;
  }
  getUserPrincipal(): Principal | null {
    const a = this.resolveDeferred();
    return a?.kind === 'user' ? a.getUserIdentity().getUserPrincipal() : null;
  }

  /** A deferred authentication is settled (without sending anything) the first time the app asks who the user is. */
  private resolveDeferred(): Authentication | null {
    if (this._authentication?.kind === 'deferred') this._authentication = this._authentication.authenticate(this);
    return this._authentication;
  }

  /**
   * HttpServletRequest.authenticate: true when the request has a user; otherwise the authenticator of the
   * context challenges through `response` (401, or the login page) and this answers false. Without
   * security in scope: 401.
   */
  async authenticate(response: HttpServletResponse): Promise<boolean> {
    const a = this._authentication;
    if (a?.kind === 'user') return true;
    if (a?.kind === 'deferred') {
      this._authentication = await a.authenticateWith(this, response);
      return this._authentication.kind === 'user';
    }
    if (!isResponseSent(a)) response.sendError(401);
    return false;
  }

  /** HttpServletRequest.login: checks the name and password with the context's login service. */
  login(username: string, password: string): void {
    const a = this._authentication;
    if (a?.kind !== 'deferred') {
      throw new ServletException(
        a?.kind === 'user'
          ? `Authentication failed for username '${username}': already authenticated as '${a.getUserIdentity().getUserPrincipal().getName()}'`
          : `Authentication failed for username '${username}': no security handler in scope (add a <login-config>)`,
      );
    }
    const user = a.login(username, password, this);
    if (user === null) throw new ServletException(`Authentication failed for username '${username}'`);
    this._authentication = user;
  }

  /** HttpServletRequest.logout: forgets the user (and, for FORM, the login kept in the session). */
  logout(): void {
    const a = this.resolveDeferred();
    if (a?.kind === 'user') this._authentication = a.logout(this);
    else if (a !== null) this._authentication = UNAUTHENTICATED;
  }
  getLocale(): string {
    return this.getLocales()[0];
  }
  getLocales(): string[] {
    const header = this.getHeaders('accept-language').join(',');
    const tags = header
      .split(',')
      .map((part, i) => {
        const [tag, ...params] = part.split(';').map((x) => x.trim());
        const q = params.find((p) => p.startsWith('q='));
        return { tag, q: q ? Number(q.slice(2)) : 1, i };
      })
      .filter((t) => t.tag && t.tag !== '*' && t.q > 0 && !Number.isNaN(t.q));
    tags.sort((a, b) => b.q - a.q || a.i - b.i);
    return tags.length > 0 ? tags.map((t) => t.tag) : ['en'];
  }
  getPathTranslated(): string | null {
    const info = this._pathInfo;
    if (info === null) return null;
    return this.getServletContext()?.getRealPath(info) ?? null;
  }
  getContentLengthLong(): number {
    return this.getContentLength();
  }

  toString(): string {
    return `Request(${this.getMethod()} ${this._rawPath})`;
  }
}

const RESOLVED: Promise<void> = Promise.resolve();

async function runEachListener(listeners: readonly RequestCompletionListener[], request: Request): Promise<void> {
  let failure: unknown;
  let failed = false;
  for (const l of listeners) {
    try {
      await l.onRequestCompleted(request);
    } catch (err) {
      if (!failed) {
        failed = true;
        failure = err;
      }
    }
  }
  if (failed) throw failure;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
