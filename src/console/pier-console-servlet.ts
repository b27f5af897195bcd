/**
 * The session console's servlet (module `pier-console`): the pages of console-pages.ts over a
 * SessionConsole of the Server that etc/pier-console.xml hands to the app as a context attribute.
 * Mapped to `/*` in the app's WEB-INF/web.xml, it also serves the app's two static files (the stylesheet
 * and the FORM login page). Changes are POSTs that carry the session's CSRF token.
 * @module
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Server } from '../server/server';
import { HttpServlet } from '../servlet-api/http-servlet';
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import { ConsoleConfigError } from './errors';
import { contextsPage, escapeHtml, layout, sessionPage, sessionsPage } from './console-pages';
import { SessionConsole, type ConsoleContext } from './session-console';

/** The context attribute through which etc/pier-console.xml gives the console its Server. */
export const CONSOLE_SERVER_ATTRIBUTE = 'org.pier.console.Server';
/** The console session's attribute holding its CSRF token. */
const CSRF_ATTRIBUTE = 'org.pier.console.csrf';
/** Sessions per page. */
export const PAGE_SIZE = 50;
/** The most sessions one invalidation takes. */
const MAX_INVALIDATE = 1000;

/** The app's static files the servlet serves, with their types. */
const STATIC: Record<string, string> = {
  '/console.css': 'text/css; charset=utf-8',
  '/login.html': 'text/html; charset=utf-8',
};

export class PierConsoleServlet extends HttpServlet {
  private _console: SessionConsole | null = null;

  protected override initServlet(): void {
    const ctx = this.getServletContext();
    const server = ctx?.getAttribute(CONSOLE_SERVER_ATTRIBUTE) as Server | null | undefined;
    if (!server) {
      throw new ConsoleConfigError(
        `Cannot start the Pier console: the context attribute '${CONSOLE_SERVER_ATTRIBUTE}' holds no Server; deploy the console with the pier-console module`,
      );
    }
    this._console = new SessionConsole(server);
  }

  private console(): SessionConsole {
    if (!this._console) throw new ConsoleConfigError('Cannot use the Pier console: it is not initialised');
    return this._console;
  }

  /** The session's CSRF token, made on first use. */
  private csrf(req: HttpServletRequest): string {
    const session = req.getSession(true)!;
    let token = session.getAttribute(CSRF_ATTRIBUTE) as string | null;
    if (typeof token !== 'string') {
      token = randomBytes(16).toString('hex');
      session.setAttribute(CSRF_ATTRIBUTE, token);
    }
    return token;
  }

  private html(res: HttpServletResponse, status: number, body: string): void {
    res.setStatus(status);
    res.setContentType('text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Frame-Options', 'DENY');
    res.getWriter().print(body);
  }

  private notFound(req: HttpServletRequest, res: HttpServletResponse, what: string): void {
    this.html(res, 404, layout(req.getContextPath(), 'Not found', `<p>${escapeHtml(what)}</p>`));
  }

  private contextOf(req: HttpServletRequest, res: HttpServletResponse): ConsoleContext | null {
    const label = req.getParameter('context') ?? '';
    const context = this.console().context(label);
    if (!context) this.notFound(req, res, `No context '${label}' with sessions.`);
    return context;
  }

  protected override async doGet(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    const route = req.getPathInfo() ?? '/';
    const base = req.getContextPath();
    if (route in STATIC) {
      const file = path.join(this.appDir(), route.slice(1));
      let text = await fs.promises.readFile(file, 'utf8');
      // the FORM error page is the login page with ?error: its message is shown
      if (route === '/login.html' && req.getParameter('error') !== null) text = text.replace('class="error"', 'class="error shown"');
      res.setContentType(STATIC[route]);
      res.getWriter().print(text);
      return;
    }
    if (route === '/' || route === '') {
      const contexts = this.console().contexts();
      const counts = await Promise.all(contexts.map(async (context) => ({ context, count: (await this.console().ids(context)).length })));
      this.html(res, 200, contextsPage(base, counts));
      return;
    }
    if (route === '/sessions') {
      const context = this.contextOf(req, res);
      if (!context) return;
      const search = req.getParameter('q') ?? '';
      const offset = Math.max(0, Number.parseInt(req.getParameter('offset') ?? '0', 10) || 0);
      const page = await this.console().page(context, search, offset, PAGE_SIZE);
      this.html(res, 200, sessionsPage(base, context, search, page, PAGE_SIZE, this.csrf(req), req.getParameter('notice')));
      return;
    }
    if (route === '/session') {
      const context = this.contextOf(req, res);
      if (!context) return;
      const id = req.getParameter('id') ?? '';
      const record = await this.console().record(context, id);
      if (!record) {
        this.notFound(req, res, `No session '${id}' in ${context.label}.`);
        return;
      }
      this.html(res, 200, sessionPage(base, context, record, this.csrf(req)));
      return;
    }
    this.notFound(req, res, `Nothing at ${route}.`);
  }

  protected override async doPost(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    if ((req.getPathInfo() ?? '/') !== '/invalidate') {
      this.notFound(req, res, 'Nothing to post here.');
      return;
    }
    const expected = Buffer.from(this.csrf(req));
    const given = Buffer.from(req.getParameter('csrf') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.html(res, 403, layout(req.getContextPath(), 'Refused', '<p>The form is stale or came from elsewhere: reload the page and try again.</p>'));
      return;
    }
    const context = this.contextOf(req, res);
    if (!context) return;
    const ids = (req.getParameterValues('id') ?? []).slice(0, MAX_INVALIDATE);
    const n = await this.console().invalidate(context, ids);
    const back = req.getParameter('back') ?? '';
    // only a page of this console, never an address the form was given from elsewhere
    const target = back.startsWith(`${req.getContextPath()}/sessions?`)
      ? back
      : `${req.getContextPath()}/sessions?context=${encodeURIComponent(context.label)}`;
    res.sendRedirect(`${target}&notice=${encodeURIComponent(`Invalidated ${n} session(s)`)}`);
  }

  /** The console app's folder (its static files live there). */
  private appDir(): string {
    const real = this.getServletContext()?.getRealPath('/');
    if (!real) throw new ConsoleConfigError('Cannot serve the Pier console: its folder is unknown');
    return real;
  }
}
