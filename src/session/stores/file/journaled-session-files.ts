/**
 * The journal mode of FileSessionDataStore: writes go to a SessionJournal (one fsync for many writes);
 * a checkpoint, now and then, puts the newest version of each written session into its Jetty-named file.
 * @module
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { tempPathFor, writeFileAtomically, writeNewFile } from '../../../util/atomic-write';
import { forEachConcurrently } from '../../../util/concurrently';
import { SessionJournal } from './session-journal';
import { syncDir, unlinkQuietly } from './session-file-io';
import { isValidSessionId } from '../../session-id';
import type { JournalRecord } from './journal-frame';

/** The newest durable state of a session whose file is not written yet. */
export type PendingEntry =
  { readonly op: 'store'; readonly expiry: number; readonly body: Buffer; readonly savedAt: number } | { readonly op: 'delete' };

/** Session files written at once during a checkpoint: leaves libuv threads free for the journal's own syncs. */
const CHECKPOINT_PARALLELISM = 2;
/** A journal this big gets a checkpoint at once, whatever the period. */
const CHECKPOINT_AT_BYTES = 8 * 1024 * 1024;
/** The checkpoints a journaled store ran (those with something to write), and their durations in ms. */
export interface CheckpointStatistics {
  readonly count: number;
  readonly totalMs: number;
  readonly lastMs: number;
  readonly maxMs: number;
}

/** How long a stop goes on writing the backlog into files before it leaves the rest to the journal. */
export const STOP_CHECKPOINT_BUDGET_MS = 10_000;
/** The default of `maxCheckpointBacklogBytes`: 64 MiB of session data waiting for its files. */
export const DEFAULT_MAX_CHECKPOINT_BACKLOG_BYTES = 64 * 1024 * 1024;

/** What the store tells its journal: where files go, how they are named, and the physical file map to keep. */
export interface JournaledSessionFilesOptions {
  readonly dir: string;
  /** `<canonicalContextPath>_<vhost>` of the store's context (the journal's header names it). */
  readonly context: string;
  readonly fileName: (id: string, expiry: number) => string;
  /** id -> name of the session's file on disk; the checkpoint keeps it current. */
  readonly onDisk: Map<string, string>;
  readonly checkpointPeriodMs: number;
  /**
   * Session data (bytes of the stored documents) written to the journal but not yet into files beyond
   * which a new write first waits for a checkpoint: bounds the memory the pending states take, and the
   * work a stop or the next checkpoint has to do, when writes outrun the checkpoint for long.
   */
  readonly maxBacklogBytes: number;
  /** How long stop() writes files (default STOP_CHECKPOINT_BUDGET_MS); what is left stays in the journal. */
  readonly stopBudgetMs?: number;
  /** Where one-line warnings go (a failed checkpoint, a journal cut short). */
  readonly warn: (line: string) => void;
  /** Where errors go (acknowledged records lost to a damaged journal). */
  readonly error: (line: string) => void;
  /** Where the one line about a replayed journal goes. */
  readonly info: (line: string) => void;
}

/**
 * Keeps the newest durable state of each session written since the last checkpoint (`pending`), so that
 * loads see it before its file is written. A checkpoint rotates the journal, writes the pending states
 * into files (each fsync'd, then one folder sync), removes the older journal generations and forgets
 * the states it wrote, unless a newer one arrived meanwhile. A checkpoint that fails keeps everything
 * and is retried at the next period; nothing acknowledged depends on it, since the journal holds it.
 *
 * After a crash, start() reads the journal back into `pending` and serves at once; the files are
 * written by a checkpoint that starts in the background, so a long journal never delays the start.
 */
export class JournaledSessionFiles {
  private readonly _journal: SessionJournal;
  private readonly _pending = new Map<string, PendingEntry>();
  /** Bytes of the stored documents in `_pending`. */
  private _pendingBytes = 0;
  private _checkpoint: Promise<void> | null = null;
  private _timer: NodeJS.Timeout | null = null;
  private _lastFailure: string | null = null;
  /** Writes waiting for the backlog to go under its bound: woken as the checkpoint writes files, failed with it. */
  private _roomWaiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  /** Checkpoint writes stop at this time (set by stop()); the journal keeps what they did not reach. */
  private _writeUntil = Infinity;
  private readonly _checkpointStats = { count: 0, totalMs: 0, lastMs: 0, maxMs: 0 };

