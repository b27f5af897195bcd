/**
 * The Server (org.eclipse.jetty.server.Server): the root handler wrapper that owns connectors, beans,
 * the request log and the error handler; starts handlers then connectors, and stops gracefully
 * (stop accepting, let in-flight requests finish within stopTimeout, then stop handlers and beans in
 * reverse order so session stores can persist).
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import { isLifeCycle } from '../util/component/life-cycle';
import { describeErrorChainOneLine } from '../util/errors';
import { Log } from '../util/log';
import { HttpException } from '../servlet-api/errors';
import type { Connector } from './connector';
import { EofException } from './errors';
import { ErrorHandler } from './handler/error-handler';
import { HandlerWrapper } from './handler/handler-wrapper';
import { QueuedThreadPool } from './placeholders/queued-thread-pool';
import { BAD_MESSAGE_CONTENT_TYPE, badMessageAnswer } from './bad-message';
import { serverContentLimits } from './content-limits';
import type { Handler } from './handler';
import { DONE } from './done';
import type { Request } from './request';
import { publishRequestEnd, publishRequestStart, requestEndChannel, requestStartChannel } from './request-events';
import type { RequestLog } from './request-log';
import type { Response } from './response';
import { ServerConnector } from './server-connector';

const LOG = Log.getLogger('org.eclipse.jetty.server.Server');
/** Failures of one exchange, logged where Jetty's HttpChannel logs them. */
const CHANNEL_LOG = Log.getLogger('org.eclipse.jetty.server.HttpChannel');

/** The version Pier reports for the Jetty API it follows. */
export const PIER_VERSION = '0.1.0';

/**
 * Jetty's Server. Created by etc/jetty.xml as `<Configure id="Server" class="org.eclipse.jetty.server.Server">`
 * with `<Arg name="threadpool">`. Settings: `handler`, `connectors` / `addConnector`, `RequestLog`,
 * `errorHandler`, `stopTimeout` (ms, 5000 as in jetty.xml), `stopAtShutdown` (true), `dumpAfterStart`,
 * `dumpBeforeStop`, `sessionIdManager`, attributes.
 */
@JettyClass('org.eclipse.jetty.server.Server', {
  implements: ['org.eclipse.jetty.util.Attributes'],
  ctors: [[], [{ name: 'port', type: 'int' }], [{ name: 'threadpool', type: 'org.eclipse.jetty.util.thread.ThreadPool' }]],
})
export class Server extends HandlerWrapper {
  private readonly _threadPool: unknown;
  private _connectors: Connector[] = [];
  private _requestLog: RequestLog | null = null;
  private _errorHandler: ErrorHandler | null = null;
  private _sessionIdManager: unknown = null;
  private _stopTimeout = 5000;
  private _stopAtShutdown = false;
  private _dumpAfterStart = false;
  private _dumpBeforeStop = false;
  private readonly _attributes = new Map<string, unknown>();
  private _joiners: (() => void)[] = [];
  private _started = false;
  /** No context below this server: it reads urlencoded forms itself, with its own limits (contexts read their own). */
  private _readsForms = true;

  constructor(arg?: number | unknown) {
    super();
    if (typeof arg === 'number') {
      this._threadPool = new QueuedThreadPool();
      const c = new ServerConnector(this);
      c.setPort(arg);
      this.setConnectors([c]);
    } else {
      this._threadPool = arg ?? new QueuedThreadPool();
    }
    this.addBean(this._threadPool);
    this.setServer(this);
  }

  /** The Pier version (Jetty's static Server.getVersion()). */
  @Expose() getVersion(): string {
    return PIER_VERSION;
  }

  @Expose() getThreadPool(): unknown {
    return this._threadPool;
  }

  // ---- connectors ------------------------------------------------------------------------------

