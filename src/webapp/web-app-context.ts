/**
 * A servlet context configured from a web app folder: descriptors, `WEB-INF/classes` and
 * `WEB-INF/jetty-web.xml` (org.eclipse.jetty.webapp.WebAppContext).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClassRegistry } from '../ioc/class-registry';
import { ClassMatcher } from './class-matcher';
import { Expose, JettyClass } from '../ioc/metadata';
import { SystemProperties } from '../ioc/system-properties';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import type { Request } from '../server/request';
import { EofException } from '../server/errors';
import { DONE as RESOLVED } from '../server/done';
import { HttpException } from '../servlet-api/errors';
import { ServletContextHandler } from '../servlet/servlet-context-handler';
import { Log } from '../util/log';
import { parseWebDescriptor } from './descriptor/web-descriptor';
import { configureSecurity } from './security-configuration';
import { configureServletSecurity } from './servlet-security-configuration';
import { ConstraintSecurityHandler } from '../security/constraint-security-handler';
import { WebAppError, summarizeError } from './errors';
import { JettyWebXmlConfiguration } from './jetty-web-xml-configuration';
import { MetaData } from './meta-data';
import { StandardDescriptorProcessor } from './standard-descriptor-processor';
import { PENDING_ERROR_PAGE, WebAppErrorPages } from './web-app-error-pages';
import { WebAppClassLoader } from './web-app-class-loader';

const LOG = Log.getLogger('org.eclipse.jetty.webapp.WebAppContext');
/** A failed request, logged where Jetty's HttpChannel logs it. */
const CHANNEL_LOG = Log.getLogger('org.eclipse.jetty.server.HttpChannel');

