/**
 * Maps requests to servlets and runs filter chains (org.eclipse.jetty.servlet.ServletHandler): the
 * mapping table and per-servlet filter lists are built at start; per request only a lookup and a
 * short filter scan remain.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import type { Request } from '../server/request';
import { DONE as RESOLVED } from '../server/done';
import { ScopedHandler, thenRestore } from '../server/handler/scoped-handler';
import { reportNotApplicable } from '../server/not-applicable';
import type { DispatcherType } from '../servlet-api/dispatcher-type';
import { ServletException, UnavailableException } from '../servlet-api/errors';
import type { Filter } from '../servlet-api/filter';
import type { FilterChain } from '../servlet-api/filter-chain';
import { FilterHolder } from './filter-holder';
import { FilterMapping } from './filter-mapping';
import type { ClassLoaderHook, HolderOwner } from './holder';
import type { DispatchTarget } from './request-dispatcher';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import { PathMappings, pathInfoOf, servletPathOf, splitPath } from '../server/http/path-spec';
import type { ServletContext } from '../servlet-api/servlet-context';
import { ServletHolder } from './servlet-holder';
import { ServletMapping } from './servlet-mapping';

/** Answers 404 for requests no servlet mapping covers (Jetty's ServletHandler.Default404Servlet). */
export class Default404Servlet {
  init(): void {
    /* nothing */
  }
  service(_req: HttpServletRequest, res: HttpServletResponse): void {
    res.sendError(404);
  }
  destroy(): void {
    /* nothing */
  }
}

/**
 * Jetty's ServletHandler (`context.getServletHandler()`): `servlets`, `servletMappings`, `filters`,
 * `filterMappings`, `addServletWithMapping`, `addFilterWithMapping`, `ensureDefaultServlet` (true: an
 * unmapped path gets 404 from Default404Servlet), `startWithUnavailable` (true).
 */
@JettyClass('org.eclipse.jetty.servlet.ServletHandler')
export class ServletHandler extends ScopedHandler implements HolderOwner, DispatchTarget {
  private _servlets: ServletHolder[] = [];
  private _filters: FilterHolder[] = [];
  private _servletMappings: ServletMapping[] = [];
  private _filterMappings: FilterMapping[] = [];
  private _ensureDefaultServlet = true;
  private _startWithUnavailable = true;
  private _classLoader: ClassLoaderHook | null = null;
  private _servletContext: ServletContext | null = null;
  private _initializeAtStart = true;
  private _initialized = false;
  private _mappings = new PathMappings<ServletHolder>();
  private _byName = new Map<string, ServletHolder>();
  private _filterByName = new Map<string, FilterHolder>();
  private _pathFilters: FilterMapping[] = [];
  private _nameFilters = new Map<string, FilterMapping[]>();
  private _chainCache = new Map<string, FilterHolder[]>();

  // ---- configuration ---------------------------------------------------------------------------

  /** The class loader hook used for holders given as class names. */
  setClassLoader(loader: ClassLoaderHook | { loadClass(name: string): Promise<Function> } | null): void {
    if (loader === null) this._classLoader = null;
    else if (typeof loader === 'function') this._classLoader = loader;
    else this._classLoader = (name) => loader.loadClass(name);
  }
  async loadClass(className: string): Promise<Function> {
    if (!this._classLoader) throw new ServletException(`Cannot load class '${className}': no class loader is set on the ServletHandler`);
    return this._classLoader(className);
  }

  setServletContext(context: ServletContext | null): void {
    this._servletContext = context;
  }
  getServletContext(): ServletContext {
    if (!this._servletContext) throw new ServletException('Cannot get the servlet context: the ServletHandler is not in a context');
    return this._servletContext;
  }
  /** When false, the owning ServletContextHandler calls initialize() after its context listeners. */
  setInitializeAtStart(b: boolean): void {
    this._initializeAtStart = b;
  }

