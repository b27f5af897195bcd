/**
 * Applies the merged descriptors of a web app to its context: context params, listeners, filters,
 * servlets and their mappings, welcome files, error pages, session settings and mime mappings
 * (org.eclipse.jetty.webapp.StandardDescriptorProcessor).
 * @module
 */
import * as fs from 'node:fs';
import { DescriptorError } from './errors';
import type { EffectiveWebApp } from './meta-data';
import { GLOBAL_ERROR_PAGE } from './meta-data';
import { asFilter, asServlet } from './servlet-adapter';
import type { WebAppClassLoader } from './web-app-class-loader';
import type { WebAppContext } from './web-app-context';
import { ServletHolder } from '../servlet/servlet-holder';
import { FilterHolder } from '../servlet/filter-holder';
import { ServletMapping } from '../servlet/servlet-mapping';
import { FilterMapping } from '../servlet/filter-mapping';
import { WebAppErrorPages } from './web-app-error-pages';
// Registers org.eclipse.jetty.servlet.DefaultServlet, which webdefault.xml names.
import '../servlet/default-servlet';
import type { SourceLocation } from '../util/errors';
import type { DispatcherType } from '../servlet-api/dispatcher-type';

/** What the processor installed on a context, so a restart starts from a clean slate. */
const installed = new WeakMap<object, { servlets: ServletHolder[]; filters: FilterHolder[] }>();

/**
 * The listeners added to a context, by class name. At a restart they are removed when the context can
 * remove listeners (Jetty's ContextHandler.removeEventListener) and created again from the new code;
 * otherwise the instances of the first start are kept rather than added twice.
 */
const addedListeners = new WeakMap<object, Map<string, unknown>>();

/**
 * Jetty's StandardDescriptorProcessor. Classes named by the descriptors are looked up in the app's
 * `WEB-INF/classes` first, then among the server's registered classes (`org.eclipse.jetty.*`, e.g.
 * the DefaultServlet of webdefault.xml); with `parentLoaderPriority` the server's classes come first.
 * Every class is loaded and constructed here, at start, so a missing class fails the deployment with
 * the descriptor location; `init` runs at start for `load-on-startup` servlets and at the first
 * request otherwise (a throwing lazy init answers 500).
 */
export class StandardDescriptorProcessor {
  constructor(
    private readonly context: WebAppContext,
    private readonly loader: WebAppClassLoader,
  ) {}

  /** Removes what a previous start installed (descriptor servlets, filters and listeners). */
  static clear(context: WebAppContext): void {
    const prev = installed.get(context);
    if (!prev) return;
    installed.delete(context);
    const handler = context.getServletHandler();
    handler.setServlets(handler.getServlets().filter((h) => !prev.servlets.includes(h)));
    handler.setServletMappings(handler.getServletMappings().filter((m) => prev.servlets.every((h) => h.getName() !== m.getServletName())));
    handler.setFilters(handler.getFilters().filter((h) => !prev.filters.includes(h)));
    handler.setFilterMappings(handler.getFilterMappings().filter((m) => prev.filters.every((h) => h.getName() !== m.getFilterName())));
    const removable = context as unknown as { removeEventListener?: (l: unknown) => void };
    const listeners = addedListeners.get(context);
    if (listeners && typeof removable.removeEventListener === 'function') {
      for (const l of listeners.values()) removable.removeEventListener(l);
      addedListeners.delete(context);
    }
  }

  async process(app: EffectiveWebApp): Promise<void> {
    const ctx = this.context;
    const record = { servlets: [] as ServletHolder[], filters: [] as FilterHolder[] };
    installed.set(ctx, record);
    if (app.displayName !== null) ctx.setDisplayName(app.displayName);
    for (const [k, v] of app.contextParams) ctx.setInitParameter(k, v);
    for (const [ext, type] of app.mimeMappings) ctx.addMimeMapping(ext, type);
    if (app.welcomeFiles !== null) ctx.setWelcomeFiles(app.welcomeFiles);
    this.applySessionConfig(app);
    this.applyErrorPages(app);

    const listeners = addedListeners.get(ctx) ?? new Map<string, unknown>();
    addedListeners.set(ctx, listeners);
    for (const l of app.listeners) {
      if (listeners.has(l.className)) continue;
      const listener = await this.instantiate(l.className, l.location, 'listener');
      ctx.addEventListener(listener);
      listeners.set(l.className, listener);
    }

    const handler = ctx.getServletHandler();
    for (const f of app.filters) {
      if (!f.className) throw new DescriptorError(`Cannot declare filter '${f.name}': <filter-class> is missing`, f.location);
      const filter = asFilter((await this.instantiate(f.className, f.location, 'filter')) as object, f.className);
      const holder = new FilterHolder(filter);
      holder.setName(f.name);
      for (const [k, v] of f.initParams) holder.setInitParameter(k, v);
      holder.setAsyncSupported(f.asyncSupported);
      handler.addFilter(holder);
      record.filters.push(holder);
    }
    for (const fm of app.filterMappings) {
      const mapping = new FilterMapping();
      mapping.setFilterName(fm.filterName);
      if (fm.urlPatterns.length > 0) mapping.setPathSpecs(fm.urlPatterns);
      if (fm.servletNames.length > 0) mapping.setServletNames(fm.servletNames);
      mapping.setDispatcherTypes((fm.dispatchers.length > 0 ? fm.dispatchers : ['REQUEST']) as DispatcherType[]);
      handler.addFilterMapping(mapping);
    }

    for (const s of app.servlets) {
      if (!s.className) throw new DescriptorError(`Cannot declare servlet '${s.name}': <servlet-class> is missing`, s.location);
      const servlet = asServlet((await this.instantiate(s.className, s.location, 'servlet')) as object);
      const holder = new ServletHolder(s.name, servlet);
      for (const [k, v] of s.initParams) holder.setInitParameter(k, v);
      if (s.loadOnStartup !== null) holder.setInitOrder(s.loadOnStartup);
      holder.setAsyncSupported(s.asyncSupported);
      holder.setEnabled(s.enabled);
      handler.addServlet(holder);
      record.servlets.push(holder);
    }
    for (const m of app.servletMappings) {
      const mapping = new ServletMapping();
      mapping.setServletName(m.servletName);
      mapping.setPathSpecs([m.pathSpec]);
      mapping.setDefault(m.fromDefaults);
      handler.addServletMapping(mapping);
    }
  }

