/**
 * A stand-in for Jetty's scheduler (org.eclipse.jetty.util.thread.ScheduledExecutorScheduler): Node has
 * timers, so its thread settings are accepted and reported once as not applicable.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { AbstractLifeCycle } from '../../util/component/abstract-life-cycle';
import { reportNotApplicable } from '../not-applicable';

/** Jetty's ScheduledExecutorScheduler, as etc/jetty.xml adds it with `<Call name="addBean">`. */
@JettyClass('org.eclipse.jetty.util.thread.ScheduledExecutorScheduler', {
  implements: ['org.eclipse.jetty.util.thread.Scheduler'],
  ctors: [
    [],
    [
      { name: 'name', type: 'String' },
      { name: 'daemon', type: 'boolean' },
    ],
    [
      { name: 'name', type: 'String' },
      { name: 'daemon', type: 'boolean' },
      { name: 'threads', type: 'int' },
    ],
  ],
})
export class ScheduledExecutorScheduler extends AbstractLifeCycle {
  private readonly _name: string;
  private readonly _daemon: boolean;
  private readonly _threads: number;

  constructor(name?: string | null, daemon?: boolean, threads?: number) {
    super();
    this._name = name ?? 'Scheduler';
    this._daemon = daemon ?? false;
    this._threads = threads ?? -1;
    if (threads !== undefined && threads !== -1) reportNotApplicable('ScheduledExecutorScheduler', 'threads', threads);
  }

  @Expose() getName(): string {
    return this._name;
  }
  @Expose() isDaemon(): boolean {
    return this._daemon;
  }
  @Expose() getThreads(): number {
    return this._threads;
  }

  dumpSelf(): string {
    return `ScheduledExecutorScheduler@${this.getState()}{name=${this._name},threads=${this._threads}} (Node timers)`;
  }
  override toString(): string {
    return this.dumpSelf();
  }
}
