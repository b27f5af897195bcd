/**
 * The classes of the memcached session data cache that Jetty XML may name; src/session/classes.ts declares
 * them as an optional backend, so this module (and memjs) loads only when XML names one of them.
 * @module
 */
import './memcached-session-data-map';
import './memcached-session-data-map-factory';
