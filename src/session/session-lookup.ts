/**
 * How a SessionHandler finds a request's session: the id the request asks for (servlet 3.3: its session
 * cookies, then the `;jsessionid=` path parameter; Jetty's checkRequestedSessionId) and the usable
 * Session for an id (Jetty's getSession(id)), without a promise while the session is in memory.
 * @module
 */
import type { SessionRequest } from '../server/session-manager-bridge';
import { findPathParameter } from '../server/uri-path';
import { DONE } from './done';
import { UnreadableSessionDataError } from './errors';
import type { RequestedSession } from './request-sessions';
import type { Session } from './session';
import { cookieValues } from './session-cookie-config';
import type { SessionCache } from './session-cache';
import { isValidSessionId } from './session-id';
import type { SessionIdManager } from './session-id-manager';
import { SESSION_LOG } from './session-log';

/** What a lookup reads from its SessionHandler (which implements it): the settings, the running cache and id manager. */
export interface SessionLookupHost {
  isUsingCookies(): boolean;
  getSessionCookieName(): string;
  isUsingURLs(): boolean;
  getSessionIdPathParameterName(): string;
  getSessionCache(): SessionCache | null;
  /** The running cache and id manager; throws before start. */
  requireStarted(): { cache: SessionCache; idm: SessionIdManager };
  /** The handler's getHttpSession (a subclass may add to it). */
  getHttpSession(extendedId: string): Promise<Session | null>;
  /** Counts `session` as entered by the request `key`, released when the request leaves the scope. */
  enterSession(key: object, session: Session): void;
}

/** Unreadable ids remembered as reported before the memory is cleared. */
const MAX_REPORTED_UNREADABLE = 10_000;

/** The request's session time, read from the clock at its first session lookup (a request without a session id reads none). */
function timeOf(found: RequestedSession): number {
  if (found.time === 0) found.time = Date.now();
  return found.time;
}

/**
 * The session lookup of one SessionHandler. Every step returns a value while the sessions it looks at
 * are in memory (the cache's getResident) and a promise only once one must be loaded, so a request for a
 * resident session allocates no promise here. The handler's settings (cookie name, usingCookies,
 * usingURLs, path parameter name) are read at each request, so a change before start applies.
 */
export class SessionLookup {
  /** Ids whose unreadable data was already reported (bounded). */
  private readonly _reportedUnreadable = new Set<string>();

  constructor(private readonly _handler: SessionLookupHost) {}

  /**
   * 3.3: cookies first (the first valid one wins, a second different valid one is a 400), then the URL.
   * Every session found is entered for `key` (the base request). Synchronous while every session it
   * looks at is in memory; a promise once one must be loaded.
   */
  checkRequestedSessionId(req: SessionRequest, key: object): RequestedSession | Promise<RequestedSession> {
    const handler = this._handler;
    const already = req.getRequestedSessionId();
    if (already) {
      // the id came from an outer context (a cross-context dispatch): the request keeps its own record of it
      return handler.getHttpSession(already).then((s) => {
        if (s) handler.enterSession(key, s);
        return { session: s, requestedId: already, fromCookie: false, duplicate: false, inherited: true, time: Date.now() };
      });
    }
    const found: RequestedSession = { session: null, requestedId: null, fromCookie: false, duplicate: false, inherited: false, time: 0 };
    if (!handler.isUsingCookies()) return this.checkUrlSessionId(req, key, found);
    // each Cookie line as received: the server's Request reads them from Node's raw header list, where
    // getHeader would make Node build its whole header object for this one header
    return this.checkCookieSessionIds(req, key, found, cookieValues(req.getHeaders('Cookie'), handler.getSessionCookieName()), 0);
  }

  /** The session cookies from `from` on (continued after a load when one needed it). */
  private checkCookieSessionIds(
    req: SessionRequest,
    key: object,
    found: RequestedSession,
    values: readonly string[],
    from: number,
  ): RequestedSession | Promise<RequestedSession> {
    for (let i = from; i < values.length; i++) {
      const value = values[i];
      if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Got Session ID {} from cookie {}', value, this._handler.getSessionCookieName());
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
      } else if (this._handler.requireStarted().idm.getId(value) !== session.getId()) {
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
      found.session = session;
      found.requestedId = value;
      found.fromCookie = true;
      this._handler.enterSession(key, session);
    } else if (found.requestedId === null) {
      found.requestedId = value;
      found.fromCookie = true;
    }
  }

