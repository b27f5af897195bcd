/**
 * The settings of a session cache (AbstractSessionCache) and of the factory that makes it
 * (AbstractSessionCacheFactory), declared once. Jetty names one of them differently on each side: the
 * cache's `saveOnInactiveEviction` is the factory's `saveOnInactiveEvict`, and the factory's eviction
 * policy defaults to 0 where the cache's is -1; both classes keep Jetty's names so that real XML applies.
 * @module
 */
import { setting } from './store-settings';

/** Never evict a session from the cache (-1), the cache's default. */
export const NEVER_EVICT = -1;
/** Evict a session when the last request using it leaves (0), the 9.4 factory's default. */
export const EVICT_ON_SESSION_EXIT = 0;

export const SESSION_CACHE_SETTINGS = {
  evictionPolicy: setting<number>({
    type: 'int',
    default: NEVER_EVICT,
    factoryDefault: EVICT_ON_SESSION_EXIT,
    property: 'jetty.session.evictionPolicy',
    doc: '-1 never evicts, 0 evicts when the last request leaves, n > 0 after n seconds without requests',
  }),
  saveOnInactiveEviction: setting<boolean, boolean, 'is'>({
    type: 'boolean',
    default: false,
    getter: 'is',
    factoryName: 'saveOnInactiveEvict',
    property: 'jetty.session.saveOnInactiveEvict',
    doc: 'Writes a session to the store before an inactivity eviction drops it from the cache',
  }),
  saveOnCreate: setting<boolean, boolean, 'is'>({
    type: 'boolean',
    default: false,
    getter: 'is',
    property: 'jetty.session.saveOnCreate',
    doc: 'Writes a new session to the store at once, not when its first request leaves',
  }),
  removeUnloadableSessions: setting<boolean, boolean, 'is'>({
    type: 'boolean',
    default: false,
    getter: 'is',
    property: 'jetty.session.removeUnloadableSessions',
    doc: 'Deletes the stored data of a session that cannot be read back',
  }),
  flushOnResponseCommit: setting<boolean, boolean, 'is'>({
    type: 'boolean',
    default: false,
    getter: 'is',
    property: 'jetty.session.flushOnResponseCommit',
    doc: 'Writes a changed session before the response is committed, so the next request sees it on any node',
  }),
  invalidateOnShutdown: setting<boolean, boolean, 'is'>({
    type: 'boolean',
    default: false,
    getter: 'is',
    property: 'jetty.session.invalidateOnShutdown',
    doc: 'Invalidates every cached session when the context stops, instead of writing it to the store',
  }),
};
