/**
 * One live session in one context (org.eclipse.jetty.server.session.Session): the HttpSession a servlet
 * sees, wrapping a SessionData, with its state machine, request count and inactivity timer.
 * @module
 */
import type { HttpSession } from '../servlet/http-session';
import type { ServletContext } from '../servlet/servlet-context';
import { IllegalStateError } from './errors';
import type { SessionData } from './session-data';

/** What a Session needs from its SessionHandler (kept narrow so the two files do not import each other). */
export interface SessionOwner {
  getServletContext(): ServletContext;
  /** Attribute listener dispatch, binding listeners included (3.7). */
  doSessionAttributeListeners(session: Session, name: string, oldValue: unknown, newValue: unknown): void;
  /** Runs sessionDestroyed, removes the attributes and tells every context (3.8). */
  invalidateSession(session: Session): void;
  /** The inactivity timer fired (3.11). */
  sessionInactivityTimerExpired(session: Session, now: number): void;
  /** The eviction policy of the cache, for the timer length. */
  getEvictionPolicy(): number;
}

export type SessionState = 'VALID' | 'INVALID' | 'INVALIDATING' | 'CHANGING';

/**
 * Jetty's Session. The HttpSession methods are synchronous: the data is in memory while requests use it.
 * Store I/O for this session is serialised through `enqueue`, so writes, deletes and renames of one
 * session never overlap.
 */
export class Session implements HttpSession {
  private _state: SessionState = 'VALID';
  private _requests = 0;
  private _resident = false;
  private _newSession: boolean;
  private _idChanged = false;
  private _extendedId: string;
  private _timer: NodeJS.Timeout | null = null;
  private _io: Promise<void> = Promise.resolve();
  private readonly _tracked = new Set<Promise<void>>();

  constructor(private readonly _owner: SessionOwner, private readonly _data: SessionData, isNew = false) {
    this._newSession = isNew;
    this._extendedId = _data.id;
    if (isNew) _data.setDirty(true);
  }

  getSessionData(): SessionData { return this._data; }
  getSessionHandler(): SessionOwner { return this._owner; }
  getState(): SessionState { return this._state; }
  getRequests(): number { return this._requests; }
  isResident(): boolean { return this._resident; }
  setResident(resident: boolean): void {
    this._resident = resident;
    if (!resident) this.cancelTimer();
  }
  getExtendedId(): string { return this._extendedId; }
  setExtendedId(ext: string): void { this._extendedId = ext; }
  isIdChanged(): boolean { return this._idChanged; }
  setIdChanged(b: boolean): void { this._idChanged = b; }
  isValid(): boolean { return this._state === 'VALID'; }
  isInvalid(): boolean { return this._state === 'INVALID' || this._state === 'INVALIDATING'; }
  isExpiredAt(time: number): boolean { return this._data.isExpiredAt(time); }
  getCookieSetTime(): number { return this._data.getCookieSet(); }

