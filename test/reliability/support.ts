/**
 * Helpers for the reliability suite: a Pier server in a child process (through bin/start with a temp
 * jetty.base, or the embedded bench server when bin/start cannot run yet), plain HTTP requests without
 * connection reuse, a seeded PRNG and the figures each test reports.
 * @module
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';

/** The compiled output root holding src/, test/ and bench/ (dist/ or .out/<name>/). */
export function outRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

/** A fresh temporary folder, removed by the caller. */
export function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `pier-rel-${tag}-`));
}

export { seededRandom } from '../support/seeded-random';

/** Prints a figure line the README section quotes (`[figures] name: {...}`). */
export function reportFigures(name: string, figures: Record<string, unknown>): void {
  console.log(`      [figures] ${name}: ${JSON.stringify(figures)}`);
}

/** One HTTP response, read fully. */
export interface Reply {
  status: number;
  body: string;
  setCookie: string[];
}

/** GET over a new connection (no keep-alive), so a stopped server refuses rather than resets. */
export function get(port: number, pathAndQuery: string, cookie?: string, timeoutMs = 15_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathAndQuery, agent: false, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          setCookie: ([] as string[]).concat(res.headers['set-cookie'] ?? []),
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`Cannot GET ${pathAndQuery}: no answer after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** The counter value in a `n=<value>` body, or NaN. */
export function counterOf(body: string): number {
  const m = /n=(\d+)/.exec(body);
  return m ? Number(m[1]) : NaN;
}

/** The `name=value` part of the first Set-Cookie, or null. */
export function cookieOf(reply: Reply): string | null {
  return reply.setCookie[0]?.split(';')[0] ?? null;
}

/** How a PierProcess was launched: `bin/start` (the real thing) or `embedded` (bench/server-main pier-file). */
export type Launcher = 'bin/start' | 'embedded';

/** How PierProcess.start runs bin/start beyond the store folder. */
export interface StartSettings {
  deleteUnrestorableFiles?: boolean;
  /** More `name=value` properties for bin/start. */
  properties?: string[];
  /** Arguments for node itself, before bin/start (`--require` of a recorder). */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/** A Pier server in a child process whose sessions live in `storeDir`; `counterPath` increments `n`. */
export class PierProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly launcher: Launcher,
    readonly counterPath: string,
    readonly output: () => string,
  ) {}

  /** Waits (bounded) for the child to exit; returns its exit code or signal. */
  async exited(timeoutMs = 30_000): Promise<number | string> {
    const c = this.child;
    if (c.exitCode !== null || c.signalCode !== null) return c.exitCode ?? String(c.signalCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Cannot stop the Pier child: still running after ${timeoutMs} ms\n${this.output().slice(-2000)}`)),
        timeoutMs,
      );
      c.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(code ?? String(signal));
      });
    });
  }

  /** Sends a signal and waits for the exit. */
  async kill(signal: NodeJS.Signals, timeoutMs = 30_000): Promise<number | string> {
    this.child.kill(signal);
    return this.exited(timeoutMs);
  }

  /** Starts Pier with `base` as jetty.base (sessions in `storeDir`), through the chosen launcher. */
  static async start(launcher: Launcher, base: string, storeDir: string, timeoutMs = 60_000, settings: StartSettings = {}): Promise<PierProcess> {
    let out = '';
    const output = (): string => out;
    let child: ChildProcess;
    if (launcher === 'bin/start') {
      child = spawn(
        process.execPath,
        [
          ...(settings.nodeArgs ?? []),
          path.join(repoRoot(), 'bin', 'start'),
          `jetty.session.file.storeDir=${storeDir}`,
          ...(settings.deleteUnrestorableFiles !== undefined
            ? [`jetty.session.file.deleteUnrestorableFiles=${settings.deleteUnrestorableFiles}`]
            : []),
          ...(settings.properties ?? []),
        ],
        {
          cwd: base,
          env: { ...process.env, PIER_DIST: outRoot(), ...settings.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } else {
      child = fork(path.join(outRoot(), 'bench', 'server-main.js'), ['pier-file'], {
        env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify({ mode: 'write', storeDir, extra: { ...settings } }) },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
    }
    const collect = (d: Buffer): void => {
      if (out.length < 200_000) out += d.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`Cannot start Pier (${launcher}): not started after ${timeoutMs} ms\n${out.slice(-2000)}`));
      }, timeoutMs);
      const onData = (): void => {
        const m = /Started [^\n]*?http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m && Number(m[1]) > 0) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      if (launcher === 'bin/start') {
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
      }
      child.on('message', (m: { type: string; port?: number; reason?: string }) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve(m.port as number);
        }
        if (m.type === 'unavailable' || m.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(m.reason));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `Cannot start Pier (${launcher}): exited with ${code ?? signal} before it started: ${out.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
      });
    });
    child.removeAllListeners('exit');
    return new PierProcess(child, port, launcher, launcher === 'bin/start' ? '/counter' : '/', output);
  }
}

/** A temporary jetty.base copied from test/fixtures/reliability/base. */
export function makeBase(): string {
  const base = tempDir('base');
  fs.cpSync(path.join(repoRoot(), 'test', 'fixtures', 'reliability', 'base'), base, { recursive: true });
  return base;
}

/**
 * The launcher the suite uses: `bin/start` with a temp jetty.base (the real thing), unless
 * PIER_RELIABILITY_LAUNCHER=embedded asks for the embedded file-store server (bench/server-main pier-file),
 * which is useful when working on the container without the launcher. There is no silent fallback: a
 * launcher that cannot serve fails the suite.
 */
export async function chooseLauncher(): Promise<Launcher> {
  return process.env.PIER_RELIABILITY_LAUNCHER === 'embedded' ? 'embedded' : 'bin/start';
}

/** What a reliability suite shares: its temp jetty.base, its launcher, and the server it started. */
export interface PierSuite {
  launcher: Launcher;
  base: string;
  server: PierProcess | null;
}

/**
 * Registers the suite's hooks: a fresh jetty.base and the launcher before, and after it the server
 * still running is killed and the base removed.
 */
export function usePierSuite(): PierSuite {
  const suite: PierSuite = { launcher: 'bin/start', base: '', server: null };
  before(async () => {
    suite.launcher = await chooseLauncher();
    suite.base = makeBase();
  });
  after(async () => {
    if (suite.server) await suite.server.kill('SIGKILL').catch(() => undefined);
    fs.rmSync(suite.base, { recursive: true, force: true });
  });
  return suite;
}
