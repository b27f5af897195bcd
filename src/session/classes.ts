/**
 * The classes of the session machinery that Jetty XML may name: the SessionHandler, id manager and house keeper, the session caches and data stores with their factories, the file store, and Jetty 9.3's HashSessionManager.
 * Importing this module declares each of them (their `@JettyClass` decorators run). The launcher loads
 * it through src/start/class-loader.ts, which stops the start naming the file and the cause of any
 * failure; every file of the area that declares a class is listed here (test/start/class-loader.test.ts
 * checks it).
 * @module
 */
import { declareOptionalBackend } from '../ioc/optional-backends';
import './session-handler';
import './default-session-id-manager';
import './house-keeper';
import './abstract-session-cache';
import './default-session-cache';
import './null-session-cache';
import './abstract-session-cache-factory';
import './default-session-cache-factory';
import './null-session-cache-factory';
import './abstract-session-data-store';
import './null-session-data-store';
import './caching-session-data-store';
import './abstract-session-data-store-factory';
import './null-session-data-store-factory';
import './caching-session-data-store-factory';
import './stores/file/file-session-data-store';
import './stores/file/file-session-data-store-factory';
import './legacy/hash-session-manager';

// The JDBC store needs a database client package (pg, mysql2 or better-sqlite3, whichever its URL
// names), so its classes load only when XML names one of them.
declareOptionalBackend({
  title: 'the JDBC session store',
  classes: [
    'org.eclipse.jetty.server.session.JDBCSessionDataStore',
    'org.eclipse.jetty.server.session.JDBCSessionDataStoreFactory',
    'org.eclipse.jetty.server.session.DatabaseAdaptor',
    'org.eclipse.jetty.server.session.JDBCSessionDataStore$SessionTableSchema',
    'org.eclipse.jetty.server.session.JDBCSessionDataStore.SessionTableSchema',
    'org.eclipse.jetty.plus.jndi.Resource',
    'com.zaxxer.hikari.HikariDataSource',
  ],
  packages: ['pg', 'mysql2', 'better-sqlite3'],
  load: () => require('./stores/jdbc/classes'),
});

// The memcached session data cache needs memjs, so its classes load only when XML names one of them
// (etc/sessions/session-data-cache/xmemcached.xml names the factory).
declareOptionalBackend({
  title: 'the memcached session data cache',
  classes: ['org.eclipse.jetty.memcached.session.MemcachedSessionDataMap', 'org.eclipse.jetty.memcached.session.MemcachedSessionDataMapFactory'],
  packages: ['memjs'],
  load: () => require('./stores/memcached/classes'),
});

// The Redis store needs @redis/client (node-redis), so its classes load only when XML names one of them
// (etc/sessions/redis/session-store.xml names the factory). Jetty has no Redis store: the classes live
// under Pier's own package prefix, org.pier.<module>.session, as Jetty's stores live under
// org.eclipse.jetty.<module>.session.
declareOptionalBackend({
  title: 'the Redis session store',
  classes: ['org.pier.redis.session.RedisSessionDataStore', 'org.pier.redis.session.RedisSessionDataStoreFactory'],
  packages: ['@redis/client'],
  load: () => require('./stores/redis/classes'),
});
