/**
 * A context for servlets (org.eclipse.jetty.servlet.ServletContextHandler): ContextHandler scope →
 * SessionHandler (with the SESSIONS option) → ServletHandler; servlets, filters and listeners are added
 * programmatically or by the web app configuration.
 * @module
 */
import { Expose, ExposeField, JettyClass } from '../ioc/metadata';
import { ContextHandler } from '../server/handler/context-handler';
import { HandlerWrapper } from '../server/handler/handler-wrapper';
import type { Handler } from '../server/handler';
import { ConstraintSecurityHandler } from '../security/constraint-security-handler';
import type { SecurityHandler } from '../security/security-handler';
import { GzipHandler } from '../server/handler/gzip/gzip-handler';
import { SessionHandler } from '../session/session-handler';
import type { DispatcherType } from '../servlet-api/dispatcher-type';
import { FilterHolder } from './filter-holder';
import type { ClassLoaderHook } from './holder';
import { ServletHandler } from './servlet-handler';
import { ServletHolder } from './servlet-holder';
import { Dispatcher } from './request-dispatcher';
import { decodeCanonicalPath } from '../server/uri-path';

const PARENT = { name: 'parent', type: 'org.eclipse.jetty.server.HandlerContainer' } as const;
const CONTEXT_PATH = { name: 'contextPath', type: 'String' } as const;

/** Makes the default SessionHandler of a context with the SESSIONS option. */
export type SessionHandlerFactory = () => SessionHandler;

let sessionHandlerFactory: SessionHandlerFactory = () => new SessionHandler();

/** Replaces how contexts create their default SessionHandler (returns the previous factory). */
export function setSessionHandlerFactory(factory: SessionHandlerFactory): SessionHandlerFactory {
  const prev = sessionHandlerFactory;
  sessionHandlerFactory = factory;
  return prev;
}

/**
 * Jetty's ServletContextHandler. XML: `<New class="org.eclipse.jetty.servlet.ServletContextHandler">`
 * (options `NO_SESSIONS`=0, `SESSIONS`=1, `SECURITY`=2, `GZIP`=4), plus everything
 * ContextHandler takes; `<Get name="sessionHandler">` / `<Get name="servletHandler">` reach the nested
 * handlers; `addServlet`, `addFilter`, `addEventListener`.
 */
@JettyClass('org.eclipse.jetty.servlet.ServletContextHandler', {
  ctors: [
    [],
    [{ name: 'options', type: 'int' }],
    [PARENT, CONTEXT_PATH],
    [PARENT, CONTEXT_PATH, { name: 'options', type: 'int' }],
    [PARENT, CONTEXT_PATH, { name: 'sessions', type: 'boolean' }, { name: 'security', type: 'boolean' }],
  ],
})
export class ServletContextHandler extends ContextHandler {
  @ExposeField('int') static readonly NO_SESSIONS = 0;
  @ExposeField('int') static readonly SESSIONS = 1;
  @ExposeField('int') static readonly SECURITY = 2;
  @ExposeField('int') static readonly GZIP = 4;
  @ExposeField('int') static readonly NO_SECURITY = 0;

  private _options = 0;
  private _sessionHandler: SessionHandler | null = null;
  private _servletHandler: ServletHandler | null = null;
  private _gzipHandler: GzipHandler | null = null;
  private _securityHandler: SecurityHandler | null = null;
  private _classLoaderHook: ClassLoaderHook | null = null;

  constructor(...args: unknown[]) {
    super();
    let options = 0;
    if (args.length === 1 && typeof args[0] === 'number') options = args[0];
    if (args.length >= 2) {
      const parent = args[0] as { addHandler?: (h: unknown) => void; setHandler?: (h: unknown) => void } | null;
      if (parent?.addHandler) parent.addHandler(this);
      else parent?.setHandler?.(this);
      if (args[1] !== null && args[1] !== undefined) this.setContextPath(String(args[1]));
      if (typeof args[2] === 'number') options = args[2];
      if (typeof args[2] === 'boolean') options = (args[2] ? 1 : 0) | (args[3] ? 2 : 0);
    }
    this._options = options;
    // as Jetty's relinkHandlers() in the constructor: the nested handlers exist from the start
    this.getSessionHandler();
    this.getSecurityHandler();
    this.getGzipHandler();
    this.getServletHandler();
  }