  /** Runs `fn` after every store operation queued before it; the returned promise settles with it. */
  enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this._io.then(fn, fn);
    this._io = run.then(() => undefined, () => undefined);
    return run;
  }
  /** Ties background work (other contexts' invalidation or rename) to this session, for `settled`. */
  track(p: Promise<unknown>): void {
    const t = p.then(() => undefined, () => undefined);
    this._tracked.add(t);
    void t.then(() => this._tracked.delete(t));
  }
  /** Settles when every queued store operation and tracked background task has. */
  async settled(): Promise<void> {
    for (let i = 0; i < 10 && (this._tracked.size > 0 || i === 0); i++) {
      await this._io;
      await Promise.all([...this._tracked]);
    }
    await this._io;
  }

  /** A request enters: new=false, lastAccessed=accessed, accessed=time, expiry recomputed. False if unusable. */
  access(time: number): boolean {
    if (!this.isValid() || !this._resident) return false;
    this._newSession = false;
    this._data.setLastAccessed(this._data.getAccessed());
    this._data.setAccessed(time);
    this._data.calcAndSetExpiry(time);
    return !this.isExpiredAt(time);
  }

  /** One more request uses the session: the inactivity timer stops. */
  use(): void { this._requests++; this.cancelTimer(); }

  /** A request leaves: at zero requests, expiry is recomputed from now and the timer re-armed. */
  complete(): void {
    this._requests = Math.max(0, this._requests - 1);
    if (this._requests === 0) {
      const now = Date.now();
      this._data.calcAndSetExpiry(now);
      this.updateInactivityTimer(now);
    }
  }

  /** The timer length of 3.11, in ms, or -1 for no timer. */
  calculateInactivityTimeout(now: number): number {
    const maxInactive = this._data.getMaxInactiveMs();
    const policy = this._owner.getEvictionPolicy();
    const remaining = this._data.getExpiry() - now;
    if (maxInactive <= 0) return policy < 1 ? -1 : policy * 1000;
    if (policy === -1) return Math.max(remaining, 0);
    if (policy === 0) return -1;
    return remaining > 0 ? Math.min(maxInactive, policy * 1000) : 0;
  }

  /** Re-arms (or stops) the inactivity timer according to the current state. */
  updateInactivityTimer(now = Date.now()): void {
    this.cancelTimer();
    if (!this._resident || !this.isValid() || this._requests > 0) return;
    const ms = this.calculateInactivityTimeout(now);
    if (ms < 0) return;
    this._timer = setTimeout(() => {
      this._timer = null;
      this._owner.sessionInactivityTimerExpired(this, Date.now());
    }, Math.min(ms, 2 ** 31 - 1));
    this._timer.unref?.();
  }

  cancelTimer(): void {
    if (this._timer) { clearTimeout(this._timer); this._timer = null; }
  }

  hasTimer(): boolean { return this._timer !== null; }

  checkValidForRead(): void {
    if (this._state === 'INVALID') throw new IllegalStateError(`Cannot read session '${this._data.id}': Invalid for read`);
    if (!this._resident) throw new IllegalStateError(`Cannot read session '${this._data.id}': Invalid for read: not resident`);
  }

  checkValidForWrite(): void {
    if (this._state === 'INVALID') throw new IllegalStateError(`Cannot write session '${this._data.id}': Not valid for write`);
    if (!this._resident) throw new IllegalStateError(`Cannot write session '${this._data.id}': Not valid for write: not resident`);
  }

  // --- HttpSession ---
  getId(): string { return this._data.id; }
  getCreationTime(): number { this.checkValidForRead(); return this._data.getCreated(); }
  getLastAccessedTime(): number { this.checkValidForRead(); return this._data.getLastAccessed(); }
  getServletContext(): ServletContext { return this._owner.getServletContext(); }

  setMaxInactiveInterval(secs: number): void {
    this._data.setMaxInactiveMs(Math.trunc(secs) * 1000);
    this._data.calcAndSetExpiry(Date.now());
    this._data.setDirty(true);
    this.updateInactivityTimer();
  }

  getMaxInactiveInterval(): number {
    const ms = this._data.getMaxInactiveMs();
    return ms < 0 ? -1 : Math.trunc(ms / 1000);
  }

  /** The attribute, or null when there is none (as Java's null). */
  getAttribute(name: string): unknown { this.checkValidForRead(); return this._data.getAttribute(name) ?? null; }
  getAttributeNames(): string[] { this.checkValidForRead(); return this._data.getKeys(); }
  /** The deprecated servlet 2.2 names of getAttribute / getAttributeNames. */
  getValue(name: string): unknown { return this.getAttribute(name); }
  getNames(): Set<string> { return new Set(this.getAttributeNames()); }
  /** How many attributes the session has. */
  getAttributes(): number { return this._data.getKeys().length; }
  getContextPath(): string { return this._data.getContextPath(); }
  getVHost(): string { return this._data.getVhost(); }
  isChanging(): boolean { return this._state === 'CHANGING'; }

  setAttribute(name: string, value: unknown): void {
    this.checkValidForWrite();
    if (value === undefined) value = null;
    const old = this._data.setAttribute(name, value);
    if (value === null && old === undefined) return;
    if (value === null || value !== old) this._owner.doSessionAttributeListeners(this, name, old ?? null, value);
  }

  removeAttribute(name: string): void { this.setAttribute(name, null); }

  invalidate(): void { this._owner.invalidateSession(this); }

  isNew(): boolean { this.checkValidForRead(); return this._newSession; }

  /** VALID -> INVALIDATING; false if it was already invalidating; throws if invalid. */
  beginInvalidate(): boolean {
    if (this._state === 'INVALID') throw new IllegalStateError(`Cannot invalidate session '${this._data.id}': already invalid`);
    if (this._state === 'INVALIDATING') return false;
    this._state = 'INVALIDATING';
    this.cancelTimer();
    return true;
  }

  /** Removes every attribute (firing unbind/attributeRemoved) until none is left, then INVALID. */
  finishInvalidate(): void {
    try {
      for (let round = 0; round < 100 && this._data.getKeys().length > 0; round++) {
        for (const key of this._data.getKeys()) {
          const old = this._data.setAttribute(key, null);
          if (old !== undefined) this._owner.doSessionAttributeListeners(this, key, old, null);
        }
      }
    } finally {
      this._state = 'INVALID';
      this.cancelTimer();
    }
  }

  /** Marks an id change in progress (VALID -> CHANGING); throws when not valid. */
  beginRenew(): void {
    if (this._state !== 'VALID') throw new IllegalStateError(`Cannot change the id of session '${this._data.id}': the session is ${this._state.toLowerCase()}`);
    this._state = 'CHANGING';
  }
  endRenew(): void { if (this._state === 'CHANGING') this._state = 'VALID'; }

  toString(): string { return `Session@${this._data.id}{state=${this._state},requests=${this._requests},resident=${this._resident}}`; }
}
