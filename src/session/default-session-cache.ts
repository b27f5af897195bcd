/**
 * The standard session cache (org.eclipse.jetty.server.session.DefaultSessionCache): a map of live
 * Session objects shared by concurrent requests.
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import { AbstractSessionCache } from './abstract-session-cache';
import type { Session, SessionOwner } from './session';

/**
 * Jetty's DefaultSessionCache, `new DefaultSessionCache(sessionHandler)` in XML, or made by
 * DefaultSessionCacheFactory (module session-cache-hash). Concurrent misses for one id share a single
 * store load and receive the same Session object.
 */
@JettyClass('org.eclipse.jetty.server.session.DefaultSessionCache', {
  ctors: [[{ name: 'manager', type: 'org.eclipse.jetty.server.session.SessionHandler' }]],
})
export class DefaultSessionCache extends AbstractSessionCache {
  private readonly _sessions = new Map<string, Session>();
  private readonly _loading = new Map<string, Promise<Session | null>>();
  private _maxSessions = 0;
  private _totalSessions = 0;

  constructor(handler: SessionOwner) {
    super(handler);
  }

  protected doGet(id: string): Session | undefined {
    return this._sessions.get(id);
  }

  protected doPutIfAbsent(id: string, session: Session): Session | undefined {
    const existing = this._sessions.get(id);
    if (existing) return existing;
    this._sessions.set(id, session);
    this._totalSessions++;
    this._maxSessions = Math.max(this._maxSessions, this._sessions.size);
    return undefined;
  }

  protected doDelete(id: string): Session | null {
    const s = this._sessions.get(id);
    if (!s) return null;
    this._sessions.delete(id);
    return s;
  }

  protected doGetAll(): Session[] {
    return [...this._sessions.values()];
  }

  protected override async doComputeIfAbsent(id: string, loader: (id: string) => Promise<Session | null>): Promise<Session | null> {
    const cached = this._sessions.get(id);
    if (cached) return cached;
    let pending = this._loading.get(id);
    if (!pending) {
      pending = (async () => {
        try {
          const loaded = await loader(id);
          if (!loaded) return null;
          return this.doPutIfAbsent(id, loaded) ?? loaded;
        } finally {
          this._loading.delete(id);
        }
      })();
      this._loading.set(id, pending);
    }
    return pending;
  }

  /** Sessions in memory now. */
  @Expose() getSessionsCurrent(): number {
    return this._sessions.size;
  }
  @Expose() getSessionsMax(): number {
    return this._maxSessions;
  }
  @Expose() getSessionsTotal(): number {
    return this._totalSessions;
  }
  @Expose() resetStats(): void {
    this._maxSessions = this._sessions.size;
    this._totalSessions = 0;
  }
}
