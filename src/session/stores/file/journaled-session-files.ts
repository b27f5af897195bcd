/**
 * The journal mode of FileSessionDataStore: writes go to a SessionJournal (one fsync for many writes);
 * a checkpoint, now and then, puts the newest version of each written session into its Jetty-named file.
 * @module
 */
import * as path from 'node:path';
import { tempPathFor, writeFileAtomically } from '../../../util/atomic-write';
import { forEachConcurrently } from '../../../util/concurrently';
import { SessionJournal } from './session-journal';
import { syncDir, unlinkQuietly } from './session-file-io';
import { isValidSessionId } from '../../session-id';
import type { JournalRecord } from './journal-frame';

/** The newest durable state of a session whose file is not written yet. */
export type PendingEntry =
  | { readonly op: 'store'; readonly expiry: number; readonly body: Buffer; readonly savedAt: number }
  | { readonly op: 'delete' };

/** Session files written at once during a checkpoint: leaves libuv threads free for the journal's own syncs. */
const CHECKPOINT_PARALLELISM = 2;
/** A journal this big gets a checkpoint at once, whatever the period. */
const CHECKPOINT_AT_BYTES = 8 * 1024 * 1024;

/** What the store tells its journal: where files go, how they are named, and the physical file map to keep. */
export interface JournaledSessionFilesOptions {
  readonly dir: string;
  /** `<canonicalContextPath>_<vhost>` of the store's context (the journal's header names it). */
  readonly context: string;
  readonly fileName: (id: string, expiry: number) => string;
  /** id -> name of the session's file on disk; the checkpoint keeps it current. */
  readonly onDisk: Map<string, string>;
  readonly checkpointPeriodMs: number;
  /** Where one-line warnings go (a failed checkpoint, a damaged journal). */
  readonly warn: (line: string) => void;
}

/**
 * Keeps the newest durable state of each session written since the last checkpoint (`pending`), so that
 * loads see it before its file is written. A checkpoint rotates the journal, writes the pending states
 * into files (each fsync'd, then one folder sync), removes the older journal generations and forgets
 * the states it wrote, unless a newer one arrived meanwhile. A checkpoint that fails keeps everything
 * and is retried at the next period; nothing acknowledged depends on it, since the journal holds it.
 */
export class JournaledSessionFiles {
  private readonly _journal: SessionJournal;
  private readonly _pending = new Map<string, PendingEntry>();
  private _checkpoint: Promise<void> | null = null;
  private _timer: NodeJS.Timeout | null = null;
  private _lastFailure: string | null = null;

  constructor(private readonly _o: JournaledSessionFilesOptions) {
    this._journal = new SessionJournal(_o.dir, _o.context);
  }

  /** The journal (for tests and tools). */
  get journal(): SessionJournal { return this._journal; }

  /** The newest unwritten state of `id`: a store, a delete, or undefined when its file is current. */
  pending(id: string): PendingEntry | undefined { return this._pending.get(id); }

  /**
   * Replays what a crash (or a stop that could not finish) left in the journal into session files, then
   * opens the journal for appends. Returns the final state of every replayed session.
   */
  async start(): Promise<Map<string, PendingEntry>> {
    const recovered = await this._journal.recover();
    for (const line of recovered.problems) this._o.warn(line);
    const replayed = new Map<string, PendingEntry>();
    const savedAt = Date.now();
    for (const r of recovered.records) {
      if (isValidSessionId(r.id)) replayed.set(r.id, toEntry(r, savedAt));
      else this._o.warn(`Ignoring a record of the session journal in '${this._o.dir}': '${String((r as { id: unknown }).id).slice(0, 64)}' is not a valid session id`);
    }
    if (replayed.size > 0) await this.writeFiles([...replayed]);
    await this._journal.remove(recovered.files);
    this._journal.open();
    if (this._o.checkpointPeriodMs > 0) {
      this._timer = setInterval(() => { void this.checkpoint().catch(() => undefined); }, this._o.checkpointPeriodMs);
      this._timer.unref();
    }
    return replayed;
  }

