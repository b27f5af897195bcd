/**
 * A handler that scopes requests to a context path, virtual hosts and a ServletContext
 * (org.eclipse.jetty.server.handler.ContextHandler).
 * @module
 */
import * as path from 'node:path';
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import {
  isServletContextAttributeListener,
  isServletContextListener,
  isServletRequestListener,
  type ServletContextAttributeListener,
  type ServletContextListener,
  type ServletRequestListener,
} from '../../servlet-api/listeners';
import type { ServletContext } from '../../servlet-api/servlet-context';
import {
  type ContentLimits,
  DEFAULT_MAX_FORM_CONTENT_SIZE,
  DEFAULT_MAX_FORM_KEYS,
  lookupLimit,
  MAX_FORM_CONTENT_SIZE_KEY,
  MAX_FORM_KEYS_KEY,
  MAX_REQUEST_CONTENT_SIZE_KEY,
  DEFAULT_MAX_REQUEST_CONTENT_SIZE,
} from '../content-limits';
import { reportNotApplicable } from '../not-applicable';
import type { Request, RequestContext } from '../request';
import { DONE as RESOLVED } from '../done';
import { encodePath } from '../uri-path';
import { Resource } from '../resource';
import type { ErrorPageWriter } from '../response';
import { Context } from './context-handler-context';
import { ScopedHandler, thenRestore } from './scoped-handler';

/** Normalises a context path: leading slash, no trailing slash, "/" for the root. */
export function normalizeContextPath(cp: string | null | undefined): string {
  let p = (cp ?? '/').trim();
  if (!p.startsWith('/')) p = `/${p}`;
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  if (p.endsWith('/*')) p = p.slice(0, -2) || '/';
  return p;
}

/**
 * Jetty's ContextHandler. XML: `<New class="org.eclipse.jetty.server.handler.ContextHandler">` with
 * `contextPath`, `resourceBase`/`baseResource`, `virtualHosts`, `displayName`, `allowNullPathInfo`,
 * `maxFormContentSize`, `maxFormKeys`, `maxRequestContentSize` (Pier's), `welcomeFiles`, `errorHandler`,
 * `initParameter`s. A request to `/ctx` is
 * redirected to `/ctx/` unless allowNullPathInfo is set.
 */
@JettyClass('org.eclipse.jetty.server.handler.ContextHandler', {
  ctors: [
    [],
    [{ name: 'contextPath', type: 'String' }],
    [
      { name: 'parent', type: 'org.eclipse.jetty.server.HandlerContainer' },
      { name: 'contextPath', type: 'String' },
    ],
  ],
})
export class ContextHandler extends ScopedHandler {
  private _contextPath = '/';
  private _displayName: string | null = null;
  private _resourceBase: string | null = null;
  private _virtualHosts: string[] = [];
  private _allowNullPathInfo = false;
  /** The context's own limits; null = the server's (attribute, system property, default). */
  private _maxFormContentSize: number | null = null;
  private _maxFormKeys: number | null = null;
  private _maxRequestContentSize: number | null = null;
  private _welcomeFiles: string[] = ['index.html', 'index.htm', 'index.jsp'];
  private _errorHandler: (ErrorPageWriter & object) | null = null;
  private _available = true;
  private _compactPath = false;
  private _protectedTargets: string[] = [];
  private readonly _initParams = new Map<string, string>();
  private readonly _mimeTypes = new Map<string, string>();
  private readonly _contextListeners: ServletContextListener[] = [];
  private readonly _requestListeners: ServletRequestListener[] = [];
  private readonly _attributeListeners: ServletContextAttributeListener[] = [];
  private readonly _eventListeners: unknown[] = [];
  private readonly _context: Context;

  constructor(...args: unknown[]) {
    super();
    this._context = new Context(this);
    if (args.length === 1 && typeof args[0] === 'string') this.setContextPath(args[0]);
    if (args.length === 2) {
      const parent = args[0] as { addHandler?: (h: unknown) => void; setHandler?: (h: unknown) => void } | null;
      if (parent?.addHandler) parent.addHandler(this);
      else parent?.setHandler?.(this);
      this.setContextPath(String(args[1]));
    }
  }

