/**
 * The memcached session data cache: MemcachedSessionDataMap and its factory, used through
 * CachingSessionDataStore in front of any store (module session-store-cache). Needs the npm package `memjs`.
 * @module
 */
export { MemcachedSessionDataMap, MEMCACHED_LOG, MAX_KEY_BYTES, type MemcachedClient } from './memcached-session-data-map';
export { MEMCACHED_SETTINGS, DEFAULT_OPERATION_TIMEOUT_MS, type MemcachedAddress } from './memcached-settings';
export { MemcachedSessionDataMapFactory } from './memcached-session-data-map-factory';
export { chooseServer } from './weighted-servers';
