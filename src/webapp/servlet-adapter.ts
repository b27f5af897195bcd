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

/** The adapter behind asServlet(). */
export class PlainServletAdapter implements Servlet {
  private _config: ServletConfig | null = null;
  constructor(readonly target: object) {}

  async init(config: ServletConfig): Promise<void> {
    this._config = config;
    const init = (this.target as { init?: (c: ServletConfig) => unknown }).init;
    if (typeof init === 'function') await init.call(this.target, config);
  }

  getServletConfig(): ServletConfig | null {
    return this._config;
  }

  async service(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    const own = fn(this.target, 'service');
    if (own) {
      await own(req, res);
      return;
    }
    const method = req.getMethod().toUpperCase();
    const handler = DO_METHODS[method] ? fn(this.target, DO_METHODS[method]) : undefined;
    if (handler) {
      await handler(req, res);
      return;
    }
    if (method === 'HEAD') {
      const get = fn(this.target, 'doGet');
      if (get) {
        await get(req, res);
        return;
      }
    }
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
