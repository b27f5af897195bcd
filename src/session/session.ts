/**
 * One live session in one context (org.eclipse.jetty.server.session.Session): the HttpSession a servlet
 * sees, wrapping a SessionData, with its state machine, request count and inactivity timer.
 * @module
 */
import type { HttpSession } from '../servlet-api/http-session';
import type { ServletContext } from '../servlet-api/servlet-context';
import { DONE } from './done';
import { IllegalStateError } from './errors';
import type { SessionData } from './session-data';
import { SESSION_LOG } from './session-log';

/**
 * The attribute set on a session created (or given a new id) by a secure or authenticated request
 * (Jetty 9.4's Session.SESSION_CREATED_SECURE).
 */
export const SESSION_CREATED_SECURE_ATTRIBUTE = 'org.eclipse.jetty.security.sessionCreatedSecure';

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
  /** The extended id when it is the id plus a suffix: the suffix, shared between sessions (null: none). */
  private _extSuffix: string | null = null;
  /** The extended id when it does not start with the id (null: none). */
  private _extOther: string | null = null;
  /** @internal When the inactivity timer is due (Date.now() ms), or -1 when it is not armed. */
  _timerDue = -1;
  /** @internal The due time this session is filed under in its owner's timer heap. */
  _timerKey = 0;
  /** @internal Position in its owner's timer heap, or -1 when not in it. */
  _timerIndex = -1;
  /** The tail of the store operations queue; null when nothing is queued (allocated on use). */
  private _io: Promise<void> | null = null;
  private _tracked: Set<Promise<void>> | null = null;

  constructor(
    private readonly _owner: SessionOwner,
    private readonly _data: SessionData,
    isNew = false,
  ) {
    this._newSession = isNew;
    if (isNew) _data.setDirty(true);
  }

  getSessionData(): SessionData {
    return this._data;
  }
  getSessionHandler(): SessionOwner {
    return this._owner;
  }
  getState(): SessionState {
    return this._state;
  }
  getRequests(): number {
    return this._requests;
  }
  isResident(): boolean {
    return this._resident;
  }
  setResident(resident: boolean): void {
    this._resident = resident;
    if (!resident) this.cancelTimer();
  }
  getExtendedId(): string {
    if (this._extOther !== null) return this._extOther;
    return this._extSuffix === null ? this._data.id : this._data.id + this._extSuffix;
  }
  setExtendedId(ext: string): void {
    const id = this._data.id;
    if (ext.startsWith(id)) {
      this._extOther = null;
      const suffix = this._extSuffix;
      // every request sets it again: the suffix it already has costs no slice and no lookup
      if (suffix !== null && ext.length === id.length + suffix.length && ext.endsWith(suffix)) return;
      // kept as the worker suffix (e.g. ".node0"), one string for every session
      this._extSuffix = ext.length === id.length ? null : internSuffix(ext.slice(id.length));
    } else {
      this._extSuffix = null;
      this._extOther = ext;
    }
  }
  /** True when the extended id is `ext` (compared in place: no string is built). */
  isExtendedId(ext: string): boolean {
    if (this._extOther !== null) return this._extOther === ext;
    const id = this._data.id;
    const suffix = this._extSuffix;
    if (suffix === null) return ext === id;
    return ext.length === id.length + suffix.length && ext.startsWith(id) && ext.endsWith(suffix);
  }
  isIdChanged(): boolean {
    return this._idChanged;
  }
  setIdChanged(b: boolean): void {
    this._idChanged = b;
  }
  isValid(): boolean {
    return this._state === 'VALID';
  }
  isInvalid(): boolean {
    return this._state === 'INVALID' || this._state === 'INVALIDATING';
  }
  isExpiredAt(time: number): boolean {
    return this._data.isExpiredAt(time);
  }
  getCookieSetTime(): number {
    return this._data.getCookieSet();
  }

  /** Runs `fn` after every store operation queued before it; the returned promise settles with it. */
  enqueue<T>(fn: () => Promise<T>): Promise<T> {
    return this.queue((this._io ?? RESOLVED).then(fn, fn));
  }
  /**
   * As enqueue, but when nothing is queued `fn` starts now rather than a microtask later; an operation
   * that finished at once (returned DONE) leaves nothing queued, and DONE is returned.
   */
  enqueueNow(fn: () => Promise<void>): Promise<void> {
    if (this._io !== null) return this.enqueue(fn);
    let run: Promise<void>;
    try {
      run = fn();
    } catch (err) {
      return Promise.reject(err);
    }
    return run === DONE ? DONE : this.queue(run);
  }

  /**
   * True while store work for this session is queued or running. A release's continuation sees its own
   * write already off the queue (the queue's tail is cleared before the caller's reaction runs), so
   * true there means a later request queued another write behind it.
   */
  hasStoreWorkQueued(): boolean {
    return this._io !== null;
  }

  /** Makes `run` the tail of the store queue until it settles. */
  private queue<T>(run: Promise<T>): Promise<T> {
    const tail: Promise<void> = run.then(
      () => {
        if (this._io === tail) this._io = null;
      },
      () => {
        if (this._io === tail) this._io = null;
      },
    );
    this._io = tail;
    return run;
  }

  /** Ties background work (other contexts' invalidation or rename) to this session, for `settled`. */
  track(p: Promise<unknown>): void {
    const t = p.then(
      () => undefined,
      () => undefined,
    );
    const tracked = (this._tracked ??= new Set());
    tracked.add(t);
    void t.then(() => {
      tracked.delete(t);
      if (tracked.size === 0 && this._tracked === tracked) this._tracked = null;
    });
  }
  /** Settles when every queued store operation and tracked background task has. */
  async settled(): Promise<void> {
    for (let i = 0; i < 10 && ((this._tracked !== null && this._tracked.size > 0) || i === 0); i++) {
      await this._io;
      if (this._tracked !== null) await Promise.all([...this._tracked]);
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
  use(): void {
    this._requests++;
    // the request's complete() re-arms it: only mark it off here, the heap entry is dropped lazily
    this._timerDue = -1;
  }

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

  /**
   * Re-arms (or stops) the inactivity timer according to the current state. The timers of one owner
   * share one Node timer (InactivityTimers): a session costs a few fields, not a Timeout and a closure.
   */
  updateInactivityTimer(now = Date.now()): void {
    if (!this._resident || !this.isValid() || this._requests > 0) {
      this.cancelTimer();
      return;
    }
    const ms = this.calculateInactivityTimeout(now);
    if (ms < 0) {
      this.cancelTimer();
      return;
    }
    // as setTimeout(ms) would: due ms from `now` (the clock, unless the caller just read it)
    timersOf(this._owner).arm(this, now + Math.min(ms, MAX_TIMER_MS));
  }

  cancelTimer(): void {
    if (this._timerIndex >= 0) timersOf(this._owner).remove(this);
    this._timerDue = -1;
  }

  hasTimer(): boolean {
    return this._timerDue >= 0;
  }

  /** @internal The inactivity timer is due (called by InactivityTimers). */
  _inactivityTimerFired(now: number): void {
    this._owner.sessionInactivityTimerExpired(this, now);
  }

  checkValidForRead(): void {
    if (this._state === 'INVALID') throw new IllegalStateError(`Cannot read session '${this._data.id}': Invalid for read`);
    if (!this._resident) throw new IllegalStateError(`Cannot read session '${this._data.id}': Invalid for read: not resident`);
  }

  checkValidForWrite(): void {
    if (this._state === 'INVALID') throw new IllegalStateError(`Cannot write session '${this._data.id}': Not valid for write`);
    if (!this._resident) throw new IllegalStateError(`Cannot write session '${this._data.id}': Not valid for write: not resident`);
  }

  // --- HttpSession ---
  getId(): string {
    return this._data.id;
  }
  getCreationTime(): number {
    this.checkValidForRead();
    return this._data.getCreated();
  }
  getLastAccessedTime(): number {
    this.checkValidForRead();
    return this._data.getLastAccessed();
  }
  getServletContext(): ServletContext {
    return this._owner.getServletContext();
  }

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
  getAttribute(name: string): unknown {
    this.checkValidForRead();
    return this._data.getAttribute(name) ?? null;
  }
  getAttributeNames(): string[] {
    this.checkValidForRead();
    return this._data.getKeys();
  }
  /** The deprecated servlet 2.2 names of getAttribute / getAttributeNames. */
  getValue(name: string): unknown {
    return this.getAttribute(name);
  }
  getNames(): Set<string> {
    return new Set(this.getAttributeNames());
  }
  /** How many attributes the session has. */
  getAttributes(): number {
    return this._data.getKeys().length;
  }
  getContextPath(): string {
    return this._data.getContextPath();
  }
  getVHost(): string {
    return this._data.getVhost();
  }
  isChanging(): boolean {
    return this._state === 'CHANGING';
  }

  setAttribute(name: string, value: unknown): void {
    this.checkValidForWrite();
    if (value === undefined) value = null;
    const old = this._data.setAttribute(name, value);
    if (value === null && old === undefined) return;
    if (value === null || value !== old) this._owner.doSessionAttributeListeners(this, name, old ?? null, value);
  }

  removeAttribute(name: string): void {
    this.setAttribute(name, null);
  }

  invalidate(): void {
    this._owner.invalidateSession(this);
  }

  isNew(): boolean {
    this.checkValidForRead();
    return this._newSession;
  }

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
    if (this._state !== 'VALID')
      throw new IllegalStateError(`Cannot change the id of session '${this._data.id}': the session is ${this._state.toLowerCase()}`);
    this._state = 'CHANGING';
  }
  endRenew(): void {
    if (this._state === 'CHANGING') this._state = 'VALID';
  }

  toString(): string {
    return `Session@${this._data.id}{state=${this._state},requests=${this._requests},resident=${this._resident}}`;
  }
}

