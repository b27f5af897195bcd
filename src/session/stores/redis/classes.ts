/**
 * The classes of the Redis session store that XML may name; src/session/classes.ts declares them as an
 * optional backend, so this module (and @redis/client) loads only when XML names one of them.
 * @module
 */
import './redis-session-data-store';
import './redis-session-data-store-factory';
