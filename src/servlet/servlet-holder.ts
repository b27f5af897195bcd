/**
 * Holds one servlet (org.eclipse.jetty.servlet.ServletHolder): its class or instance, init parameters,
 * init order (load-on-startup) and lifecycle; init runs once, at start when initOrder >= 0, else on the
 * first request.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import { ServletException, UnavailableException } from '../servlet-api/errors';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import { Holder } from './holder';
import { DONE as RESOLVED } from '../server/done';
import type { Servlet } from '../servlet-api/servlet';
import { SERVICE_FINISHED } from '../servlet-api/http-servlet';
import type { ServletConfig } from '../servlet-api/servlet-config';

/**
 * Jetty's ServletHolder. Made by web.xml `<servlet>` (through the webapp engineer's processor) or by
 * `context.addServlet(MyServlet, '/path/*')`; XML: `<New class="org.eclipse.jetty.servlet.ServletHolder">`
 * with `name`, `className`, `initOrder`, `initParameter`s, `enabled`.
 */
@JettyClass('org.eclipse.jetty.servlet.ServletHolder', {
  ctors: [
    [],
    [{ name: 'servlet', type: 'java.lang.Class' }],
    [{ name: 'servlet', type: 'javax.servlet.Servlet' }],
    [
      { name: 'name', type: 'String' },
      { name: 'servlet', type: 'java.lang.Class' },
    ],
    [
      { name: 'name', type: 'String' },
      { name: 'servlet', type: 'javax.servlet.Servlet' },
    ],
  ],
})
export class ServletHolder extends Holder<Servlet> {
  private _initOrder = -1;
  private _enabled = true;
  private _initialized = false;
  private _initPromise: Promise<Servlet> | null = null;
  private _unavailable: unknown = null;
  private _servlet: Servlet | null = null;

  /** `new ServletHolder(MyServlet)`, `new ServletHolder(instance)`, `new ServletHolder('name', MyServlet)`. */
  constructor(...args: unknown[]) {
    super('servlet');
    if (args.length >= 2 && typeof args[0] === 'string') {
      this.setSource(args[1]);
      this.setName(args[0]);
    } else if (args.length === 1 && args[0] !== null && args[0] !== undefined) {
      this.setSource(args[0]);
    }
  }

  @Expose('int') setInitOrder(order: number): void {
    this._initOrder = order;
  }
  @Expose() getInitOrder(): number {
    return this._initOrder;
  }
  @Expose('boolean') setEnabled(b: boolean): void {
    this._enabled = b;
  }
  @Expose() isEnabled(): boolean {
    return this._enabled;
  }
  @Expose('javax.servlet.Servlet') setServlet(servlet: Servlet): void {
    this.setInstance(servlet);
  }
  /** The servlet, initialising it first if needed. */
  async getServlet(): Promise<Servlet> {
    return this.ensureInitialized();
  }
  isInitialized(): boolean {
    return this._initialized;
  }
  /** Why the servlet is unavailable (its init failed), if it is. */
  getUnavailableCause(): unknown {
    return this._unavailable;
  }

  /** The ServletConfig handed to init(). */
  getServletConfig(): ServletConfig {
    return this.config('getServletName') as unknown as ServletConfig;
  }

  protected override async doStart(): Promise<void> {
    this._unavailable = null;
    if (!this._heldClass && !this._className && !this._instance) {
      throw new ServletException(`Cannot start servlet '${this._name}': no class or instance is set`);
    }
  }

  /** Initialises now (load-on-startup); called by the ServletHandler in initOrder order. */
  async initialize(): Promise<void> {
    await this.ensureInitialized();
  }

  private ensureInitialized(): Promise<Servlet> {
    if (this._initialized && this._servlet) return Promise.resolve(this._servlet);
    if (this._unavailable) return Promise.reject(new UnavailableException(`Servlet '${this._name}' is unavailable`, { cause: this._unavailable }));
    if (!this._initPromise) {
      this._initPromise = (async () => {
        try {
          const servlet = await this.createInstance();
          if (typeof servlet.service !== 'function') {
            throw new ServletException(`Cannot use '${this._name}' as a servlet: it has no service() method`);
          }
          if (typeof servlet.init === 'function') await servlet.init(this.getServletConfig());
          this._servlet = servlet;
          this._initialized = true;
          return servlet;
        } catch (err) {
          this._unavailable = err;
          throw err instanceof ServletException
            ? err
            : new ServletException(`Cannot initialize servlet '${this._name}': ${(err as Error)?.message ?? String(err)}`, { cause: err });
        } finally {
          this._initPromise = null;
        }
      })();
    }
    return this._initPromise;
  }

  /** Runs the servlet's service() for a request (no extra await once the servlet is initialised). */
  handle(request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const ready = this._initialized ? this._servlet : null;
    if (ready) {
      try {
        // a servlet that finished synchronously costs no promise (the hot path); a promise is passed on as it is
        const result = ready.service(request, response);
        return result === undefined || result === SERVICE_FINISHED ? RESOLVED : Promise.resolve(result);
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.ensureInitialized().then((servlet) => servlet.service(request, response));
  }

  protected override async doStop(): Promise<void> {
    const s = this._servlet;
    this._servlet = null;
    this._initialized = false;
    if (s && typeof s.destroy === 'function') await s.destroy();
    if (s === this._instance) {
      /* keep the user-supplied instance for a restart */
    }
  }

  dumpSelf(): string {
    return `${this._name}@${this.getClassName() ?? '?'}==${this._initOrder},jsp=null,order=${this._initOrder},inst=${this._initialized},async=${this._asyncSupported}`;
  }
}