const RESOLVED: Promise<void> = Promise.resolve();
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Timers due together are fired this many at a time, yielding to the event loop in between. */
const FIRE_BATCH = 100;

const SUFFIXES = new Map<string, string>();
/** One string per distinct extended-id suffix (the worker name part), bounded. */
function internSuffix(suffix: string): string {
  const known = SUFFIXES.get(suffix);
  if (known !== undefined) return known;
  if (SUFFIXES.size < 64) SUFFIXES.set(suffix, suffix);
  return suffix;
}

/** Where an owner keeps the timers of its sessions: a property that lives and dies with the owner (read on every release). */
const TIMERS = Symbol('Session.inactivityTimers');
function timersOf(owner: SessionOwner): InactivityTimers {
  const holder = owner as SessionOwner & { [TIMERS]?: InactivityTimers };
  return (holder[TIMERS] ??= new InactivityTimers());
}

/**
 * The inactivity timers of the sessions of one owner (Jetty gives each Session its own timer; here one
 * Node timer serves them all): a min-heap of sessions by due time, with the Node timer set for the
 * earliest. Re-arming a session to a later time only moves its due time; its heap entry is re-filed
 * when it comes up. Sessions due together fire in batches, so that 1,000 expiring at once do not hold
 * the event loop.
 */
