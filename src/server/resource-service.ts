/**
 * The static-file core that DefaultServlet and ResourceHandler share (Jetty 9.4's
 * org.eclipse.jetty.server.ResourceService): one path check (never outside the base, symbolic links
 * leaving it included, never inside its WEB-INF or META-INF), ETag and Last-Modified with conditional
 * requests (304/412), byte ranges (206, several as multipart/byteranges, 416), HEAD, welcome files,
 * directory listings, Cache-Control and precompressed `.gz` files.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import { multipartByteRanges, parseRanges } from './byte-ranges';
import { escapeHtml } from './handler/error-handler';
import type { Response } from './response';
import { encodePath } from './uri-path';

const FORBIDDEN_DIRS = ['web-inf', 'meta-inf'];

/** Serves files from one base folder; its owner sets the base, the settings and how to find welcome files and types. */
export class ResourceService {
  dirAllowed = false;
  redirectWelcome = false;
  etags = true;
  acceptRanges = true;
  cacheControl: string | null = null;
  /** Serve `<file>.gz`, when it exists and the client accepts gzip, instead of compressing. */
  precompressedGzip = false;
  /** The welcome files of a request's context. */
  welcomeFiles: (req: HttpServletRequest) => string[] = () => ['index.html', 'index.htm'];
  /** The content type of a file name, or null. */
  mimeType: (file: string) => string | null = () => null;
  private _base: string | null = null;
  private _realBase: string | null = null;

  /** The folder served (null: nothing is served). */
  setBase(base: string | null): void {
    this._base = base === null ? null : path.resolve(base);
    try {
      this._realBase = this._base ? fs.realpathSync(this._base) : null;
    } catch {
      this._realBase = null;
    }
  }
  getBase(): string | null {
    return this._base;
  }

  /**
   * The file for a path in context, or null when it is refused: outside the base, or (whatever path
   * led there, symbolic links included) inside the base's WEB-INF or META-INF in any letter case.
   */
  async resolve(pathInContext: string): Promise<string | null> {
    const base = this._realBase;
    if (!base) return null;
    if (pathInContext.includes('\\') || pathInContext.includes('\0')) return null;
    const segments = pathInContext.split('/');
    if (segments.some((s) => s === '..' || s === '.')) return null;
    if (segments.length > 1 && FORBIDDEN_DIRS.includes(segments[1].toLowerCase())) return null;
    const candidate = path.join(base, ...segments.filter(Boolean));
    if (candidate !== base && !candidate.startsWith(base + path.sep)) return null;
    let real: string;
    try {
      real = await fs.promises.realpath(candidate);
    } catch {
      return null;
    }
    if (real === base) return real;
    if (!real.startsWith(base + path.sep)) return null;
    const rest = real.slice(base.length + 1);
    const sep = rest.indexOf(path.sep);
    if (FORBIDDEN_DIRS.includes((sep < 0 ? rest : rest.slice(0, sep)).toLowerCase())) return null;
    return real;
  }

