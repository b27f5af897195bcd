/**
 * The L1 cache of live Session objects, one per context (org.eclipse.jetty.server.session.SessionCache),
 * and the factory contract the Server bean implements.
 * @module
 */
import type { LifeCycle } from '../util/component/life-cycle';
import type { Session } from './session';
import type { SessionContext } from './session-context';
import type { SessionDataStore } from './session-data-store';

export interface SessionCache extends LifeCycle {
  /** NEVER_EVICT: keep a session in memory until it is invalidated. */
  initialize(context: SessionContext): Promise<void> | void;
  getSessionDataStore(): SessionDataStore | null;
  setSessionDataStore(store: SessionDataStore): void;
  /** A new Session (not yet in the cache); saved at once when saveOnCreate. */
  newSession(id: string, time: number, maxInactiveMs: number): Session;
  /** Puts a new session in the cache, makes it resident and counts the creating request. */
  add(id: string, session: Session): void;
  /** The session for `id` (loaded from the store if needed), its request count raised; null if none. */
  get(id: string): Promise<Session | null>;
  /**
   * get() without a promise when the session is in memory: the Session with its request count raised,
   * null when it is no longer usable, undefined when it must be loaded (call get()). A SessionHandler
   * uses it so that a request for a cached session costs no promise.
   */
  getResident(id: string): Session | null | undefined;
  /** A request leaves the session: the last one writes it and may evict it. */
  release(id: string, session: Session): Promise<void>;
  /** The response is committing: writes a dirty session when flushOnResponseCommit. */
  commit(session: Session): Promise<void>;
  /** Removes from the cache and the store; the Session object if the cache had or loaded one. */
  delete(id: string): Promise<Session | null>;
  exists(id: string): Promise<boolean>;
  contains(id: string): boolean;
  /** Of the candidates, the ids expired in the store and not in use by a request here. */
  checkExpiration(candidates: ReadonlySet<string>): Promise<Set<string>>;
  /** Evicts the session if the policy says it has been idle long enough. */
  checkInactiveSession(session: Session): Promise<void>;
  /** Moves a session to a new id in memory; the store rename is queued on the session. */
  renewSessionId(oldId: string, newId: string, oldExtendedId: string, newExtendedId: string): Promise<Session | null>;
  /** Writes out (or invalidates) every cached session at stop. */
  shutdown(): Promise<void>;
  getEvictionPolicy(): number;
  isSaveOnCreate(): boolean;
  isFlushOnResponseCommit(): boolean;
  isRemoveUnloadableSessions(): boolean;
  isSaveOnInactiveEviction(): boolean;
  isInvalidateOnShutdown(): boolean;
}

/** Makes the SessionCache of a SessionHandler (org.eclipse.jetty.server.session.SessionCacheFactory). */
export interface SessionCacheFactory {
  getSessionCache(handler: unknown): SessionCache;
}

export function isSessionCacheFactory(obj: unknown): obj is SessionCacheFactory {
  return typeof obj === 'object' && obj !== null && typeof (obj as SessionCacheFactory).getSessionCache === 'function';
}