  // ---- settings --------------------------------------------------------------------------------

  @Expose('String')
  setContextPath(contextPath: string): void {
    this._contextPath = normalizeContextPath(contextPath);
  }
  @Expose()
  getContextPath(): string {
    return this._contextPath;
  }

  @Expose('String')
  setDisplayName(name: string | null): void {
    this._displayName = name;
  }
  @Expose()
  getDisplayName(): string | null {
    return this._displayName;
  }

  @Expose('String')
  setResourceBase(base: string | null): void {
    this._resourceBase = base === null ? null : Resource.toPath(base);
  }
  @Expose()
  getResourceBase(): string | null {
    return this._resourceBase;
  }
  @Expose('org.eclipse.jetty.util.resource.Resource')
  setBaseResource(resource: Resource | string | null): void {
    this._resourceBase = resource === null ? null : typeof resource === 'string' ? Resource.toPath(resource) : resource.getFile();
  }
  @Expose()
  getBaseResource(): Resource | null {
    return this._resourceBase === null ? null : new Resource(this._resourceBase);
  }
  /** The resource base as an absolute path, or null. */
  getResourceBasePath(): string | null {
    return this._resourceBase === null ? null : path.resolve(this._resourceBase);
  }

  @Expose('String[]')
  setVirtualHosts(hosts: string[] | null): void {
    this._virtualHosts = (hosts ?? [])
      .map((h) => h.trim())
      .filter((h) => h.length > 0)
      .map(normalizeHost);
  }
  @Expose('String[]')
  addVirtualHosts(hosts: string[]): void {
    this.setVirtualHosts([...this._virtualHosts, ...hosts]);
  }
  @Expose()
  getVirtualHosts(): string[] {
    return [...this._virtualHosts];
  }

  @Expose('boolean')
  setAllowNullPathInfo(allow: boolean): void {
    this._allowNullPathInfo = allow;
  }
  @Expose()
  getAllowNullPathInfo(): boolean {
    return this._allowNullPathInfo;
  }

  /** The largest urlencoded form read, in bytes (negative: no limit); unset, the server's limit applies. */
  @Expose('int')
  setMaxFormContentSize(size: number): void {
    this._maxFormContentSize = size;
  }
  @Expose()
  getMaxFormContentSize(): number {
    return this._maxFormContentSize ?? this.getContentLimits().maxFormContentSize;
  }
  /** The most distinct names a form may have (negative: no limit); unset, the server's limit applies. */
  @Expose('int')
  setMaxFormKeys(keys: number): void {
    this._maxFormKeys = keys;
  }
  @Expose()
  getMaxFormKeys(): number {
    return this._maxFormKeys ?? this.getContentLimits().maxFormKeys;
  }
  /** Pier's: the largest body `buffer()`/`text()`/`json()` read, in bytes (negative: no limit). */
  @Expose('int')
  setMaxRequestContentSize(size: number): void {
    this._maxRequestContentSize = size;
  }
  @Expose()
  getMaxRequestContentSize(): number {
    return this._maxRequestContentSize ?? this.getContentLimits().maxRequestContentSize;
  }

  /**
   * The limits requests in this context read bodies with: the context's own settings, else the Server's
   * attributes `org.eclipse.jetty.server.Request.maxFormContentSize` / `maxFormKeys` / `maxRequestContentSize`,
   * else the system properties of the same names, else 200000 / 1000 / 10 MB.
   */
  getContentLimits(): ContentLimits {
    const server = this.getServer();
    return {
      maxFormContentSize: lookupLimit(this._maxFormContentSize, server, MAX_FORM_CONTENT_SIZE_KEY, DEFAULT_MAX_FORM_CONTENT_SIZE),
      maxFormKeys: lookupLimit(this._maxFormKeys, server, MAX_FORM_KEYS_KEY, DEFAULT_MAX_FORM_KEYS),
      maxRequestContentSize: lookupLimit(this._maxRequestContentSize, server, MAX_REQUEST_CONTENT_SIZE_KEY, DEFAULT_MAX_REQUEST_CONTENT_SIZE),
    };
  }

