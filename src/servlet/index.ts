/**
 * The servlet area's doorway (Jetty's jetty-servlet module): holders and mappings, ServletHandler,
 * ServletContextHandler, DefaultServlet and the request dispatcher. It hands on the servlet API
 * (src/servlet-api) too, so that an application gets HttpServlet and ServletContextHandler from one import.
 * @module
 */
export * from '../servlet-api';
export * from './holder';
export * from './servlet-holder';
export * from './filter-holder';
export * from './servlet-mapping';
export * from './filter-mapping';
export * from './servlet-handler';
export * from './servlet-context-handler';
export * from './default-servlet';
export * from './request-dispatcher';
