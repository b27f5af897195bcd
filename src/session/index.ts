/**
 * Sessions as Jetty 9.4 does them (org.eclipse.jetty.server.session): the public doorway of src/session.
 * Importing it loads no optional store backend except the file store.
 * @module
 */
export { SessionHandler } from './session-handler';
export { Session, type SessionState } from './session';
export { SessionData } from './session-data';
export { SessionContext, canonicalizeContextPath, sanitizeFileSystemName, type SessionContextHost } from './session-context';
export type { SessionCache, SessionCacheFactory } from './session-cache';
export { AbstractSessionCache } from './abstract-session-cache';
export { DefaultSessionCache } from './default-session-cache';
export { NullSessionCache } from './null-session-cache';
export { AbstractSessionCacheFactory } from './abstract-session-cache-factory';
export { DefaultSessionCacheFactory } from './default-session-cache-factory';
export { NullSessionCacheFactory } from './null-session-cache-factory';
export type { SessionDataMap, SessionDataMapFactory } from './session-data-map';
export type { SessionDataStore, SessionDataStoreFactory } from './session-data-store';
export { AbstractSessionDataStore } from './abstract-session-data-store';
export { AbstractSessionDataStoreFactory } from './abstract-session-data-store-factory';
export { NullSessionDataStore } from './null-session-data-store';
export { NullSessionDataStoreFactory } from './null-session-data-store-factory';
export { CachingSessionDataStore } from './caching-session-data-store';
export { CachingSessionDataStoreFactory } from './caching-session-data-store-factory';
export { FileSessionDataStore, FileSessionDataStoreFactory } from './stores/file';
export type { SessionIdManager } from './session-id-manager';
export { DefaultSessionIdManager } from './default-session-id-manager';
export { HouseKeeper } from './house-keeper';
export {
  SESSION_STORE_LOAD_CHANNEL,
  SESSION_STORE_STORE_CHANNEL,
  SESSION_STORE_DELETE_CHANNEL,
  SESSION_STORE_GET_EXPIRED_CHANNEL,
  type SessionStoreMessage,
  type SessionLoadMessage,
  type SessionStoreWriteMessage,
  type SessionDeleteMessage,
  type SessionGetExpiredMessage,
} from './session-store-events';
export { UnreadableSessionDataError, UnwritableSessionDataError, IllegalStateError } from './errors';
export { encodeSessionData, decodeSessionData, SESSION_FORMAT, SESSION_FORMAT_VERSION } from './session-data-codec';
export * from './session-listeners';
