/**
 * The express 5 peer: express-session with its MemoryStore, session-file-store, connect-pg-simple on
 * PostgreSQL (a table of its own, dropped when the server closes), or connect-redis on Redis (node-redis).
 * @module
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { body, type RunningServer, type ServerOptions } from './server-kind';
import { requirePeer } from '../peers';
import { benchApplicationName, countPgRoundTrips } from './pg-round-trips';

type Any = any; // the peers ship no types we depend on

/**
 * Starts express + express-session; `store` chooses MemoryStore ('memory'), session-file-store ('file')
 * or connect-pg-simple ('pg', on `extra.pgUrl` in table `extra.table`, with a pool of 10 as Pier's).
 */
export async function startExpress(options: ServerOptions, store: 'memory' | 'file' | 'pg' | 'redis'): Promise<RunningServer> {
  const express: Any = requirePeer('express');
  const session: Any = requirePeer('express-session');
  const app = express();
  let sessionStore: Any;
  let pool: Any = null;
  let redis: Any = null;
  let readRoundTrips: (() => number) | null = null;
  if (store === 'redis') {
    // connect-redis on the same Redis and client library as Pier's RedisSessionDataStore
    const { createClient }: Any = requirePeer('redis');
    const { RedisStore }: Any = requirePeer('connect-redis');
    redis = createClient({ url: String(options.extra.redisUrl) });
    await redis.connect();
    sessionStore = new RedisStore({ client: redis, prefix: `bench-cr:${process.pid}:` });
  } else if (store === 'pg') {
    const pg: Any = requirePeer('pg');
    const PgStore: Any = requirePeer('connect-pg-simple')(session);
    readRoundTrips = countPgRoundTrips(pg);
    pool = new pg.Pool({ connectionString: String(options.extra.pgUrl), max: 10, application_name: benchApplicationName(process.pid) });
    sessionStore = new PgStore({
      pool,
      tableName: `${String(options.extra.table)}_${process.pid}`,
      createTableIfMissing: true,
      pruneSessionInterval: false,
    });
  } else if (store === 'file') {
    const FileStore: Any = requirePeer('session-file-store')(session);
    sessionStore = new FileStore({ path: options.storeDir, logFn: () => undefined, retries: 0 });
  } else {
    sessionStore = new session.MemoryStore();
  }
  app.use(
    session({
      secret: 'bench-secret-bench-secret-bench-secret',
      resave: false,
      saveUninitialized: false,
      store: sessionStore,
    }),
  );
  app.get('/', (req: Any, res: Any) => {
    const s = req.session;
    if (options.mode === 'write' || s.n === undefined) s.n = (s.n ?? 0) + 1;
    res.type('text/plain').send(body(s.n));
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      if (redis) await redis.close();
      if (pool) {
        await pool.query(`drop table if exists ${String(options.extra.table)}_${process.pid}`).catch(() => undefined);
        await pool.end();
      }
    },
    ...(readRoundTrips ? { probes: { pgRoundTrips: async () => ({ n: readRoundTrips?.() ?? 0 }) } } : {}),
  };
}