  @Expose('org.eclipse.jetty.server.Connector')
  addConnector(connector: Connector): void {
    if (connector.getServer() !== this) {
      throw new Error(`Cannot add connector '${String(connector)}': it belongs to another Server`);
    }
    this._connectors.push(connector);
    this.addBean(connector, false);
  }
  @Expose('org.eclipse.jetty.server.Connector')
  removeConnector(connector: Connector): void {
    this._connectors = this._connectors.filter((c) => c !== connector);
    this.removeBean(connector);
  }
  @Expose('org.eclipse.jetty.server.Connector[]')
  setConnectors(connectors: Connector[] | null): void {
    for (const c of this._connectors) this.removeBean(c);
    this._connectors = [];
    for (const c of connectors ?? []) this.addConnector(c);
  }
  @Expose() getConnectors(): Connector[] {
    return [...this._connectors];
  }
  /** Adds a bean to every connector (etc/jetty-stats.xml adds ConnectionStatistics this way). */
  @Expose('Object')
  addBeanToAllConnectors(bean: unknown): void {
    for (const c of this._connectors) (c as unknown as { addBean?: (b: unknown) => void }).addBean?.(bean);
  }

  // ---- settings --------------------------------------------------------------------------------

  @Expose('org.eclipse.jetty.server.RequestLog')
  setRequestLog(log: RequestLog | null): void {
    this.updateBean(this._requestLog, log, true);
    this._requestLog = log;
  }
  @Expose() getRequestLog(): RequestLog | null {
    return this._requestLog;
  }

  @Expose('org.eclipse.jetty.server.handler.ErrorHandler')
  setErrorHandler(handler: ErrorHandler | null): void {
    if (handler) handler.setServer(this);
    this.updateBean(this._errorHandler, handler, true);
    this._errorHandler = handler;
  }
  @Expose() getErrorHandler(): ErrorHandler | null {
    return this._errorHandler;
  }

  @Expose('org.eclipse.jetty.server.SessionIdManager')
  setSessionIdManager(manager: unknown): void {
    this.updateBean(this._sessionIdManager, manager, true);
    this._sessionIdManager = manager;
  }
  @Expose() getSessionIdManager(): unknown {
    return this._sessionIdManager;
  }

  @Expose('long') setStopTimeout(ms: number): void {
    this._stopTimeout = ms;
  }
  @Expose() getStopTimeout(): number {
    return this._stopTimeout;
  }
  /** Whether the launcher should stop this server on SIGTERM/SIGINT (see installShutdownHook). */
  @Expose('boolean') setStopAtShutdown(stop: boolean): void {
    this._stopAtShutdown = stop;
  }
  @Expose() getStopAtShutdown(): boolean {
    return this._stopAtShutdown;
  }
  @Expose('boolean') setDumpAfterStart(dump: boolean): void {
    this._dumpAfterStart = dump;
  }
  @Expose() isDumpAfterStart(): boolean {
    return this._dumpAfterStart;
  }
  @Expose('boolean') setDumpBeforeStop(dump: boolean): void {
    this._dumpBeforeStop = dump;
  }
  @Expose() isDumpBeforeStop(): boolean {
    return this._dumpBeforeStop;
  }

  @Expose('String', 'Object')
  setAttribute(name: string, value: unknown): void {
    if (value === null || value === undefined) {
      this.removeAttribute(name);
      return;
    }
    const old = this._attributes.get(name);
    if (old !== undefined && old !== value) this.removeBean(old);
    this._attributes.set(name, value);
    this.addBean(value, false);
  }
  @Expose('String') getAttribute(name: string): unknown {
    return this._attributes.get(name) ?? null;
  }
  @Expose('String') removeAttribute(name: string): void {
    const old = this._attributes.get(name);
    if (old !== undefined) this.removeBean(old);
    this._attributes.delete(name);
  }
  @Expose() getAttributeNames(): string[] {
    return [...this._attributes.keys()];
  }
  @Expose() clearAttributes(): void {
    for (const n of [...this._attributes.keys()]) this.removeAttribute(n);
  }

  /** The URI of the first connector, e.g. `http://127.0.0.1:8080/` (null when there is none or it is not started). */
  @Expose()
  getURI(): URL | null {
    const c = this._connectors.find((x): x is ServerConnector => x instanceof ServerConnector);
    if (!c) return null;
    const port = c.getLocalPort() > 0 ? c.getLocalPort() : c.getPort();
    const host = c.getHost() ?? '127.0.0.1';
    return new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
  }

