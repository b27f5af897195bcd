import { expect } from 'chai';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import type { FilterChain } from '../../src/servlet-api/filter-chain';
import { Dispatcher, type RequestDispatcher } from '../../src/servlet/request-dispatcher';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { ServletHolder } from '../../src/servlet/servlet-holder';
import { request, startServer } from '../server/http-helpers';

function servlet(fn: (req: HttpServletRequest, res: HttpServletResponse) => void | Promise<void>): new () => HttpServlet {
  return class extends HttpServlet {
    protected override doGet(req: HttpServletRequest, res: HttpServletResponse): void | Promise<void> {
      return fn(req, res);
    }
  };
}

describe('RequestDispatcher', () => {
  async function serve(setup: (ctx: ServletContextHandler) => void, path: string) {
    const ctx = new ServletContextHandler(null, '/app');
    setup(ctx);
    const { server, port } = await startServer(ctx);
    try {
      return await request(port, path);
    } finally {
      await server.stop();
    }
  }

  it('forward() runs the target with its paths, merged parameters and the forward attributes, then closes the response', async () => {
    const r = await serve((ctx) => {
      ctx.addServlet(
        servlet(async (req, res) => {
          res.getWriter().write('discarded');
          const d = req.getServletContext()?.getRequestDispatcher?.('/target/x?b=2&a=first') as RequestDispatcher;
          await d.forward(req, res);
          res.getWriter().write('ignored after forward');
        }),
        '/from/*',
      );
      ctx.addServlet(
        servlet((req, res) => {
          res
            .getWriter()
            .write(
              [
                req.getDispatcherType(),
                req.getRequestURI(),
                req.getServletPath(),
                req.getPathInfo(),
                req.getParameterValues('a')?.join('+'),
                req.getParameter('b'),
                req.getAttribute('javax.servlet.forward.request_uri'),
                req.getAttribute('javax.servlet.forward.servlet_path'),
                req.getAttribute('javax.servlet.forward.query_string'),
              ].join('|'),
            );
        }),
        '/target/*',
      );
    }, '/app/from/y?a=orig');
    expect(r.text).to.equal('FORWARD|/app/target/x|/target|/x|first+orig|2|/app/from/y|/from|a=orig');
  });

  it('include() adds the target output without letting it change status or headers', async () => {
    const r = await serve((ctx) => {
      ctx.addServlet(
        servlet(async (req, res) => {
          res.getWriter().write('[');
          await (req.getRequestDispatcher?.('part') as RequestDispatcher).include(req, res);
          res.getWriter().write(']');
        }),
        '/page/*',
      );
      ctx.addServlet(
        servlet((req, res) => {
          res.setStatus(500);
          res.setHeader('X-Included', 'yes');
          res.getWriter().write(`${req.getDispatcherType()} ${req.getAttribute('javax.servlet.include.servlet_path')} ${req.getServletPath()}`);
        }),
        '/page/part',
      );
    }, '/app/page/main');
    expect(r.status).to.equal(200);
    expect(r.headers['x-included']).to.equal(undefined);
    expect(r.text).to.equal('[INCLUDE /page/part /page]');
  });

  it('a named dispatcher and an ERROR dispatch run the filters mapped for their type', async () => {
    const r = await serve((ctx) => {
      ctx.addFilter(
        {
          async doFilter(req: HttpServletRequest, res: HttpServletResponse, chain: FilterChain) {
            res.getWriter().write('E>');
            await chain.doFilter(req, res);
          },
        },
        '/*',
        ['ERROR'],
      );
      ctx.addServlet(
        new ServletHolder(
          'errors',
          servlet((req, res) => {
            res.getWriter().write(`error page ${req.getDispatcherType()}`);
          }),
        ),
        '/errors/*',
      );
      ctx.addServlet(
        servlet(async (req, res) => {
          const d = req.getServletContext()?.getRequestDispatcher?.('/errors/404') as Dispatcher;
          await d.forwardAs('ERROR', req, res);
        }),
        '/fail',
      );
      ctx.addServlet(
        servlet(async (req, res) => {
          await (req.getServletContext()?.getNamedDispatcher?.('errors') as RequestDispatcher).forward(req, res);
        }),
        '/named',
      );
    }, '/app/fail');
    expect(r.text).to.equal('E>error page ERROR');
  });

  it('refuses paths that leave the context', () => {
    const ctx = new ServletContextHandler(null, '/app');
    expect(ctx.getServletContext().getRequestDispatcher?.('/../other')).to.equal(null);
    expect(ctx.getServletContext().getRequestDispatcher?.('relative')).to.equal(null);
    expect(ctx.getServletContext().getNamedDispatcher?.('nobody')).to.equal(null);
  });
});
