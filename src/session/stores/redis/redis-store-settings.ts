/**
 * The settings of the Redis store family, declared once for RedisSessionDataStore and
 * RedisSessionDataStoreFactory, fed by the session-store-redis module's properties.
 * @module
 */
import { setting } from '../../store-settings';
import { DEFAULT_KEY_PREFIX, DEFAULT_REDIS_URL, DEFAULT_TIMEOUT_MS, parseRedisUrl } from './redis-url';

export const REDIS_STORE_SETTINGS = {
  url: setting<string>({
    type: 'String',
    default: DEFAULT_REDIS_URL,
    property: 'jetty.session.redis.url',
    fixedWhileRunning: true,
    doc: 'The Redis server: a redis:// or rediss:// URL with its user, password and database',
    check(url) {
      parseRedisUrl(url);
      return url;
    },
  }),
  keyPrefix: setting<string>({
    type: 'String',
    default: DEFAULT_KEY_PREFIX,
    property: 'jetty.session.redis.keyPrefix',
    fixedWhileRunning: true,
    doc: 'The prefix of every key the store writes, so that several applications can share one Redis database',
    check: (prefix) => prefix ?? '',
  }),
  timeoutMs: setting<number>({
    type: 'int',
    default: DEFAULT_TIMEOUT_MS,
    property: 'jetty.session.redis.timeoutMs',
    doc: 'How long an operation waits for Redis (a reconnection included) before it fails',
    check(ms) {
      if (!(ms > 0)) throw new RangeError(`Cannot set timeoutMs to ${ms}: it must be above 0`);
      return ms;
    },
  }),
};
