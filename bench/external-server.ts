/**
 * A server the bench starts the way its users do, as its own process: Pier through `bin/start`, real Jetty
 * through `java -jar start.jar`, each on a jetty.base with port 0. Its port is read from its start-up log and
 * its RSS from /proc (or `ps`).
 * @module
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JettyEnvironment } from '../test/jetty/jetty-environment';
import type { WebAppServer } from './webapp-bases';

/** The repository root (this file runs from dist/bench/). */
const ROOT = path.resolve(__dirname, '..', '..');
/** The compiled tree bin/start runs (PIER_DIST). */
const DIST = path.resolve(__dirname, '..');

/** Pier prints `Started ... http://127.0.0.1:<port>`; Jetty logs its connector `{127.0.0.1:<port>}`, then `Started @<ms>ms`. */
const LISTENING: Record<WebAppServer, RegExp> = {
  pier: /Started [^\n]*?http:\/\/127\.0\.0\.1:(\d+)/,
  jetty: /Started ServerConnector@[^\n]*\{127\.0\.0\.1:(\d+)\}[\s\S]*Started @\d+ms/,
};

/**
 * CPU seconds (user + system, every thread) a process has used, from /proc/<pid>/stat; null where there is no
 * /proc. Divided by the requests of a run it gives the CPU cost of a request, which other work on the machine
 * moves far less than it moves req/s.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  const t = cpuTimes(pid);
  return t === null ? null : t.user + t.system;
}

/** User and system CPU seconds (every thread) of a process, from /proc/<pid>/stat; null where there is no /proc. */
export function cpuTimes(pid: number | undefined): { user: number; system: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name (which is in parentheses and may hold spaces): utime and stime are 14 and 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/** The kernel's clock ticks per second for /proc times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** CPU microseconds per request between two cpuSeconds() readings, or undefined. */
export function cpuUsPerRequest(before: number | null, after: number | null, requests: number): number | undefined {
  return before === null || after === null || requests <= 0 ? undefined : Math.round(((after - before) * 1e6) / requests);
}

/** A started bin/start or start.jar process. */
export class ExternalServer {
  private constructor(
    readonly server: WebAppServer,
    readonly child: ChildProcess,
    readonly port: number,
    readonly output: () => string,
  ) {}

  /**
   * Starts `server` on `base` and resolves once it listens. `runtimeArgs` go to node (before bin/start) or to
   * the JVM (before -jar): `BENCH_PIER_NODE_ARGS=--cpu-prof` profiles Pier under the bench's load.
   */
  static async start(
    server: WebAppServer,
    base: string,
    jetty: JettyEnvironment | null,
    runtimeArgs: string[] = [],
    timeoutMs = 120_000,
  ): Promise<ExternalServer> {
    const [command, args] =
      server === 'pier'
        ? [process.execPath, [...runtimeArgs, path.join(ROOT, 'bin', 'start')]]
        : [
            jetty?.java ?? 'java',
            [...runtimeArgs, '-jar', path.join(jetty?.jettyHome ?? '', 'start.jar'), `jetty.home=${jetty?.jettyHome}`, `jetty.base=${base}`],
          ];
    const child = spawn(command, args, {
      cwd: base,
      env: { ...process.env, PIER_DIST: DIST },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const collect = (d: Buffer): void => {
      if (out.length < 100_000) out += d.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const port = await new Promise<number>((resolve, reject) => {
      const done = (err: Error | null, p = 0): void => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.stderr?.off('data', check);
        child.off('exit', onExit);
        if (err) {
          child.kill('SIGKILL');
          reject(err);
        } else resolve(p);
      };
      const check = (): void => {
        const m = LISTENING[server].exec(out);
        if (m && Number(m[1]) > 0) done(null, Number(m[1]));
      };
      const onExit = (code: number | null, signal: string | null): void =>
        done(
          new Error(
            `Cannot start ${server} on '${base}': exited (${code ?? signal}) before it listened: ${out.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
      const timer = setTimeout(
        () => done(new Error(`Cannot start ${server} on '${base}': not listening after ${timeoutMs} ms\n${out.slice(-2000)}`)),
        timeoutMs,
      );
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('exit', onExit);
    });
    return new ExternalServer(server, child, port, () => out);
  }

  /** The process's resident set size in MB (VmRSS from /proc, else `ps`). */
  rssMb(): number {
    const pid = this.child.pid;
    let kb = NaN;
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb = Number(m[1]);
    } catch {
      const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
      kb = Number(ps.stdout.trim());
    }
    return Math.round((kb / 1024) * 10) / 10;
  }

  /** Stops the process with SIGTERM (as an operator does), killing it after `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    const c = this.child;
    if (c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => c.kill('SIGKILL'), timeoutMs);
      c.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      c.kill('SIGTERM');
    });
  }
}
