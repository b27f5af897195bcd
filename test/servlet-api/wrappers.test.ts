import { expect } from 'chai';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import type { FilterChain } from '../../src/servlet-api/filter-chain';
import { HttpServletRequestWrapper } from '../../src/servlet-api/http-servlet-request-wrapper';
import { HttpServletResponseWrapper } from '../../src/servlet-api/http-servlet-response-wrapper';
import type { RequestDispatcher } from '../../src/servlet/request-dispatcher';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { request, startServer } from '../server/http-helpers';

class Upper extends HttpServletRequestWrapper {
  override getParameter(name: string): string | null {
    return super.getParameter(name)?.toUpperCase() ?? null;
  }
}
class Tagged extends HttpServletResponseWrapper {
  override setContentType(type: string | null): void {
    super.setContentType(type);
    this.setHeader('X-Wrapped', 'yes');
  }
}

describe('HttpServletRequestWrapper and HttpServletResponseWrapper', () => {
  it('let a filter change what the servlet sees, and still dispatch through the wrapper', async () => {
    const ctx = new ServletContextHandler(null, '/');
    ctx.addFilter(
      {
        doFilter: (q: HttpServletRequest, s: HttpServletResponse, chain: FilterChain) => chain.doFilter(new Upper(q), new Tagged(s)),
      },
      '/*',
    );
    ctx.addServlet(
      class extends HttpServlet {
        protected override async doGet(q: HttpServletRequest, s: HttpServletResponse): Promise<void> {
          if (q.getPathInfo() === '/go') {
            await (q.getServletContext()?.getRequestDispatcher?.('/show') as RequestDispatcher).forward(q, s);
            return;
          }
          s.setContentType('text/plain');
          s.getWriter().write(`${q.getParameter('name')} ${q.getDispatcherType()}`);
        }
      },
      '/*',
    );
    const { server, port } = await startServer(ctx);
    try {
      const direct = await request(port, '/show?name=pier');
      expect(direct.text).to.equal('PIER REQUEST');
      expect(direct.headers['x-wrapped']).to.equal('yes');
      const forwarded = await request(port, '/go?name=fwd');
      expect(forwarded.text).to.equal('FWD FORWARD');
    } finally {
      await server.stop();
    }
  });
});
