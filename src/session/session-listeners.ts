/**
 * The session listener contracts and events of javax.servlet.http (HttpSessionListener,
 * HttpSessionAttributeListener, HttpSessionIdListener, HttpSessionBindingListener,
 * HttpSessionActivationListener), detected by duck typing since JS has no interfaces at run time.
 * @module
 */
import type { HttpSession } from '../servlet-api/http-session';
import type {
  HttpSessionActivationListener,
  HttpSessionAttributeListener,
  HttpSessionBindingListener,
  HttpSessionIdListener,
  HttpSessionListener,
  HttpSessionBindingEvent as HttpSessionBindingEventContract,
  HttpSessionEvent as HttpSessionEventContract,
} from '../servlet-api/listeners';

/** javax.servlet.http.HttpSessionEvent. */
export class HttpSessionEvent implements HttpSessionEventContract {
  constructor(private readonly _session: HttpSession) {}
  getSession(): HttpSession {
    return this._session;
  }
}

/** javax.servlet.http.HttpSessionBindingEvent: the attribute name and value (the old value on replace/remove). */
export class HttpSessionBindingEvent extends HttpSessionEvent implements HttpSessionBindingEventContract {
  constructor(
    session: HttpSession,
    private readonly _name: string,
    private readonly _value: unknown,
  ) {
    super(session);
  }
  getName(): string {
    return this._name;
  }
  getValue(): unknown {
    return this._value;
  }
}

export type {
  HttpSessionListener,
  HttpSessionAttributeListener,
  HttpSessionIdListener,
  HttpSessionBindingListener,
  HttpSessionActivationListener,
} from '../servlet-api/listeners';

function has(obj: unknown, ...names: string[]): boolean {
  return typeof obj === 'object' && obj !== null && names.some((n) => typeof (obj as Record<string, unknown>)[n] === 'function');
}

export function isHttpSessionListener(l: unknown): l is HttpSessionListener {
  return has(l, 'sessionCreated', 'sessionDestroyed');
}
export function isHttpSessionAttributeListener(l: unknown): l is HttpSessionAttributeListener {
  return has(l, 'attributeAdded', 'attributeRemoved', 'attributeReplaced');
}
export function isHttpSessionIdListener(l: unknown): l is HttpSessionIdListener {
  return has(l, 'sessionIdChanged');
}
export function isHttpSessionBindingListener(v: unknown): v is HttpSessionBindingListener {
  return has(v, 'valueBound', 'valueUnbound');
}
export function isHttpSessionActivationListener(v: unknown): v is HttpSessionActivationListener {
  return has(v, 'sessionWillPassivate', 'sessionDidActivate');
}
/** True if `l` is any of the listener kinds a SessionHandler keeps (attribute, id or lifecycle). */
export function isSessionHandlerListener(l: unknown): boolean {
  return isHttpSessionListener(l) || isHttpSessionAttributeListener(l) || isHttpSessionIdListener(l);
}
