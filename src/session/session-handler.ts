/**
 * The per-context session handler (org.eclipse.jetty.server.session.SessionHandler): its settings, life
 * cycle and request scope (the request enters the session it asked for and leaves it), new sessions, and
 * the id manager's callbacks. Its parts live beside it: SessionLookup (which session a request asks for),
 * RequestSessions (the sessions a request entered), session-cookie-config (the cookie), SessionIdRenewal,
 * SessionScavenger, SessionStatistics, SessionEventListeners and session-init-parameters.
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import { ScopedHandler } from '../server/handler/scoped-handler';
import type { RequestCompletionListener, SessionManagerBridge, SessionCookie, SessionRequest } from '../server/session-manager-bridge';
import type { HttpSession } from '../servlet-api/http-session';
import type { ServletContext } from '../servlet-api/servlet-context';
import type { Request } from '../server/request';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import { DefaultSessionCache } from './default-session-cache';
import { DefaultSessionIdManager } from './default-session-id-manager';
import { IllegalStateError } from './errors';
import { NullSessionDataStore } from './null-session-data-store';
import { Session, SESSION_CREATED_SECURE_ATTRIBUTE, type SessionOwner } from './session';
import { isSessionCacheFactory, type SessionCache } from './session-cache';
import { SessionContext, type SessionContextHost } from './session-context';
import {
  buildSessionCookie,
  commentWithSameSite,
  parseSameSite,
  sameSiteFromComment,
  SessionCookieConfig,
  type SameSite,
  type SessionCookieSettings,
} from './session-cookie-config';
import { isSessionDataStoreFactory } from './session-data-store';
import { RequestSessions, type RequestedSession } from './request-sessions';
import { DONE } from './done';
import { isValidSessionId } from './session-id';
import type { IdManagedSessionHandler, SessionIdManager } from './session-id-manager';
import { SessionEventListeners } from './session-event-listeners';
import { applySessionInitParameters } from './session-init-parameters';
import { SessionIdRenewal } from './session-id-renewal';
import { SessionLookup } from './session-lookup';
import { SessionScavenger } from './session-scavenger';
import { SessionStatistics } from './session-statistics';
import { findContextHost } from './find-context-host';

// Jetty keeps these names on SessionHandler; they are defined beside the code that reads them
/** Context init-parameters read at start (Jetty 9.4 names). */
export {
  SESSION_COOKIE_PROPERTY,
  SESSION_ID_PATH_PARAMETER_NAME_PROPERTY,
  CHECKING_REMOTE_SESSION_ID_ENCODING_PROPERTY,
  SESSION_DOMAIN_PROPERTY,
  SESSION_PATH_PROPERTY,
  MAX_AGE_PROPERTY,
} from './session-init-parameters';
import { SESSION_LOG } from './session-log';
export { SAME_SITE_DEFAULT_ATTRIBUTE } from './session-cookie-config';
export { SCAVENGE_BATCH } from './session-scavenger';
export { SESSION_CREATED_SECURE_ATTRIBUTE } from './session';
export const DEFAULT_SESSION_COOKIE = 'JSESSIONID';
export const DEFAULT_SESSION_ID_PATH_PARAMETER_NAME = 'jsessionid';

/**
 * Jetty's SessionHandler (`org.eclipse.jetty.server.session.SessionHandler`, reached in context XML with
 * `<Call name="getSessionHandler">`). Properties: `maxInactiveInterval` (s, -1), `sessionCookie`
 * (JSESSIONID), `sessionPath`, `sessionDomain`, `maxCookieAge` (-1), `httpOnly`, `secureCookies`,
 * `secureRequestOnly` (true), `sessionComment`, `sameSite`, `usingCookies`, `usingURLs`,
 * `sessionTrackingModes`, `refreshCookieAge`, `checkingRemoteSessionIdEncoding`,
 * `sessionIdPathParameterName` (jsessionid), `nodeIdInSessionId` (no effect, as in 9.4), `sessionCache`,
 * `sessionIdManager`. At start it takes the SessionCacheFactory and SessionDataStoreFactory beans of the
 * Server (modules session-cache-*, session-store-*), else DefaultSessionCache over NullSessionDataStore.
 */
