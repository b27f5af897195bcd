/**
 * Makes NullSessionCaches (org.eclipse.jetty.server.session.NullSessionCacheFactory), the Server bean of
 * etc/sessions/session-cache-null.xml.
 * @module
 */
import { JettyClass } from '../ioc/metadata';
import { AbstractSessionCacheFactory } from './abstract-session-cache-factory';
import { NullSessionCache } from './null-session-cache';
import type { AbstractSessionCache } from './abstract-session-cache';
import type { SessionOwner } from './session';

/**
 * Jetty's NullSessionCacheFactory (module session-cache-null): evictionPolicy, saveOnInactiveEvict and
 * invalidateOnShutdown are ignored, as in Jetty.
 */
@JettyClass('org.eclipse.jetty.server.session.NullSessionCacheFactory')
export class NullSessionCacheFactory extends AbstractSessionCacheFactory {
  protected newSessionCache(handler: SessionOwner): AbstractSessionCache {
    const cache = new NullSessionCache(handler);
    return cache;
  }

  override getSessionCache(handler: unknown) {
    const cache = this.newSessionCache(handler as SessionOwner);
    cache.setSaveOnCreate(this.settings.saveOnCreate);
    cache.setRemoveUnloadableSessions(this.settings.removeUnloadableSessions);
    cache.setFlushOnResponseCommit(this.settings.flushOnResponseCommit);
    return cache;
  }
}
