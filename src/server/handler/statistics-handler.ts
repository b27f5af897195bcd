/**
 * Counts requests and response classes (org.eclipse.jetty.server.handler.StatisticsHandler), as
 * etc/jetty-stats.xml inserts it; with gracefulShutdownWaitsForRequests, stop waits for active requests.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Request } from '../request';
import { HandlerWrapper } from './handler-wrapper';

/** Jetty's StatisticsHandler: `getRequests()`, `getRequestsActive()`, `getResponses2xx()`... `statsReset()`. */
@JettyClass('org.eclipse.jetty.server.handler.StatisticsHandler', { implements: ['org.eclipse.jetty.util.component.Graceful'] })
export class StatisticsHandler extends HandlerWrapper {
  private _requests = 0;
  private _active = 0;
  private _activeMax = 0;
  private readonly _byClass = [0, 0, 0, 0, 0, 0];
  private _totalTime = 0;
  private _maxTime = 0;
  private _statsStart = Date.now();
  private _waitForRequests = true;

  @Expose('boolean') setGracefulShutdownWaitsForRequests(b: boolean): void {
    this._waitForRequests = b;
  }
  @Expose() getGracefulShutdownWaitsForRequests(): boolean {
    return this._waitForRequests;
  }
  @Expose() getRequests(): number {
    return this._requests;
  }
  @Expose() getRequestsActive(): number {
    return this._active;
  }
  @Expose() getRequestsActiveMax(): number {
    return this._activeMax;
  }
  @Expose() getResponses1xx(): number {
    return this._byClass[1];
  }
  @Expose() getResponses2xx(): number {
    return this._byClass[2];
  }
  @Expose() getResponses3xx(): number {
    return this._byClass[3];
  }
  @Expose() getResponses4xx(): number {
    return this._byClass[4];
  }
  @Expose() getResponses5xx(): number {
    return this._byClass[5];
  }
  @Expose() getRequestTimeTotal(): number {
    return this._totalTime;
  }
  @Expose() getRequestTimeMax(): number {
    return this._maxTime;
  }
  @Expose() getStatsOnMs(): number {
    return Date.now() - this._statsStart;
  }
  @Expose() statsReset(): void {
    this._requests = 0;
    this._activeMax = this._active;
    this._byClass.fill(0);
    this._totalTime = 0;
    this._maxTime = 0;
    this._statsStart = Date.now();
  }

  override async handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    this._requests++;
    this._active++;
    if (this._active > this._activeMax) this._activeMax = this._active;
    const start = Date.now();
    try {
      await super.handle(target, baseRequest, request, response);
    } finally {
      this._active--;
      const t = Date.now() - start;
      this._totalTime += t;
      if (t > this._maxTime) this._maxTime = t;
      const cls = Math.floor((baseRequest.isHandled() ? response.getStatus() : 404) / 100);
      if (cls >= 1 && cls <= 5) this._byClass[cls]++;
    }
  }

  override dumpSelf(): string {
    return `StatisticsHandler@${this.getState()}{requests=${this._requests},active=${this._active}}`;
  }
}
