/**
 * A handler that passes every request to all its handlers in order, handled or not
 * (org.eclipse.jetty.server.handler.HandlerCollection).
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Handler, HandlerContainer } from '../handler';
import type { Request } from '../request';
import type { Server } from '../server';
import { AbstractHandler } from './abstract-handler';
import { DONE as RESOLVED } from '../done';

/**
 * Jetty's HandlerCollection. XML: `<New class="org.eclipse.jetty.server.handler.HandlerCollection">` with
 * `<Set name="handlers"><Array type="org.eclipse.jetty.server.Handler">...`.
 */
@JettyClass('org.eclipse.jetty.server.handler.HandlerCollection', {
  implements: ['org.eclipse.jetty.server.HandlerContainer'],
  ctors: [
    [],
    [{ name: 'mutableWhenRunning', type: 'boolean' }],
    [{ name: 'handlers', type: 'org.eclipse.jetty.server.Handler[]' }],
    [
      { name: 'mutableWhenRunning', type: 'boolean' },
      { name: 'handlers', type: 'org.eclipse.jetty.server.Handler[]' },
    ],
  ],
})
export class HandlerCollection extends AbstractHandler implements HandlerContainer {
  protected _handlers: Handler[] = [];
  private readonly _mutableWhenRunning: boolean;

  constructor(...args: unknown[]) {
    super();
    const mutable = typeof args[0] === 'boolean' ? (args.shift() as boolean) : false;
    this._mutableWhenRunning = mutable;
    const rest = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Handler[]) : (args as Handler[]);
    if (rest.length > 0) this.setHandlers(rest);
  }

  @Expose()
  getHandlers(): Handler[] {
    return [...this._handlers];
  }

  @Expose('org.eclipse.jetty.server.Handler[]')
  setHandlers(handlers: Handler[] | null): void {
    if (!this._mutableWhenRunning && this.isStarted()) {
      throw new Error(`Cannot set handlers of ${this.constructor.name}: it is started and not mutableWhenRunning`);
    }
    const next = handlers ? handlers.filter((h) => h !== null && h !== undefined) : [];
    for (const h of next) if (h.getServer() !== this.getServer()) h.setServer(this.getServer());
    for (const old of this._handlers) if (!next.includes(old)) this.removeBean(old);
    for (const h of next) this.addBean(h, true);
    this._handlers = next;
    this.handlersChanged();
  }

  /** Adds a handler at the end. */
  @Expose('org.eclipse.jetty.server.Handler')
  addHandler(handler: Handler): void {
    this.setHandlers([...this._handlers.filter((h) => h !== handler), handler]);
  }

  /** Adds a handler at the front. */
  @Expose('org.eclipse.jetty.server.Handler')
  prependHandler(handler: Handler): void {
    this.setHandlers([handler, ...this._handlers.filter((h) => h !== handler)]);
  }

  @Expose('org.eclipse.jetty.server.Handler')
  removeHandler(handler: Handler): void {
    this.setHandlers(this._handlers.filter((h) => h !== handler));
  }

  getChildHandlers(): Handler[] {
    return this.getHandlers();
  }

  /** Hook for subclasses that precompute routing. */
  protected handlersChanged(): void {
    /* nothing by default */
  }

  override setServer(server: Server | null): void {
    super.setServer(server);
    for (const h of this._handlers) h.setServer(server);
  }

  /**
   * Calls every handler in turn, each after the previous one settled (Jetty's HandlerCollection calls them all,
   * handled or not). No async frame: each handler's promise is continued, and the last one's is passed on.
   */
  handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (!this.isStarted()) return RESOLVED;
    return this.handleEach(this._handlers, 0, target, baseRequest, request, response);
  }

  /** Whether the handlers after the one that just ran are skipped: never here (HandlerList stops once handled). */
  protected stopsAt(_baseRequest: Request): boolean {
    return false;
  }

  private handleEach(
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
    // the handler finished at once (DONE): the next one runs now, without a reaction
    if (running === RESOLVED) return this.stopsAt(baseRequest) ? RESOLVED : this.handleEach(handlers, i + 1, target, baseRequest, request, response);
    return running.then(() => {
      if (this.stopsAt(baseRequest)) return undefined;
      const next = this.handleEach(handlers, i + 1, target, baseRequest, request, response);
      // a reaction that returns a promise costs another one to adopt it: the settled DONE is left out
      return next === RESOLVED ? undefined : next;
    });
  }

  override dumpSelf(): string {
    return `${this.constructor.name}@${this.getState()}[${this._handlers.length} handlers]`;
  }
}
