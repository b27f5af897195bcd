/**
 * Logs the requests that pass through it to its own request log
 * (org.eclipse.jetty.server.handler.RequestLogHandler).
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Request } from '../request';
import type { RequestLog } from '../request-log';
import { HandlerWrapper } from './handler-wrapper';

/**
 * Jetty's RequestLogHandler: `<New class="org.eclipse.jetty.server.handler.RequestLogHandler">` with
 * `<Set name="requestLog">`. The line is written when the response completes.
 */
@JettyClass('org.eclipse.jetty.server.handler.RequestLogHandler')
export class RequestLogHandler extends HandlerWrapper {
  private _requestLog: RequestLog | null = null;

  @Expose('org.eclipse.jetty.server.RequestLog')
  setRequestLog(log: RequestLog | null): void {
    this.updateBean(this._requestLog, log, true);
    this._requestLog = log;
  }
  @Expose() getRequestLog(): RequestLog | null {
    return this._requestLog;
  }

  override async handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const log = this._requestLog;
    if (log && baseRequest.getDispatcherType() === 'REQUEST') baseRequest.addRequestLog(log);
    await super.handle(target, baseRequest, request, response);
  }
}
