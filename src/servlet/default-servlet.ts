/**
 * Serves static files from the context's resource base (org.eclipse.jetty.servlet.DefaultServlet): ETag
 * and Last-Modified with conditional requests (304/412), byte ranges (206, several as multipart/byteranges,
 * 416), HEAD, POST as GET, welcome files, optional directory listings; never serves anything outside the
 * base (symlinks leaving it included) or inside its WEB-INF/META-INF.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JettyClass } from '../ioc/metadata';
import { escapeHtml } from '../server/handler/error-handler';
import type { Response } from '../server/response';
import type { Request } from '../server/request';
import { encodePath } from '../server/uri-path';
import { multipartByteRanges, parseRanges } from './byte-ranges';
import { HttpServlet } from '../servlet-api/http-servlet';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';

interface ContextView {
  getResourceBasePath?(): string | null;
  getWelcomeFiles?(): string[];
}

const FORBIDDEN_DIRS = ['web-inf', 'meta-inf'];

/**
 * Jetty's DefaultServlet, usually mapped to `/` (webdefault.xml does). Init parameters: `resourceBase`
 * (default: the context's), `dirAllowed` (false), `welcomeFiles` (the context's), `redirectWelcome` (false),
 * `etags` (true), `acceptRanges` (true), `cacheControl` (none), `pathInfoOnly` (false).
 */
@JettyClass('org.eclipse.jetty.servlet.DefaultServlet', { implements: ['javax.servlet.Servlet'] })
export class DefaultServlet extends HttpServlet {
  private _base: string | null = null;
  private _realBase: string | null = null;
  private _dirAllowed = false;
  private _redirectWelcome = false;
  private _etags = true;
  private _acceptRanges = true;
  private _pathInfoOnly = false;
  private _cacheControl: string | null = null;
  private _welcomeFiles: string[] = [];

  protected override initServlet(): void {
    const bool = (name: string, dflt: boolean): boolean => {
      const v = this.getInitParameter(name);
      if (v === null) return dflt;
      return /^(true|t|yes|y|1)$/i.test(v.trim());
    };
    this._dirAllowed = bool('dirAllowed', false);
    this._redirectWelcome = bool('redirectWelcome', false);
    this._etags = bool('etags', true);
    this._acceptRanges = bool('acceptRanges', true);
    this._pathInfoOnly = bool('pathInfoOnly', false);
    this._cacheControl = this.getInitParameter('cacheControl');
    const ctx = this.getServletContext() as unknown as { getRealPath(p: string): string | null } | null;
    const own = this.getInitParameter('resourceBase');
    const base = own ? path.resolve(own) : ctx?.getRealPath('/') ?? null;
    this._base = base;
    try { this._realBase = base ? fs.realpathSync(base) : null; } catch { this._realBase = null; }
    const wf = this.getInitParameter('welcomeFiles');
    this._welcomeFiles = wf ? wf.split(',').map((s) => s.trim()).filter(Boolean) : [];
  }

  private welcomeFiles(req: HttpServletRequest): string[] {
    if (this._welcomeFiles.length > 0) return this._welcomeFiles;
    const ctx = (req as unknown as Request).getContext?.() as unknown as ContextView | null;
    return ctx?.getWelcomeFiles?.() ?? ['index.html', 'index.htm'];
  }

  /**
   * The file for a path in context, or null when it is refused: outside the base, or (whatever path
   * led there, symbolic links included) inside the base's WEB-INF or META-INF in any letter case. The
   * context refuses those paths first; this check holds even for a context that does not.
   */
  private async resolve(pathInContext: string): Promise<string | null> {
    const base = this._realBase;
    if (!base) return null;
    if (pathInContext.includes('\\') || pathInContext.includes('\0')) return null;
    const segments = pathInContext.split('/');
    if (segments.some((s) => s === '..' || s === '.')) return null;
    if (segments.length > 1 && FORBIDDEN_DIRS.includes(segments[1].toLowerCase())) return null;
    const candidate = path.join(base, ...segments.filter(Boolean));
    if (candidate !== base && !candidate.startsWith(base + path.sep)) return null;
    let real: string;
    try { real = await fs.promises.realpath(candidate); } catch { return null; }
    if (real === base) return real;
    if (!real.startsWith(base + path.sep)) return null;
    const rest = real.slice(base.length + 1);
    const sep = rest.indexOf(path.sep);
    if (FORBIDDEN_DIRS.includes((sep < 0 ? rest : rest.slice(0, sep)).toLowerCase())) return null;
    return real;
  }

