/**
 * The per-context session handler (org.eclipse.jetty.server.session.SessionHandler): finds the requested
 * session, counts the request in and out of it, makes new sessions and cookies, and runs the listeners.
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import { ScopedHandler } from '../server/handler/scoped-handler';
import { findPathParameter } from '../server/uri-path';
import type { SessionManagerBridge, SessionCookie } from '../server/session-manager-bridge';
import type { HttpSession } from '../servlet/http-session';
import type { ServletContext } from '../servlet/servlet-context';
import type { Request } from '../server/request';
import type { HttpServletRequest } from '../servlet/http-servlet-request';
import type { HttpServletResponse } from '../servlet/http-servlet-response';
import { AbstractSessionCache } from './abstract-session-cache';
import { DefaultSessionCache } from './default-session-cache';
import { DefaultSessionIdManager } from './default-session-id-manager';
import { IllegalStateError, UnreadableSessionDataError } from './errors';
import { NullSessionDataStore } from './null-session-data-store';
import { Session, type SessionOwner } from './session';
import { isSessionCacheFactory, type SessionCache } from './session-cache';
import { SessionContext, type SessionContextHost } from './session-context';
import {
  commentWithSameSite, cookieValues, formatSetCookie, parseSameSite, sameSiteFromComment,
  HTTP_ONLY_COMMENT, SessionCookieConfig, type SameSite, type SessionCookieSettings,
} from './session-cookie-config';
import { isSessionDataStoreFactory } from './session-data-store';
import { RequestSessions, type RequestedSession } from './request-sessions';
import { DONE } from './done';
import { isValidSessionId } from './session-id';
import type { IdManagedSessionHandler, SessionIdManager } from './session-id-manager';
import { SessionEventListeners } from './session-event-listeners';
import {
  findContextHost, setCookieHeader, type RequestView, type ResponseView, type ServerView,
} from './session-handler-views';

/** Context init-parameters read at start (Jetty 9.4 names). */
export const SESSION_COOKIE_PROPERTY = 'org.eclipse.jetty.servlet.SessionCookie';
export const SESSION_ID_PATH_PARAMETER_NAME_PROPERTY = 'org.eclipse.jetty.servlet.SessionIdPathParameterName';
export const CHECKING_REMOTE_SESSION_ID_ENCODING_PROPERTY = 'org.eclipse.jetty.servlet.CheckingRemoteSessionIdEncoding';
export const SESSION_DOMAIN_PROPERTY = 'org.eclipse.jetty.servlet.SessionDomain';
export const SESSION_PATH_PROPERTY = 'org.eclipse.jetty.servlet.SessionPath';
export const MAX_AGE_PROPERTY = 'org.eclipse.jetty.servlet.MaxAge';
export const SAME_SITE_DEFAULT_ATTRIBUTE = 'org.eclipse.jetty.cookie.sameSiteDefault';
export const SESSION_CREATED_SECURE_ATTRIBUTE = 'org.eclipse.jetty.security.sessionCreatedSecure';
export const DEFAULT_SESSION_COOKIE = 'JSESSIONID';
export const DEFAULT_SESSION_ID_PATH_PARAMETER_NAME = 'jsessionid';
/** Expired ids invalidated per batch before the scavenger yields to the event loop. */
export const SCAVENGE_BATCH = 50;

const realSetImmediate = setImmediate;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));


