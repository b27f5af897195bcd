/**
 * A request's sessions in one context: the one it asked for (RequestedSession, what SessionLookup's
 * checkRequestedSessionId found) and the ones it entered, written before the response commits when the
 * cache flushes then, and released when it leaves the context (Jetty 10 keeps that list on the Request,
 * see Request.enterSession).
 * @module
 */
import { DONE } from './done';
import type { Session } from './session';
import type { SessionCache } from './session-cache';
import { SESSION_LOG } from './session-log';

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
    if (this._first === null) {
      this._first = session;
      return;
    }
    if (this._first === session) return;
    (this._more ??= new Set()).add(session);
  }

  /** The first session entered, or null. */
  first(): Session | null {
    return this._first;
  }

  /** True when more than one session was entered. */
  hasMore(): boolean {
    return this._more !== null;
  }

  /** Every session entered, in order. */
  toArray(): Session[] {
    if (this._first === null) return [];
    return this._more === null ? [this._first] : [this._first, ...this._more];
  }

  /**
   * The request leaves: every session entered is released in `cache` (the last release of a session
   * writes it). Every session is released even when one fails; then the first failure is the rejection.
   * One session is released without a frame of its own: DONE when its release finished at once.
   */
  release(cache: SessionCache): Promise<void> {
    const first = this._first;
    if (first === null) return DONE;
    if (this._more !== null) return releaseEach(cache, this.toArray());
    try {
      return cache.release(first.getId(), first);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The response is committing (flushOnResponseCommit): each dirty session is written; a failure is logged. */
  async commit(cache: SessionCache): Promise<void> {
    for (const s of this.toArray()) {
      try {
        await cache.commit(s);
      } catch (err) {
        SESSION_LOG.warn(`Cannot flush session '${s.getId()}' on response commit: ${(err as Error).message}`, err);
      }
    }
  }
}

async function releaseEach(cache: SessionCache, sessions: Session[]): Promise<void> {
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
