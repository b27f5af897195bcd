/**
 * The folder of session files behind a HashSessionManager: one file per session, named by the bare id.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContainerLifeCycle } from '../../util/component/container-life-cycle';
import { IllegalStateError, UnreadableSessionDataError, UnwritableSessionDataError } from '../errors';
import type { SessionContext } from '../session-context';
import { SessionData } from '../session-data';
import { UnencodableValueError, decodeSessionData, encodeSessionData } from '../session-data-codec';
import type { SessionDataStore } from '../session-data-store';
import { isValidSessionId } from '../session-id';
import { tempPathFor, writeFileAtomically } from '../../util/atomic-write';
import { syncDir } from '../stores/file/session-file-io';
import { SESSION_LOG } from '../session-log';

/** The settings the manager hands to its store before start. */
export interface HashSessionStoreSettings {
  /** The folder, or null for no persistence at all. */
  readonly storeDirectory: string | null;
  /** Delete a file that cannot be read (else keep it); each file is reported once either way. */
  readonly deleteUnrestorableSessions: boolean;
  /** Delete a file once its session is back in memory (Jetty 9.3: when savePeriod is 0). */
  readonly deleteAfterRestore: boolean;
}

/**
 * The legacy store (no Jetty class of its own: this is the file half of Jetty 9.3's HashSessionManager,
 * configured through the manager's `storeDirectory` and `deleteUnrestorableSessions`).
 *
 * While the server runs, memory is the authority: `store()` writes nothing, so a request leaving a session
 * costs no I/O. Files are written only by `save()`, which the manager calls at stop, for idle sessions
 * (`idleSavePeriod`) and periodically (`savePeriod`). `load()` is how a session comes back: at start
 * (eager restore), on the first request naming it (`lazyLoad`), or after it was idled. Expired files are
 * deleted instead of restored. File names are the session id only, checked against the id alphabet, so an
 * id can never name a path outside the folder; hidden files (`.` prefix, including temp files) are ignored.
 * The file content is Pier's versioned JSON session document (see session-data-codec), the same document
 * the 9.4 FileSessionDataStore writes.
 */
export class HashSessionDataStore extends ContainerLifeCycle implements SessionDataStore {
  private _settings: HashSessionStoreSettings = { storeDirectory: null, deleteUnrestorableSessions: false, deleteAfterRestore: true };
  private _context: SessionContext | null = null;
  /** File names already reported unreadable: each is reported once. */
  private readonly _reported = new Set<string>();

  configure(settings: HashSessionStoreSettings): void {
    if (this.isStarted() || this.isStarting()) throw new IllegalStateError('Cannot configure the HashSessionManager store: it is running');
    this._settings = { ...settings, storeDirectory: settings.storeDirectory === null ? null : path.resolve(settings.storeDirectory) };
  }

  getStoreDirectory(): string | null {
    return this._settings.storeDirectory;
  }

  initialize(context: SessionContext): void {
    this._context = context;
  }

  protected override async doStart(): Promise<void> {
    const dir = this._settings.storeDirectory;
    if (dir !== null) {
      try {
        await fs.promises.mkdir(dir, { recursive: true });
        await fs.promises.access(dir, fs.constants.W_OK | fs.constants.R_OK);
      } catch (err) {
        throw new IllegalStateError(`Cannot use storeDirectory '${dir}': ${(err as Error).message}`, { cause: err });
      }
    }
    await super.doStart();
  }

  /** The file of `id`, or null when persistence is off or the id is not a plain session id. */
  getFileFor(id: string): string | null {
    const dir = this._settings.storeDirectory;
    if (dir === null || !isValidSessionId(id)) return null;
    const file = path.join(dir, id);
    return path.dirname(file) === dir ? file : null;
  }

