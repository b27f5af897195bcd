/**
 * A handler wrapper that runs in two passes, scope then handle (org.eclipse.jetty.server.handler.ScopedHandler):
 * every nested ScopedHandler first sets up its scope (context, session, servlet mapping), then the
 * innermost one runs the handle pass back through the chain. This is how a SessionHandler sees the
 * servlet path that the ServletHandler below it mapped, and the servlet sees the session.
 * @module
 */
import { JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet/http-servlet-request';
import type { HttpServletResponse } from '../../servlet/http-servlet-response';
import type { Request } from '../request';
import type { Handler } from '../handler';
import { HandlerWrapper } from './handler-wrapper';

@JettyClass('org.eclipse.jetty.server.handler.ScopedHandler', { abstract: true })
export abstract class ScopedHandler extends HandlerWrapper {
  /** The outermost ScopedHandler of the chain this one is in, or null when this is the outermost. */
  protected _outerScope: ScopedHandler | null = null;
  /** The next ScopedHandler down the wrapper chain, or null. */
  protected _nextScope: ScopedHandler | null = null;

  protected override async doStart(): Promise<void> {
    this.linkScopes();
    await super.doStart();
  }

  override setHandler(handler: Handler | null): void {
    super.setHandler(handler);
    if (this.isStarted()) this.linkScopes();
  }

  /** Links this handler and the ScopedHandlers below it (through wrappers) to their outer and next scope. */
  protected linkScopes(): void {
    const outer = this._outerScope ?? this;
    let prev: ScopedHandler = this;
    prev._nextScope = null;
    for (let h = this.getHandler(); h instanceof HandlerWrapper; h = h.getHandler()) {
      if (h instanceof ScopedHandler) {
        h._outerScope = outer;
        prev._nextScope = h;
        h._nextScope = null;
        prev = h;
      }
    }
  }

  override async handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (!this.isStarted()) return;
    if (this._outerScope === null) await this.doScope(target, baseRequest, request, response);
    else await this.doHandle(target, baseRequest, request, response);
  }

  /** Sets up this handler's scope, then calls nextScope(). Override and call nextScope. */
  async doScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    await this.nextScope(target, baseRequest, request, response);
  }

  /** Passes to the next scope, or (at the innermost) starts the handle pass from the outermost scope. */
  async nextScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (this._nextScope) await this._nextScope.doScope(target, baseRequest, request, response);
    else if (this._outerScope) await this._outerScope.doHandle(target, baseRequest, request, response);
    else await this.doHandle(target, baseRequest, request, response);
  }

  /** Handles the request inside every scope. Override and call nextHandle. */
  abstract doHandle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void>;

  /** Passes to the next handler in the handle pass. */
  async nextHandle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const next = this._nextScope;
    if (next !== null && next === this.getHandler()) await next.doHandle(target, baseRequest, request, response);
    else if (this._handler) await this._handler.handle(target, baseRequest, request, response);
  }
}
