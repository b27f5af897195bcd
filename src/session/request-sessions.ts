/**
 * The sessions one request entered in one context, released when the request leaves it (Jetty 10 keeps
 * this list on the Request, see Request.enterSession).
 * @module
 */
import type { Session } from './session';

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
