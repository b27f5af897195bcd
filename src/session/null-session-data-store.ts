/**
 * The store that stores nothing (org.eclipse.jetty.server.session.NullSessionDataStore), the default.
 * @module
 */
import { JettyClass } from '../ioc/metadata';
import { AbstractSessionDataStore } from './abstract-session-data-store';
import { DONE } from './done';
import type { SessionData } from './session-data';

/**
 * Jetty's NullSessionDataStore: load gives null, store does nothing, delete is true, exists is false.
 * Used when no SessionDataStoreFactory bean is on the Server; sessions then live only in the cache.
 */
@JettyClass('org.eclipse.jetty.server.session.NullSessionDataStore')
export class NullSessionDataStore extends AbstractSessionDataStore {
  protected async doLoad(_id: string): Promise<SessionData | null> {
    return null;
  }
  /** Nothing to write: DONE, so that the release of a session (every request) continues at once. */
  protected doStore(_id: string, _data: SessionData, _lastSaveTime: number): Promise<void> {
    return DONE;
  }
  protected async doDelete(_id: string): Promise<boolean> {
    return true;
  }
  protected async doExists(_id: string): Promise<boolean> {
    return false;
  }
  protected async doCheckExpired(candidates: ReadonlySet<string>, _time: number): Promise<Set<string>> {
    return new Set(candidates);
  }
  protected async doGetExpired(_time: number): Promise<Set<string>> {
    return new Set();
  }
  protected async doCleanOrphans(_time: number): Promise<void> {
    /* nothing */
  }
  isPassivating(): boolean {
    return false;
  }
}
