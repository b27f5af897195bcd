/**
 * Shared logic of the session caches (org.eclipse.jetty.server.session.AbstractSessionCache): sharing one
 * Session among concurrent requests, writing at the last release, eviction, id renewal and shutdown.
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';
import { IllegalStateError, UnreadableSessionDataError } from './errors';
import { Session, type SessionOwner } from './session';
import type { SessionCache } from './session-cache';
import type { SessionContext } from './session-context';
import type { SessionData } from './session-data';
import { renewInStore, type SessionDataStore } from './session-data-store';
import { HttpSessionEvent, isHttpSessionActivationListener } from './session-listeners';
import { NullSessionDataStore } from './null-session-data-store';
import { DONE } from './done';
import { SESSION_LOG } from './session-log';
import { EVICT_ON_SESSION_EXIT, NEVER_EVICT, SESSION_CACHE_SETTINGS } from './session-cache-settings';
import { describeSettings, exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from './store-settings';

/**
 * Jetty's AbstractSessionCache. XML properties (SESSION_CACHE_SETTINGS): `evictionPolicy` (-1 NEVER_EVICT, 0
 * EVICT_ON_SESSION_EXIT, n > 0 seconds of inactivity), `saveOnInactiveEviction`, `saveOnCreate`,
 * `removeUnloadableSessions`, `invalidateOnShutdown`, `flushOnResponseCommit` (all false by default),
 * `sessionDataStore`. Subclasses supply the map operations `doGet`, `doPutIfAbsent`, `doDelete`.
 */
@JettyClass('org.eclipse.jetty.server.session.AbstractSessionCache', {
  implements: ['org.eclipse.jetty.server.session.SessionCache'],
  abstract: true,
})
export abstract class AbstractSessionCache extends ContainerLifeCycle implements SessionCache {
  static readonly NEVER_EVICT = NEVER_EVICT;
  static readonly EVICT_ON_SESSION_EXIT = EVICT_ON_SESSION_EXIT;
  static readonly EVICT_ON_INACTIVITY = 1;

  protected _sessionDataStore: SessionDataStore | null = null;
  protected _context: SessionContext | null = null;
  /** Pier: lookups answered from memory, and lookups that had to ask the store (the metrics module reads them). */
  private _hits = 0;
  private _misses = 0;
  /** evictionPolicy, saveOnInactiveEviction, saveOnCreate, ... (SESSION_CACHE_SETTINGS), with the cache's defaults. */
  readonly settings = storeSettingDefaults(SESSION_CACHE_SETTINGS);

  constructor(protected readonly _handler: SessionOwner) {
    super();
  }

  /** The cached session, or undefined. */
  protected abstract doGet(id: string): Session | undefined;
  /** Puts the session unless the id is present; returns the present one, or undefined when put. */
  protected abstract doPutIfAbsent(id: string, session: Session): Session | undefined;
  /** Removes and returns the cached session, or null. */
  protected abstract doDelete(id: string): Session | null;
  /** All cached sessions (empty for caches that keep none). */
  protected abstract doGetAll(): Session[];

  /**
   * Finds or loads a session; the default loads every time. DefaultSessionCache overrides it so that
   * concurrent misses for one id share one load and one Session object.
   */
  protected async doComputeIfAbsent(id: string, loader: (id: string) => Promise<Session | null>): Promise<Session | null> {
    return this.doGet(id) ?? loader(id);
  }

  /** Wraps loaded data (non-new). */
  protected newSessionFromData(data: SessionData): Session {
    return new Session(this._handler, data, false);
  }

  getSessionHandler(): SessionOwner {
    return this._handler;
  }

  async initialize(context: SessionContext): Promise<void> {
    if (this.isStarted() || this.isStarting()) throw new IllegalStateError('Cannot set the SessionContext: context set after SessionCache started');
    this._context = context;
  }

  protected override async doStart(): Promise<void> {
    if (!this._context) throw new IllegalStateError(`Cannot start ${this.constructor.name}: No SessionContext`);
    if (!this._sessionDataStore) this.setSessionDataStore(new NullSessionDataStore());
    await this._sessionDataStore!.initialize(this._context);
    await super.doStart();
  }

  protected override async doStop(): Promise<void> {
    await super.doStop();
  }

  @Expose() getSessionDataStore(): SessionDataStore | null {
    return this._sessionDataStore;
  }
  @Expose('org.eclipse.jetty.server.session.SessionDataStore')
  setSessionDataStore(store: SessionDataStore): void {
    if (this.isStarted() || this.isStarting()) throw new IllegalStateError('Cannot set the SessionDataStore: the SessionCache is running');
    this.updateBean(this._sessionDataStore, store, true);
    this._sessionDataStore = store;
  }