@JettyClass('org.eclipse.jetty.server.session.SessionHandler', {
  aliases: ['org.eclipse.jetty.servlet.SessionHandler'],
  implements: ['org.eclipse.jetty.server.SessionManager'],
  ctors: [[], [{ name: 'manager', type: 'org.eclipse.jetty.server.SessionManager' }]],
})
export class SessionHandler extends ScopedHandler implements SessionManagerBridge, SessionOwner, IdManagedSessionHandler, RequestCompletionListener {
  /**
   * `new SessionHandler()`, or the 9.3 form `new SessionHandler(manager)` (legacy integration, see
   * src/session/legacy): a manager such as HashSessionManager is itself a SessionHandler, so the
   * constructed handler IS that manager and every request scope and bridge call goes to it.
   */
  constructor(manager?: SessionHandler | null) {
    super();
    if (manager instanceof SessionHandler) return manager;
  }

  /**
   * Jetty 9.3's `<Get name="sessionHandler"><Set name="sessionManager">`: the manager (a SessionHandler
   * itself, e.g. HashSessionManager) takes this handler's place in its context, with its listeners.
   */
  @Expose('org.eclipse.jetty.server.SessionManager')
  setSessionManager(manager: SessionHandler): void {
    if (manager === this) return;
    // only a servlet context (jetty-servlet, a layer above this one) has a session handler to replace
    const ctx = this._contextHost as { setSessionHandler?(h: SessionHandler): void } | null;
    if (!ctx?.setSessionHandler) throw new IllegalStateError('Cannot set the sessionManager: this SessionHandler is not in a servlet context');
    for (const l of this.getEventListeners()) manager.addEventListener(l);
    ctx.setSessionHandler(manager);
  }
  /** Jetty 9.3's `getSessionManager()`: a 9.4 handler is its own manager. */
  @Expose() getSessionManager(): SessionHandler {
    return this;
  }

  private _maxInactiveInterval = -1;
  private readonly _cookie: SessionCookieSettings = {
    name: DEFAULT_SESSION_COOKIE,
    path: null,
    domain: null,
    maxAge: -1,
    comment: null,
    httpOnly: false,
    secure: false,
  };
  private _secureRequestOnly = true;
  private _usingCookies = true;
  private _usingURLs = true;
  private _refreshCookieAge = 0;
  private _checkingRemoteSessionIdEncoding = false;
  private _sessionIdPathParameterName: string | null = DEFAULT_SESSION_ID_PATH_PARAMETER_NAME;
  private _nodeIdInSessionId = false;
  private _sessionCache: SessionCache | null = null;
  private _sessionIdManager: SessionIdManager | null = null;
  private _ownIdManager = false;
  private _contextHost: SessionContextHost | null = null;
  private _sessionContext: SessionContext | null = null;
  private readonly _sessionListeners = new SessionEventListeners();
  private readonly _lookup = new SessionLookup(this);
  private readonly _scavenger = new SessionScavenger();
  private readonly _statistics = new SessionStatistics();
  /** Where this handler keeps its state on a request object (a property, not a WeakMap entry per request). */
  private readonly _stateKey: symbol = Symbol('SessionHandler.requestState');
  private readonly _background = new Set<Promise<void>>();
  private readonly _idRenewal = new SessionIdRenewal(this, (work) => this.background(work));
  private readonly _cookieConfig = new SessionCookieConfig(this._cookie, () => this.isStarted());

  // ---------------------------------------------------------------- configuration

  @Expose() getMaxInactiveInterval(): number {
    return this._maxInactiveInterval;
  }
  @Expose('int') setMaxInactiveInterval(seconds: number): void {
    this._maxInactiveInterval = seconds;
  }

