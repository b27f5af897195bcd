/**
 * The load generator: autocannon, programmatic, the same settings for every server.
 * @module
 */
import { requirePeer } from './peers';

type Any = any; // autocannon ships no types

/** Load settings shared by every server in one run. */
export interface LoadSettings {
  readonly connections: number;
  readonly durationSec: number;
  readonly pipelining: number;
}

/** What one load run measured. */
export interface LoadResult {
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** Drives `GET /` on the port; with `cookies`, connection i always sends cookies[i % length]. */
export async function drive(port: number, settings: LoadSettings, cookies: string[] | null): Promise<LoadResult> {
  const autocannon: Any = requirePeer('autocannon');
  let next = 0;
  const result: Any = await autocannon({
    url: `http://127.0.0.1:${port}/`,
    connections: settings.connections,
    duration: settings.durationSec,
    pipelining: settings.pipelining,
    setupClient:
      cookies && cookies.length > 0
        ? (client: Any) => {
            client.setHeaders({ cookie: cookies[next++ % cookies.length] });
          }
        : undefined,
  });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Sends exactly `amount` requests for `GET /` over `connections` clients (with `cookies` as drive() sends them);
 * fails on any non-2xx, error or timeout, since a fixed count is only worth dividing by when every request was served.
 */
export async function driveCount(port: number, connections: number, amount: number, cookies: string[] | null): Promise<number> {
  const autocannon: Any = requirePeer('autocannon');
  let next = 0;
  const result: Any = await autocannon({
    url: `http://127.0.0.1:${port}/`,
    connections,
    amount,
    timeout: 30,
    setupClient:
      cookies && cookies.length > 0
        ? (client: Any) => {
            client.setHeaders({ cookie: cookies[next++ % cookies.length] });
          }
        : undefined,
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(
      `Cannot drive ${amount} requests on port ${port}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result.requests.total;
}

/** Makes `count` sessions with one plain request each and returns their `name=value` cookies. */
export async function obtainCookies(port: number, count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    await res.text();
    const set = res.headers.getSetCookie()[0];
    if (!set) throw new Error(`Cannot obtain a session cookie from port ${port}: no Set-Cookie (status ${res.status})`);
    cookies.push(set.split(';')[0]);
  }
  return cookies;
}

/** Makes `count` new sessions with `connections` clients, no cookie sent (each request starts a session); fails on any non-2xx. */
export async function createSessions(port: number, count: number, connections: number): Promise<void> {
  const autocannon: Any = requirePeer('autocannon');
  const result: Any = await autocannon({ url: `http://127.0.0.1:${port}/`, connections, amount: count, timeout: 30 });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(
      `Cannot create ${count} sessions on port ${port}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
}
