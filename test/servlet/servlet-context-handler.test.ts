import { expect } from 'chai';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { ServletHandler } from '../../src/servlet/servlet-handler';
import { request, startServer } from '../server/http-helpers';

class Counter extends HttpServlet {
  protected override doGet(req: HttpServletRequest, res: HttpServletResponse): void {
    const s = req.getSession(true);
    const n = Number(s?.getAttribute('n') ?? 0) + 1;
    s?.setAttribute('n', n);
    res.getWriter().write(`n=${n} fromCookie=${req.isRequestedSessionIdFromCookie()} url=${res.encodeURL('/app/next')}`);
  }
}

describe('ServletContextHandler', () => {
  it('chains ContextHandler → SessionHandler → ServletHandler with the SESSIONS option', () => {
    const ctx = new ServletContextHandler(ServletContextHandler.SESSIONS);
    const sh = ctx.getSessionHandler();
    expect(sh).not.to.equal(null);
    expect(ctx.getHandler()).to.equal(sh);
    expect(sh?.getHandler()).to.be.instanceOf(ServletHandler);
    expect(new ServletContextHandler(ServletContextHandler.NO_SESSIONS).getSessionHandler()).to.equal(null);
  });

  it('keeps a session across requests by cookie and by ;jsessionid= URL', async () => {
    const ctx = new ServletContextHandler(null, '/app', ServletContextHandler.SESSIONS);
    ctx.addServlet(Counter, '/*');
    const { server, port } = await startServer(ctx);
    try {
      const first = await request(port, '/app/a');
      const setCookie = (first.headers['set-cookie'] ?? [])[0];
      expect(setCookie).to.match(/^JSESSIONID=[^;]+; Path=\/app/);
      const cookie = setCookie.split(';')[0];
      const id = cookie.split('=')[1];
      expect(first.text).to.equal(`n=1 fromCookie=false url=/app/next;jsessionid=${id}`);
      const second = await request(port, '/app/a', { headers: { cookie } });
      expect(second.text).to.equal('n=2 fromCookie=true url=/app/next');
      const third = await request(port, `/app/a;jsessionid=${id}`);
      expect(third.text).to.equal(`n=3 fromCookie=false url=/app/next;jsessionid=${id}`);
    } finally {
      await server.stop();
    }
  });

  it('passes session listeners added to the context to its SessionHandler', async () => {
    const created: string[] = [];
    const ctx = new ServletContextHandler(null, '/', ServletContextHandler.SESSIONS);
    ctx.addEventListener({ sessionCreated: (e: { getSession(): { getId(): string } }) => created.push(e.getSession().getId()) });
    ctx.addServlet(Counter, '/*');
    const { server, port } = await startServer(ctx);
    try {
      await request(port, '/');
      expect(created).to.have.length(1);
    } finally {
      await server.stop();
    }
  });
});

describe('ServletContextHandler with GZIP', () => {
  it('puts a GzipHandler between the session and servlet handlers and compresses', async () => {
    const zlib = await import('node:zlib');
    const ctx = new ServletContextHandler(null, '/', ServletContextHandler.SESSIONS | ServletContextHandler.GZIP);
    expect(ctx.getSessionHandler()?.getHandler()).to.equal(ctx.getGzipHandler());
    expect(ctx.getGzipHandler()?.getHandler()).to.equal(ctx.getServletHandler());
    const text = 'compress me '.repeat(500);
    ctx.addServlet(
      class extends HttpServlet {
        protected override doGet(_q: HttpServletRequest, res: HttpServletResponse): void {
          res.setContentType('text/plain');
          res.getWriter().write(text);
        }
      },
      '/*',
    );
    const { server, port } = await startServer(ctx);
    try {
      const r = await request(port, '/', { headers: { 'accept-encoding': 'gzip' } });
      expect(r.headers['content-encoding']).to.equal('gzip');
      expect(zlib.gunzipSync(r.body).toString()).to.equal(text);
    } finally {
      await server.stop();
    }
  });
});