  /** The session cookie name (JSESSIONID), as Jetty 9.4's `sessionCookie` property. */
  getSessionCookieName(): string {
    return this._cookie.name;
  }
  /** Jetty 9.4's `setSessionCookie(String)`: the cookie name; blank means JSESSIONID. */
  @Expose('String') setSessionCookie(name: string | null): void {
    this.setSessionCookieName(name);
  }
  setSessionCookieName(name: string | null): void {
    this._cookie.name = name || DEFAULT_SESSION_COOKIE;
  }
  @Expose() getSessionPath(): string | null {
    return this._cookie.path;
  }
  @Expose('String') setSessionPath(path: string | null): void {
    this._cookie.path = path;
  }
  @Expose() getSessionDomain(): string | null {
    return this._cookie.domain;
  }
  @Expose('String') setSessionDomain(domain: string | null): void {
    this._cookie.domain = domain;
  }
  @Expose() getMaxCookieAge(): number {
    return this._cookie.maxAge;
  }
  @Expose('int') setMaxCookieAge(seconds: number): void {
    this._cookie.maxAge = seconds;
  }
  @Expose() getHttpOnly(): boolean {
    return this._cookie.httpOnly;
  }
  @Expose() isHttpOnly(): boolean {
    return this._cookie.httpOnly;
  }
  @Expose('boolean') setHttpOnly(b: boolean): void {
    this._cookie.httpOnly = b;
  }
  @Expose() getSecureCookies(): boolean {
    return this._cookie.secure;
  }
  @Expose('boolean') setSecureCookies(b: boolean): void {
    this._cookie.secure = b;
  }
  @Expose() isSecureRequestOnly(): boolean {
    return this._secureRequestOnly;
  }
  @Expose('boolean') setSecureRequestOnly(b: boolean): void {
    this._secureRequestOnly = b;
  }
  @Expose() getSessionComment(): string | null {
    return this._cookie.comment;
  }
  @Expose('String') setSessionComment(c: string | null): void {
    this._cookie.comment = c;
  }
  /** SameSite of the session cookie (None/Lax/Strict), re-encoded into the comment as Jetty 9.4 does. */
  @Expose('Object') setSameSite(sameSite: unknown): void {
    this._cookie.comment = commentWithSameSite(this._cookie.comment, parseSameSite(sameSite));
  }
  @Expose() getSameSite(): SameSite | null {
    return sameSiteFromComment(this._cookie.comment);
  }
  /** The javax.servlet.SessionCookieConfig view of the cookie settings. */
  @Expose() getSessionCookieConfig(): SessionCookieConfig {
    return this._cookieConfig;
  }

  @Expose() isUsingCookies(): boolean {
    return this._usingCookies;
  }
  @Expose('boolean') setUsingCookies(b: boolean): void {
    this._usingCookies = b;
  }
  @Expose() isUsingURLs(): boolean {
    return this._usingURLs;
  }
  @Expose('boolean') setUsingURLs(b: boolean): void {
    this._usingURLs = b;
  }
  /** COOKIE and/or URL (SSL is accepted alone only, and then tracks nothing, as in Jetty). */
  @Expose('Set') setSessionTrackingModes(modes: Iterable<unknown>): void {
    const set = new Set([...modes].map((m) => String(m).toUpperCase()));
    if (set.has('SSL') && set.size > 1)
      throw new RangeError(`Cannot set session tracking modes '${[...set].join(',')}': SSL cannot be combined with other modes`);
    this._usingCookies = set.has('COOKIE');
    this._usingURLs = set.has('URL');
  }
  @Expose() getEffectiveSessionTrackingModes(): Set<string> {
    const s = new Set<string>();
    if (this._usingCookies) s.add('COOKIE');
    if (this._usingURLs) s.add('URL');
    return s;
  }
  @Expose() getDefaultSessionTrackingModes(): Set<string> {
    return new Set(['COOKIE', 'URL']);
  }
  @Expose() getRefreshCookieAge(): number {
    return this._refreshCookieAge;
  }
  @Expose('int') setRefreshCookieAge(seconds: number): void {
    this._refreshCookieAge = seconds;
  }
  @Expose() isCheckingRemoteSessionIdEncoding(): boolean {
    return this._checkingRemoteSessionIdEncoding;
  }
  @Expose('boolean') setCheckingRemoteSessionIdEncoding(b: boolean): void {
    this._checkingRemoteSessionIdEncoding = b;
  }
  @Expose() getSessionIdPathParameterName(): string {
    return this._sessionIdPathParameterName ?? '';
  }
  /** null or "none" turns URL rewriting and URL id parsing off. */
  @Expose('String') setSessionIdPathParameterName(name: string | null): void {
    this._sessionIdPathParameterName = name === null || name === undefined || name === 'none' ? null : name;
  }
  /** The `;name=` prefix searched in URLs, or null when off. */
  getSessionIdPathParameterNamePrefix(): string | null {
    return this._sessionIdPathParameterName ? `;${this._sessionIdPathParameterName}=` : null;
  }
  @Expose() isNodeIdInSessionId(): boolean {
    return this._nodeIdInSessionId;
  }
  /** Kept for XML compatibility; has no effect, exactly as in Jetty 9.4. */
  @Expose('boolean') setNodeIdInSessionId(b: boolean): void {
    this._nodeIdInSessionId = b;
  }