  private applySessionConfig(app: EffectiveWebApp): void {
    const sc = app.sessionConfig;
    if (!sc) return;
    const sessions = this.context.getSessionHandler();
    if (!sessions) return;
    if (sc.timeoutMinutes !== null) sessions.setMaxInactiveInterval(sc.timeoutMinutes > 0 ? sc.timeoutMinutes * 60 : -1);
    const cookie = sessions.getSessionCookieConfig();
    const c = sc.cookieConfig;
    if (c.name !== undefined) cookie.setName(c.name);
    if (c.domain !== undefined) cookie.setDomain(c.domain);
    if (c.path !== undefined) cookie.setPath(c.path);
    if (c.comment !== undefined) cookie.setComment(c.comment);
    if (c.httpOnly !== undefined) cookie.setHttpOnly(c.httpOnly);
    if (c.secure !== undefined) cookie.setSecure(c.secure);
    if (c.maxAge !== undefined) cookie.setMaxAge(c.maxAge);
    if (sc.trackingModes) sessions.setSessionTrackingModes(new Set(sc.trackingModes));
  }

  /**
   * Error pages go to Jetty's ErrorPageErrorHandler when the container registers one
   * (`org.eclipse.jetty.servlet.ErrorPageErrorHandler`, with `addErrorPage(code|type, uri)`); otherwise
   * to WebAppErrorPages, which serves static error pages from the app folder.
   */
  private applyErrorPages(app: EffectiveWebApp): void {
    if (app.errorPages.size === 0) return;
    type PageAdder = { addErrorPage(key: number | string, uri: string): void };
    const found = this.context.getClassRegistry().tryResolve('org.eclipse.jetty.servlet.ErrorPageErrorHandler') as (new () => PageAdder) | undefined;
    const cls = found && typeof found.prototype.addErrorPage === 'function' ? found : undefined;
    let eh: PageAdder;
    const current = this.context.getErrorHandler() as unknown;
    if (cls && current instanceof cls) eh = current as PageAdder;
    else if (cls) {
      eh = new cls();
      this.context.setErrorHandler(eh as never);
    } else if (current instanceof WebAppErrorPages) eh = current;
    else {
      eh = new WebAppErrorPages(this.context);
      this.context.setErrorHandler(eh as WebAppErrorPages);
    }
    for (const [key, page] of app.errorPages) {
      if (page.errorCode !== null) eh.addErrorPage(page.errorCode, page.page);
      else if (key === GLOBAL_ERROR_PAGE) eh.addErrorPage(GLOBAL_ERROR_PAGE, page.page);
      else eh.addErrorPage(key, page.page);
    }
  }

  /** Loads and constructs a class named by a descriptor; errors carry the descriptor location. */
  private async instantiate(className: string, location: SourceLocation, role: string): Promise<unknown> {
    let cls: Function | undefined;
    const registry = this.context.getClassRegistry();
    const fromServer = (): Function | undefined => registry.tryResolve(className);
    try {
      if (this.context.isParentLoaderPriority() || className.startsWith('org.eclipse.jetty.')) cls = fromServer();
      if (!cls && className.startsWith('org.eclipse.jetty.') && !this.loader.candidates(className).some((f) => fs.existsSync(f))) {
        throw new Error('the container provides no such class');
      }
      if (!cls) {
        const candidates = this.loader.candidates(className);
        if (candidates.some((f) => fs.existsSync(f)) || !fromServer()) cls = await this.loader.loadClass(className);
        else cls = fromServer();
      }
      return new (cls as new () => unknown)();
    } catch (err) {
      throw new DescriptorError(`Cannot create ${role} '${className}': ${(err as Error).message}`, location, { cause: err });
    }
  }
}
