/**
 * A handler that passes every request to one nested handler (org.eclipse.jetty.server.handler.HandlerWrapper).
 * @module
 */
import { JettyClass, Expose } from '../../ioc/metadata';
import { AbstractHandler } from './abstract-handler';
import type { Handler, HandlerContainer } from '../handler';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Request } from '../request';
import { DONE as RESOLVED } from '../done';
import type { Server } from '../server';

@JettyClass('org.eclipse.jetty.server.handler.HandlerWrapper', {
  implements: ['org.eclipse.jetty.server.HandlerContainer'],
})
export class HandlerWrapper extends AbstractHandler implements HandlerContainer {
  protected _handler: Handler | null = null;

  @Expose()
  getHandler(): Handler | null {
    return this._handler;
  }

  @Expose('org.eclipse.jetty.server.Handler')
  setHandler(handler: Handler | null): void {
    if (handler === this._handler) return;
    if (handler) handler.setServer(this.getServer());
    this.updateBean(this._handler, handler, true);
    this._handler = handler;
  }

  /** Inserts a wrapper between this handler and its current nested handler (Jetty's insertHandler). */
  @Expose('org.eclipse.jetty.server.handler.HandlerWrapper')
  insertHandler(wrapper: HandlerWrapper): void {
    let tail: HandlerWrapper = wrapper;
    while (tail.getHandler() instanceof HandlerWrapper) tail = tail.getHandler() as HandlerWrapper;
    if (tail.getHandler()) throw new Error('Cannot insert handler: the wrapper chain already ends in a handler');
    const next = this.getHandler();
    this.setHandler(wrapper);
    tail.setHandler(next);
  }

  override setServer(server: Server | null): void {
    super.setServer(server);
    this._handler?.setServer(server);
  }

  getHandlers(): Handler[] {
    return this._handler ? [this._handler] : [];
  }
  getChildHandlers(): Handler[] {
    return this.getHandlers();
  }

  handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    // the nested handler's promise is returned as is: no extra async frame per request
    if (this._handler && this.isStarted()) return this._handler.handle(target, baseRequest, request, response);
    return RESOLVED;
  }
}
