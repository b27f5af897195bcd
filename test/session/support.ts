/**
 * Small helpers shared by the session tests: a SessionContext for a fake context and a temp folder.
 * @module
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextHandler } from '../../src/server/handler/context-handler';
import { SessionContext } from '../../src/session/session-context';
import { STORE_LOCK_FILE } from '../../src/session/store-folder-lock';
import { corpusPath, repoRoot } from '../support/corpus';

/** A real ContextHandler (not started) with this path, virtual host, init-parameters and attributes. */
export function contextHandler(
  contextPath = '/test',
  options: { vhost?: string; init?: Record<string, string>; attributes?: Record<string, unknown> } = {},
): ContextHandler {
  const context = new ContextHandler();
  context.setContextPath(contextPath);
  if (options.vhost) context.setVirtualHosts([options.vhost]);
  for (const [name, value] of Object.entries(options.init ?? {})) context.setInitParameter(name, value);
  for (const [name, value] of Object.entries(options.attributes ?? {})) context.setAttribute(name, value);
  return context;
}

/** A SessionContext for context path `contextPath` (vhost 0.0.0.0 unless given). */
export function makeContext(contextPath = '/test', vhost?: string, worker = 'node0'): SessionContext {
  return new SessionContext(worker, contextHandler(contextPath, { vhost }));
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'pier-session-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export { corpusPath, repoRoot };

/** The entries of a session store folder, without the folder's lock file (held while a store runs). */
export function storeEntries(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n !== STORE_LOCK_FILE);
}
