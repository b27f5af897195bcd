/**
 * Makes NullSessionDataStores (org.eclipse.jetty.server.session.NullSessionDataStoreFactory).
 * @module
 */
import { JettyClass } from '../ioc/metadata';
import { AbstractSessionDataStoreFactory } from './abstract-session-data-store-factory';
import { NullSessionDataStore } from './null-session-data-store';
import type { SessionDataStore } from './session-data-store';

/** Jetty's NullSessionDataStoreFactory, usable as a Server bean. */
@JettyClass('org.eclipse.jetty.server.session.NullSessionDataStoreFactory')
export class NullSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  getSessionDataStore(_handler: unknown): SessionDataStore {
    return this.withPeriods(new NullSessionDataStore());
  }
}
