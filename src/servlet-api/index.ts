/**
 * The servlet API's doorway (javax.servlet and javax.servlet.http, the servlet-api jar under Jetty): the
 * contracts servlets, filters and listeners see, with Java's names, and HttpServlet's method dispatch.
 * It imports nothing of the container; the server implements these contracts and jetty-servlet
 * (src/servlet) runs servlets through them.
 * @module
 */
export * from './cookie';
export * from './dispatcher-type';
export * from './errors';
export * from './http-servlet-request';
export * from './http-servlet-response';
export * from './http-session';
export * from './servlet-context';
export * from './servlet-config';
export * from './filter-config';
export * from './servlet';
export * from './filter';
export * from './filter-chain';
// The HttpSession* listener contracts and events are exported by src/session (session-listeners.ts), which
// implements them; the same shapes are declared in ./listeners for code that imports them from here.
export {
  type ServletContextEvent,
  type ServletContextAttributeEvent,
  type ServletRequestEvent,
  type ServletContextListener,
  type ServletContextAttributeListener,
  type ServletRequestListener,
  CONTEXT_LISTENER_METHODS,
  isServletContextListener,
  isServletRequestListener,
  isServletContextAttributeListener,
} from './listeners';
export * from './http-servlet';
export * from './servlet-security';
export * from './http-servlet-request-wrapper';
export * from './http-servlet-response-wrapper';