  @Expose('boolean') setEnsureDefaultServlet(b: boolean): void {
    this._ensureDefaultServlet = b;
  }
  @Expose() isEnsureDefaultServlet(): boolean {
    return this._ensureDefaultServlet;
  }
  @Expose('boolean') setStartWithUnavailable(b: boolean): void {
    this._startWithUnavailable = b;
  }
  @Expose() isStartWithUnavailable(): boolean {
    return this._startWithUnavailable;
  }
  @Expose('boolean') setFilterChainsCached(_b: boolean): void {
    /* always cached */
  }
  @Expose('int') setMaxFilterChainsCacheSize(n: number): void {
    reportNotApplicable('ServletHandler', 'maxFilterChainsCacheSize', n);
  }

  @Expose() getServlets(): ServletHolder[] {
    return [...this._servlets];
  }
  @Expose('org.eclipse.jetty.servlet.ServletHolder[]')
  setServlets(holders: ServletHolder[]): void {
    for (const h of this._servlets) this.removeBean(h);
    this._servlets = [];
    for (const h of holders) this.addServlet(h);
  }
  @Expose('org.eclipse.jetty.servlet.ServletHolder')
  addServlet(holder: ServletHolder): void {
    if (this._servlets.includes(holder)) return;
    holder.setOwner(this);
    this._servlets.push(holder);
    this.addBean(holder, false);
    this.updateMappings();
  }
  @Expose() getServletMappings(): ServletMapping[] {
    return [...this._servletMappings];
  }
  @Expose('org.eclipse.jetty.servlet.ServletMapping[]')
  setServletMappings(mappings: ServletMapping[]): void {
    this._servletMappings = [...mappings];
    this.updateMappings();
  }
  @Expose('org.eclipse.jetty.servlet.ServletMapping')
  addServletMapping(mapping: ServletMapping): void {
    this._servletMappings.push(mapping);
    this.updateMappings();
  }

  @Expose() getFilters(): FilterHolder[] {
    return [...this._filters];
  }
  @Expose('org.eclipse.jetty.servlet.FilterHolder[]')
  setFilters(holders: FilterHolder[]): void {
    for (const h of this._filters) this.removeBean(h);
    this._filters = [];
    for (const h of holders) this.addFilter(h);
  }
  @Expose('org.eclipse.jetty.servlet.FilterHolder')
  addFilter(holder: FilterHolder): void {
    if (this._filters.includes(holder)) return;
    holder.setOwner(this);
    this._filters.push(holder);
    this.addBean(holder, false);
    this.updateMappings();
  }
  @Expose() getFilterMappings(): FilterMapping[] {
    return [...this._filterMappings];
  }
  @Expose('org.eclipse.jetty.servlet.FilterMapping[]')
  setFilterMappings(mappings: FilterMapping[]): void {
    this._filterMappings = [...mappings];
    this.updateMappings();
  }
  @Expose('org.eclipse.jetty.servlet.FilterMapping')
  addFilterMapping(mapping: FilterMapping): void {
    this._filterMappings.push(mapping);
    this.updateMappings();
  }
  @Expose('org.eclipse.jetty.servlet.FilterMapping')
  prependFilterMapping(mapping: FilterMapping): void {
    this._filterMappings.unshift(mapping);
    this.updateMappings();
  }

  /** Adds a servlet (holder, constructor, instance or class name) mapped to `pathSpec`; returns its holder. */
  @Expose('String', 'String')
  addServletWithMapping(servlet: ServletHolder | Function | object | string, pathSpec: string): ServletHolder {
    const holder = servlet instanceof ServletHolder ? servlet : new ServletHolder(servlet);
    this.addServlet(holder);
    const m = new ServletMapping();
    m.setServletName(holder.getName());
    m.setPathSpec(pathSpec);
    this.addServletMapping(m);
    return holder;
  }

