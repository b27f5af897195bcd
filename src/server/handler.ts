/**
 * The Handler contract (org.eclipse.jetty.server.Handler): the server is a chain of handlers
 * (context → session → servlet), each either handling the request or passing it on.
 * @module
 */
import type { LifeCycle } from '../util/component/life-cycle';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import type { Request } from './request';
import type { Server } from './server';

export interface Handler extends LifeCycle {
  /**
   * Handles a request. `target` is the path (or name) of the target; `baseRequest` is the
   * container's own request object; `request`/`response` may be wrapped. A handler that produces
   * the response calls `baseRequest.setHandled(true)`. The returned promise settles when the handler
   * (and any handler it called) is done; the container completes the response only after that.
   */
  handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void>;
  setServer(server: Server | null): void;
  getServer(): Server | null;
  destroy(): void;
}

/** A handler that holds other handlers (org.eclipse.jetty.server.HandlerContainer). */
export interface HandlerContainer extends LifeCycle {
  getHandlers(): Handler[];
  getChildHandlers(): Handler[];
}
