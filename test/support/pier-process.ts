/**
 * Runs `bin/start` as a child process in a jetty.base and talks HTTP to it: the shared helper of the
 * end-to-end tests.
 * @module
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { repoRoot } from './corpus';

/** Writes `content` to `rel` inside `base` (a jetty.base), creating the folders on the way. */
export function writeIn(base: string, rel: string, content: string): void {
  const file = path.join(base, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** The compiled tree the tests run from (what bin/start's PIER_DIST points at). */
export const DIST = path.resolve(__dirname, '..', '..');

/** A port nobody listens on right now (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface HttpResult {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** One HTTP request to 127.0.0.1 without keep-alive, bounded by a timeout. */
export function request(
  port: number,
  urlPath: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${options.method ?? 'GET'} ${urlPath} timed out`)));
    req.end(options.body);
  });
}

/** Polls `probe` every 100 ms until it returns true, for at most `timeoutMs`. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      if (await probe()) return;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** A running `bin/start` child with its collected output. */
export class PierProcess {
  stdout = '';
  stderr = '';
  private constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      this.stdout += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      this.stderr += d;
    });
  }

  /** Starts `bin/start args` in `base` and resolves once it printed its "Started" line. */
  static async start(base: string, args: string[] = [], timeoutMs = 20_000): Promise<PierProcess> {
    const child = spawn(process.execPath, [path.join(repoRoot(), 'bin', 'start'), ...args], {
      cwd: base,
      env: { ...process.env, PIER_DIST: DIST },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p = new PierProcess(child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`bin/start printed no Started line within ${timeoutMs} ms\n${p.stdout}\n${p.stderr}`)),
        timeoutMs,
      );
      const onData = (): void => {
        if (/^Started /m.test(p.stdout)) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve();
        }
      };
      const onExit = (code: number | null): void => {
        clearTimeout(timer);
        reject(new Error(`bin/start exited with ${code}\n${p.stdout}\n${p.stderr}`));
      };
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    });
    return p;
  }

  /** Sends a signal and resolves with the exit code (or the signal name when killed). */
  stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<number | string | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(this.child.exitCode ?? this.child.signalCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`bin/start did not exit within ${timeoutMs} ms of ${signal}`));
      }, timeoutMs);
      this.child.once('exit', (code, sig) => {
        clearTimeout(timer);
        resolve(code ?? sig);
      });
      this.child.kill(signal);
    });
  }

  /** Kills the child if it still runs (for afterEach). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

export { repoRoot };
