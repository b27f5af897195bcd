/**
 * The periodic scavenger of expired sessions (org.eclipse.jetty.server.session.HouseKeeper): one per
 * SessionIdManager, it asks every context's SessionHandler to scavenge.
 * @module
 */
import { JettyClass, Expose } from '../ioc/metadata';
import { AbstractLifeCycle } from '../util/component/abstract-life-cycle';
import type { SessionIdManager } from './session-id-manager';
import { SESSION_LOG } from './session-log';

/** The default scavenge interval, in seconds (`jetty.sessionScavengeInterval.seconds`). */
const DEFAULT_PERIOD_SEC = 600;

/**
 * Jetty's HouseKeeper, `<Set name="sessionHouseKeeper"><New class="...HouseKeeper"><Set
 * name="intervalSec">`. `intervalSec` <= 0 turns scavenging off. As in Jetty, 10% is added to the interval
 * when the current millisecond is even, so that nodes drift apart. The next run is scheduled only when the
 * current one has finished; the timer is unref'd so it never keeps the process alive.
 */
@JettyClass('org.eclipse.jetty.server.session.HouseKeeper')
export class HouseKeeper extends AbstractLifeCycle {
  /** The configured interval; `_intervalMs` is it with the jitter chosen at start. */
  private _intervalSec = DEFAULT_PERIOD_SEC;
  private _intervalMs = DEFAULT_PERIOD_SEC * 1000;
  private _idManager: SessionIdManager | null = null;
  private _timer: NodeJS.Timeout | null = null;
  private _running: Promise<void> | null = null;

  @Expose('org.eclipse.jetty.server.SessionIdManager')
  setSessionIdManager(idManager: SessionIdManager): void {
    this._idManager = idManager;
  }
  getSessionIdManager(): SessionIdManager | null {
    return this._idManager;
  }

  @Expose('long')
  setIntervalSec(sec: number): void {
    this._intervalSec = sec;
    if (this.isStarted() || this.isStarting()) {
      const old = this._intervalMs;
      this._intervalMs = this.withJitter(sec);
      if (old !== this._intervalMs) {
        this.cancel();
        this.schedule();
      }
    } else {
      this._intervalMs = sec * 1000;
    }
    if (sec > 0 && sec < 10) SESSION_LOG.warn(`HouseKeeper intervalSec ${sec} is short: scavenging every few seconds costs CPU`);
  }

  /** The interval in seconds (after jitter while running). */
  @Expose() getIntervalSec(): number {
    return Math.trunc(this._intervalMs / 1000);
  }

  private withJitter(sec: number): number {
    let ms = sec * 1000;
    if (ms > 0 && Date.now() % 2 === 0) ms += Math.trunc(ms / 10);
    return ms;
  }

  protected override async doStart(): Promise<void> {
    if (!this._idManager) throw new Error('Cannot start HouseKeeper: No SessionIdManager for Housekeeper');
    this._intervalMs = this.withJitter(this._intervalSec);
    this.schedule();
    if (this._intervalMs > 0) SESSION_LOG.info('{} Scavenging every {}ms', this.workerName(), this._intervalMs);
  }

  protected override async doStop(): Promise<void> {
    if (this._timer) SESSION_LOG.info('{} Stopped scavenging', this.workerName());
    this.cancel();
    if (this._running) await this._running.catch(() => undefined);
  }

  private schedule(): void {
    if (this._intervalMs <= 0 || this._timer) return;
    this._timer = setTimeout(() => {
      this._timer = null;
      this._running = this.scavenge().finally(() => {
        this._running = null;
        if (this.isStarted()) this.schedule();
      });
    }, this._intervalMs);
    this._timer.unref();
  }

  private cancel(): void {
    if (this._timer) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private workerName(): string {
    return this._idManager?.getWorkerName() ?? '';
  }

  /** True while a scavenge is scheduled. */
  isScheduled(): boolean {
    return this._timer !== null;
  }

  /** One run: every SessionHandler of the id manager scavenges, one after the other. */
  async scavenge(): Promise<void> {
    if (this.isStopping() || this.isStopped() || !this._idManager) return;
    for (const handler of this._idManager.getSessionHandlers()) {
      try {
        await handler.scavenge();
      } catch (err) {
        SESSION_LOG.warn(`Cannot scavenge sessions: ${(err as Error).message}`, err);
      }
    }
  }

  override toString(): string {
    return `HouseKeeper[interval=${this._intervalMs}ms,${this.getState()}]`;
  }
}
