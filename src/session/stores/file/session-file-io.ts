/**
 * File operations of the file session store: quiet removal, folder syncs, and the shared folder sync
 * that lets many concurrent renames become durable together.
 * @module
 */
import * as fs from 'node:fs';

/** Removes a file; a file already gone is not an error. */
export async function unlinkQuietly(file: string): Promise<void> {
  try {
    await fs.promises.unlink(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Errors of an fsync on a folder that mean "this platform or file system has no folder fsync": Windows
 * cannot open a folder as a file (EISDIR, EPERM) and some file systems refuse the call (EINVAL, ENOTSUP).
 * Anything else (EIO above all: the folder's entries may not be on disk) is a failed sync and is thrown.
 */
const NO_FOLDER_FSYNC = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM']);

/**
 * Makes the entries of a folder (creations, renames, removals) durable where the platform allows an
 * fsync on a folder; where it has none (see NO_FOLDER_FSYNC) it does nothing, and a rename is still
 * atomic. A failed sync (EIO, ENOSPC...) rejects: what the caller renamed or removed may not be durable.
 */
export async function syncDir(dir: string): Promise<void> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(dir, 'r');
    await fh.sync();
  } catch (err) {
    if (!NO_FOLDER_FSYNC.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * Group commit of folder fsyncs: a rename is durable once a folder fsync that started after it has
 * finished. A caller that finds a sync running waits for it and then shares the next one with every
 * caller that arrived meanwhile, so N concurrent writes cost about two folder syncs instead of N.
 */
export class DirSync {
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
    const run: Promise<void> = syncDir(this.dir).finally(() => {
      if (this._running === run) this._running = null;
    });
    this._running = run;
    return run;
  }
}
