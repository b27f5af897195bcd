/**
 * The web-app rows: Pier through `bin/start` and real Jetty 9.4 through `start.jar`, each on a generated
 * jetty.base whose webapps/ROOT holds one servlet, driven by the same autocannon load as the in-code rows.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createSessions, drive, obtainCookies, type LoadSettings } from './load';
import { cpuSeconds, cpuUsPerRequest, ExternalServer } from './external-server';
import { note, skippedRow, tempDir, type BenchRecord, type ServerEntry } from './scenarios';
import { jettyPeerFor, writeWebAppBase, type WebAppServer, type WebAppStore } from './webapp-bases';
import type { SessionMode } from './servers/server-kind';

/** The id of a web-app row's server in a ServerEntry: `webapp:pier` or `webapp:jetty`. */
export function webAppServer(entry: ServerEntry): WebAppServer | null {
  return entry.id === 'webapp:pier' ? 'pier' : entry.id === 'webapp:jetty' ? 'jetty' : null;
}

const memory: WebAppStore = { kind: 'memory' };
const file = (durability?: WebAppStore['durability']): WebAppStore => ({ kind: 'file', durability });

function entry(server: WebAppServer, mode: SessionMode, store: WebAppStore, what: string): ServerEntry {
  const who = server === 'pier' ? 'pier bin/start' : 'jetty 9.4 start.jar';
  return { id: `webapp:${server}`, mode, label: `${who} ${what}`, extra: { store } };
}

/** The hello rows of both servers. */
export const WEBAPP_HELLO_SERVERS: ServerEntry[] = [
  entry('pier', 'hello', memory, 'hello (web app)'),
  entry('jetty', 'hello', memory, 'hello (web app)'),
];

const READ = 'session read (web app, DefaultSessionCache, NullSessionDataStore)';
const WRITE = 'session write (web app, DefaultSessionCache, FileSessionDataStore';

/** The session rows of both servers: read (memory), and write with the file store (Pier's `os` and `journal`; Jetty never fsyncs). */
export const WEBAPP_SESSION_SERVERS: Record<'session-reuse' | 'session-new', ServerEntry[]> = {
  'session-reuse': [
    entry('pier', 'read', memory, READ),
    entry('jetty', 'read', memory, READ),
    entry('pier', 'write', file('os'), `${WRITE}, durability os)`),
    entry('pier', 'write', file('journal'), `${WRITE}, durability journal)`),
    entry('jetty', 'write', file(), `${WRITE})`),
  ],
  'session-new': [
    entry('pier', 'write', file('os'), `${WRITE}, durability os)`),
    entry('pier', 'write', file('journal'), `${WRITE}, durability journal)`),
    entry('jetty', 'write', file(), `${WRITE})`),
  ],
};

/** Node arguments for bin/start (`BENCH_PIER_NODE_ARGS`, space separated) and JVM arguments for Jetty (`BENCH_JETTY_JVM_ARGS`). */
function runtimeArgs(server: WebAppServer): string[] {
  const v = server === 'pier' ? process.env.BENCH_PIER_NODE_ARGS : process.env.BENCH_JETTY_JVM_ARGS;
  return (v ?? '').split(' ').filter(Boolean);
}

let classesDir: string | null = null;

/** One folder per run for the compiled Java servlets, removed when the bench exits. */
function jettyClassesDir(): string {
  if (classesDir === null) {
    const dir = tempDir('jetty-classes');
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    classesDir = dir;
  }
  return classesDir;
}

/** Writes the base and starts its server; the caller stops it and removes `dir`. */
export async function startWebApp(entry: ServerEntry, dir: string): Promise<ExternalServer> {
  const server = webAppServer(entry);
  if (!server) throw new Error(`Cannot start '${entry.label}': not a web-app row`);
  const store = (entry.extra?.store as WebAppStore | undefined) ?? memory;
  const base = path.join(dir, 'base');
  let jetty = null;
  if (server === 'jetty') {
    const peer = jettyPeerFor(jettyClassesDir());
    if (!peer.ok) throw new WebAppSkipped(`no Jetty rows: ${peer.reason}`);
    jetty = peer.env;
    writeWebAppBase('jetty', base, entry.mode, store, peer.classes);
  } else {
    writeWebAppBase('pier', base, entry.mode, store);
  }
  return ExternalServer.start(server, base, jetty, runtimeArgs(server));
}

/** A web-app row that cannot run here (no Java, no Jetty): the row says why. */
export class WebAppSkipped extends Error {}

async function withWebApp(scenario: string, entry: ServerEntry, body: (server: ExternalServer) => Promise<BenchRecord>): Promise<BenchRecord> {
  const dir = tempDir('webapp');
  let server: ExternalServer | null = null;
  try {
    server = await startWebApp(entry, dir);
    return await body(server);
  } catch (err) {
    if (err instanceof WebAppSkipped) return skippedRow(scenario, entry.label, err.message);
    return skippedRow(scenario, entry.label, `failed: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One web-app server under load in one scenario; `warmupSec` of the same load first (the JVM's JIT and V8's alike). */
export async function webAppThroughput(scenario: string, entry: ServerEntry, load: LoadSettings, warmupSec: number): Promise<BenchRecord> {
  return withWebApp(scenario, entry, async (server) => {
    const cookies = scenario === 'session-reuse' ? await obtainCookies(server.port, load.connections) : null;
    if (warmupSec > 0) await drive(server.port, { ...load, durationSec: warmupSec }, cookies);
    const cpuBefore = cpuSeconds(server.child.pid);
    const r = await drive(server.port, load, cookies);
    const cpuUsPerReq = cpuUsPerRequest(cpuBefore, cpuSeconds(server.child.pid), r.requests);
    const rssMb = server.rssMb();
    note(
      `  ${scenario} / ${entry.label}: ${r.reqPerSec} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, rss ${rssMb} MB, ${cpuUsPerReq ?? '?'} µs CPU/request` +
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
      requests: r.requests,
      non2xx: r.non2xx,
      errors: r.errors,
    };
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * RSS growth for `count` idle sessions: the session read base, 2,000 sessions made to warm the path, the RSS
 * after 3 s idle as the baseline, then `count` new sessions (one request each, 50 clients) and the RSS after
 * 5 s idle. Neither runtime is asked to collect garbage: this is the memory the OS sees.
 */
export async function webAppIdleSessions(entry: ServerEntry, count: number): Promise<BenchRecord> {
  const scenario = `idle-sessions-${count}`;
  return withWebApp(scenario, entry, async (server) => {
    await createSessions(server.port, 2000, 50);
    await sleep(3000);
    const before = server.rssMb();
    const started = performance.now();
    await createSessions(server.port, count, 50);
    const createSec = Math.round((performance.now() - started) / 100) / 10;
    await sleep(5000);
    const after = server.rssMb();
    const rssDeltaMb = Math.round((after - before) * 10) / 10;
    const bytesPerSession = Math.round(((after - before) * 1024 * 1024) / count);
    note(
      `  ${scenario} / ${entry.label}: rss ${before} MB idle, ${after} MB with ${count} more sessions (+${rssDeltaMb} MB, ${bytesPerSession} B/session; made in ${createSec} s)`,
    );
    return {
      scenario,
      server: entry.label,
      reqPerSec: null,
      p50Ms: null,
      p99Ms: null,
      rssMb: after,
      rssIdleMb: before,
      rssDeltaMb,
      bytesPerSession,
      sessions: count,
      createSec,
    };
  });
}
