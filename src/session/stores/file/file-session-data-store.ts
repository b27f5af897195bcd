/**
 * Session persistence in files, one per session (org.eclipse.jetty.server.session.FileSessionDataStore),
 * named `<expiry>_<canonicalContextPath>_<vhost>_<id>` and written crash-safely.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JettyClass } from '../../../ioc/metadata';
import type { SessionStoreIndex, StoredSessionEntry } from '../../session-store-index';
import { AbstractSessionDataStore } from '../../abstract-session-data-store';
import { IllegalStateError, UnreadableSessionDataError, UnwritableSessionDataError } from '../../errors';
import { decodeSessionData, encodeSessionData, UnencodableValueError } from '../../session-data-codec';
import { isValidSessionId } from '../../session-id';
import type { SessionData } from '../../session-data';
import { TMP_MARK, tempPathBeside, writeFileAtomically } from '../../../util/atomic-write';
import { forEachConcurrently } from '../../../util/concurrently';
import { DirSync, unlinkQuietly } from './session-file-io';
import { lockStoreFolder, type StoreFolderLock } from '../../store-folder-lock';
import { JournaledSessionFiles, type CheckpointStatistics } from './journaled-session-files';
import { SESSION_LOG } from '../../session-log';
import { describeSettings, exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from '../../store-settings';
import { FILE_STORE_SETTINGS } from './file-store-settings';
import type { FileStoreDurability } from './file-store-values';

export {
  checkBacklogBytes,
  checkCheckpointPeriodMs,
  fileLikePath,
  parseDurability,
  type FileLike,
  type FileStoreDurability,
} from './file-store-values';

interface Entry {
  readonly name: string;
  readonly expiry: number;
}

/** How many files the start-up scan removes at once. */
const SCAN_PARALLELISM = 64;

/**
 * Jetty's FileSessionDataStore. XML properties: `storeDir` (required; module default
 * `${jetty.base}/sessions`), `deleteUnrestorableFiles` (default false), plus `gracePeriodSec` and
 * `savePeriodSec`, and Pier's `durability` (`journal`, `file` or `os`, see FileStoreDurability),
 * `checkpointPeriodMs` (default 1000) and `maxCheckpointBacklogBytes` (default 64 MiB: session data
 * journaled but not yet in files beyond which writes wait for the checkpoint). Enabled by
 * modules/session-store-file.mod through FileSessionDataStoreFactory.
 *
 * One folder may be shared by several contexts: only files whose name carries this context's canonical
 * path and vhost are mapped. A session file is written to `<name>.tmp-<random>` in the folder, renamed over
 * the final name and only then is the file with the old expiry removed, so a crash never leaves a torn
 * session. The file content is Pier's JSON document (see session-data-codec), not Java serialisation.
 */
@JettyClass('org.eclipse.jetty.server.session.FileSessionDataStore')
export class FileSessionDataStore extends AbstractSessionDataStore implements SessionStoreIndex {
  /** The settings (FILE_STORE_SETTINGS): setStoreDir, isDeleteUnrestorableFiles, ... are made from it. */
  readonly settings = storeSettingDefaults(FILE_STORE_SETTINGS);
  private _dirSync: DirSync | null = null;
  /** This process's share of the store folder's lock, while started. */
  private _folderLock: StoreFolderLock | null = null;
  /** The journal mode's writer, while started in that mode. */
  private _journaled: JournaledSessionFiles | null = null;
  /** id -> the newest durable file name and expiry of this context's sessions (in journal mode, maybe not written yet). */
  private readonly _files = new Map<string, Entry>();
  /** id -> the name of the session's file on disk. */
  private readonly _disk = new Map<string, string>();
  /** Per-id chains so that writes and deletes of one id never overlap. */
  private readonly _locks = new Map<string, Promise<unknown>>();
  /** Files already reported unreadable (each is reported once). */
  private readonly _reported = new Set<string>();

  /** The store folder as set (resolved to an absolute path), or null. */
  private get _storeDir(): string | null {
    return this.settings.storeDir as string | null;
  }
  private get _deleteUnrestorableFiles(): boolean {
    return this.settings.deleteUnrestorableFiles;
  }
  private get _durability(): FileStoreDurability {
    return this.settings.durability;
  }
  private get _checkpointPeriodMs(): number {
    return this.settings.checkpointPeriodMs;
  }
  private get _maxCheckpointBacklogBytes(): number {
    return this.settings.maxCheckpointBacklogBytes;
  }

