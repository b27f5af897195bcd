/**
 * Pier: what a session store holds for its context, listed without loading any session (no Jetty
 * class: Jetty's stores answer only by id). The session tool (`bin/start --sessions`) and the session
 * console page, count and purge from it, and load only the sessions they show.
 * @module
 */
import type { SessionData } from './session-data';
import type { SessionDataStore } from './session-data-store';

/** One stored session of the store's context: its id and expiry (ms since the epoch, 0 = never). */
export interface StoredSessionEntry {
  readonly id: string;
  readonly expiry: number;
}

/** A store that can list the sessions it holds for its context. */
export interface SessionStoreIndex {
  /** Every session stored for this context, expired ones included, in no particular order. */
  getStoredSessions(): Promise<StoredSessionEntry[]>;
}

/**
 * A store that writes many new sessions at once (the session tool's import): fewer round trips than one
 * `store` per session. Every session given is one the store does not hold.
 */
export interface SessionBulkImport {
  insertAll(sessions: readonly SessionData[]): Promise<void>;
}

/** True when `store` can insert many new sessions at once. */
export function hasSessionBulkImport(store: SessionDataStore | null | undefined): store is SessionDataStore & SessionBulkImport {
  return !!store && typeof (store as Partial<SessionBulkImport>).insertAll === 'function';
}

/** True when `store` can list its sessions. */
export function hasSessionStoreIndex(store: SessionDataStore | null | undefined): store is SessionDataStore & SessionStoreIndex {
  return !!store && typeof (store as Partial<SessionStoreIndex>).getStoredSessions === 'function';
}

/**
 * The index of `store`: the store itself, or for a decorator that keeps an authoritative store behind it
 * (CachingSessionDataStore's `getSessionDataStore()`), that store's; null when there is none.
 */
export function findSessionStoreIndex(store: SessionDataStore | null | undefined): SessionStoreIndex | null {
  for (let s: unknown = store, depth = 0; s && depth < 8; depth++) {
    if (hasSessionStoreIndex(s as SessionDataStore)) return s as SessionStoreIndex;
    const inner = (s as { getSessionDataStore?: () => unknown }).getSessionDataStore;
    s = typeof inner === 'function' ? inner.call(s) : null;
  }
  return null;
}
