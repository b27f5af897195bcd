/**
 * The Redis session store: RedisSessionDataStore and its factory (module session-store-redis), Pier's own
 * classes under `org.pier.redis.session`. Needs the npm package `@redis/client`.
 * @module
 */
export { RedisSessionDataStore, RedisSessionDataStoreError } from './redis-session-data-store';
export { RedisSessionDataStoreFactory } from './redis-session-data-store-factory';
export { parseRedisUrl, redactRedisUrl, RedisUrlError, DEFAULT_REDIS_URL, DEFAULT_KEY_PREFIX, DEFAULT_TIMEOUT_MS } from './redis-url';
