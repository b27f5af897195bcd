/**
 * Changing a session's id (servlet 3.1 `HttpServletRequest.changeSessionId()`, Jetty's
 * SessionHandler.renewSessionId): the id manager makes the new id and has every context rename its session.
 * @module
 */
import type { SessionRequest } from '../server/session-manager-bridge';
import { AbstractSessionCache } from './abstract-session-cache';
import { DefaultSessionIdManager } from './default-session-id-manager';
import { SESSION_CREATED_SECURE_ATTRIBUTE, type Session } from './session';
import type { SessionCache } from './session-cache';
import type { SessionIdManager } from './session-id-manager';

/** What an id renewal uses of its SessionHandler (which implements it). */
export interface SessionIdRenewalHost {
  getSessionCache(): SessionCache | null;
  /** The running cache and id manager; throws before start. */
  requireStarted(): { cache: SessionCache; idm: SessionIdManager };
  callSessionIdListeners(session: Session, oldId: string): void;
}

/**
 * The id renewals of one SessionHandler. The session whose request renews it is renamed in memory at
 * once, while the id manager's synchronous renewSessionId calls back into this context, so that the
 * request sees the new id immediately; every other context (and this one for any other session)
 * renames through its cache, as background work the handler's stop waits for.
 */
export class SessionIdRenewal {
  /** The session being renewed by a request of this context, during the id manager's call. */
  private _renewing: Session | null = null;

  constructor(
    private readonly _handler: SessionIdRenewalHost,
    private readonly _background: (work: Promise<unknown>) => Promise<void>,
  ) {}

  /**
   * The request's changeSessionId: a new id for `session` in every context, returned at once; the
   * session tracks the renames still on their way. The id manager may read the request.
   */
  renew(request: SessionRequest, session: Session): string {
    const { idm } = this._handler.requireStarted();
    session.beginRenew();
    let newId: string;
    try {
      this._renewing = session;
      newId = idm.renewSessionId(session.getId(), session.getExtendedId(), request);
      if (idm instanceof DefaultSessionIdManager) session.track(idm.whenRenamed);
    } finally {
      this._renewing = null;
      session.endRenew();
    }
    if (request.getRemoteUser()) session.setAttribute(SESSION_CREATED_SECURE_ATTRIBUTE, true);
    return newId;
  }

  /** The id manager's rename in this context: in memory at once for the session being renewed, else through the cache. */
  rename(oldId: string, oldExtendedId: string, newId: string, newExtendedId: string): Promise<void> {
    const handler = this._handler;
    const cache = handler.getSessionCache();
    if (!cache) return Promise.resolve();
    const renewing = this._renewing;
    if (renewing && renewing.getId() === oldId && cache instanceof AbstractSessionCache) {
      cache.renameInMemory(renewing, oldId, newId, newExtendedId);
      handler.callSessionIdListeners(renewing, oldId);
      return cache.persistRename(renewing, oldId);
    }
    return this._background(
      (async () => {
        const s = await cache.renewSessionId(oldId, newId, oldExtendedId, newExtendedId);
        if (s) handler.callSessionIdListeners(s, oldId);
      })(),
    );
  }
}
