/**
 * The session listener contracts and events of javax.servlet.http (HttpSessionListener,
 * HttpSessionAttributeListener, HttpSessionIdListener, HttpSessionBindingListener,
 * HttpSessionActivationListener), detected by duck typing since JS has no interfaces at run time.
 * @module
 */
import type { HttpSession } from '../servlet/http-session';

/** javax.servlet.http.HttpSessionEvent. */
export class HttpSessionEvent {
  constructor(private readonly _session: HttpSession) {}
  getSession(): HttpSession { return this._session; }
}

/** javax.servlet.http.HttpSessionBindingEvent: the attribute name and value (the old value on replace/remove). */
export class HttpSessionBindingEvent extends HttpSessionEvent {
  constructor(session: HttpSession, private readonly _name: string, private readonly _value: unknown) { super(session); }
  getName(): string { return this._name; }
  getValue(): unknown { return this._value; }
}

export interface HttpSessionListener {
  sessionCreated?(event: HttpSessionEvent): void;
  sessionDestroyed?(event: HttpSessionEvent): void;
}
export interface HttpSessionAttributeListener {
  attributeAdded?(event: HttpSessionBindingEvent): void;
  attributeRemoved?(event: HttpSessionBindingEvent): void;
  attributeReplaced?(event: HttpSessionBindingEvent): void;
}
export interface HttpSessionIdListener {
  sessionIdChanged(event: HttpSessionEvent, oldSessionId: string): void;
}
/** Implemented by attribute values that want to know when they are bound to or unbound from a session. */
export interface HttpSessionBindingListener {
  valueBound?(event: HttpSessionBindingEvent): void;
  valueUnbound?(event: HttpSessionBindingEvent): void;
}
/** Implemented by attribute values that want to know when their session is written to or read from a passivating store. */
export interface HttpSessionActivationListener {
  sessionWillPassivate?(event: HttpSessionEvent): void;
  sessionDidActivate?(event: HttpSessionEvent): void;
}

function has(obj: unknown, ...names: string[]): boolean {
  return typeof obj === 'object' && obj !== null && names.some((n) => typeof (obj as Record<string, unknown>)[n] === 'function');
}

export function isHttpSessionListener(l: unknown): l is HttpSessionListener { return has(l, 'sessionCreated', 'sessionDestroyed'); }
export function isHttpSessionAttributeListener(l: unknown): l is HttpSessionAttributeListener {
  return has(l, 'attributeAdded', 'attributeRemoved', 'attributeReplaced');
}
export function isHttpSessionIdListener(l: unknown): l is HttpSessionIdListener { return has(l, 'sessionIdChanged'); }
export function isHttpSessionBindingListener(v: unknown): v is HttpSessionBindingListener { return has(v, 'valueBound', 'valueUnbound'); }
export function isHttpSessionActivationListener(v: unknown): v is HttpSessionActivationListener { return has(v, 'sessionWillPassivate', 'sessionDidActivate'); }
/** True if `l` is any of the listener kinds a SessionHandler keeps (attribute, id or lifecycle). */
export function isSessionHandlerListener(l: unknown): boolean {
  return isHttpSessionListener(l) || isHttpSessionAttributeListener(l) || isHttpSessionIdListener(l);
}
