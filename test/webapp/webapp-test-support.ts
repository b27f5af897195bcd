/**
 * Helpers shared by the webapp and deploy tests: where the repository and its fixtures are, temporary
 * folders, plain HTTP GETs, and bounded polling.
 * @module
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Server } from '../../src/server/server';
import { ServerConnector } from '../../src/server/server-connector';
import { onLogRecord } from '../support/log-capture';
import { corpusPath, repoRoot } from '../support/corpus';

/** A path under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...parts);
}

/** A fresh temporary folder; `cleanup` removes every folder made so far. */
const made: string[] = [];
export function tempDir(prefix = 'pier-webapp-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
export function cleanupTempDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Copies a folder tree. */
export function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request to 127.0.0.1:port. */
export function httpGet(port: number, urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls `check` every `everyMs` until it returns a truthy value or `timeoutMs` passes (then throws). */
export async function pollUntil<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let i = 0; i < Math.ceil(timeoutMs / everyMs) + 1; i++) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** A started Server on 127.0.0.1 with an ephemeral port, whose handler is `handler`. */
export async function startServer(handler: unknown): Promise<{ server: Server; port: number }> {
  const server = new Server();
  const connector = new ServerConnector(server);
  connector.setHost('127.0.0.1');
  connector.setPort(0);
  server.addConnector(connector);
  server.setHandler(handler as Parameters<typeof server.setHandler>[0]);
  await server.start();
  return { server, port: connector.getLocalPort() };
}

/** Collects the messages logged while `fn` runs (records are quiet during tests). */
export async function captureServerLog<T>(fn: (lines: string[]) => Promise<T>): Promise<T> {
  const lines: string[] = [];
  const stop = onLogRecord((r) => {
    lines.push(r.message);
  });
  try {
    return await fn(lines);
  } finally {
    stop();
  }
}

export { corpusPath, repoRoot };
