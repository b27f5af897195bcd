/**
 * The session stores of a base, opened without serving (for `bin/start --sessions`): the XML the start
 * would run is applied but nothing is started except, for each context the base deploys, the
 * SessionDataStore that context's SessionHandler would use. Contexts come from the Server's handler tree and
 * from each DeploymentManager's app providers (their apps are configured, not started, so no application
 * code runs).
 * @module
 */
import { App } from '../deploy/app';
import { DeploymentManager } from '../deploy/deployment-manager';
import { ScanningAppProvider } from '../deploy/providers/scanning-app-provider';
import { ContextHandler } from '../server/handler/context-handler';
import { HandlerCollection } from '../server/handler/handler-collection';
import { HandlerWrapper } from '../server/handler/handler-wrapper';
import type { Handler } from '../server/handler';
import { Server } from '../server/server';
import { HashSessionManager } from '../session/legacy/hash-session-manager';
import { NullSessionDataStore } from '../session/null-session-data-store';
import { canonicalizeContextPath, SessionContext } from '../session/session-context';
import { isSessionDataStoreFactory, type SessionDataStore } from '../session/session-data-store';
import { SessionHandler } from '../session/session-handler';
import { findSessionStoreIndex, type SessionStoreIndex } from '../session/session-store-index';
import { UsageError } from '../util/errors';
import { LegacySessionFolder } from '../session/legacy/legacy-session-folder';

/** One context's store, started. */
export interface OfflineSessionStore {
  /** The context path as served (`/` for the root). */
  readonly contextPath: string;
  readonly vhost: string;
  /** How messages name the context: its path, with `@vhost` when it has one. */
  readonly label: string;
  readonly store: SessionDataStore;
  readonly index: SessionStoreIndex;
}

/** The opened stores; `close()` stops them (each store's lock and connections are released). */
export interface OfflineSessionStores {
  readonly stores: readonly OfflineSessionStore[];
  /** One line per context that keeps no sessions in a store (memory only), for the caller to report. */
  readonly notes: readonly string[];
  close(): Promise<void>;
}

/** A SessionHandler and the context it serves. */
interface SessionScope {
  readonly handler: SessionHandler;
  readonly context: ContextHandler;
}

const MAX_DEPTH = 64;

/** The SessionHandlers of a handler tree with their innermost ContextHandler (a context's own one first). */
function sessionScopes(root: Handler, found: SessionScope[]): void {
  const visit = (node: Handler, context: ContextHandler | null, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const here = node instanceof ContextHandler ? node : context;
    if (node instanceof ContextHandler) {
      const own = (node as { getSessionHandler?: () => unknown }).getSessionHandler?.();
      if (own instanceof SessionHandler) found.push({ handler: own, context: node });
    }
    if (node instanceof SessionHandler && here && !found.some((s) => s.handler === node)) found.push({ handler: node, context: here });
    if (node instanceof HandlerWrapper || node instanceof HandlerCollection) for (const child of node.getHandlers()) visit(child, here, depth + 1);
  };
  visit(root, null, 0);
}

/** The contexts of every app a DeploymentManager bean's scanning providers would deploy, configured but not started. */
async function deployedContexts(server: Server): Promise<ContextHandler[]> {
  const out: ContextHandler[] = [];
  for (const manager of server.getBeans(DeploymentManager)) {
    for (const provider of manager.getAppProviders()) {
      if (!(provider instanceof ScanningAppProvider)) continue;
      for (const app of provider.findApps() as App[]) {
        let context: unknown;
        try {
          context = await provider.createContextHandler(app);
        } catch (err) {
          throw new UsageError(`Cannot read the context of '${app.getOriginId()}': ${(err as Error).message}`, UsageError.ERR_BAD_ARG, {
            cause: err,
          });
        }
        if (context instanceof ContextHandler) out.push(context);
      }
    }
  }
  return out;
}

/** `/app`, or `/app@host` for a context with a virtual host. */
function labelOf(contextPath: string, vhost: string): string {
  return vhost === SessionContext.NULL_VHOST ? contextPath : `${contextPath}@${vhost}`;
}

/** The store `handler` would use: its cache's, else one from the Server's SessionDataStoreFactory bean; null when none. */
function storeFor(server: Server, handler: SessionHandler): SessionDataStore | null {
  const own = handler.getSessionCache()?.getSessionDataStore();
  if (own) return own;
  const factory = server.getBeans().find(isSessionDataStoreFactory);
  return factory ? factory.getSessionDataStore(handler) : null;
}

/**
 * Opens the store of each context of the configured objects' Server. A store that cannot start (its
 * folder is locked by a running server, the database is down) fails the whole call, after the stores
 * already open are closed.
 */
export async function openOfflineSessionStores(objects: readonly unknown[]): Promise<OfflineSessionStores> {
  const server = objects.find((o): o is Server => o instanceof Server);
  if (!server) throw new UsageError('Cannot read sessions: the base configures no Server (enable the server module)');
  const scopes: SessionScope[] = [];
  sessionScopes(server, scopes);
  for (const context of await deployedContexts(server)) sessionScopes(context, scopes);

  const idm = server.getSessionIdManager() as { getWorkerName?: () => string } | null;
  const workerName = idm?.getWorkerName?.() || 'node0';
  const opened: OfflineSessionStore[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const close = async (): Promise<void> => {
    for (const s of [...opened].reverse()) {
      try {
        await s.store.stop();
      } catch {
        /* closing after use: nothing more to do with it */
      }
    }
  };
  try {
    for (const { handler, context } of scopes) {
      const contextPath = context.getContextPath() || '/';
      const sessionContext = new SessionContext(workerName, context, handler);
      const vhost = sessionContext.getVhost();
      const key = `${canonicalizeContextPath(contextPath)}\u0000${vhost}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const label = labelOf(contextPath, vhost);
      const store = handler instanceof HashSessionManager ? LegacySessionFolder.of(handler) : storeFor(server, handler);
      if (!store || store instanceof NullSessionDataStore) {
        notes.push(`Context ${label} keeps its sessions in memory only (no session store)`);
        continue;
      }
      const index = findSessionStoreIndex(store);
      if (!index) throw new UsageError(`Cannot read the sessions of context ${label}: its store (${store.constructor.name}) cannot list them`);
      await store.initialize(sessionContext);
      try {
        await store.start();
      } catch (err) {
        await Promise.resolve(store.stop()).catch(() => undefined);
        throw err;
      }
      opened.push({ contextPath, vhost, label, store, index });
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { stores: opened, notes, close };
}