  /** The options bit set given to the constructor. */
  getOptions(): number {
    return this._options;
  }

  /** The SessionHandler; created on first use when the SESSIONS option is set, else null. */
  @Expose()
  getSessionHandler(): SessionHandler | null {
    if (!this._sessionHandler && this._options & ServletContextHandler.SESSIONS && !this.isStarted()) {
      this.setSessionHandler(sessionHandlerFactory());
    }
    return this._sessionHandler;
  }
  @Expose('org.eclipse.jetty.server.session.SessionHandler')
  setSessionHandler(handler: SessionHandler | null): void {
    if (this.isStarted()) throw new Error(`Cannot set the session handler of '${this.getContextPath()}': the context is started`);
    this._sessionHandler = handler;
    if (handler) this._options |= ServletContextHandler.SESSIONS;
    this.relink();
  }

  /**
   * The security handler between the session and servlet handlers; created on first use (a
   * ConstraintSecurityHandler) with the SECURITY option, which WebAppContext always has; else null.
   */
  @Expose()
  getSecurityHandler(): SecurityHandler | null {
    if (!this._securityHandler && this._options & ServletContextHandler.SECURITY && !this.isStarted()) {
      this.setSecurityHandler(new ConstraintSecurityHandler());
    }
    return this._securityHandler;
  }
  @Expose('org.eclipse.jetty.security.SecurityHandler')
  setSecurityHandler(handler: SecurityHandler | null): void {
    if (this.isStarted()) throw new Error(`Cannot set the security handler of '${this.getContextPath()}': the context is started`);
    this._securityHandler = handler;
    if (handler) this._options |= ServletContextHandler.SECURITY;
    this.relink();
  }

  /** The GzipHandler between the session and servlet handlers; created on first use with the GZIP option. */
  @Expose()
  getGzipHandler(): GzipHandler | null {
    if (!this._gzipHandler && this._options & ServletContextHandler.GZIP && !this.isStarted()) this.setGzipHandler(new GzipHandler());
    return this._gzipHandler;
  }
  @Expose('org.eclipse.jetty.server.handler.gzip.GzipHandler')
  setGzipHandler(handler: GzipHandler | null): void {
    if (this.isStarted()) throw new Error(`Cannot set the gzip handler of '${this.getContextPath()}': the context is started`);
    this._gzipHandler = handler;
    if (handler) this._options |= ServletContextHandler.GZIP;
    this.relink();
  }

  /** The ServletHandler, created on first use. */
  @Expose()
  getServletHandler(): ServletHandler {
    if (!this._servletHandler) this.setServletHandler(new ServletHandler());
    return this._servletHandler as ServletHandler;
  }
  @Expose('org.eclipse.jetty.servlet.ServletHandler')
  setServletHandler(handler: ServletHandler): void {
    if (this.isStarted()) throw new Error(`Cannot set the servlet handler of '${this.getContextPath()}': the context is started`);
    this._servletHandler = handler;
    handler.setServletContext(this.getServletContext());
    handler.setInitializeAtStart(false);
    if (this._classLoaderHook) handler.setClassLoader(this._classLoaderHook);
    this.relink();
  }

  /** Rebuilds the chain: SessionHandler → SecurityHandler → GzipHandler → ServletHandler (Jetty's relinkHandlers). */
  protected relink(): void {
    const chain: Handler[] = [];
    if (this._sessionHandler) chain.push(this._sessionHandler);
    if (this._securityHandler) chain.push(this._securityHandler);
    if (this._gzipHandler) chain.push(this._gzipHandler);
    if (this._servletHandler) chain.push(this._servletHandler);
    if (chain.length === 0) return;
    for (let i = 0; i + 1 < chain.length; i++) {
      const w = chain[i] as HandlerWrapper;
      if (w.getHandler() !== chain[i + 1]) w.setHandler(chain[i + 1]);
    }
    if (this.getHandler() !== chain[0]) this.setHandler(chain[0]);
    this._sessionHandler?.setContextHandler(this);
  }

