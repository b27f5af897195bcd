/**
 * The settings every session store has (AbstractSessionDataStore and AbstractSessionDataStoreFactory:
 * `gracePeriodSec`, `savePeriodSec`), declared once for both sides and fed by the store modules' properties.
 * @module
 */
import { setting } from './store-settings';

export const SESSION_DATA_STORE_SETTINGS = {
  gracePeriodSec: setting<number>({
    type: 'int',
    default: 3600,
    // Jetty 9.4's factory never initialises the field: a factory made in code hands its stores 0.
    factoryDefault: 0,
    property: 'jetty.session.gracePeriod.seconds',
    doc: 'Seconds past its expiry after which any node may delete a session another node last used',
  }),
  savePeriodSec: setting<number>({
    type: 'int',
    default: 0,
    property: 'jetty.session.savePeriod.seconds',
    doc: 'Seconds between writes of a session whose attributes did not change (0: written whenever its last request leaves)',
  }),
};
