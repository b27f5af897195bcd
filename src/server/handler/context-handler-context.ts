/**
 * The ServletContext a ContextHandler gives its servlets (Jetty's inner class ContextHandler.Context):
 * attributes with listener events, init parameters, real paths confined to the resource base, MIME
 * types and logging.
 * @module
 */
import * as path from 'node:path';
import * as mime from 'mime-types';
import { Expose, JettyClass } from '../../ioc/metadata';
import type { ServletContextAttributeListener } from '../../servlet-api/listeners';
import type { ServletContext } from '../../servlet-api/servlet-context';
import { Log } from '../../util/log';

/** What the Context needs from its ContextHandler. */
export interface ContextOwner {
  getContextPath(): string;
  getDisplayName(): string | null;
  getResourceBasePath(): string | null;
  getInitParams(): Map<string, string>;
  getContextAttributeListeners(): ServletContextAttributeListener[];
  isStarted(): boolean;
  getMimeTypes(): Map<string, string>;
  /** Servlet contexts make dispatchers; plain contexts return null. */
  getRequestDispatcher?(pathInContext: string): unknown;
  getNamedDispatcher?(name: string): unknown;
}

/** Jetty's ContextHandler.Context: the javax.servlet.ServletContext of one context (`<Get name="servletContext">`). */
@JettyClass('org.eclipse.jetty.server.handler.ContextHandler$Context', {
  aliases: ['org.eclipse.jetty.server.handler.ContextHandler.Context'],
  implements: ['javax.servlet.ServletContext'],
  abstract: true,
})
export class Context implements ServletContext {
  private readonly _attributes = new Map<string, unknown>();

  constructor(private readonly _owner: ContextOwner) {}

  @Expose()
  getContextPath(): string {
    const cp = this._owner.getContextPath();
    return cp === '/' ? '' : cp;
  }
  @Expose()
  getServletContextName(): string | null {
    return this._owner.getDisplayName();
  }

  @Expose('String')
  getAttribute(name: string): unknown {
    return this._attributes.get(name) ?? null;
  }
  @Expose()
  getAttributeNames(): string[] {
    return [...this._attributes.keys()];
  }
  @Expose('String', 'Object')
  setAttribute(name: string, value: unknown): void {
    if (value === null || value === undefined) {
      this.removeAttribute(name);
      return;
    }
    const old = this._attributes.get(name);
    this._attributes.set(name, value);
    const kind = old === undefined ? 'attributeAdded' : 'attributeReplaced';
    this.fire(kind, name, old === undefined ? value : old);
  }
  @Expose('String')
  removeAttribute(name: string): void {
    if (!this._attributes.has(name)) return;
    const old = this._attributes.get(name);
    this._attributes.delete(name);
    this.fire('attributeRemoved', name, old);
  }
  /** Removes every attribute without events (at context stop). */
  clearAttributes(): void {
    this._attributes.clear();
  }

  private fire(kind: 'attributeAdded' | 'attributeReplaced' | 'attributeRemoved', name: string, value: unknown): void {
    const listeners = this._owner.getContextAttributeListeners();
    if (listeners.length === 0) return;
    const event = { getServletContext: () => this, getName: () => name, getValue: () => value };
    for (const l of listeners) l[kind]?.(event);
  }

  @Expose('String')
  getInitParameter(name: string): string | null {
    return this._owner.getInitParams().get(name) ?? null;
  }
  @Expose()
  getInitParameterNames(): string[] {
    return [...this._owner.getInitParams().keys()];
  }
  @Expose('String', 'String')
  setInitParameter(name: string, value: string): boolean {
    if (this._owner.isStarted()) throw new Error(`Cannot set init parameter '${name}': the context is started`);
    const params = this._owner.getInitParams();
    if (params.has(name)) return false;
    params.set(name, value);
    return true;
  }

  @Expose('String')
  getRealPath(p: string): string | null {
    const base = this._owner.getResourceBasePath();
    if (!base || p === null || p === undefined) return null;
    const rel = String(p).replace(/\\/g, '/');
    if (rel.includes('\0')) return null;
    const resolved = path.resolve(base, `.${rel.startsWith('/') ? '' : '/'}${rel}`);
    if (resolved !== base && !resolved.startsWith(base.endsWith(path.sep) ? base : base + path.sep)) return null;
    return resolved;
  }

  @Expose('String')
  getMimeType(file: string): string | null {
    const ext = path.extname(file).slice(1).toLowerCase();
    const own = this._owner.getMimeTypes().get(ext);
    if (own) return own;
    const t = mime.lookup(file);
    return t === false ? null : t;
  }

  /** A dispatcher for `path` (must start with '/'; `..` may not leave the context), or null. */
  @Expose('String')
  getRequestDispatcher(p: string): unknown {
    if (typeof p !== 'string' || !p.startsWith('/')) return null;
    return this._owner.getRequestDispatcher?.(p) ?? null;
  }
  @Expose('String')
  getNamedDispatcher(name: string): unknown {
    return this._owner.getNamedDispatcher?.(name) ?? null;
  }

  @Expose('String')
  @Expose('String', 'java.lang.Throwable')
  log(message: string, error?: unknown): void {
    // Jetty: log(msg) at INFO, log(msg, throwable) at WARN, on the context's own logger
    const log = Log.getLogger(contextLoggerName(this._owner.getDisplayName(), this.getContextPath()));
    if (error === undefined || error === null) log.info(message);
    else log.warn(`${message}: ${error instanceof Error ? error.message : String(error)}`, error);
  }

  toString(): string {
    return `ServletContext@${this.getContextPath() || '/'}`;
  }
}

/**
 * Jetty's name of a context's logger: `org.eclipse.jetty.server.handler.ContextHandler.` followed by the
 * display name, else the context path without its slash (`ROOT` for the root context), with every
 * character other than a letter, digit or `_` replaced by `_`.
 */
export function contextLoggerName(displayName: string | null | undefined, contextPath: string | null | undefined): string {
  let name = displayName ?? '';
  if (name.trim() === '') {
    name = (contextPath ?? '').replace(/^\//, '');
    if (name.trim() === '') name = 'ROOT';
  }
  return `org.eclipse.jetty.server.handler.ContextHandler.${name.replace(/\W/g, '_')}`;
}
