/**
 * Makes DefaultSessionCaches (org.eclipse.jetty.server.session.DefaultSessionCacheFactory), the Server bean
 * of etc/sessions/session-cache-hash.xml.
 * @module
 */
import { JettyClass } from '../ioc/metadata';
import { AbstractSessionCacheFactory } from './abstract-session-cache-factory';
import { DefaultSessionCache } from './default-session-cache';
import type { AbstractSessionCache } from './abstract-session-cache';
import type { SessionOwner } from './session';

/** Jetty's DefaultSessionCacheFactory (module session-cache-hash, `jetty.session.*` properties). */
@JettyClass('org.eclipse.jetty.server.session.DefaultSessionCacheFactory')
export class DefaultSessionCacheFactory extends AbstractSessionCacheFactory {
  protected newSessionCache(handler: SessionOwner): AbstractSessionCache {
    return new DefaultSessionCache(handler);
  }
}