  isPassivating(): boolean {
    return true;
  }

  /** `<canonicalContextPath>_<vhost>` of this store's context. */
  private contextString(): string {
    const ctx = this.requireContext();
    return `${ctx.getCanonicalContextPath()}_${ctx.getVhost()}`;
  }

  /** The file name for a session of this context. */
  getFileName(id: string, expiry: number): string {
    return `${expiry}_${this.contextString()}_${id}`;
  }

  /** The expiry of a session file name, or null when the name is not a session file. */
  static expiryFromName(name: string): number | null {
    const parts = name.split('_');
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    if (parts.length < 4 || !/^\d+$/.test(parts[0])) return null;
    return Number(parts[0]);
  }

  /** The id if `name` is a session file (not a temporary one) of this context, else null. */
  private idFromName(name: string): string | null {
    const expiry = FileSessionDataStore.expiryFromName(name);
    if (expiry === null) return null;
    const prefix = `${expiry}_${this.contextString()}_`;
    if (!name.startsWith(prefix)) return null;
    const id = name.slice(prefix.length);
    return isValidSessionId(id) ? id : null;
  }

  private file(name: string): string {
    const dir = this._storeDir as string;
    // A session file's name is one plain segment: it is appended to the folder normalised once, instead of
    // path.join normalising the whole path again at every store (three times a request on the write path).
    if (name.length === 0 || name === '.' || name === '..' || name.includes('/') || name.includes(path.sep)) return path.join(dir, name);
    if (this._dirPrefix === null || this._dirPrefix.dir !== dir) {
      const joined = path.join(dir, 'x');
      this._dirPrefix = { dir, prefix: joined.slice(0, -1) };
    }
    return this._dirPrefix.prefix + name;
  }

  /** The store folder as set, and the same folder normalised with its separator (file()). */
  private _dirPrefix: { readonly dir: string; readonly prefix: string } | null = null;

  protected override async doStart(): Promise<void> {
    if (!this._storeDir) throw new IllegalStateError('Cannot start FileSessionDataStore: No file store specified');
    await fs.promises.mkdir(this._storeDir, { recursive: true });
    const st = await fs.promises.stat(this._storeDir);
    if (!st.isDirectory()) throw new IllegalStateError(`Cannot start FileSessionDataStore: '${this._storeDir}' is not a folder`);
    try {
      await fs.promises.access(this._storeDir, fs.constants.R_OK | fs.constants.W_OK);
    } catch (err) {
      throw new IllegalStateError(`Cannot start FileSessionDataStore: '${this._storeDir}' is not readable and writable`, { cause: err });
    }
    const ctx = this.requireContext();
    // One process per folder: a second server would replay this one's live journal and remove it. The
    // message names the context by its path ('/' for the root), as --sessions and the logs do; the
    // canonical form ('' or '_app') is only the file names' prefix.
    const contextPath = ctx.getContext()?.getContextPath() || '/';
    const lock = lockStoreFolder(this._storeDir, `FileSessionDataStore of context '${contextPath}' vhost '${ctx.getVhost()}'`);
    this._folderLock = lock;
    try {
      await super.doStart();
      await this.startFiles();
    } catch (err) {
      lock.release();
      this._folderLock = null;
      throw err;
    }
  }

  /** The start-up scan, then (journal mode) the journal's replay. */
  private async startFiles(): Promise<void> {
    await this.initializeStore();
    if (this._durability === 'journal') {
      const journaled = new JournaledSessionFiles({
        dir: this._storeDir as string,
        context: this.contextString(),
        fileName: (id, expiry) => this.getFileName(id, expiry),
        onDisk: this._disk,
        checkpointPeriodMs: this._checkpointPeriodMs,
        maxBacklogBytes: this._maxCheckpointBacklogBytes,
        warn: (line) => SESSION_LOG.warn(line),
        error: (line) => SESSION_LOG.error(line),
        info: (line) => SESSION_LOG.info(line),
      });
      for (const [id, entry] of await journaled.start()) {
        if (entry.op === 'store') this._files.set(id, { name: this.getFileName(id, entry.expiry), expiry: entry.expiry });
        else this._files.delete(id);
      }
      this._journaled = journaled;
    }
  }

  protected override async doStop(): Promise<void> {
    await Promise.allSettled([...this._locks.values()]);
    const journaled = this._journaled;
    this._journaled = null;
    await journaled?.stop();
    this._files.clear();
    this._disk.clear();
    this._reported.clear();
    try {
      await super.doStop();
    } finally {
      this._folderLock?.release();
      this._folderLock = null;
    }
  }

