/**
 * Stand-ins for Jetty's load-shedding beans that have no Node equivalent here
 * (org.eclipse.jetty.server.LowResourceMonitor and AcceptRateLimit): accepted so etc/jetty-lowresources.xml
 * and etc/jetty-acceptratelimit.xml apply; reported once as not applicable.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { AbstractLifeCycle } from '../../util/component/abstract-life-cycle';
import { reportNotApplicable } from '../not-applicable';

/** Jetty's LowResourceMonitor: `period`, `lowResourcesIdleTimeout`, `monitorThreads`, `maxConnections`, `maxMemory`, ... */
@JettyClass('org.eclipse.jetty.server.LowResourceMonitor', { ctors: [[{ name: 'server', type: 'org.eclipse.jetty.server.Server' }]] })
export class LowResourceMonitor extends AbstractLifeCycle {
  private readonly _settings = new Map<string, unknown>();
  constructor(_server?: unknown) {
    super();
    reportNotApplicable('LowResourceMonitor', 'enabled');
  }
  private set(name: string, v: unknown): void {
    this._settings.set(name, v);
  }
  @Expose('int') setPeriod(v: number): void {
    this.set('period', v);
  }
  @Expose('int') setLowResourcesIdleTimeout(v: number): void {
    this.set('lowResourcesIdleTimeout', v);
  }
  @Expose('boolean') setMonitorThreads(v: boolean): void {
    this.set('monitorThreads', v);
  }
  @Expose('int') setMaxConnections(v: number): void {
    this.set('maxConnections', v);
  }
  @Expose('long') setMaxMemory(v: number): void {
    this.set('maxMemory', v);
  }
  @Expose('int') setMaxLowResourcesTime(v: number): void {
    this.set('maxLowResourcesTime', v);
  }
  @Expose('boolean') setAcceptingInLowResources(v: boolean): void {
    this.set('acceptingInLowResources', v);
  }
  @Expose() isLowOnResources(): boolean {
    return false;
  }
  override toString(): string {
    return `LowResourceMonitor@${this.getState()} (not applicable)`;
  }
}

/** Jetty's AcceptRateLimit: ctor `(maxRate, period, units, server)`. */
@JettyClass('org.eclipse.jetty.server.AcceptRateLimit', {
  ctors: [
    [
      { name: 'maxRate', type: 'int' },
      { name: 'period', type: 'long' },
      { name: 'units', type: 'java.util.concurrent.TimeUnit' },
      { name: 'server', type: 'org.eclipse.jetty.server.Server' },
    ],
  ],
})
export class AcceptRateLimit extends AbstractLifeCycle {
  constructor(
    private readonly _maxRate: number,
    _period?: number,
    _units?: unknown,
    _server?: unknown,
  ) {
    super();
    reportNotApplicable('AcceptRateLimit', 'maxRate', _maxRate);
  }
  override toString(): string {
    return `AcceptRateLimit@${this.getState()}{maxRate=${this._maxRate}} (not applicable)`;
  }
}
