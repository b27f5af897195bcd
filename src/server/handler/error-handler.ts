/**
 * Renders error pages (org.eclipse.jetty.server.handler.ErrorHandler): HTML like Jetty's, or JSON or
 * plain text when the client prefers them; stack traces only when showStacks is set.
 * @module
 */
import { STATUS_CODES } from 'node:http';
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Request } from '../request';
import type { ErrorPageWriter, Response } from '../response';
import { AbstractHandler } from './abstract-handler';

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Jetty's ErrorHandler: `<Set name="errorHandler"><New class="org.eclipse.jetty.server.handler.ErrorHandler">`
 * on the Server or a context; settings `showStacks` (false), `showServlet` (true), `showMessageInTitle` (true).
 */
@JettyClass('org.eclipse.jetty.server.handler.ErrorHandler', {
  aliases: ['org.eclipse.jetty.servlet.ErrorPageErrorHandler'],
})
export class ErrorHandler extends AbstractHandler implements ErrorPageWriter {
  private _showStacks = false;
  private _showServlet = true;
  private _showMessageInTitle = true;
  private _cacheControl: string | null = 'must-revalidate,no-cache,no-store';

  @Expose('boolean') setShowStacks(show: boolean): void {
    this._showStacks = show;
  }
  @Expose() isShowStacks(): boolean {
    return this._showStacks;
  }
  @Expose('boolean') setShowServlet(show: boolean): void {
    this._showServlet = show;
  }
  @Expose() isShowServlet(): boolean {
    return this._showServlet;
  }
  @Expose('boolean') setShowMessageInTitle(show: boolean): void {
    this._showMessageInTitle = show;
  }
  @Expose() getShowMessageInTitle(): boolean {
    return this._showMessageInTitle;
  }
  @Expose('String') setCacheControl(value: string | null): void {
    this._cacheControl = value;
  }
  @Expose() getCacheControl(): string | null {
    return this._cacheControl;
  }

  /** Only GET, POST and HEAD get an error page; other methods get the status alone (Jetty 9.4). */
  errorPageForMethod(method: string): boolean {
    return method === 'GET' || method === 'POST' || method === 'HEAD';
  }

  /** As a handler: renders a page for the response's current status. */
  async handle(_target: string, baseRequest: Request, _request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    baseRequest.setHandled(true);
    if (response.isCommitted() || !this.errorPageForMethod(baseRequest.getMethod())) return;
    const res = baseRequest.getResponse();
    this.writeErrorPage(baseRequest, res, res.getStatus(), null);
  }

  writeErrorPage(request: Request, response: Response, code: number, message: string | null, cause?: unknown): void {
    const reason = STATUS_CODES[code] ?? String(code);
    const msg = message ?? reason;
    if (this._cacheControl) response.setHeader('Cache-Control', this._cacheControl);
    const accept = (request.getHeader('accept') ?? '').toLowerCase();
    const servlet = request.getAttribute('javax.servlet.error.servlet_name') as string | null;
    const stack = this._showStacks && cause instanceof Error ? (cause.stack ?? String(cause)) : null;
    if (!accept.includes('text/html') && (accept.includes('application/json') || accept.includes('text/json'))) {
      response.setContentType('application/json');
      const body: Record<string, unknown> = { url: request.getRequestURI(), status: String(code), message: msg };
      if (this._showServlet && servlet) body.servlet = servlet;
      if (stack) body.cause = stack;
      response.write(Buffer.from(JSON.stringify(body), 'utf8'));
      return;
    }
    if (accept && !accept.includes('text/html') && !accept.includes('*/*') && accept.includes('text/plain')) {
      response.setContentType('text/plain;charset=utf-8');
      let text = `HTTP ERROR ${code} ${reason}\nURI: ${request.getRequestURI()}\nSTATUS: ${code}\nMESSAGE: ${msg}\n`;
      if (this._showServlet && servlet) text += `SERVLET: ${servlet}\n`;
      if (stack) text += `CAUSED BY ${stack}\n`;
      response.write(Buffer.from(text, 'utf8'));
      return;
    }
    response.setContentType('text/html;charset=utf-8');
    const title = this._showMessageInTitle ? `Error ${code} ${escapeHtml(msg)}` : `Error ${code}`;
    const rows = [
      `<tr><th>URI:</th><td>${escapeHtml(request.getRequestURI())}</td></tr>`,
      `<tr><th>STATUS:</th><td>${code}</td></tr>`,
      `<tr><th>MESSAGE:</th><td>${escapeHtml(msg)}</td></tr>`,
    ];
    if (this._showServlet) rows.push(`<tr><th>SERVLET:</th><td>${escapeHtml(servlet ?? '-')}</td></tr>`);
    if (stack) rows.push(`<tr><th>CAUSED BY:</th><td><pre>${escapeHtml(stack)}</pre></td></tr>`);
    const html =
      '<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>\n' +
      `<title>${title}</title>\n</head>\n<body><h2>HTTP ERROR ${code} ${escapeHtml(reason)}</h2>\n<table>\n` +
      `${rows.join('\n')}\n</table>\n<hr/>Powered by Pier<hr/>\n\n</body>\n</html>\n`;
    response.write(Buffer.from(html, 'utf8'));
  }

  override dumpSelf(): string {
    return `ErrorHandler@${this.getState()}{showStacks=${this._showStacks}}`;
  }
}
