/**
 * The seeds' legacy jetty.base (test/fixtures/legacy) run through bin/start in a child process: shared by
 * the seed XML tests and the 10,000-session soak of the reliability suite.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { repoRoot } from '../../support/corpus';
import { tempDir } from './support';

/** The compiled tree (dist/ or .out/<name>/) holding src/ and test/. */
const outRoot = (): string => path.resolve(__dirname, '..', '..', '..');

/** A copy of test/fixtures/legacy (its `base/` is a jetty.base, its `apps/` the apps it deploys) in a temp folder. */
export function copySeedFixtures(): string {
  const root = tempDir('pier-legacy-seed-');
  fs.cpSync(path.join(repoRoot(), 'test', 'fixtures', 'legacy'), root, { recursive: true });
  return root;
}

/** One GET to 127.0.0.1: the status, the body and the first cookie set (`name=value`). */
export function get(
  port: number,
  p: string,
  cookie?: string | null,
  agent: http.Agent | false = false,
): Promise<{ status: number; body: string; cookie: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, agent, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          cookie: (res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? null,
        }),
      );
    });
    req.setTimeout(15000, () => req.destroy(new Error(`Cannot GET ${p}: no answer`)));
    req.on('error', reject);
    req.end();
  });
}

/** bin/start in `base`; resolves with the port once it logs "Started ... http://127.0.0.1:<port>". */
export async function launch(base: string): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  let out = '';
  const child = spawn(process.execPath, [path.join(repoRoot(), 'bin', 'start')], {
    cwd: base,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PIER_DIST: outRoot() },
  });
  const collect = (d: Buffer): void => {
    if (out.length < 100000) out += d.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Cannot start bin/start: not started in 30 s\n${out}`));
    }, 30000);
    const check = (): void => {
      const m = /Started [^\n]*?http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m && Number(m[1]) > 0) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Cannot start bin/start: exited with ${code}\n${out}`));
    });
  });
  child.removeAllListeners('exit');
  return { child, port, output: () => out };
}

/** Sends SIGTERM to a bin/start child and resolves once it has exited. */
export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('Cannot stop bin/start: still running after 30 s'));
    }, 30000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
