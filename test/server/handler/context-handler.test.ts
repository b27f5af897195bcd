import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AbstractHandler } from '../../../src/server/handler/abstract-handler';
import { ContextHandler } from '../../../src/server/handler/context-handler';
import type { Request } from '../../../src/server/request';
import type { HttpServletRequest } from '../../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../../src/servlet-api/http-servlet-response';
import { request, startServer } from '../http-helpers';

class Ok extends AbstractHandler {
  async handle(_t: string, base: Request, _req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    res.getWriter().write(String(base.getServletContext()?.getAttribute('greeting')));
  }
}

describe('ContextHandler', () => {
  it('calls contextInitialized in order at start and contextDestroyed in reverse at stop', async () => {
    const log: string[] = [];
    const ctx = new ContextHandler('/ctx');
    ctx.setHandler(new Ok());
    for (const n of ['one', 'two']) {
      ctx.addEventListener({
        contextInitialized: () => {
          log.push(`init ${n}`);
        },
        contextDestroyed: () => {
          log.push(`destroy ${n}`);
        },
      });
    }
    ctx.addEventListener({
      contextInitialized: (e: { getServletContext(): { setAttribute(k: string, v: unknown): void } }) =>
        e.getServletContext().setAttribute('greeting', 'hi'),
    });
    const { server, port } = await startServer(ctx);
    expect((await request(port, '/ctx/')).text).to.equal('hi');
    await server.stop();
    expect(log).to.deep.equal(['init one', 'init two', 'destroy two', 'destroy one']);
  });

  it('calls ServletRequestListeners around each request', async () => {
    const log: string[] = [];
    const ctx = new ContextHandler('/');
    ctx.setHandler(new Ok());
    ctx.addEventListener({
      requestInitialized: (e: { getServletRequest(): HttpServletRequest }) => log.push(`in ${e.getServletRequest().getRequestURI()}`),
      requestDestroyed: () => log.push('out'),
    });
    const { server, port } = await startServer(ctx);
    try {
      await request(port, '/x');
      expect(log).to.deep.equal(['in /x', 'out']);
    } finally {
      await server.stop();
    }
  });

  it('fires ServletContextAttributeListener events', () => {
    const events: string[] = [];
    const ctx = new ContextHandler();
    ctx.addEventListener({
      attributeAdded: (e: { getName(): string; getValue(): unknown }) => events.push(`added ${e.getName()}=${String(e.getValue())}`),
      attributeReplaced: (e: { getName(): string; getValue(): unknown }) => events.push(`replaced ${e.getName()}=${String(e.getValue())}`),
      attributeRemoved: (e: { getName(): string; getValue(): unknown }) => events.push(`removed ${e.getName()}=${String(e.getValue())}`),
    });
    const sc = ctx.getServletContext();
    sc.setAttribute('a', 1);
    sc.setAttribute('a', 2);
    sc.removeAttribute('a');
    expect(events).to.deep.equal(['added a=1', 'replaced a=1', 'removed a=2']);
  });

  it('getRealPath() stays inside the resource base', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-ctx-'));
    const ctx = new ContextHandler();
    ctx.setResourceBase(base);
    const sc = ctx.getServletContext();
    expect(sc.getRealPath('/a/b.txt')).to.equal(path.join(base, 'a', 'b.txt'));
    expect(sc.getRealPath('/../etc/passwd')).to.equal(null);
    expect(sc.getRealPath('/')).to.equal(base);
    expect(sc.getMimeType('x.css')).to.equal('text/css');
    expect(sc.getMimeType('x.unknownext')).to.equal(null);
  });

  it('normalises context paths and keeps init parameters', () => {
    const ctx = new ContextHandler('app/');
    expect(ctx.getContextPath()).to.equal('/app');
    ctx.setInitParameter('k', 'v');
    expect(ctx.getServletContext().getInitParameter('k')).to.equal('v');
    expect(ctx.getServletContext().getContextPath()).to.equal('/app');
    expect(new ContextHandler('/').getServletContext().getContextPath()).to.equal('');
  });
});

describe('ContextHandler protected targets', () => {
  it('answers 404 for requests under a protected target, whatever the case', async () => {
    const ctx = new ContextHandler('/');
    ctx.setHandler(new Ok());
    ctx.setProtectedTargets(['/WEB-INF', '/META-INF']);
    const { server, port } = await startServer(ctx);
    try {
      expect((await request(port, '/WEB-INF/web.xml')).status).to.equal(404);
      expect((await request(port, '/web-inf/web.xml')).status).to.equal(404);
      expect((await request(port, '/META-INF')).status).to.equal(404);
      expect((await request(port, '/WEB-INFO')).status).to.equal(200);
    } finally {
      await server.stop();
    }
  });
});
