/**
 * A request's sessions in one context: the one it asked for (RequestedSession, what the SessionHandler's
 * checkRequestedSessionId found) and the ones it entered, released when it leaves the context (Jetty 10
 * keeps that list on the Request, see Request.enterSession).
 * @module
 */
import type { Session } from './session';

/** What checkRequestedSessionId found for a request (one mutable record per request). */
export interface RequestedSession {
  session: Session | null;
  requestedId: string | null;
  fromCookie: boolean;
  /** A second, different valid session cookie (answered 400). */
  duplicate: boolean;
  /** The id came from an outer context (a cross-context dispatch): the request keeps its own record of it. */
  inherited: boolean;
  /** When the session was looked up (its access time); 0 until the first lookup. */
  time: number;
}

/**
 * A request almost always enters one session, so the first is a field and only a second one allocates
 * a Set. Entering the same session twice counts once; iteration is in the order of entry.
 */
export class RequestSessions {
  private _first: Session | null = null;
  private _more: Set<Session> | null = null;

  /** Counts `session` as entered (once). */
  add(session: Session): void {
    if (this._first === null) { this._first = session; return; }
    if (this._first === session) return;
    (this._more ??= new Set()).add(session);
  }

  /** The first session entered, or null. */
  first(): Session | null { return this._first; }

  /** True when more than one session was entered. */
  hasMore(): boolean { return this._more !== null; }

  /** Every session entered, in order. */
  toArray(): Session[] {
    if (this._first === null) return [];
    return this._more === null ? [this._first] : [this._first, ...this._more];
  }
}
