/**
 * The printed table and the ratios against the aims, from the benchmark records of one run.
 * @module
 */
import type { BenchRecord } from './scenarios';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '-';
  return typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v);
}

/** A fixed-width text table of the throughput rows and a second one of the other figures. */
export function formatTable(records: BenchRecord[]): string {
  const lines: string[] = [];
  const rows = records.filter((r) => ['hello', 'session-reuse', 'session-new'].includes(r.scenario));
  const head = ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'rss MB', 'CPU µs/req'];
  const body = rows.map((r) =>
    r.skipped
      ? [r.scenario, r.server, 'skipped', '', '', '', '']
      : [r.scenario, r.server, cell(r.reqPerSec), cell(r.p50Ms), cell(r.p99Ms), cell(r.rssMb), cell(r.cpuUsPerReq)],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cols: string[]): string => `| ${cols.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  lines.push(fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(fmt));
  const others = records.filter((r) => !rows.includes(r));
  if (others.length > 0) {
    lines.push('', '| scenario | server | figures |', '|---|---|---|');
    for (const r of others) {
      const extras = Object.entries(r)
        .filter(([k]) => !['scenario', 'server', 'reqPerSec', 'load1', 'runsReqPerSec'].includes(k) && !(k.endsWith('Ms') && r[k] === null))
        .map(([k, v]) => `${k}=${cell(v)}`)
        .join(', ');
      lines.push(`| ${r.scenario} | ${r.server} | ${extras} |`);
    }
  }
  return lines.join('\n');
}

/** One aim checked in the run. */
export interface Ratio {
  readonly name: string;
  readonly value: number | null;
  readonly aim: string;
  readonly met: boolean | null;
  readonly note?: string;
}

function find(records: BenchRecord[], scenario: string, serverPrefix: string): BenchRecord | undefined {
  return records.find((r) => r.scenario === scenario && r.server.startsWith(serverPrefix) && !r.skipped);
}

function ratio(a: BenchRecord | undefined, b: BenchRecord | undefined): number | null {
  return a?.reqPerSec && b?.reqPerSec ? Math.round((a.reqPerSec / b.reqPerSec) * 100) / 100 : null;
}

/** The ratios the issue asks for, each with its aim and whether it is met. */
export function ratios(records: BenchRecord[]): Ratio[] {
  const out: Ratio[] = [];
  const read = find(records, 'session-reuse', 'pier session read');
  const raw = find(records, 'hello', 'node:http');
  const fastify = find(records, 'session-reuse', '@fastify/session');
  const journal = 'pier session write (FileSessionDataStore, durability journal)';
  const write = find(records, 'session-reuse', journal);
  const expressFile = find(records, 'session-reuse', 'express-session session-file-store');
  const r1 = ratio(read, raw);
  out.push({ name: 'pier session read / node:http hello (req/s)', value: r1, aim: '>= 0.6', met: r1 === null ? null : r1 >= 0.6 });
  const r2 = ratio(read, fastify);
  out.push({ name: 'pier session read / @fastify/session (req/s, cookie reused)', value: r2, aim: '>= 1.5', met: r2 === null ? null : r2 >= 1.5 });
  const r3 = ratio(write, expressFile);
  out.push({
    name: 'pier FileSessionDataStore writes / express-session + session-file-store (req/s, cookie reused)',
    value: r3,
    aim: '>= 10',
    met: r3 === null ? null : r3 >= 10,
  });
  const r3new = ratio(find(records, 'session-new', journal), find(records, 'session-new', 'express-session session-file-store'));
  out.push({
    name: 'pier FileSessionDataStore writes / express-session + session-file-store (req/s, new session per request)',
    value: r3new,
    aim: '>= 10',
    met: r3new === null ? null : r3new >= 10,
  });
  for (const [what, scenario, pier, peer] of [
    ['reads (cookie reused)', 'session-reuse', 'pier session read (NullSessionCache, JDBCSessionDataStore', 'express-session connect-pg-simple read'],
    [
      'writes (cookie reused)',
      'session-reuse',
      'pier session write (NullSessionCache, JDBCSessionDataStore',
      'express-session connect-pg-simple write',
    ],
    [
      'writes (new session per request)',
      'session-new',
      'pier session write (NullSessionCache, JDBCSessionDataStore',
      'express-session connect-pg-simple write',
    ],
  ] as const) {
    const r = ratio(find(records, scenario, pier), find(records, scenario, peer));
    out.push({
      name: `pier JDBCSessionDataStore (PostgreSQL) / express-session + connect-pg-simple, ${what} (req/s)`,
      value: r,
      aim: '>= 3',
      met: r === null ? null : r >= 3,
    });
  }
  out.push(...jettyRatios(records));
  const mem = records.find(
    (r) => r.scenario.startsWith('idle-sessions-') && r.server.startsWith('pier') && !r.server.startsWith('pier bin/start') && !r.skipped,
  );
  const memMb = mem ? Number(mem.rssDeltaMb) : null;
  out.push({
    name: `${mem?.scenario ?? 'idle-sessions'}: rss growth (MB)`,
    value: memMb,
    aim: '<= 100 (at 100,000)',
    met: memMb === null ? null : memMb <= 100 * (Number(mem?.sessions ?? 100000) / 100000),
  });
  const sc = records.find((r) => r.scenario.startsWith('scavenge-') && !r.skipped);
  const maxMs = sc ? Number(sc.loopDelayMaxMs) : null;
  out.push({
    name: `${sc?.scenario ?? 'scavenge'}: event-loop delay max during the scavenge (ms; p99 ${cell(sc?.loopDelayP99Ms)})`,
    value: maxMs,
    aim: '<= 10',
    met: maxMs === null ? null : maxMs <= 10,
  });
  const windowMs = sc ? Number(sc.expiryWindowMaxMs) : null;
  out.push({
    name: `${sc?.scenario ?? 'scavenge'}: event-loop delay max from the expiry timers to the scavenge's end (ms; p99 ${cell(sc?.expiryWindowP99Ms)})`,
    value: windowMs,
    aim: '<= 10',
    met: windowMs === null || Number.isNaN(windowMs) ? null : windowMs <= 10,
  });
  return out;
}

