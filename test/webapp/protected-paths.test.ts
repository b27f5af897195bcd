/**
 * Tests that one canonical path decides every mapping and protection check: no spelling of a path
 * (empty segments, `;` parameters, dot segments, letter case) reaches WEB-INF/META-INF or skips a
 * filter, in the demo app at `/` and in an app at `/app`.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContextHandlerCollection } from '../../src/server/handler/context-handler-collection';
import type { Server } from '../../src/server/server';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { request } from '../server/http-helpers';
import { captureServerLog, cleanupTempDirs, repoRoot, startServer, tempDir } from './webapp-test-support';

const WEB_XML = `<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <filter><filter-name>deny</filter-name><filter-class>t.DenyFilter</filter-class></filter>
  <filter-mapping><filter-name>deny</filter-name><url-pattern>/admin/*</url-pattern></filter-mapping>
  <servlet><servlet-name>echo</servlet-name><servlet-class>t.EchoServlet</servlet-class></servlet>
  <servlet-mapping><servlet-name>echo</servlet-name><url-pattern>/echo/*</url-pattern></servlet-mapping>
</web-app>
`;

/** An app with private folders, a filtered /admin folder and a servlet that shows its paths. */
function makeApp(): string {
  const dir = tempDir('pier-protected-');
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('WEB-INF/web.xml', WEB_XML);
  write('WEB-INF/classes/t/DenyFilter.js', "module.exports = class DenyFilter { doFilter(req, res) { res.sendError(403, 'denied by filter'); } };\n");
  write(
    'WEB-INF/classes/t/EchoServlet.js',
    'module.exports = class EchoServlet { doGet(req, res) {\n' +
      '  res.getWriter().write(`sp=${req.getServletPath()} pi=${req.getPathInfo()}`); } };\n',
  );
  write('META-INF/MANIFEST.MF', 'MANIFEST-SECRET');
  write('admin/secret.txt', 'ADMIN-SECRET');
  write('sub/index.html', 'sub index');
  write('index.html', 'app index');
  return dir;
}

describe('protected paths: one canonical path for contexts, protection, filters and files', () => {
  let server: Server;
  let port: number;

  before(async () => {
    const contexts = new ContextHandlerCollection();
    contexts.addHandler(new WebAppContext(path.join(repoRoot(), 'webapps', 'ROOT'), '/'));
    contexts.addHandler(new WebAppContext(makeApp(), '/app'));
    await captureServerLog(async () => {
      ({ server, port } = await startServer(contexts));
    });
  });
  after(async () => {
    await captureServerLog(() => server.stop());
    cleanupTempDirs();
  });

  async function statusOf(p: string): Promise<{ status: number; text: string }> {
    const r = await request(port, p);
    return { status: r.status, text: r.text };
  }

  /** Each path answers `status` and shows none of `hidden`. */
  async function expectEachAnswers(paths: string[], status: number, hidden: string[]): Promise<void> {
    for (const p of paths) {
      const r = await statusOf(p);
      expect(r.status, p).to.equal(status);
      for (const h of hidden) expect(r.text, p).not.to.contain(h);
    }
  }

  it("never serves the demo app's WEB-INF, whatever the spelling of the path", async () => {
    const shapes = [
      '/WEB-INF/web.xml',
      '//WEB-INF/web.xml',
      '//WEB-INF/classes/org/pier/demo/ShopServlet.js',
      '/;x/WEB-INF/web.xml',
      '/.//WEB-INF/web.xml',
      '/sub/..//WEB-INF/web.xml',
      '/web-inf/web.xml',
      '/Web-Inf/web.xml',
      '///WEB-INF/web.xml',
      '/WEB-INF;x/web.xml',
      '/WEB-INF/;x/web.xml',
      '/%57EB-INF/web.xml',
      '//WEB-INF//web.xml',
      '/x/..//WEB-INF/web.xml',
    ];
    await expectEachAnswers(shapes, 404, ['<servlet-class>', 'class ShopServlet']);
  });

  it("never serves an app's WEB-INF or META-INF, whatever the spelling of the path", async () => {
    const shapes = [
      '/app//WEB-INF/web.xml',
      '/app/;x/WEB-INF/web.xml',
      '/app/.//WEB-INF/web.xml',
      '/app/sub/..//WEB-INF/web.xml',
      '/app//META-INF/MANIFEST.MF',
      '/app/Meta-Inf/MANIFEST.MF',
      '/app/WEB-INF/classes/t/DenyFilter.js',
      '//app//WEB-INF/web.xml',
      '/app;x//WEB-INF/web.xml',
      '/app/;/META-INF/MANIFEST.MF',
    ];
    await expectEachAnswers(shapes, 404, ['MANIFEST-SECRET', 'filter-class']);
  });

  it('answers 400 for a parameter on a dot segment, as Jetty 9.4.57 does', async () => {
    await expectEachAnswers(['/app/..;/app/WEB-INF/web.xml', '/app/sub/..;x/WEB-INF/web.xml', '/app/.;x/WEB-INF/web.xml'], 400, ['<web-app']);
  });

  it('runs the filter mapped to /admin/* for every spelling of /app/admin/secret.txt', async () => {
    const shapes = [
      '/app/admin/secret.txt',
      '/app//admin/secret.txt',
      '/app/;/admin/secret.txt',
      '/app/admin;x/secret.txt',
      '/app/./admin/secret.txt',
      '/app/sub/..//admin/secret.txt',
      '/app/admin//secret.txt',
      '//app/admin/secret.txt',
    ];
    await expectEachAnswers(shapes, 403, ['ADMIN-SECRET']);
  });

  it('names on the 404 page the servlet the protected path maps to, as Jetty 9.4.57 does', async () => {
    const r = await request(port, '/app/WEB-INF/web.xml');
    expect(r.status).to.equal(404);
    expect(r.text).to.contain('<tr><th>SERVLET:</th><td>default</td></tr>');
    const text = await request(port, '/app/nope.html', { headers: { accept: 'text/plain' } });
    expect(text.text).to.contain('SERVLET: default\n');
  });

  it('gives servlets the canonical servlet path and path info', async () => {
    expect((await statusOf('/app/echo//x;y/./z')).text).to.equal('sp=/echo pi=/x/z');
    expect((await statusOf('/app//echo/a/..')).text).to.equal('sp=/echo pi=/');
  });

  it('still serves ordinary files under any harmless spelling', async () => {
    expect((await statusOf('/app//sub/index.html')).text).to.equal('sub index');
    expect((await statusOf('/app;x/index.html')).text).to.equal('app index');
    expect((await statusOf('//index.html')).text).to.contain('Pier is running');
  });
});
