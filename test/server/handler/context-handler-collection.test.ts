import { expect } from 'chai';
import { AbstractHandler } from '../../../src/server/handler/abstract-handler';
import { ContextHandler } from '../../../src/server/handler/context-handler';
import { ContextHandlerCollection } from '../../../src/server/handler/context-handler-collection';
import { HandlerCollection } from '../../../src/server/handler/handler-collection';
import { HandlerList } from '../../../src/server/handler/handler-list';
import type { Request } from '../../../src/server/request';
import type { HttpServletRequest } from '../../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../../src/servlet-api/http-servlet-response';
import { request, startServer } from '../http-helpers';

/** Answers "<name> <contextPath> <pathInfo>" and marks the request handled (unless told not to). */
class Echo extends AbstractHandler {
  constructor(
    private readonly name: string,
    private readonly handles = true,
    private readonly seen: string[] = [],
  ) {
    super();
  }
  async handle(target: string, base: Request, req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    this.seen.push(this.name);
    if (!this.handles) return;
    base.setHandled(true);
    res.getWriter().write(`${this.name} ${req.getContextPath()} ${req.getPathInfo()} ${target}`);
  }
}

function context(path: string, name: string, vhosts?: string[]): ContextHandler {
  const c = new ContextHandler();
  c.setContextPath(path);
  if (vhosts) c.setVirtualHosts(vhosts);
  c.setHandler(new Echo(name));
  return c;
}

describe('ContextHandlerCollection', () => {
  it('routes to the context with the longest matching context path', async () => {
    const contexts = new ContextHandlerCollection();
    contexts.setHandlers([context('/', 'root'), context('/a', 'a'), context('/a/b', 'ab')]);
    const { server, port } = await startServer(contexts);
    try {
      expect((await request(port, '/a/b/c')).text).to.equal('ab /a/b /c /c');
      expect((await request(port, '/a/x')).text).to.equal('a /a /x /x');
      expect((await request(port, '/ab')).text).to.equal('root  /ab /ab');
      expect((await request(port, '/')).text).to.equal('root  / /');
    } finally {
      await server.stop();
    }
  });

  it('redirects /ctx to /ctx/ unless allowNullPathInfo is set', async () => {
    const contexts = new ContextHandlerCollection();
    const open = context('/open', 'open');
    open.setAllowNullPathInfo(true);
    contexts.setHandlers([context('/app', 'app'), open]);
    const { server, port } = await startServer(contexts);
    try {
      const r = await request(port, '/app?x=1');
      expect(r.status).to.equal(302);
      expect(r.headers.location).to.equal(`http://127.0.0.1:${port}/app/?x=1`);
      expect((await request(port, '/open')).text).to.equal('open /open / /');
    } finally {
      await server.stop();
    }
  });

  it('prefers a context whose virtual host matches, including *.example.com wildcards', async () => {
    const contexts = new ContextHandlerCollection();
    contexts.setHandlers([context('/', 'any'), context('/', 'exact', ['www.example.com']), context('/', 'wild', ['*.example.org'])]);
    const { server, port } = await startServer(contexts);
    try {
      expect((await request(port, '/', { headers: { host: 'www.example.com' } })).text).to.match(/^exact/);
      expect((await request(port, '/', { headers: { host: 'WWW.EXAMPLE.COM:80' } })).text).to.match(/^exact/);
      expect((await request(port, '/', { headers: { host: 'shop.example.org' } })).text).to.match(/^wild/);
      expect((await request(port, '/', { headers: { host: 'example.org' } })).text).to.match(/^any/);
      expect((await request(port, '/', { headers: { host: 'other.net' } })).text).to.match(/^any/);
    } finally {
      await server.stop();
    }
  });

  it('matches @connectorName virtual hosts against the connector the request came in on', async () => {
    const contexts = new ContextHandlerCollection();
    contexts.setHandlers([context('/', 'admin', ['@admin']), context('/', 'public', ['@public'])]);
    const { server, port } = await startServer(contexts, (_s, c) => c.setName('admin'));
    try {
      expect((await request(port, '/')).text).to.match(/^admin/);
    } finally {
      await server.stop();
    }
  });

  it('accepts contexts added while running', async () => {
    const contexts = new ContextHandlerCollection();
    const { server, port } = await startServer(contexts);
    try {
      expect((await request(port, '/late/x')).status).to.equal(404);
      const late = context('/late', 'late');
      contexts.addHandler(late);
      await late.start();
      expect((await request(port, '/late/x')).text).to.equal('late /late /x /x');
    } finally {
      await server.stop();
    }
  });
});

describe('HandlerCollection and HandlerList', () => {
  it('HandlerCollection calls every handler even after one handled the request', async () => {
    const seen: string[] = [];
    const all = new HandlerCollection();
    all.setHandlers([new Echo('first', true, seen), new Echo('second', false, seen)]);
    const { server, port } = await startServer(all);
    try {
      await request(port, '/');
      expect(seen).to.deep.equal(['first', 'second']);
    } finally {
      await server.stop();
    }
  });

  it('HandlerList stops at the first handler that handles the request', async () => {
    const seen: string[] = [];
    const list = new HandlerList();
    list.setHandlers([new Echo('skip', false, seen), new Echo('take', true, seen), new Echo('never', true, seen)]);
    const { server, port } = await startServer(list);
    try {
      expect((await request(port, '/')).text).to.match(/^take/);
      expect(seen).to.deep.equal(['skip', 'take']);
    } finally {
      await server.stop();
    }
  });
});

describe('ErrorHandler', () => {
  it('answers JSON to a client that asks for it and plain text to one that asks for text', async () => {
    const { server, port } = await startServer(null);
    try {
      const json = await request(port, '/missing', { headers: { accept: 'application/json' } });
      expect(json.headers['content-type']).to.equal('application/json');
      expect(JSON.parse(json.text)).to.deep.equal({ url: '/missing', status: '404', message: 'Not Found' });
      const text = await request(port, '/missing', { headers: { accept: 'text/plain' } });
      expect(text.text).to.equal('HTTP ERROR 404 Not Found\nURI: /missing\nSTATUS: 404\nMESSAGE: Not Found\n');
    } finally {
      await server.stop();
    }
  });
});
