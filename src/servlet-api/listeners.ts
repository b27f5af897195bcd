/**
 * The listener contracts of the servlet API (javax.servlet.*Listener, javax.servlet.http.*Listener)
 * and their events. A listener object implements any subset; the container checks by method presence.
 * @module
 */
import type { HttpServletRequest } from './http-servlet-request';
import type { HttpSession } from './http-session';
import type { ServletContext } from './servlet-context';

/** javax.servlet.ServletContextEvent */
export interface ServletContextEvent {
  getServletContext(): ServletContext;
}

/** javax.servlet.ServletContextAttributeEvent */
export interface ServletContextAttributeEvent extends ServletContextEvent {
  getName(): string;
  /** The new value for add, the old value for replace and remove (as in Java). */
  getValue(): unknown;
}

/** javax.servlet.ServletRequestEvent */
export interface ServletRequestEvent {
  getServletContext(): ServletContext;
  getServletRequest(): HttpServletRequest;
}

/** javax.servlet.http.HttpSessionEvent */
export interface HttpSessionEvent {
  getSession(): HttpSession;
}

/** javax.servlet.http.HttpSessionBindingEvent (also the attribute listener event). */
export interface HttpSessionBindingEvent extends HttpSessionEvent {
  getName(): string;
  getValue(): unknown;
}

/** javax.servlet.ServletContextListener: contextInitialized at start, contextDestroyed (reverse order) at stop. */
export interface ServletContextListener {
  contextInitialized?(event: ServletContextEvent): void | Promise<void>;
  contextDestroyed?(event: ServletContextEvent): void | Promise<void>;
}

/** javax.servlet.ServletContextAttributeListener */
export interface ServletContextAttributeListener {
  attributeAdded?(event: ServletContextAttributeEvent): void;
  attributeRemoved?(event: ServletContextAttributeEvent): void;
  attributeReplaced?(event: ServletContextAttributeEvent): void;
}

/** javax.servlet.ServletRequestListener: around every request that enters the context. */
export interface ServletRequestListener {
  requestInitialized?(event: ServletRequestEvent): void;
  requestDestroyed?(event: ServletRequestEvent): void;
}

/** javax.servlet.http.HttpSessionListener */
export interface HttpSessionListener {
  sessionCreated?(event: HttpSessionEvent): void;
  sessionDestroyed?(event: HttpSessionEvent): void;
}

/** javax.servlet.http.HttpSessionAttributeListener */
export interface HttpSessionAttributeListener {
  attributeAdded?(event: HttpSessionBindingEvent): void;
  attributeRemoved?(event: HttpSessionBindingEvent): void;
  attributeReplaced?(event: HttpSessionBindingEvent): void;
}

/** javax.servlet.http.HttpSessionIdListener */
export interface HttpSessionIdListener {
  sessionIdChanged?(event: HttpSessionEvent, oldSessionId: string): void;
}

/** javax.servlet.http.HttpSessionBindingListener (implemented by attribute values). */
export interface HttpSessionBindingListener {
  valueBound?(event: HttpSessionBindingEvent): void;
  valueUnbound?(event: HttpSessionBindingEvent): void;
}

/** javax.servlet.http.HttpSessionActivationListener (implemented by attribute values). */
export interface HttpSessionActivationListener {
  sessionWillPassivate?(event: HttpSessionEvent): void;
  sessionDidActivate?(event: HttpSessionEvent): void;
}

/** The event-listener kinds a context accepts, used to validate addEventListener. */
export const CONTEXT_LISTENER_METHODS: readonly string[] = [
  'contextInitialized',
  'contextDestroyed',
  'attributeAdded',
  'attributeRemoved',
  'attributeReplaced',
  'requestInitialized',
  'requestDestroyed',
  'sessionCreated',
  'sessionDestroyed',
  'sessionIdChanged',
];

export function isServletContextListener(l: unknown): l is ServletContextListener {
  return hasMethod(l, 'contextInitialized') || hasMethod(l, 'contextDestroyed');
}
export function isServletRequestListener(l: unknown): l is ServletRequestListener {
  return hasMethod(l, 'requestInitialized') || hasMethod(l, 'requestDestroyed');
}
export function isServletContextAttributeListener(l: unknown): l is ServletContextAttributeListener {
  return hasMethod(l, 'attributeAdded') || hasMethod(l, 'attributeRemoved') || hasMethod(l, 'attributeReplaced');
}

function hasMethod(o: unknown, name: string): boolean {
  return typeof o === 'object' && o !== null && typeof (o as Record<string, unknown>)[name] === 'function';
}
