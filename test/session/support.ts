/**
 * Small helpers shared by the session tests: a SessionContext for a fake context and a temp folder.
 * @module
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SessionContext } from '../../src/session/session-context';

/** A SessionContext for context path `contextPath` (vhost 0.0.0.0 unless given). */
export function makeContext(contextPath = '/test', vhost?: string, worker = 'node0'): SessionContext {
  return new SessionContext(worker, { getContextPath: () => contextPath, getVirtualHosts: () => (vhost ? [vhost] : null) });
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'pier-session-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The repository root: the nearest folder upwards that holds package.json. */
export function repoRoot(): string {
  let d = __dirname;
  for (let i = 0; i < 20 && !fs.existsSync(path.join(d, 'package.json')); i++) d = path.dirname(d);
  return d;
}

/** The shared Jetty corpus next to the repository. */
export function corpusPath(...parts: string[]): string {
  return path.resolve(repoRoot(), '../shared/jetty-corpus', ...parts);
}
