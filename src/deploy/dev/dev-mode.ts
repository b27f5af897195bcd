/**
 * Dev mode: watches each web app's folder and reloads only that app when one of its files changes,
 * keeping its sessions across the reload (the Node counterpart of the Jetty Maven plugin's scan).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Log } from '../../util/log';
import { DeploymentManager } from '../deployment-manager';
import { ScanningAppProvider } from '../providers/scanning-app-provider';

/** Pier's dev mode has no Jetty class: it logs under the deploy package it belongs to. */
const LOG = Log.getLogger('org.eclipse.jetty.deploy.dev');

/** What dev mode needs from a context: Jetty's ContextHandler/WebAppContext life cycle and folder. */
interface ContextView {
  getContextPath(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  isStarted(): boolean;
  isRunning?(): boolean;
  getWar?(): string | null;
  getResourceBase?(): string | null;
  getResourceBasePath?(): string | null;
  getSessionHandler?(): unknown;
  getHandler?(): unknown;
}

interface ServerView {
  getHandler?(): unknown;
  getBeans?(): unknown[];
  isStarted(): boolean;
  addLifeCycleListener?(listener: { lifeCycleStarted?(): void; lifeCycleStopping?(): void }): void;
  removeLifeCycleListener?(listener: unknown): void;
}

/** One reload, reported to `onReload`. */
export interface DevReload {
  readonly contextPath: string;
  /** The app folder that was watched. */
  readonly folder: string;
  /** The changed paths (relative to the folder) that triggered it. */
  readonly changes: readonly string[];
  /** Set when stopping or starting the context failed (the app then stays as the start left it). */
  readonly error?: unknown;
}

export interface DevModeOptions {
  /** Called after each reload (also after a failed one, with `error`). */
  onReload?(reload: DevReload): void;
  /** Quiet time after the last change before the app reloads (ms, default 250). */
  debounceMs?: number;
  /** How often the handler tree is re-read for contexts deployed later (ms, default 1000; 0 = never). */
  rescanMs?: number;
  /** Extra path names (any segment) never watched; default: node_modules, .git. Dot files are always ignored. */
  ignore?: readonly string[];
  /** Also reload a web app (a folder with WEB-INF) when a static file outside WEB-INF changes (default false). */
  reloadOnStaticChange?: boolean;
}

/** The handle `enableDevMode` returns. */
export interface DevMode {
  /** The watched folders by context path. */
  watched(): Map<string, string>;
  /** Reloads one app now (as a change would), resolving when it is running again. */
  reload(contextPath: string): Promise<DevReload>;
  /** Stops watching (the apps keep running). */
  close(): void;
}

const MAX_TREE_DEPTH = 32;

/** Every context (an object with a context path and a folder) in the server's handler tree. */
function findContexts(root: unknown): ContextView[] {
  const out: ContextView[] = [];
  const seen = new Set<unknown>();
  const visit = (h: unknown, depth: number): void => {
    if (!h || typeof h !== 'object' || seen.has(h) || depth > MAX_TREE_DEPTH) return;
    seen.add(h);
    const v = h as ContextView & { getHandlers?(): unknown[] | null; getChildHandlers?(): unknown[] | null };
    if (typeof v.getContextPath === 'function' && typeof v.start === 'function' && folderOf(v) !== null) {
      out.push(v);
      return;
    }
    const kids = typeof v.getHandlers === 'function' ? v.getHandlers() : typeof v.getHandler === 'function' ? [v.getHandler()] : [];
    for (const k of kids ?? []) visit(k, depth + 1);
  };
  visit(root, 0);
  return out;
}

function folderOf(c: ContextView): string | null {
  const f = c.getWar?.() ?? c.getResourceBasePath?.() ?? c.getResourceBase?.() ?? null;
  if (!f || typeof f !== 'string') return null;
  const p = path.resolve(f.startsWith('file:') ? new URL(f).pathname : f);
  try {
    return fs.statSync(p).isDirectory() ? p : null;
  } catch {
    return null;
  }
}

/** Session folders inside the app (written at stop: must not trigger another reload). */
function sessionFolders(c: ContextView): string[] {
  const out: string[] = [];
  const sh = c.getSessionHandler?.() as
    | {
        getStoreDirectory?(): string | null;
        getSessionCache?(): { getSessionDataStore?(): { getStoreDir?(): string | null } | null } | null;
      }
    | null
    | undefined;
  const legacy = sh?.getStoreDirectory?.();
  if (legacy) out.push(path.resolve(legacy));
  const store = sh?.getSessionCache?.()?.getSessionDataStore?.()?.getStoreDir?.();
  if (store) out.push(path.resolve(store));
  return out;
}

class Watched {
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<string>();
  private running: Promise<DevReload> | null = null;
  private again = false;
  private readonly watcher: fs.FSWatcher;
  /** The folder is a web app (has WEB-INF): static files outside it are served from disk, no reload needed. */
  private readonly webInf: boolean;

  constructor(
    readonly context: ContextView,
    readonly folder: string,
    private readonly opts: Required<Omit<DevModeOptions, 'onReload'>> & DevModeOptions,
  ) {
    this.webInf = fs.existsSync(path.join(folder, 'WEB-INF'));
    this.watcher = fs.watch(folder, { recursive: true, persistent: false }, (_event, name) => this.changed(name ? String(name) : ''));
    this.watcher.on('error', (err) => LOG.warn(`Cannot watch '${folder}' for ${context.getContextPath()}: ${err.message}`, err));
  }

