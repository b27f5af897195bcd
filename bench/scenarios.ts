/**
 * The benchmark scenarios: throughput with a reused cookie or a new session per request, restart with
 * stored sessions, memory per idle session and event-loop delay while scavenging.
 * @module
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drive, obtainCookies, type LoadSettings } from './load';
import { ServerProcess, ServerSkippedError } from './server-process';
import { cpuSeconds, cpuUsPerRequest } from './external-server';
import { pgBackendCpu, pgCpuUsPerRequest } from './pg-backends';
import type { ServerOptions, SessionMode } from './servers/server-kind';

/** One row of `bench/results/latest.json`. */
export interface BenchRecord {
  scenario: string;
  server: string;
  reqPerSec: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  rssMb: number | null;
  /** Why the row has no figures (a Pier piece not ready, a failure). */
  skipped?: string;
  /** Scenario-specific figures (start-to-first-response ms, bytes per session, loop delay...). */
  [extra: string]: unknown;
}

/** A server as it appears in the results: its child id, what its route does and a readable label. */
export interface ServerEntry {
  readonly id: string;
  readonly mode: SessionMode;
  readonly label: string;
  readonly extra?: Record<string, unknown>;
}

export const HELLO_SERVERS: ServerEntry[] = [
  { id: 'node:http', mode: 'hello', label: 'node:http hello' },
  { id: 'pier', mode: 'hello', label: 'pier hello servlet' },
];

/** The PostgreSQL both the JDBC store and connect-pg-simple use (`BENCH_PG_JDBC_URL`, `BENCH_PG_URL`). */
export const PG = {
  jdbcUrl: process.env.BENCH_PG_JDBC_URL ?? 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres',
  pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
};

/** The Redis both the Redis store and connect-redis use (`BENCH_REDIS_URL`), and the memcached of the L2 rows. */
export const REDIS = { redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14' };
export const MEMCACHED_PORT = process.env.BENCH_MEMCACHED_PORT ?? process.env.PIER_MEMCACHED_PORT ?? '11211';

export const SESSION_SERVERS: ServerEntry[] = [
  { id: 'pier', mode: 'read', label: 'pier session read (DefaultSessionCache, NullSessionDataStore)' },
  { id: 'pier', mode: 'read', label: 'pier session read (DefaultSessionCache, NullSessionDataStore, module stats)', extra: { stats: true } },
  {
    id: 'pier',
    mode: 'read',
    label: 'pier session read (DefaultSessionCache, NullSessionDataStore, module metrics)',
    extra: { metrics: true },
  },
  { id: 'pier-file', mode: 'write', label: 'pier session write (FileSessionDataStore, durability journal)' },
  { id: 'pier-file', mode: 'write', label: 'pier session write (FileSessionDataStore, durability file)', extra: { durability: 'file' } },
  { id: 'pier-file', mode: 'write', label: 'pier session write (FileSessionDataStore, durability os)', extra: { durability: 'os' } },
  { id: 'pier-legacy-hash', mode: 'write', label: 'pier legacy HashSessionManager' },
  {
    id: 'pier-jdbc',
    mode: 'read',
    label: 'pier session read (NullSessionCache, JDBCSessionDataStore on PostgreSQL)',
    extra: { ...PG, cache: 'null', table: 'pier_bench_jdbc' },
  },
  {
    id: 'pier-jdbc',
    mode: 'write',
    label: 'pier session write (NullSessionCache, JDBCSessionDataStore on PostgreSQL)',
    extra: { ...PG, cache: 'null', table: 'pier_bench_jdbc' },
  },
  {
    id: 'pier-jdbc',
    mode: 'read',
    label: 'pier session read (DefaultSessionCache, JDBCSessionDataStore on PostgreSQL)',
    extra: { ...PG, table: 'pier_bench_jdbc' },
  },
  {
    id: 'pier-jdbc',
    mode: 'read',
    label: 'pier session read (NullSessionCache, JDBCSessionDataStore on PostgreSQL, savePeriodSec 60)',
    extra: { ...PG, cache: 'null', savePeriodSec: 60, table: 'pier_bench_jdbc' },
  },
  {
    id: 'pier-jdbc',
    mode: 'read',
    label: 'pier session read (NullSessionCache, JDBCSessionDataStore on PostgreSQL, memcached L2 cache)',
    extra: { ...PG, cache: 'null', memcachedPort: MEMCACHED_PORT, table: 'pier_bench_jdbc' },
  },
  { id: 'pier-redis', mode: 'read', label: 'pier session read (NullSessionCache, RedisSessionDataStore)', extra: { ...REDIS, cache: 'null' } },
  { id: 'pier-redis', mode: 'write', label: 'pier session write (NullSessionCache, RedisSessionDataStore)', extra: { ...REDIS, cache: 'null' } },
  { id: 'express-session-redis', mode: 'read', label: 'express-session connect-redis read (Redis)', extra: { ...REDIS } },
  { id: 'express-session-redis', mode: 'write', label: 'express-session connect-redis write (Redis)', extra: { ...REDIS } },
  { id: 'express-session-pg', mode: 'read', label: 'express-session connect-pg-simple read (PostgreSQL)', extra: { ...PG, table: 'pier_bench_cps' } },
  {
    id: 'express-session-pg',
    mode: 'write',
    label: 'express-session connect-pg-simple write (PostgreSQL)',
    extra: { ...PG, table: 'pier_bench_cps' },
  },
  { id: 'express-session-memory', mode: 'read', label: 'express-session MemoryStore' },
  { id: 'express-session-file', mode: 'write', label: 'express-session session-file-store' },
  { id: 'fastify-session', mode: 'read', label: '@fastify/session' },
];

/** Prints progress lines to stderr so stdout keeps the table. */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `pier-bench-${tag}-`));
}