/** The request's session time, read from the clock at its first session lookup (a request without a session id reads none). */
function timeOf(found: RequestedSession): number {
  if (found.time === 0) found.time = Date.now();
  return found.time;
}

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
export class SessionHandler extends ScopedHandler implements SessionManagerBridge, SessionOwner, IdManagedSessionHandler {
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
    const ctx = this._contextHost as { setSessionHandler?(h: SessionHandler): void } | null;
    if (!ctx?.setSessionHandler) throw new IllegalStateError('Cannot set the sessionManager: this SessionHandler is not in a servlet context');
    for (const l of this.getEventListeners()) manager.addEventListener(l);
    ctx.setSessionHandler(manager);
  }
  /** Jetty 9.3's `getSessionManager()`: a 9.4 handler is its own manager. */
  @Expose() getSessionManager(): SessionHandler { return this; }

  private _maxInactiveInterval = -1;
  private readonly _cookie: SessionCookieSettings = {
    name: DEFAULT_SESSION_COOKIE, path: null, domain: null, maxAge: -1, comment: null, httpOnly: false, secure: false,
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
  private readonly _candidates = new Set<string>();
  /** Where this handler keeps its state on a request object (a property, not a WeakMap entry per request). */
  private readonly _stateKey: symbol = Symbol('SessionHandler.requestState');
  private readonly _background = new Set<Promise<void>>();
  private _renewing: Session | null = null;
  /** Ids whose unreadable data was already reported (bounded). */
  private readonly _reportedUnreadable = new Set<string>();
  private _sessionsCreated = 0;
  private _lifetimes = { count: 0, total: 0, squares: 0, max: 0 };
  private readonly _cookieConfig = new SessionCookieConfig(this._cookie, () => this.isStarted());

  // ---------------------------------------------------------------- configuration

  @Expose() getMaxInactiveInterval(): number { return this._maxInactiveInterval; }
  @Expose('int') setMaxInactiveInterval(seconds: number): void { this._maxInactiveInterval = seconds; }

  /** The session cookie name (JSESSIONID), as Jetty 9.4's `sessionCookie` property. */
  getSessionCookieName(): string { return this._cookie.name; }
  /** Jetty 9.4's `setSessionCookie(String)`: the cookie name; blank means JSESSIONID. */
  @Expose('String') setSessionCookie(name: string | null): void { this.setSessionCookieName(name); }
  setSessionCookieName(name: string | null): void { this._cookie.name = name || DEFAULT_SESSION_COOKIE; }
  @Expose() getSessionPath(): string | null { return this._cookie.path; }
  @Expose('String') setSessionPath(path: string | null): void { this._cookie.path = path; }
  @Expose() getSessionDomain(): string | null { return this._cookie.domain; }
  @Expose('String') setSessionDomain(domain: string | null): void { this._cookie.domain = domain; }
  @Expose() getMaxCookieAge(): number { return this._cookie.maxAge; }
  @Expose('int') setMaxCookieAge(seconds: number): void { this._cookie.maxAge = seconds; }
  @Expose() getHttpOnly(): boolean { return this._cookie.httpOnly; }
  @Expose() isHttpOnly(): boolean { return this._cookie.httpOnly; }
  @Expose('boolean') setHttpOnly(b: boolean): void { this._cookie.httpOnly = b; }
  @Expose() getSecureCookies(): boolean { return this._cookie.secure; }
  @Expose('boolean') setSecureCookies(b: boolean): void { this._cookie.secure = b; }
  @Expose() isSecureRequestOnly(): boolean { return this._secureRequestOnly; }
  @Expose('boolean') setSecureRequestOnly(b: boolean): void { this._secureRequestOnly = b; }
  @Expose() getSessionComment(): string | null { return this._cookie.comment; }
  @Expose('String') setSessionComment(c: string | null): void { this._cookie.comment = c; }
  /** SameSite of the session cookie (None/Lax/Strict), re-encoded into the comment as Jetty 9.4 does. */
  @Expose('Object') setSameSite(sameSite: unknown): void {
    this._cookie.comment = commentWithSameSite(this._cookie.comment, parseSameSite(sameSite));
  }
  @Expose() getSameSite(): SameSite | null { return sameSiteFromComment(this._cookie.comment); }
  /** The javax.servlet.SessionCookieConfig view of the cookie settings. */
  @Expose() getSessionCookieConfig(): SessionCookieConfig { return this._cookieConfig; }

  @Expose() isUsingCookies(): boolean { return this._usingCookies; }
  @Expose('boolean') setUsingCookies(b: boolean): void { this._usingCookies = b; }
  @Expose() isUsingURLs(): boolean { return this._usingURLs; }
  @Expose('boolean') setUsingURLs(b: boolean): void { this._usingURLs = b; }
  /** COOKIE and/or URL (SSL is accepted alone only, and then tracks nothing, as in Jetty). */
  @Expose('Set') setSessionTrackingModes(modes: Iterable<unknown>): void {
    const set = new Set([...modes].map((m) => String(m).toUpperCase()));
    if (set.has('SSL') && set.size > 1) throw new RangeError(`Cannot set session tracking modes '${[...set].join(',')}': SSL cannot be combined with other modes`);
    this._usingCookies = set.has('COOKIE');
    this._usingURLs = set.has('URL');
  }
  @Expose() getEffectiveSessionTrackingModes(): Set<string> {
    const s = new Set<string>();
    if (this._usingCookies) s.add('COOKIE');
    if (this._usingURLs) s.add('URL');
    return s;
  }
  @Expose() getDefaultSessionTrackingModes(): Set<string> { return new Set(['COOKIE', 'URL']); }
  @Expose() getRefreshCookieAge(): number { return this._refreshCookieAge; }
  @Expose('int') setRefreshCookieAge(seconds: number): void { this._refreshCookieAge = seconds; }
  @Expose() isCheckingRemoteSessionIdEncoding(): boolean { return this._checkingRemoteSessionIdEncoding; }
  @Expose('boolean') setCheckingRemoteSessionIdEncoding(b: boolean): void { this._checkingRemoteSessionIdEncoding = b; }
  @Expose() getSessionIdPathParameterName(): string { return this._sessionIdPathParameterName ?? ''; }
  /** null or "none" turns URL rewriting and URL id parsing off. */
  @Expose('String') setSessionIdPathParameterName(name: string | null): void {
    this._sessionIdPathParameterName = name === null || name === undefined || name === 'none' ? null : name;
  }
  /** The `;name=` prefix searched in URLs, or null when off. */
  getSessionIdPathParameterNamePrefix(): string | null {
    return this._sessionIdPathParameterName ? `;${this._sessionIdPathParameterName}=` : null;
  }
  @Expose() isNodeIdInSessionId(): boolean { return this._nodeIdInSessionId; }
  /** Kept for XML compatibility; has no effect, exactly as in Jetty 9.4. */
  @Expose('boolean') setNodeIdInSessionId(b: boolean): void { this._nodeIdInSessionId = b; }

  @Expose() getSessionCache(): SessionCache | null { return this._sessionCache; }
  @Expose('org.eclipse.jetty.server.session.SessionCache')
  setSessionCache(cache: SessionCache): void {
    if (this.isStarted() || this.isStarting()) throw new IllegalStateError('Cannot set the SessionCache: the SessionHandler is running');
    this.updateBean(this._sessionCache, cache, true);
    this._sessionCache = cache;
  }
  @Expose() getSessionIdManager(): SessionIdManager | null { return this._sessionIdManager; }
  @Expose('org.eclipse.jetty.server.SessionIdManager')
  setSessionIdManager(idManager: SessionIdManager): void {
    if (this.isStarted() || this.isStarting()) throw new IllegalStateError('Cannot set the SessionIdManager: the SessionHandler is running');
    this._sessionIdManager = idManager;
    this._ownIdManager = false;
  }
  getSessionContext(): SessionContext | null { return this._sessionContext; }

  /**
   * The context this handler serves (a ContextHandler). The servlet context handler calls this; when it
   * does not, the handler looks for the context that holds it in the Server's handler tree at start.
   */
  setContextHandler(context: SessionContextHost | null): void { this._contextHost = context; }
  getContextHandler(): SessionContextHost | null { return this._contextHost; }

  /** Adds an HttpSessionListener, HttpSessionAttributeListener or HttpSessionIdListener. */
  @Expose('java.util.EventListener') addEventListener(listener: unknown): void { this._sessionListeners.add(listener); }
  @Expose('java.util.EventListener') removeEventListener(listener: unknown): void { this._sessionListeners.remove(listener); }
  @Expose() clearEventListeners(): void { this._sessionListeners.clear(); }
  getEventListeners(): readonly unknown[] { return this._sessionListeners.list(); }

  @Expose() getSessionsCreated(): number { return this._sessionsCreated; }
  /** Lifetime statistics of invalidated sessions, in seconds (Jetty's JMX attributes). */
  @Expose() getSessionTimeMax(): number { return this._lifetimes.max; }
  @Expose() getSessionTimeTotal(): number { return this._lifetimes.total; }
  @Expose() getSessionTimeMean(): number { return this._lifetimes.count ? this._lifetimes.total / this._lifetimes.count : 0; }
  @Expose() getSessionTimeStdDev(): number {
    const { count, total, squares } = this._lifetimes;
    if (count === 0) return 0;
    const mean = total / count;
    return Math.sqrt(Math.max(0, squares / count - mean * mean));
  }
  @Expose() statsReset(): void {
    this._sessionsCreated = 0;
    this._lifetimes = { count: 0, total: 0, squares: 0, max: 0 };
  }

  /** Records how long an invalidated session lived (Jetty's recordSessionTime). */
  private recordSessionTime(session: Session): void {
    const created = session.getSessionData().getCreated();
    const secs = Math.round((Date.now() - created) / 1000);
    const l = this._lifetimes;
    l.count++; l.total += secs; l.squares += secs * secs; l.max = Math.max(l.max, secs);
  }

  getServletContext(): ServletContext {
    const sc = this._contextHost?.getServletContext?.() ?? null;
    return (sc ?? (this._contextHost as unknown as ServletContext)) as ServletContext;
  }

  getEvictionPolicy(): number { return this._sessionCache?.getEvictionPolicy() ?? -1; }

  // ---------------------------------------------------------------- life cycle

  protected override async doStart(): Promise<void> {
    const server = this.getServer() as unknown as ServerView | null;
    if (!this._sessionIdManager) {
      const fromServer = server?.getSessionIdManager?.() as SessionIdManager | null | undefined;
      if (fromServer) {
        this._sessionIdManager = fromServer;
      } else {
        const idm = new DefaultSessionIdManager(server);
        this._sessionIdManager = idm;
        this._ownIdManager = true;
        if (server?.setSessionIdManager) server.setSessionIdManager(idm);
        else if (server?.addBean) server.addBean(idm, true);
      }
    }
    if (!this._sessionIdManager.isRunning()) await this._sessionIdManager.start();
    const beans = server?.getBeans?.() ?? [];
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
    this.applyInitParameters(context);
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
      this._candidates.clear();
      if (this._ownIdManager) { this._sessionIdManager = null; this._ownIdManager = false; }
    }
  }

  private applyInitParameters(context: SessionContextHost | null): void {
    const get = (name: string): string | null => {
      const v = context?.getInitParameter?.(name) ?? context?.getServletContext?.()?.getInitParameter(name) ?? null;
      return v === undefined ? null : v;
    };
    const cookie = get(SESSION_COOKIE_PROPERTY);
    if (cookie !== null) this._cookie.name = cookie;
    const param = get(SESSION_ID_PATH_PARAMETER_NAME_PROPERTY);
    if (param !== null) this.setSessionIdPathParameterName(param);
    if (this._cookie.maxAge === -1) {
      const maxAge = get(MAX_AGE_PROPERTY);
      if (maxAge !== null && maxAge.trim() !== '') {
        const n = Number.parseInt(maxAge.trim(), 10);
        if (Number.isNaN(n)) throw new RangeError(`Cannot set session cookie max age '${maxAge}': not an integer (init-param ${MAX_AGE_PROPERTY})`);
        this._cookie.maxAge = n;
      }
    }
    if (this._cookie.domain === null) this._cookie.domain = get(SESSION_DOMAIN_PROPERTY);
    if (this._cookie.path === null) this._cookie.path = get(SESSION_PATH_PROPERTY);
    const checking = get(CHECKING_REMOTE_SESSION_ID_ENCODING_PROPERTY);
    if (checking !== null) this._checkingRemoteSessionIdEncoding = checking.trim().toLowerCase() === 'true';
  }

  private requireStarted(): { cache: SessionCache; idm: SessionIdManager } {
    if (!this._sessionCache || !this._sessionIdManager) throw new IllegalStateError('Cannot use sessions: the SessionHandler is not started');
    return { cache: this._sessionCache, idm: this._sessionIdManager };
  }

  /** Runs background work that stop() waits for. */
  private background(p: Promise<unknown>): Promise<void> {
    const t = p.then(() => undefined, (err) => { console.warn(`Session work failed: ${(err as Error).message}`); });
    this._background.add(t);
    void t.then(() => this._background.delete(t));
    return t;
  }

  // ---------------------------------------------------------------- request scope

  /** The sessions `request` entered in this context, made on first use (a request without a session makes none). */
  private sessionsOf(request: object): RequestSessions {
    const holder = request as Record<symbol, RequestSessions | undefined>;
    let sessions = holder[this._stateKey];
    if (sessions === undefined) { sessions = new RequestSessions(); holder[this._stateKey] = sessions; }
    return sessions;
  }

  /**
   * Counts `session` (already got for the request, its request count raised) as entered by `request`
   * in this context: completeRequest releases it (Jetty 10's Request.enterSession).
   */
  enterSession(request: object, session: Session): void { this.sessionsOf(request).add(session); }

  private baseOf(request: unknown): object {
    const r = request as RequestView;
    const base = typeof r?.getBaseRequest === 'function' ? r.getBaseRequest() : null;
    return (base && typeof base === 'object' ? base : request) as object;
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
   */
  override doScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const req = baseRequest as unknown as RequestView;
    const previous = req.getSessionHandler?.();
    if (previous === this || !this.isStarted()) return this.nextScope(target, baseRequest, request, response);
    const previousSession = req.getCurrentSession?.() ?? null;
    let resp = response as unknown as ResponseView;
    try { resp = (req.getResponse?.() ?? response) as unknown as ResponseView; } catch { /* no response yet */ }
    let inScope: Promise<void>;
    try {
      req.setSessionHandler?.(this);
      const found = this.checkRequestedSessionId(req, baseRequest);
      inScope = found instanceof Promise
        ? found.then((f) => this.enterScope(f, target, baseRequest, request, response, resp))
        : this.enterScope(found, target, baseRequest, request, response, resp);
    } catch (err) {
      inScope = Promise.reject(err);
    }
    // a release that finished at once (DONE) adds no promise to wait for
    const leave = (): Promise<void> | undefined => {
      const left = this.leaveScope(baseRequest, previous, previousSession);
      return left === DONE ? undefined : left;
    };
    return inScope.then(leave, (err: unknown) => {
      const left = leave();
      if (left === undefined) throw err;
      return left.then(() => { throw err; });
    });
  }

  /** The request is in the session scope: requested id, session and cookie recorded, then the next scope. */
  private enterScope(found: RequestedSession, target: string, baseRequest: Request, request: HttpServletRequest,
    response: HttpServletResponse, resp: ResponseView): Promise<void> {
    const req = baseRequest as unknown as RequestView;
    if (found.duplicate) {
      return Promise.resolve(resp.sendError?.(400, 'Duplicate valid session cookies')).then(() => { req.setHandled?.(true); });
    }
    if (!found.inherited) {
      req.setRequestedSessionId?.(found.requestedId);
      req.setRequestedSessionIdFromCookie?.(found.requestedId !== null && found.fromCookie);
    }
    req.setSession?.(found.session);
    if (found.session) {
      const cookie = this.access(found.session, req.isSecure?.() ?? false, found.time);
      if (cookie) {
        const dispatch = String(req.getDispatcherType?.() ?? 'REQUEST').toUpperCase();
        if (dispatch === 'REQUEST' || dispatch === 'ASYNC') setCookieHeader(resp, cookie);
      }
    } else if (found.requestedId) {
      const idm = this.requireStarted().idm;
      const plain = idm.getId(found.requestedId);
      if (idm instanceof DefaultSessionIdManager && isValidSessionId(plain)) {
        return idm.isIdInUse(plain).then((inUse) => {
          if (inUse) idm.noteRequestedIdInUse(baseRequest, plain);
          return this.nextScopeWithSessions(target, baseRequest, request, response, resp);
        });
      }
    }
    return this.nextScopeWithSessions(target, baseRequest, request, response, resp);
  }

  private nextScopeWithSessions(target: string, baseRequest: Request, request: HttpServletRequest,
    response: HttpServletResponse, resp: ResponseView): Promise<void> {
    if (this._sessionCache?.isFlushOnResponseCommit()) {
      resp.addBeforeCommitListener?.(() => this.commitSessions(baseRequest));
    }
    return this.nextScope(target, baseRequest, request, response);
  }

  /** Leaving the scope: every session entered is released; a cross-context dispatch gets the outer context's back. */
  private leaveScope(baseRequest: Request, previous: unknown, previousSession: HttpSession | null): Promise<void> {
    const completing = this.completeRequest(baseRequest);
    if (previous === undefined || previous === null) return completing;
    return completing.then(() => {
      const req = baseRequest as unknown as RequestView;
      req.setSessionHandler?.(previous);
      req.setSession?.(previousSession);
    });
  }

  /** Writes the dirty sessions of a request before its response commits (flushOnResponseCommit). */
  private async commitSessions(request: object): Promise<void> {
    const cache = this._sessionCache;
    const sessions = (request as Record<symbol, RequestSessions | undefined>)[this._stateKey];
    if (!cache || sessions === undefined) return;
    for (const s of sessions.toArray()) {
      try { await cache.commit(s); } catch (err) {
        console.warn(`Cannot flush session '${s.getId()}' on response commit: ${(err as Error).message}`);
      }
    }
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
    const first = sessions.first();
    if (!cache || first === null) return DONE;
    if (sessions.hasMore()) return this.releaseAll(cache, sessions.toArray());
    try {
      return cache.release(first.getId(), first);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private async releaseAll(cache: SessionCache, sessions: Session[]): Promise<void> {
    let failure: unknown;
    for (const s of sessions) {
      try {
        await cache.release(s.getId(), s);
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure !== undefined) throw failure;
  }

  /**
   * 3.3: cookies first (the first valid one wins, a second different valid one is a 400), then the URL.
   * Synchronous while every session it looks at is in memory; a promise once one must be loaded.
   */
  private checkRequestedSessionId(req: RequestView, key: object): RequestedSession | Promise<RequestedSession> {
    const already = req.getRequestedSessionId?.() ?? null;
    if (already) {
      // the id came from an outer context (a cross-context dispatch): the request keeps its own record of it
      return this.getHttpSession(already).then((s) => {
        if (s) this.enterSession(key, s);
        return { session: s, requestedId: already, fromCookie: false, duplicate: false, inherited: true, time: Date.now() };
      });
    }
    const found: RequestedSession = { session: null, requestedId: null, fromCookie: false, duplicate: false, inherited: false, time: 0 };
    if (!this._usingCookies) return this.checkUrlSessionId(req, key, found);
    // each Cookie line as received: the server's Request reads them from Node's raw header list, where
    // getHeader would make Node build its whole header object for this one header
    const raw = req.getHeaders?.('Cookie') ?? req.getHeader?.('Cookie') ?? null;
    const header = raw === null || raw === undefined || typeof raw === 'string' || Array.isArray(raw) ? raw : [...raw];
    return this.checkCookieSessionIds(req, key, found, cookieValues(header, this._cookie.name), 0);
  }

  /** The session cookies from `from` on (continued after a load when one needed it). */
  private checkCookieSessionIds(req: RequestView, key: object, found: RequestedSession, values: readonly string[],
    from: number): RequestedSession | Promise<RequestedSession> {
    for (let i = from; i < values.length; i++) {
      const value = values[i];
      const session = found.session;
      if (session === null) {
        const s = this.lookupSession(value, timeOf(found));
        if (s instanceof Promise) {
          return s.then((got) => {
            found.time = Date.now();
            this.takeCookieSession(found, key, value, got);
            return this.checkCookieSessionIds(req, key, found, values, i + 1);
          });
        }
        this.takeCookieSession(found, key, value, s);
      } else if (this.requireStarted().idm.getId(value) !== session.getId()) {
        const other = this.lookupSession(value, timeOf(found));
        if (other instanceof Promise) {
          return other.then((o) => (o ? this.duplicateSession(found, o) : this.checkCookieSessionIds(req, key, found, values, i + 1)));
        }
        if (other) return this.duplicateSession(found, other);
      }
    }
    return this.checkUrlSessionId(req, key, found);
  }

  private takeCookieSession(found: RequestedSession, key: object, value: string, session: Session | null): void {
    if (session) {
      found.session = session; found.requestedId = value; found.fromCookie = true;
      this.enterSession(key, session);
    } else if (found.requestedId === null) {
      found.requestedId = value; found.fromCookie = true;
    }
  }

  /** A second valid session cookie: that session is released at once and the request answered 400. */
  private duplicateSession(found: RequestedSession, other: Session): Promise<RequestedSession> {
    const releasing = this._sessionCache ? this._sessionCache.release(other.getId(), other) : DONE;
    return releasing.then(() => { found.duplicate = true; return found; });
  }

  /** Without a cookie id: the `;jsessionid=` path parameter of the request URI. */
  private checkUrlSessionId(req: RequestView, key: object, found: RequestedSession): RequestedSession | Promise<RequestedSession> {
    const name = this._sessionIdPathParameterName;
    if (found.requestedId !== null || !this._usingURLs || !name) return found;
    const requestedId = findPathParameter(req.getRequestURI?.() ?? '', name);
    if (requestedId === null) return found;
    found.requestedId = requestedId;
    found.fromCookie = false;
    const take = (s: Session | null): RequestedSession => {
      if (s) { found.session = s; this.enterSession(key, s); }
      return found;
    };
    const s = this.lookupSession(requestedId, timeOf(found));
    return s instanceof Promise ? s.then((got) => { found.time = Date.now(); return take(got); }) : take(s);
  }

  /**
   * The valid session for an extended id, with one more request counted on it; null for an unknown,
   * malformed, expired (invalidated now) or unreadable (invalidated everywhere) id.
   */
  async getHttpSession(extendedId: string): Promise<Session | null> {
    const { cache, idm } = this.requireStarted();
    const id = idm.getId(extendedId);
    if (!isValidSessionId(id)) return null;
    let session: Session | null;
    try {
      session = await cache.get(id);
    } catch (err) {
      if (err instanceof UnreadableSessionDataError) {
        if (!err.reported && !this._reportedUnreadable.has(id)) {
          if (this._reportedUnreadable.size > 10_000) this._reportedUnreadable.clear();
          this._reportedUnreadable.add(id);
          console.warn(err.message);
        }
        err.reported = true;
        await idm.invalidateAll(id);
      } else {
        console.warn(`Cannot load session '${id}': ${(err as Error).message}`);
      }
      return null;
    }
    if (!session) return null;
    return this.acceptSession(session, id, extendedId, Date.now());
  }

  /** getHttpSession without a promise when the session is in memory and usable (the usual case). */
  private lookupSession(extendedId: string, now: number): Session | null | Promise<Session | null> {
    const { cache, idm } = this.requireStarted();
    const id = idm.getId(extendedId);
    if (!isValidSessionId(id)) return null;
    const resident = cache.getResident?.(id);
    if (resident === undefined) return this.getHttpSession(extendedId);
    if (resident === null) return null;
    return this.acceptSession(resident, id, extendedId, now);
  }

  /** The session got for a request, if still usable at `now`: an invalid or expired one is released (and an expired one invalidated). */
  private acceptSession(session: Session, id: string, extendedId: string, now: number): Session | null | Promise<null> {
    const { cache, idm } = this.requireStarted();
    if (!session.isValid()) return cache.release(id, session).then(() => null);
    if (session.isExpiredAt(now)) {
      try { session.invalidate(); } catch (err) {
        console.warn(`Cannot invalidate expired session '${id}': ${(err as Error).message}`);
      }
      return cache.release(id, session).then(() => null);
    }
    // as Jetty: the session takes the id manager's extended id, and a request that sent another one
    // marks the id changed (its cookie is sent again); when all three agree nothing changes, nothing is built
    if (idm.isExtendedId?.(extendedId, null) && session.isExtendedId(extendedId)) return session;
    const ext = idm.getExtendedId(id, null);
    session.setExtendedId(ext);
    if (ext !== extendedId) session.setIdChanged(true);
    return session;
  }

  /** 3.4 access: the request enters the session at `now`; a cookie comes back when it must be (re)sent. */
  access(session: Session, secure: boolean, now = Date.now()): SessionCookie | null {
    if (!session.access(now)) return null;
    const data = session.getSessionData();
    if (this._usingCookies && (session.isIdChanged()
      || (this._cookie.maxAge > 0 && this._refreshCookieAge > 0 && (now - data.getCookieSet()) / 1000 > this._refreshCookieAge))) {
      const cookie = this.getSessionCookie(session, this._contextHost?.getContextPath() ?? '', secure);
      data.setCookieSet(data.getAccessed());
      session.setIdChanged(false);
      return cookie;
    }
    return null;
  }

  // ---------------------------------------------------------------- SessionManagerBridge

  newHttpSession(request: Request): HttpSession {
    const { cache, idm } = this.requireStarted();
    const req = request as unknown as RequestView;
    const created = Date.now();
    const base = this.baseOf(request);
    const id = idm.newSessionId(base, created);
    const maxMs = this._maxInactiveInterval > 0 ? this._maxInactiveInterval * 1000 : -1;
    const session = cache.newSession(id, created, maxMs);
    session.setExtendedId(idm.getExtendedId(id, request));
    cache.add(id, session);
    this._sessionsCreated++;
    this.enterSession(base, session);
    (base as RequestView).setSession?.(session);
    if (req.isSecure?.()) session.setAttribute(SESSION_CREATED_SECURE_ATTRIBUTE, true);
    this.callSessionCreatedListeners(session);
    return session;
  }

  isValid(session: HttpSession): boolean { return session instanceof Session && session.isValid(); }

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
    return this.buildSessionCookie(args[0] as HttpSession, String(args[1] ?? ''), args[2] === true);
  }

  private buildSessionCookie(session: HttpSession, contextPath: string, secure: boolean): SessionCookie | null {
    if (!this._usingCookies) return null;
    const value = this.getExtendedId(session);
    const path = this._cookie.path ?? (contextPath === '' || contextPath === undefined || contextPath === null ? '/' : contextPath);
    let sameSite = sameSiteFromComment(this._cookie.comment);
    if (!sameSite) {
      const dflt = this._contextHost?.getAttribute?.(SAME_SITE_DEFAULT_ATTRIBUTE)
        ?? this._contextHost?.getServletContext?.()?.getAttribute(SAME_SITE_DEFAULT_ATTRIBUTE);
      if (dflt !== undefined && dflt !== null) sameSite = parseSameSite(dflt);
    }
    const httpOnly = this._cookie.httpOnly || (this._cookie.comment ?? '').includes(HTTP_ONLY_COMMENT);
    const header = formatSetCookie({
      name: this._cookie.name, value, path, domain: this._cookie.domain, maxAge: this._cookie.maxAge,
      secure: this._cookie.secure || (this._secureRequestOnly && secure), httpOnly, sameSite,
    });
    return { name: this._cookie.name, value, header };
  }

  /**
   * Two forms, as Jetty: `renewSessionId(request, session)` (the request's changeSessionId; returns the new
   * id at once) and `renewSessionId(oldId, oldExtendedId, newId, newExtendedId)` (the id manager's call).
   */
  renewSessionId(request: Request, session: HttpSession): string;
  renewSessionId(oldId: string, oldExtendedId: string, newId: string, newExtendedId: string): Promise<void>;
  renewSessionId(a: unknown, b: unknown, c?: unknown, d?: unknown): string | Promise<void> {
    if (typeof a === 'string') return this.renameSession(a, String(b), String(c), String(d));
    const request = a as Request;
    const session = b as HttpSession;
    if (!(session instanceof Session)) throw new IllegalStateError('Cannot change the session id: not a session of this handler');
    const { idm } = this.requireStarted();
    session.beginRenew();
    let newId: string;
    try {
      this._renewing = session;
      newId = idm.renewSessionId(session.getId(), session.getExtendedId(), this.baseOf(request));
      if (idm instanceof DefaultSessionIdManager) session.track(idm.whenRenamed);
    } finally {
      this._renewing = null;
      session.endRenew();
    }
    const req = request as unknown as RequestView;
    if (req.getRemoteUser?.()) session.setAttribute(SESSION_CREATED_SECURE_ATTRIBUTE, true);
    return newId;
  }

  /** The id manager's rename: in memory at once for the session being renewed, else through the cache. */
  renameSession(oldId: string, oldExtendedId: string, newId: string, newExtendedId: string): Promise<void> {
    const cache = this._sessionCache;
    if (!cache) return Promise.resolve();
    const renewing = this._renewing;
    if (renewing && renewing.getId() === oldId && cache instanceof AbstractSessionCache) {
      cache.renameInMemory(renewing, oldId, newId, newExtendedId);
      this.callSessionIdListeners(renewing, oldId);
      return cache.persistRename(renewing, oldId);
    }
    return this.background((async () => {
      const s = await cache.renewSessionId(oldId, newId, oldExtendedId, newExtendedId);
      if (s) this.callSessionIdListeners(s, oldId);
    })());
  }

  // ---------------------------------------------------------------- id manager callbacks

  async isIdInUse(id: string): Promise<boolean> { return this._sessionCache ? this._sessionCache.exists(id) : false; }

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
        try { this.callSessionDestroyedListeners(session); } finally { session.finishInvalidate(); this.recordSessionTime(session); }
      }
    }
  }

  /** HttpSession.invalidate(): listeners now, then every context drops the id (in the background). */
  invalidateSession(session: Session): void {
    if (!session.beginInvalidate()) return;
    try {
      this.callSessionDestroyedListeners(session);
    } finally {
      session.finishInvalidate();
      this.recordSessionTime(session);
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
      const hk = (this._sessionIdManager as DefaultSessionIdManager | null)?.getSessionHouseKeeper?.();
      if (hk && hk.getIntervalSec() > 0) this._candidates.add(session.getId());
      return;
    }
    const cache = this._sessionCache;
    if (!cache) return;
    void this.background(cache.checkInactiveSession(session).then(() => {
      if (session.isResident() && session.isValid() && session.getRequests() === 0 && !session.isExpiredAt(Date.now())) {
        session.updateInactivityTimer();
      }
    }));
  }

  /** Ids whose timers found them expired, waiting for the next scavenge. */
  getCandidateSessionIdsForExpiry(): ReadonlySet<string> { return this._candidates; }

  /** One HouseKeeper pass for this context, yielding to the event loop between batches. */
  async scavenge(): Promise<void> {
    if (this.isStopping() || this.isStopped() || !this._sessionCache || !this._sessionIdManager) return;
    const candidates = new Set(this._candidates);
    this._candidates.clear();
    const expired = [...await this._sessionCache.checkExpiration(candidates)];
    for (let i = 0; i < expired.length; i += SCAVENGE_BATCH) {
      for (const id of expired.slice(i, i + SCAVENGE_BATCH)) {
        try { await this._sessionIdManager.expireAll(id); } catch (err) {
          console.warn(`Cannot expire session '${id}': ${(err as Error).message}`);
        }
      }
      await yieldToEventLoop();
    }
  }

  // ---------------------------------------------------------------- listeners

  /** sessionCreated in registration order (Jetty 10; 9.4 used reverse order). */
  callSessionCreatedListeners(session: Session): void { this._sessionListeners.sessionCreated(session); }
  /** sessionDestroyed in reverse registration order; one listener throwing stops the rest (logged). */
  callSessionDestroyedListeners(session: Session): void { this._sessionListeners.sessionDestroyed(session); }
  callSessionIdListeners(session: Session, oldId: string): void { this._sessionListeners.sessionIdChanged(session, oldId); }
  doSessionAttributeListeners(session: Session, name: string, oldValue: unknown, newValue: unknown): void {
    this._sessionListeners.attributeChanged(session, name, oldValue, newValue);
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}[cookie=${this._cookie.name},maxInactive=${this._maxInactiveInterval}]`;
  }
}
