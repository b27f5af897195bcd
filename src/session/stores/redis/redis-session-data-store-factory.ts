/**
 * Makes RedisSessionDataStores (org.pier.redis.session.RedisSessionDataStoreFactory), the bean
 * etc/sessions/redis/session-store.xml adds to the Server.
 * @module
 */
import { JettyClass, Expose } from '../../../ioc/metadata';
import { AbstractSessionDataStoreFactory } from '../../abstract-session-data-store-factory';
import type { SessionDataStore } from '../../session-data-store';
import { RedisSessionDataStore } from './redis-session-data-store';
import { DEFAULT_KEY_PREFIX, DEFAULT_REDIS_URL, DEFAULT_TIMEOUT_MS, parseRedisUrl } from './redis-url';

/**
 * Pier's RedisSessionDataStoreFactory: `url` (`jetty.session.redis.url`), `keyPrefix`
 * (`jetty.session.redis.keyPrefix`), `timeoutMs` (`jetty.session.redis.timeoutMs`), `gracePeriodSec`
 * (`jetty.session.gracePeriod.seconds`, 3600 through the module) and `savePeriodSec`
 * (`jetty.session.savePeriod.seconds`, 0), handed to the store of every context.
 */
@JettyClass('org.pier.redis.session.RedisSessionDataStoreFactory')
export class RedisSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  private _url = DEFAULT_REDIS_URL;
  private _keyPrefix = DEFAULT_KEY_PREFIX;
  private _timeoutMs = DEFAULT_TIMEOUT_MS;

  @Expose('String') setUrl(url: string): void {
    parseRedisUrl(url);
    this._url = url;
  }
  @Expose() getUrl(): string {
    return this._url;
  }
  @Expose('String') setKeyPrefix(prefix: string): void {
    this._keyPrefix = prefix ?? '';
  }
  @Expose() getKeyPrefix(): string {
    return this._keyPrefix;
  }
  @Expose('int') setTimeoutMs(ms: number): void {
    if (!(ms > 0)) throw new RangeError(`Cannot set timeoutMs to ${ms}: it must be above 0`);
    this._timeoutMs = ms;
  }
  @Expose() getTimeoutMs(): number {
    return this._timeoutMs;
  }

  getSessionDataStore(_handler: unknown): SessionDataStore {
    const store = new RedisSessionDataStore();
    store.setUrl(this._url);
    store.setKeyPrefix(this._keyPrefix);
    store.setTimeoutMs(this._timeoutMs);
    store.setGracePeriodSec(this._gracePeriodSec);
    store.setSavePeriodSec(this._savePeriodSec);
    return store;
  }
}
