/**
 * The classes of jetty-servlet that Jetty XML may name: ServletContextHandler, ServletHandler, the holders and mappings, and DefaultServlet.
 * Importing this module declares each of them (their `@JettyClass` decorators run). The launcher loads
 * it through src/start/class-loader.ts, which stops the start naming the file and the cause of any
 * failure; every file of the area that declares a class is listed here (test/start/class-loader.test.ts
 * checks it).
 * @module
 */
import './holder';
import './servlet-holder';
import './filter-holder';
import './servlet-mapping';
import './filter-mapping';
import './servlet-handler';
import './servlet-context-handler';
import './default-servlet';