  // ---- life cycle ------------------------------------------------------------------------------

  protected override async doStart(): Promise<void> {
    if (!this._errorHandler) this.setErrorHandler(new ErrorHandler());
    this.linkHandlerServers();
    this._readsForms = !containsContexts(this.getHandler());
    await super.doStart();
    const started: Connector[] = [];
    try {
      for (const c of this._connectors) {
        await c.start();
        started.push(c);
      }
    } catch (err) {
      for (const c of started.reverse()) {
        try {
          await c.stop();
        } catch {
          /* already failing */
        }
      }
      try {
        await super.doStop();
      } catch {
        /* already failing */
      }
      throw err;
    }
    this._started = true;
    // Jetty's line: the milliseconds since the process started (each connector logged its own address)
    LOG.info(`Started @${Math.round(process.uptime() * 1000)}ms`);
    if (this._dumpAfterStart) process.stdout.write(`${this.dump()}\n`);
  }

  private linkHandlerServers(): void {
    const h = this.getHandler();
    if (h && h.getServer() !== this) h.setServer(this);
  }

  protected override async doStop(): Promise<void> {
    if (this._dumpBeforeStop) process.stdout.write(`${this.dump()}\n`);
    const errors: unknown[] = [];
    // 1. graceful: stop accepting, let in-flight requests finish within stopTimeout
    const left = await Promise.all(
      this._connectors.map((c) =>
        c.shutdown(this._stopTimeout).catch((err) => {
          errors.push(err);
          return 0;
        }),
      ),
    );
    const abandoned = left.reduce((a, b) => a + b, 0);
    if (abandoned > 0) LOG.warn(`Stopped ${abandoned} request(s) still running after stopTimeout ${this._stopTimeout}ms`);
    // 2. connectors
    for (const c of [...this._connectors].reverse()) {
      try {
        await c.stop();
      } catch (err) {
        errors.push(err);
      }
    }
    // 3. handlers and beans, in reverse order
    try {
      await super.doStop();
    } catch (err) {
      errors.push(err);
    }
    this._started = false;
    LOG.info(`Stopped ${this.dumpSelf()}`);
    const joiners = this._joiners;
    this._joiners = [];
    for (const j of joiners) j();
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `Cannot stop Server cleanly: ${errors.length} components failed`);
  }

  /** Resolves when the server has stopped (at once when it is not running). */
  @Expose()
  join(): Promise<void> {
    if (!this.isRunning() && !this._started) return Promise.resolve();
    return new Promise((resolve) => this._joiners.push(resolve));
  }

  // ---- request handling ------------------------------------------------------------------------

  /**
   * Handles one exchange from a connector: reads a form body if any, runs the handler chain, answers
   * 404 when no handler took the request, turns a thrown error into 500 (or the HttpException status)
   * through the ErrorHandler, completes the response, then writes the request log line. Settles once
   * all of that is done; it never rejects.
   */
  handleExchange(request: Request, response: Response): Promise<void> {
    return new Promise((resolve) => this.runExchange(request, response, () => resolve()));
  }

  /**
   * handleExchange with a callback, as the connector runs it: each step continues from the previous
   * one's promise and `done` comes last, so an exchange costs no async frame and no promise of its own.
   * Every failure becomes an error response, a closed connection or a log line; `done` always runs,
   * once, with the request (also when the connection closed under the exchange: its completion then
   * settles at once). Hot path: the request events cost two `hasSubscribers` reads when nobody subscribes.
   */
  runExchange(request: Request, response: Response, done: (request: Request) => void): void {
    // diagnostics_channel events: two property reads when nobody subscribes, no message built
    if (requestStartChannel.hasSubscribers || requestEndChannel.hasSubscribers) publishRequestStart(request, response);
    let handling: Promise<void> | undefined;
    try {
      handling = this.dispatch(request, response);
    } catch (err) {
      this.failThenComplete(request, response, err, done);
      return;
    }
    if (handling === undefined) {
      this.completeExchange(request, response, done);
      return;
    }
    // the chain finished at once (DONE): the exchange goes on now, without a reaction
    if (handling === DONE) {
      this.afterHandle(request, response, done);
      return;
    }
    handling.then(
      () => this.afterHandle(request, response, done),
      (err: unknown) => this.failThenComplete(request, response, err, done),
    );
  }

  /** Starts the handler chain; undefined when the server answered by itself (OPTIONS *, a bad path). */
  private dispatch(request: Request, response: Response): Promise<void> | undefined {
    const target = request.getPathInContextRoot();
    if (target === '*' && request.getMethod() === 'OPTIONS') {
      // OPTIONS * asks about the server itself (Jetty's Server.handleOptions)
      request.setHandled(true);
      response.setHeader('Allow', 'GET, POST, HEAD, OPTIONS');
      response.setContentLength(0);
      return undefined;
    }
    if (target === null || target === '*') {
      request.setHandled(true);
      // `*` is a target only OPTIONS may have: Jetty's plain 400
      if (target === '*') response.sendError(400);
      else answerBadPath(request, response);
      return undefined;
    }
    if (this._readsForms && request.isFormRequest()) {
      return request.prepareForm(serverContentLimits(this)).then(() => this.handle(target, request, request, response));
    }
    return this.handle(target, request, request, response);
  }

  /**
   * After the handler chain: its completion listeners (the session release, whose write a failure of
   * turns the answer into an error), then 404 when no handler took the request, then completion. A
   * listener that finished at once (DONE) adds no promise.
   */
  private afterHandle(request: Request, response: Response, done: (request: Request) => void): void {
    let completing: Promise<void>;
    try {
      completing = request.runCompletionListeners();
    } catch (err) {
      completing = Promise.reject(err);
    }
    if (completing === DONE) {
      this.answerUnhandled(request, response, done);
      return;
    }
    completing.then(
      () => this.answerUnhandled(request, response, done),
      (err: unknown) => this.failThenComplete(request, response, err, done),
    );
  }

  /** 404 when no handler took the request, then completion. */
  private answerUnhandled(request: Request, response: Response, done: (request: Request) => void): void {
    try {
      if (!request.isHandled() && !response.isCommitted() && !response.isClosed()) response.sendError(404);
    } catch (err) {
      this.failThenComplete(request, response, err, done);
      return;
    }
    this.completeExchange(request, response, done);
  }

  /**
   * The error response for a failure (a failure of that too closes the connection), then completion. The
   * completion listeners run first (the sessions are released before the error page, as when the chain
   * succeeds); a listener's own failure is logged, the answer is the first failure's.
   */
  private failThenComplete(request: Request, response: Response, err: unknown, done: (request: Request) => void): void {
    let completing: Promise<void>;
    try {
      completing = request.runCompletionListeners();
    } catch (inner) {
      completing = Promise.reject(inner);
    }
    if (completing === DONE) {
      this.answerFailure(request, response, err, done);
      return;
    }
    completing.then(
      () => this.answerFailure(request, response, err, done),
      (inner: unknown) => {
        CHANNEL_LOG.warn(`Cannot complete ${request.getMethod()} ${request.getRequestURI()} after its failure: ${describe(inner)}`, inner);
        this.answerFailure(request, response, err, done);
      },
    );
  }

  private answerFailure(request: Request, response: Response, err: unknown, done: (request: Request) => void): void {
    try {
      this.handleFailure(request, response, err);
    } catch (inner) {
      CHANNEL_LOG.warn(`Cannot answer the failure of ${request.getMethod()} ${request.getRequestURI()}: ${describe(inner)}`, inner);
      response.getRawResponse().destroy();
    }
    this.completeExchange(request, response, done);
  }

  /** Completes the response (a failure destroys the connection), then writes the request logs and calls `done`. */
  private completeExchange(request: Request, response: Response, done: (request: Request) => void): void {
    // a callback, not a promise: the response ends without one when nothing is to be awaited (the hot path)
    let settled = false;
    const completed = (err: unknown): void => {
      if (settled) return;
      settled = true;
      if (err === null) {
        this.logExchange(request, response, done);
        return;
      }
      try {
        CHANNEL_LOG.warn(`Cannot complete response for ${request.getMethod()} ${request.getRequestURI()}: ${describe(err)}`, err);
        response.getRawResponse().destroy();
      } finally {
        this.logExchange(request, response, done);
      }
    };
    try {
      response.completeThen(completed);
    } catch (err) {
      if (settled) throw err;
      completed(err);
    }
  }

  private logExchange(request: Request, response: Response, done: (request: Request) => void): void {
    try {
      const own = this._requestLog;
      if (own !== null) this.log(own, request, response);
      const logs = request.getRequestLogs();
      for (let i = 0; i < logs.length; i++) this.log(logs[i], request, response);
    } finally {
      done(request);
      if (requestEndChannel.hasSubscribers) publishRequestEnd(request, response);
    }
  }

  private log(log: RequestLog, request: Request, response: Response): void {
    try {
      log.log(request, response);
    } catch (err) {
      CHANNEL_LOG.warn(`Cannot write request log: ${describe(err)}`, err);
    }
  }

  private handleFailure(request: Request, response: Response, err: unknown): void {
    const status = err instanceof HttpException ? err.status : 500;
    // a client that left (EofException) is not a failure of the server: Jetty does not log it either
    if (status >= 500 && !(err instanceof EofException)) {
      // One line with the cause chain; the stack follows when the logger prints stacks (bin/start --debug).
      CHANNEL_LOG.warn(`${request.getMethod()} ${request.getRequestURI()} failed: ${describeErrorChainOneLine(err)}`, err);
    }
    if (response.isCommitted()) {
      response.getRawResponse().destroy();
      return;
    }
    try {
      // as Jetty, the connection ends after the answer to an exception
      request.closeConnectionAfterResponse();
      response.reset();
      request.setAttribute('javax.servlet.error.exception', err);
      request.setAttribute('javax.servlet.error.status_code', status);
      response.sendError(status, err instanceof HttpException ? err.message : undefined);
    } catch (inner) {
      CHANNEL_LOG.warn(`Cannot send error page: ${describe(inner)}`, inner);
    }
  }

  // ---- dump ------------------------------------------------------------------------------------

  /** `Server@<id>{STATE}[version]`, as Jetty names it; the connectors say where it listens. */
  override dumpSelf(): string {
    return `Server@${process.pid.toString(16)}{${this.getState()}}[${PIER_VERSION}]`;
  }

  override dump(indent = ''): string {
    const lines = [super.dump(indent)];
    const keys = [...this._attributes.keys()];
    if (keys.length > 0) {
      lines.push(`${indent}+> attributes size=${keys.length}`);
      for (const k of keys) lines.push(`${indent}   +> ${k}: ${String(this._attributes.get(k))}`);
    }
    lines.push(`${indent}key: +- bean, += managed, +~ unmanaged, +? auto, +: iterable, +] array, +@ map, +> undefined`);
    return lines.join('\n');
  }
}

