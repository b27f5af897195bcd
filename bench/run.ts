/**
 * `npm run bench`: starts every server in its own child process, drives each with the same autocannon
 * settings, prints the table and the ratios against the aims, and writes `bench/results/latest.json`.
 * Settings: `--quick`, `BENCH_DURATION` (s), `BENCH_CONNECTIONS`, `BENCH_PIPELINING`, `BENCH_REPEAT` (best of N),
 * `BENCH_ONLY` (scenario prefix list), `BENCH_SERVERS` (substrings of the throughput servers' labels),
 * `BENCH_WEBAPP_WARMUP` (s of load before each `bin/start` and Jetty row is measured; 5 by default),
 * `BENCH_PIER_NODE_ARGS` / `BENCH_JETTY_JVM_ARGS` (runtime arguments of the web-app servers, e.g. `--cpu-prof`),
 * `BENCH_NODE_ARGS` (node arguments of the in-code servers' processes).
 * @module
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePeers } from './peers';
import { formatRatios, formatTable, ratios } from './report';
import { jdbcStoreLatency } from './jdbc-latency';
import {
  HELLO_SERVERS,
  SESSION_SERVERS,
  memoryPerSession,
  note,
  restart,
  scavengeDelay,
  throughput,
  type BenchRecord,
  type ServerEntry,
} from './scenarios';
import { WEBAPP_HELLO_SERVERS, WEBAPP_SESSION_SERVERS, webAppIdleSessions, webAppServer, webAppThroughput } from './webapp-scenarios';

/** The repository root: the nearest folder above this file that holds package.json. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  for (let i = 0; i < 10; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`Cannot find the repository root: no package.json above '${from}'`);
}

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Cannot use ${name}='${v}': expected a positive integer`);
  return n;
}

async function main(): Promise<void> {
  ensurePeers();
  const quick = process.argv.includes('--quick');
  const load = {
    durationSec: envInt('BENCH_DURATION', quick ? 3 : 10),
    connections: envInt('BENCH_CONNECTIONS', quick ? 20 : 50),
    pipelining: envInt('BENCH_PIPELINING', 1),
  };
  const warmupSec = quick ? 0 : 1;
  // A process started from its launcher is warmed longer: the JVM compiles its hot paths after a few seconds of load.
  const webAppWarmupSec = envInt('BENCH_WEBAPP_WARMUP', quick ? 1 : 5);
  const repeat = envInt('BENCH_REPEAT', quick ? 1 : 2);
  const big = quick ? 10_000 : 100_000;
  const restartCounts = quick ? [1_000, 10_000] : [10_000, 100_000];
  const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
  const wanted = (scenario: string): boolean => only.length === 0 || only.some((o) => scenario.startsWith(o));
  const servers = (process.env.BENCH_SERVERS ?? '').split(',').filter(Boolean);
  const wantedServer = (s: ServerEntry): boolean => servers.length === 0 || servers.some((part) => s.label.includes(part));
  const started = Date.now();
  note(
    `Pier bench: ${load.connections} connections, ${load.durationSec} s, pipelining ${load.pipelining}, best of ${repeat}${quick ? ' (quick)' : ''}`,
  );

  const records: BenchRecord[] = [];
  // Throughput runs are repeated, interleaved across servers, and the best run of each is kept: on a machine
  // shared with other work, interference only ever lowers a figure.
  const runs = new Map<string, BenchRecord[]>();
  for (let rep = 0; rep < repeat; rep++) {
    if (repeat > 1) note(`round ${rep + 1} of ${repeat}`);
    const plan: Array<[string, ServerEntry]> = [
      ...(wanted('hello') ? [...HELLO_SERVERS, ...WEBAPP_HELLO_SERVERS].map((s): [string, ServerEntry] => ['hello', s]) : []),
      ...(['session-reuse', 'session-new'] as const)
        .filter(wanted)
        .flatMap((sc) => [...SESSION_SERVERS, ...WEBAPP_SESSION_SERVERS[sc]].map((s): [string, ServerEntry] => [sc, s])),
    ];
    for (const [scenario, s] of plan) {
      if (!wantedServer(s)) continue;
      const r = webAppServer(s) ? await webAppThroughput(scenario, s, load, webAppWarmupSec) : await throughput(scenario, s, load, warmupSec);
      r.load1 = Math.round(os.loadavg()[0] * 100) / 100;
      const key = `${scenario}\u0000${s.label}`;
      runs.set(key, [...(runs.get(key) ?? []), r]);
    }
  }
  for (const list of runs.values()) {
    const ok = list.filter((r) => !r.skipped);
    const best = ok.length > 0 ? ok.reduce((a, b) => ((b.reqPerSec ?? 0) > (a.reqPerSec ?? 0) ? b : a)) : list[0];
    records.push({ ...best, runsReqPerSec: list.map((r) => r.reqPerSec) });
  }
  const restartServers: ServerEntry[] = [
    { id: 'pier-file', mode: 'read', label: 'pier FileSessionDataStore' },
    { id: 'pier-legacy-hash', mode: 'read', label: 'pier legacy HashSessionManager eager', extra: { lazyLoad: false } },
    { id: 'pier-legacy-hash', mode: 'read', label: 'pier legacy HashSessionManager lazyLoad', extra: { lazyLoad: true } },
  ];
  for (const count of restartCounts) {
    if (!wanted(`restart-${count}`)) continue;
    for (const s of restartServers) records.push(await restart(s, count));
  }
  const pierRead: ServerEntry = { id: 'pier', mode: 'read', label: 'pier DefaultSessionCache, NullSessionDataStore' };
  if (wanted('idle-sessions')) {
    records.push(await memoryPerSession(pierRead, big));
    // The same count of sessions made over HTTP in bin/start and in Jetty (the session read base of each).
    for (const s of WEBAPP_SESSION_SERVERS['session-reuse'].filter((e) => e.mode === 'read' && wantedServer(e))) {
      records.push(await webAppIdleSessions(s, big));
    }
  }
  if (wanted('scavenge')) records.push(await scavengeDelay(pierRead, big));

  if (wanted('jdbc-store-latency')) records.push(...(await jdbcStoreLatency(quick ? 200 : 2000)));

  const table = formatTable(records);
  const checked = ratios(records);
  process.stdout.write(`\n${table}\n\n${formatRatios(checked)}\n`);
  const machine = {
    nproc: os.cpus().length,
    totalMemMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  process.stdout.write(`\nmachine: ${JSON.stringify(machine)}; run took ${Math.round((Date.now() - started) / 1000)} s\n`);
  const outDir = path.join(repoRoot(), 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const file = quick || only.length > 0 ? 'quick.json' : 'latest.json';
  fs.writeFileSync(path.join(outDir, file), `${JSON.stringify(records, null, 2)}\n`);
  fs.writeFileSync(
    path.join(outDir, file.replace('.json', '.meta.json')),
    `${JSON.stringify({ date: new Date().toISOString(), load: { ...load, warmupSec, webAppWarmupSec, repeat }, machine, ratios: checked }, null, 2)}\n`,
  );
  note(`wrote bench/results/${file}`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`Cannot run the bench: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
