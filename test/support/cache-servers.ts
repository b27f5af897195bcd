/**
 * The memcached and Redis servers the store tests use. memcached: `PIER_MEMCACHED_PORT` when set (.ci/run
 * starts one on 11311), else a private `memcached` started on a free port for the suite. Redis: the machine's
 * on 127.0.0.1:6379 (`PIER_TEST_REDIS_URL` overrides), and private `redis-server`s for outage tests. A suite
 * whose server is missing skips with one line, except under CI=true, where it fails.
 * @module
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import { freePort } from './pier-process';

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, host);
    s.setTimeout(2000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitListening(port: number, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await listening(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port}`);
}

/** Skips the suite with one line naming what is missing, or throws under CI=true. */
export function skipOrFail(context: Mocha.Context, missing: string): never {
  if (process.env.CI === 'true')
    throw new Error(`Cannot run ${context.test?.parent?.fullTitle() ?? 'the suite'}: ${missing} (CI=true requires it; .ci/run provides it)`);
  console.log(`      skipped (${missing}): ${context.test?.parent?.fullTitle() ?? ''}`);
  context.skip();
}

function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** A server process this test run started (and stops), or the shared one it only uses. */
export class ServerProcess {
  private _child: ChildProcess | null;
  constructor(
    readonly port: number,
    child: ChildProcess | null,
    private readonly _args: readonly string[],
    private readonly _command: string,
  ) {
    this._child = child;
  }
  /** True when this run started it (so it may stop, pause or kill it). */
  isPrivate(): boolean {
    return this._command !== '';
  }
  /** SIGKILL, then waits for the exit. */
  async kill(): Promise<void> {
    const c = this._child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
    this._child = null;
  }
  /** SIGSTOP: connections stay open, nothing answers. */
  pause(): void {
    this._child?.kill('SIGSTOP');
  }
  /** SIGCONT. */
  resume(): void {
    this._child?.kill('SIGCONT');
  }
  /** Starts it again on the same port after kill(). */
  async restart(): Promise<void> {
    if (this._child) return;
    this._child = spawn(this._command, [...this._args], { stdio: 'ignore' });
    await waitListening(this.port, this._command);
  }
  async stop(): Promise<void> {
    this.resume();
    await this.kill();
  }
}

/** Starts a private memcached on a free port (or `port`). */
export async function startMemcached(port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const args = ['-l', '127.0.0.1', '-p', String(p), '-U', '0', '-m', '32', ...(process.getuid?.() === 0 ? ['-u', 'root'] : [])];
  const server = new ServerProcess(p, null, args, 'memcached');
  await server.restart();
  return server;
}

/** Starts a private redis-server on a free port (or `port`), with no persistence. */
export async function startRedis(port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const args = ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  const server = new ServerProcess(p, null, args, 'redis-server');
  await server.restart();
  return server;
}

/**
 * For a `before` hook: the memcached to use, `PIER_MEMCACHED_PORT`'s when set and listening, else a
 * private one (stop it in `after`). Skips (or fails under CI=true) when neither is possible.
 */
export async function requireMemcached(context: Mocha.Context, options: { private?: boolean } = {}): Promise<ServerProcess> {
  const shared = process.env.PIER_MEMCACHED_PORT;
  if (shared && !options.private) {
    if (await listening(Number(shared))) return new ServerProcess(Number(shared), null, [], '');
    if (process.env.CI === 'true') skipOrFail(context, `nothing listens on PIER_MEMCACHED_PORT ${shared}`);
  }
  if (!installed('memcached')) skipOrFail(context, 'no memcached installed (apt-get install memcached)');
  return startMemcached();
}

/** The Redis URL the tests use: `PIER_TEST_REDIS_URL`, or database 15 of 127.0.0.1:6379. */
export function testRedisUrl(): string {
  return process.env.PIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
}

/** For a `before` hook: returns when the test Redis listens; skips with one line, or fails under CI=true. */
export async function requireRedis(context: Mocha.Context): Promise<string> {
  const url = new URL(testRedisUrl());
  const port = Number(url.port || 6379);
  if (!(await listening(port, url.hostname))) skipOrFail(context, `no Redis on ${url.hostname}:${port}`);
  return testRedisUrl();
}

/** For a `before` hook: a private redis-server (stop it in `after`); skips or fails when none is installed. */
export async function requirePrivateRedis(context: Mocha.Context): Promise<ServerProcess> {
  if (!installed('redis-server')) skipOrFail(context, 'no redis-server installed (apt-get install redis-server)');
  return startRedis();
}
