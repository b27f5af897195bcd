/**
 * A cache that keeps nothing (org.eclipse.jetty.server.session.NullSessionCache): every request gets a fresh
 * Session object built from the store.
 * @module
 */
import { JettyClass } from '../ioc/metadata';
import { AbstractSessionCache } from './abstract-session-cache';
import type { Session, SessionOwner } from './session';

/**
 * Jetty's NullSessionCache (module session-cache-null). The eviction policy is always
 * EVICT_ON_SESSION_EXIT and its setter is ignored; delete returns null, so sessions expired by the
 * HouseKeeper are removed without sessionDestroyed, exactly as in Jetty.
 */
@JettyClass('org.eclipse.jetty.server.session.NullSessionCache', {
  ctors: [[{ name: 'handler', type: 'org.eclipse.jetty.server.session.SessionHandler' }]],
})
export class NullSessionCache extends AbstractSessionCache {
  constructor(handler: SessionOwner) {
    super(handler);
    this.settings.evictionPolicy = AbstractSessionCache.EVICT_ON_SESSION_EXIT;
  }

  protected doGet(_id: string): Session | undefined {
    return undefined;
  }
  protected doPutIfAbsent(_id: string, _session: Session): Session | undefined {
    return undefined;
  }
  protected doDelete(_id: string): Session | null {
    return null;
  }
  protected doGetAll(): Session[] {
    return [];
  }
}

// The eviction policy is always EVICT_ON_SESSION_EXIT: the setter (SESSION_CACHE_SETTINGS' on the base) ignores a value.
NullSessionCache.prototype.setEvictionPolicy = function setEvictionPolicy(_policy: number): void {};
