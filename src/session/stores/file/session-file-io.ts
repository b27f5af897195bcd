/**
 * File operations of the file session store: quiet removal, folder syncs, and the shared folder sync
 * that lets many concurrent renames become durable together.
 * @module
 */
import * as fs from 'node:fs';

/** Removes a file; a file already gone is not an error. */
export async function unlinkQuietly(file: string): Promise<void> {
  try { await fs.promises.unlink(file); } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Makes the entries of a folder (creations, renames, removals) durable where the platform allows an
 * fsync on a folder; elsewhere (Windows) it does nothing, and a rename is still atomic.
 */
export async function syncDir(dir: string): Promise<void> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(dir, 'r');
    await fh.sync();
  } catch { /* not supported here */ } finally {
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
    const run: Promise<void> = syncDir(this.dir).finally(() => { if (this._running === run) this._running = null; });
    this._running = run;
    return run;
  }
}
