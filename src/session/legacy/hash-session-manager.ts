/**
 * Jetty 9.0–9.3's HashSessionManager: sessions in memory, saved to one file each in `storeDirectory`
 * at stop (and when idle or periodically), restored at start or lazily.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Expose, JettyClass } from '../../ioc/metadata';
import { UnreadableSessionDataError } from '../errors';
import type { Session } from '../session';
import { SessionHandler } from '../session-handler';
import { HttpSessionEvent, isHttpSessionActivationListener, type HttpSessionActivationListener } from '../session-listeners';
import { SharedStoreDirectoryError } from './errors';
import { lockStoreFolder, type StoreFolderLock } from '../store-folder-lock';
import { HashSessionCache, type ActivationOwner } from './hash-session-cache';
import { HashSessionDataStore } from './hash-session-data-store';
import { SESSION_LOG } from '../session-log';

/** Default seconds between expiry/idle scans (Jetty 9.3: 30). */
export const DEFAULT_SCAVENGE_PERIOD = 30;
/** Files restored concurrently at an eager start. */
const RESTORE_BATCH = 64;

/** Store directories in use in this process: canonical folder -> the context that claimed it. */
const claimedDirectories = new Map<string, { owner: HashSessionManager; context: string }>();

function toDirectory(dir: unknown): string | null {
  if (dir === null || dir === undefined) return null;
  if (dir instanceof URL) return fileURLToPath(dir);
  const d = dir as { getPath?: () => string; path?: unknown };
  if (typeof d.getPath === 'function') return d.getPath();
  if (typeof d.path === 'string') return d.path;
  const s = String(dir).trim();
  if (s === '') return null;
  return s.startsWith('file:') ? fileURLToPath(s) : s;
}

/**
 * Jetty's `org.eclipse.jetty.server.session.HashSessionManager` (alias
 * `org.eclipse.jetty.servlet.HashSessionManager`, the spelling of the 9.x documentation), configured in a
 * context XML or `WEB-INF/jetty-web.xml` as the argument of a SessionHandler:
 *
 * ```xml
 * <Set name="sessionHandler">
 *   <New class="org.eclipse.jetty.servlet.SessionHandler">
 *     <Arg><New class="org.eclipse.jetty.servlet.HashSessionManager">
 *       <Set name="storeDirectory">sessions/app</Set>
 *     </New></Arg>
 *   </New>
 * </Set>
 * ```
 *
 * Own properties: `storeDirectory` (null = no persistence; sessions are then invalidated at stop),
 * `lazyLoad` (false), `idleSavePeriod` (s, 0 = off), `savePeriod` (s, 0 = off), `scavengePeriod`
 * (s, 30; 0 means 60; kept within 1..60), `deleteUnrestorableSessions` (false). Everything Jetty's
 * AbstractSessionManager offered (cookie name/domain/path/maxAge/secure/httpOnly, maxInactiveInterval,
 * usingCookies, tracking modes, sessionIdPathParameterName, checkingRemoteSessionIdEncoding,
 * nodeIdInSessionId...) is inherited from the 9.4 SessionHandler, which this class extends: a manager is
 * its own handler, so `new SessionHandler(manager)` yields the manager.
 */
@JettyClass('org.eclipse.jetty.server.session.HashSessionManager', {
  aliases: ['org.eclipse.jetty.servlet.HashSessionManager'],
  implements: ['org.eclipse.jetty.server.SessionManager'],
})
export class HashSessionManager extends SessionHandler implements ActivationOwner {
  private _storeDirectory: string | null = null;
  private _lazyLoad = false;
  private _idleSavePeriod = 0;
  private _savePeriod = 0;
  private _scavengePeriod = DEFAULT_SCAVENGE_PERIOD;
  private _deleteUnrestorableSessions = false;
  private readonly _store = new HashSessionDataStore();
  private readonly _cache: HashSessionCache;
  private readonly _activationListeners: HttpSessionActivationListener[] = [];
  private _scavengeTimer: NodeJS.Timeout | null = null;
  private _saveTimer: NodeJS.Timeout | null = null;
  private _scavenging: Promise<void> | null = null;
  private _saving: Promise<void> | null = null;
  private _claimed: string | null = null;
  private _folderLock: StoreFolderLock | null = null;

  constructor() {
    super();
    this._cache = new HashSessionCache(this, this._store);
    this.setSessionCache(this._cache);
  }

  // ---------------------------------------------------------------- configuration

  /** The folder for session files (a path, `file:` URL or File); created at start when missing. */
  @Expose('java.io.File')
  setStoreDirectory(dir: unknown): void {
    const d = toDirectory(dir);
    this._storeDirectory = d === null ? null : path.resolve(d);
  }
  @Expose() getStoreDirectory(): string | null {
    return this._storeDirectory;
  }

