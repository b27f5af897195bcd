/**
 * The classes of the JDBC session store that Jetty XML may name; src/session/classes.ts declares them as
 * an optional backend, so this module loads only when XML names one of them.
 * @module
 */
import './database-adaptor';
import './session-table-schema';
import './jdbc-session-data-store';
import './jdbc-session-data-store-factory';
import './resource';
import './hikari-data-source';