  /** A second valid session cookie: that session is released at once and the request answered 400. */
  private duplicateSession(found: RequestedSession, other: Session): Promise<RequestedSession> {
    const cache = this._handler.getSessionCache();
    const releasing = cache ? cache.release(other.getId(), other) : DONE;
    return releasing.then(() => {
      found.duplicate = true;
      return found;
    });
  }

  /** Without a cookie id: the `;jsessionid=` path parameter of the request URI. */
  private checkUrlSessionId(req: SessionRequest, key: object, found: RequestedSession): RequestedSession | Promise<RequestedSession> {
    if (found.requestedId !== null || !this._handler.isUsingURLs()) return found;
    const name = this._handler.getSessionIdPathParameterName();
    if (!name) return found;
    const requestedId = findPathParameter(req.getRequestURI(), name);
    if (requestedId === null) return found;
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Got Session ID {} from URL', requestedId);
    found.requestedId = requestedId;
    found.fromCookie = false;
    const take = (s: Session | null): RequestedSession => {
      if (s) {
        found.session = s;
        this._handler.enterSession(key, s);
      }
      return found;
    };
    const s = this.lookupSession(requestedId, timeOf(found));
    return s instanceof Promise
      ? s.then((got) => {
          found.time = Date.now();
          return take(got);
        })
      : take(s);
  }

  /**
   * The valid session for an extended id, with one more request counted on it; null for an unknown,
   * malformed, expired (invalidated now) or unreadable (invalidated everywhere) id. Rejects with the
   * store's error when the store cannot answer.
   */
  async getHttpSession(extendedId: string): Promise<Session | null> {
    const { cache, idm } = this._handler.requireStarted();
    const id = idm.getId(extendedId);
    if (!isValidSessionId(id)) return null;
    let session: Session | null;
    try {
      session = await cache.get(id);
    } catch (err) {
      if (err instanceof UnreadableSessionDataError) {
        if (!err.reported && !this._reportedUnreadable.has(id)) {
          if (this._reportedUnreadable.size > MAX_REPORTED_UNREADABLE) this._reportedUnreadable.clear();
          this._reportedUnreadable.add(id);
          SESSION_LOG.warn(err.message, err);
        }
        err.reported = true;
        await idm.invalidateAll(id);
        return null;
      }
      // A store that cannot answer (a database that is down) is not "no session": the request fails
      // (500, one WARN line where the server reports it) instead of going on as a stranger, so that
      // the servlet never makes a new session over one that exists, and the session is not lost.
      throw err;
    }
    if (!session) return null;
    return this.acceptSession(session, id, extendedId, Date.now());
  }

  /** getHttpSession without a promise when the session is in memory and usable (the usual case). */
  private lookupSession(extendedId: string, now: number): Session | null | Promise<Session | null> {
    const { cache, idm } = this._handler.requireStarted();
    const id = idm.getId(extendedId);
    if (!isValidSessionId(id)) return null;
    const resident = cache.getResident(id);
    if (resident === undefined) return this._handler.getHttpSession(extendedId);
    if (resident === null) return null;
    return this.acceptSession(resident, id, extendedId, now);
  }

  /** The session got for a request, if still usable at `now`: an invalid or expired one is released (and an expired one invalidated). */
  private acceptSession(session: Session, id: string, extendedId: string, now: number): Session | null | Promise<null> {
    const { cache, idm } = this._handler.requireStarted();
    if (!session.isValid()) return cache.release(id, session).then(() => null);
    if (session.isExpiredAt(now)) {
      try {
        session.invalidate();
      } catch (err) {
        SESSION_LOG.warn(`Cannot invalidate expired session '${id}': ${(err as Error).message}`, err);
      }
      return cache.release(id, session).then(() => null);
    }
    // as Jetty: the session takes the id manager's extended id, and a request that sent another one
    // marks the id changed (its cookie is sent again); when all three agree nothing changes, nothing is built
    if (idm.isExtendedId(extendedId, null) && session.isExtendedId(extendedId)) return session;
    const ext = idm.getExtendedId(id, null);
    session.setExtendedId(ext);
    if (ext !== extendedId) session.setIdChanged(true);
    return session;
  }
}