  /**
   * Answers a GET or HEAD for `pathInContext`; `servedPath` is the encoded path of the request (for
   * redirects and listings). Resolves false, having written nothing, when no file is there: the caller
   * answers 404 (DefaultServlet) or passes the request on (ResourceHandler).
   */
  async doGet(req: HttpServletRequest, res: HttpServletResponse, pathInContext: string, servedPath: string): Promise<boolean> {
    const file = await this.resolve(pathInContext);
    if (!file) return false;
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      return false;
    }
    if (stat.isDirectory()) {
      if (!pathInContext.endsWith('/')) {
        const q = req.getQueryString();
        res.sendRedirect(`${servedPath}/${q ? `?${q}` : ''}`);
        return true;
      }
      for (const w of this.welcomeFiles(req)) {
        const wfile = await this.resolve(`${pathInContext}${w}`);
        if (!wfile) continue;
        let wstat: fs.Stats;
        try {
          wstat = await fs.promises.stat(wfile);
        } catch {
          continue;
        }
        if (!wstat.isFile()) continue;
        if (this.redirectWelcome) {
          res.sendRedirect(`${servedPath}${encodePath(w)}`);
          return true;
        }
        await this.sendFile(req, res, wfile, wstat, `${pathInContext}${w}`);
        return true;
      }
      if (!this.dirAllowed) {
        res.sendError(403);
        return true;
      }
      await this.sendListing(res, file, pathInContext, servedPath);
      return true;
    }
    if (!stat.isFile()) return false;
    if (pathInContext.endsWith('/')) {
      // a file asked for as a folder: to the file, as Jetty does (from the canonical path, never the raw URI)
      const q = req.getQueryString();
      res.sendRedirect(`${servedPath.slice(0, -1)}${q ? `?${q}` : ''}`);
      return true;
    }
    await this.sendFile(req, res, file, stat, pathInContext);
    return true;
  }

  private etagOf(stat: fs.Stats, suffix = ''): string {
    return `W/"${Math.floor(stat.mtimeMs).toString(36)}${stat.size.toString(36)}${suffix}"`;
  }

  /** The `.gz` beside a file, when precompressed files are on, the client accepts gzip and no range is asked. */
  private async precompressed(req: HttpServletRequest, pathInContext: string): Promise<{ file: string; stat: fs.Stats } | null> {
    if (!this.precompressedGzip || req.getHeader('range') !== null) return null;
    if (!/(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(req.getHeader('accept-encoding') ?? '')) return null;
    const real = await this.resolve(`${pathInContext}.gz`);
    if (!real) return null;
    try {
      const stat = await fs.promises.stat(real);
      return stat.isFile() ? { file: real, stat } : null;
    } catch {
      return null;
    }
  }

  private async sendFile(
    req: HttpServletRequest,
    res: HttpServletResponse,
    original: string,
    originalStat: fs.Stats,
    pathInContext: string,
  ): Promise<void> {
    const gz = await this.precompressed(req, pathInContext);
    if (this.precompressedGzip) res.addHeader('Vary', 'Accept-Encoding');
    const file = gz?.file ?? original;
    const stat = gz?.stat ?? originalStat;
    const lastModified = Math.floor(stat.mtimeMs / 1000) * 1000;
    const etag = this.etags ? this.etagOf(stat, gz ? '--gzip' : '') : null;
    const weakEq = (a: string, b: string): boolean => a.replace(/^W\//, '') === b.replace(/^W\//, '');
    // preconditions (RFC 7232 order)
    const ifMatch = req.getHeader('if-match');
    if (ifMatch !== null && etag) {
      const ok = ifMatch.trim() === '*' || ifMatch.split(',').some((t) => weakEq(t.trim(), etag));
      // Jetty answers a failed If-Match with the status alone, and a failed If-Unmodified-Since with an error page
      if (!ok) {
        res.setStatus(412);
        return;
      }
    } else {
      const ius = req.getHeader('if-unmodified-since');
      if (ius !== null && !Number.isNaN(Date.parse(ius)) && lastModified > Date.parse(ius)) {
        res.sendError(412);
        return;
      }
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
    if (this.cacheControl) res.setHeader('Cache-Control', this.cacheControl);
    // a 304 carries the ETag but not Last-Modified, as Jetty's
    if (notModified) {
      res.setStatus(304);
      return;
    }
    res.setDateHeader('Last-Modified', lastModified);

    const type = this.mimeType(original);
    if (type) res.setContentType(type);
    if (gz) res.setHeader('Content-Encoding', 'gzip');
    if (this.acceptRanges && !gz) res.setHeader('Accept-Ranges', 'bytes');

    const range = this.acceptRanges && !gz ? req.getHeader('range') : null;
    const ifRange = req.getHeader('if-range');
    const rangeApplies =
      range !== null &&
      (ifRange === null ||
        (etag !== null && weakEq(ifRange.trim(), etag) && !ifRange.trim().startsWith('W/')) ||
        (!Number.isNaN(Date.parse(ifRange)) && lastModified <= Date.parse(ifRange)));
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

  private async sendListing(res: HttpServletResponse, dir: string, pathInContext: string, servedPath: string): Promise<void> {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    const rows = entries
      .filter((e) => !FORBIDDEN_DIRS.includes(e.name.toLowerCase()))
      .map((e) => {
        const name = e.isDirectory() ? `${e.name}/` : e.name;
        return `<li><a href="${escapeHtml(servedPath + encodeURIComponent(e.name) + (e.isDirectory() ? '/' : ''))}">${escapeHtml(name)}</a></li>`;
      });
    const parent = pathInContext !== '/' ? `<li><a href="${escapeHtml(servedPath)}../">Parent Directory</a></li>\n` : '';
    res.setContentType('text/html;charset=utf-8');
    res
      .getWriter()
      .write(
        `<!DOCTYPE html>\n<html>\n<head><title>Directory: ${escapeHtml(servedPath)}</title></head>\n<body>\n` +
          `<h1>Directory: ${escapeHtml(servedPath)}</h1>\n<ul>\n${parent}${rows.join('\n')}\n</ul>\n</body>\n</html>\n`,
      );
  }
}
