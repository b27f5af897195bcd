/**
 * A stand-in for Jetty's thread pool (org.eclipse.jetty.util.thread.QueuedThreadPool): Node runs
 * requests on its event loop, so every sizing setting is accepted, kept for dump(), and reported once as
 * not applicable.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { AbstractLifeCycle } from '../../util/component/abstract-life-cycle';
import { reportNotApplicable } from '../not-applicable';

/**
 * Jetty's QueuedThreadPool, as etc/jetty-threadpool.xml creates it (`minThreads`, `maxThreads`,
 * `reservedThreads`, `idleTimeout`, `detailedDump`). Nothing here changes how Pier runs.
 */
@JettyClass('org.eclipse.jetty.util.thread.QueuedThreadPool', {
  implements: [
    'org.eclipse.jetty.util.thread.ThreadPool',
    'org.eclipse.jetty.util.thread.ThreadPool$SizedThreadPool',
    'java.util.concurrent.Executor',
  ],
  ctors: [
    [],
    [{ name: 'maxThreads', type: 'int' }],
    [
      { name: 'maxThreads', type: 'int' },
      { name: 'minThreads', type: 'int' },
    ],
    [
      { name: 'maxThreads', type: 'int' },
      { name: 'minThreads', type: 'int' },
      { name: 'idleTimeout', type: 'int' },
    ],
    [
      { name: 'maxThreads', type: 'int' },
      { name: 'minThreads', type: 'int' },
      { name: 'idleTimeout', type: 'int' },
      { name: 'queue', type: 'java.util.concurrent.BlockingQueue' },
    ],
  ],
})
export class QueuedThreadPool extends AbstractLifeCycle {
  private _maxThreads = 200;
  private _minThreads = 8;
  private _reservedThreads = -1;
  private _idleTimeout = 60000;
  private _detailedDump = false;
  private _name = 'qtp';
  private _daemon = false;
  private _lowThreadsThreshold = 1;

  constructor(maxThreads?: number, minThreads?: number, idleTimeout?: number) {
    super();
    if (maxThreads !== undefined) this.setMaxThreads(maxThreads);
    if (minThreads !== undefined) this.setMinThreads(minThreads);
    if (idleTimeout !== undefined) this.setIdleTimeout(idleTimeout);
  }

  @Expose('int') setMaxThreads(n: number): void {
    this._maxThreads = n;
    reportNotApplicable('QueuedThreadPool', 'maxThreads', n);
  }
  @Expose() getMaxThreads(): number {
    return this._maxThreads;
  }
  @Expose('int') setMinThreads(n: number): void {
    this._minThreads = n;
    reportNotApplicable('QueuedThreadPool', 'minThreads', n);
  }
  @Expose() getMinThreads(): number {
    return this._minThreads;
  }
  @Expose('int') setReservedThreads(n: number): void {
    this._reservedThreads = n;
    reportNotApplicable('QueuedThreadPool', 'reservedThreads', n);
  }
  @Expose() getReservedThreads(): number {
    return this._reservedThreads;
  }
  @Expose('int') setIdleTimeout(ms: number): void {
    this._idleTimeout = ms;
    reportNotApplicable('QueuedThreadPool', 'idleTimeout', ms);
  }
  @Expose() getIdleTimeout(): number {
    return this._idleTimeout;
  }
  @Expose('boolean') setDetailedDump(d: boolean): void {
    this._detailedDump = d;
  }
  @Expose() isDetailedDump(): boolean {
    return this._detailedDump;
  }
  @Expose('String') setName(name: string): void {
    this._name = name;
  }
  @Expose() getName(): string {
    return this._name;
  }
  @Expose('boolean') setDaemon(d: boolean): void {
    this._daemon = d;
    reportNotApplicable('QueuedThreadPool', 'daemon', d);
  }
  @Expose() isDaemon(): boolean {
    return this._daemon;
  }
  @Expose('int') setLowThreadsThreshold(n: number): void {
    this._lowThreadsThreshold = n;
    reportNotApplicable('QueuedThreadPool', 'lowThreadsThreshold', n);
  }
  @Expose() getLowThreadsThreshold(): number {
    return this._lowThreadsThreshold;
  }
  @Expose('int') setThreadsPriority(p: number): void {
    reportNotApplicable('QueuedThreadPool', 'threadsPriority', p);
  }
  /** Always 1: the event loop. */
  @Expose() getThreads(): number {
    return 1;
  }
  @Expose() getIdleThreads(): number {
    return 0;
  }
  @Expose() getBusyThreads(): number {
    return 0;
  }
  @Expose() isLowOnThreads(): boolean {
    return false;
  }

  dumpSelf(): string {
    return `QueuedThreadPool[${this._name}]@${this.getState()}{min=${this._minThreads},max=${this._maxThreads},reserved=${this._reservedThreads},idleTimeout=${this._idleTimeout}} (not applicable: Node event loop)`;
  }
  override toString(): string {
    return this.dumpSelf();
  }
}