  /**
   * Sets how servlet/filter class names are resolved: a function or an object with `loadClass(name)`
   * (the web app's class loader). A Java ClassLoader from XML is accepted and ignored.
   */
  override setClassLoader(loader: unknown): void {
    if (typeof loader === 'function') this._classLoaderHook = loader as ClassLoaderHook;
    else if (loader && typeof (loader as { loadClass?: unknown }).loadClass === 'function') {
      const l = loader as { loadClass(name: string): Promise<Function> };
      this._classLoaderHook = (name) => l.loadClass(name);
    } else {
      super.setClassLoader(loader);
      return;
    }
    this._servletHandler?.setClassLoader(this._classLoaderHook);
  }

  /** Adds a servlet (holder, constructor, instance or class name) at `pathSpec`; returns its holder. */
  @Expose('String', 'String')
  @Expose('java.lang.Class', 'String')
  @Expose('org.eclipse.jetty.servlet.ServletHolder', 'String')
  addServlet(servlet: ServletHolder | Function | object | string, pathSpec: string): ServletHolder {
    return this.getServletHandler().addServletWithMapping(servlet, pathSpec);
  }

  /** Adds a filter at `pathSpec` for the dispatcher types (REQUEST by default); returns its holder. */
  @Expose('String', 'String', 'java.util.EnumSet')
  @Expose('java.lang.Class', 'String', 'java.util.EnumSet')
  @Expose('org.eclipse.jetty.servlet.FilterHolder', 'String', 'java.util.EnumSet')
  addFilter(
    filter: FilterHolder | Function | object | string,
    pathSpec: string,
    dispatches?: Iterable<DispatcherType | string> | number | null,
  ): FilterHolder {
    return this.getServletHandler().addFilterWithMapping(filter, pathSpec, dispatches);
  }

  /** A dispatcher for `path` in this context (`/a/b?x=1`, percent-encoded), or null when it leaves the context. */
  getRequestDispatcher(path: string): Dispatcher | null {
    if (typeof path !== 'string' || !path.startsWith('/')) return null;
    const q = path.indexOf('?');
    const canon = decodeCanonicalPath(q >= 0 ? path.slice(0, q) : path);
    if (typeof canon !== 'string') return null;
    const cp = this.getContextPath() === '/' ? '' : this.getContextPath();
    return new Dispatcher(this.getServletHandler(), cp, canon, q >= 0 ? path.slice(q + 1) : null);
  }

  /** A dispatcher for the servlet named `name`, or null. */
  getNamedDispatcher(name: string): Dispatcher | null {
    if (!this.getServletHandler().getServlet(name)) return null;
    const cp = this.getContextPath() === '/' ? '' : this.getContextPath();
    return new Dispatcher(this.getServletHandler(), cp, null, null, name);
  }

  /** Adds a listener to the context, and to the SessionHandler when it is a session listener. */
  override addEventListener(listener: unknown): void {
    super.addEventListener(listener);
    const l = listener as Record<string, unknown> | null;
    if (
      l &&
      (typeof l.sessionCreated === 'function' ||
        typeof l.sessionDestroyed === 'function' ||
        typeof l.sessionIdChanged === 'function' ||
        isSessionAttributeListener(l))
    ) {
      this.getSessionHandler()?.addEventListener(listener);
    }
  }

  protected override async startContext(): Promise<void> {
    this.getSessionHandler();
    this.getSecurityHandler();
    this.getServletHandler();
    this.relink();
    await super.startContext();
    // servlets and filters start after the ServletContextListeners ran (servlet spec order)
    await this._servletHandler?.initialize();
  }
}

/**
 * A session attribute listener is told apart from a context attribute listener by a marker, since both
 * have attributeAdded/Removed/Replaced: `sessionAttributeListener = true`, or the class name ends in
 * "SessionAttributeListener" or implements both by also having sessionCreated.
 */
function isSessionAttributeListener(l: Record<string, unknown>): boolean {
  if (typeof l.attributeAdded !== 'function' && typeof l.attributeRemoved !== 'function' && typeof l.attributeReplaced !== 'function') return false;
  return l.sessionAttributeListener === true || /SessionAttributeListener$/.test(l.constructor?.name ?? '');
}