  @Expose('String[]')
  setWelcomeFiles(files: string[]): void {
    this._welcomeFiles = [...files];
  }
  @Expose()
  getWelcomeFiles(): string[] {
    return [...this._welcomeFiles];
  }

  @Expose('org.eclipse.jetty.server.handler.ErrorHandler')
  setErrorHandler(handler: (ErrorPageWriter & object) | null): void {
    this.updateBean(this._errorHandler, handler, true);
    this._errorHandler = handler;
  }
  @Expose()
  getErrorHandler(): ErrorPageWriter | null {
    return this._errorHandler;
  }

  /** Paths in context that no request may reach (WebAppContext protects /WEB-INF and /META-INF). */
  @Expose('String[]')
  setProtectedTargets(targets: string[] | null): void {
    this._protectedTargets = (targets ?? []).map((t) => t.toLowerCase());
  }
  @Expose()
  getProtectedTargets(): string[] {
    return [...this._protectedTargets];
  }
  /**
   * True when `target` (a canonical path in context) is or lies under a protected target, in any
   * letter case (so `/Web-Inf/` is `/WEB-INF/` on a case-insensitive file system too).
   */
  isProtectedTarget(target: string): boolean {
    const targets = this._protectedTargets;
    for (let i = 0; i < targets.length; i++) {
      const p = targets[i];
      if (target.length < p.length) continue;
      // compare only when the next character ends a segment: no string is made for most paths
      if (target.length > p.length) {
        const next = target.charCodeAt(p.length);
        if (next !== 0x2f && next !== 0x3b) continue;
      }
      if (target.slice(0, p.length).toLowerCase() === p) return true;
    }
    return false;
  }

  @Expose('boolean')
  setCompactPath(compact: boolean): void {
    this._compactPath = compact;
  }
  @Expose()
  isCompactPath(): boolean {
    return this._compactPath;
  }

  /** Accepted and ignored: JS has no class loaders (reported once). */
  @Expose('java.lang.ClassLoader')
  setClassLoader(loader: unknown): void {
    reportNotApplicable('ContextHandler', 'classLoader', loader === null ? undefined : 'set');
  }
  @Expose()
  getClassLoader(): null {
    return null;
  }

  @Expose('String', 'String')
  setInitParameter(name: string, value: string): string | null {
    const old = this._initParams.get(name) ?? null;
    this._initParams.set(name, value);
    return old;
  }
  @Expose('String')
  getInitParameter(name: string): string | null {
    return this._initParams.get(name) ?? null;
  }
  @Expose()
  getInitParams(): Map<string, string> {
    return this._initParams;
  }

  @Expose('String', 'Object')
  setAttribute(name: string, value: unknown): void {
    this._context.setAttribute(name, value);
  }
  @Expose('String')
  getAttribute(name: string): unknown {
    return this._context.getAttribute(name);
  }
  @Expose('String')
  removeAttribute(name: string): void {
    this._context.removeAttribute(name);
  }

  /** Extra extension → MIME type mappings for this context (`<mime-mapping>`). */
  addMimeMapping(extension: string, mimeType: string): void {
    this._mimeTypes.set(extension.toLowerCase().replace(/^\./, ''), mimeType);
  }
  getMimeTypes(): Map<string, string> {
    return this._mimeTypes;
  }

  @Expose()
  isAvailable(): boolean {
    return this._available;
  }
  @Expose('boolean')
  setAvailable(available: boolean): void {
    this._available = available;
  }

