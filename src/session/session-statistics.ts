/**
 * The statistics of one SessionHandler (Jetty's `_sessionsCreatedStats` CounterStatistic and
 * `_sessionTimeStats` SampleStatistic): sessions created, and how long invalidated sessions lived; Pier
 * also counts which ended by expiry and which by invalidation, and keeps the lifetimes in buckets for
 * the metrics module's histogram.
 * @module
 */
import type { Session } from './session';

/**
 * The upper bounds (seconds) of the session lifetime buckets: from a session dropped at once to a day,
 * around the usual timeouts (30 minutes is Jetty's default).
 */
export const SESSION_TIME_BUCKETS_SEC: readonly number[] = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400];

/** How a session ended: `invalidated` (HttpSession.invalidate, here or in a context sharing the id) or `expired` (the scavenger). */
export type SessionEnd = 'invalidated' | 'expired';

/** The lifetimes recorded so far, bucketed: `counts[i]` sessions lived at most `bounds[i]` seconds and more than the bound before (not cumulative); the last count is those that outlived every bound. */
export interface SessionTimeBuckets {
  readonly bounds: readonly number[];
  readonly counts: readonly number[];
  /** Seconds, unrounded. */
  readonly sum: number;
  readonly count: number;
}

/**
 * Counts created sessions and samples the lifetimes of invalidated ones in whole seconds; the
 * SessionHandler exposes them as Jetty's JMX attributes (`sessionsCreated`, `sessionTimeMax`,
 * `sessionTimeTotal`, `sessionTimeMean`, `sessionTimeStdDev`, `statsReset()`).
 */
export class SessionStatistics {
  private _created = 0;
  private _count = 0;
  private _total = 0;
  private _squares = 0;
  private _max = 0;
  private _invalidated = 0;
  private _expired = 0;
  private _exactSum = 0;
  private readonly _buckets = new Array<number>(SESSION_TIME_BUCKETS_SEC.length + 1).fill(0);

  /** One more session created. */
  sessionCreated(): void {
    this._created++;
  }

  /**
   * Records how long an invalidated session lived, from its creation to `now` (Jetty's recordSessionTime),
   * and how it ended.
   */
  recordSessionTime(session: Session, now = Date.now(), end: SessionEnd = 'invalidated'): void {
    if (end === 'expired') this._expired++;
    else this._invalidated++;
    const exact = Math.max(0, (now - session.getSessionData().getCreated()) / 1000);
    this._exactSum += exact;
    let i = 0;
    while (i < SESSION_TIME_BUCKETS_SEC.length && exact > SESSION_TIME_BUCKETS_SEC[i]) i++;
    this._buckets[i]++;
    const secs = Math.round(exact);
    this._count++;
    this._total += secs;
    this._squares += secs * secs;
    if (secs > this._max) this._max = secs;
  }

  getSessionsCreated(): number {
    return this._created;
  }
  /** Sessions ended by HttpSession.invalidate (Pier). */
  getSessionsInvalidated(): number {
    return this._invalidated;
  }
  /** Sessions ended by expiry (Pier). */
  getSessionsExpired(): number {
    return this._expired;
  }
  /** The recorded lifetimes in SESSION_TIME_BUCKETS_SEC buckets (a copy). */
  getSessionTimeBuckets(): SessionTimeBuckets {
    return { bounds: SESSION_TIME_BUCKETS_SEC, counts: [...this._buckets], sum: this._exactSum, count: this._count };
  }
  getSessionTimeMax(): number {
    return this._max;
  }
  getSessionTimeTotal(): number {
    return this._total;
  }
  getSessionTimeMean(): number {
    return this._count ? this._total / this._count : 0;
  }
  getSessionTimeStdDev(): number {
    if (this._count === 0) return 0;
    const mean = this._total / this._count;
    return Math.sqrt(Math.max(0, this._squares / this._count - mean * mean));
  }

  /** Starts counting again from zero. */
  reset(): void {
    this._created = 0;
    this._count = 0;
    this._total = 0;
    this._squares = 0;
    this._max = 0;
    this._invalidated = 0;
    this._expired = 0;
    this._exactSum = 0;
    this._buckets.fill(0);
  }
}
