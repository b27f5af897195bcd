/**
 * A handler collection that stops at the first handler that handles the request
 * (org.eclipse.jetty.server.handler.HandlerList).
 * @module
 */
import { JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Handler } from '../handler';
import type { Request } from '../request';
import { DONE as RESOLVED } from '../done';
import { HandlerCollection } from './handler-collection';

/** Jetty's HandlerList: `<New class="org.eclipse.jetty.server.handler.HandlerList">`, `<Set name="handlers">`. */
@JettyClass('org.eclipse.jetty.server.handler.HandlerList', {
  ctors: [[], [{ name: 'handlers', type: 'org.eclipse.jetty.server.Handler[]' }]],
})
export class HandlerList extends HandlerCollection {
  /** As HandlerCollection, without an async frame, but the next handler is called only while the request is not handled. */
  override handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (!this.isStarted()) return RESOLVED;
    return this.handleUnhandled(this._handlers, 0, target, baseRequest, request, response);
  }

  private handleUnhandled(
    handlers: Handler[],
    i: number,
    target: string,
    baseRequest: Request,
    request: HttpServletRequest,
    response: HttpServletResponse,
  ): Promise<void> {
    if (i >= handlers.length) return RESOLVED;
    let running: Promise<void>;
    try {
      running = handlers[i].handle(target, baseRequest, request, response);
    } catch (err) {
      return Promise.reject(err);
    }
    if (i + 1 === handlers.length) return running;
    return running.then(() => {
      if (baseRequest.isHandled()) return undefined;
      const next = this.handleUnhandled(handlers, i + 1, target, baseRequest, request, response);
      // a reaction that returns a promise costs another one to adopt it: the settled DONE is left out
      return next === RESOLVED ? undefined : next;
    });
  }
}