/** The folder holding package.json above this file: Pier's own jetty.home when none is set. */
function pierHome(): string {
  let dir = __dirname;
  for (let i = 0; i < 20; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** `${jetty.home}/etc/webdefault.xml`, falling back to Pier's own copy. */
export function defaultWebDefaults(): string {
  const home = SystemProperties.get('jetty.home');
  const candidates = [home ? path.join(home, 'etc', 'webdefault.xml') : null, path.join(pierHome(), 'etc', 'webdefault.xml')];
  return candidates.find((c): c is string => c !== null && fs.existsSync(c)) ?? candidates[1]!;
}

function addServerAttributeList(server: unknown, name: string, values: string[] | null): void {
  const s = server as { getAttribute?: (n: string) => unknown; setAttribute?: (n: string, v: unknown) => void } | null;
  if (!s?.setAttribute || !values || values.length === 0) return;
  const prev = s.getAttribute?.(name);
  s.setAttribute(name, [...(Array.isArray(prev) ? (prev as string[]) : []), ...values]);
}

function toFilePath(p: string): string {
  const t = p.trim();
  return t.startsWith('file:') ? fileURLToPath(t) : t;
}

/**
 * Jetty's WebAppContext. In a context XML: `<Configure class="org.eclipse.jetty.webapp.WebAppContext">`
 * with `war` (the app folder), `contextPath`, `descriptor`, `defaultsDescriptor` (default
 * `${jetty.home}/etc/webdefault.xml`), `overrideDescriptor(s)`, `extractWAR`, `parentLoaderPriority`,
 * `configurationClasses`, `throwUnavailableOnStartupException`, `tempDirectory`, `initParameter`s,
 * attributes, and `sessionHandler` tweaks through `<Get name="sessionHandler">`.
 *
 * Start order (Jetty's): the context XML already ran; then `WEB-INF/jetty-web.xml` (or jetty8-web.xml,
 * web-jetty.xml) is applied to this context; then the descriptors are applied: webdefault.xml,
 * WEB-INF/web.xml, the override descriptors; then listeners, filters and servlets start. A failure
 * logs one line and leaves the context unavailable (503) unless `throwUnavailableOnStartupException`.
 * `.war` archives are not supported: unpack them into a folder.
 */
@JettyClass('org.eclipse.jetty.webapp.WebAppContext', {
  ctors: [
    [],
    [
      { name: 'webApp', type: 'String' },
      { name: 'contextPath', type: 'String' },
    ],
    [
      { name: 'parent', type: 'org.eclipse.jetty.server.HandlerContainer' },
      { name: 'webApp', type: 'String' },
      { name: 'contextPath', type: 'String' },
    ],
  ],
})
export class WebAppContext extends ServletContextHandler {
  private _war: string | null = null;
  private _descriptor: string | null = null;
  private _defaultsDescriptor: string | null = defaultWebDefaults();
  private _overrideDescriptors: string[] = [];
  private _extractWAR = true;
  private _parentLoaderPriority = false;
  private _configurationClasses: string[] | null = null;
  private _throwUnavailable = false;
  private _tempDirectory: string | null = null;
  private _logUrlOnStart = false;
  private _classLoader: WebAppClassLoader | null = null;
  private _registry: ClassRegistry | null = null;
  private _unavailableCause: unknown = null;
  private _appliedJettyWebXml: string | null = null;
  private _extraClasspath: string | null = null;
  private _systemClasses: string[] = [];
  private _serverClasses: string[] = [];

  constructor(...args: unknown[]) {
    super(ServletContextHandler.SESSIONS | ServletContextHandler.SECURITY);
    // as Jetty's WebAppContext: no request reaches the app's private folders, in any letter case
    this.setProtectedTargets(['/WEB-INF', '/META-INF']);
    if (args.length === 2) {
      if (args[0] !== null && args[0] !== undefined) this.setWar(String(args[0]));
      this.setContextPath(String(args[1]));
    } else if (args.length === 3) {
      const parent = args[0] as { addHandler?: (h: unknown) => void; setHandler?: (h: unknown) => void } | null;
      if (parent?.addHandler) parent.addHandler(this);
      else parent?.setHandler?.(this);
      if (args[1] !== null && args[1] !== undefined) this.setWar(String(args[1]));
      this.setContextPath(String(args[2]));
    }
  }

  // ---- settings --------------------------------------------------------------------------------

  /** The app folder (or a `.war`, refused at start). Becomes the resource base unless one is set. */
  @Expose('String')
  setWar(war: string | null): void {
    this._war = war === null ? null : toFilePath(war);
  }
  @Expose()
  getWar(): string | null {
    return this._war;
  }

  @Expose('String')
  setDescriptor(descriptor: string | null): void {
    this._descriptor = descriptor === null ? null : toFilePath(descriptor);
  }
  @Expose()
  getDescriptor(): string | null {
    return this._descriptor;
  }

  @Expose('String')
  setDefaultsDescriptor(descriptor: string | null): void {
    this._defaultsDescriptor = descriptor === null ? null : toFilePath(descriptor);
  }
  @Expose()
  getDefaultsDescriptor(): string | null {
    return this._defaultsDescriptor;
  }

  @Expose('String')
  setOverrideDescriptor(descriptor: string | null): void {
    this._overrideDescriptors = descriptor ? [toFilePath(descriptor)] : [];
  }
  @Expose()
  getOverrideDescriptor(): string | null {
    return this._overrideDescriptors[0] ?? null;
  }
  @Expose('String')
  addOverrideDescriptor(descriptor: string): void {
    this._overrideDescriptors.push(toFilePath(descriptor));
  }
  @Expose('java.util.List')
  setOverrideDescriptors(descriptors: string[]): void {
    this._overrideDescriptors = descriptors.map(toFilePath);
  }
  @Expose()
  getOverrideDescriptors(): string[] {
    return [...this._overrideDescriptors];
  }

  /** Accepted: there is nothing to extract (folders only). */
  @Expose('boolean')
  setExtractWAR(extract: boolean): void {
    this._extractWAR = extract;
  }
  @Expose()
  isExtractWAR(): boolean {
    return this._extractWAR;
  }

  /** true: classes registered with the server's ClassRegistry win over `WEB-INF/classes`. */
  @Expose('boolean')
  setParentLoaderPriority(priority: boolean): void {
    this._parentLoaderPriority = priority;
  }
  @Expose()
  isParentLoaderPriority(): boolean {
    return this._parentLoaderPriority;
  }

  /** Accepted and kept: the configuration steps are fixed (web.xml, jetty-web.xml). */
  @Expose('String[]')
  setConfigurationClasses(classes: string[] | null): void {
    this._configurationClasses = classes ? [...classes] : null;
  }
  @Expose()
  getConfigurationClasses(): string[] {
    return this._configurationClasses ? [...this._configurationClasses] : [];
  }

  @Expose('boolean')
  setThrowUnavailableOnStartupException(t: boolean): void {
    this._throwUnavailable = t;
  }
  @Expose()
  isThrowUnavailableOnStartupException(): boolean {
    return this._throwUnavailable;
  }

  @Expose('java.io.File')
  setTempDirectory(dir: unknown): void {
    this._tempDirectory = dir === null || dir === undefined ? null : toFilePath(String(dir));
  }
  @Expose()
  getTempDirectory(): string | null {
    return this._tempDirectory;
  }

  @Expose('boolean')
  setLogUrlOnStart(log: boolean): void {
    this._logUrlOnStart = log;
  }
  @Expose()
  isLogUrlOnStart(): boolean {
    return this._logUrlOnStart;
  }

  /** Accepted and ignored: there is no class path; app classes live in WEB-INF/classes. */
  @Expose('String')
  setExtraClasspath(classpath: string | null): void {
    this._extraClasspath = classpath;
  }
  @Expose()
  getExtraClasspath(): string | null {
    return this._extraClasspath;
  }

  /** Accepted and kept (Jetty's class-loader visibility patterns have no effect on Node modules). */
  @Expose('String[]') setSystemClasses(classes: string[]): void {
    this._systemClasses = [...classes];
  }
  @Expose() getSystemClasses(): string[] {
    return [...this._systemClasses];
  }
  @Expose('String') addSystemClass(cls: string): void {
    this._systemClasses.push(cls);
  }
  @Expose('String') prependSystemClass(cls: string): void {
    this._systemClasses.unshift(cls);
  }
  @Expose('String[]') setServerClasses(classes: string[]): void {
    this._serverClasses = [...classes];
  }
  @Expose() getServerClasses(): string[] {
    return [...this._serverClasses];
  }
  @Expose('String') addServerClass(cls: string): void {
    this._serverClasses.push(cls);
  }
  @Expose('String') prependServerClass(cls: string): void {
    this._serverClasses.unshift(cls);
  }
  /** 9.4's live view of the server classes (`<Get name="serverClasspathPattern"><Call name="add">`). */
  @Expose() getServerClasspathPattern(): ClassMatcher {
    return this.matcherOver(this._serverClasses);
  }
  @Expose() getSystemClasspathPattern(): ClassMatcher {
    return this.matcherOver(this._systemClasses);
  }
  /** Jetty 10's spelling of the same views. */
  @Expose() getServerClassMatcher(): ClassMatcher {
    return this.matcherOver(this._serverClasses);
  }
  @Expose() getSystemClassMatcher(): ClassMatcher {
    return this.matcherOver(this._systemClasses);
  }

  /** A live ClassMatcher view of one of the lists (recorded, not enforced: see ClassMatcher). */
  private matcherOver(list: string[]): ClassMatcher {
    return new ClassMatcher(list);
  }

  /**
   * etc/jetty-webapp.xml's `<Call class="org.eclipse.jetty.webapp.WebAppContext" name="addSystemClasses">`:
   * kept as the server attribute `org.eclipse.jetty.webapp.systemClasses`, as Jetty does; no effect.
   */
  @Expose('org.eclipse.jetty.server.Server', 'String[]')
  static addSystemClasses(server: unknown, classes: string[] | null): void {
    addServerAttributeList(server, 'org.eclipse.jetty.webapp.systemClasses', classes);
  }
  /** As addSystemClasses, for the attribute `org.eclipse.jetty.webapp.serverClasses`. */
  @Expose('org.eclipse.jetty.server.Server', 'String[]')
  static addServerClasses(server: unknown, classes: string[] | null): void {
    addServerAttributeList(server, 'org.eclipse.jetty.webapp.serverClasses', classes);
  }

  /** Accepted for compatibility (no jars to copy). */
  @Expose('boolean') setCopyWebDir(_copy: boolean): void {
    /* nothing to copy */
  }
  @Expose('boolean') setCopyWebInf(_copy: boolean): void {
    /* nothing to copy */
  }

  /** The class registry of this app: sees the server's classes; the app may register its own. */
  getClassRegistry(): ClassRegistry {
    this._registry ??= ClassRegistry.default.createChild();
    return this._registry;
  }

  /** The loader of `WEB-INF/classes` (created at start). */
  getWebAppClassLoader(): WebAppClassLoader | null {
    return this._classLoader;
  }

  /** Why the last start failed (the context is then unavailable), or null. */
  getUnavailableException(): unknown {
    return this._unavailableCause;
  }

  /** The jetty-web.xml variant applied at the last start, or null. */
  getAppliedJettyWebXml(): string | null {
    return this._appliedJettyWebXml;
  }

  /** The app folder's WEB-INF, or null. */
  getWebInf(): string | null {
    const base = this.getResourceBasePath();
    return base ? path.join(base, 'WEB-INF') : null;
  }

  // ---- life cycle ------------------------------------------------------------------------------

  protected override async doStart(): Promise<void> {
    this._unavailableCause = null;
    this.setAvailable(true);
    try {
      this.preConfigure();
      const metadata = this.loadDescriptors();
      const effective = metadata.resolve();
      // named by its web.xml display name, as the DefaultHandler's page shows it
      if (effective.displayName !== null) this.setDisplayName(effective.displayName);
      // before any app code is loaded: security that cannot be enforced as written stops the start
      const security = this.getSecurityHandler();
      if (security instanceof ConstraintSecurityHandler) {
        configureSecurity(security, effective);
        security.setContextInitParameters(() => this.getInitParams());
      } else if (effective.securityConstraints.length > 0) {
        throw new WebAppError(
          `Cannot start web app '${this.getContextPath()}': its descriptors have <security-constraint>s and its security handler is not a ConstraintSecurityHandler`,
        );
      }
      await this.registerDeclaredClasses(metadata);
      this.configureJettyWebXml();
      await new StandardDescriptorProcessor(this, this._classLoader!).process(effective);
      // the servlets' own declarations (@ServletSecurity's form), where no descriptor constrains their patterns
      if (security instanceof ConstraintSecurityHandler) await configureServletSecurity(this.getServletHandler(), security);
      await super.doStart();
      if (this._logUrlOnStart) LOG.info(`Started ${this.dumpSelf()}`);
    } catch (err) {
      this._unavailableCause = err;
      LOG.warn(`Failed startup of context ${this.dumpSelf()}: ${summarizeError(err)}`, err);
      this.setAvailable(false);
      if (this._throwUnavailable) throw err;
    }
  }

  protected override async doStop(): Promise<void> {
    try {
      await super.doStop();
    } finally {
      this._classLoader?.close();
      this._classLoader = null;
      StandardDescriptorProcessor.clear(this);
    }
  }

  /** Jetty's WebInfConfiguration: checks the war and makes it the resource base; sets up the class loader. */
  private preConfigure(): void {
    // as Jetty's WebInfConfiguration: an explicit resource base wins over the war
    let war = this.getResourceBase() ?? this._war;
    if (!war) throw new WebAppError(`Cannot start web app '${this.getContextPath()}': neither war nor resourceBase is set`);
    war = path.resolve(war);
    if (war.toLowerCase().endsWith('.war') && fs.existsSync(war) && fs.statSync(war).isFile()) {
      const unpacked = war.slice(0, -4);
      if (fs.existsSync(path.join(unpacked, 'WEB-INF'))) war = unpacked;
      else throw new WebAppError(`Cannot deploy '${war}': .war archives are not supported, unpack it into '${unpacked}'`);
    }
    if (!fs.existsSync(war) || !fs.statSync(war).isDirectory()) {
      throw new WebAppError(`Cannot start web app '${this.getContextPath()}': war '${war}' is not a folder`);
    }
    this.setResourceBase(war);
    if (fs.existsSync(path.join(war, 'WEB-INF', 'lib'))) {
      Log.getLogger('org.eclipse.jetty.webapp.WebInfConfiguration').warn(
        `Ignored ${path.join(war, 'WEB-INF', 'lib')} of ${this.getContextPath()}: there are no jars in Pier; put classes under WEB-INF/classes or modules in node_modules`,
      );
    }
    this._classLoader?.close();
    this._classLoader = new WebAppClassLoader(war);
  }

  /** Parses webdefault.xml, WEB-INF/web.xml (or `descriptor`) and the overrides (Jetty: preConfigure). */
  private loadDescriptors(): MetaData {
    const md = new MetaData();
    if (this._defaultsDescriptor) md.setDefaults(parseWebDescriptor(path.resolve(this._defaultsDescriptor)));
    const webXml = this._descriptor ? path.resolve(this._descriptor) : path.join(this.getWebInf()!, 'web.xml');
    if (this._descriptor || fs.existsSync(webXml)) md.setWebXml(parseWebDescriptor(webXml));
    for (const o of this._overrideDescriptors) md.addOverride(parseWebDescriptor(path.resolve(o)));
    return md;
  }

  /**
   * Registers the app classes its descriptors name (servlets, filters, listeners found under
   * WEB-INF/classes) in this app's class registry, so jetty-web.xml can `<New>` them. Classes that do
   * not load are skipped here; applying the descriptors reports them with their location.
   */
  private async registerDeclaredClasses(metadata: MetaData): Promise<void> {
    const names = new Set<string>();
    for (const d of [metadata.webDefaults, metadata.webXml, ...metadata.overrides]) {
      if (!d) continue;
      for (const s of d.servlets) if (s.className) names.add(s.className);
      for (const f of d.filters) if (f.className) names.add(f.className);
      for (const l of d.listeners) names.add(l.className);
    }
    const registry = this.getClassRegistry();
    for (const name of names) {
      if (name.startsWith('org.eclipse.jetty.') || !this._classLoader!.candidates(name).some((f) => fs.existsSync(f))) continue;
      try {
        registry.register(await this._classLoader!.loadClass(name), name);
      } catch {
        /* reported when applied */
      }
    }
  }

  /** Jetty's JettyWebXmlConfiguration: applies WEB-INF/jetty-web.xml before the descriptors. */
  private configureJettyWebXml(): void {
    const webInf = this.getWebInf();
    this._appliedJettyWebXml = webInf ? JettyWebXmlConfiguration.apply(this, webInf, this.getServer(), this.getClassRegistry()) : null;
  }

  /**
   * An unavailable web app answers 503 for its paths (Jetty's ContextHandler with available=false). An
   * available one passes the context's promise on, without an async frame of its own (the hot path).
   */
  override doScope(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (
      !this.isAvailable() &&
      this.isStarted() &&
      this.matchesPath(target) &&
      this.checkVirtualHost(baseRequest.getServerName(), baseRequest.getConnectionInfo().connectorName)
    ) {
      baseRequest.setHandled(true);
      try {
        response.sendError(503, 'Service Unavailable');
      } catch (err) {
        return Promise.reject(err);
      }
      return RESOLVED;
    }
    return super.doScope(target, baseRequest, request, response);
  }

  /**
   * An error escaping the servlets is turned into an error response here, while the request is still in
   * this context, so the app's `<error-page>`s apply (Jetty's ServletHandler does this with an ERROR
   * dispatch). The error is logged in one line; a committed response is left to the server.
   */
  override doHandle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    // The servlets' promise is continued with one reaction, not awaited in an async frame (the hot path);
    // the error-page work below runs only when a request needs it.
    let running: Promise<void>;
    try {
      running = super.doHandle(target, baseRequest, request, response);
    } catch (err) {
      return this.handleFailure(err, baseRequest, request, response);
    }
    // the servlets finished at once (DONE): the error page, if one is pending, is looked for now
    if (running === RESOLVED) {
      return baseRequest.getAttribute(PENDING_ERROR_PAGE) ? this.renderPendingErrorPage(baseRequest, request, response) : RESOLVED;
    }
    return running.then(
      () => (baseRequest.getAttribute(PENDING_ERROR_PAGE) ? this.renderPendingErrorPage(baseRequest, request, response) : undefined),
      (err: unknown) => this.handleFailure(err, baseRequest, request, response),
    );
  }

  /** A servlet asked for an error page (sendError) that is a servlet of this app: render it now, while the request is in this context. */
  private async renderPendingErrorPage(baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    try {
      const pending = baseRequest.getAttribute(PENDING_ERROR_PAGE) as { code: number; message: string | null } | null;
      if (pending) {
        baseRequest.removeAttribute(PENDING_ERROR_PAGE);
        const res = baseRequest.getResponse();
        if (!res.isCommitted()) {
          await this.dispatchErrorServlet(
            pending.code,
            baseRequest.getAttribute('javax.servlet.error.exception'),
            baseRequest,
            request,
            response,
            pending.message,
          );
        }
      }
    } catch (err) {
      await this.handleFailure(err, baseRequest, request, response);
    }
  }

  /** An error escaping the servlets (or the error page): logged once, then answered with the app's error page or the default one. */
  private async handleFailure(err: unknown, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const res = baseRequest.getResponse();
    if (res.isCommitted()) throw err;
    const status = err instanceof HttpException ? err.status : 500;
    // a client that left (EofException) is not the app's failure
    if (status >= 500 && !(err instanceof EofException)) {
      CHANNEL_LOG.warn(`${baseRequest.getMethod()} ${baseRequest.getRequestURI()} failed in ${this.getContextPath()}: ${summarizeError(err)}`, err);
    }
    // as Jetty, the connection ends after the answer to an exception
    baseRequest.closeConnectionAfterResponse();
    res.reset();
    baseRequest.setAttribute('javax.servlet.error.exception', err);
    baseRequest.setAttribute('javax.servlet.error.exception_type', (err as Error)?.constructor?.name ?? null);
    baseRequest.setAttribute('javax.servlet.error.status_code', status);
    baseRequest.setAttribute('javax.servlet.error.request_uri', baseRequest.getRequestURI());
    baseRequest.setHandled(true);
    if (await this.dispatchErrorServlet(status, err, baseRequest, request, response)) return;
    res.sendError(status, err instanceof HttpException ? err.message : undefined);
  }

  /**
   * When the error page for an exception is a servlet path of this app (not a file), runs that servlet
   * with the ERROR dispatcher type, the original status and the javax.servlet.error.* attributes.
   * Returns false when there is no such page (the error handler then renders it).
   */
  private async dispatchErrorServlet(
    status: number,
    err: unknown,
    baseRequest: Request,
    request: HttpServletRequest,
    response: HttpServletResponse,
    message?: string | null,
  ): Promise<boolean> {
    const pages = this.getErrorHandler();
    if (!(pages instanceof WebAppErrorPages)) return false;
    const page = pages.findErrorPage(status, err);
    if (!page) return false;
    const file = this.getServletContext().getRealPath(page);
    if (file && fs.existsSync(file) && fs.statSync(file).isFile()) return false;
    const mapped = this.getServletHandler().getMappedServlet(page.split('?')[0]);
    if (!mapped || mapped.holder.getHeldClass()?.name === 'Default404Servlet') return false;
    const oldType = baseRequest.getDispatcherType();
    const oldServletPath = baseRequest.getServletPath();
    const oldPathInfo = baseRequest.getPathInfo();
    baseRequest.setDispatcherType('ERROR');
    baseRequest.setServletPath(mapped.servletPath);
    baseRequest.setPathInfo(mapped.pathInfo);
    baseRequest.setAttribute('javax.servlet.error.servlet_name', baseRequest.getAttribute('javax.servlet.error.servlet_name'));
    baseRequest.setAttribute('javax.servlet.error.message', message ?? (err instanceof Error ? err.message : null));
    baseRequest.setAttribute('javax.servlet.error.status_code', status);
    baseRequest.setAttribute('javax.servlet.error.request_uri', baseRequest.getRequestURI());
    baseRequest.getResponse().reset();
    response.setStatus(status);
    try {
      await mapped.holder.handle(request, response);
      return true;
    } catch (inner) {
      Log.getLogger('org.eclipse.jetty.servlet.ErrorPageErrorHandler').warn(
        `Cannot render error page '${page}' of ${this.getContextPath()}: ${summarizeError(inner)}`,
        inner,
      );
      const res = baseRequest.getResponse();
      if (!res.isCommitted()) {
        res.reset();
        res.sendError(status, message ?? undefined); // the default page
        baseRequest.removeAttribute(PENDING_ERROR_PAGE);
      }
      return true;
    } finally {
      baseRequest.setDispatcherType(oldType);
      baseRequest.setServletPath(oldServletPath);
      baseRequest.setPathInfo(oldPathInfo);
    }
  }

  override dumpSelf(): string {
    return `${this.constructor.name}@${this.getDisplayName() ?? ''}{${this.getContextPath()},${this._war ?? this.getResourceBase() ?? 'null'},${this.getState()}}`;
  }
}