  constructor(private readonly _o: JournaledSessionFilesOptions) {
    this._journal = new SessionJournal(_o.dir, _o.context);
  }

  /** The journal (for tests and tools). */
  get journal(): SessionJournal {
    return this._journal;
  }

  /** The newest unwritten state of `id`: a store, a delete, or undefined when its file is current. */
  pending(id: string): PendingEntry | undefined {
    return this._pending.get(id);
  }

  /** Bytes of session data waiting for the checkpoint. */
  get backlogBytes(): number {
    return this._pendingBytes;
  }
  /** Sessions (stores and deletes) waiting for the checkpoint. */
  get backlogSessions(): number {
    return this._pending.size;
  }

  private setPending(id: string, entry: PendingEntry): void {
    const old = this._pending.get(id);
    this._pendingBytes += bodyBytes(entry) - (old === undefined ? 0 : bodyBytes(old));
    this._pending.set(id, entry);
  }

  private forgetPending(id: string, entry: PendingEntry): void {
    if (this._pending.get(id) !== entry) return;
    this._pending.delete(id);
    this._pendingBytes -= bodyBytes(entry);
    if (this._pendingBytes < this._o.maxBacklogBytes) this.wakeWaiters(null);
  }

  /** Lets the writes waiting for room go on (they look again), or fails them with the checkpoint's error. */
  private wakeWaiters(err: unknown): void {
    if (this._roomWaiters.length === 0) return;
    const waiters = this._roomWaiters;
    this._roomWaiters = [];
    for (const w of waiters)
      if (err === null) w.resolve();
      else w.reject(err);
  }

  /**
   * Reads back what a crash (or a stop that could not finish) left in the journal, as pending states, and
   * opens the journal for appends; a checkpoint then writes those states into files in the background.
   * Returns the final state of every replayed session.
   */
  async start(): Promise<Map<string, PendingEntry>> {
    const recovered = await this._journal.recover();
    for (const p of recovered.problems) (p.level === 'ERROR' ? this._o.error : this._o.warn)(p.line);
    const replayed = new Map<string, PendingEntry>();
    const savedAt = Date.now();
    for (const r of recovered.records) {
      if (isValidSessionId(r.id)) replayed.set(r.id, toEntry(r, savedAt));
      else
        this._o.warn(
          `Ignoring a record of the session journal in '${this._o.dir}': '${String((r as { id: unknown }).id).slice(0, 64)}' is not a valid session id`,
        );
    }
    if (recovered.files.length > 0) {
      const deletes = [...replayed.values()].filter((e) => e.op === 'delete').length;
      this._o.info(
        `Replayed the session journal of context '${this._o.context}' in '${this._o.dir}': ${recovered.records.length} record(s) from ${recovered.files.length} file(s), ` +
          `${replayed.size - deletes} session(s) stored and ${deletes} deleted`,
      );
    }
    for (const [id, entry] of replayed) this.setPending(id, entry);
    this._journal.open();
    if (this._o.checkpointPeriodMs > 0) {
      this._timer = setInterval(() => {
        void this.checkpoint().catch(() => undefined);
      }, this._o.checkpointPeriodMs);
      this._timer.unref();
    }
    if (recovered.files.length > 0) void this.checkpoint().catch(() => undefined);
    return replayed;
  }

  /**
   * Appends a store; `onDurable` runs at the instant it is durable (the store updates its map there).
   * While the backlog is over its bound, the write first waits for a checkpoint (and fails with it).
   */
  async store(id: string, expiry: number, body: Buffer, onDurable: () => void): Promise<void> {
    if (this._pendingBytes >= this._o.maxBacklogBytes) await this.drainBacklog();
    await this._journal.append({ op: 'store', id, expiry, body }, () => {
      this.setPending(id, { op: 'store', expiry, body, savedAt: Date.now() });
      onDurable();
    });
    this.checkpointIfLarge();
  }