  /** Adds a filter mapped to `pathSpec` for the given dispatcher types (REQUEST by default); returns its holder. */
  @Expose('String', 'String', 'int')
  addFilterWithMapping(
    filter: FilterHolder | Function | object | string,
    pathSpec: string,
    dispatches?: number | Iterable<DispatcherType | string> | null,
  ): FilterHolder {
    const holder = filter instanceof FilterHolder ? filter : new FilterHolder(filter);
    this.addFilter(holder);
    const m = new FilterMapping();
    m.setFilterName(holder.getName());
    m.setPathSpec(pathSpec);
    if (typeof dispatches === 'number') m.setDispatches(dispatches);
    else if (dispatches) m.setDispatcherTypes(typeof dispatches === 'string' ? [dispatches] : dispatches);
    this.addFilterMapping(m);
    return holder;
  }

  @Expose('String') getServlet(name: string): ServletHolder | null {
    return this._servlets.find((h) => h.getName() === name) ?? null;
  }
  @Expose('String') getFilter(name: string): FilterHolder | null {
    return this._filters.find((h) => h.getName() === name) ?? null;
  }
  /** The mapping of exactly this path spec, if any. */
  @Expose('String') getServletMapping(pathSpec: string): ServletMapping | null {
    return [...this._servletMappings].reverse().find((m) => m.getPathSpecs().includes(pathSpec)) ?? null;
  }
  /** The holder a path in context maps to (after start). */
  getMappedServlet(pathInContext: string): { holder: ServletHolder; servletPath: string; pathInfo: string | null } | null {
    const m = this._mappings.match(pathInContext);
    if (!m) return null;
    return { holder: m.value, ...splitPath(m.ps, pathInContext) };
  }

  /** Rebuilds the lookup tables (Jetty's updateMappings / updateNameMappings). */
  updateMappings(): void {
    this._byName = new Map(this._servlets.map((h) => [h.getName(), h]));
    this._filterByName = new Map(this._filters.map((h) => [h.getName(), h]));
    const table = new PathMappings<ServletHolder>();
    // defaults first so that explicit mappings of the same spec override them
    const ordered = [...this._servletMappings.filter((m) => m.isDefault()), ...this._servletMappings.filter((m) => !m.isDefault())];
    for (const m of ordered) {
      const holder = this._byName.get(m.getServletName() ?? '');
      if (!holder) {
        if (this.isStarting() || this.isStarted()) {
          throw new ServletException(`Cannot map '${m.getPathSpecs().join(',')}': no servlet named '${m.getServletName()}'`);
        }
        continue;
      }
      if (!holder.isEnabled()) continue;
      for (const spec of m.getPathSpecs()) table.put(spec, holder);
    }
    this._mappings = table;
    this._pathFilters = this._filterMappings.filter((m) => m.hasPathSpecs());
    const byServlet = new Map<string, FilterMapping[]>();
    for (const m of this._filterMappings) {
      for (const name of m.getServletNames()) {
        const targets = name === '*' ? [...this._byName.keys()] : [name];
        for (const t of targets) byServlet.set(t, [...(byServlet.get(t) ?? []), m]);
      }
    }
    this._nameFilters = byServlet;
    this._chainCache = new Map();
  }

  // ---- life cycle ------------------------------------------------------------------------------

  protected override async doStart(): Promise<void> {
    if (this._ensureDefaultServlet && !this._mappings.get('/') && !this.getServletMapping('/')) {
      const h = new ServletHolder('Default404Servlet', Default404Servlet);
      this.addServletWithMapping(h, '/');
    }
    this.updateMappings();
    await super.doStart();
    if (this._initializeAtStart) await this.initialize();
  }

