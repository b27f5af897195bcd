/**
 * Limits open connections (org.eclipse.jetty.server.ConnectionLimit), as etc/jetty-connectionlimit.xml
 * adds it: applied to every ServerConnector of the server through Node's `server.maxConnections`
 * (connections beyond the limit are closed at once rather than left waiting in the accept queue).
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { AbstractLifeCycle } from '../../util/component/abstract-life-cycle';
import { reportNotApplicable } from '../not-applicable';

interface LimitableConnector {
  setMaxConnections?(n: number): void;
}
interface ServerLike {
  getConnectors?(): unknown[];
}

/** Jetty's ConnectionLimit: ctor `(maxConnections, server)` or `(maxConnections, connectors...)`; `idleTimeout` is not applicable. */
@JettyClass('org.eclipse.jetty.server.ConnectionLimit', {
  ctors: [
    [
      { name: 'maxConnections', type: 'int' },
      { name: 'server', type: 'org.eclipse.jetty.server.Server' },
    ],
    [
      { name: 'maxConnections', type: 'int' },
      { name: 'connectors', type: 'org.eclipse.jetty.server.Connector[]' },
    ],
  ],
})
export class ConnectionLimit extends AbstractLifeCycle {
  private _max: number;
  private readonly _target: ServerLike | LimitableConnector[];
  private _idleTimeout = 0;

  constructor(maxConnections: number, target: ServerLike | LimitableConnector[]) {
    super();
    this._max = maxConnections;
    this._target = target;
  }

  @Expose('int') setMaxConnections(n: number): void {
    this._max = n;
  }
  @Expose() getMaxConnections(): number {
    return this._max;
  }
  @Expose('long') setIdleTimeout(ms: number): void {
    this._idleTimeout = ms;
    reportNotApplicable('ConnectionLimit', 'idleTimeout', ms);
  }
  @Expose() getIdleTimeout(): number {
    return this._idleTimeout;
  }

  protected override async doStart(): Promise<void> {
    const connectors = Array.isArray(this._target) ? this._target : ((this._target.getConnectors?.() ?? []) as LimitableConnector[]);
    for (const c of connectors) c.setMaxConnections?.(this._max);
  }

  override toString(): string {
    return `ConnectionLimit@${this.getState()}{max=${this._max}}`;
  }
}