  private store(): SessionDataStore {
    if (!this._sessionDataStore) throw new IllegalStateError(`Cannot use ${this.constructor.name}: no SessionDataStore`);
    return this._sessionDataStore;
  }

  /** Loads data from the store and wraps it; unreadable data is deleted first when removeUnloadableSessions. */
  protected async loadSession(id: string): Promise<Session | null> {
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Session {} not found locally in {}, attempting to load', id, this);
    let data: SessionData | null;
    try {
      data = await this.store().load(id);
    } catch (err) {
      if (err instanceof UnreadableSessionDataError && this.settings.removeUnloadableSessions) {
        try {
          await this.store().delete(id);
        } catch {
          /* reported by the rethrow below */
        }
      }
      throw err;
    }
    if (!data) return null;
    data.setLastNode(this._context?.getWorkerName() ?? '');
    const session = this.newSessionFromData(data);
    session.setResident(true);
    return session;
  }

  newSession(id: string, time: number, maxInactiveMs: number): Session {
    const data = this.store().newSessionData(id, time, time, time, maxInactiveMs);
    data.setLastNode(this._context?.getWorkerName() ?? '');
    const session = new Session(this._handler, data, true);
    if (this.settings.saveOnCreate) {
      void session
        .enqueue(() => this.store().store(id, data))
        .catch((err) => {
          SESSION_LOG.warn(`Cannot save new session '${id}' on create: ${(err as Error).message}`, err);
        });
    }
    return session;
  }

  add(id: string, session: Session): void {
    if (!session.isValid()) throw new IllegalStateError(`Cannot add session '${id}': Session is not valid`);
    if (this.doPutIfAbsent(id, session) !== undefined) throw new IllegalStateError(`Cannot add session '${id}': Session ${id} already in cache`);
    session.setResident(true);
    session.use();
  }

  get(id: string): Promise<Session | null> {
    // a session in memory needs no loader and no async frame of its own
    const resident = this.getResident(id);
    if (resident !== undefined) return Promise.resolve(resident);
    this._misses++;
    return this.doComputeIfAbsent(id, (i) => this.loadSession(i)).then((s) => this.useResident(s));
  }

  /**
   * get() without a promise for a session in memory: the Session with one more request counted, null
   * when it is no longer resident, undefined when it is not in memory (get() then loads it). The
   * SessionHandler tries this first; a subclass changes what a request's get does in useResident.
   * Hot path: stays synchronous (a map lookup, a counter, a debug check that is one comparison).
   */
  getResident(id: string): Session | null | undefined {
    const cached = this.doGet(id);
    if (cached === undefined) return undefined;
    this._hits++;
    return this.useResident(cached);
  }

  /**
   * Pier: session lookups (a request's, an id renewal's) that found the Session in this cache. Jetty's
   * caches count their size only (DefaultSessionCache's sessionsCurrent, sessionsMax, sessionsTotal).
   */
  @Expose() getHits(): number {
    return this._hits;
  }
  /** Pier: lookups that did not find the Session in memory and so asked the store, found there or not (concurrent lookups of one id share one load, each is counted). */
  @Expose() getMisses(): number {
    return this._misses;
  }

  /** A request takes the session get() found: one more request on it; null when it is not resident any more. */
  protected useResident(session: Session | null): Session | null {
    if (!session || !session.isResident()) return null;
    session.use();
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Session {} in use, active requests={}', session.getId(), session.getRequests());
    return session;
  }

  /** Pier: the ids of the sessions in this cache now (the session console lists them beside the store's). */
  getResidentSessionIds(): string[] {
    return this.doGetAll().map((s) => s.getId());
  }

  /** The cached Session for `id` without counting a request on it, or null. */
  peek(id: string): Session | null {
    return this.doGet(id) ?? null;
  }

  /** With a string: is a Session with this id in the cache? (Otherwise ContainerLifeCycle's bean check.) */
  override contains(id: unknown): boolean {
    return typeof id === 'string' ? this.doGet(id) !== undefined : super.contains(id);
  }

  async exists(id: string): Promise<boolean> {
    const s = this.doGet(id);
    if (s) return s.isValid();
    return this.store().exists(id);
  }