  /**
   * A changeSessionId: the store under `newId` and the delete of `oldId` go into one journal batch, in
   * that order, so a crash keeps both or neither (the session is never under no id). `onDurable` runs
   * once both are durable. Waits for room as store() does.
   */
  async renew(oldId: string, newId: string, expiry: number, body: Buffer, onDurable: () => void): Promise<void> {
    if (this._pendingBytes >= this._o.maxBacklogBytes) await this.drainBacklog();
    await this._journal.appendAll(
      [
        { op: 'store', id: newId, expiry, body },
        { op: 'delete', id: oldId },
      ],
      () => {
        this.setPending(newId, { op: 'store', expiry, body, savedAt: Date.now() });
        this.setPending(oldId, { op: 'delete' });
        onDurable();
      },
    );
    this.checkpointIfLarge();
  }

  /** Appends a delete (so that a replay can never bring the session back); a delete never waits for the backlog. */
  async delete(id: string, onDurable: () => void): Promise<void> {
    await this._journal.append({ op: 'delete', id }, () => {
      this.setPending(id, { op: 'delete' });
      onDurable();
    });
    this.checkpointIfLarge();
  }

  private checkpointIfLarge(): void {
    if (this._checkpoint !== null) return;
    if (this._journal.size >= CHECKPOINT_AT_BYTES || this._pendingBytes >= this._o.maxBacklogBytes) void this.checkpoint().catch(() => undefined);
  }

  /**
   * Waits until the backlog is under its bound: a checkpoint runs (started here if none is), and the wait
   * ends as soon as enough of its files are written, not at its end; if it fails, the write fails with it.
   */
  private async drainBacklog(): Promise<void> {
    while (this._pendingBytes >= this._o.maxBacklogBytes) {
      if (this._writeUntil !== Infinity)
        throw new Error(`Cannot write to the session journal in '${this._o.dir}': the store is stopping and its backlog is full`);
      const room = new Promise<void>((resolve, reject) => this._roomWaiters.push({ resolve, reject }));
      if (this._checkpoint === null) void this.checkpoint().catch(() => undefined);
      await room;
    }
  }

  /**
   * Writes every pending state into its session file and drops the journal generations that held them.
   * One checkpoint runs at a time; a call during one waits for it and then runs its own.
   */
  async checkpoint(): Promise<void> {
    while (this._checkpoint) await this._checkpoint.catch(() => undefined);
    const run = this.runCheckpoint();
    this._checkpoint = run;
    try {
      await run;
    } finally {
      if (this._checkpoint === run) this._checkpoint = null;
      // Writes that began to wait while this one was finishing look again (and start the next one if needed).
      this.wakeWaiters(null);
    }
  }

  private async runCheckpoint(): Promise<void> {
    if (this._pending.size === 0 && !this._journal.busy && !this._journal.hasEndedGenerations) return;
    const started = performance.now();
    try {
      const older = await this._journal.rotate();
      if (await this.writeFiles([...this._pending])) await this._journal.remove(older);
    } catch (err) {
      const line = `Cannot checkpoint the session journal in '${this._o.dir}' (${(err as Error).message}); the journal keeps the sessions and the checkpoint is retried`;
      if (line !== this._lastFailure) this._o.warn(line);
      this._lastFailure = line;
      this.wakeWaiters(err);
      throw err;
    } finally {
      this.recordCheckpoint(performance.now() - started);
    }
    this._lastFailure = null;
  }

  /** One checkpoint that had something to do took `ms` (a failed one included). */
  private recordCheckpoint(ms: number): void {
    const s = this._checkpointStats;
    s.count++;
    s.totalMs += ms;
    s.lastMs = ms;
    if (ms > s.maxMs) s.maxMs = ms;
  }

