/**
 * CPU microseconds per request of Pier through `bin/start` and of real Jetty 9.4 through `start.jar`, on the
 * bench's web-app bases: the figure to compare when the machine is shared. Throughput moves with whatever else
 * runs; the CPU a server's process spends on a fixed number of requests moves far less.
 *
 * For each row and server: start it on its base, drive `CPU_WARMUP` seconds of load (the JVM's JIT and V8's
 * optimiser settle), then `CPU_RUNS` times send exactly `CPU_REQUESTS` requests and read the process's user +
 * system time (every thread) from /proc/<pid>/stat before and after. Prints each run (with its system part: the
 * kernel's socket and file work), the median and the
 * lowest, and the Jetty / Pier ratio of the medians (above 1: Pier spends less CPU on a request).
 *
 * `node dist/bench/cpu-per-request.js` after `npm run build`. Settings: `CPU_ROWS` (hello, read, write, new,
 * write-journal, new-journal; default the first four), `CPU_SERVERS` (pier, jetty), `CPU_REQUESTS` (100000),
 * `CPU_RUNS` (5), `CPU_WARMUP` (8 s), `CPU_CONNECTIONS` (50); `BENCH_PIER_NODE_ARGS` and `BENCH_JETTY_JVM_ARGS`
 * as in `npm run bench` (`BENCH_PIER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles Pier).
 * @module
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { drive, driveCount, obtainCookies } from './load';
import { ensurePeers } from './peers';
import { cpuTimes, type ExternalServer } from './external-server';
import { note, tempDir, type ServerEntry } from './scenarios';
import { WEBAPP_HELLO_SERVERS, WEBAPP_SESSION_SERVERS, startWebApp, webAppServer } from './webapp-scenarios';
import type { WebAppStore } from './webapp-bases';

/** A row: its name, its scenario (cookies reused or not) and its Pier and Jetty entries. */
interface Row {
  readonly name: string;
  readonly scenario: 'hello' | 'session-reuse' | 'session-new';
  readonly entries: ServerEntry[];
}

const durability = (e: ServerEntry): string | undefined => (e.extra?.store as WebAppStore | undefined)?.durability;
const jettyOr = (e: ServerEntry, d: string): boolean => webAppServer(e) === 'jetty' || durability(e) === d;

const ROWS: Row[] = [
  { name: 'hello', scenario: 'hello', entries: WEBAPP_HELLO_SERVERS },
  { name: 'read', scenario: 'session-reuse', entries: WEBAPP_SESSION_SERVERS['session-reuse'].filter((e) => e.mode === 'read') },
  {
    name: 'write',
    scenario: 'session-reuse',
    entries: WEBAPP_SESSION_SERVERS['session-reuse'].filter((e) => e.mode === 'write' && jettyOr(e, 'os')),
  },
  { name: 'new', scenario: 'session-new', entries: WEBAPP_SESSION_SERVERS['session-new'].filter((e) => jettyOr(e, 'os')) },
  {
    name: 'write-journal',
    scenario: 'session-reuse',
    entries: WEBAPP_SESSION_SERVERS['session-reuse'].filter((e) => e.mode === 'write' && durability(e) === 'journal'),
  },
  { name: 'new-journal', scenario: 'session-new', entries: WEBAPP_SESSION_SERVERS['session-new'].filter((e) => durability(e) === 'journal') },
];

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Cannot use ${name}='${v}': expected a positive integer`);
  return n;
}

function envList(name: string, fallback: string[], known: string[]): string[] {
  const list = (process.env[name] ?? '').split(',').filter(Boolean);
  for (const v of list)
    if (!known.includes(v)) throw new Error(`Cannot use ${name}='${process.env[name]}': '${v}' is not one of ${known.join(', ')}`);
  return list.length > 0 ? list : fallback;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU µs per request of one run: user + system, and the system (kernel) part alone. */
interface Run {
  readonly total: number;
  readonly system: number;
}

/** One server of one row: CPU µs per request of each run. */
async function measure(
  row: Row,
  entry: ServerEntry,
  settings: { requests: number; runs: number; warmupSec: number; connections: number },
): Promise<Run[]> {
  const dir = tempDir('cpu');
  let server: ExternalServer | null = null;
  try {
    server = await startWebApp(entry, dir);
    const port = server.port;
    const cookies = row.scenario === 'session-reuse' ? await obtainCookies(port, settings.connections) : null;
    await drive(port, { connections: settings.connections, durationSec: settings.warmupSec, pipelining: 1 }, cookies);
    const out: Run[] = [];
    for (let i = 0; i < settings.runs; i++) {
      const before = cpuTimes(server.child.pid);
      const served = await driveCount(port, settings.connections, settings.requests, cookies);
      const after = cpuTimes(server.child.pid);
      if (before === null || after === null) throw new Error(`Cannot read the CPU time of ${entry.label}: no /proc/${server.child.pid}/stat`);
      const us = (seconds: number): number => Math.round((seconds * 1e6) / served);
      out.push({ total: us(after.user + after.system - before.user - before.system), system: us(after.system - before.system) });
    }
    return out;
  } finally {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  ensurePeers();
  const rows = envList(
    'CPU_ROWS',
    ['hello', 'read', 'write', 'new'],
    ROWS.map((r) => r.name),
  );
  const servers = envList('CPU_SERVERS', ['pier', 'jetty'], ['pier', 'jetty']);
  const settings = {
    requests: envInt('CPU_REQUESTS', 100_000),
    runs: envInt('CPU_RUNS', 5),
    warmupSec: envInt('CPU_WARMUP', 8),
    connections: envInt('CPU_CONNECTIONS', 50),
  };
  note(
    `CPU per request: ${settings.requests} requests x ${settings.runs} runs after ${settings.warmupSec} s of warm-up, ${settings.connections} connections`,
  );
  const lines: string[] = ['| row | server | µs/request (median) | lowest | runs (of which system) | load avg |', '|---|---|---|---|---|---|'];
  const ratios: string[] = [];
  for (const name of rows) {
    const row = ROWS.find((r) => r.name === name)!;
    const medians = new Map<string, number>();
    for (const entry of row.entries) {
      const who = webAppServer(entry)!;
      if (!servers.includes(who)) continue;
      const label = who === 'pier' ? `pier bin/start${durability(entry) ? ` ${durability(entry)}` : ''}` : 'jetty 9.4 start.jar';
      try {
        const runs = await measure(row, entry, settings);
        const load = os.loadavg()[0].toFixed(1);
        const totals = runs.map((r) => r.total);
        const each = runs.map((r) => `${r.total} (sys ${r.system})`).join(', ');
        medians.set(who, median(totals));
        lines.push(`| ${name} | ${label} | ${median(totals)} | ${Math.min(...totals)} | ${each} | ${load} |`);
        note(`  ${name} / ${label}: ${each} µs CPU/request (load ${load})`);
      } catch (err) {
        lines.push(`| ${name} | ${label} | skipped: ${(err as Error).message.split('\n')[0]} | | | |`);
        note(`  ${name} / ${label}: skipped: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    const p = medians.get('pier');
    const j = medians.get('jetty');
    if (p && j) ratios.push(`${name}: Jetty / Pier CPU per request ${(j / p).toFixed(2)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n${ratios.join('\n')}\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`Cannot measure the CPU per request: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