class InactivityTimers {
  private readonly _heap: Session[] = [];
  private _timer: NodeJS.Timeout | null = null;
  private _timerAt = Infinity;
  private _continuing = false;

  /** Sessions filed (armed or waiting to be dropped). */
  size(): number {
    return this._heap.length;
  }

  arm(session: Session, due: number): void {
    session._timerDue = due;
    if (session._timerIndex < 0) {
      session._timerKey = due;
      session._timerIndex = this._heap.length;
      this._heap.push(session);
      this.siftUp(session._timerIndex);
    } else if (due < session._timerKey) {
      session._timerKey = due;
      this.siftUp(session._timerIndex);
    }
    if (due < this._timerAt) this.schedule();
  }

  remove(session: Session): void {
    const i = session._timerIndex;
    if (i < 0) return;
    const heap = this._heap;
    const last = heap.pop() as Session;
    session._timerIndex = -1;
    if (last !== session) {
      heap[i] = last;
      last._timerIndex = i;
      this.siftDown(i);
      this.siftUp(last._timerIndex);
    }
    if (heap.length === 0) this.clearTimer();
  }

  private clearTimer(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
    this._timerAt = Infinity;
  }

  private schedule(): void {
    if (this._continuing) return;
    const top = this._heap[0];
    if (top === undefined) {
      this.clearTimer();
      return;
    }
    if (this._timer !== null && this._timerAt <= top._timerKey) return;
    if (this._timer !== null) clearTimeout(this._timer);
    const delay = Math.min(Math.max(top._timerKey - Date.now(), 0), MAX_TIMER_MS);
    this._timerAt = top._timerKey;
    this._timer = setTimeout(() => {
      this._timer = null;
      this._timerAt = Infinity;
      this.fire();
    }, delay);
    this._timer.unref();
  }

  private fire(): void {
    this._continuing = false;
    const heap = this._heap;
    const now = Date.now();
    let fired = 0;
    while (heap.length > 0 && heap[0]._timerKey <= now) {
      const s = heap[0];
      if (s._timerDue > now) {
        // re-armed later since it was filed: file it under its real due time
        s._timerKey = s._timerDue;
        this.siftDown(0);
        continue;
      }
      if (s._timerDue >= 0 && fired === FIRE_BATCH) {
        // let the event loop run before the next batch
        this._continuing = true;
        setImmediate(() => this.fire());
        return;
      }
      this.remove(s);
      if (s._timerDue < 0) continue;
      s._timerDue = -1;
      fired++;
      try {
        s._inactivityTimerFired(now);
      } catch (err) {
        SESSION_LOG.warn(`Cannot handle the inactivity timer of session '${s.getId()}': ${(err as Error).message}`, err);
      }
    }
    this.schedule();
  }

  private less(a: number, b: number): boolean {
    return this._heap[a]._timerKey < this._heap[b]._timerKey;
  }

  private swap(a: number, b: number): void {
    const heap = this._heap;
    const x = heap[a];
    heap[a] = heap[b];
    heap[b] = x;
    heap[a]._timerIndex = a;
    heap[b]._timerIndex = b;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this._heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const m = r < n && this.less(r, l) ? r : l;
      if (!this.less(m, i)) return;
      this.swap(i, m);
      i = m;
    }
  }
}
