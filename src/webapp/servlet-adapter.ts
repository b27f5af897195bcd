/**
 * Lets a web app's plain JavaScript classes act as servlets, filters and listeners: the container
 * calls `init(config)`, `service(req, res)` or `doGet/doPost/...`, and `destroy()` where they exist.
 * @module
 */
import type { Filter } from '../servlet-api/filter';
import type { FilterChain } from '../servlet-api/filter-chain';
import type { FilterConfig } from '../servlet-api/filter-config';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import type { Servlet } from '../servlet-api/servlet';
import type { ServletConfig } from '../servlet-api/servlet-config';

type Method = (req: HttpServletRequest, res: HttpServletResponse) => unknown;

const DO_METHODS: Record<string, string> = {
  GET: 'doGet',
  HEAD: 'doHead',
  POST: 'doPost',
  PUT: 'doPut',
  DELETE: 'doDelete',
  OPTIONS: 'doOptions',
  TRACE: 'doTrace',
  PATCH: 'doPatch',
};

function fn(obj: object, name: string): Method | undefined {
  const f = (obj as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as Method).bind(obj) : undefined;
}

/** What a servlet method returned, as the container waits for it: its promise, or nothing when it finished. */
function settled(result: unknown): void | Promise<void> {
  if (result instanceof Promise) return result as Promise<void>;
  // another library's thenable is waited for as `await` would
  return typeof (result as { then?: unknown } | null | undefined)?.then === 'function' ? Promise.resolve(result as PromiseLike<void>) : undefined;
}

/**
 * Wraps an object that does not implement `service` (a plain class with `doGet`/`doPost`/...) so the
 * ServletHolder can drive it like javax.servlet.http.HttpServlet: HEAD falls back to doGet, OPTIONS
 * answers Allow, other missing methods answer 405. Objects with `service` are returned unchanged.
 */
export function asServlet(obj: object): Servlet {
  if (typeof (obj as Servlet).service === 'function' && typeof (obj as Servlet).init === 'function' && typeof (obj as Servlet).destroy === 'function')
    return obj as Servlet;
  return new PlainServletAdapter(obj);
}

/**
 * The adapter behind asServlet(). It is on every request of a web app's plain servlet, so the target's
 * methods are looked up and bound once per HTTP method (only the methods DO_METHODS names, so a client
 * cannot grow the table), and a synchronous `doGet` costs no promise of the adapter's own.
 */
export class PlainServletAdapter implements Servlet {
  private _config: ServletConfig | null = null;
  /** The target's own `service`, bound; null when it has none; undefined until first asked. */
  private _service: Method | null | undefined = undefined;
  /** For each HTTP method of DO_METHODS, the bound method that answers it (HEAD may be doGet), or null. */
  private readonly _handlers = new Map<string, Method | null>();
  constructor(readonly target: object) {}

  async init(config: ServletConfig): Promise<void> {
    this._config = config;
    const init = (this.target as { init?: (c: ServletConfig) => unknown }).init;
    if (typeof init === 'function') await init.call(this.target, config);
  }

  getServletConfig(): ServletConfig | null {
    return this._config;
  }

  service(req: HttpServletRequest, res: HttpServletResponse): void | Promise<void> {
    if (this._service === undefined) this._service = fn(this.target, 'service') ?? null;
    if (this._service !== null) return settled(this._service(req, res));
    const method = req.getMethod().toUpperCase();
    let handler = this._handlers.get(method);
    if (handler === undefined && DO_METHODS[method]) {
      handler = fn(this.target, DO_METHODS[method]) ?? (method === 'HEAD' ? fn(this.target, 'doGet') : undefined) ?? null;
      this._handlers.set(method, handler);
    }
    if (handler) return settled(handler(req, res));
    if (method === 'OPTIONS') {
      res.setHeader('Allow', this.allowed().join(', '));
      return;
    }
    if (!DO_METHODS[method]) {
      res.sendError(501, `Method ${method} is not implemented by this servlet`);
      return;
    }
    res.sendError(405, `HTTP method ${method} is not supported by this URL`);
  }

  async destroy(): Promise<void> {
    const destroy = fn(this.target, 'destroy') as (() => unknown) | undefined;
    if (destroy) await (destroy as () => unknown)();
  }

  private allowed(): string[] {
    const out: string[] = [];
    for (const [m, name] of Object.entries(DO_METHODS)) {
      if (fn(this.target, name) || (m === 'HEAD' && fn(this.target, 'doGet'))) out.push(m);
    }
    out.push('OPTIONS');
    return [...new Set(out)];
  }
}

/** Wraps an object with `doFilter` so `init`/`destroy` are optional; refuses objects without doFilter. */
export function asFilter(obj: object, className: string): Filter {
  const doFilter = fn(obj, 'doFilter') as unknown as ((q: HttpServletRequest, s: HttpServletResponse, c: FilterChain) => unknown) | undefined;
  if (!doFilter) throw new TypeError(`Cannot use '${className}' as a filter: it has no doFilter(request, response, chain) method`);
  return {
    init: async (config: FilterConfig) => {
      const i = fn(obj, 'init') as unknown as ((c: FilterConfig) => unknown) | undefined;
      if (i) await i(config);
    },
    doFilter: async (q, s, c) => {
      await doFilter(q, s, c);
    },
    destroy: async () => {
      const d = fn(obj, 'destroy') as unknown as (() => unknown) | undefined;
      if (d) await d();
    },
  };
}
