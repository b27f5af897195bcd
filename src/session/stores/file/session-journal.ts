/**
 * The write-ahead journal of a FileSessionDataStore: session writes are appended to one file and made
 * durable together, many per fsync (group commit), instead of one fsync'd file per write.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { decodeFrames, decodeHeader, encodeFrame, encodeHeader, type JournalRecord } from './journal-frame';
import { syncDir, unlinkQuietly } from './session-file-io';
import { writeNewFile } from '../../../util/atomic-write';

/** One line about a generation that could not be read whole: WARN when nothing acknowledged was lost, else ERROR. */
export interface JournalProblem {
  readonly level: 'WARN' | 'ERROR';
  readonly line: string;
}

/** What recover() found on disk. */
export interface RecoveredJournal {
  /** Every readable record of every generation, oldest first. */
  readonly records: JournalRecord[];
  /** The generation files read: they count as ended generations, removed once their records are in session files. */
  readonly files: string[];
  /** One line per generation that was damaged, foreign or cut short, saying what was kept and what was lost. */
  readonly problems: JournalProblem[];
}

/** The name a damaged generation is kept under, beside it: `<name>.damaged-<UTC time>` (never read, never removed). */
export function damagedNameFor(file: string, now = new Date()): string {
  return `${file}.damaged-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

interface Pending {
  /** Records written together, in order, in one batch (a changeSessionId's store and delete). */
  readonly records: readonly JournalRecord[];
  readonly onDurable: () => void;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/** Frames per write, so that one batch stays a bounded buffer under any load. */
const MAX_BATCH = 1024;

/**
 * Generations of journal files for one context in a store folder, named `.pier-journal-<hash>-<n>`: the name has
 * no '_', so neither Jetty nor another context's store takes it for a session file. The current generation
 * takes appends and is created by its first write; `rotate()` ends it, and the caller removes ended
 * generations once it has written their records into session files (a checkpoint), so an idle store
 * folder holds session files only.
 *
 * `append()` resolves only after the record and every record before it are on disk (written and
 * fdatasync'd). Records that arrive while a sync runs go out together in the next write, so N concurrent
 * writers share about two syncs. A failed write or sync rejects its whole batch and marks the file for
 * repair: the next batch first truncates the file back to its last synced size, so a half-written batch
 * can never be read back.
 */
export class SessionJournal {
  private readonly _stem: string;
  private _open = false;
  /** The current generation's file, once its first write created it. */
  private _fh: fs.promises.FileHandle | null = null;
  private _gen = 0;
  /** Bytes of the current generation known to be synced. */
  private _size = 0;
  /** Sequence number of the next frame in the current generation. */
  private _seq = 0;
  private _needsRepair = false;
  private _queue: Pending[] = [];
  private _rotations: Array<{ resolve: (files: string[]) => void; reject: (err: unknown) => void }> = [];
  private _loop: Promise<void> | null = null;
  /** Generations before the current one that the caller has not removed yet. */
  private _older: string[] = [];

  constructor(
    readonly dir: string,
    readonly context: string,
  ) {
    this._stem = `.pier-journal-${createHash('sha256').update(context).digest('hex').slice(0, 12)}-`;
  }

  /** Bytes in the current generation (header included; 0 before its first write). */
  get size(): number {
    return this._size;
  }
  /** True while ended generations wait for removal (recovered ones, or ones a failed checkpoint kept). */
  get hasEndedGenerations(): boolean {
    return this._older.length > 0;
  }
  /** True while records wait to be written. */
  get busy(): boolean {
    return this._loop !== null;
  }

  private fileOf(gen: number): string {
    return path.join(this.dir, `${this._stem}${gen}`);
  }

  /** This context's generation files on disk, oldest first. */
  private async generations(): Promise<Array<{ gen: number; file: string }>> {
    const out: Array<{ gen: number; file: string }> = [];
    for (const name of await fs.promises.readdir(this.dir)) {
      if (!name.startsWith(this._stem)) continue;
      const gen = Number(name.slice(this._stem.length));
      if (Number.isSafeInteger(gen) && gen >= 0 && String(gen) === name.slice(this._stem.length)) out.push({ gen, file: path.join(this.dir, name) });
    }
    return out.sort((a, b) => a.gen - b.gen);
  }

  /**
   * Reads every generation left on disk (by a crash, or a stop that could not write its checkpoint). The
   * generations read are ended ones from then on: the next rotate() or close() hands them over for removal.
   */
  async recover(): Promise<RecoveredJournal> {
    const records: JournalRecord[] = [];
    const problems: JournalProblem[] = [];
    const files: string[] = [];
    const ownHeader = encodeHeader(this.context);
    for (const { gen, file } of await this.generations()) {
      this._gen = Math.max(this._gen, gen + 1);
      const bytes = await fs.promises.readFile(file);
      const header = decodeHeader(bytes);
      if ('error' in header) {
        // A generation's header is synced before its first record: a crash while it was written (the
        // file is empty or holds the start of this context's header) lost nothing, and it is removed.
        if (ownHeader.subarray(0, bytes.length).equals(bytes)) {
          files.push(file);
          continue;
        }
        const aside = await this.setAside(file, null);
        problems.push({
          level: 'ERROR',
          line:
            `Cannot read session journal '${file}': ${header.error}; kept it unread as '${aside}'. ` +
            'The sessions it holds were acknowledged and are not restored (a journal of another Pier version is read by that version)',
        });
        continue;
      }
      if (header.context !== this.context) {
        problems.push({
          level: 'WARN',
          line: `Ignoring session journal '${file}': it belongs to context '${header.context}', not '${this.context}'`,
        });
        continue;
      }
      const decoded = decodeFrames(bytes, header.offset);
      records.push(...decoded.records);
      files.push(file);
      if (decoded.damaged.length > 0) {
        // Readable records follow the damage, so it is not a write cut short: keep a copy of the whole file.
        const aside = await this.setAside(file, bytes);
        const lost = decoded.damaged.reduce((n, d) => n + d.records, 0);
        const where = decoded.damaged
          .map((d) => `${d.bytes} byte(s) at offset ${d.offset} (${d.reason}; record(s) ${d.firstSeq} to ${d.firstSeq + d.records - 1})`)
          .join(', ');
        problems.push({
          level: 'ERROR',
          line:
            `Session journal '${file}' is damaged in the middle: ${where} cannot be read and later records can. ` +
            `${lost} acknowledged record(s) are lost (unless they were the write a crash cut short): their sessions come back as last written before, or come back although invalidated; ` +
            `replayed the ${decoded.records.length} readable record(s) and kept a copy as '${aside}'`,
        });
      }
      if (decoded.stoppedBecause) {
        problems.push({
          level: 'WARN',
          line:
            `Session journal '${file}': ${decoded.stoppedBecause}; kept its first ${decoded.records.length} record(s) and ignored the last ${decoded.unreadBytes} byte(s), ` +
            'a write cut short by a crash, which was never acknowledged',
        });
      }
    }
    this._older = [...files];
    return { records, files, problems };
  }

  /**
   * Keeps a damaged generation where nothing removes it: renamed (`bytes` null: it is not replayed) or
   * copied (its readable records are replayed, and the original stays a generation until they are in
   * session files), synced. Returns the new name.
   */
  private async setAside(file: string, bytes: Buffer | null): Promise<string> {
    const aside = damagedNameFor(file);
    if (bytes === null) await fs.promises.rename(file, aside);
    else await writeNewFile(aside, bytes);
    await syncDir(this.dir);
    return aside;
  }

  /** Takes appends from now on, into a generation after every one recover() saw. */
  open(): void {
    this._open = true;
  }

  /**
   * Creates the current generation's file with its header, synced, and its folder entry synced, before
   * any record goes in. A failure leaves no file behind, so the next write simply tries again.
   */
  private async createGeneration(): Promise<fs.promises.FileHandle> {
    const file = this.fileOf(this._gen);
    const fh = await fs.promises.open(file, 'wx', 0o600);
    try {
      const header = encodeHeader(this.context);
      await fh.write(header, 0, header.length, 0);
      await fh.datasync();
      await syncDir(this.dir);
      this._size = header.length;
      this._seq = 0;
      this._needsRepair = false;
      return fh;
    } catch (err) {
      await fh.close().catch(() => undefined);
      await unlinkQuietly(file).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Appends one record; resolves once it is durable. `onDurable` runs synchronously at that moment, in
   * append order and before any later rotation, so the caller's view of what is durable never lags.
   */
  append(record: JournalRecord, onDurable: () => void): Promise<void> {
    return this.appendAll([record], onDurable);
  }

  /**
   * Appends records that must become durable together: they go into one batch, in order (one write and
   * one fdatasync), so a crash keeps all of them or none. Otherwise as append().
   */
  appendAll(records: readonly JournalRecord[], onDurable: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this._open) {
        reject(new Error(`Cannot write to session journal in '${this.dir}': it is closed`));
        return;
      }
      this._queue.push({ records, onDurable, resolve, reject });
      this.kick();
    });
  }

  /**
   * Ends the current generation after the batch being written (records still queued go into the next
   * one), and resolves with the ended generation files not yet removed: every record in them has been
   * announced through `onDurable`, and every record announced so far is in them.
   */
  rotate(): Promise<string[]> {
    return new Promise((resolve, reject) => {
      if (!this._open) {
        reject(new Error(`Cannot rotate session journal in '${this.dir}': it is closed`));
        return;
      }
      this._rotations.push({ resolve, reject });
      this.kick();
    });
  }

  /** Removes generation files whose records are now in session files. */
  async remove(files: readonly string[]): Promise<void> {
    for (const file of files) {
      await unlinkQuietly(file);
      this._older = this._older.filter((f) => f !== file);
    }
  }

  /**
   * Waits for queued records, ends the current generation and takes no more appends. Resolves with every
   * generation file not yet removed (the caller removes them once their records are in session files).
   */
  async close(): Promise<string[]> {
    this._open = false;
    while (this._loop) await this._loop;
    await this.endGeneration();
    const all = this._older;
    this._older = [];
    return all;
  }

  private kick(): void {
    if (this._loop !== null) return;
    this._loop = this.run().finally(() => {
      this._loop = null;
      if (this._queue.length > 0 || this._rotations.length > 0) this.kick();
    });
  }

  private async run(): Promise<void> {
    while (this._queue.length > 0 || this._rotations.length > 0) {
      // A rotation goes before the next batch: under steady load the queue is never empty, and a rotation
      // that waited for it would starve the checkpoint (and let the journal grow without end).
      if (this._rotations.length > 0) {
        const waiting = this._rotations;
        this._rotations = [];
        try {
          await this.endGeneration();
          const older = [...this._older];
          for (const w of waiting) w.resolve(older);
        } catch (err) {
          for (const w of waiting) w.reject(err);
        }
        continue;
      }
      const batch = this._queue.length <= MAX_BATCH ? this._queue : this._queue.slice(0, MAX_BATCH);
      this._queue = this._queue.length <= MAX_BATCH ? [] : this._queue.slice(MAX_BATCH);
      try {
        await this.writeBatch(batch);
      } catch (err) {
        for (const p of batch) p.reject(err);
        continue;
      }
      for (const p of batch) {
        try {
          p.onDurable();
        } catch (err) {
          p.reject(err);
          continue;
        }
        p.resolve();
      }
    }
  }

  private async writeBatch(batch: readonly Pending[]): Promise<void> {
    const fh = this._fh ?? (this._fh = await this.createGeneration());
    if (this._needsRepair) {
      await fh.truncate(this._size);
      await fh.datasync();
      this._needsRepair = false;
    }
    const frames: Buffer[] = [];
    for (const p of batch) for (const r of p.records) frames.push(encodeFrame(r, this._seq + frames.length));
    const buf = frames.length === 1 ? frames[0] : Buffer.concat(frames);
    try {
      let off = 0;
      while (off < buf.length) {
        const { bytesWritten } = await fh.write(buf, off, buf.length - off, this._size + off);
        if (bytesWritten <= 0) throw new Error(`Cannot write to session journal '${this.fileOf(this._gen)}': the write made no progress`);
        off += bytesWritten;
      }
      await fh.datasync();
    } catch (err) {
      this._needsRepair = true;
      throw err;
    }
    this._size += buf.length;
    this._seq += frames.length;
  }

  /** Ends the current generation (if its first write created it): the next write starts the next one. */
  private async endGeneration(): Promise<void> {
    const fh = this._fh;
    if (!fh) return;
    if (this._needsRepair) {
      // The generation ends at its last synced size: cut what a failed batch left behind.
      await fh.truncate(this._size);
      await fh.datasync();
      this._needsRepair = false;
    }
    this._older.push(this.fileOf(this._gen));
    this._fh = null;
    this._gen++;
    this._size = 0;
    this._seq = 0;
    await fh.close().catch(() => undefined);
  }
}
