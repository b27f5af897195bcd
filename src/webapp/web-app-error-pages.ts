/**
 * Serves a web app's `<error-page>` entries that point at static files, until the container's
 * ErrorPageErrorHandler is available (a seam standing in for org.eclipse.jetty.servlet.ErrorPageErrorHandler).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorHandler } from '../server/handler/error-handler';
import type { Request } from '../server/request';
import type { Response } from '../server/response';
import { GLOBAL_ERROR_PAGE } from './meta-data';

/**
 * Request attribute set when the error page for a `sendError(code)` is a servlet path: the page cannot
 * run inside the synchronous writer, so WebAppContext runs it when the request leaves its servlets.
 */
export const PENDING_ERROR_PAGE = 'org.pier.webapp.pendingErrorPage';

/** The context the pages are looked up in. */
interface PageContext {
  getServletContext(): { getRealPath(p: string): string | null; getMimeType(f: string): string | null };
}

/**
 * An ErrorHandler with Jetty's error-page lookup: by exception type (the error's class name, its
 * `name`, or any superclass name, matched against the simple or fully qualified type), then by status
 * code, then the global page. The page must be a file of the app (read synchronously and written
 * with the original status); a page that is a servlet path, or missing, falls back to the default
 * error page.
 */
export class WebAppErrorPages extends ErrorHandler {
  private readonly _pages = new Map<string, string>();

  constructor(private readonly _context: PageContext) {
    super();
  }

  /** `key`: a status code, an exception type name, or the global key. */
  addErrorPage(key: number | string, uri: string): void {
    this._pages.set(String(key), uri);
  }
  getErrorPages(): Map<string, string> {
    return new Map(this._pages);
  }

  /** The page for an error, or null. */
  findErrorPage(code: number, cause: unknown): string | null {
    for (let c: unknown = cause; c instanceof Error; c = (c as Error & { cause?: unknown }).cause) {
      for (let proto = Object.getPrototypeOf(c); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
        const names = new Set([proto.constructor?.name as string, (c as Error).name]);
        for (const [key, page] of this._pages) {
          if (/^\d+$/.test(key) || key === GLOBAL_ERROR_PAGE) continue;
          const simple = key.slice(key.lastIndexOf('.') + 1);
          if (names.has(key) || names.has(simple)) return page;
        }
      }
    }
    return this._pages.get(String(code)) ?? this._pages.get(GLOBAL_ERROR_PAGE) ?? null;
  }

  override writeErrorPage(request: Request, response: Response, code: number, message: string | null, cause?: unknown): void {
    const page = this.findErrorPage(code, cause);
    const file = page ? this._context.getServletContext().getRealPath(page) : null;
    if (file) {
      let body: Buffer | null = null;
      try {
        if (fs.statSync(file).isFile()) body = fs.readFileSync(file);
      } catch {
        body = null;
      }
      if (body) {
        response.setContentType(this._context.getServletContext().getMimeType(file) ?? 'text/html;charset=utf-8');
        response.write(body);
        return;
      }
    }
    if (page && !file?.endsWith(path.sep) && !(file && fs.existsSync(file))) {
      request.setAttribute(PENDING_ERROR_PAGE, { code, message });
    }
    super.writeErrorPage(request, response, code, message, cause);
  }
}