  /** Appends a store; `onDurable` runs at the instant it is durable (the store updates its map there). */
  async store(id: string, expiry: number, body: Buffer, onDurable: () => void): Promise<void> {
    await this._journal.append({ op: 'store', id, expiry, body }, () => {
      this._pending.set(id, { op: 'store', expiry, body, savedAt: Date.now() });
      onDurable();
    });
    this.checkpointIfLarge();
  }

  /** Appends a delete (so that a replay can never bring the session back). */
  async delete(id: string, onDurable: () => void): Promise<void> {
    await this._journal.append({ op: 'delete', id }, () => {
      this._pending.set(id, { op: 'delete' });
      onDurable();
    });
    this.checkpointIfLarge();
  }

  private checkpointIfLarge(): void {
    if (this._journal.size >= CHECKPOINT_AT_BYTES && this._checkpoint === null) void this.checkpoint().catch(() => undefined);
  }

  /**
   * Writes every pending state into its session file and drops the journal generations that held them.
   * One checkpoint runs at a time; a call during one waits for it and then runs its own.
   */
  async checkpoint(): Promise<void> {
    while (this._checkpoint) await this._checkpoint.catch(() => undefined);
    const run = this.runCheckpoint();
    this._checkpoint = run;
    try { await run; } finally { if (this._checkpoint === run) this._checkpoint = null; }
  }

  private async runCheckpoint(): Promise<void> {
    if (this._pending.size === 0 && !this._journal.busy) return;
    const older = await this._journal.rotate();
    const snapshot = [...this._pending];
    try {
      await this.writeFiles(snapshot);
      await this._journal.remove(older);
    } catch (err) {
      const line = `Cannot checkpoint the session journal in '${this._o.dir}' (${(err as Error).message}); the journal keeps the sessions and the checkpoint is retried`;
      if (line !== this._lastFailure) this._o.warn(line);
      this._lastFailure = line;
      throw err;
    }
    this._lastFailure = null;
    for (const [id, entry] of snapshot) if (this._pending.get(id) === entry) this._pending.delete(id);
  }

  /** Puts each state into its file (or removes the file), a few at a time, then syncs the folder once. */
  private async writeFiles(entries: ReadonlyArray<[string, PendingEntry]>): Promise<void> {
    const errors = await forEachConcurrently(entries, CHECKPOINT_PARALLELISM, ([id, entry]) => this.writeFile(id, entry));
    await syncDir(this._o.dir);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} session files could not be written: ${(errors[0] as Error).message}`);
  }

  private async writeFile(id: string, entry: PendingEntry): Promise<void> {
    const old = this._o.onDisk.get(id);
    if (entry.op === 'delete') {
      if (old !== undefined) await unlinkQuietly(path.join(this._o.dir, old));
      this._o.onDisk.delete(id);
      return;
    }
    const name = this._o.fileName(id, entry.expiry);
    const full = path.join(this._o.dir, name);
    await writeFileAtomically(tempPathFor(this._o.dir, name), full, entry.body);
    this._o.onDisk.set(id, name);
    if (old !== undefined && old !== name) await unlinkQuietly(path.join(this._o.dir, old));
  }

  /**
   * Stops the timer, lets queued writes finish, and writes a last checkpoint so that a clean stop leaves
   * only session files. If that fails, the journal stays on disk and the next start replays it.
   */
  async stop(): Promise<void> {
    if (this._timer) clearInterval(this._timer);
    this._timer = null;
    while (this._checkpoint) await this._checkpoint.catch(() => undefined);
    try {
      const files = await this._journal.close();
      await this.writeFiles([...this._pending]);
      await this._journal.remove(files);
      this._pending.clear();
    } catch (err) {
      this._o.warn(`Cannot write the session journal in '${this._o.dir}' into session files at stop (${(err as Error).message}); it stays on disk and the next start replays it`);
      this._pending.clear();
    }
  }
}

function toEntry(r: JournalRecord, savedAt: number): PendingEntry {
  return r.op === 'store' ? { op: 'store', expiry: r.expiry, body: r.body, savedAt } : { op: 'delete' };
}
