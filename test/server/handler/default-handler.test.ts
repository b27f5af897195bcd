/**
 * Tests for DefaultHandler: Jetty 9.4.57's 404 page listing the known contexts (path, display name,
 * availability, life cycle; never a file-system path), plain 404s and the favicon.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AbstractHandler } from '../../../src/server/handler/abstract-handler';
import { ContextHandler } from '../../../src/server/handler/context-handler';
import { ContextHandlerCollection } from '../../../src/server/handler/context-handler-collection';
import { DefaultHandler } from '../../../src/server/handler/default-handler';
import { HandlerCollection } from '../../../src/server/handler/handler-collection';
import type { Request } from '../../../src/server/request';
import { WebAppContext } from '../../../src/webapp/web-app-context';
import { request, startServer } from '../http-helpers';

class Hello extends AbstractHandler {
  async handle(_t: string, base: Request): Promise<void> {
    base.setHandled(true);
  }
}

function context(contextPath: string, displayName: string | null, base: string, vhosts?: string[]): ContextHandler {
  const c = new ContextHandler();
  c.setContextPath(contextPath);
  c.setDisplayName(displayName);
  c.setResourceBase(base);
  if (vhosts) c.setVirtualHosts(vhosts);
  c.setHandler(new Hello());
  return c;
}

describe('DefaultHandler', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-default-handler-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("lists the known contexts for GET / in Jetty 9.4.57's table, without any file-system path", async () => {
    const contexts = new ContextHandlerCollection();
    const stopped = context('/stopped', null, root);
    contexts.setHandlers([context('/alpha', 'The <Alpha>', root), context('/beta', null, root, ['beta.example.com']), stopped]);
    const handlers = new HandlerCollection();
    handlers.setHandlers([contexts, new DefaultHandler()]);
    const { server, port } = await startServer(handlers);
    await stopped.stop();
    try {
      const r = await request(port, '/');
      expect(r.status).to.equal(404);
      expect(r.headers['content-type']).to.equal('text/html;charset=utf-8');
      expect(Number(r.headers['content-length'])).to.equal(r.body.length);
      expect(r.text).to.contain(
        '<p>No context on this server matched or handled this request.</p>\n<p>Contexts known to this server are:</p>\n' +
          '<table class="contexts"><thead><tr><th>Context Path</th><th>Display Name</th><th>Status</th><th>LifeCycle</th></tr></thead><tbody>\n',
      );
      expect(r.text).to.contain('<tr><td><a href="/alpha/">/alpha</a></td><td>The &lt;Alpha&gt;&nbsp;</td><td>Available</td><td>STARTED</td></tr>\n');
      expect(r.text).to.contain('<tr><td><a href="/beta/">/beta</a></td><td>&nbsp;</td><td>Available</td><td>STARTED</td></tr>\n');
      expect(r.text).to.contain('<tr><td>/stopped</td><td>&nbsp;</td><td>Available</td><td>STOPPED</td></tr>\n');
      expect(r.text).not.to.contain(root);
      expect(r.text).not.to.contain(os.tmpdir());
      for (const other of [await request(port, '/missing'), await request(port, '/', { method: 'POST' })]) {
        expect(other.status).to.equal(404);
        expect(other.text).not.to.contain('Contexts known');
      }
    } finally {
      await server.stop();
    }
  });

  it('shows a web app whose start failed as Not Available and FAILED, the state behind its 503', async () => {
    const war = path.join(root, 'broken');
    fs.mkdirSync(path.join(war, 'WEB-INF'), { recursive: true });
    fs.writeFileSync(
      path.join(war, 'WEB-INF', 'web.xml'),
      '<web-app><display-name>Broken app</display-name>' +
        '<servlet><servlet-name>x</servlet-name><servlet-class>no.such.Servlet</servlet-class></servlet></web-app>',
    );
    const contexts = new ContextHandlerCollection();
    contexts.setHandlers([new WebAppContext(war, '/broken')]);
    const handlers = new HandlerCollection();
    handlers.setHandlers([contexts, new DefaultHandler()]);
    const { server, port } = await startServer(handlers);
    try {
      expect((await request(port, '/broken/')).status).to.equal(503);
      const page = (await request(port, '/')).text;
      expect(page).to.contain(
        '<tr><td><a href="/broken/">/broken</a></td><td>Broken app&nbsp;</td><td><em>Not</em> Available</td><td>FAILED</td></tr>',
      );
      expect(page).not.to.contain(war);
    } finally {
      await server.stop();
    }
  });

  it('serves a favicon', async () => {
    const { server, port } = await startServer(new DefaultHandler());
    try {
      const r = await request(port, '/favicon.ico');
      expect(r.status).to.equal(200);
      expect(r.headers['content-type']).to.equal('image/x-icon');
      expect(r.body.readUInt16LE(2)).to.equal(1);
    } finally {
      await server.stop();
    }
  });
});