  /**
   * Adds an event listener: ServletContextListener, ServletContextAttributeListener and
   * ServletRequestListener are used here, a Container.Listener by ContainerLifeCycle; every listener is
   * kept for subclasses (sessions).
   */
  @Expose('java.util.EventListener')
  override addEventListener(listener: unknown): void {
    super.addEventListener(listener);
    this._eventListeners.push(listener);
    if (isServletContextListener(listener)) {
      this._contextListeners.push(listener);
      if (this.isStarted()) void listener.contextInitialized?.(this.contextEvent());
    }
    if (isServletRequestListener(listener)) this._requestListeners.push(listener);
    if (isServletContextAttributeListener(listener)) this._attributeListeners.push(listener);
  }
  /** Removes a listener added with addEventListener (the descriptor processor does, before a redeploy). */
  @Expose('java.util.EventListener')
  override removeEventListener(listener: unknown): void {
    super.removeEventListener(listener);
    for (const list of [this._eventListeners, this._contextListeners, this._requestListeners, this._attributeListeners] as unknown[][]) {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    }
  }
  @Expose()
  getEventListeners(): unknown[] {
    return [...this._eventListeners];
  }
  getContextAttributeListeners(): ServletContextAttributeListener[] {
    return this._attributeListeners;
  }

  /** The javax.servlet.ServletContext of this context. */
  @Expose()
  getServletContext(): ServletContext {
    return this._context;
  }

  // ---- life cycle ------------------------------------------------------------------------------

  private contextEvent(): { getServletContext(): ServletContext } {
    return { getServletContext: () => this._context };
  }

  protected override async doStart(): Promise<void> {
    this.linkScopes();
    await this.startContext();
  }

  /** Starts the nested handlers, then calls contextInitialized on every ServletContextListener in order. */
  protected async startContext(): Promise<void> {
    await super.doStart();
    for (const l of this._contextListeners) await l.contextInitialized?.(this.contextEvent());
  }

  protected override async doStop(): Promise<void> {
    const errors: unknown[] = [];
    try {
      await this.stopContext();
    } catch (err) {
      errors.push(err);
    }
    for (const l of [...this._contextListeners].reverse()) {
      try {
        await l.contextDestroyed?.(this.contextEvent());
      } catch (err) {
        errors.push(err);
      }
    }
    this._context.clearAttributes();
    if (errors.length > 0) throw errors[0];
  }

  /** Stops the nested handlers. */
  protected async stopContext(): Promise<void> {
    await super.doStop();
  }

  // ---- routing ---------------------------------------------------------------------------------

  /**
   * True when this context accepts a request for `host` on connector `connectorName`: no virtual hosts,
   * or one matching the host (`*.example.com` matches one more label), `@connector`, or `host@connector`.
   */
  checkVirtualHost(host: string, connectorName: string | null): boolean {
    if (this._virtualHosts.length === 0) return true;
    const h = normalizeHost(host);
    for (const vh of this._virtualHosts) {
      const at = vh.indexOf('@');
      const vhost = at >= 0 ? vh.slice(0, at) : vh;
      const vconn = at >= 0 ? vh.slice(at + 1) : null;
      if (vconn !== null && vconn !== connectorName) continue;
      if (vhost === '') return true;
      if (vhost.startsWith('*.')) {
        const dot = h.indexOf('.');
        if (dot >= 0 && h.slice(dot + 1) === vhost.slice(2)) return true;
      } else if (vhost === h) return true;
    }
    return false;
  }

  /** True when `target` lies inside this context path. */
  matchesPath(target: string): boolean {
    const cp = this._contextPath;
    if (cp === '/') return true;
    return target === cp || target.startsWith(`${cp}/`);
  }