  // An attribute value implements either method of HttpSessionActivationListener or both (Servlet 4.0
  // gives them default bodies), so each is called only when present.
  protected willPassivate(session: Session): void {
    const event = new HttpSessionEvent(session);
    for (const v of session.getSessionData().getAllAttributes().values()) {
      if (isHttpSessionActivationListener(v)) v.sessionWillPassivate?.(event);
    }
  }

  protected didActivate(session: Session): void {
    const data = session.getSessionData();
    const dirty = data.isDirty();
    const event = new HttpSessionEvent(session);
    try {
      for (const v of data.getAllAttributes().values()) {
        if (isHttpSessionActivationListener(v)) v.sessionDidActivate?.(event);
      }
    } finally {
      data.setDirty(dirty);
    }
  }

  /**
   * A request leaves the session. The last one writes it through the session's store queue, then the
   * eviction policy applies (also after a failed write; the error goes to the caller). The write
   * starts at once when the session has no store work queued, and its promise is continued rather than
   * awaited in async frames; a release with nothing to wait for (another request still in the session,
   * a NullSessionDataStore write) finishes synchronously and returns DONE.
   */
  release(id: string, session: Session): Promise<void> {
    if (!session) return DONE;
    try {
      if (!session.isValid()) {
        // Invalid sessions are not written; still let any queued store work finish.
        session.complete();
        return session.settled();
      }
      session.complete();
      if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Session {} complete, active requests={}', id, session.getRequests());
      if (session.getRequests() > 0) {
        if (session.isResident() && !this.doGet(id)) this.doPutIfAbsent(id, session);
        return DONE;
      }
      session.setIdChanged(false);
      const store = this.store();
      const passivating = store.isPassivating();
      const writing = session.enqueueNow(() => this.storeOnRelease(session, store, passivating));
      if (writing === DONE) {
        this.afterRelease(session, passivating);
        return DONE;
      }
      return writing.then(
        () => this.afterRelease(session, passivating),
        (err: unknown) => {
          this.afterRelease(session, passivating, false);
          throw err;
        },
      );
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The write of the last release (queued on the session): nothing when it was invalidated meanwhile. */
  private storeOnRelease(session: Session, store: SessionDataStore, passivating: boolean): Promise<void> {
    if (!session.isValid()) return DONE;
    if (passivating) this.willPassivate(session);
    return store.store(session.getId(), session.getSessionData());
  }

  /**
   * After the last release's write: evict (EVICT_ON_SESSION_EXIT) or keep it cached, reactivated. A
   * session whose write failed (its store is down) is kept in memory whatever the policy, so that the
   * next release writes it instead of the change being lost.
   *
   * EVICT_ON_SESSION_EXIT evicts only when the store holds everything the Session object holds: no
   * request is in it and no later release queued a write behind this one. Jetty gets this by holding
   * the session's lock across the write and the eviction; here a request that arrives while the write
   * runs finds the object still cached and uses it, and the write of the last request out evicts. An
   * eviction before a queued write finished would let the next request load the older copy from the
   * store, and that request's write would then overwrite the queued one: a lost update on one node.
   */
  private afterRelease(session: Session, passivating: boolean, written = true): void {
    if (
      written &&
      this.settings.evictionPolicy === AbstractSessionCache.EVICT_ON_SESSION_EXIT &&
      session.getRequests() === 0 &&
      !session.hasStoreWorkQueued()
    ) {
      this.evict(session);
    } else {
      if (session.isResident() && session.isValid() && !this.doGet(session.getId())) this.doPutIfAbsent(session.getId(), session);
      if (passivating && session.isValid()) this.didActivate(session);
    }
  }

  /** Drops a session from memory without writing it. */
  protected evict(session: Session): void {
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Evicting session {}', session.getId());
    if (this.doGet(session.getId()) === session) this.doDelete(session.getId());
    session.setResident(false);
  }

  async commit(session: Session): Promise<void> {
    if (!session || !this.settings.flushOnResponseCommit || !session.isValid()) return;
    const data = session.getSessionData();
    if (!data.isDirty()) return;
    const passivating = this.store().isPassivating();
    await session.enqueue(async () => {
      if (!session.isValid() || !data.isDirty()) return;
      if (passivating) this.willPassivate(session);
      try {
        await this.store().store(session.getId(), data);
      } finally {
        if (passivating) this.didActivate(session);
      }
    });
  }

  async delete(id: string): Promise<Session | null> {
    let session: Session | null = this.doGet(id) ?? null;
    if (!session) session = await this.doComputeIfAbsent(id, (i) => this.loadSession(i));
    const run = () => this.store().delete(id);
    if (session) await session.enqueue(run);
    else await run();
    if (session) session.setResident(false);
    return this.doDelete(id);
  }

  async checkExpiration(candidates: ReadonlySet<string>): Promise<Set<string>> {
    const expired = await this.store().getExpired(candidates);
    for (const id of [...expired]) {
      const s = this.doGet(id);
      if (s && s.getRequests() > 0) expired.delete(id);
    }
    return expired;
  }

  async checkInactiveSession(session: Session): Promise<void> {
    if (!session || this.settings.evictionPolicy <= 0) return;
    const now = Date.now();
    const data = session.getSessionData();
    if (now - data.getAccessed() < this.settings.evictionPolicy * 1000) return;
    if (!session.isValid() || !session.isResident() || session.getRequests() > 0) return;
    try {
      if (this.settings.saveOnInactiveEviction) {
        await session.enqueue(async () => {
          if (!session.isValid() || session.getRequests() > 0) return;
          if (this.store().isPassivating()) this.willPassivate(session);
          data.setDirty(true);
          await this.store().store(session.getId(), data);
        });
      }
    } catch (err) {
      SESSION_LOG.warn(`Cannot save session '${session.getId()}' before eviction: ${(err as Error).message}`, err);
    }
    if (session.getRequests() === 0 && session.isValid()) this.evict(session);
  }

  /** Renames a session of this context that another context renewed (`_oldExtendedId` is unused, as in Jetty). */
  async renewSessionId(oldId: string, newId: string, _oldExtendedId: string, newExtendedId: string): Promise<Session | null> {
    const session = await this.get(oldId);
    if (!session) return null;
    try {
      this.renameInMemory(session, oldId, newId, newExtendedId);
      await this.persistRename(session, oldId);
      return session;
    } finally {
      await this.release(newId, session);
    }
  }

  /** The synchronous half of an id renewal: the Session and the map move to the new id. */
  renameInMemory(session: Session, oldId: string, newId: string, newExtendedId: string): void {
    const data = session.getSessionData();
    data.setId(newId);
    data.setLastSaved(0);
    data.setDirty(true);
    session.setExtendedId(newExtendedId);
    session.setIdChanged(true);
    if (this.doGet(oldId) === session) {
      this.doDelete(oldId);
      this.doPutIfAbsent(newId, session);
    }
  }

  /**
   * The asynchronous half, in the session's queue: the session is written under its new id before the
   * old record goes (one durable step where the store can), so a crash in between never loses it.
   */
  persistRename(session: Session, oldId: string): Promise<void> {
    return session.enqueue(async () => {
      if (session.isValid() || session.getState() === 'CHANGING') await renewInStore(this.store(), oldId, session.getId(), session.getSessionData());
      else await this.store().delete(oldId);
    });
  }

  async shutdown(): Promise<void> {
    if (SESSION_LOG.isDebugEnabled()) SESSION_LOG.debug('Shutdown sessions, invalidating = {}', this.settings.invalidateOnShutdown);
    for (let loop = 0; loop < 100; loop++) {
      const all = this.doGetAll();
      if (all.length === 0) break;
      for (const session of all) {
        if (this.settings.invalidateOnShutdown) {
          try {
            if (session.isValid()) session.invalidate();
          } catch (err) {
            SESSION_LOG.warn(`Cannot invalidate session '${session.getId()}' at shutdown: ${(err as Error).message}`, err);
          }
          await session.settled();
          this.doDelete(session.getId());
          session.setResident(false);
          continue;
        }
        try {
          if (session.isValid()) {
            await session.enqueue(async () => {
              if (this.store().isPassivating()) this.willPassivate(session);
              await this.store().store(session.getId(), session.getSessionData());
            });
          }
        } catch (err) {
          SESSION_LOG.warn(`Cannot save session '${session.getId()}' at shutdown: ${(err as Error).message}`, err);
        }
        this.doDelete(session.getId());
        session.setResident(false);
      }
    }
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}${describeSettings(this.settings)}`;
  }
}

// Jetty's setters and getters of the cache's settings (setEvictionPolicy, isSaveOnInactiveEviction, ...), from SESSION_CACHE_SETTINGS
export interface AbstractSessionCache extends StoreSettingAccessors<typeof SESSION_CACHE_SETTINGS> {}
exposeStoreSettings(AbstractSessionCache, SESSION_CACHE_SETTINGS, { fixedWhileRunning: true, side: 'component' });
