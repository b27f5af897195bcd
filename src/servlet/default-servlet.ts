/**
 * Serves static files from the context's resource base (org.eclipse.jetty.servlet.DefaultServlet), through
 * the ResourceService it shares with ResourceHandler: ETag and Last-Modified with conditional requests
 * (304/412), byte ranges (206, several as multipart/byteranges, 416), HEAD, POST as GET, welcome files,
 * optional directory listings and precompressed files; never serves anything outside the base (symlinks
 * leaving it included) or inside its WEB-INF/META-INF.
 * @module
 */
import * as path from 'node:path';
import { JettyClass } from '../ioc/metadata';
import type { Request } from '../server/request';
import { ResourceService } from '../server/resource-service';
import { encodePath } from '../server/uri-path';
import { HttpServlet } from '../servlet-api/http-servlet';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';

interface ContextView {
  getWelcomeFiles?(): string[];
}

/**
 * Jetty's DefaultServlet, usually mapped to `/` (webdefault.xml does). Init parameters: `resourceBase`
 * (default: the context's), `dirAllowed` (false), `welcomeFiles` (the context's), `redirectWelcome` (false),
 * `etags` (true), `acceptRanges` (true), `cacheControl` (none), `pathInfoOnly` (false), `gzip` (false: serve
 * `<file>.gz` to clients that accept gzip).
 */
@JettyClass('org.eclipse.jetty.servlet.DefaultServlet', { implements: ['javax.servlet.Servlet'] })
export class DefaultServlet extends HttpServlet {
  private readonly _service = new ResourceService();
  private _pathInfoOnly = false;
  private _welcomeFiles: string[] = [];

  protected override initServlet(): void {
    const bool = (name: string, dflt: boolean): boolean => {
      const v = this.getInitParameter(name);
      if (v === null) return dflt;
      return /^(true|t|yes|y|1)$/i.test(v.trim());
    };
    const s = this._service;
    s.dirAllowed = bool('dirAllowed', false);
    s.redirectWelcome = bool('redirectWelcome', false);
    s.etags = bool('etags', true);
    s.acceptRanges = bool('acceptRanges', true);
    s.precompressedGzip = bool('gzip', false);
    s.cacheControl = this.getInitParameter('cacheControl');
    this._pathInfoOnly = bool('pathInfoOnly', false);
    const ctx = this.getServletContext() as unknown as { getRealPath(p: string): string | null; getMimeType(f: string): string | null } | null;
    const own = this.getInitParameter('resourceBase');
    s.setBase(own ? path.resolve(own) : (ctx?.getRealPath('/') ?? null));
    const wf = this.getInitParameter('welcomeFiles');
    this._welcomeFiles = wf
      ? wf
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [];
    s.welcomeFiles = (req) => this.welcomeFiles(req);
    s.mimeType = (file) => this.getServletContext()?.getMimeType(file) ?? null;
  }

  private welcomeFiles(req: HttpServletRequest): string[] {
    if (this._welcomeFiles.length > 0) return this._welcomeFiles;
    const ctx = (req as unknown as Request).getContext?.() as unknown as ContextView | null;
    return ctx?.getWelcomeFiles?.() ?? ['index.html', 'index.htm'];
  }

  protected override async doGet(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    const servletPath = req.getServletPath();
    const pathInfo = req.getPathInfo();
    const pathInContext = this._pathInfoOnly ? (pathInfo ?? '/') : `${servletPath}${pathInfo ?? ''}` || '/';
    if (!(await this._service.doGet(req, res, pathInContext, requestPath(req)))) res.sendError(404);
  }

  /** A static file answers POST as GET (as Jetty's DefaultServlet). */
  protected override doPost(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    return this.doGet(req, res);
  }

  /** The methods a static resource answers; TRACE is refused (405), so it is not among them. */
  protected override doOptions(_req: HttpServletRequest, res: HttpServletResponse): void {
    res.setHeader('Allow', 'GET,HEAD,POST,OPTIONS');
  }
}

/**
 * The path being served, encoded for a URL: built from the canonical path (context, servlet path,
 * path info), never the raw URI, so `//host/..` or `;params` in a request never reach a Location or a link.
 */
function requestPath(req: HttpServletRequest): string {
  return encodePath(`${req.getContextPath()}${req.getServletPath()}${req.getPathInfo() ?? ''}`);
}