  @Expose('boolean') setLazyLoad(lazy: boolean): void {
    this._lazyLoad = lazy;
  }
  @Expose() isLazyLoad(): boolean {
    return this._lazyLoad;
  }

  @Expose('int') setIdleSavePeriod(seconds: number): void {
    this._idleSavePeriod = Math.max(0, Math.trunc(seconds));
  }
  @Expose() getIdleSavePeriod(): number {
    return this._idleSavePeriod;
  }

  /** Negative values become 0 (off), as in Jetty. */
  @Expose('int') setSavePeriod(seconds: number): void {
    this._savePeriod = Math.max(0, Math.trunc(seconds));
  }
  @Expose() getSavePeriod(): number {
    return this._savePeriod;
  }

  /** 0 means 60; the period is kept within 1..60 s. */
  @Expose('int') setScavengePeriod(seconds: number): void {
    let s = Math.trunc(seconds);
    if (s === 0) s = 60;
    this._scavengePeriod = Math.min(60, Math.max(1, s));
    if (this.isStarted()) this.startTimers();
  }
  @Expose() getScavengePeriod(): number {
    return this._scavengePeriod;
  }

  @Expose('boolean') setDeleteUnrestorableSessions(b: boolean): void {
    this._deleteUnrestorableSessions = b;
  }
  @Expose() isDeleteUnrestorableSessions(): boolean {
    return this._deleteUnrestorableSessions;
  }

  /** 9.3 XML reaches the manager through `<Get name="sessionManager">` on its handler: that is this object. */
  @Expose() override getSessionManager(): HashSessionManager {
    return this;
  }

  /** The in-memory map (for tests and tools). */
  getHashSessionCache(): HashSessionCache {
    return this._cache;
  }

  // ---------------------------------------------------------------- listeners

  /**
   * Session listeners as in the SessionHandler, plus (a Pier extension) listeners with
   * `sessionWillPassivate`/`sessionDidActivate`: attribute values come back from a file as plain data, so
   * activation is also reported to registered listeners for every session written or read back.
   */
  @Expose('java.util.EventListener') override addEventListener(listener: unknown): void {
    super.addEventListener(listener);
    if (isHttpSessionActivationListener(listener) && !this._activationListeners.includes(listener)) this._activationListeners.push(listener);
  }
  @Expose('java.util.EventListener') override removeEventListener(listener: unknown): void {
    super.removeEventListener(listener);
    const i = this._activationListeners.indexOf(listener as HttpSessionActivationListener);
    if (i >= 0) this._activationListeners.splice(i, 1);
  }
  @Expose() override clearEventListeners(): void {
    super.clearEventListeners();
    this._activationListeners.length = 0;
  }

  fireActivation(session: Session, kind: 'sessionWillPassivate' | 'sessionDidActivate'): void {
    if (this._activationListeners.length === 0) return;
    const event = new HttpSessionEvent(session);
    for (const l of this._activationListeners) {
      // a listener may implement only one of the two methods (Servlet 4.0 default methods)
      try {
        l[kind]?.(event);
      } catch (err) {
        SESSION_LOG.warn(`Session listener failed in ${kind} for '${session.getId()}': ${(err as Error).message}`, err);
      }
    }
  }

  // ---------------------------------------------------------------- life cycle

  /** The context path this manager serves, for messages ('/' for the root). */
  getContextName(): string {
    const cp = this.getContextHandler()?.getContextPath();
    return cp === undefined || cp === null || cp === '' ? '/' : cp;
  }

  protected override async doStart(): Promise<void> {
    this._store.configure({
      storeDirectory: this._storeDirectory,
      deleteUnrestorableSessions: this._deleteUnrestorableSessions,
      deleteAfterRestore: this._savePeriod === 0,
    });
    await super.doStart();
    try {
      this.claimDirectory();
      if (!this._lazyLoad) await this.restoreSessions();
    } catch (err) {
      this.releaseDirectory();
      try {
        await super.doStop();
      } catch {
        /* already failing */
      }
      throw err;
    }
    this.startTimers();
  }

  protected override async doStop(): Promise<void> {
    this.stopTimers();
    try {
      await this._scavenging;
      await this._saving;
      await super.doStop();
    } finally {
      this.releaseDirectory();
    }
  }

  private claimDirectory(): void {
    if (this._storeDirectory === null) return;
    let dir = this._storeDirectory;
    try {
      dir = fs.realpathSync(dir);
    } catch {
      /* not created: compare the resolved path */
    }
    const context = this.getContextName();
    const other = claimedDirectories.get(dir);
    if (other && other.owner !== this) throw new SharedStoreDirectoryError(dir, context, other.context);
    // Across processes: the store folder's lock, which the kernel drops when its holder dies (so a pid
    // that some other process has since reused never blocks the folder).
    this._folderLock = lockStoreFolder(dir, `HashSessionManager of context '${context}'`);
    claimedDirectories.set(dir, { owner: this, context });
    this._claimed = dir;
  }