/** True when `handler` is or holds a context (one with content limits) or a context collection (which may get some). */
function containsContexts(handler: Handler | null): boolean {
  if (handler === null) return false;
  const h = handler as unknown as { getContentLimits?: unknown; mapContexts?: unknown; getChildHandlers?: () => Handler[] };
  if (typeof h.getContentLimits === 'function' || typeof h.mapContexts === 'function') return true;
  return typeof h.getChildHandlers === 'function' && h.getChildHandlers().some(containsContexts);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** True when `o` looks like a LifeCycle (re-exported for the launcher). */
export { isLifeCycle };

/**
 * A path the canonical path refuses is a bad message, as Jetty's URI parser treats it: 400 with the
 * refusal's reason phrase, Jetty's bad-message page, and the connection closed afterwards.
 */
function answerBadPath(request: Request, response: Response): void {
  const message = { status: 400, reason: request.getBadPathStatusReason() ?? 'Bad Request' };
  // the Server and Date headers come from the response's own settings
  const { body } = badMessageAnswer(message, { server: null, sendDateHeader: false });
  request.closeConnectionAfterResponse();
  response.setStatusWithReason(message.status, message.reason);
  response.setContentType(BAD_MESSAGE_CONTENT_TYPE);
  response.write(Buffer.from(body, 'latin1'));
}
