/**
 * One benchmarked server running in its own child process (so RSS is per server), driven over IPC.
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { ChildMessage, ParentMessage } from './server-main';
import type { ServerOptions } from './servers/server-kind';

/** The server could not start because a piece is missing; `reason` is printed and the scenario skipped. */
export class ServerSkippedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ServerSkippedError';
  }
}

/** A started child server; `startedAt`/`readyAt` are hrtime milliseconds around fork → ready. */
export class ServerProcess {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();

  private constructor(
    readonly id: string,
    readonly child: ChildProcess,
    readonly port: number,
    readonly startedAt: number,
    readonly readyAt: number,
  ) {
    child.on('message', (m: ChildMessage) => {
      if (m.type !== 'reply') return;
      const p = this.pending.get(m.seq);
      if (!p) return;
      this.pending.delete(m.seq);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m.result ?? {});
    });
  }

  /** Forks `server-main` for `id` and waits (at most `timeoutMs`) for its port. */
  static async start(id: string, options: ServerOptions, timeoutMs = 120_000, execArgv: string[] = []): Promise<ServerProcess> {
    const startedAt = performance.now();
    const child = fork(path.join(__dirname, 'server-main.js'), [id], {
      env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(options) },
      execArgv: ['--expose-gc', ...execArgv],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString();
    });
    return new Promise<ServerProcess>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`Cannot start server '${id}': not ready after ${timeoutMs} ms`));
      }, timeoutMs);
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve(new ServerProcess(id, child, m.port, startedAt, performance.now()));
        }
        if (m.type === 'unavailable') {
          clearTimeout(timer);
          reject(new ServerSkippedError(m.reason));
        }
        if (m.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(m.reason));
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Cannot start server '${id}': exited (${code ?? signal}) before ready\n${stderr.slice(-2000)}`));
      });
    });
  }

  /** Runs a named probe in the child (`rss` always exists). */
  probe(name: string, arg: Record<string, unknown> = {}, timeoutMs = 300_000): Promise<Record<string, unknown>> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new Error(`Cannot run probe '${name}': no answer after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(seq, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ type: 'probe', seq, name, arg } satisfies ParentMessage);
    });
  }

  /** The child's resident set size in MB. */
  async rssMb(): Promise<number> {
    const { rss } = await this.probe('rss');
    return Math.round((Number(rss) / 1024 / 1024) * 10) / 10;
  }

  /** Asks the child to stop, killing it after 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      this.child.send({ type: 'stop' } satisfies ParentMessage);
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
