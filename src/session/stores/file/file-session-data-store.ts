/**
 * Session persistence in files, one per session (org.eclipse.jetty.server.session.FileSessionDataStore),
 * named `<expiry>_<canonicalContextPath>_<vhost>_<id>` and written crash-safely.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { JettyClass, Expose } from '../../../ioc/metadata';
import { AbstractSessionDataStore } from '../../abstract-session-data-store';
import { IllegalStateError, UnreadableSessionDataError, UnwritableSessionDataError } from '../../errors';
import { decodeSessionData, encodeSessionData, UnencodableValueError } from '../../session-data-codec';
import { isValidSessionId } from '../../session-id';
import type { SessionData } from '../../session-data';
import { writeFileAtomically } from '../../../util/atomic-write';

/** A file path given as a string, a URL, or a Java-ish File object from XML coercion. */
export type FileLike = string | URL | { getPath?(): string; path?: string; toString(): string };

function toPath(f: FileLike): string {
  if (typeof f === 'string') return f;
  if (f instanceof URL) return f.protocol === 'file:' ? decodeURIComponent(f.pathname) : f.toString();
  if (typeof f.getPath === 'function') return f.getPath();
  if (typeof f.path === 'string') return f.path;
  return String(f);
}

const TMP_MARK = '.tmp-';

interface Entry { readonly name: string; readonly expiry: number }

/** How many files the start-up scan removes at once. */
const SCAN_PARALLELISM = 64;

/**
 * Jetty's FileSessionDataStore. XML properties: `storeDir` (required; module default
 * `${jetty.base}/sessions`), `deleteUnrestorableFiles` (default false), plus `gracePeriodSec` and
 * `savePeriodSec`. Enabled by modules/session-store-file.mod through FileSessionDataStoreFactory.
 *
 * One folder may be shared by several contexts: only files whose name carries this context's canonical
 * path and vhost are mapped. Each write goes to `<name>.tmp-<random>` in the folder, is fsynced, renamed
 * over the final name and only then is the file with the old expiry removed, so a crash never leaves a torn
 * session. The file content is Pier's JSON document (see session-data-codec), not Java serialisation.
 */
@JettyClass('org.eclipse.jetty.server.session.FileSessionDataStore')
export class FileSessionDataStore extends AbstractSessionDataStore {
  private _storeDir: string | null = null;
  private _dirSync: DirSync | null = null;
  private _deleteUnrestorableFiles = false;
  /** id -> current file of this context. */
  private readonly _files = new Map<string, Entry>();
  /** Per-id chains so that writes and deletes of one id never overlap. */
  private readonly _locks = new Map<string, Promise<unknown>>();
  /** Files already reported unreadable (each is reported once). */
  private readonly _reported = new Set<string>();

  @Expose('File')
  setStoreDir(dir: FileLike | null): void {
    if (this.isStarted() || this.isStarting()) throw new IllegalStateError('Cannot set storeDir: the FileSessionDataStore is running');
    this._storeDir = dir === null || dir === undefined ? null : path.resolve(toPath(dir));
  }
  @Expose() getStoreDir(): string | null { return this._storeDir; }
  @Expose('boolean') setDeleteUnrestorableFiles(b: boolean): void { this._deleteUnrestorableFiles = b; }
  @Expose() isDeleteUnrestorableFiles(): boolean { return this._deleteUnrestorableFiles; }

  isPassivating(): boolean { return true; }

  /** `<canonicalContextPath>_<vhost>` of this store's context. */
  private contextString(): string {
    const ctx = this.requireContext();
    return `${ctx.getCanonicalContextPath()}_${ctx.getVhost()}`;
  }

  /** The file name for a session of this context. */
  getFileName(id: string, expiry: number): string { return `${expiry}_${this.contextString()}_${id}`; }

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

