/**
 * The CPU time PostgreSQL spends for one bench server: its backends are found by the `application_name` the
 * server's connections carry (`pier-bench-<pid>`) and their CPU read from /proc (the database runs on this
 * machine). Divided by the requests of a run it is the database's share of a request, which load from
 * other work moves far less than it moves req/s.
 * @module
 */
import { cpuSeconds } from './external-server';
import { requirePeer } from './peers';
import { benchApplicationName } from './servers/pg-round-trips';

type Any = any; // pg from the bench's peers

/** CPU seconds of each backend serving the server `serverPid` now, or null when PostgreSQL cannot be asked. */
export async function pgBackendCpu(pgUrl: string, serverPid: number): Promise<Map<number, number> | null> {
  const pg: Any = requirePeer('pg');
  const client = new pg.Client({ connectionString: pgUrl });
  try {
    await client.connect();
    const res = await client.query('select pid from pg_stat_activity where application_name = $1', [benchApplicationName(serverPid)]);
    const out = new Map<number, number>();
    for (const row of res.rows as Array<{ pid: number }>) {
      const s = cpuSeconds(row.pid);
      if (s !== null) out.set(row.pid, s);
    }
    return out;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Microseconds of backend CPU per request between two readings (a backend opened in between counts from 0). */
export function pgCpuUsPerRequest(before: Map<number, number> | null, after: Map<number, number> | null, requests: number): number | undefined {
  if (!before || !after || after.size === 0 || requests <= 0) return undefined;
  let sec = 0;
  for (const [pid, s] of after) sec += s - (before.get(pid) ?? 0);
  return Math.round((sec * 1e6) / requests);
}