  protected override async doGet(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    const servletPath = req.getServletPath();
    const pathInfo = req.getPathInfo();
    const pathInContext = this._pathInfoOnly ? (pathInfo ?? '/') : `${servletPath}${pathInfo ?? ''}` || '/';
    const file = await this.resolve(pathInContext);
    if (!file) { res.sendError(404); return; }
    let stat: fs.Stats;
    try { stat = await fs.promises.stat(file); } catch { res.sendError(404); return; }
    if (stat.isDirectory()) {
      if (!pathInContext.endsWith('/')) {
        const q = req.getQueryString();
        res.sendRedirect(`${requestPath(req)}/${q ? `?${q}` : ''}`);
        return;
      }
      for (const w of this.welcomeFiles(req)) {
        const wfile = await this.resolve(`${pathInContext}${w}`);
        if (!wfile) continue;
        let wstat: fs.Stats;
        try { wstat = await fs.promises.stat(wfile); } catch { continue; }
        if (!wstat.isFile()) continue;
        if (this._redirectWelcome) { res.sendRedirect(`${requestPath(req)}${encodePath(w)}`); return; }
        await this.sendFile(req, res, wfile, wstat);
        return;
      }
      if (!this._dirAllowed) { res.sendError(403); return; }
      await this.sendListing(req, res, file, pathInContext);
      return;
    }
    if (!stat.isFile()) { res.sendError(404); return; }
    if (pathInContext.endsWith('/')) {
      // a file asked for as a folder: to the file, as Jetty does (from the canonical path, never the raw URI)
      const q = req.getQueryString();
      res.sendRedirect(`${requestPath(req).slice(0, -1)}${q ? `?${q}` : ''}`);
      return;
    }
    await this.sendFile(req, res, file, stat);
  }

  private etagOf(stat: fs.Stats): string {
    return `W/"${Math.floor(stat.mtimeMs).toString(36)}${stat.size.toString(36)}"`;
  }