  private file(name: string): string { return path.join(this._storeDir as string, name); }

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
    await super.doStart();
    await this.initializeStore();
  }

  protected override async doStop(): Promise<void> {
    await Promise.allSettled([...this._locks.values()]);
    this._files.clear();
    this._reported.clear();
    await super.doStop();
  }

  /**
   * The start-up scan: sweep long-expired files of any context, map this context's, resolve duplicates.
   * The folder is read once with file types, so that a plain file costs no `stat` (only symbolic links
   * and entries of unknown type are stat'ed, to follow them as before).
   */
  private async initializeStore(): Promise<void> {
    const now = Date.now();
    const sweepBefore = now - 5 * this._gracePeriodSec * 1000;
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
        if (expiry > 0 && expiry <= sweepBefore) { doomed.push(full); continue; }
        if (!name.includes(ctxPrefix)) continue;
        const id = this.idFromName(name);
        if (id === null) continue;
        const existing = this._files.get(id);
        if (existing) {
          const [keep, drop] = existing.expiry >= expiry ? [existing, { name, expiry }] : [{ name, expiry }, existing];
          this._files.set(id, keep);
          doomed.push(this.file(drop.name));
        } else {
          this._files.set(id, { name, expiry });
        }
      } catch (err) {
        errors.push(err);
      }
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < doomed.length) {
        const file = doomed[next++];
        try { await unlinkQuietly(file); } catch (err) { errors.push(err); }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SCAN_PARALLELISM, doomed.length) }, worker));
    if (errors.length > 0) {
      throw new AggregateError(errors, `Cannot scan session folder '${this._storeDir}': ${errors.length} file(s) failed`);
    }
  }

  private async withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this._locks.get(id) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this._locks.set(id, tail);
    try {
      return await run;
    } finally {
      if (this._locks.get(id) === tail) this._locks.delete(id);
    }
  }

  protected async doLoad(id: string): Promise<SessionData | null> {
    if (!isValidSessionId(id)) return null;
    return this.withLock(id, async () => {
      const entry = this._files.get(id);
      if (!entry) return null;
      const full = this.file(entry.name);
      let bytes: Buffer;
      let mtime: number;
      try {
        bytes = await fs.promises.readFile(full);
        mtime = (await fs.promises.stat(full)).mtimeMs;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') { this._files.delete(id); return null; }
        throw new UnreadableSessionDataError(id, this._context, { cause: err });
      }
      try {
        const data = decodeSessionData(bytes);
        const ctx = this.requireContext();
        if (data.id !== id || data.contextPath !== ctx.getCanonicalContextPath() || data.vhost !== ctx.getVhost()) {
          throw new TypeError(`the file holds session '${data.id}' of context '${data.contextPath}' vhost '${data.vhost}'`);
        }
        data.setLastSaved(Math.floor(mtime));
        data.clean();
        return data;
      } catch (cause) {
        const err = new UnreadableSessionDataError(id, this._context, { cause });
        err.reported = true;
        if (!this._reported.has(entry.name)) {
          this._reported.add(entry.name);
          console.warn(`${err.message} (file '${full}')${this._deleteUnrestorableFiles ? '; deleting it' : ''}`);
        }
        if (this._deleteUnrestorableFiles) {
          this._files.delete(id);
          await unlinkQuietly(full);
        }
        throw err;
      }
    });
  }

  protected async doStore(id: string, data: SessionData, _lastSaveTime: number): Promise<void> {
    if (!isValidSessionId(id)) throw new UnwritableSessionDataError(String(id).slice(0, 64), this._context, undefined, { cause: new RangeError('the id is not a valid session id') });
    let bytes: Buffer;
    try {
      bytes = encodeSessionData(data);
    } catch (err) {
      const attr = err instanceof UnencodableValueError ? err.attribute : undefined;
      throw new UnwritableSessionDataError(id, this._context, attr, { cause: err });
    }
    await this.withLock(id, async () => {
      const name = this.getFileName(id, data.getExpiry());
      const full = this.file(name);
      const tmp = this.file(`${name}${TMP_MARK}${randomBytes(6).toString('hex')}`);
      try {
        await writeFileAtomically(tmp, full, bytes);
        await this.dirSync().sync();
      } catch (err) {
        throw new UnwritableSessionDataError(id, this._context, undefined, { cause: err });
      }
      const old = this._files.get(id);
      this._files.set(id, { name, expiry: data.getExpiry() });
      if (old && old.name !== name) await unlinkQuietly(this.file(old.name));
    });
  }

  protected async doDelete(id: string): Promise<boolean> {
    if (!isValidSessionId(id)) return false;
    return this.withLock(id, async () => {
      const entry = this._files.get(id);
      if (!entry) return false;
      this._files.delete(id);
      await unlinkQuietly(this.file(entry.name));
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
    if (this._gracePeriodSec <= 0 || !this._storeDir) return;
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

  /** The file currently holding `id` (for tests and tools), or null. */
  getFileFor(id: string): string | null {
    const e = this._files.get(id);
    return e ? this.file(e.name) : null;
  }

  override dumpSelf(): string { return `${super.dumpSelf()}[dir=${this._storeDir},deleteUnrestorableFiles=${this._deleteUnrestorableFiles}]`; }
}

/**
 * Group commit of folder fsyncs: a rename is durable once a folder fsync that started after it has
 * finished. A write that finds a sync running waits for it and then shares the next one with every
 * write that arrived meanwhile, so N concurrent writes cost about two folder syncs instead of N.
 */
class DirSync {
  private _running: Promise<void> | null = null;
  private _next: Promise<void> | null = null;
  constructor(readonly dir: string) {}

  /** Resolves once a folder fsync that started after this call has finished. */
  sync(): Promise<void> {
    if (this._next !== null) return this._next;
    if (this._running !== null) {
      this._next = this._running.then(() => this.start());
      return this._next;
    }
    return this.start();
  }

  private start(): Promise<void> {
    this._next = null;
    const run: Promise<void> = syncDirQuietly(this.dir).finally(() => { if (this._running === run) this._running = null; });
    this._running = run;
    return run;
  }
}

/** Makes a rename durable where the platform allows fsync on a folder (best effort elsewhere). */
async function syncDirQuietly(dir: string): Promise<void> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(dir, 'r');
    await fh.sync();
  } catch { /* not supported here (e.g. Windows): the rename itself is still atomic */ } finally {
    await fh?.close().catch(() => undefined);
  }
}

async function unlinkQuietly(file: string): Promise<void> {
  try { await fs.promises.unlink(file); } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
