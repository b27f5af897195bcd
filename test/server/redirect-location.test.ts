/**
 * Tests that container-made redirects (directory, welcome file, context root) and sendRedirect() of
 * a relative path are built from the canonical path on the server's own origin: a request path never
 * supplies the host of a Location.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextHandlerCollection } from '../../src/server/handler/context-handler-collection';
import { DefaultServlet } from '../../src/servlet/default-servlet';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { ServletHolder } from '../../src/servlet/servlet-holder';
import { logLines, request, startServer, type TestServer } from './http-helpers';

class RedirectServlet extends HttpServlet {
  protected override doGet(req: HttpServletRequest, res: HttpServletResponse): void {
    res.sendRedirect(req.getParameter('to') ?? '/');
  }
}

describe('redirect locations', () => {
  let root: string;
  let t: TestServer;
  let origin: string;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-redirect-'));
    fs.mkdirSync(path.join(root, 'sub'));
    fs.mkdirSync(path.join(root, 'welcome'));
    fs.writeFileSync(path.join(root, 'sub', 'index.html'), 'sub');
    fs.writeFileSync(path.join(root, 'welcome', 'index.html'), 'welcome');
    const top = new ServletContextHandler(null, '/');
    top.setResourceBase(root);
    top.addServlet(new ServletHolder('default', DefaultServlet), '/');
    top.addServlet(new ServletHolder('redirect', RedirectServlet), '/r/*');
    const welcome = new ServletHolder('welcome', DefaultServlet);
    welcome.setInitParameter('redirectWelcome', 'true');
    top.addServlet(welcome, '/welcome/*');
    const ctx = new ServletContextHandler(null, '/s');
    ctx.setResourceBase(root);
    ctx.addServlet(new ServletHolder('default', DefaultServlet), '/');
    const contexts = new ContextHandlerCollection();
    contexts.addHandler(ctx);
    contexts.addHandler(top);
    t = await startServer(contexts);
    origin = `http://127.0.0.1:${t.port}`;
  });
  after(async () => {
    await t.server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses //evil.example/..;/sub with 400 instead of redirecting to evil.example (as Jetty 9.4.57)', async () => {
    const r = await request(t.port, '//evil.example/..;/sub');
    expect(r.status).to.equal(400);
    expect(r.headers.location).to.equal(undefined);
  });

  it('redirects a directory to its canonical path with a slash, on this server', async () => {
    const shapes: [string, string][] = [
      ['//evil.example/../sub', '/sub/'],
      ['//sub', '/sub/'],
      ['/sub;x?q=1', '/sub/?q=1'],
      ['/;x/sub', '/sub/'],
      ['/s//sub', '/s/sub/'],
      ['/s/;evil.example/sub', '/s/sub/'],
    ];
    for (const [shape, location] of shapes) {
      const r = await request(t.port, shape);
      expect(r.status, shape).to.equal(302);
      expect(r.headers.location, shape).to.equal(origin + location);
    }
  });

  it('redirects a context root to the canonical context path with a slash', async () => {
    expect((await request(t.port, '/s;evil.example?x=1')).headers.location).to.equal(`${origin}/s/?x=1`);
    expect((await request(t.port, '/s')).headers.location).to.equal(`${origin}/s/`);
  });

  it('redirects to a welcome file from the canonical directory path', async () => {
    const r = await request(t.port, '//welcome/');
    expect(r.status).to.equal(302);
    expect(r.headers.location).to.equal(`${origin}/welcome/index.html`);
  });

  it('keeps sendRedirect("//host/x") on this server, as Jetty does', async () => {
    const r = await request(t.port, `/r/a?to=${encodeURIComponent('//evil.example/x')}`);
    expect(r.headers.location).to.equal(`${origin}//evil.example/x`);
  });

  it('resolves a relative sendRedirect against the canonical path, and refuses one above the root', async () => {
    expect((await request(t.port, '/r/a/b?to=c')).headers.location).to.equal(`${origin}/r/a/c`);
    expect((await request(t.port, '//r//a/b?to=c')).headers.location).to.equal(`${origin}/r/a/c`);
    expect((await request(t.port, `/r/a/b?to=${encodeURIComponent('../d?x=1#f')}`)).headers.location).to.equal(`${origin}/r/d?x=1#f`);
    expect((await request(t.port, `/r/a?to=${encodeURIComponent('\\\\evil.example/x')}`)).headers.location).to.equal(
      `${origin}/r/\\\\evil.example/x`,
    );
    const above = await request(t.port, `/r/a?to=${encodeURIComponent('../../../x')}`);
    expect(above.status).to.equal(500);
    expect(logLines.join('\n')).to.contain("Cannot redirect to '../../../x': the path goes above the root");
  });

  it('does not take an origin from a Host header that is not a plain host name', async () => {
    const r = await request(t.port, '/sub', { headers: { host: 'evil.example/x?' } });
    expect(r.headers.location).to.equal(`${origin}/sub/`);
    const named = await request(t.port, '/sub', { headers: { host: 'www.example.com:8080' } });
    expect(named.headers.location).to.equal('http://www.example.com:8080/sub/');
  });
});