  /** Journal mode: the sessions journaled but not yet in their files, and their bytes; zeros otherwise. */
  getCheckpointBacklog(): { sessions: number; bytes: number } {
    return { sessions: this._journaled?.backlogSessions ?? 0, bytes: this._journaled?.backlogBytes ?? 0 };
  }

  /** Journal mode: how many checkpoints had something to write, and how long they took (ms); zeros otherwise. */
  getCheckpointStatistics(): CheckpointStatistics {
    return this._journaled?.checkpointStatistics ?? { count: 0, totalMs: 0, lastMs: 0, maxMs: 0 };
  }

  /**
   * Journal mode: writes every session stored so far into its file and drops the journal that held it
   * (what the periodic checkpoint does). Other modes: nothing to do.
   */
  async checkpoint(): Promise<void> {
    await this._journaled?.checkpoint();
  }

  /**
   * The start-up scan: sweep long-expired files of any context, map this context's, resolve duplicates.
   * The folder is read once with file types, so that a plain file costs no `stat` (only symbolic links
   * and entries of unknown type are stat'ed, to follow them as before).
   */
  private async initializeStore(): Promise<void> {
    const now = Date.now();
    const sweepBefore = now - 5 * this.periods.gracePeriodSec * 1000;
    const ctxPrefix = `_${this.contextString()}_`;
    const errors: unknown[] = [];
    /** Files to remove, removed after the scan, 64 at a time. */
    const doomed: string[] = [];
    const entries = await fs.promises.readdir(this._storeDir as string, { withFileTypes: true });
    for (const entry of entries) {
      const name = entry.name;
      try {
        const full = this.file(name);
        const tmpAt = name.indexOf(TMP_MARK);
        if (tmpAt > 0) {
          // A write that never reached its rename: remove it if it belongs to this context.
          if (this.idFromName(name.slice(0, tmpAt)) !== null) doomed.push(full);
          continue;
        }
        const expiry = FileSessionDataStore.expiryFromName(name);
        if (expiry === null) continue;
        if (!entry.isFile()) {
          if (!entry.isSymbolicLink()) continue;
          const st = await fs.promises.stat(full).catch(() => null);
          if (!st || !st.isFile()) continue;
        }
        if (expiry > 0 && expiry <= sweepBefore) {
          doomed.push(full);
          continue;
        }
        if (!name.includes(ctxPrefix)) continue;
        const id = this.idFromName(name);
        if (id === null) continue;
        const existing = this._files.get(id);
        if (existing) {
          const [keep, drop] = existing.expiry >= expiry ? [existing, { name, expiry }] : [{ name, expiry }, existing];
          this._files.set(id, keep);
          this._disk.set(id, keep.name);
          doomed.push(this.file(drop.name));
        } else {
          this._files.set(id, { name, expiry });
          this._disk.set(id, name);
        }
      } catch (err) {
        errors.push(err);
      }
    }
    errors.push(...(await forEachConcurrently(doomed, SCAN_PARALLELISM, unlinkQuietly)));
    if (errors.length > 0) {
      throw new AggregateError(errors, `Cannot scan session folder '${this._storeDir}': ${errors.length} file(s) failed`);
    }
  }

