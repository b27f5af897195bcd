import { expect } from 'chai';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import type { FilterChain } from '../../src/servlet-api/filter-chain';
import { ServletHolder } from '../../src/servlet/servlet-holder';
import { FilterMapping } from '../../src/servlet/filter-mapping';
import { parsePathSpec } from '../../src/server/http/path-spec';
import { request, startServer } from '../server/http-helpers';

/** Answers "<name>|servletPath|pathInfo". */
function named(name: string): new () => HttpServlet {
  return class extends HttpServlet {
    protected override doGet(req: HttpServletRequest, res: HttpServletResponse): void {
      res.getWriter().write(`${name}|${req.getServletPath()}|${req.getPathInfo()}`);
    }
  };
}

describe('ServletHandler', () => {
  it('maps exact, prefix, suffix, default and root specs with the servlet spec path split', async () => {
    const ctx = new ServletContextHandler(null, '/ctx');
    ctx.addServlet(named('exact'), '/exact');
    ctx.addServlet(named('prefix'), '/api/*');
    ctx.addServlet(named('longer'), '/api/v2/*');
    ctx.addServlet(named('suffix'), '*.do');
    ctx.addServlet(named('default'), '/');
    ctx.addServlet(named('root'), '');
    const { server, port } = await startServer(ctx);
    try {
      const get = async (p: string): Promise<string> => (await request(port, p)).text;
      expect(await get('/ctx/exact')).to.equal('exact|/exact|null');
      expect(await get('/ctx/api')).to.equal('prefix|/api|null');
      expect(await get('/ctx/api/users/7')).to.equal('prefix|/api|/users/7');
      expect(await get('/ctx/api/v2/x')).to.equal('longer|/api/v2|/x');
      expect(await get('/ctx/a/b/form.do')).to.equal('suffix|/a/b/form.do|null');
      expect(await get('/ctx/api/form.do')).to.equal('prefix|/api|/form.do');
      expect(await get('/ctx/other/thing')).to.equal('default|/other/thing|null');
      expect(await get('/ctx/')).to.equal('root||/');
    } finally {
      await server.stop();
    }
  });

  it('answers 404 for unmapped paths through Default404Servlet', async () => {
    const ctx = new ServletContextHandler(null, '/');
    ctx.addServlet(named('only'), '/only');
    const { server, port } = await startServer(ctx);
    try {
      expect((await request(port, '/only')).status).to.equal(200);
      expect((await request(port, '/else')).status).to.equal(404);
    } finally {
      await server.stop();
    }
  });

  it('runs matching filters in declaration order: url-pattern mappings, then servlet-name mappings', async () => {
    const ctx = new ServletContextHandler(null, '/');
    ctx.addServlet(new ServletHolder('target', named('target')), '/app/*');
    const filter = (tag: string) => ({
      async doFilter(req: HttpServletRequest, res: HttpServletResponse, chain: FilterChain) {
        res.getWriter().write(`${tag}>`);
        await chain.doFilter(req, res);
        res.getWriter().write(`<${tag}`);
      },
    });
    ctx.addFilter(filter('all'), '/*');
    ctx.addFilter(filter('app'), '/app/*');
    ctx.addFilter(filter('txt'), '*.txt');
    ctx.addFilter(filter('error-only'), '/*', ['ERROR']);
    const byName = ctx.getServletHandler().addFilterWithMapping(filter('named'), '/nomatch');
    const m = new FilterMapping();
    m.setFilterName(byName.getName());
    m.setServletName('target');
    ctx.getServletHandler().addFilterMapping(m);
    const { server, port } = await startServer(ctx);
    try {
      expect((await request(port, '/app/x')).text).to.equal('all>app>named>target|/app|/x<named<app<all');
      expect((await request(port, '/app/y.txt')).text).to.equal('all>app>txt>named>target|/app|/y.txt<named<txt<app<all');
    } finally {
      await server.stop();
    }
  });

  it('a filter can answer without calling the chain', async () => {
    const ctx = new ServletContextHandler(null, '/');
    ctx.addServlet(named('hidden'), '/*');
    ctx.addFilter(
      {
        doFilter: (_q: HttpServletRequest, s: HttpServletResponse) => {
          s.sendError(401);
        },
      },
      '/*',
    );
    const { server, port } = await startServer(ctx);
    try {
      expect((await request(port, '/x')).status).to.equal(401);
    } finally {
      await server.stop();
    }
  });

  it('awaits async servlets before completing the response', async () => {
    class Slow extends HttpServlet {
      protected override async doGet(_q: HttpServletRequest, res: HttpServletResponse): Promise<void> {
        res.getWriter().write('a');
        await new Promise((r) => setTimeout(r, 30));
        res.getWriter().write('b');
      }
    }
    const ctx = new ServletContextHandler(null, '/');
    ctx.addServlet(Slow, '/');
    const { server, port } = await startServer(ctx);
    try {
      expect((await request(port, '/')).text).to.equal('ab');
    } finally {
      await server.stop();
    }
  });

  it('initialises load-on-startup servlets by order after context listeners, others on first request', async () => {
    const log: string[] = [];
    const make = (n: string) =>
      class extends HttpServlet {
        protected override initServlet(): void {
          log.push(`init ${n} ${this.getInitParameter('p')}`);
        }
        protected override doGet(_q: HttpServletRequest, res: HttpServletResponse): void {
          res.getWriter().write(n);
        }
        override destroy(): void {
          log.push(`destroy ${n}`);
        }
      };
    const ctx = new ServletContextHandler(null, '/');
    ctx.addEventListener({
      contextInitialized: () => {
        log.push('context');
      },
      contextDestroyed: () => {
        log.push('context down');
      },
    });
    const lazy = ctx.addServlet(make('lazy'), '/lazy');
    const second = ctx.addServlet(make('second'), '/second');
    second.setInitOrder(2);
    const first = ctx.addServlet(make('first'), '/first');
    first.setInitOrder(1);
    first.setInitParameter('p', 'x');
    lazy.setInitParameter('p', 'y');
    const { server, port } = await startServer(ctx);
    expect(log).to.deep.equal(['context', 'init first x', 'init second null']);
    await request(port, '/lazy');
    expect(log).to.include('init lazy y');
    await server.stop();
    expect(log.slice(-4)).to.deep.equal(['destroy first', 'destroy second', 'destroy lazy', 'context down']);
  });

  it('loads servlets given by class name through the class loader hook', async () => {
    const ctx = new ServletContextHandler(null, '/');
    ctx.setClassLoader(async (name: string) => {
      if (name === 'com.example.Hello') return named('loaded');
      throw new Error(`no ${name}`);
    });
    ctx.addServlet(new ServletHolder('hello', 'com.example.Hello'), '/h');
    const { server, port } = await startServer(ctx);
    try {
      expect((await request(port, '/h')).text).to.equal('loaded|/h|null');
    } finally {
      await server.stop();
    }
  });

  it('answers 500 when a servlet class cannot be loaded', async () => {
    const ctx = new ServletContextHandler(null, '/');
    ctx.setClassLoader(async (name: string) => {
      throw new Error(`no ${name}`);
    });
    ctx.addServlet('com.example.Missing', '/m');
    const { server, port } = await startServer(ctx);
    try {
      expect((await request(port, '/m')).status).to.equal(500);
    } finally {
      await server.stop();
    }
  });
});

