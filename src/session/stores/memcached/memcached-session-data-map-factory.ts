/**
 * Makes MemcachedSessionDataMaps (org.eclipse.jetty.memcached.session.MemcachedSessionDataMapFactory), the
 * `sessionDataMapFactory` bean etc/sessions/session-data-cache/xmemcached.xml declares.
 * @module
 */
import { JettyClass } from '../../../ioc/metadata';
import type { SessionDataMap, SessionDataMapFactory } from '../../session-data-map';
import { exposeStoreSettings, handSettings, storeSettingDefaults, type StoreSettingAccessors } from '../../store-settings';
import { MemcachedSessionDataMap } from './memcached-session-data-map';
import { MEMCACHED_SETTINGS, type MemcachedAddress } from './memcached-settings';

/** localhost:11211, what Jetty's factory uses when no address is set. */
const DEFAULT_ADDRESS: MemcachedAddress = { getHostString: () => 'localhost', getPort: () => 11211 };

/**
 * Jetty's MemcachedSessionDataMapFactory, with the settings of MEMCACHED_SETTINGS: `addresses`
 * (InetSocketAddress..., localhost:11211 when unset), `weights` (int[], one per address), `expirySec`
 * (`jetty.session.memcached.expirySec`, 0), `heartbeats` (`jetty.session.memcached.heartbeats`, true) and
 * Pier's `operationTimeoutMs`; every map it makes gets them.
 */
@JettyClass('org.eclipse.jetty.memcached.session.MemcachedSessionDataMapFactory', {
  implements: ['org.eclipse.jetty.server.session.SessionDataMapFactory'],
})
export class MemcachedSessionDataMapFactory implements SessionDataMapFactory {
  /** The settings every map it makes gets (the servers through its constructor). */
  readonly settings = storeSettingDefaults(MEMCACHED_SETTINGS, 'factory');

  getSessionDataMap(): SessionDataMap {
    const addresses = this.settings.addresses.length > 0 ? this.settings.addresses : [DEFAULT_ADDRESS];
    const map = new MemcachedSessionDataMap(addresses, this.settings.weights ?? []);
    handSettings(MEMCACHED_SETTINGS, this.settings, map.settings);
    return map;
  }
}

// Jetty's setters and getters (setAddresses, setWeights, setExpirySec, isHeartbeats, ...), from MEMCACHED_SETTINGS
export interface MemcachedSessionDataMapFactory extends StoreSettingAccessors<typeof MEMCACHED_SETTINGS> {}
exposeStoreSettings(MemcachedSessionDataMapFactory, MEMCACHED_SETTINGS, { fixedWhileRunning: false, side: 'factory' });
