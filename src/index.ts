/**
 * Pier: a servlet-style web container for Node.js, configured and run the way Eclipse Jetty is.
 * @module
 */
import 'reflect-metadata';

export * from './util/errors';
export * from './ioc';
