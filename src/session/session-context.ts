/**
 * What a session store needs to know about its context (org.eclipse.jetty.server.session.SessionContext):
 * the worker name, the canonical context path and the virtual host, computed as Jetty 9.4 does.
 * @module
 */
import type { ServletContext } from '../servlet-api/servlet-context';

/** The parts of a context handler (a ContextHandler implements them) that the session machinery reads. */
export interface SessionContextHost {
  getContextPath(): string | null;
  getVirtualHosts(): readonly string[] | null;
  getServletContext(): ServletContext;
  /** The context's init-parameter (web.xml `<context-param>`), null when unset. */
  getInitParameter(name: string): string | null;
  getAttribute(name: string): unknown;
}

/** Characters Jetty's StringUtil.sanitizeFileSystemName replaces with '_' (besides controls and >= 0x7F). */
const UNSAFE = new Set('|><&\\.:="/,*?! '.split(''));

/** Jetty 9.4.20+ StringUtil.sanitizeFileSystemName: control chars, >= 0x7F and `|><&\.:="/,*?! ` become '_'. */
export function sanitizeFileSystemName(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    out += c <= 0x1f || c >= 0x7f || UNSAFE.has(ch) ? '_' : ch;
  }
  return out;
}

/** Canonical context path: the context path ("" for the root) sanitised for file names and keys. */
export function canonicalizeContextPath(contextPath: string | null | undefined): string {
  if (contextPath === null || contextPath === undefined || contextPath === '/') return '';
  return sanitizeFileSystemName(contextPath);
}

/** Jetty's SessionContext: built by the SessionHandler at start and given to its cache and store. */
export class SessionContext {
  static readonly NULL_VHOST = '0.0.0.0';
  private readonly _canonicalContextPath: string;
  private readonly _vhost: string;

  constructor(
    private readonly _workerName: string,
    private readonly _context: SessionContextHost | null = null,
    private readonly _sessionHandler: unknown = null,
  ) {
    this._canonicalContextPath = canonicalizeContextPath(_context?.getContextPath() ?? null);
    const hosts = _context?.getVirtualHosts() ?? null;
    this._vhost = hosts && hosts.length > 0 && hosts[0] ? hosts[0] : SessionContext.NULL_VHOST;
  }

  getWorkerName(): string {
    return this._workerName;
  }
  getCanonicalContextPath(): string {
    return this._canonicalContextPath;
  }
  getVhost(): string {
    return this._vhost;
  }
  getContext(): SessionContextHost | null {
    return this._context;
  }
  getSessionHandler(): unknown {
    return this._sessionHandler;
  }
  get canonicalContextPath(): string {
    return this._canonicalContextPath;
  }
  get vhost(): string {
    return this._vhost;
  }
  toString(): string {
    return `${this._workerName}_${this._canonicalContextPath}_${this._vhost}`;
  }
}