  private async sendFile(req: HttpServletRequest, res: HttpServletResponse, file: string, stat: fs.Stats): Promise<void> {
    const lastModified = Math.floor(stat.mtimeMs / 1000) * 1000;
    const etag = this._etags ? this.etagOf(stat) : null;
    const weakEq = (a: string, b: string): boolean => a.replace(/^W\//, '') === b.replace(/^W\//, '');
    // preconditions (RFC 7232 order)
    const ifMatch = req.getHeader('if-match');
    if (ifMatch !== null && etag) {
      const ok = ifMatch.trim() === '*' || ifMatch.split(',').some((t) => weakEq(t.trim(), etag));
      // Jetty answers a failed If-Match with the status alone, and a failed If-Unmodified-Since with an error page
      if (!ok) { res.setStatus(412); return; }
    } else {
      const ius = req.getHeader('if-unmodified-since');
      if (ius !== null && !Number.isNaN(Date.parse(ius)) && lastModified > Date.parse(ius)) { res.sendError(412); return; }
    }
    const ifNoneMatch = req.getHeader('if-none-match');
    let notModified = false;
    if (ifNoneMatch !== null && etag) {
      notModified = ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => weakEq(t.trim(), etag));
    } else {
      const ims = req.getHeader('if-modified-since');
      if (ims !== null && !Number.isNaN(Date.parse(ims)) && lastModified <= Date.parse(ims)) notModified = true;
    }
    if (etag) res.setHeader('ETag', etag);
    if (this._cacheControl) res.setHeader('Cache-Control', this._cacheControl);
    // a 304 carries the ETag but not Last-Modified, as Jetty's
    if (notModified) { res.setStatus(304); return; }
    res.setDateHeader('Last-Modified', lastModified);

    const type = this.getServletContext()?.getMimeType(file) ?? null;
    if (type) res.setContentType(type);
    if (this._acceptRanges) res.setHeader('Accept-Ranges', 'bytes');

    const range = this._acceptRanges ? req.getHeader('range') : null;
    const ifRange = req.getHeader('if-range');
    const rangeApplies = range !== null && (ifRange === null
      || (etag !== null && weakEq(ifRange.trim(), etag) && !ifRange.trim().startsWith('W/'))
      || (!Number.isNaN(Date.parse(ifRange)) && lastModified <= Date.parse(ifRange)));
    const ranges = range !== null && rangeApplies ? parseRanges(range, stat.size) : null;
    const head = req.getMethod() === 'HEAD';
    if (ranges === 'unsatisfiable') {
      // as Jetty: the file's headers, no body (Jetty announces the file's length and sends nothing)
      res.setStatus(416);
      res.setHeader('Content-Range', `bytes */${stat.size}`);
      res.setContentLength(0);
      return;
    }
    if (ranges !== null && ranges.length > 1) {
      const multipart = multipartByteRanges(file, ranges, stat.size, type);
      res.setStatus(206);
      res.setContentType(multipart.contentType);
      res.setContentLength(multipart.length);
      if (!head) await (res as unknown as Response).sendStream(multipart.stream());
      return;
    }
    const { start, end } = ranges !== null ? ranges[0] : { start: 0, end: stat.size - 1 };
    const length = stat.size === 0 ? 0 : end - start + 1;
    if (ranges !== null) {
      res.setStatus(206);
      res.setHeader('Content-Range', `bytes ${start}-${end}/${stat.size}`);
    }
    res.setContentLength(length);
    if (head || length === 0) return;
    const stream = fs.createReadStream(file, { start, end });
    await (res as unknown as Response).sendStream(stream);
  }

  /** A static file answers POST as GET (as Jetty's DefaultServlet). */
  protected override doPost(req: HttpServletRequest, res: HttpServletResponse): Promise<void> { return this.doGet(req, res); }

  /** The methods a static resource answers; TRACE is refused (405), so it is not among them. */
  protected override doOptions(_req: HttpServletRequest, res: HttpServletResponse): void {
    res.setHeader('Allow', 'GET,HEAD,POST,OPTIONS');
  }

  private async sendListing(req: HttpServletRequest, res: HttpServletResponse, dir: string, pathInContext: string): Promise<void> {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    const base = requestPath(req);
    const rows = entries
      .filter((e) => !FORBIDDEN_DIRS.includes(e.name.toLowerCase()))
      .map((e) => {
        const name = e.isDirectory() ? `${e.name}/` : e.name;
        return `<li><a href="${escapeHtml(base + encodeURIComponent(e.name) + (e.isDirectory() ? '/' : ''))}">${escapeHtml(name)}</a></li>`;
      });
    const parent = pathInContext !== '/' ? `<li><a href="${escapeHtml(base)}../">Parent Directory</a></li>\n` : '';
    res.setContentType('text/html;charset=utf-8');
    res.getWriter().write(`<!DOCTYPE html>\n<html>\n<head><title>Directory: ${escapeHtml(base)}</title></head>\n<body>\n`
      + `<h1>Directory: ${escapeHtml(base)}</h1>\n<ul>\n${parent}${rows.join('\n')}\n</ul>\n</body>\n</html>\n`);
  }
}

/**
 * The path being served, encoded for a URL: built from the canonical path (context, servlet path,
 * path info), never the raw URI, so `//host/..` or `;params` in a request never reach a Location or a link.
 */
function requestPath(req: HttpServletRequest): string {
  return encodePath(`${req.getContextPath()}${req.getServletPath()}${req.getPathInfo() ?? ''}`);
}