  @Expose() getSessionCache(): SessionCache | null {
    return this._sessionCache;
  }
  @Expose('org.eclipse.jetty.server.session.SessionCache')
  setSessionCache(cache: SessionCache): void {
    if (this.isStarted() || this.isStarting()) throw new IllegalStateError('Cannot set the SessionCache: the SessionHandler is running');
    this.updateBean(this._sessionCache, cache, true);
    this._sessionCache = cache;
  }
  @Expose() getSessionIdManager(): SessionIdManager | null {
    return this._sessionIdManager;
  }
  @Expose('org.eclipse.jetty.server.SessionIdManager')
  setSessionIdManager(idManager: SessionIdManager): void {
    if (this.isStarted() || this.isStarting()) throw new IllegalStateError('Cannot set the SessionIdManager: the SessionHandler is running');
    this._sessionIdManager = idManager;
    this._ownIdManager = false;
  }
  getSessionContext(): SessionContext | null {
    return this._sessionContext;
  }

  /**
   * The context this handler serves (a ContextHandler). The servlet context handler calls this; when it
   * does not, the handler looks for the context that holds it in the Server's handler tree at start.
   */
  setContextHandler(context: SessionContextHost | null): void {
    this._contextHost = context;
  }
  getContextHandler(): SessionContextHost | null {
    return this._contextHost;
  }

  /** Adds an HttpSessionListener, HttpSessionAttributeListener or HttpSessionIdListener. */
  @Expose('java.util.EventListener') override addEventListener(listener: unknown): void {
    super.addEventListener(listener);
    this._sessionListeners.add(listener);
  }
  @Expose('java.util.EventListener') override removeEventListener(listener: unknown): void {
    super.removeEventListener(listener);
    this._sessionListeners.remove(listener);
  }
  @Expose() clearEventListeners(): void {
    this._sessionListeners.clear();
  }
  getEventListeners(): readonly unknown[] {
    return this._sessionListeners.list();
  }

  @Expose() getSessionsCreated(): number {
    return this._statistics.getSessionsCreated();
  }
  /** Lifetime statistics of invalidated sessions, in seconds (Jetty's JMX attributes). */
  @Expose() getSessionTimeMax(): number {
    return this._statistics.getSessionTimeMax();
  }
  @Expose() getSessionTimeTotal(): number {
    return this._statistics.getSessionTimeTotal();
  }
  @Expose() getSessionTimeMean(): number {
    return this._statistics.getSessionTimeMean();
  }
  @Expose() getSessionTimeStdDev(): number {
    return this._statistics.getSessionTimeStdDev();
  }
  /** Pier: the counters and lifetime buckets behind the statistics above (the metrics module reads them). */
  getSessionStatistics(): SessionStatistics {
    return this._statistics;
  }
  @Expose() statsReset(): void {
    this._statistics.reset();
  }

  getServletContext(): ServletContext {
    const host = this._contextHost;
    if (!host) throw new IllegalStateError('Cannot get the ServletContext: the SessionHandler is in no context');
    return host.getServletContext();
  }

  getEvictionPolicy(): number {
    return this._sessionCache?.getEvictionPolicy() ?? -1;
  }

  // ---------------------------------------------------------------- life cycle

