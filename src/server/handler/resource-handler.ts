/**
 * Jetty's org.eclipse.jetty.server.handler.ResourceHandler: serves static files from a folder as a
 * handler, without servlets (the classic static-site context XML), through the ResourceService that
 * DefaultServlet uses, so paths, ranges and conditional requests are decided by one code path. A request
 * it has no file for, or that is not a GET or HEAD, goes on to the handler it wraps.
 * @module
 */
import * as path from 'node:path';
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Request } from '../request';
import { Resource } from '../resource';
import { ResourceService } from '../resource-service';
import { encodePath } from '../uri-path';
import { HandlerWrapper } from './handler-wrapper';

interface ContextView {
  getResourceBasePath?(): string | null;
  getWelcomeFiles?(): string[];
  getServletContext?(): { getMimeType(f: string): string | null };
}

/**
 * Settings (Jetty 9.4's): `resourceBase` / `baseResource` (default: the context's), `directoriesListed`
 * (false), `welcomeFiles` (index.html), `redirectWelcome` (false), `etags` (true in Pier, false in Jetty),
 * `acceptRanges` (true), `cacheControl` (none), `gzip` / `precompressedFormats` (serve `<file>.gz`).
 */
@JettyClass('org.eclipse.jetty.server.handler.ResourceHandler', { implements: ['org.eclipse.jetty.server.Handler'] })
export class ResourceHandler extends HandlerWrapper {
  private readonly _service = new ResourceService();
  private _resourceBase: string | null = null;
  private _welcomeFiles: string[] | null = null;
  /** The context of the request being served. */
  private _context: ContextView | null = null;

  constructor() {
    super();
    this._service.welcomeFiles = (req) => this._welcomeFiles ?? contextOf(req)?.getWelcomeFiles?.() ?? ['index.html'];
    this._service.mimeType = (file) => this.mimeTypeOf(file);
  }

  @Expose('String') setResourceBase(base: string | null): void {
    this._resourceBase = base === null ? null : toPath(base);
  }
  @Expose() getResourceBase(): string | null {
    return this._resourceBase;
  }
  @Expose('org.eclipse.jetty.util.resource.Resource') setBaseResource(r: Resource | null): void {
    this._resourceBase = r === null ? null : toPath(String(r));
  }
  @Expose() getBaseResource(): Resource | null {
    return this._resourceBase === null ? null : new Resource(this._resourceBase);
  }
  @Expose('boolean') setDirectoriesListed(b: boolean): void {
    this._service.dirAllowed = b;
  }
  @Expose() isDirectoriesListed(): boolean {
    return this._service.dirAllowed;
  }
  @Expose('boolean') setDirAllowed(b: boolean): void {
    this._service.dirAllowed = b;
  }
  @Expose() isDirAllowed(): boolean {
    return this._service.dirAllowed;
  }
  @Expose('String[]') setWelcomeFiles(files: string[] | null): void {
    this._welcomeFiles = files === null ? null : [...files];
  }
  @Expose() getWelcomeFiles(): string[] {
    return this._welcomeFiles ?? ['index.html'];
  }
  @Expose('boolean') setRedirectWelcome(b: boolean): void {
    this._service.redirectWelcome = b;
  }
  @Expose() isRedirectWelcome(): boolean {
    return this._service.redirectWelcome;
  }
  @Expose('boolean') setEtags(b: boolean): void {
    this._service.etags = b;
  }
  @Expose() isEtags(): boolean {
    return this._service.etags;
  }
  @Expose('boolean') setAcceptRanges(b: boolean): void {
    this._service.acceptRanges = b;
  }
  @Expose() isAcceptRanges(): boolean {
    return this._service.acceptRanges;
  }
  @Expose('String') setCacheControl(v: string | null): void {
    this._service.cacheControl = v;
  }
  @Expose() getCacheControl(): string | null {
    return this._service.cacheControl;
  }
  /** 9.4's deprecated spelling: serve `<file>.gz` to clients that accept gzip. */
  @Expose('boolean') setGzip(b: boolean): void {
    this._service.precompressedGzip = b;
  }
  @Expose() isGzip(): boolean {
    return this._service.precompressedGzip;
  }
  /** Precompressed formats by name (`gzip` is the one Pier serves; others are refused). */
  @Expose('String[]') setPrecompressedFormats(formats: string[] | null): void {
    const names = (formats ?? []).map((f) => String(f).split('=')[0].trim().toLowerCase());
    const unknown = names.filter((n) => n !== 'gzip');
    if (unknown.length > 0)
      throw new Error(`Cannot set precompressedFormats: Pier serves only gzip precompressed files, not ${unknown.map((u) => `'${u}'`).join(', ')}`);
    this._service.precompressedGzip = names.includes('gzip');
  }

  override async handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (baseRequest.isHandled()) return;
    const method = request.getMethod();
    if (method !== 'GET' && method !== 'HEAD') {
      await super.handle(target, baseRequest, request, response);
      return;
    }
    const ctx = contextOf(request);
    this._context = ctx;
    const base = this._resourceBase ?? ctx?.getResourceBasePath?.() ?? null;
    if (this._service.getBase() !== base) this._service.setBase(base);
    const servedPath = encodePath(`${request.getContextPath()}${target}`);
    baseRequest.setHandled(true);
    if (await this._service.doGet(request, response, target, servedPath)) return;
    baseRequest.setHandled(false);
    await super.handle(target, baseRequest, request, response);
  }

  /** The content type from the context's MIME table (the handler serves one context). */
  private mimeTypeOf(file: string): string | null {
    return this._context?.getServletContext?.()?.getMimeType(file) ?? null;
  }

  override toString(): string {
    return `ResourceHandler@${this.getState()}[${this._resourceBase ?? '(context base)'}]`;
  }
}

function contextOf(req: HttpServletRequest): ContextView | null {
  return ((req as unknown as Request).getContext?.() as unknown as ContextView | null) ?? null;
}

function toPath(base: string): string {
  return path.resolve(base.startsWith('file:') ? new URL(base).pathname : base);
}
