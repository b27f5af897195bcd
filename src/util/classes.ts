/**
 * The classes of jetty-util that Jetty XML may name: org.eclipse.jetty.util.security's Constraint and
 * Password. Importing this module declares each of them (their `@JettyClass` decorators run). The
 * launcher loads it through src/start/class-loader.ts, which stops the start naming the file and the
 * cause of any failure; every file of the area that declares a class is listed here
 * (test/start/class-loader.test.ts checks it).
 * @module
 */
import './security/constraint';
import './security/password';