  protected override async doStart(): Promise<void> {
    const server = this.getServer();
    if (!this._sessionIdManager) {
      const fromServer = server?.getSessionIdManager() as SessionIdManager | null | undefined;
      if (fromServer) {
        this._sessionIdManager = fromServer;
      } else {
        const idm = new DefaultSessionIdManager(server);
        this._sessionIdManager = idm;
        this._ownIdManager = true;
        server?.setSessionIdManager(idm);
      }
    }
    if (!this._sessionIdManager.isRunning()) await this._sessionIdManager.start();
    const beans = server?.getBeans() ?? [];
    if (!this._sessionCache) {
      const factory = beans.find(isSessionCacheFactory);
      const made = factory ? factory.getSessionCache(this) : new DefaultSessionCache(this);
      this.updateBean(null, made, true);
      this._sessionCache = made;
    }
    const cache = this._sessionCache as SessionCache;
    if (!cache.getSessionDataStore()) {
      const factory = beans.find(isSessionDataStoreFactory);
      cache.setSessionDataStore(factory ? factory.getSessionDataStore(this) : new NullSessionDataStore());
    }
    const context = this._contextHost ?? findContextHost(server, this);
    this._contextHost = context;
    applySessionInitParameters(this, this._cookie, context);
    this._sessionContext = new SessionContext(this._sessionIdManager.getWorkerName(), context, this);
    await cache.initialize(this._sessionContext);
    this._sessionIdManager.addSessionHandler(this);
    try {
      await super.doStart();
    } catch (err) {
      this._sessionIdManager.removeSessionHandler(this);
      throw err;
    }
  }

  protected override async doStop(): Promise<void> {
    try {
      await Promise.allSettled([...this._background]);
      if (this._sessionCache) await this._sessionCache.shutdown();
      await Promise.allSettled([...this._background]);
      await super.doStop();
    } finally {
      this._sessionIdManager?.removeSessionHandler(this);
      this._scavenger.clear();
      if (this._ownIdManager) {
        this._sessionIdManager = null;
        this._ownIdManager = false;
      }
    }
  }

  /** @internal The running cache and id manager (SessionLookup's too); throws before start. */
  requireStarted(): { cache: SessionCache; idm: SessionIdManager } {
    const cache = this._sessionCache;
    const idm = this._sessionIdManager;
    if (!cache || !idm) throw new IllegalStateError('Cannot use sessions: the SessionHandler is not started');
    // asked on every request that carries a session id: the record is made again only when one of them changed
    const running = this._running;
    if (running !== null && running.cache === cache && running.idm === idm) return running;
    return (this._running = { cache, idm });
  }

  /** The record requireStarted() returned last (null before the first call). */
  private _running: { readonly cache: SessionCache; readonly idm: SessionIdManager } | null = null;

  /** Runs background work that stop() waits for. */
  private background(p: Promise<unknown>): Promise<void> {
    const t = p.then(
      () => undefined,
      (err) => {
        SESSION_LOG.warn(`Session work failed: ${(err as Error).message}`, err);
      },
    );
    this._background.add(t);
    void t.then(() => this._background.delete(t));
    return t;
  }

  // ---------------------------------------------------------------- request scope

  /** The sessions `request` entered in this context, made on first use (a request without a session makes none). */
  private sessionsOf(request: object): RequestSessions {
    const holder = request as Record<symbol, RequestSessions | undefined>;
    let sessions = holder[this._stateKey];
    if (sessions === undefined) {
      sessions = new RequestSessions();
      holder[this._stateKey] = sessions;
    }
    return sessions;
  }

  /**
   * Counts `session` (already got for the request, its request count raised) as entered by `request`
   * in this context: completeRequest releases it (Jetty 10's Request.enterSession).
   */
  enterSession(request: object, session: Session): void {
    this.sessionsOf(request).add(session);
  }

