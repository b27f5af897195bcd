/**
 * The L2 contract every session persistence implements (org.eclipse.jetty.server.session.SessionDataMap):
 * initialise for a context, then load, store and delete SessionData by id. Asynchronous in Pier.
 * @module
 */
import type { LifeCycle } from '../util/component/life-cycle';
import type { SessionContext } from './session-context';
import type { SessionData } from './session-data';

export interface SessionDataMap extends LifeCycle {
  /** Binds the map to its context; must be called before start. */
  initialize(context: SessionContext): Promise<void> | void;
  /** The stored data for `id`, or null when there is none. Unreadable data rejects with UnreadableSessionDataError. */
  load(id: string): Promise<SessionData | null>;
  /** Writes the whole data; a value that cannot be written rejects with UnwritableSessionDataError. */
  store(id: string, data: SessionData): Promise<void>;
  /** Removes the data; resolves true if something was removed. */
  delete(id: string): Promise<boolean>;
}

/** Makes a SessionDataMap (org.eclipse.jetty.server.session.SessionDataMapFactory). */
export interface SessionDataMapFactory {
  getSessionDataMap(): SessionDataMap;
}