  /** The ids of the files in the folder (hidden and temp files skipped; other odd names reported once). */
  async listIds(): Promise<string[]> {
    const dir = this._settings.storeDirectory;
    if (dir === null) return [];
    let names: string[];
    try {
      names = await fs.promises.readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const ids: string[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      if (isValidSessionId(name)) {
        ids.push(name);
        continue;
      }
      await this.unrestorable(path.join(dir, name), name, new RangeError('the file name is not a session id'));
    }
    return ids;
  }

  newSessionData(id: string, created: number, accessed: number, lastAccessed: number, maxInactiveMs: number): SessionData {
    const ctx = this._context;
    return new SessionData(id, ctx?.getCanonicalContextPath() ?? '', ctx?.getVhost() ?? '0.0.0.0', created, accessed, lastAccessed, maxInactiveMs);
  }

  /** Reads a session back from its file; null when there is none or it has expired (the file is then deleted). */
  async load(id: string): Promise<SessionData | null> {
    const file = this.getFileFor(id);
    if (file === null) return null;
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw this.unreadable(id, err);
    }
    let data: SessionData;
    try {
      data = decodeSessionData(bytes);
      if (data.getId() !== id) throw new TypeError(`the file holds session '${data.getId()}'`);
    } catch (cause) {
      await this.unrestorable(file, id, cause);
      const err = this.unreadable(id, cause);
      err.reported = true;
      throw err;
    }
    if (data.isExpiredAt(Date.now())) {
      await unlinkSynced(file);
      return null;
    }
    if (this._settings.deleteAfterRestore) await unlinkSynced(file);
    data.setLastSaved(Date.now());
    data.clean();
    return data;
  }

  /** Writes a session's file, crash-safe: a temp file in the same folder, fsynced, then renamed over. */
  async save(data: SessionData): Promise<void> {
    const id = data.getId();
    const file = this.getFileFor(id);
    if (file === null) {
      if (this._settings.storeDirectory === null) return;
      throw new UnwritableSessionDataError(String(id).slice(0, 64), this._context, undefined, {
        cause: new RangeError('the id is not a valid session id'),
      });
    }
    let bytes: Buffer;
    try {
      bytes = encodeSessionData(data);
    } catch (err) {
      throw new UnwritableSessionDataError(id, this._context, err instanceof UnencodableValueError ? err.attribute : undefined, { cause: err });
    }
    // `.<id>.tmp-<random>`: hidden, so a crash mid-write leaves nothing that looks like a session.
    const tmp = tempPathFor(path.dirname(file), `.${id}`);
    try {
      await writeFileAtomically(tmp, file, bytes);
      // the rename is in the folder's own data: synced, or a power cut can bring the older file back
      await syncDir(path.dirname(file));
    } catch (err) {
      throw new UnwritableSessionDataError(id, this._context, undefined, { cause: err });
    }
    this._reported.delete(id);
  }

  /** Memory is the authority while running: the cache's per-request writes are not persisted. */
  async store(_id: string, _data: SessionData): Promise<void> {
    /* saved only by save() */
  }

  /** Removes the session's file; the folder is synced after, so that a power cut cannot bring it back. */
  async delete(id: string): Promise<boolean> {
    const file = this.getFileFor(id);
    return file === null ? false : unlinkSynced(file);
  }

  async exists(id: string): Promise<boolean> {
    const file = this.getFileFor(id);
    if (file === null) return false;
    try {
      await fs.promises.access(file);
      return true;
    } catch {
      return false;
    }
  }

  /** The candidates (found expired by their timers); the manager's scavenger does the real expiry scan. */
  async getExpired(candidates: ReadonlySet<string>): Promise<Set<string>> {
    return new Set(candidates);
  }

  isPassivating(): boolean {
    return false;
  }

  private unreadable(id: string, cause: unknown): UnreadableSessionDataError {
    return new UnreadableSessionDataError(id, this._context, { cause });
  }

  /** Reports an unrestorable file once, and deletes it when deleteUnrestorableSessions is set. */
  private async unrestorable(file: string, name: string, cause: unknown): Promise<void> {
    const del = this._settings.deleteUnrestorableSessions;
    if (!this._reported.has(name)) {
      this._reported.add(name);
      SESSION_LOG.warn(
        `Cannot restore session file '${file}': ${(cause as Error)?.message ?? String(cause)}${del ? '; deleting it' : '; keeping it'}`,
        cause,
      );
    }
    if (del) await unlinkSynced(file);
  }

  override dumpSelf(): string {
    return `${super.dumpSelf()}[dir=${this._settings.storeDirectory}]`;
  }
}

async function unlinkQuietly(file: string): Promise<boolean> {
  try {
    await fs.promises.unlink(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') SESSION_LOG.warn(`Cannot delete session file '${file}': ${(err as Error).message}`, err);
    return false;
  }
}

/** unlinkQuietly, then a folder fsync when the file was removed (a removal is durable only then). */
async function unlinkSynced(file: string): Promise<boolean> {
  const removed = await unlinkQuietly(file);
  if (removed) await syncDir(path.dirname(file));
  return removed;
}