  /** Passes the request on inside the session scope. */
  doHandle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    return this.nextHandle(target, baseRequest, request, response);
  }

  /**
   * 3.4 doScope: resolve the requested session, count the request into it and send a cookie when needed,
   * run the rest of the chain, then release every session the request entered (the last release writes,
   * and that write completes before this promise settles). A session in memory is found without a
   * promise, and the chain's promise is continued rather than awaited in async frames.
   *
   * Hot-path rules (a request for a resident session), which test/session/hot-path-promises.test.ts
   * checks by counting the promises made in src/session/ (it allows none):
   * - checkRequestedSessionId (cookie scan, cache.getResident, acceptSession), access and enterSession
   *   stay synchronous: a session in memory is found, counted and entered without a promise;
   * - the request's own scope (no session handler before this one) is left through the request's
   *   completion listener (onRequestCompleted, run by the server when the chain has settled), not by a
   *   reaction to the chain's promise: doScope returns the chain's promise itself;
   * - the release returns DONE when nothing is to be written (another request still in the session, a
   *   write the save period skips, a NullSessionDataStore): the server then goes on without a promise.
   * A cross-context dispatch (another session handler's scope outside this one) still leaves through a
   * reaction, since the outer context's session must come back when the inner scope ends.
   */
  override doScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const req: SessionRequest = baseRequest;
    const previous = req.getSessionHandler();
    if (previous === this || !this.isStarted()) return this.nextScope(target, baseRequest, request, response);
    const previousSession = req.getCurrentSession();
    // the request's own scope: its sessions are released when the request completes (Jetty's onCompleted)
    if (previous === null) req.addCompletionListener(this);
    let inScope: Promise<void>;
    try {
      req.setSessionHandler(this);
      const found = this._lookup.checkRequestedSessionId(req, baseRequest);
      inScope =
        found instanceof Promise
          ? found.then((f) => this.enterScope(f, target, baseRequest, request, response))
          : this.enterScope(found, target, baseRequest, request, response);
    } catch (err) {
      inScope = Promise.reject(err);
    }
    if (previous === null) return inScope;
    // a release that finished at once (DONE) adds no promise to wait for
    const leave = (): Promise<void> | undefined => {
      const left = this.leaveScope(baseRequest, previous, previousSession);
      return left === DONE ? undefined : left;
    };
    return inScope.then(leave, (err: unknown) => {
      const left = leave();
      if (left === undefined) throw err;
      return left.then(() => {
        throw err;
      });
    });
  }

  /** The request is in the session scope: requested id, session and cookie recorded, then the next scope. */
  private enterScope(
    found: RequestedSession,
    target: string,
    baseRequest: Request,
    request: HttpServletRequest,
    response: HttpServletResponse,
  ): Promise<void> {
    const req: SessionRequest = baseRequest;
    if (found.duplicate) {
      // Jetty throws a BadMessageException here: its answer ends the connection
      req.closeConnectionAfterResponse();
      req.getResponse().sendError(400, 'Duplicate valid session cookies');
      req.setHandled(true);
      return DONE;
    }
    if (!found.inherited) {
      req.setRequestedSessionId(found.requestedId);
      req.setRequestedSessionIdFromCookie(found.requestedId !== null && found.fromCookie);
    }
    req.setSession(found.session);
    if (found.session) {
      const cookie = this.access(found.session, req.isSecure(), found.time);
      if (cookie) {
        const dispatch = req.getDispatcherType();
        if (dispatch === 'REQUEST' || dispatch === 'ASYNC') req.getResponse().replaceCookie(cookie);
      }
    } else if (found.requestedId) {
      const idm = this.requireStarted().idm;
      const plain = idm.getId(found.requestedId);
      if (idm instanceof DefaultSessionIdManager && isValidSessionId(plain)) {
        return idm.isIdInUse(plain).then((inUse) => {
          if (inUse) idm.noteRequestedIdInUse(baseRequest, plain);
          return this.nextScopeWithSessions(target, baseRequest, request, response);
        });
      }
    }
    return this.nextScopeWithSessions(target, baseRequest, request, response);
  }

  private nextScopeWithSessions(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (this._sessionCache?.isFlushOnResponseCommit()) {
      (baseRequest as SessionRequest).getResponse().addBeforeCommitListener(() => this.commitSessions(baseRequest));
    }
    return this.nextScope(target, baseRequest, request, response);
  }

  /** Leaving the scope: every session entered is released; a cross-context dispatch gets the outer context's back. */
  private leaveScope(baseRequest: SessionRequest, previous: SessionManagerBridge | null, previousSession: HttpSession | null): Promise<void> {
    const completing = this.completeRequest(baseRequest);
    if (previous === null) return completing;
    return completing.then(() => {
      baseRequest.setSessionHandler(previous);
      baseRequest.setSession(previousSession);
    });
  }

  /** The request's handler chain has settled: the sessions it entered here are released (Jetty's SessionHandler.complete). */
  onRequestCompleted(request: SessionRequest): Promise<void> {
    return this.completeRequest(request);
  }

  /** Writes the dirty sessions of a request before its response commits (flushOnResponseCommit). */
  private commitSessions(request: object): Promise<void> {
    const cache = this._sessionCache;
    const sessions = (request as Record<symbol, RequestSessions | undefined>)[this._stateKey];
    return !cache || sessions === undefined ? DONE : sessions.commit(cache);
  }

  /**
   * Releases every session the request entered in this context (the last release writes). Every
   * session is released even when one fails; then the first failure is thrown, so that the client
   * gets an error response instead of a success whose session change was not stored (Jetty 9.4 only
   * logs it). A response already committed can no longer change: the server then logs the error.
   */
  completeRequest(request: object): Promise<void> {
    const holder = request as Record<symbol, RequestSessions | undefined>;
    const sessions = holder[this._stateKey];
    if (sessions === undefined) return DONE;
    holder[this._stateKey] = undefined;
    const cache = this._sessionCache;
    return cache ? sessions.release(cache) : DONE;
  }

  /**
   * The valid session for an extended id, with one more request counted on it; null for an unknown,
   * malformed, expired (invalidated now) or unreadable (invalidated everywhere) id.
   */
  getHttpSession(extendedId: string): Promise<Session | null> {
    return this._lookup.getHttpSession(extendedId);
  }

  /** 3.4 access: the request enters the session at `now`; a cookie comes back when it must be (re)sent. */
  access(session: Session, secure: boolean, now = Date.now()): SessionCookie | null {
    if (!session.access(now)) return null;
    const data = session.getSessionData();
    if (
      this._usingCookies &&
      (session.isIdChanged() ||
        (this._cookie.maxAge > 0 && this._refreshCookieAge > 0 && (now - data.getCookieSet()) / 1000 > this._refreshCookieAge))
    ) {
      const cookie = this.getSessionCookie(session, this._contextHost?.getContextPath() ?? '', secure);
      data.setCookieSet(data.getAccessed());
      session.setIdChanged(false);
      return cookie;
    }
    return null;
  }

  // ---------------------------------------------------------------- SessionManagerBridge

  newHttpSession(request: SessionRequest): HttpSession {
    const { cache, idm } = this.requireStarted();
    const created = Date.now();
    const id = idm.newSessionId(request, created);
    const maxMs = this._maxInactiveInterval > 0 ? this._maxInactiveInterval * 1000 : -1;
    const session = cache.newSession(id, created, maxMs);
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Creating new session id={}', id);
    session.setExtendedId(idm.getExtendedId(id, request));
    cache.add(id, session);
    this._statistics.sessionCreated();
    this.enterSession(request, session);
    request.setSession(session);
    if (request.isSecure()) session.setAttribute(SESSION_CREATED_SECURE_ATTRIBUTE, true);
    this.callSessionCreatedListeners(session);
    return session;
  }

  isValid(session: HttpSession): boolean {
    return session instanceof Session && session.isValid();
  }

  getExtendedId(session: HttpSession): string {
    return session instanceof Session ? session.getExtendedId() : session.getId();
  }

  /**
   * As Jetty: `getSessionCookie()` is the cookie name (XML `<Get name="sessionCookie">`), and
   * `getSessionCookie(session, contextPath, secure)` builds the Set-Cookie for a session (null when cookies are off).
   */
  getSessionCookie(): string;
  getSessionCookie(session: HttpSession, contextPath: string, secure: boolean): SessionCookie | null;
  @Expose()
  getSessionCookie(...args: unknown[]): string | SessionCookie | null {
    if (args.length === 0) return this._cookie.name;
    if (!this._usingCookies) return null;
    const secureRequest = this._secureRequestOnly && args[2] === true;
    return buildSessionCookie(this._cookie, this.getExtendedId(args[0] as HttpSession), String(args[1] ?? ''), secureRequest, this._contextHost);
  }

  /**
   * Two forms, as Jetty: `renewSessionId(request, session)` (the request's changeSessionId; returns the new
   * id at once) and `renewSessionId(oldId, oldExtendedId, newId, newExtendedId)` (the id manager's call).
   */
  renewSessionId(request: SessionRequest, session: HttpSession): string;
  renewSessionId(oldId: string, oldExtendedId: string, newId: string, newExtendedId: string): Promise<void>;
  renewSessionId(a: unknown, b: unknown, c?: unknown, d?: unknown): string | Promise<void> {
    if (typeof a === 'string') return this.renameSession(a, String(b), String(c), String(d));
    if (!(b instanceof Session)) throw new IllegalStateError('Cannot change the session id: not a session of this handler');
    return this._idRenewal.renew(a as SessionRequest, b);
  }

  /** The id manager's rename: in memory at once for the session being renewed, else through the cache (see SessionIdRenewal). */
  renameSession(oldId: string, oldExtendedId: string, newId: string, newExtendedId: string): Promise<void> {
    return this._idRenewal.rename(oldId, oldExtendedId, newId, newExtendedId);
  }

  // ---------------------------------------------------------------- id manager callbacks

  async isIdInUse(id: string): Promise<boolean> {
    return this._sessionCache ? this._sessionCache.exists(id) : false;
  }

  /** True if a valid Session with this id is in this context's cache (an invalidated one no longer counts). */
  isIdInMemory(id: string): boolean {
    const cache = this._sessionCache as (SessionCache & { peek?(id: string): Session | null }) | null;
    if (!cache) return false;
    if (typeof cache.peek === 'function') return cache.peek(id)?.isValid() ?? false;
    return cache.contains(id);
  }

  /** Removes `id` from this context's cache and store; listeners run if a Session object was there. */
  async invalidate(id: string): Promise<void> {
    if (!this._sessionCache || this.isStopped() || this.isFailed()) return;
    const session = await this._sessionCache.delete(id);
    if (session && session.getState() !== 'INVALID') {
      if (session.beginInvalidate()) {
        // The scavenger's expiry and another context's invalidate both come here; the expiry time tells them apart.
        const now = Date.now();
        const end = session.isExpiredAt(now) ? 'expired' : 'invalidated';
        try {
          this.callSessionDestroyedListeners(session);
        } finally {
          session.finishInvalidate();
          this._statistics.recordSessionTime(session, now, end);
        }
      }
    }
  }

  /** HttpSession.invalidate(): listeners now, then every context drops the id (in the background). */
  invalidateSession(session: Session): void {
    if (!session.beginInvalidate()) return;
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('invalidate {}', session.getId());
    try {
      this.callSessionDestroyedListeners(session);
    } finally {
      session.finishInvalidate();
      this._statistics.recordSessionTime(session);
    }
    const idm = this._sessionIdManager;
    if (idm) {
      const p = this.background(idm.invalidateAll(session.getId()));
      session.track(p);
    }
  }

  sessionInactivityTimerExpired(session: Session, now: number): void {
    if (session.getRequests() > 0 || !session.isValid()) return;
    if (session.isExpiredAt(now)) {
      const idm = this._sessionIdManager;
      const hk = idm instanceof DefaultSessionIdManager ? idm.getSessionHouseKeeper() : null;
      if (hk && hk.getIntervalSec() > 0) this._scavenger.addCandidate(session.getId());
      return;
    }
    const cache = this._sessionCache;
    if (!cache) return;
    void this.background(
      cache.checkInactiveSession(session).then(() => {
        if (session.isResident() && session.isValid() && session.getRequests() === 0 && !session.isExpiredAt(Date.now())) {
          session.updateInactivityTimer();
        }
      }),
    );
  }

  /** Ids whose timers found them expired, waiting for the next scavenge. */
  getCandidateSessionIdsForExpiry(): ReadonlySet<string> {
    return this._scavenger.getCandidates();
  }

  /** One HouseKeeper pass for this context (see SessionScavenger), yielding to the event loop between batches. */
  async scavenge(): Promise<void> {
    if (this.isStopping() || this.isStopped() || !this._sessionCache || !this._sessionIdManager) return;
    await this._scavenger.scavenge(this._sessionCache, this._sessionIdManager);
  }

  // ---------------------------------------------------------------- listeners

  /** sessionCreated in registration order (Jetty 10; 9.4 used reverse order). */
  callSessionCreatedListeners(session: Session): void {
    this._sessionListeners.sessionCreated(session);
  }
  /** sessionDestroyed in reverse registration order; one listener throwing stops the rest (logged). */
  callSessionDestroyedListeners(session: Session): void {
    this._sessionListeners.sessionDestroyed(session);
  }
  callSessionIdListeners(session: Session, oldId: string): void {
    this._sessionListeners.sessionIdChanged(session, oldId);
  }
  doSessionAttributeListeners(session: Session, name: string, oldValue: unknown, newValue: unknown): void {
    this._sessionListeners.attributeChanged(session, name, oldValue, newValue);
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}[cookie=${this._cookie.name},maxInactive=${this._maxInactiveInterval}]`;
  }
}