  private ignored(rel: string): boolean {
    const parts = rel.split(/[\\/]/);
    if (parts.some((p) => p.startsWith('.') || this.opts.ignore.includes(p))) return true;
    if (this.webInf && !this.opts.reloadOnStaticChange && parts[0] !== 'WEB-INF') return true;
    const full = path.join(this.folder, rel);
    return sessionFolders(this.context).some((d) => full === d || full.startsWith(d + path.sep));
  }

  private changed(rel: string): void {
    if (rel !== '' && this.ignored(rel)) return;
    if (this.running) {
      this.again = true;
      this.pending.add(rel);
      return;
    }
    this.pending.add(rel);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, this.opts.debounceMs);
    this.timer.unref();
  }

  /** Stop the context (sessions are saved), then start it (fresh modules; sessions restored). */
  reload(): Promise<DevReload> {
    if (this.running) return this.running;
    const changes = [...this.pending].filter((c) => c !== '').sort();
    this.pending.clear();
    this.running = (async () => {
      let error: unknown;
      try {
        if (this.context.isStarted() || this.context.isRunning?.()) await this.context.stop();
        await this.context.start();
        const unavailable = (this.context as { getUnavailableException?(): unknown }).getUnavailableException?.();
        if (unavailable) error = unavailable;
      } catch (err) {
        error = err;
        LOG.warn(`Cannot reload ${this.context.getContextPath()}: ${(err as Error).message}`, err);
      }
      const result: DevReload =
        error === undefined
          ? { contextPath: this.context.getContextPath(), folder: this.folder, changes }
          : { contextPath: this.context.getContextPath(), folder: this.folder, changes, error };
      try {
        this.opts.onReload?.(result);
      } catch (err) {
        LOG.warn(`Dev mode onReload failed: ${(err as Error).message}`, err);
      }
      return result;
    })().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        // Changes made during the reload (other than the app's own session files) reload once more.
        if ([...this.pending].length > 0) this.changed('');
      }
    });
    return this.running;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher.close();
  }
}

/**
 * Turns dev mode on for a Server: every context with a folder (WebAppContext `war`, or a resource base)
 * gets a recursive `fs.watch`; a change, after `debounceMs` of quiet, stops that context and starts it
 * again. Stopping a WebAppContext drops its WebAppClassLoader's module cache, so the restart runs the
 * edited code. Sessions live through the reload the same way they live through a server restart:
 * a HashSessionManager with a `storeDirectory` saves them at stop and restores them at start (and
 * sessions it had idled to disk under `idleSavePeriod` are read back as usual); a 9.4 SessionHandler
 * keeps them through its SessionDataStore (e.g. FileSessionDataStore). With no persistence configured
 * sessions do not survive a reload. Changes to dot files, `node_modules`, `.git` and the app's own
 * session folders are ignored, and so are static files outside `WEB-INF` of a web app (they are served
 * from disk) unless `reloadOnStaticChange`. Contexts deployed later are picked up every `rescanMs`.
 *
 * The deployer's ScanningAppProviders leave changes inside a watched folder to dev mode, so an edit
 * reloads its app once. `bin/start --dev` and `npm run dev` turn it on.
 */
export function enableDevMode(server: ServerView, options: DevModeOptions = {}): DevMode {
  const opts = { debounceMs: 250, rescanMs: 1000, ignore: ['node_modules', '.git'], reloadOnStaticChange: false, ...options };
  const watchers = new Map<ContextView, Watched>();
  let closed = false;

  const sync = (): void => {
    if (closed) return;
    const live = new Set(findContexts(server));
    for (const [ctx, w] of watchers)
      if (!live.has(ctx)) {
        w.close();
        watchers.delete(ctx);
      }
    for (const ctx of live) {
      if (watchers.has(ctx)) continue;
      const folder = folderOf(ctx);
      if (folder === null) continue;
      try {
        watchers.set(ctx, new Watched(ctx, folder, opts));
      } catch (err) {
        LOG.warn(`Cannot watch '${folder}' for ${ctx.getContextPath()}: ${(err as Error).message}`, err);
      }
    }
  };

  // The deployer's scanner also sees an edit inside an app folder; dev mode reloads that app, so the
  // scanner leaves those changes alone (else every edit would reload the app twice).
  const providers = (server.getBeans?.() ?? [])
    .filter((b): b is DeploymentManager => b instanceof DeploymentManager)
    .flatMap((m) => m.getAppProviders())
    .filter((p): p is ScanningAppProvider => p instanceof ScanningAppProvider);
  const watchedFolder = (file: string): boolean => [...watchers.values()].some((w) => w.folder === file);
  for (const p of providers) p.setReloadedElsewhere(watchedFolder);

  const listener = { lifeCycleStarted: () => sync() };
  server.addLifeCycleListener?.(listener);
  sync();
  const rescan = opts.rescanMs > 0 ? setInterval(sync, opts.rescanMs) : null;
  rescan?.unref();

  return {
    watched: () => new Map([...watchers.values()].map((w) => [w.context.getContextPath(), w.folder])),
    reload: async (contextPath: string) => {
      sync();
      const w = [...watchers.values()].find((x) => x.context.getContextPath() === contextPath);
      if (!w)
        throw new RangeError(
          `Cannot reload '${contextPath}': no watched context has this path (watched: ${[...watchers.values()].map((x) => `'${x.context.getContextPath()}'`).join(', ') || 'none'})`,
        );
      return w.reload();
    },
    close: () => {
      closed = true;
      for (const p of providers) p.setReloadedElsewhere(null);
      if (rescan) clearInterval(rescan);
      server.removeLifeCycleListener?.(listener);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
