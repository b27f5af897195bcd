/**
 * Group commit for the JDBC store: while `maxInFlight` statements of one kind are on their way to the
 * database, further sessions queue, and the next free slot sends every queued session (up to `maxBatch`)
 * in one statement, one round trip and one commit. With little load a session is sent at once, alone, as
 * before; under load the database sees fewer, larger statements.
 *
 * Each session keeps its own outcome: its promise settles only when the statement that carries it has
 * committed (or failed), so nothing is acknowledged before it is durable. When a statement of several
 * sessions fails for a reason that may belong to one of them (`retryEach`: a constraint or a value the
 * column refuses), each session is sent again alone and reports its own result; a failure of the
 * database itself (down, timed out) is every carried session's failure. A batch never carries a session id
 * twice, nor one that is on its way already: writes of one session reach the database in the order they
 * were made.
 * @module
 */

/** How one kind of statement is sent: for one session, or for several at once. */
export interface BatchedStatement<E, R> {
  /** The session id of an entry. */
  key(entry: E): string;
  /** The statement for one entry. */
  one(entry: E): Promise<R>;
  /** One statement for several entries (distinct keys); the results in the entries' order. */
  many(entries: readonly E[]): Promise<R[]>;
  /** Whether a failed `many` is sent again one entry at a time, so that each gets its own result. */
  retryEach(err: unknown): boolean;
  /**
   * Bounds the wait of an entry that queued (its time limit runs from `submit`, as `one` and `many` bound
   * their own statements); an entry sent at once is bounded by `one` alone.
   */
  bound(entry: E, settled: Promise<R>): Promise<R>;
}

interface Pending<E, R> {
  readonly entry: E;
  readonly key: string;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export class StatementBatcher<E, R> {
  private _inFlight = 0;
  /** Keys on their way now, with how many statements carry each. */
  private readonly _keysInFlight = new Map<string, number>();
  private _queue: Pending<E, R>[] = [];
  /** Statements sent for more than one entry, and the entries they carried (for tests and the dump). */
  private _batches = 0;
  private _batchedEntries = 0;

  constructor(
    private readonly _statement: BatchedStatement<E, R>,
    private readonly _maxInFlight: number,
    private readonly _maxBatch: number,
  ) {}

  /** Sends the entry now when a slot is free, else with the next batch; settles when its statement has. */
  submit(entry: E): Promise<R> {
    const key = this._statement.key(entry);
    if (this._inFlight < this._maxInFlight && this._queue.length === 0 && !this._keysInFlight.has(key)) {
      this.started(key);
      let sent: Promise<R>;
      try {
        sent = this._statement.one(entry);
      } catch (err) {
        sent = Promise.reject(err);
      }
      return sent.then(
        (r) => {
          this.finished([key]);
          return r;
        },
        (err: unknown) => {
          this.finished([key]);
          throw err;
        },
      );
    }
    return this._statement.bound(
      entry,
      new Promise<R>((resolve, reject) => {
        this._queue.push({ entry, key, resolve, reject });
      }),
    );
  }

  /** Statements that carried several entries so far and how many entries they carried; statements on their way and entries waiting now. */
  getBatchStatistics(): { batches: number; entries: number; inFlight: number; waiting: number } {
    return { batches: this._batches, entries: this._batchedEntries, inFlight: this._inFlight, waiting: this._queue.length };
  }

  private started(key: string): void {
    this._inFlight++;
    this._keysInFlight.set(key, (this._keysInFlight.get(key) ?? 0) + 1);
  }

  private finished(keys: readonly string[]): void {
    this._inFlight--;
    for (const k of keys) {
      const n = (this._keysInFlight.get(k) ?? 1) - 1;
      if (n <= 0) this._keysInFlight.delete(k);
      else this._keysInFlight.set(k, n);
    }
    this.drain();
  }

  /** Sends queued entries while slots are free: each batch takes the oldest entries whose key is free. */
  private drain(): void {
    while (this._inFlight < this._maxInFlight && this._queue.length > 0) {
      const batch: Pending<E, R>[] = [];
      const rest: Pending<E, R>[] = [];
      const taken = new Set<string>();
      for (const p of this._queue) {
        if (batch.length < this._maxBatch && !taken.has(p.key) && !this._keysInFlight.has(p.key)) {
          taken.add(p.key);
          batch.push(p);
        } else {
          rest.push(p);
        }
      }
      if (batch.length === 0) return; // every queued key is on its way: its statement's end drains again
      this._queue = rest;
      this._inFlight++;
      for (const k of taken) this._keysInFlight.set(k, (this._keysInFlight.get(k) ?? 0) + 1);
      // the batch settles each entry itself and never rejects
      void this.send(batch).then(() => this.finished([...taken]));
    }
  }

  private async send(batch: Pending<E, R>[]): Promise<void> {
    if (batch.length === 1) {
      await this.sendOne(batch[0]);
      return;
    }
    this._batches++;
    this._batchedEntries += batch.length;
    let results: R[];
    try {
      results = await this._statement.many(batch.map((p) => p.entry));
    } catch (err) {
      if (!this._statement.retryEach(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      // one of them may be the cause: each session is sent alone and gets its own answer
      await Promise.all(batch.map((p) => this.sendOne(p)));
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }

  private async sendOne(p: Pending<E, R>): Promise<void> {
    try {
      p.resolve(await this._statement.one(p.entry));
    } catch (err) {
      p.reject(err);
    }
  }
}