export function skippedRow(scenario: string, server: string, reason: string): BenchRecord {
  note(`  skipped ${scenario} / ${server}: ${reason}`);
  return { scenario, server, reqPerSec: null, p50Ms: null, p99Ms: null, rssMb: null, skipped: reason };
}

/** Node arguments for the in-code servers' processes (`BENCH_NODE_ARGS`, space separated: `--cpu-prof --cpu-prof-dir=DIR`). */
function inCodeNodeArgs(): string[] {
  return (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/**
 * Runs one scenario for one server: `body` gets a fresh temp folder and a `start` that forks the
 * server; whatever happens, the server is stopped and the folder removed. A server that cannot run
 * here, or a failure, becomes a skipped row that says why.
 */
async function withServer(
  scenario: string,
  entry: ServerEntry,
  dirTag: string,
  body: (dir: string, start: (options: ServerOptions, timeoutMs?: number) => Promise<ServerProcess>) => Promise<BenchRecord>,
): Promise<BenchRecord> {
  const dir = tempDir(dirTag);
  let server: ServerProcess | null = null;
  try {
    return await body(dir, async (options, timeoutMs) => (server = await ServerProcess.start(entry.id, options, timeoutMs, inCodeNodeArgs())));
  } catch (err) {
    if (err instanceof ServerSkippedError) return skippedRow(scenario, entry.label, err.reason);
    return skippedRow(scenario, entry.label, `failed: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    await (server as ServerProcess | null)?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one server under load in one scenario ('hello', 'session-reuse', 'session-new'). */
export async function throughput(scenario: string, entry: ServerEntry, load: LoadSettings, warmupSec: number): Promise<BenchRecord> {
  return withServer(scenario, entry, 'store', async (storeDir, start) => {
    const server = await start({ mode: entry.mode, storeDir, extra: entry.extra ?? {} });
    const cookies = scenario === 'session-reuse' ? await obtainCookies(server.port, load.connections) : null;
    if (warmupSec > 0) await drive(server.port, { ...load, durationSec: warmupSec }, cookies);
    // Rows on PostgreSQL also count the statements sent (one round trip each) and the database's CPU, per request.
    const pgUrl = typeof entry.extra?.pgUrl === 'string' ? entry.extra.pgUrl : null;
    const pid = server.child.pid ?? 0;
    const roundTrips = async (): Promise<number | null> => (pgUrl ? Number((await server.probe('pgRoundTrips').catch(() => ({ n: NaN }))).n) : null);
    const pgCpuBefore = pgUrl ? await pgBackendCpu(pgUrl, pid) : null;
    const tripsBefore = await roundTrips();
    const cpuBefore = cpuSeconds(server.child.pid);
    const r = await drive(server.port, load, cookies);
    const cpuUsPerReq = cpuUsPerRequest(cpuBefore, cpuSeconds(server.child.pid), r.requests);
    const tripsAfter = await roundTrips();
    const pgCpuUsPerReq = pgUrl ? pgCpuUsPerRequest(pgCpuBefore, await pgBackendCpu(pgUrl, pid), r.requests) : undefined;
    const pgRoundTripsPerReq =
      tripsBefore !== null && tripsAfter !== null && Number.isFinite(tripsAfter - tripsBefore) && r.requests > 0
        ? Math.round(((tripsAfter - tripsBefore) / r.requests) * 100) / 100
        : undefined;
    const rssMb = await server.rssMb();
    // The journal acknowledges a write before its session file exists: say how many were still only in the journal.
    const backlog = entry.id === 'pier-file' ? await server.probe('backlog').catch(() => null) : null;
    const backlogSessions = backlog ? Number(backlog.sessions) : undefined;
    const backlogMb = backlog ? Math.round((Number(backlog.bytes) / 1024 / 1024) * 10) / 10 : undefined;
    note(
      `  ${scenario} / ${entry.label}: ${r.reqPerSec} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, rss ${rssMb} MB, ${cpuUsPerReq ?? '?'} µs CPU/request` +
        (pgUrl ? `, PostgreSQL: ${pgRoundTripsPerReq ?? '?'} round trips and ${pgCpuUsPerReq ?? '?'} µs CPU/request` : '') +
        (backlogSessions ? `, ${backlogSessions} sessions (${backlogMb} MB) in the journal and not yet in files at the end` : '') +
        (r.non2xx || r.errors ? ` (non-2xx ${r.non2xx}, errors ${r.errors})` : ''),
    );
    return {
      scenario,
      server: entry.label,
      reqPerSec: r.reqPerSec,
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      rssMb,
      cpuUsPerReq,
      ...(pgUrl ? { pgRoundTripsPerReq, pgCpuUsPerReq } : {}),
      requests: r.requests,
      non2xx: r.non2xx,
      errors: r.errors,
      ...(backlogSessions !== undefined ? { checkpointBacklogSessions: backlogSessions, checkpointBacklogMb: backlogMb } : {}),
    };
  });
}

/** A stored session made by the server itself, cloned to fill a store for the restart scenario. */
interface StoreTemplate {
  name: string;
  doc: Record<string, unknown>;
  id: string;
  cookie: string;
}

async function makeTemplate(id: string, extra: Record<string, unknown>): Promise<StoreTemplate> {
  const dir = tempDir('template');
  const server = await ServerProcess.start(id, { mode: 'write', storeDir: dir, extra });
  try {
    const [cookie] = await obtainCookies(server.port, 1);
    await server.stop();
    const files = fs.readdirSync(dir).filter((f) => !f.startsWith('.'));
    if (files.length !== 1) throw new Error(`Cannot make a store template: expected 1 session file in '${dir}', found ${files.length}`);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8')) as Record<string, unknown>;
    return { name: files[0], doc, id: String(doc.id), cookie };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Fills `dir` with `count` clones of the template (ids `bench<i>`) and returns the cookie for the last one. */
function fillStore(dir: string, t: StoreTemplate, count: number): string {
  let cookie = '';
  for (let i = 0; i < count; i++) {
    const id = `bench${String(i).padStart(7, '0')}`;
    const doc = { ...t.doc, id, attributes: { n: i } };
    fs.writeFileSync(path.join(dir, t.name.replace(t.id, id)), JSON.stringify(doc));
    cookie = t.cookie.replace(t.id, id);
  }
  return cookie;
}

/** Restart with `count` stored sessions: ms from fork to the first response that found its stored session. */
export async function restart(entry: ServerEntry, count: number): Promise<BenchRecord> {
  const scenario = `restart-${count}`;
  return withServer(scenario, entry, 'restart', async (dir, start) => {
    const template = await makeTemplate(entry.id, entry.extra ?? {});
    const cookie = fillStore(dir, template, count);
    const server = await start({ mode: 'read', storeDir: dir, extra: entry.extra ?? {} }, 300_000);
    const res = await fetch(`http://127.0.0.1:${server.port}/`, { headers: { cookie } });
    const text = await res.text();
    const firstResponseMs = Math.round(performance.now() - server.startedAt);
    const readyMs = Math.round(server.readyAt - server.startedAt);
    const found = text === `n=${count - 1}`;
    const rssMb = await server.rssMb();
    note(`  ${scenario} / ${entry.label}: ready ${readyMs} ms, first response ${firstResponseMs} ms, session restored: ${found}, rss ${rssMb} MB`);
    return { scenario, server: entry.label, reqPerSec: null, p50Ms: null, p99Ms: null, rssMb, readyMs, firstResponseMs, sessionRestored: found };
  });
}

/** Resident memory per idle small session after `count` sessions are created in the cache. */
export async function memoryPerSession(entry: ServerEntry, count: number): Promise<BenchRecord> {
  const scenario = `idle-sessions-${count}`;
  return withServer(scenario, entry, 'memory', async (dir, start) => {
    const server = await start({ mode: 'read', storeDir: dir, extra: entry.extra ?? {} });
    const before = await server.probe('memory');
    await server.probe('populate', { n: count });
    const after = await server.probe('memory');
    const rssDeltaMb = (Number(after.rss) - Number(before.rss)) / 1024 / 1024;
    const bytesPerSession = Math.round((Number(after.rss) - Number(before.rss)) / count);
    const heapBytesPerSession = Math.round((Number(after.heapUsed) - Number(before.heapUsed)) / count);
    const rssMb = Math.round((Number(after.rss) / 1024 / 1024) * 10) / 10;
    note(
      `  ${scenario} / ${entry.label}: ${after.sessions} sessions, rss +${rssDeltaMb.toFixed(1)} MB (${bytesPerSession} B/session rss, ${heapBytesPerSession} B/session heap), rss ${rssMb} MB`,
    );
    return {
      scenario,
      server: entry.label,
      reqPerSec: null,
      p50Ms: null,
      p99Ms: null,
      rssMb,
      rssDeltaMb: Math.round(rssDeltaMb * 10) / 10,
      bytesPerSession,
      heapBytesPerSession,
      sessions: after.sessions,
    };
  });
}

/** Event-loop delay while the HouseKeeper scavenges `count` sessions of which 1% expired. */
export async function scavengeDelay(entry: ServerEntry, count: number): Promise<BenchRecord> {
  const scenario = `scavenge-${count}`;
  return withServer(scenario, entry, 'scavenge', async (dir, start) => {
    const server = await start({ mode: 'read', storeDir: dir, extra: { ...entry.extra, scavengeIntervalSec: 600 } });
    await server.probe('populate', { n: count, expiredPercent: 1 });
    await new Promise((r) => setTimeout(r, 2500));
    const s = await server.probe('scavenge');
    const rssMb = await server.rssMb();
    note(
      `  ${scenario} / ${entry.label}: ${s.before} sessions, ${s.candidates} candidates, ${s.after} left, scavenge ${Number(s.durationMs).toFixed(0)} ms, loop delay p99 ${Number(s.p99Ms).toFixed(2)} ms, max ${Number(s.maxMs).toFixed(2)} ms; from the expiry timers to the end: p99 ${Number(s.windowP99Ms).toFixed(2)} ms, max ${Number(s.windowMaxMs).toFixed(2)} ms`,
    );
    return {
      scenario,
      server: entry.label,
      reqPerSec: null,
      p50Ms: null,
      p99Ms: null,
      rssMb,
      loopDelayP99Ms: Math.round(Number(s.p99Ms) * 100) / 100,
      loopDelayMaxMs: Math.round(Number(s.maxMs) * 100) / 100,
      expiryWindowP99Ms: Math.round(Number(s.windowP99Ms) * 100) / 100,
      expiryWindowMaxMs: Math.round(Number(s.windowMaxMs) * 100) / 100,
      scavengeMs: Math.round(Number(s.durationMs)),
      sessionsBefore: s.before,
      expiredCandidates: s.candidates,
      sessionsAfter: s.after,
    };
  });
}
