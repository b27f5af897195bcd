/**
 * Pier under benchmark: Server + ServerConnector + ServletContextHandler (SessionHandler → ServletHandler) and
 * one HttpServlet built in code, with the
 * session cache and store the scenario asks for (NullSessionDataStore, FileSessionDataStore, legacy
 * HashSessionManager), plus in-process probes (populate sessions, measure memory, scavenge).
 * @module
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { body, ServerUnavailableError, type RunningServer, type ServerOptions } from './server-kind';
import { benchApplicationName, countPgRoundTrips } from './pg-round-trips';

type Any = any; // Pier is loaded by path so a missing piece becomes a printed skip, not a crash

/** Which Pier session set-up to run. */
export type PierStore = 'none' | 'null' | 'file' | 'legacy-hash' | 'jdbc' | 'redis';

/** The compiled `src/` folder next to this compiled `bench/` folder (dist/src or .out/<name>/src). */
export function pierSrc(): string {
  return path.resolve(__dirname, '..', '..', 'src');
}

function load(rel: string, what: string): Any {
  const file = path.join(pierSrc(), rel);
  try {
    return require(file);
  } catch (err) {
    throw new ServerUnavailableError(`Cannot load ${what} from '${file}': ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
}

/** Starts Pier on 127.0.0.1, port 0, with the given session set-up. */
export async function startPier(options: ServerOptions, store: PierStore): Promise<RunningServer> {
  const { Server } = load('server/server', 'Server');
  const { ServerConnector } = load('server/server-connector', 'ServerConnector');
  const { ServletContextHandler } = load('servlet/servlet-context-handler', 'ServletContextHandler');
  const { HttpServlet } = load('servlet-api/http-servlet', 'HttpServlet');
  const S = load('session/index', 'sessions');

  const mode = options.mode;
  /** The statements sent to PostgreSQL so far (the JDBC store on PostgreSQL only). */
  let readRoundTrips: (() => number) | null = null;
  /** The benchmarked servlet: "hello", or the session counter `n` read or incremented. */
  class BenchServlet extends HttpServlet {
    protected async doGet(request: Any, response: Any): Promise<void> {
      let n: number | undefined;
      if (mode !== 'hello') {
        const session = request.getSession(true);
        n = session.getAttribute('n') ?? undefined;
        if (mode === 'write' || n === undefined) {
          n = (n ?? 0) + 1;
          session.setAttribute('n', n);
        }
      }
      const delay = Math.min(Number(request.getParameter?.('delay')) || 0, 2000);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      response.setContentType('text/plain');
      response.getWriter().write(body(n));
    }
  }

  const server = new Server();
  const connector = new ServerConnector(server);
  connector.setHost('127.0.0.1');
  connector.setPort(0);
  server.addConnector(connector);
  const idm = new S.DefaultSessionIdManager(server);
  const houseKeeper = new S.HouseKeeper();
  houseKeeper.setIntervalSec(Number(options.extra.scavengeIntervalSec ?? 600));
  idm.setSessionHouseKeeper(houseKeeper);
  server.setSessionIdManager(idm);

  const context = new ServletContextHandler(store === 'none' ? ServletContextHandler.NO_SESSIONS : ServletContextHandler.SESSIONS);
  context.setContextPath('/');
  let sessionHandler: Any = null;
  if (store === 'legacy-hash') {
    const legacy = load('session/legacy/index', 'the legacy HashSessionManager (src/session/legacy)');
    if (!legacy.HashSessionManager) throw new ServerUnavailableError('Cannot find HashSessionManager in src/session/legacy');
    const manager = new legacy.HashSessionManager();
    manager.setStoreDirectory?.(options.storeDir);
    manager.setLazyLoad?.(Boolean(options.extra.lazyLoad));
    sessionHandler = new S.SessionHandler(manager);
    context.setSessionHandler(sessionHandler);
  } else if (store !== 'none') {
    sessionHandler = context.getSessionHandler();
    const cache = options.extra.cache === 'null' ? new S.NullSessionCache(sessionHandler) : new S.DefaultSessionCache(sessionHandler);
    if (store === 'jdbc') {
      const J = load('session/stores/jdbc/index', 'the JDBC session store (src/session/stores/jdbc)');
      const adaptor = new J.DatabaseAdaptor();
      // the connections carry this process's name, so that the runner finds their backends' CPU
      const url = String(options.extra.jdbcUrl);
      adaptor.setDriverInfo(null, `${url}${url.includes('?') ? '&' : '?'}ApplicationName=${benchApplicationName(process.pid)}`);
      readRoundTrips = countPgRoundTrips(require('pg'));
      const ds = new J.JDBCSessionDataStore();
      ds.setDatabaseAdaptor(adaptor);
      const schema = new J.SessionTableSchema();
      schema.setTableName(`${String(options.extra.table)}_${process.pid}`);
      ds.setSessionTableSchema(schema);
      if (options.extra.savePeriodSec !== undefined) ds.setSavePeriodSec(Number(options.extra.savePeriodSec));
      if (options.extra.memcachedPort !== undefined) {
        // the memcached L2 cache in front of the JDBC store (module session-store-cache)
        const M = load('session/stores/memcached/index', 'the memcached session data cache (src/session/stores/memcached)');
        const C = load('session/caching-session-data-store', 'CachingSessionDataStore');
        cache.setSessionDataStore(new C.CachingSessionDataStore(new M.MemcachedSessionDataMap('127.0.0.1', String(options.extra.memcachedPort)), ds));
      } else {
        cache.setSessionDataStore(ds);
      }
    } else if (store === 'redis') {
      const R = load('session/stores/redis/index', 'the Redis session store (src/session/stores/redis)');
      const ds = new R.RedisSessionDataStore();
      ds.setUrl(String(options.extra.redisUrl));
      ds.setKeyPrefix(`pier-bench:${process.pid}:`);
      cache.setSessionDataStore(ds);
    } else if (store === 'file') {
      const ds = new S.FileSessionDataStore();
      ds.setStoreDir(options.storeDir);
      ds.setDeleteUnrestorableFiles(Boolean(options.extra.deleteUnrestorableFiles));
      if (options.extra.durability !== undefined) ds.setDurability(String(options.extra.durability));
      if (options.extra.checkpointPeriodMs !== undefined) ds.setCheckpointPeriodMs(Number(options.extra.checkpointPeriodMs));
      cache.setSessionDataStore(ds);
    } else {
      cache.setSessionDataStore(new S.NullSessionDataStore());
    }
    sessionHandler.setSessionCache(cache);
  }
  context.addServlet(BenchServlet, '/*');
  server.setHandler(context);
  // extra.stats: the stats module (a StatisticsHandler around the handlers, as etc/jetty-stats.xml inserts it);
  // extra.metrics: the metrics module too (its MetricsConnector on a free port, subscribed to the events).
  if (options.extra.stats || options.extra.metrics) {
    const { StatisticsHandler } = load('server/handler/statistics-handler', 'StatisticsHandler');
    server.insertHandler(new StatisticsHandler());
  }
  if (options.extra.metrics) {
    const { MetricsConnector } = load('metrics/index', 'the metrics module (src/metrics)');
    const metrics = new MetricsConnector(server);
    metrics.setPort(0);
    server.addBean(metrics);
  }
  await server.start();

  /** Event-loop delay from the end of a populate with expiring sessions (their timers fire) to the scavenge's end. */
  let expiryWindow: ReturnType<typeof monitorEventLoopDelay> | null = null;
  const probes: RunningServer['probes'] =
    sessionHandler && store !== 'legacy-hash'
      ? {
          /** Creates `n` small idle sessions through the cache (1 attribute); `expiredPercent` of them expire in 1 s. */
          populate: async (arg) => {
            const n = Number(arg.n);
            const expiring = Math.floor((n * Number(arg.expiredPercent ?? 0)) / 100);
            const cache = sessionHandler.getSessionCache();
            const now = Date.now();
            for (let i = 0; i < n; i++) {
              const id = idm.newSessionId(null, now);
              const session = cache.newSession(id, now, i < expiring ? 1000 : 3600_000);
              session.setExtendedId?.(`${id}.${idm.getWorkerName()}`);
              cache.add(id, session);
              session.setAttribute('user', `u${i}`);
              await cache.release(id, session);
              if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
            }
            if (expiring > 0) {
              // Collect the garbage of populating first, so the window measures expiry, not this set-up.
              (globalThis as Any).gc?.();
              expiryWindow = monitorEventLoopDelay({ resolution: 1 });
              expiryWindow.enable();
            }
            return { sessions: cache.getSessionsCurrent?.() ?? null };
          },
          /** How many statements (round trips) the JDBC store has sent to PostgreSQL so far. */
          ...(readRoundTrips ? { pgRoundTrips: async () => ({ n: readRoundTrips?.() ?? 0 }) } : {}),
          /** Writes the file store's journal into its session files now (journal durability; a no-op otherwise). */
          checkpoint: async () => {
            await sessionHandler.getSessionCache().getSessionDataStore().checkpoint?.();
            return {};
          },
          /** The file store's checkpoint backlog: sessions acknowledged (in the journal) but not yet in their files. */
          backlog: async () => {
            const ds = sessionHandler.getSessionCache().getSessionDataStore() as { getCheckpointBacklog?(): { sessions: number; bytes: number } };
            return ds.getCheckpointBacklog?.() ?? { sessions: 0, bytes: 0 };
          },
          /** Garbage-collects (needs --expose-gc) and reports rss and heap. */
          memory: async () => {
            for (let i = 0; i < 3; i++) {
              (globalThis as Any).gc?.();
              await new Promise((r) => setTimeout(r, 50));
            }
            const m = process.memoryUsage();
            return { rss: m.rss, heapUsed: m.heapUsed, sessions: sessionHandler.getSessionCache().getSessionsCurrent?.() ?? null };
          },
          /** One HouseKeeper scavenge, with the event-loop delay measured while it runs. */
          scavenge: async () => {
            const cache = sessionHandler.getSessionCache();
            const before = cache.getSessionsCurrent?.() ?? null;
            const candidates = sessionHandler.getCandidateSessionIdsForExpiry?.().size ?? null;
            const h = monitorEventLoopDelay({ resolution: 1 });
            h.enable();
            const t0 = process.hrtime.bigint();
            await houseKeeper.scavenge();
            // Let background invalidations finish (bounded).
            for (let i = 0; i < 200 && (cache.getSessionsCurrent?.() ?? 0) > before - candidates && candidates; i++) {
              await new Promise((r) => setTimeout(r, 10));
            }
            const ms = Number(process.hrtime.bigint() - t0) / 1e6;
            h.disable();
            expiryWindow?.disable();
            const w = expiryWindow;
            expiryWindow = null;
            return {
              windowP99Ms: w ? w.percentile(99) / 1e6 : null,
              windowMaxMs: w ? w.max / 1e6 : null,
              before,
              candidates,
              after: cache.getSessionsCurrent?.() ?? null,
              durationMs: ms,
              p99Ms: h.percentile(99) / 1e6,
              maxMs: h.max / 1e6,
            };
          },
        }
      : undefined;
  return {
    port: connector.getLocalPort(),
    close: async () => {
      await server.stop();
      if (store === 'jdbc') {
        const pg = require('pg');
        const c = new pg.Client({ connectionString: String(options.extra.pgUrl) });
        await c.connect();
        try {
          await c.query(`drop table if exists ${String(options.extra.table)}_${process.pid}`);
        } finally {
          await c.end();
        }
      }
    },
    probes,
  };
}
