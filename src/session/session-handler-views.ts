/**
 * The duck-typed views of the server's Request, Response, Server and handler tree that SessionHandler
 * uses, so that src/session never imports the server's Request, Response or Server classes.
 * @module
 */
import type { SessionCookie } from '../server/session-manager-bridge';
import type { HttpSession } from '../servlet/http-session';
import type { SessionContextHost } from './session-context';
import type { SessionIdManager } from './session-id-manager';

/** The request methods this handler uses, all optional (duck-typed against the server's Request). */
export interface RequestView {
  getHeader?(name: string): string | null | undefined;
  getHeaders?(name: string): Iterable<string> | string[] | null | undefined;
  getRequestURI?(): string;
  isSecure?(): boolean;
  getDispatcherType?(): unknown;
  getContextPath?(): string;
  getRemoteUser?(): string | null;
  getAttribute?(name: string): unknown;
  setAttribute?(name: string, value: unknown): void;
  getSessionHandler?(): unknown;
  setSessionHandler?(h: unknown): void;
  setSession?(s: HttpSession | null): void;
  getCurrentSession?(): HttpSession | null;
  getRequestedSessionId?(): string | null;
  setRequestedSessionId?(id: string | null): void;
  setRequestedSessionIdFromCookie?(b: boolean): void;
  getResponse?(): ResponseView | null;
  getBaseRequest?(): unknown;
  setHandled?(b: boolean): void;
}
export interface ResponseView {
  addHeader?(name: string, value: string): void;
  setHeader?(name: string, value: string): void;
  getHeaders?(name: string): Iterable<string> | string[] | null | undefined;
  sendError?(status: number, message?: string): unknown;
  isCommitted?(): boolean;
  addBeforeCommitListener?(listener: () => unknown): void;
  replaceCookie?(cookie: SessionCookie): void;
}

export interface ServerView {
  getSessionIdManager?(): unknown;
  setSessionIdManager?(idm: SessionIdManager): void;
  addBean?(bean: unknown, managed?: boolean): boolean;
  getBeans?(): unknown[];
}
interface NodeView {
  getContextPath?(): string;
  getSessionHandler?(): unknown;
  getHandlers?(): unknown[] | null;
  getHandler?(): unknown;
}
/** The base request behind a (possibly wrapped) request, or the request itself. */
export function baseRequestOf(request: unknown): object {
  const r = request as RequestView;
  const base = typeof r?.getBaseRequest === 'function' ? r.getBaseRequest() : null;
  return (base && typeof base === 'object' ? base : request) as object;
}

/** Replaces any earlier Set-Cookie for the same cookie name, then adds this one. */
export function setCookieHeader(resp: ResponseView, cookie: SessionCookie): void {
  if (resp.isCommitted?.()) return;
  if (typeof resp.replaceCookie === 'function') { resp.replaceCookie(cookie); return; }
  const existing = resp.getHeaders?.('Set-Cookie');
  const prefix = `${cookie.name}=`;
  const keep = existing ? [...existing].filter((h) => !h.startsWith(prefix)) : [];
  if (existing && keep.length !== [...existing].length && resp.setHeader) {
    resp.setHeader('Set-Cookie', keep.length > 0 ? keep[0] : cookie.header);
    for (const h of keep.slice(1)) resp.addHeader?.('Set-Cookie', h);
    if (keep.length > 0) resp.addHeader?.('Set-Cookie', cookie.header);
    return;
  }
  resp.addHeader?.('Set-Cookie', cookie.header);
}

/** Finds the context (nearest ancestor with a context path) holding `handler` in the Server's handler tree. */
export function findContextHost(server: ServerView | null, handler: unknown): SessionContextHost | null {
  if (!server) return null;
  const seen = new Set<unknown>();
  const visit = (node: unknown, ctx: SessionContextHost | null, depth: number): SessionContextHost | null | undefined => {
    if (!node || typeof node !== 'object' || seen.has(node) || depth > 64) return undefined;
    seen.add(node);
    if (node === handler) return ctx;
    const n = node as NodeView;
    const here = typeof n.getContextPath === 'function' && n !== server ? (n as unknown as SessionContextHost) : ctx;
    if (typeof n.getSessionHandler === 'function' && n.getSessionHandler() === handler) return here;
    const kids: unknown[] = [];
    if (typeof n.getHandlers === 'function') kids.push(...(n.getHandlers() ?? []));
    if (typeof n.getHandler === 'function') kids.push(n.getHandler());
    for (const k of kids) {
      const r = visit(k, here, depth + 1);
      if (r !== undefined) return r;
    }
    return undefined;
  };
  return visit(server, null, 0) ?? null;
}

