import { expect } from 'chai';
import type { FilterChain } from '../../../src/servlet-api/filter-chain';
import { HttpServlet } from '../../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../../src/servlet-api/http-servlet-response';
import { ServletContextHandler } from '../../../src/servlet/servlet-context-handler';
import { ServletHolder } from '../../../src/servlet/servlet-holder';
import { request, startServer, TestServer } from '../http-helpers';

class Conflict extends HttpServlet {
  protected override doGet(_q: HttpServletRequest, s: HttpServletResponse): void {
    s.sendError(409);
  }
  protected override doPost(_q: HttpServletRequest, s: HttpServletResponse): void {
    s.sendError(409);
  }
}

describe('ErrorHandler', () => {
  let t: TestServer;
  before(async () => {
    const ctx = new ServletContextHandler(null, '/');
    const holder = new ServletHolder(Conflict);
    holder.setName('conflicts');
    ctx.addServlet(holder, '/conflict/*');
    ctx.addFilter(
      {
        doFilter: (q: HttpServletRequest, s: HttpServletResponse, chain: FilterChain) =>
          q.getHeader('x-deny') ? s.sendError(403) : chain.doFilter(q, s),
      },
      '/*',
    );
    t = await startServer(ctx);
  });
  after(() => t.server.stop());

  it('names the servlet whose scope sent the error, in HTML, text and JSON', async () => {
    expect((await request(t.port, '/conflict/x')).text).to.contain('<tr><th>SERVLET:</th><td>conflicts</td></tr>');
    expect((await request(t.port, '/conflict/x', { headers: { accept: 'text/plain' } })).text).to.contain('SERVLET: conflicts\n');
    expect(JSON.parse((await request(t.port, '/conflict/x', { headers: { accept: 'application/json' } })).text)).to.include({ servlet: 'conflicts' });
  });

  it('names the target servlet when a filter in front of it sends the error', async () => {
    expect((await request(t.port, '/conflict/x', { headers: { 'x-deny': '1' } })).text).to.contain('<tr><th>SERVLET:</th><td>conflicts</td></tr>');
  });

  it("writes a page for GET and POST only, and leaves other methods' errors without body or Cache-Control (as Jetty 9.4)", async () => {
    const post = await request(t.port, '/conflict/x', { method: 'POST' });
    expect([post.status, post.headers['cache-control']]).to.deep.equal([409, 'must-revalidate,no-cache,no-store']);
    expect(post.text).to.contain('HTTP ERROR 409');
    for (const method of ['PUT', 'DELETE']) {
      const r = await request(t.port, '/conflict/x', { method });
      expect([method, r.status, r.body.length, r.headers['content-type'], r.headers['cache-control']]).to.deep.equal([
        method,
        405,
        0,
        undefined,
        undefined,
      ]);
    }
  });
});
