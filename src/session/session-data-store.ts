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
}

/** Makes a SessionDataStore for one SessionHandler (org.eclipse.jetty.server.session.SessionDataStoreFactory). */
export interface SessionDataStoreFactory {
  getSessionDataStore(handler: unknown): SessionDataStore;
}

/** True if `obj` looks like a SessionDataStoreFactory (used to find the Server bean). */
export function isSessionDataStoreFactory(obj: unknown): obj is SessionDataStoreFactory {
  return typeof obj === 'object' && obj !== null && typeof (obj as SessionDataStoreFactory).getSessionDataStore === 'function';
}
