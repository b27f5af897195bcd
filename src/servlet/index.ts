/**
 * The servlet area's doorway (Jetty's jetty-servlet module plus the javax.servlet API): contracts,
 * HttpServlet, holders, ServletHandler, ServletContextHandler and DefaultServlet.
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
// implements them; the same shapes are declared in ./listeners for servlet code that imports them from here.
export {
  type ServletContextEvent, type ServletContextAttributeEvent, type ServletRequestEvent,
  type ServletContextListener, type ServletContextAttributeListener, type ServletRequestListener,
  CONTEXT_LISTENER_METHODS, isServletContextListener, isServletRequestListener, isServletContextAttributeListener,
} from './listeners';
export * from './http-servlet';
export * from './path-spec';
export * from './holder';
export * from './servlet-holder';
export * from './filter-holder';
export * from './servlet-mapping';
export * from './filter-mapping';
export * from './servlet-handler';
export * from './servlet-context-handler';
export * from './default-servlet';
export * from './request-dispatcher';
export * from './http-servlet-request-wrapper';
export * from './http-servlet-response-wrapper';