  /**
   * Starts filters (in order) and servlets, initialising the ones with initOrder >= 0 by ascending
   * order (ties in declaration order). A failing servlet stays unavailable when startWithUnavailable.
   */
  async initialize(): Promise<void> {
    if (this._initialized) return;
    for (const f of this._filters) {
      await f.start();
      await f.initialize();
    }
    for (const s of this._servlets) await s.start();
    const onStartup = this._servlets
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.getInitOrder() >= 0 && s.isEnabled())
      .sort((a, b) => a.s.getInitOrder() - b.s.getInitOrder() || a.i - b.i);
    for (const { s } of onStartup) {
      try {
        await s.initialize();
      } catch (err) {
        if (!this._startWithUnavailable) throw err;
        this.getServletContextOrNull()?.log(`Servlet '${s.getName()}' is unavailable: ${(err as Error).message}`, err);
      }
    }
    this._initialized = true;
  }

  private getServletContextOrNull(): ServletContext | null {
    return this._servletContext;
  }

  protected override async doStop(): Promise<void> {
    const errors: unknown[] = [];
    for (const s of [...this._servlets].reverse()) {
      try {
        await s.stop();
      } catch (err) {
        errors.push(err);
      }
    }
    for (const f of [...this._filters].reverse()) {
      try {
        await f.stop();
      } catch (err) {
        errors.push(err);
      }
    }
    this._initialized = false;
    // drop the 404 servlet added at start so that a restart computes it again
    const d = this._servlets.find((s) => s.getHeldClass() === Default404Servlet);
    if (d) {
      this._servlets = this._servlets.filter((s) => s !== d);
      this._servletMappings = this._servletMappings.filter((m) => m.getServletName() !== d.getName());
      this.removeBean(d);
      this.updateMappings();
    }
    try {
      await super.doStop();
    } catch (err) {
      errors.push(err);
    }
    if (errors.length > 0) throw errors[0];
  }

  // ---- request handling ------------------------------------------------------------------------

  /**
   * Maps the target to a servlet: servlet path, path info and the holder (Jetty keeps it as the request's
   * UserIdentity scope) are set for the handle pass and put back when the next scope settles.
   */
  override doScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const oldServletPath = baseRequest.getServletPath();
    const oldPathInfo = baseRequest.getPathInfo();
    const oldScope = baseRequest.getUserIdentityScope();
    const m = target.startsWith('/') ? this._mappings.match(target) : null;
    if (m) {
      baseRequest.setServletPath(servletPathOf(m.ps, target));
      baseRequest.setPathInfo(pathInfoOf(m.ps, target));
      baseRequest.setUserIdentityScope(m.value);
    } else {
      baseRequest.setUserIdentityScope(null);
    }
    const inner = this.tryNextScope(target, baseRequest, request, response);
    // finished at once (DONE): restored now, without making the closure a reaction would need
    if (inner === RESOLVED) {
      restoreServletScope(baseRequest, oldServletPath, oldPathInfo, oldScope);
      return RESOLVED;
    }
    return thenRestore(inner, () => restoreServletScope(baseRequest, oldServletPath, oldPathInfo, oldScope));
  }

  /** Runs the mapped servlet behind its filters; a failure names the servlet on the request (and 503 when unavailable). */
  doHandle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const scope = baseRequest.getUserIdentityScope();
    const holder = scope instanceof ServletHolder ? scope : null;
    if (!holder) return this.getHandler() ? this.nextHandle(target, baseRequest, request, response) : RESOLVED;
    baseRequest.setHandled(true);
    let running: Promise<void>;
    try {
      const filters = this._filters.length === 0 ? NO_FILTERS : this.filtersFor(baseRequest.getDispatcherType(), target, holder);
      try {
        // no filter mapped: the servlet directly, without building a chain
        running = filters.length === 0 ? holder.handle(request, response) : this.chain(filters, holder).doFilter(request, response);
      } catch (err) {
        running = Promise.reject(err);
      }
    } catch (err) {
      return Promise.reject(err);
    }
    // the servlet finished at once (DONE): nothing can have failed, nothing to react to
    if (running === RESOLVED) return RESOLVED;
    return running.then(undefined, (err: unknown) => {
      baseRequest.setAttribute('javax.servlet.error.servlet_name', holder.getName());
      if (err instanceof UnavailableException && !response.isCommitted()) {
        response.sendError(503);
        return;
      }
      throw err;
    });
  }

  /**
   * Runs a dispatch (RequestDispatcher forward/include/error): the servlet mapped to `pathInContext` (its
   * servletPath/pathInfo set on the request) or the servlet named `servletName`, behind the filters
   * mapped for `type`. An unmapped path gives 404.
   */
  async dispatch(
    type: DispatcherType,
    pathInContext: string | null,
    servletName: string | null,
    baseRequest: Request,
    request: HttpServletRequest,
    response: HttpServletResponse,
  ): Promise<void> {
    let holder: ServletHolder | undefined;
    if (servletName !== null) {
      holder = this._byName.get(servletName);
      if (!holder) throw new ServletException(`Cannot dispatch to servlet '${servletName}': no servlet of that name`);
    } else if (pathInContext !== null) {
      const m = this.getMappedServlet(pathInContext);
      if (!m) {
        response.sendError(404);
        return;
      }
      holder = m.holder;
      if (type !== 'INCLUDE') {
        baseRequest.setServletPath(m.servletPath);
        baseRequest.setPathInfo(m.pathInfo);
      } else {
        baseRequest.setAttribute('javax.servlet.include.servlet_path', m.servletPath);
        baseRequest.setAttribute('javax.servlet.include.path_info', m.pathInfo);
      }
    }
    if (!holder) throw new ServletException('Cannot dispatch: neither a path nor a servlet name was given');
    const filters = this.filtersFor(type, pathInContext, holder);
    await this.chain(filters, holder).doFilter(request, response);
  }

  /** The filters for a dispatch, path mappings first, then servlet-name mappings (cached per path). */
  private filtersFor(type: DispatcherType, pathInContext: string | null, holder: ServletHolder): FilterHolder[] {
    const key = `${type}\u0000${holder.getName()}\u0000${pathInContext}`;
    const cached = this._chainCache.get(key);
    if (cached) return cached;
    const out: FilterHolder[] = [];
    for (const m of pathInContext === null ? [] : this._pathFilters) {
      if (m.appliesTo(type) && m.matchesPath(pathInContext as string)) {
        const f = this._filterByName.get(m.getFilterName() ?? '');
        if (f) out.push(f);
      }
    }
    for (const m of this._nameFilters.get(holder.getName()) ?? []) {
      if (m.appliesTo(type)) {
        const f = this._filterByName.get(m.getFilterName() ?? '');
        if (f) out.push(f);
      }
    }
    if (this._chainCache.size >= 1024) this._chainCache.clear();
    this._chainCache.set(key, out);
    return out;
  }

  private chain(filters: FilterHolder[], holder: ServletHolder): FilterChain {
    const at = (i: number): FilterChain => ({
      doFilter: async (req: HttpServletRequest, res: HttpServletResponse): Promise<void> => {
        if (i < filters.length) {
          const f: Filter | null = filters[i].getFilter();
          if (!f) throw new UnavailableException(`Filter '${filters[i].getName()}' is not started`);
          await f.doFilter(req, res, at(i + 1));
        } else {
          await holder.handle(req, res);
        }
      },
    });
    return at(0);
  }

  override dumpSelf(): string {
    return `ServletHandler@${this.getState()}{servlets=${this._servlets.length},filters=${this._filters.length}}`;
  }
}

const NO_FILTERS: FilterHolder[] = [];

/** Puts back the servlet path, path info and servlet a request had before it entered a servlet handler's scope. */
function restoreServletScope(baseRequest: Request, servletPath: string, pathInfo: string | null, scope: unknown): void {
  baseRequest.setServletPath(servletPath);
  baseRequest.setPathInfo(pathInfo);
  baseRequest.setUserIdentityScope(scope);
}
