/**
 * The session listeners of one SessionHandler and the order Jetty calls them in.
 * @module
 */
import type { HttpSession } from '../servlet-api/http-session';
import {
  HttpSessionBindingEvent,
  HttpSessionEvent,
  isHttpSessionAttributeListener,
  isHttpSessionBindingListener,
  isHttpSessionIdListener,
  isHttpSessionListener,
  isSessionHandlerListener,
} from './session-listeners';
import { SESSION_LOG } from './session-log';

/**
 * The HttpSessionListener, HttpSessionAttributeListener and HttpSessionIdListener objects a SessionHandler
 * holds (Jetty's `_sessionListeners`, `_sessionAttributeListeners`, `_sessionIdListeners`), plus the
 * binding-listener calls on attribute values. A listener implements any of its interface's methods
 * (Servlet 4.0 gives them default bodies; a web app's plain object has only the ones it needs), so each
 * method is called only when present: the `?.(` calls here are that rule, not a lenient view.
 */
export class SessionEventListeners {
  private readonly _listeners: unknown[] = [];

  /** Keeps `listener` if it is one of the session listener kinds; others are ignored. */
  add(listener: unknown): void {
    if (isSessionHandlerListener(listener)) this._listeners.push(listener);
  }
  remove(listener: unknown): void {
    const i = this._listeners.indexOf(listener);
    if (i >= 0) this._listeners.splice(i, 1);
  }
  clear(): void {
    this._listeners.length = 0;
  }
  list(): readonly unknown[] {
    return this._listeners;
  }

  /** sessionCreated in registration order (Jetty 10; 9.4 used reverse order). */
  sessionCreated(session: HttpSession): void {
    const event = new HttpSessionEvent(session);
    for (const l of this._listeners) if (isHttpSessionListener(l)) l.sessionCreated?.(event);
  }

  /** sessionDestroyed in reverse registration order; one listener throwing stops the rest (logged). */
  sessionDestroyed(session: HttpSession): void {
    const event = new HttpSessionEvent(session);
    try {
      for (let i = this._listeners.length - 1; i >= 0; i--) {
        const l = this._listeners[i];
        if (isHttpSessionListener(l)) l.sessionDestroyed?.(event);
      }
    } catch (err) {
      SESSION_LOG.warn(`Session listener failed in sessionDestroyed for '${session.getId()}': ${(err as Error).message}`, err);
    }
  }

  sessionIdChanged(session: HttpSession, oldId: string): void {
    const event = new HttpSessionEvent(session);
    for (const l of this._listeners) if (isHttpSessionIdListener(l)) l.sessionIdChanged?.(event, oldId);
  }

  /**
   * An attribute changed: valueUnbound on the old value, valueBound on the new one, then
   * attributeAdded / attributeReplaced (with the old value) / attributeRemoved (with the old value).
   */
  attributeChanged(session: HttpSession, name: string, oldValue: unknown, newValue: unknown): void {
    if (oldValue !== null && oldValue !== undefined && isHttpSessionBindingListener(oldValue)) {
      oldValue.valueUnbound?.(new HttpSessionBindingEvent(session, name, oldValue));
    }
    if (newValue !== null && newValue !== undefined && isHttpSessionBindingListener(newValue)) {
      newValue.valueBound?.(new HttpSessionBindingEvent(session, name, newValue));
    }
    for (const l of this._listeners) {
      if (!isHttpSessionAttributeListener(l)) continue;
      if (oldValue === null || oldValue === undefined) l.attributeAdded?.(new HttpSessionBindingEvent(session, name, newValue));
      else if (newValue === null || newValue === undefined) l.attributeRemoved?.(new HttpSessionBindingEvent(session, name, oldValue));
      else l.attributeReplaced?.(new HttpSessionBindingEvent(session, name, oldValue));
    }
  }
}
