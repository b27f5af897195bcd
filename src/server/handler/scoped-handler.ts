/**
 * A handler wrapper that runs in two passes, scope then handle (org.eclipse.jetty.server.handler.ScopedHandler):
 * every nested ScopedHandler first sets up its scope (context, session, servlet mapping), then the
 * innermost one runs the handle pass back through the chain. This is how a SessionHandler sees the
 * servlet path that the ServletHandler below it mapped, and the servlet sees the session.
 * @module
 */
import { JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Request } from '../request';
import type { Handler } from '../handler';
import { HandlerWrapper } from './handler-wrapper';
import { DONE as RESOLVED } from '../done';

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
    this._nextScope = null;
    let prev: ScopedHandler | null = null;
    for (let h = this.getHandler(); h instanceof HandlerWrapper; h = h.getHandler()) {
      if (h instanceof ScopedHandler) {
        h._outerScope = outer;
        if (prev === null) this._nextScope = h;
        else prev._nextScope = h;
        h._nextScope = null;
        prev = h;
      }
    }
  }

  // Hot path: the scope and handle passes return the next handler's promise directly instead of
  // awaiting it in an async frame of their own. A scope that restores state after the chain
  // (nextScopeThen) restores at once when the chain finished synchronously (DONE) and adds its one
  // reaction only otherwise; test/session/hot-path-promises.test.ts counts them.

  override handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (!this.isStarted()) return RESOLVED;
    if (this._outerScope === null) return this.doScope(target, baseRequest, request, response);
    return this.doHandle(target, baseRequest, request, response);
  }

  /** Sets up this handler's scope, then calls nextScope(). Override and call nextScope. */
  doScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    return this.nextScope(target, baseRequest, request, response);
  }

  /** Passes to the next scope, or (at the innermost) starts the handle pass from the outermost scope. */
  nextScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (this._nextScope) return this._nextScope.doScope(target, baseRequest, request, response);
    if (this._outerScope) return this._outerScope.doHandle(target, baseRequest, request, response);
    return this.doHandle(target, baseRequest, request, response);
  }

  /**
   * nextScope(), then `restore` whether it settled or failed: a scope's `finally` as one promise reaction
   * instead of an async frame. A synchronous throw below becomes the returned rejection.
   */
  protected nextScopeThen(
    target: string,
    baseRequest: Request,
    request: HttpServletRequest,
    response: HttpServletResponse,
    restore: () => void,
  ): Promise<void> {
    const inner = this.tryNextScope(target, baseRequest, request, response);
    // everything below finished at once (DONE): the scope is left now, without a reaction
    if (inner === RESOLVED) {
      restore();
      return RESOLVED;
    }
    return thenRestore(inner, restore);
  }

  /**
   * nextScope(), a synchronous throw below as the returned rejection. A scope on the hot path compares the
   * result with DONE and restores at once, so that it makes its restore closure only when it has to wait
   * (thenRestore).
   */
  protected tryNextScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    try {
      return this.nextScope(target, baseRequest, request, response);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Handles the request inside every scope. Override and call nextHandle. */
  abstract doHandle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void>;

  /** Passes to the next handler in the handle pass. */
  nextHandle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const next = this._nextScope;
    if (next !== null && next === this.getHandler()) return next.doHandle(target, baseRequest, request, response);
    if (this._handler) return this._handler.handle(target, baseRequest, request, response);
    return RESOLVED;
  }
}

/** `restore` once `inner` settles, whether it failed or not: a scope's `finally` as one promise reaction. */
export function thenRestore(inner: Promise<void>, restore: () => void): Promise<void> {
  return inner.then(restore, (err: unknown) => {
    restore();
    throw err;
  });
}
