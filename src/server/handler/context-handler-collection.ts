/**
 * Routes each request to the context with the longest matching context path, preferring contexts whose
 * virtual hosts match (org.eclipse.jetty.server.handler.ContextHandlerCollection).
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Handler } from '../handler';
import type { Request } from '../request';
import { ContextHandler } from './context-handler';
import { HandlerCollection } from './handler-collection';
import { HandlerWrapper } from './handler-wrapper';
import { DONE as RESOLVED } from '../done';

interface Branch {
  readonly handler: Handler;
  readonly contexts: ContextHandler[];
}

/**
 * Jetty's ContextHandlerCollection: `<New id="Contexts" class="org.eclipse.jetty.server.handler.ContextHandlerCollection"/>`
 * in etc/jetty.xml; the deployer adds web apps to it. Mutable while running.
 */
/** One context of a branch (a handler the collection holds), in the order requests try them. */
type Row = { branch: Branch; ctx: ContextHandler | null };

@JettyClass('org.eclipse.jetty.server.handler.ContextHandlerCollection', {
  ctors: [[], [{ name: 'contexts', type: 'org.eclipse.jetty.server.handler.ContextHandler[]' }]],
})
export class ContextHandlerCollection extends HandlerCollection {
  /** Branches sorted by context path length, longest first; branches without a context last. */
  private _branches: Row[] = [];

  constructor(...args: unknown[]) {
    super(true, ...(args.length === 1 && Array.isArray(args[0]) ? (args[0] as Handler[]) : (args as Handler[])));
  }

  /** Recomputes the routing table (Jetty's mapContexts); called whenever handlers change. */
  @Expose()
  mapContexts(): void {
    const rows: Row[] = [];
    for (const h of this._handlers) {
      const contexts = findContexts(h);
      const branch = { handler: h, contexts };
      if (contexts.length === 0) rows.push({ branch, ctx: null });
      for (const c of contexts) rows.push({ branch, ctx: c });
    }
    rows.sort((a, b) => {
      if (!a.ctx || !b.ctx) return (a.ctx ? 0 : 1) - (b.ctx ? 0 : 1);
      const d = b.ctx.getContextPath().length - a.ctx.getContextPath().length;
      if (d !== 0) return d;
      return (b.ctx.getVirtualHosts().length > 0 ? 1 : 0) - (a.ctx.getVirtualHosts().length > 0 ? 1 : 0);
    });
    this._branches = rows;
  }

  protected override handlersChanged(): void {
    this.mapContexts();
  }

  protected override async doStart(): Promise<void> {
    this.mapContexts();
    await super.doStart();
  }

  /**
   * Tries the branches whose context matches the target, longest context path first, until one handles the
   * request. The hot path: no async frame, no per-request set (a branch is remembered only once one did
   * not handle the request), and the Host header is parsed only for a context with virtual hosts.
   */
  override handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (!this.isStarted()) return RESOLVED;
    return this.handleContexts(this._branches, 0, null, target, baseRequest, request, response);
  }

  private handleContexts(
    branches: Row[],
    from: number,
    tried: Set<Handler> | null,
    target: string,
    baseRequest: Request,
    request: HttpServletRequest,
    response: HttpServletResponse,
  ): Promise<void> {
    for (let i = from; i < branches.length; i++) {
      const { branch, ctx } = branches[i];
      if (tried?.has(branch.handler)) continue;
      if (ctx) {
        if (!ctx.matchesPath(target)) continue;
        if (ctx.getVirtualHosts().length > 0 && !ctx.checkVirtualHost(baseRequest.getServerName(), baseRequest.getConnectionInfo().connectorName))
          continue;
      }
      let running: Promise<void>;
      try {
        running = branch.handler.handle(target, baseRequest, request, response);
      } catch (err) {
        return Promise.reject(err);
      }
      if (i + 1 === branches.length) return running;
      // the branch finished at once (DONE): the next one is tried now, without a reaction
      if (running === RESOLVED) {
        if (baseRequest.isHandled()) return RESOLVED;
        tried = (tried ?? new Set<Handler>()).add(branch.handler);
        continue;
      }
      return running.then(() => {
        if (baseRequest.isHandled()) return undefined;
        const next = this.handleContexts(branches, i + 1, (tried ?? new Set<Handler>()).add(branch.handler), target, baseRequest, request, response);
        // a reaction that returns a promise costs another one to adopt it: the settled DONE is left out
        return next === RESOLVED ? undefined : next;
      });
    }
    return RESOLVED;
  }

  /** Adds a context for `contextPath` serving from `resourceBase` (Jetty's addContext). */
  @Expose('String', 'String')
  addContext(contextPath: string, resourceBase: string): ContextHandler {
    const c = new ContextHandler();
    c.setContextPath(contextPath);
    c.setResourceBase(resourceBase);
    this.addHandler(c);
    return c;
  }
}

/** The ContextHandlers a handler is or wraps (through wrappers and collections). */
function findContexts(h: Handler): ContextHandler[] {
  if (h instanceof ContextHandler) return [h];
  if (h instanceof HandlerWrapper) {
    const n = h.getHandler();
    return n ? findContexts(n) : [];
  }
  if (h instanceof HandlerCollection) return h.getHandlers().flatMap(findContexts);
  return [];
}