describe('HttpServlet', () => {
  it('answers 405 for methods the servlet does not implement, TRACE included, and lists in Allow only what it answers', async () => {
    const ctx = new ServletContextHandler(null, '/');
    ctx.addServlet(named('get-only'), '/');
    const { server, port } = await startServer(ctx);
    try {
      expect((await request(port, '/', { method: 'POST', body: '' })).status).to.equal(405);
      expect((await request(port, '/', { method: 'DELETE' })).status).to.equal(405);
      const o = await request(port, '/', { method: 'OPTIONS' });
      expect(o.headers.allow).to.equal('GET, HEAD, OPTIONS');
      expect((await request(port, '/', { method: 'TRACE' })).status).to.equal(405);
      const h = await request(port, '/', { method: 'HEAD' });
      expect(h.status).to.equal(200);
      expect(h.body.length).to.equal(0);
      expect(h.headers['content-length']).to.equal(String('get-only|/|null'.length));
    } finally {
      await server.stop();
    }
  });
});

describe('parsePathSpec', () => {
  it('refuses patterns the servlet spec does not allow', () => {
    expect(() => parsePathSpec('/a/*/b')).to.throw("Cannot parse servlet path spec '/a/*/b': '*' is only allowed as '/*' or '*.ext'");
    expect(() => parsePathSpec('foo')).to.throw("Cannot parse servlet path spec 'foo': it must start with '/' or '*.'");
    expect(parsePathSpec('*.jsp').group).to.equal('SUFFIX_GLOB');
  });
});