  /** The checkpoints that had something to write so far: how many, and how long they took (ms). */
  get checkpointStatistics(): CheckpointStatistics {
    return { ...this._checkpointStats };
  }

  /**
   * Puts each state into its file (or removes the file), a few at a time, then syncs the folder once.
   * A state leaves `pending` as soon as its file is written (unless a newer one came meanwhile), so loads
   * read the file from then on and the backlog shrinks as the checkpoint goes; the journal generations
   * that hold it stay on disk until the whole checkpoint, folder sync included, is done. Resolves false
   * when a stop's deadline cut the writing short (the journal must then stay).
   */
  private async writeFiles(entries: ReadonlyArray<[string, PendingEntry]>): Promise<boolean> {
    let complete = true;
    const errors = await forEachConcurrently(entries, CHECKPOINT_PARALLELISM, async ([id, entry]) => {
      if (Date.now() >= this._writeUntil) {
        complete = false;
        return;
      }
      await this.writeFile(id, entry);
      this.forgetPending(id, entry);
    });
    await syncDir(this._o.dir);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} session files could not be written: ${(errors[0] as Error).message}`);
    return complete;
  }

  /**
   * Puts one state on disk: a delete removes the file; a store replaces the session's file through a
   * temporary one (so a failure never damages it) and removes the file of the old expiry. A session with
   * no file yet gets its file created under its own name, since there is nothing to damage: if that write
   * fails or is torn by a crash, the journal generation that holds the state is still on disk.
   */
  private async writeFile(id: string, entry: PendingEntry): Promise<void> {
    const old = this._o.onDisk.get(id);
    if (entry.op === 'delete') {
      if (old !== undefined) await unlinkQuietly(path.join(this._o.dir, old));
      this._o.onDisk.delete(id);
      return;
    }
    const name = this._o.fileName(id, entry.expiry);
    const full = path.join(this._o.dir, name);
    if (old !== undefined || !(await createFile(full, entry.body))) {
      await writeFileAtomically(tempPathFor(this._o.dir, name), full, entry.body);
    }
    this._o.onDisk.set(id, name);
    if (old !== undefined && old !== name) await unlinkQuietly(path.join(this._o.dir, old));
  }

  /**
   * Stops the timer, lets queued writes finish, and writes a last checkpoint so that a clean stop leaves
   * only session files. Writing files stops after `stopBudgetMs` (a running checkpoint included), so a
   * large backlog never holds a stop for minutes; what is left, or a checkpoint that fails, stays in the
   * journal on disk and the next start reads it back.
   */
  async stop(): Promise<void> {
    if (this._timer) clearInterval(this._timer);
    this._timer = null;
    const budgetMs = this._o.stopBudgetMs ?? STOP_CHECKPOINT_BUDGET_MS;
    this._writeUntil = Date.now() + budgetMs;
    while (this._checkpoint) await this._checkpoint.catch(() => undefined);
    try {
      const files = await this._journal.close();
      if (await this.writeFiles([...this._pending])) await this._journal.remove(files);
      else
        this._o.warn(
          `Stopped writing the session journal in '${this._o.dir}' into session files after ${budgetMs} ms with ${this._pending.size} session(s) left; they stay in the journal and the next start reads them back`,
        );
    } catch (err) {
      this._o.warn(
        `Cannot write the session journal in '${this._o.dir}' into session files at stop (${(err as Error).message}); it stays on disk and the next start replays it`,
      );
    }
    this._pending.clear();
    this._pendingBytes = 0;
  }
}

/** Creates `file` with `bytes`, fsync'd (writeNewFile); false if it exists already. */
async function createFile(file: string, bytes: Buffer): Promise<boolean> {
  try {
    await writeNewFile(file, bytes);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function bodyBytes(entry: PendingEntry): number {
  return entry.op === 'store' ? entry.body.length : 0;
}

function toEntry(r: JournalRecord, savedAt: number): PendingEntry {
  return r.op === 'store' ? { op: 'store', expiry: r.expiry, body: r.body, savedAt } : { op: 'delete' };
}
