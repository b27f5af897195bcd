/**
 * A handler collection that stops at the first handler that handles the request
 * (org.eclipse.jetty.server.handler.HandlerList).
 * @module
 */
import { JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Request } from '../request';
import { HandlerCollection } from './handler-collection';

/** Jetty's HandlerList: `<New class="org.eclipse.jetty.server.handler.HandlerList">`, `<Set name="handlers">`. */
@JettyClass('org.eclipse.jetty.server.handler.HandlerList', {
  ctors: [[], [{ name: 'handlers', type: 'org.eclipse.jetty.server.Handler[]' }]],
})
export class HandlerList extends HandlerCollection {
  override async handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (!this.isStarted()) return;
    for (const h of this._handlers) {
      await h.handle(target, baseRequest, request, response);
      if (baseRequest.isHandled()) return;
    }
  }
}