  /**
   * Runs `fn` once the operations already queued for `id` have settled, at once when none is. The entry is
   * removed, if no later operation replaced it, before the caller's continuation runs (the reaction that does
   * it is registered first).
   */
  private withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this._locks.get(id);
    let run: Promise<T>;
    if (prev !== undefined) run = prev.then(fn, fn);
    else {
      // nothing in flight for this id (the usual case): no settled promise to wait for first
      try {
        run = fn();
      } catch (err) {
        run = Promise.reject(err);
      }
    }
    const leave = (): void => {
      if (this._locks.get(id) === tail) this._locks.delete(id);
    };
    const tail: Promise<void> = run.then(leave, leave);
    this._locks.set(id, tail);
    return run;
  }

  protected async doLoad(id: string): Promise<SessionData | null> {
    if (!isValidSessionId(id)) return null;
    return this.withLock(id, async () => {
      // A checkpoint may replace the file while it is read: look again (bounded) where the session is now.
      for (let attempt = 0; attempt < 3; attempt++) {
        const pending = this._journaled?.pending(id);
        if (pending) return pending.op === 'store' ? this.decodeChecked(id, pending.body, pending.savedAt, null) : null;
        const name = this._disk.get(id);
        if (name === undefined) return null;
        const full = this.file(name);
        let bytes: Buffer;
        let mtime: number;
        try {
          const fh = await fs.promises.open(full, 'r');
          try {
            bytes = await fh.readFile();
            mtime = (await fh.stat()).mtimeMs;
          } finally {
            await fh.close();
          }
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UnreadableSessionDataError(id, this._context, { cause: err });
          if (this._disk.get(id) !== name || this._journaled?.pending(id)) continue;
          this._files.delete(id);
          this._disk.delete(id);
          return null;
        }
        return this.decodeChecked(id, bytes, Math.floor(mtime), full);
      }
      return null;
    });
  }

  /** Decodes a stored document and checks it is this session of this context; an unreadable file is reported once. */
  private async decodeChecked(id: string, bytes: Buffer, savedAt: number, full: string | null): Promise<SessionData> {
    try {
      const data = decodeSessionData(bytes);
      const ctx = this.requireContext();
      if (data.id !== id || data.contextPath !== ctx.getCanonicalContextPath() || data.vhost !== ctx.getVhost()) {
        throw new TypeError(`the file holds session '${data.id}' of context '${data.contextPath}' vhost '${data.vhost}'`);
      }
      data.setLastSaved(savedAt);
      data.clean();
      return data;
    } catch (cause) {
      const err = new UnreadableSessionDataError(id, this._context, { cause });
      err.reported = true;
      const where = full ?? `the journal in '${this._storeDir}'`;
      if (!this._reported.has(where)) {
        this._reported.add(where);
        SESSION_LOG.warn(`${err.message} (file '${where}')${this._deleteUnrestorableFiles && full ? '; deleting it' : ''}`, err);
      }
      if (this._deleteUnrestorableFiles && full) {
        this._files.delete(id);
        this._disk.delete(id);
        await unlinkQuietly(full);
      }
      throw err;
    }
  }

  /** The stored document of `data`, or UnwritableSessionDataError naming the attribute that cannot be stored. */
  private encode(id: string, data: SessionData): Buffer {
    try {
      return encodeSessionData(data);
    } catch (err) {
      const attr = err instanceof UnencodableValueError ? err.attribute : undefined;
      throw new UnwritableSessionDataError(id, this._context, attr, { cause: err });
    }
  }

  protected async doStore(id: string, data: SessionData, _lastSaveTime: number): Promise<void> {
    if (!isValidSessionId(id))
      throw new UnwritableSessionDataError(String(id).slice(0, 64), this._context, undefined, {
        cause: new RangeError('the id is not a valid session id'),
      });
    const bytes = this.encode(id, data);
    const expiry = data.getExpiry();
    const name = this.getFileName(id, expiry);
    if (this._journaled) {
      try {
        await this._journaled.store(id, expiry, bytes, () => this._files.set(id, { name, expiry }));
      } catch (err) {
        throw new UnwritableSessionDataError(id, this._context, undefined, { cause: err });
      }
      return;
    }
    await this.withLock(id, async () => {
      const full = this.file(name);
      const tmp = tempPathBeside(full);
      const fsync = this._durability === 'file';
      try {
        await writeFileAtomically(tmp, full, bytes, { fsync });
        if (fsync) await this.dirSync().sync();
      } catch (err) {
        throw new UnwritableSessionDataError(id, this._context, undefined, { cause: err });
      }
      const old = this._disk.get(id);
      this._files.set(id, { name, expiry });
      this._disk.set(id, name);
      if (old !== undefined && old !== name) {
        await unlinkQuietly(this.file(old));
        // durability=file: the file of the old expiry is gone for good before the answer. Left to the
        // operating system, a power cut could leave both files, and the start-up scan keeps the one with
        // the later expiry: the older data when the new expiry is earlier (a shorter maxInactiveInterval).
        if (fsync) await this.dirSync().sync();
      }
    });
  }

  /**
   * changeSessionId: in journal mode the new id's store and the old id's delete are one journal batch
   * (durable together); in the other modes the new file is written (and, for `file`, its folder synced)
   * before the old one is removed.
   */
  protected override async doRenew(oldId: string, newId: string, data: SessionData, lastSaveTime: number): Promise<void> {
    const journaled = this._journaled;
    if (!journaled || !isValidSessionId(newId) || !isValidSessionId(oldId)) return super.doRenew(oldId, newId, data, lastSaveTime);
    const dropOld = (): Promise<unknown> => this.doDelete(oldId).catch(() => undefined);
    let bytes: Buffer;
    try {
      bytes = this.encode(newId, data);
    } catch (err) {
      await dropOld();
      throw err;
    }
    const expiry = data.getExpiry();
    const name = this.getFileName(newId, expiry);
    try {
      await journaled.renew(oldId, newId, expiry, bytes, () => {
        this._files.set(newId, { name, expiry });
        this._files.delete(oldId);
      });
    } catch (err) {
      // The old id must not stay usable: it goes (journaled on its own) even though the move failed.
      await dropOld();
      throw new UnwritableSessionDataError(newId, this._context, undefined, { cause: err });
    }
  }

  protected async doDelete(id: string): Promise<boolean> {
    if (!isValidSessionId(id)) return false;
    if (this._journaled) {
      // Journaled even when unknown here: a store of this id may still be on its way to the journal,
      // and the delete must come after it in a replay.
      const had = this._files.has(id);
      await this._journaled.delete(id, () => this._files.delete(id));
      return had;
    }
    return this.withLock(id, async () => {
      const name = this._disk.get(id);
      this._files.delete(id);
      this._disk.delete(id);
      if (name === undefined) return false;
      await unlinkQuietly(this.file(name));
      // durability=file: the removal is on disk before the caller (an invalidation, a logout) is answered,
      // or a power cut would bring the session back.
      if (this._durability === 'file') await this.dirSync().sync();
      return true;
    });
  }

  protected async doExists(id: string): Promise<boolean> {
    if (!isValidSessionId(id)) return false;
    const entry = this._files.get(id);
    return !!entry && (entry.expiry <= 0 || entry.expiry > Date.now());
  }

  protected async doCheckExpired(candidates: ReadonlySet<string>, time: number): Promise<Set<string>> {
    const out = new Set<string>();
    for (const id of candidates) {
      const entry = this._files.get(id);
      if (!entry || (entry.expiry > 0 && entry.expiry <= time)) out.add(id);
    }
    return out;
  }

  /** Every mapped file whose expiry is past (the 9.4 file store's rule), whatever the grace period. */
  protected async doGetExpired(_time: number): Promise<Set<string>> {
    const now = Date.now();
    const out = new Set<string>();
    for (const [id, e] of this._files) if (e.expiry > 0 && e.expiry < now) out.add(id);
    return out;
  }

  /** Deletes other contexts' files that expired before `time`; off when the grace period is 0, as in 9.4. */
  protected async doCleanOrphans(time: number): Promise<void> {
    if (this.periods.gracePeriodSec <= 0 || !this._storeDir) return;
    const ctxPrefix = `_${this.contextString()}_`;
    for (const name of await fs.promises.readdir(this._storeDir)) {
      if (name.includes(TMP_MARK) || name.includes(ctxPrefix)) continue;
      const expiry = FileSessionDataStore.expiryFromName(name);
      if (expiry !== null && expiry > 0 && expiry < time) await unlinkQuietly(this.file(name));
    }
  }

  /** The folder's shared fsync (one folder sync covers every rename that finished before it started). */
  private dirSync(): DirSync {
    const dir = this._storeDir as string;
    if (this._dirSync === null || this._dirSync.dir !== dir) this._dirSync = new DirSync(dir);
    return this._dirSync;
  }

  /** Pier's SessionStoreIndex: this context's sessions as the start-up scan and the journal left them (the files are not read). */
  async getStoredSessions(): Promise<StoredSessionEntry[]> {
    this.checkStarted();
    const out: StoredSessionEntry[] = [];
    for (const [id, e] of this._files) out.push({ id, expiry: e.expiry });
    return out;
  }

  /** Pier: how many sessions of this context the store holds now (getStoredSessions' length, without the list). */
  getStoredSessionCount(): number {
    return this._files.size;
  }

  /** The file currently holding `id` on disk (for tests and tools), or null; in journal mode see checkpoint(). */
  getFileFor(id: string): string | null {
    const name = this._disk.get(id);
    return name === undefined ? null : this.file(name);
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}${describeSettings(this.settings)}`;
  }
}

// Jetty's setters and getters of the settings (setStoreDir, isDeleteUnrestorableFiles, ...), from FILE_STORE_SETTINGS
export interface FileSessionDataStore extends StoreSettingAccessors<typeof FILE_STORE_SETTINGS> {}
exposeStoreSettings(FileSessionDataStore, FILE_STORE_SETTINGS, { fixedWhileRunning: true });