  /**
   * Enters the context (context, servlet path, path info on the request), runs the next scope and puts
   * the request back as it was when that settles. The next scope's promise is continued, not awaited
   * in an async frame: the context costs one promise reaction per request.
   */
  override doScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (!this._available || !this.isStarted()) return RESOLVED;
    if (this._virtualHosts.length > 0 && !this.checkVirtualHost(baseRequest.getServerName(), baseRequest.getConnectionInfo().connectorName))
      return RESOLVED;
    if (!this.matchesPath(target)) return RESOLVED;
    const cp = this._contextPath;
    if (cp !== '/' && target === cp && !this._allowNullPathInfo) {
      baseRequest.setHandled(true);
      const q = baseRequest.getQueryString();
      try {
        // from the canonical context path, not the raw URI (which may carry `;params`, `//` or encodings)
        response.sendRedirect(`${encodePath(cp)}/${q !== null ? `?${q}` : ''}`);
      } catch (err) {
        return Promise.reject(err);
      }
      return RESOLVED;
    }
    const pathInContext = cp === '/' ? target : target.slice(cp.length) || '/';
    const oldContext = baseRequest.getContext();
    const oldContextPath = baseRequest.getContextPath();
    const oldServletPath = baseRequest.getServletPath();
    const oldPathInfo = baseRequest.getPathInfo();
    baseRequest.setContext(this, cp === '/' ? '' : cp);
    baseRequest.setServletPath('');
    baseRequest.setPathInfo(pathInContext);
    const inner = this.tryNextScope(pathInContext, baseRequest, request, response);
    // finished at once (DONE): restored now, without making the closure a reaction would need
    if (inner === RESOLVED) {
      restoreContext(baseRequest, oldContext, oldContextPath, oldServletPath, oldPathInfo);
      return RESOLVED;
    }
    return thenRestore(inner, () => restoreContext(baseRequest, oldContext, oldContextPath, oldServletPath, oldPathInfo));
  }

  doHandle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (baseRequest.getDispatcherType() === 'REQUEST' && this.isProtectedTarget(target)) {
      baseRequest.setHandled(true);
      response.sendError(404);
      return RESOLVED;
    }
    // a urlencoded form is read here, with this context's limits, so that getParameter() stays synchronous
    if (!baseRequest.isFormPrepared() && baseRequest.isFormRequest()) {
      return baseRequest.prepareForm(this.getContentLimits()).then(() => this.handleInContext(target, baseRequest, request, response));
    }
    return this.handleInContext(target, baseRequest, request, response);
  }

  private handleInContext(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    // without request listeners there is nothing to do afterwards: pass the next handler's promise on
    if (this._requestListeners.length === 0) return this.nextHandle(target, baseRequest, request, response);
    return this.handleWithListeners(target, baseRequest, request, response);
  }

  private async handleWithListeners(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const listeners = this._requestListeners;
    const event = { getServletContext: () => this._context as ServletContext, getServletRequest: () => request };
    for (const l of listeners) l.requestInitialized?.(event);
    try {
      await this.nextHandle(target, baseRequest, request, response);
    } finally {
      for (const l of [...listeners].reverse()) l.requestDestroyed?.(event);
    }
  }

  override dumpSelf(): string {
    const vh = this._virtualHosts.length > 0 ? `,vhosts=${this._virtualHosts.join('|')}` : '';
    return `${this.constructor.name}@${this._displayName ?? ''}{${this._contextPath},${this._resourceBase ?? 'null'}${vh},${this.getState()}}`;
  }

  override toString(): string {
    return this.dumpSelf();
  }
}

function normalizeHost(h: string): string {
  const at = h.indexOf('@');
  let s = (at >= 0 ? h.slice(0, at) : h).trim().toLowerCase();
  if (s.endsWith('.')) s = s.slice(0, -1);
  return at >= 0 ? `${s}${h.slice(at).trim()}` : s;
}

/** Puts back the context, servlet path and path info a request had before it entered a context. */
function restoreContext(
  baseRequest: Request,
  context: RequestContext | null,
  contextPath: string,
  servletPath: string,
  pathInfo: string | null,
): void {
  baseRequest.setContext(context, contextPath);
  baseRequest.setServletPath(servletPath);
  baseRequest.setPathInfo(pathInfo);
}