  private releaseDirectory(): void {
    if (this._claimed !== null && claimedDirectories.get(this._claimed)?.owner === this) claimedDirectories.delete(this._claimed);
    this._claimed = null;
    this._folderLock?.release();
    this._folderLock = null;
  }

  /** Eager restore: every session file comes back into memory (expired ones are deleted instead). */
  async restoreSessions(): Promise<number> {
    const ids = await this._store.listIds();
    let restored = 0;
    for (let i = 0; i < ids.length; i += RESTORE_BATCH) {
      const batch = ids.slice(i, i + RESTORE_BATCH);
      const results = await Promise.all(
        batch.map(async (id) => {
          try {
            return (await this._cache.restore(id)) !== null;
          } catch (err) {
            if (!(err instanceof UnreadableSessionDataError)) SESSION_LOG.warn(`Cannot restore session '${id}': ${(err as Error).message}`, err);
            return false;
          }
        }),
      );
      restored += results.filter(Boolean).length;
    }
    return restored;
  }

  /**
   * The scan period in use: scavengePeriod, lowered as Jetty 9.3 does when the default
   * maxInactiveInterval is shorter than it, to (maxInactiveInterval + 9) / 10 s (at least 1 s).
   */
  getEffectiveScavengePeriod(): number {
    const max = this.getMaxInactiveInterval();
    if (max > 0 && max < this._scavengePeriod) return Math.max(1, Math.floor((max + 9) / 10));
    return this._scavengePeriod;
  }

  private startTimers(): void {
    this.stopTimers();
    this._scavengeTimer = setInterval(() => {
      void this.scavengeSessions();
    }, this.getEffectiveScavengePeriod() * 1000);
    this._scavengeTimer.unref();
    if (this._savePeriod > 0 && this._storeDirectory !== null) {
      this._saveTimer = setInterval(() => {
        void this.saveSessions(true);
      }, this._savePeriod * 1000);
      this._saveTimer.unref();
    }
  }

  private stopTimers(): void {
    if (this._scavengeTimer) clearInterval(this._scavengeTimer);
    if (this._saveTimer) clearInterval(this._saveTimer);
    this._scavengeTimer = null;
    this._saveTimer = null;
  }

  /**
   * One scan (every scavengePeriod): expired sessions are invalidated everywhere (sessionDestroyed fires,
   * their file goes); with idleSavePeriod, sessions unused that long are written out and dropped from memory.
   */
  scavengeSessions(): Promise<void> {
    if (this._scavenging) return this._scavenging;
    this._scavenging = (async () => {
      const idm = this.getSessionIdManager();
      const now = Date.now();
      for (const session of this._cache.sessions()) {
        if (!this.isStarted()) break;
        if (!session.isValid() || session.getRequests() > 0) continue;
        try {
          if (session.isExpiredAt(now)) {
            if (idm) await idm.expireAll(session.getId());
            else await this.invalidate(session.getId());
          } else if (
            this._idleSavePeriod > 0 &&
            this._storeDirectory !== null &&
            session.getSessionData().getAccessed() + this._idleSavePeriod * 1000 <= now
          ) {
            await this._cache.idle(session);
          }
        } catch (err) {
          SESSION_LOG.warn(`Cannot scavenge session '${session.getId()}': ${(err as Error).message}`, err);
        }
      }
    })().finally(() => {
      this._scavenging = null;
    });
    return this._scavenging;
  }

  /** One periodic save (every savePeriod): sessions used or changed since their last save are written. */
  saveSessions(reactivate: boolean): Promise<void> {
    if (this._saving) return this._saving;
    this._saving = (async () => {
      for (const session of this._cache.sessions()) {
        const data = session.getSessionData();
        if (!session.isValid() || (data.getLastSaved() >= data.getAccessed() && !data.isDirty())) continue;
        try {
          await this._cache.save(session, reactivate);
        } catch (err) {
          SESSION_LOG.warn(`Cannot save session '${session.getId()}': ${(err as Error).message}`, err);
        }
      }
    })().finally(() => {
      this._saving = null;
    });
    return this._saving;
  }

  /** Drops `id` here; an unreadable file was already reported once by the store (and kept or deleted). */
  override async invalidate(id: string): Promise<void> {
    try {
      await super.invalidate(id);
    } catch (err) {
      if (!(err instanceof UnreadableSessionDataError)) throw err;
    }
  }

  /** The HouseKeeper's pass (id manager) plus this manager's own scan. */
  override async scavenge(): Promise<void> {
    await super.scavenge();
    await this.scavengeSessions();
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}[storeDirectory=${this._storeDirectory},lazyLoad=${this._lazyLoad},idleSavePeriod=${this._idleSavePeriod},savePeriod=${this._savePeriod}]`;
  }
}
