/**
 * The classes of jetty-webapp that Jetty XML may name: WebAppContext, its class loader and ClassMatcher.
 * Importing this module declares each of them (their `@JettyClass` decorators run). The launcher loads
 * it through src/start/class-loader.ts, which stops the start naming the file and the cause of any
 * failure; every file of the area that declares a class is listed here (test/start/class-loader.test.ts
 * checks it).
 * @module
 */
import './web-app-context';
import './web-app-class-loader';
import './class-matcher';
