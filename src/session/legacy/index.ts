/**
 * The legacy (Jetty 9.0–9.3) session manager: the public doorway of src/session/legacy.
 * @module
 */
export { HashSessionManager, DEFAULT_SCAVENGE_PERIOD } from './hash-session-manager';
export { HashSessionCache } from './hash-session-cache';
export { HashSessionDataStore, type HashSessionStoreSettings } from './hash-session-data-store';
export { SharedStoreDirectoryError } from './errors';
