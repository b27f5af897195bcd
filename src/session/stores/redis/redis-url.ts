/**
 * Redis URLs as the Redis store takes them: `redis://[user:password@]host[:port][/database]` or `rediss://`
 * (TLS), checked when set, and shown in messages without their password.
 * @module
 */

/** `jetty.session.redis.url`'s default: the local Redis, database 0. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/0';
/** `jetty.session.redis.keyPrefix`'s default. */
export const DEFAULT_KEY_PREFIX = 'pier:session:';
/** `jetty.session.redis.timeoutMs`'s default: the longest wait of one operation, a reconnection included. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** A URL the Redis store cannot use. */
export class RedisUrlError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUrlError';
  }
}

/** Checks `url` and returns its parts; throws RedisUrlError saying what is wrong and what is expected. */
export function parseRedisUrl(url: string): { tls: boolean; host: string; port: number; database: number } {
  const shown = redactRedisUrl(url);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisUrlError(`Cannot use Redis URL '${shown}': not a URL (expected redis://[user:password@]host[:port][/database])`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new RedisUrlError(`Cannot use Redis URL '${shown}': scheme '${u.protocol.replace(/:$/, '')}' is not redis or rediss`);
  }
  if (u.hostname === '') throw new RedisUrlError(`Cannot use Redis URL '${shown}': no host`);
  const path = u.pathname.replace(/^\//, '');
  const database = path === '' ? 0 : Number(path);
  if (!Number.isInteger(database) || database < 0) throw new RedisUrlError(`Cannot use Redis URL '${shown}': database '${path}' is not a number`);
  return { tls: u.protocol === 'rediss:', host: u.hostname, port: u.port === '' ? 6379 : Number(u.port), database };
}

/** `url` with its password replaced by `***`, for messages and logs. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}
