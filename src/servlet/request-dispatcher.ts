/**
 * Forwards or includes a request to another path or named servlet of the same context
 * (javax.servlet.RequestDispatcher, implemented like org.eclipse.jetty.server.Dispatcher).
 * @module
 */
import { IllegalStateException } from '../servlet-api/errors';
import type { DispatcherType } from '../servlet-api/dispatcher-type';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import type { Request } from '../server/request';
import type { Response } from '../server/response';

/** The attributes a forward sets (javax.servlet.forward.*), and an include (javax.servlet.include.*). */
export const FORWARD_ATTRIBUTES = {
  REQUEST_URI: 'javax.servlet.forward.request_uri',
  CONTEXT_PATH: 'javax.servlet.forward.context_path',
  SERVLET_PATH: 'javax.servlet.forward.servlet_path',
  PATH_INFO: 'javax.servlet.forward.path_info',
  QUERY_STRING: 'javax.servlet.forward.query_string',
} as const;
export const INCLUDE_ATTRIBUTES = {
  REQUEST_URI: 'javax.servlet.include.request_uri',
  CONTEXT_PATH: 'javax.servlet.include.context_path',
  SERVLET_PATH: 'javax.servlet.include.servlet_path',
  PATH_INFO: 'javax.servlet.include.path_info',
  QUERY_STRING: 'javax.servlet.include.query_string',
} as const;

/** javax.servlet.RequestDispatcher */
export interface RequestDispatcher {
  forward(request: HttpServletRequest, response: HttpServletResponse): Promise<void>;
  include(request: HttpServletRequest, response: HttpServletResponse): Promise<void>;
}

/** What a Dispatcher needs from the ServletHandler of its context. */
export interface DispatchTarget {
  /** Runs the servlet mapped to `pathInContext` (or named `servletName`) with the filters for `type`. */
  dispatch(
    type: DispatcherType,
    pathInContext: string | null,
    servletName: string | null,
    baseRequest: Request,
    request: HttpServletRequest,
    response: HttpServletResponse,
  ): Promise<void>;
}

/** Jetty's Dispatcher: made by `getRequestDispatcher(path)` or `getNamedDispatcher(name)`. */
export class Dispatcher implements RequestDispatcher {
  constructor(
    private readonly _target: DispatchTarget,
    private readonly _contextPath: string,
    private readonly _pathInContext: string | null,
    private readonly _query: string | null,
    private readonly _servletName: string | null = null,
  ) {}

  /** Forwards: the buffer is reset, paths become the target's, and the response is closed afterwards. */
  async forward(request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    await this.forwardAs('FORWARD', request, response);
  }

  /**
   * Forwards with another dispatcher type (ERROR for error pages): the same path rewrite, the filters
   * mapped for that type.
   */
  async forwardAs(type: DispatcherType, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const base = baseOf(request);
    const res = baseResponseOf(response);
    if (response.isCommitted()) throw new IllegalStateException('Cannot forward: the response is committed');
    response.resetBuffer();
    const saved = base.saveDispatchState();
    try {
      if (this._servletName === null && base.getAttribute(FORWARD_ATTRIBUTES.REQUEST_URI) === null && type === 'FORWARD') {
        base.setAttribute(FORWARD_ATTRIBUTES.REQUEST_URI, base.getRequestURI());
        base.setAttribute(FORWARD_ATTRIBUTES.CONTEXT_PATH, base.getContextPath());
        base.setAttribute(FORWARD_ATTRIBUTES.SERVLET_PATH, base.getServletPath());
        base.setAttribute(FORWARD_ATTRIBUTES.PATH_INFO, base.getPathInfo());
        base.setAttribute(FORWARD_ATTRIBUTES.QUERY_STRING, base.getQueryString());
      }
      if (this._pathInContext !== null) {
        base.setRequestURIOverride(encodePath(this._contextPath + this._pathInContext));
        if (this._query) base.mergeQueryString(this._query);
      }
      base.setDispatcherType(type);
      await this._target.dispatch(type, this._pathInContext, this._servletName, base, request, response);
    } finally {
      base.restoreDispatchState(saved);
    }
    if (typeof res.closeOutput === 'function') res.closeOutput();
  }

  /** Includes: the target writes into this response; it cannot change status or headers. */
  async include(request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    const base = baseOf(request);
    const res = baseResponseOf(response);
    const saved = base.saveDispatchState();
    const old = Object.values(INCLUDE_ATTRIBUTES).map((k) => [k, base.getAttribute(k)] as const);
    res.setIncluding?.(true);
    try {
      if (this._pathInContext !== null) {
        base.setAttribute(INCLUDE_ATTRIBUTES.REQUEST_URI, encodePath(this._contextPath + this._pathInContext));
        base.setAttribute(INCLUDE_ATTRIBUTES.CONTEXT_PATH, this._contextPath);
        base.setAttribute(INCLUDE_ATTRIBUTES.QUERY_STRING, this._query);
        if (this._query) base.mergeQueryString(this._query);
      }
      base.setDispatcherType('INCLUDE');
      await this._target.dispatch('INCLUDE', this._pathInContext, this._servletName, base, request, response);
    } finally {
      res.setIncluding?.(false);
      base.restoreDispatchState(saved);
      for (const [k, v] of old) base.setAttribute(k, v);
    }
  }
}

function baseOf(request: HttpServletRequest): Request {
  const r = request as unknown as Request & { getBaseRequest?: () => unknown };
  if (typeof r.saveDispatchState === 'function') return r;
  const inner = r.getBaseRequest?.() as Request | undefined;
  if (inner && typeof inner.saveDispatchState === 'function') return inner;
  throw new IllegalStateException('Cannot dispatch: the request is not a container request');
}

/** The container's response under any HttpServletResponseWrapper. */
function baseResponseOf(response: HttpServletResponse): Response {
  let r: unknown = response;
  for (let i = 0; i < 64; i++) {
    const w = r as { getResponse?: () => unknown; closeOutput?: unknown };
    if (typeof w.closeOutput === 'function' || typeof w.getResponse !== 'function') break;
    r = w.getResponse();
  }
  return r as Response;
}

function encodePath(p: string): string {
  return p
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}
