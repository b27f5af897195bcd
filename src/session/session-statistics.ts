/**
 * The statistics of one SessionHandler (Jetty's `_sessionsCreatedStats` CounterStatistic and
 * `_sessionTimeStats` SampleStatistic): sessions created, and how long invalidated sessions lived.
 * @module
 */
import type { Session } from './session';

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

  /** One more session created. */
  sessionCreated(): void {
    this._created++;
  }

  /** Records how long an invalidated session lived, from its creation to `now` (Jetty's recordSessionTime). */
  recordSessionTime(session: Session, now = Date.now()): void {
    const secs = Math.round((now - session.getSessionData().getCreated()) / 1000);
    this._count++;
    this._total += secs;
    this._squares += secs * secs;
    if (secs > this._max) this._max = secs;
  }

  getSessionsCreated(): number {
    return this._created;
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
  }
}
