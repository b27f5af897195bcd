/**
 * A HashSessionManager's store folder read and written as a SessionDataStore, for the session tool
 * (`bin/start --sessions`): the manager itself keeps sessions in memory and restores files by deleting
 * them, which an offline reader must not do. Files are read as they are (an expired one is listed, not
 * removed) and written as the manager's save does (temp file, fsync, rename). The folder's lock is taken,
 * so a running server and the tool never share it.
 * @module
 */
import * as fs from 'node:fs';
import { AbstractSessionDataStore } from '../abstract-session-data-store';
import { IllegalStateError, UnreadableSessionDataError } from '../errors';
import type { SessionData } from '../session-data';
import { decodeSessionData } from '../session-data-codec';
import type { SessionStoreIndex, StoredSessionEntry } from '../session-store-index';
import { lockStoreFolder, type StoreFolderLock } from '../store-folder-lock';
import type { HashSessionManager } from './hash-session-manager';
import { HashSessionDataStore } from './hash-session-data-store';

export class LegacySessionFolder extends AbstractSessionDataStore implements SessionStoreIndex {
  private readonly _files = new HashSessionDataStore();
  private _lock: StoreFolderLock | null = null;

  private constructor(
    private readonly _dir: string,
    private readonly _owner: string,
  ) {
    super();
  }

  /** The folder of `manager`, or null when it keeps sessions in memory only (no storeDirectory). */
  static of(manager: HashSessionManager): LegacySessionFolder | null {
    const dir = manager.getStoreDirectory();
    return dir === null
      ? null
      : new LegacySessionFolder(dir, `the session tool, for the HashSessionManager of context '${manager.getContextName()}'`);
  }

  isPassivating(): boolean {
    return true;
  }

  protected override async doStart(): Promise<void> {
    const ctx = this.requireContext();
    this._lock = lockStoreFolder(this._dir, this._owner);
    try {
      this._files.configure({ storeDirectory: this._dir, deleteUnrestorableSessions: false, deleteAfterRestore: false });
      this._files.initialize(ctx);
      await this._files.start();
      await super.doStart();
    } catch (err) {
      this._lock.release();
      this._lock = null;
      throw err;
    }
  }

  protected override async doStop(): Promise<void> {
    try {
      await this._files.stop();
      await super.doStop();
    } finally {
      this._lock?.release();
      this._lock = null;
    }
  }

  protected async doLoad(id: string): Promise<SessionData | null> {
    const file = this._files.getFileFor(id);
    if (file === null) return null;
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new UnreadableSessionDataError(id, this._context, { cause: err });
    }
    try {
      const data = decodeSessionData(bytes);
      if (data.getId() !== id) throw new TypeError(`the file holds session '${data.getId()}'`);
      data.clean();
      return data;
    } catch (cause) {
      throw new UnreadableSessionDataError(id, this._context, { cause });
    }
  }

  protected async doStore(_id: string, data: SessionData): Promise<void> {
    await this._files.save(data);
  }

  protected async doDelete(id: string): Promise<boolean> {
    return this._files.delete(id);
  }

  protected async doExists(id: string): Promise<boolean> {
    const data = await this.doLoad(id).catch(() => null);
    return !!data && !data.isExpiredAt(Date.now());
  }

  protected async doCheckExpired(candidates: ReadonlySet<string>, time: number): Promise<Set<string>> {
    const out = new Set<string>();
    for (const id of candidates) {
      const data = await this.doLoad(id).catch(() => null);
      if (!data || data.isExpiredAt(time)) out.add(id);
    }
    return out;
  }

  protected async doGetExpired(time: number): Promise<Set<string>> {
    const out = new Set<string>();
    for (const e of await this.getStoredSessions()) if (e.expiry > 0 && e.expiry <= time) out.add(e.id);
    return out;
  }

  protected async doCleanOrphans(): Promise<void> {
    /* one folder per context: there are no other contexts' files here */
  }

  /** Every session file, each read for its expiry (an unreadable one is listed with expiry 0). */
  async getStoredSessions(): Promise<StoredSessionEntry[]> {
    if (!this.isStarted()) throw new IllegalStateError('Cannot use LegacySessionFolder: Not started');
    const out: StoredSessionEntry[] = [];
    for (const id of await this._files.listIds()) {
      const data = await this.doLoad(id).catch(() => null);
      out.push({ id, expiry: data ? data.getExpiry() : 0 });
    }
    return out;
  }
}
