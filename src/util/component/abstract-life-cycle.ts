/**
 * Template base for LifeCycle: subclasses override doStart/doStop (Jetty's AbstractLifeCycle).
 * @module
 */
import { LifeCycle, LifeCycleListener, LifeCycleState } from './life-cycle';

export abstract class AbstractLifeCycle implements LifeCycle {
  private _state: LifeCycleState = 'STOPPED';
  private readonly _listeners: LifeCycleListener[] = [];
  private _pending: Promise<void> | undefined;

  async start(): Promise<void> {
    if (this._pending) await this._pending;
    if (this._state === 'STARTED') return;
    this._pending = this.runStart();
    try {
      await this._pending;
    } finally {
      this._pending = undefined;
    }
  }

  async stop(): Promise<void> {
    if (this._pending) await this._pending;
    if (this._state === 'STOPPED') return;
    this._pending = this.runStop();
    try {
      await this._pending;
    } finally {
      this._pending = undefined;
    }
  }

  private async runStart(): Promise<void> {
    this.setState('STARTING');
    try {
      await this.doStart();
      this.setState('STARTED');
    } catch (err) {
      this._state = 'FAILED';
      for (const l of this._listeners) l.lifeCycleFailure?.(this, err);
      throw err;
    }
  }

  private async runStop(): Promise<void> {
    this.setState('STOPPING');
    try {
      await this.doStop();
      this.setState('STOPPED');
    } catch (err) {
      this._state = 'FAILED';
      for (const l of this._listeners) l.lifeCycleFailure?.(this, err);
      throw err;
    }
  }

  private setState(state: LifeCycleState): void {
    this._state = state;
    for (const l of this._listeners) {
      switch (state) {
        case 'STARTING':
          l.lifeCycleStarting?.(this);
          break;
        case 'STARTED':
          l.lifeCycleStarted?.(this);
          break;
        case 'STOPPING':
          l.lifeCycleStopping?.(this);
          break;
        case 'STOPPED':
          l.lifeCycleStopped?.(this);
          break;
        default:
          break;
      }
    }
  }

  /** Override to start the component; called once per start. */
  protected async doStart(): Promise<void> {
    /* nothing by default */
  }
  /** Override to stop the component; called once per stop. */
  protected async doStop(): Promise<void> {
    /* nothing by default */
  }

  isRunning(): boolean {
    return this._state === 'STARTED' || this._state === 'STARTING';
  }
  isStarted(): boolean {
    return this._state === 'STARTED';
  }
  isStarting(): boolean {
    return this._state === 'STARTING';
  }
  isStopping(): boolean {
    return this._state === 'STOPPING';
  }
  isStopped(): boolean {
    return this._state === 'STOPPED';
  }
  isFailed(): boolean {
    return this._state === 'FAILED';
  }
  getState(): LifeCycleState {
    return this._state;
  }
  addLifeCycleListener(listener: LifeCycleListener): void {
    this._listeners.push(listener);
  }
  removeLifeCycleListener(listener: LifeCycleListener): void {
    const i = this._listeners.indexOf(listener);
    if (i >= 0) this._listeners.splice(i, 1);
  }
  toString(): string {
    return `${this.constructor.name}@${this._state}`;
  }
}
