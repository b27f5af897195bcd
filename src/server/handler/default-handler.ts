/**
 * The last handler of etc/jetty.xml (org.eclipse.jetty.server.handler.DefaultHandler): answers 404 for
 * requests no context handled, with Jetty 9.4.57's table of the known contexts for `GET /`, and serves a
 * favicon.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Handler } from '../handler';
import type { Request } from '../request';
import { AbstractHandler } from './abstract-handler';
import { DONE as RESOLVED } from '../done';
import { ContextHandler } from './context-handler';
import { escapeHtml } from './error-handler';
import { encodePath } from '../uri-path';
import { HandlerCollection } from './handler-collection';
import { HandlerWrapper } from './handler-wrapper';

/** A 16x16 one-colour ICO, served for /favicon.ico when serveIcon is set. */
const FAVICON = makeIcon();

function makeIcon(): Buffer {
  const pixels = 16 * 16 * 4;
  const mask = 16 * 4;
  const bmp = Buffer.alloc(40 + pixels + mask);
  bmp.writeUInt32LE(40, 0);
  bmp.writeInt32LE(16, 4);
  bmp.writeInt32LE(32, 8);
  bmp.writeUInt16LE(1, 12);
  bmp.writeUInt16LE(32, 14);
  bmp.writeUInt32LE(pixels + mask, 20);
  for (let i = 0; i < 256; i++) bmp.writeUInt32LE(0xff0088cc, 40 + i * 4);
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(1, 4);
  head.writeUInt8(16, 6);
  head.writeUInt8(16, 7);
  head.writeUInt16LE(1, 10);
  head.writeUInt16LE(32, 12);
  head.writeUInt32LE(bmp.length, 14);
  head.writeUInt32LE(22, 18);
  return Buffer.concat([head, bmp]);
}

/**
 * Jetty's DefaultHandler: `<New id="DefaultHandler" class="org.eclipse.jetty.server.handler.DefaultHandler"/>`;
 * settings `serveIcon` (true) and `showContexts` (true).
 */
@JettyClass('org.eclipse.jetty.server.handler.DefaultHandler')
export class DefaultHandler extends AbstractHandler {
  private _serveIcon = true;
  private _showContexts = true;
  private readonly _modified = new Date();

  @Expose('boolean') setServeIcon(serve: boolean): void {
    this._serveIcon = serve;
  }
  @Expose() getServeIcon(): boolean {
    return this._serveIcon;
  }
  @Expose('boolean') setShowContexts(show: boolean): void {
    this._showContexts = show;
  }
  @Expose() getShowContexts(): boolean {
    return this._showContexts;
  }

  /** Nothing to do (and no promise of its own) for a request another handler answered: every request passes here. */
  handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (response.isCommitted() || baseRequest.isHandled()) return RESOLVED;
    return this.answer(target, baseRequest, request, response);
  }

  private async answer(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    baseRequest.setHandled(true);
    const method = request.getMethod();
    if (this._serveIcon && method === 'GET' && target === '/favicon.ico') {
      const since = request.getHeader('if-modified-since');
      if (since && Date.parse(since) >= Math.floor(this._modified.getTime() / 1000) * 1000) {
        response.setStatus(304);
        return;
      }
      response.setStatus(200);
      response.setContentType('image/x-icon');
      response.setContentLength(FAVICON.length);
      response.setDateHeader('Last-Modified', this._modified.getTime());
      response.setHeader('Cache-Control', 'max-age=360000,public');
      response.getOutputStream().write(FAVICON);
      return;
    }
    if (!this._showContexts || method !== 'GET' || request.getRequestURI() !== '/') {
      response.sendError(404);
      return;
    }
    response.setStatus(404);
    response.setContentType('text/html;charset=utf-8');
    const server = this.getServer();
    const root = server?.getHandler() ?? null;
    const rows = (root ? collectContexts(root) : []).map(contextRow).join('');
    const page =
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>Error 404 - Not Found</title>\n<meta charset="utf-8">\n' +
      `<style>${STYLE}</style>\n</head>\n<body>\n<h2>Error 404 - Not Found.</h2>\n` +
      '<p>No context on this server matched or handled this request.</p>\n<p>Contexts known to this server are:</p>\n' +
      '<table class="contexts"><thead><tr><th>Context Path</th><th>Display Name</th><th>Status</th><th>LifeCycle</th>' +
      `</tr></thead><tbody>\n${rows}</tbody></table><hr/>\n` +
      '<img alt="icon" src="/favicon.ico"/>&nbsp;Powered by Pier<hr/>\n</body>\n</html>\n';
    const body = Buffer.from(page, 'utf8');
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}

const STYLE =
  'body { font-family: sans-serif; } table, td { border: 1px solid #333; } td, th { padding: 5px; } ' +
  'thead, tfoot { background-color: #333; color: #fff; } ';

/**
 * One row of the 404 page, as Jetty 9.4.57 writes it: the context path (a link while the context runs),
 * the display name, whether it is available, and its life cycle state. Never the resource base or any
 * other file-system path. A context whose start failed (it answers 503) shows FAILED, not STARTED.
 */
function contextRow(ctx: ContextHandler): string {
  const cp = ctx.getContextPath();
  const href = cp.length > 1 && !cp.endsWith('/') ? `${encodePath(cp)}/` : encodePath(cp);
  const text = escapeHtml(cp);
  const link = ctx.isRunning() ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
  const name = ctx.getDisplayName();
  const available = ctx.isAvailable() ? 'Available' : '<em>Not</em> Available';
  return (
    `<tr><td>${link}</td><td>${name && name.trim() !== '' ? escapeHtml(name) : ''}&nbsp;</td>` +
    `<td>${available}</td><td>${lifeCycleOf(ctx)}</td></tr>\n`
  );
}

function lifeCycleOf(ctx: ContextHandler): string {
  const failed =
    ctx.isStarted() && !ctx.isAvailable() && ((ctx as { getUnavailableException?: () => unknown }).getUnavailableException?.() ?? null) !== null;
  return failed ? 'FAILED' : ctx.getState();
}

/** Every ContextHandler under a handler. */
export function collectContexts(h: Handler): ContextHandler[] {
  const out: ContextHandler[] = [];
  if (h instanceof ContextHandler) out.push(h);
  if (h instanceof HandlerWrapper) {
    const n = h.getHandler();
    if (n) out.push(...collectContexts(n));
  } else if (h instanceof HandlerCollection) for (const c of h.getHandlers()) out.push(...collectContexts(c));
  return out;
}
