/**
 * The in-memory session map of a HashSessionManager: the 9.4 DefaultSessionCache plus the legacy
 * operations (restore, save, idle) and activation at first use.
 * @module
 */
import { DefaultSessionCache } from '../default-session-cache';
import type { Session, SessionOwner } from '../session';
import { HashSessionDataStore } from './hash-session-data-store';
import { SESSION_LOG } from '../session-log';

/** Sessions written concurrently at stop. */
const SHUTDOWN_BATCH = 64;

/** The manager side of activation: listeners registered on the manager that want activation events. */
export interface ActivationOwner extends SessionOwner {
  fireActivation(session: Session, kind: 'sessionWillPassivate' | 'sessionDidActivate'): void;
}

/**
 * Jetty 9.3 kept its sessions in a ConcurrentHashMap inside HashSessionManager; here that map is Jetty
 * 9.4's DefaultSessionCache (NEVER_EVICT) over a {@link HashSessionDataStore}, so requests share one
 * Session object, counting and expiry work exactly as in the 9.4 handler.
 *
 * A session that comes back from its file (eager restore, lazy load, de-idle) is activated when the first
 * request gets it, never before: `sessionDidActivate` then runs after the context's listeners.
 */
export class HashSessionCache extends DefaultSessionCache {
  private readonly _pendingActivation = new WeakSet<Session>();

  constructor(
    private readonly _owner: ActivationOwner,
    private readonly _store: HashSessionDataStore,
  ) {
    super(_owner);
    this.setSessionDataStore(_store);
  }

  getHashSessionDataStore(): HashSessionDataStore {
    return this._store;
  }

  protected override async loadSession(id: string): Promise<Session | null> {
    const session = await super.loadSession(id);
    if (session) this._pendingActivation.add(session);
    return session;
  }

  /** A request takes the session: a restored one is activated now, by its first request. */
  protected override useResident(session: Session | null): Session | null {
    const used = super.useResident(session);
    if (used && this._pendingActivation.has(used)) {
      this._pendingActivation.delete(used);
      this.activate(used);
    }
    return used;
  }

  /** Brings a stored session into memory without counting a request or activating it (eager restore). */
  async restore(id: string): Promise<Session | null> {
    return this.doComputeIfAbsent(id, (i) => this.loadSession(i));
  }

  /** Every session in memory now. */
  sessions(): Session[] {
    return this.doGetAll();
  }

  /** True when this session was restored and no request has used it yet. */
  isAwaitingActivation(session: Session): boolean {
    return this._pendingActivation.has(session);
  }

  /** willPassivate, write the file; then didActivate when the session stays in use (`reactivate`). */
  async save(session: Session, reactivate: boolean): Promise<void> {
    if (!session.isValid()) return;
    await session.enqueue(async () => {
      if (!session.isValid()) return;
      const data = session.getSessionData();
      if (!this._pendingActivation.has(session)) this.passivate(session);
      const dirty = data.isDirty();
      try {
        await this._store.save(data);
        data.setLastSaved(Date.now());
        data.setDirty(false);
        data.setMetaDataDirty(false);
      } catch (err) {
        data.setDirty(dirty);
        throw err;
      } finally {
        if (reactivate && !this._pendingActivation.has(session)) this.activate(session);
      }
    });
  }

  /**
   * idleSavePeriod: writes an unused session to its file and drops it (with its attribute values) from
   * memory; the next request for its id reads it back. Skipped while a request uses the session.
   */
  async idle(session: Session): Promise<boolean> {
    if (!session.isValid() || session.getRequests() > 0 || this._store.getStoreDirectory() === null) return false;
    await this.save(session, false);
    if (session.getRequests() > 0 || !session.isValid()) {
      this.activate(session);
      return false;
    }
    session.cancelTimer();
    this.evict(session);
    return true;
  }

  /**
   * At stop: with a storeDirectory every valid session is saved (not invalidated: no sessionDestroyed) and
   * dropped; without one every session is invalidated, as in Jetty 9.3. Repeats to catch late arrivals.
   */
  override async shutdown(): Promise<void> {
    if (this._store.getStoreDirectory() === null) {
      this.setInvalidateOnShutdown(true);
      return super.shutdown();
    }
    for (let loop = 0; loop < 100; loop++) {
      const all = this.doGetAll();
      if (all.length === 0) break;
      for (let i = 0; i < all.length; i += SHUTDOWN_BATCH) {
        await Promise.all(
          all.slice(i, i + SHUTDOWN_BATCH).map(async (session) => {
            try {
              await this.save(session, false);
            } catch (err) {
              SESSION_LOG.warn(`Cannot save session '${session.getId()}' at shutdown: ${(err as Error).message}`, err);
            }
            session.cancelTimer();
            if (this.doGet(session.getId()) === session) this.doDelete(session.getId());
            session.setResident(false);
          }),
        );
      }
    }
  }

  private passivate(session: Session): void {
    this.willPassivate(session);
    this._owner.fireActivation(session, 'sessionWillPassivate');
  }

  private activate(session: Session): void {
    this.didActivate(session);
    const data = session.getSessionData();
    const dirty = data.isDirty();
    try {
      this._owner.fireActivation(session, 'sessionDidActivate');
    } finally {
      data.setDirty(dirty);
    }
  }
}
