/**
 * Makes RedisSessionDataStores (org.pier.redis.session.RedisSessionDataStoreFactory), the bean
 * etc/sessions/redis/session-store.xml adds to the Server.
 * @module
 */
import { JettyClass } from '../../../ioc/metadata';
import { AbstractSessionDataStoreFactory } from '../../abstract-session-data-store-factory';
import type { SessionDataStore } from '../../session-data-store';
import { RedisSessionDataStore } from './redis-session-data-store';
import { exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from '../../store-settings';
import { REDIS_STORE_SETTINGS } from './redis-store-settings';

/**
 * Pier's RedisSessionDataStoreFactory: `url` (`jetty.session.redis.url`), `keyPrefix`
 * (`jetty.session.redis.keyPrefix`), `timeoutMs` (`jetty.session.redis.timeoutMs`), `gracePeriodSec`
 * (`jetty.session.gracePeriod.seconds`, 3600 through the module) and `savePeriodSec`
 * (`jetty.session.savePeriod.seconds`, 0), handed to the store of every context.
 */
@JettyClass('org.pier.redis.session.RedisSessionDataStoreFactory')
export class RedisSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  /** The settings every store it makes gets (REDIS_STORE_SETTINGS). */
  readonly settings = storeSettingDefaults(REDIS_STORE_SETTINGS);

  getSessionDataStore(_handler: unknown): SessionDataStore {
    const store = new RedisSessionDataStore();
    Object.assign(store.settings, this.settings);
    return this.withPeriods(store);
  }
}

// The setters and getters of the settings (setUrl, getKeyPrefix, setTimeoutMs...), from REDIS_STORE_SETTINGS
export interface RedisSessionDataStoreFactory extends StoreSettingAccessors<typeof REDIS_STORE_SETTINGS> {}
exposeStoreSettings(RedisSessionDataStoreFactory, REDIS_STORE_SETTINGS, { fixedWhileRunning: false });