/** Pier through bin/start against real Jetty 9.4 (same base, same load), and the web-app path against the in-code one. */
function jettyRatios(records: BenchRecord[]): Ratio[] {
  const out: Ratio[] = [];
  // CPU per request rides along: other work on the machine moves it far less than req/s
  const at = (aim: number, name: string, a: BenchRecord | undefined, b: BenchRecord | undefined): void => {
    const r = ratio(a, b);
    const cpu = a?.cpuUsPerReq && b?.cpuUsPerReq ? `; CPU µs/request ${cell(a.cpuUsPerReq)} / ${cell(b.cpuUsPerReq)}` : '';
    out.push({ name: `${name}${cpu}`, value: r, aim: `>= ${aim}`, met: r === null ? null : r >= aim });
  };
  const pier = 'pier bin/start ';
  const jetty = 'jetty 9.4 start.jar ';
  const read = 'session read (web app';
  const write = 'session write (web app, DefaultSessionCache, FileSessionDataStore';
  at(1, 'pier bin/start / jetty 9.4, hello (req/s)', find(records, 'hello', `${pier}hello`), find(records, 'hello', `${jetty}hello`));
  at(
    1,
    'pier bin/start / jetty 9.4, session read (req/s, cookie reused)',
    find(records, 'session-reuse', `${pier}${read}`),
    find(records, 'session-reuse', `${jetty}${read}`),
  );
  for (const [scenario, what] of [
    ['session-reuse', 'session write every request'],
    ['session-new', 'new session every request'],
  ] as const) {
    const j = find(records, scenario, `${jetty}${write}`);
    at(1, `pier bin/start (durability os) / jetty 9.4, ${what}, file store (req/s)`, find(records, scenario, `${pier}${write}, durability os`), j);
    at(
      2,
      `pier bin/start (durability journal, fsync'd) / jetty 9.4 (no fsync), ${what}, file store (req/s)`,
      find(records, scenario, `${pier}${write}, durability journal`),
      j,
    );
  }
  at(
    0.9,
    'web-app path / in-code path, hello (pier bin/start / pier hello servlet, req/s)',
    find(records, 'hello', `${pier}hello`),
    find(records, 'hello', 'pier hello servlet'),
  );
  at(
    0.9,
    'web-app path / in-code path, session read (req/s)',
    find(records, 'session-reuse', `${pier}${read}`),
    find(records, 'session-reuse', 'pier session read (DefaultSessionCache'),
  );
  at(
    0.9,
    'web-app path / in-code path, session write durability os (req/s)',
    find(records, 'session-reuse', `${pier}${write}, durability os`),
    find(records, 'session-reuse', 'pier session write (FileSessionDataStore, durability os)'),
  );
  const idle = (prefix: string): BenchRecord | undefined =>
    records.find((r) => r.scenario.startsWith('idle-sessions-') && r.server.startsWith(prefix) && !r.skipped);
  const p = idle(pier);
  const j = idle(jetty);
  out.push({
    name: `${p?.scenario ?? 'idle-sessions'}: rss growth, pier bin/start / jetty 9.4 (MB: ${cell(p?.rssDeltaMb)} / ${cell(j?.rssDeltaMb)})`,
    value: p && j ? Math.round((Number(p.rssDeltaMb) / Number(j.rssDeltaMb)) * 100) / 100 : null,
    aim: '< 1',
    met: p && j ? Number(p.rssDeltaMb) < Number(j.rssDeltaMb) : null,
  });
  return out;
}

/** The ratios as printable lines. */
export function formatRatios(list: Ratio[]): string {
  return list.map((r) => `${r.met === null ? 'n/a ' : r.met ? 'MET ' : 'MISS'}  ${r.name}: ${r.value ?? 'not measured'} (aim ${r.aim})`).join('\n');
}
