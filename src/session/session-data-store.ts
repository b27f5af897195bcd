/**
 * The authoritative session persistence contract (org.eclipse.jetty.server.session.SessionDataStore):
 * a SessionDataMap that also creates data, answers existence and finds expired sessions.
 * @module
 */
import type { SessionData } from './session-data';
import type { SessionDataMap } from './session-data-map';

export interface SessionDataStore extends SessionDataMap {
  /** New, dirty SessionData for this store's context. */
  newSessionData(id: string, created: number, accessed: number, lastAccessed: number, maxInactiveMs: number): SessionData;
  /** Of the candidates (and whatever else the store finds), the ids that are expired now. */
  getExpired(candidates: ReadonlySet<string>): Promise<Set<string>>;
  /** True if the store serialises data, so activation listeners must be called around writes. */
  isPassivating(): boolean;
  /** True if data for `id` is present and not expired (immortal counts as present). */
  exists(id: string): Promise<boolean>;
  /**
   * Pier: moves a session to a new id (changeSessionId): `data` is written under `newId` before `oldId`
   * is removed, in one durable step where the store can, so that no crash leaves the session under
   * neither id. The old id is removed even when the write fails (it must not stay usable), and the
   * write's error is thrown. A store without it gets `store(newId)` then `delete(oldId)` (renewInStore).
   */
  renew?(oldId: string, newId: string, data: SessionData): Promise<void>;
}

/**
 * Moves a session to `newId` in `store`: its own `renew` when it has one, else a write under the new id
 * followed by the removal of the old one (Jetty 9.4 removes first, which a crash in between turns into a
 * lost session). The old id goes even when the write fails, and the write's error is rethrown.
 */
export async function renewInStore(store: SessionDataStore, oldId: string, newId: string, data: SessionData): Promise<void> {
  if (typeof store.renew === 'function') return store.renew(oldId, newId, data);
  try {
    await store.store(newId, data);
  } finally {
    await store.delete(oldId);
  }
}

/** Makes a SessionDataStore for one SessionHandler (org.eclipse.jetty.server.session.SessionDataStoreFactory). */
export interface SessionDataStoreFactory {
  getSessionDataStore(handler: unknown): SessionDataStore;
}

/** True if `obj` looks like a SessionDataStoreFactory (used to find the Server bean). */
export function isSessionDataStoreFactory(obj: unknown): obj is SessionDataStoreFactory {
  return typeof obj === 'object' && obj !== null && typeof (obj as SessionDataStoreFactory).getSessionDataStore === 'function';
}
