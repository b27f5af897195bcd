/**
 * Base class for handlers (org.eclipse.jetty.server.handler.AbstractHandler).
 * @module
 */
import { JettyClass, Expose } from '../../ioc/metadata';
import { ContainerLifeCycle } from '../../util/component/container-life-cycle';
import type { Handler } from '../handler';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Request } from '../request';
import type { Server } from '../server';

@JettyClass('org.eclipse.jetty.server.handler.AbstractHandler', {
  implements: ['org.eclipse.jetty.server.Handler'],
  abstract: true,
})
export abstract class AbstractHandler extends ContainerLifeCycle implements Handler {
  private _server: Server | null = null;

  abstract handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void>;

  @Expose('org.eclipse.jetty.server.Server')
  setServer(server: Server | null): void {
    this._server = server;
  }

  @Expose()
  getServer(): Server | null {
    return this._server;
  }

  destroy(): void {
    /* nothing by default */
  }
}
