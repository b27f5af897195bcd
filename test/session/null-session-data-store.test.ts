/**
 * Runs the SessionDataStore contract against NullSessionDataStore.
 * @module
 */
import { NullSessionDataStore } from '../../src/session/null-session-data-store';
import { sessionDataStoreContract } from './session-data-store.contract';

sessionDataStoreContract({
  name: 'NullSessionDataStore',
  persists: false,
  passivating: false,
  createStore: () => new NullSessionDataStore(),
});
