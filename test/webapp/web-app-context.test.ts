/**
 * Tests for WebAppContext serving a fixture app over HTTP, its failures, session config and restarts.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WebAppContext } from '../../src/webapp/web-app-context';
import type { Server } from '../../src/server/server';
import { captureServerLog, cleanupTempDirs, copyTree, fixturePath, httpGet, repoRoot, startServer, tempDir } from './webapp-test-support';

describe('WebAppContext', () => {
  describe('serving the shop fixture app over HTTP', () => {
    let server: Server;
    let port: number;
    let webapp: WebAppContext;
    let log: string[] = [];

    before(async () => {
      webapp = new WebAppContext(fixturePath('webapp', 'apps', 'shop'), '/shop');
      webapp.setDefaultsDescriptor(fixturePath('deploy', 'webdefault-no-static.xml'));
      await captureServerLog(async (lines) => {
        ({ server, port } = await startServer(webapp));
        log = lines;
      });
    });
    after(async () => {
      await captureServerLog(() => server.stop());
    });

    it('starts available, with the display name from web.xml', () => {
      expect(webapp.isAvailable(), log.join('\n')).to.equal(true);
      expect(webapp.getDisplayName()).to.equal('Shop fixture');
    });

    it('runs a plain-class servlet with its init params, after the context listener ran', async () => {
      const res = await httpGet(port, '/shop/hello');
      expect(res.status).to.equal(200);
      expect(res.body).to.equal('hello world path=/hello started=StartupListener:hello');
    });

    it('maps prefix and extension patterns (an ES module servlet on *.esm)', async () => {
      expect((await httpGet(port, '/shop/greet/you')).body).to.equal('hello world path=/greet/you started=StartupListener:hello');
      expect((await httpGet(port, '/shop/page.esm')).body).to.equal('esm /page.esm');
    });

    it('runs the filter mapped to /* before the servlet', async () => {
      expect((await httpGet(port, '/shop/hello')).headers['x-stamp']).to.equal('stamped');
    });

    it('answers 405 for a method the plain servlet does not implement', async () => {
      expect((await httpGet(port, '/shop/hello', {}, 'DELETE')).status).to.equal(405);
    });

    it('answers 500 for a servlet whose init throws at first request, then 503 while it is unavailable', async () => {
      expect((await captureServerLog(() => httpGet(port, '/shop/boom'))).status).to.equal(500);
      expect((await captureServerLog(() => httpGet(port, '/shop/boom'))).status).to.equal(503);
      expect((await httpGet(port, '/shop/hello')).status).to.equal(200);
    });

    it('serves the exception-type error page for a servlet that throws', async () => {
      const res = await captureServerLog(() => httpGet(port, '/shop/crash'));
      expect(res.status).to.equal(500);
      expect(res.body).to.contain('custom oops');
    });

    it('runs an error page that is a servlet, with the ERROR dispatcher type and the error attributes', async () => {
      const res = await captureServerLog(() => httpGet(port, '/shop/typo'));
      expect(res.status).to.equal(500);
      expect(res.body).to.match(/^failure page: ERROR 500 Cannot read properties of undefined/);
    });

    it('runs an error page that is a servlet for a status sent with sendError', async () => {
      const res = await httpGet(port, '/shop/teapot');
      expect(res.status).to.equal(418);
      expect(res.body).to.equal('failure page: ERROR 418 short and stout');
    });

    it('serves the 404 error page of web.xml', async () => {
      const res = await httpGet(port, '/shop/nothing-here.txt');
      expect(res.status).to.equal(404);
      expect(res.body).to.contain('custom not found');
    });

    it('gives the session-timeout of web.xml to the session handler, in seconds', () => {
      expect(webapp.getSessionHandler()?.getMaxInactiveInterval()).to.equal(15 * 60);
    });
  });

  describe('with etc/webdefault.xml (the default servlet)', () => {
    let server: Server;
    let port: number;
    let webapp: WebAppContext;

    before(async () => {
      webapp = new WebAppContext(fixturePath('webapp', 'apps', 'shop'), '/shop');
      await captureServerLog(async () => {
        ({ server, port } = await startServer(webapp));
      });
    });
    after(async () => {
      await captureServerLog(() => server.stop());
    });

    it("uses Pier's etc/webdefault.xml by default", () => {
      expect(webapp.getDefaultsDescriptor()).to.equal(path.join(repoRoot(), 'etc', 'webdefault.xml'));
    });

    it('serves static files and the welcome file through the default servlet', async () => {
      expect(webapp.isAvailable(), String(webapp.getUnavailableException())).to.equal(true);
      const css = await httpGet(port, '/shop/static/style.css');
      expect(css.status).to.equal(200);
      expect(css.body).to.contain('teal');
      expect((await httpGet(port, '/shop/')).body).to.contain('home page');
    });

    it('still serves the servlets and the 404 page of web.xml', async () => {
      expect((await httpGet(port, '/shop/hello')).status).to.equal(200);
      expect((await httpGet(port, '/shop/nothing-here.txt')).body).to.contain('custom not found');
    });
  });

  describe('session-config', () => {
    it('goes to the SessionHandler: timeout (0 = never), cookie config and tracking modes (here from an override descriptor)', async () => {
      const webapp = new WebAppContext(fixturePath('webapp', 'apps', 'shop'), '/s');
      webapp.setDefaultsDescriptor(fixturePath('deploy', 'webdefault-no-static.xml'));
      webapp.setOverrideDescriptor(fixturePath('webapp', 'descriptors', 'session-web.xml'));
      await captureServerLog(() => webapp.start());
      try {
        expect(webapp.isAvailable(), String(webapp.getUnavailableException())).to.equal(true);
        const sessions = webapp.getSessionHandler()!;
        expect(sessions.getMaxInactiveInterval()).to.equal(-1);
        const cookie = sessions.getSessionCookieConfig();
        expect([cookie.getName(), cookie.getPath(), cookie.isHttpOnly(), cookie.isSecure(), cookie.getMaxAge()]).to.deep.equal([
          'CARTID',
          '/cart',
          true,
          true,
          600,
        ]);
        expect([...sessions.getEffectiveSessionTrackingModes()]).to.deep.equal(['URL']);
      } finally {
        await captureServerLog(() => webapp.stop());
      }
    });
  });

  describe('restarting', () => {
    afterEach(cleanupTempDirs);

    it('serves again after stop and start, with each listener added once', async () => {
      const webapp = new WebAppContext(fixturePath('webapp', 'apps', 'shop'), '/shop');
      webapp.setDefaultsDescriptor(fixturePath('deploy', 'webdefault-no-static.xml'));
      await captureServerLog(async () => {
        const { server, port } = await startServer(webapp);
        try {
          await webapp.stop();
          await webapp.start();
          const res = await httpGet(port, '/shop/hello');
          expect(res.body).to.equal('hello world path=/hello started=StartupListener:hello');
          expect(webapp.getEventListeners()).to.have.length(1);
          expect(
            webapp
              .getServletHandler()
              .getServlets()
              .map((h) => h.getName())
              .filter((n) => n === 'hello'),
          ).to.have.length(1);
        } finally {
          await server.stop();
        }
      });
    });

    it('takes its listeners from the code as it is at the new start (the old instances are removed)', async () => {
      const app = tempDir();
      copyTree(fixturePath('webapp', 'apps', 'shop'), app);
      const webapp = new WebAppContext(app, '/shop');
      webapp.setDefaultsDescriptor(fixturePath('deploy', 'webdefault-no-static.xml'));
      await captureServerLog(async () => {
        const { server, port } = await startServer(webapp);
        try {
          const listener = path.join(app, 'WEB-INF', 'classes', 'com', 'example', 'StartupListener.js');
          fs.writeFileSync(listener, fs.readFileSync(listener, 'utf8').replace("'StartupListener:'", "'EditedListener:'"));
          await webapp.stop();
          await webapp.start();
          expect((await httpGet(port, '/shop/hello')).body).to.equal('hello world path=/hello started=EditedListener:hello');
          expect(webapp.getEventListeners()).to.have.length(1);
        } finally {
          await server.stop();
        }
      });
    });
  });

  describe('failures', () => {
    afterEach(cleanupTempDirs);

    it('logs one line with the descriptor location and answers 503 for an app with a bad web.xml', async () => {
      const app = tempDir();
      copyTree(fixturePath('webapp', 'apps', 'shop'), app);
      fs.writeFileSync(
        path.join(app, 'WEB-INF', 'web.xml'),
        '<web-app>\n  <servlet>\n    <servlet-name>x</servlet-name>\n  </servlet-oops>\n</web-app>\n',
      );
      const webapp = new WebAppContext(app, '/bad');
      await captureServerLog(async (lines) => {
        const { server, port } = await startServer(webapp);
        try {
          expect(webapp.isAvailable()).to.equal(false);
          const failures = lines.filter((l) => l.startsWith('Failed startup of context'));
          expect(failures).to.have.length(1);
          expect(failures[0]).to.contain(`${path.join(app, 'WEB-INF', 'web.xml')}:4:`);
          expect((await httpGet(port, '/bad/hello')).status).to.equal(503);
        } finally {
          await server.stop();
        }
      });
    });

    it('names the missing class and the descriptor line that declared it', async () => {
      const app = tempDir();
      copyTree(fixturePath('webapp', 'apps', 'shop'), app);
      fs.rmSync(path.join(app, 'WEB-INF', 'classes', 'com', 'example', 'HelloServlet.js'));
      const webapp = new WebAppContext(app, '/missing');
      webapp.setDefaultsDescriptor(null);
      webapp.setThrowUnavailableOnStartupException(true);
      const err = (await captureServerLog(() => webapp.start()).catch((e: unknown) => e)) as Error;
      expect(err.message).to.match(
        new RegExp(
          `^${escape(path.join(app, 'WEB-INF', 'web.xml'))}:20:3: Cannot create servlet 'com\\.example\\.HelloServlet': Cannot load class 'com\\.example\\.HelloServlet': none of `,
        ),
      );
    });

    it('uses the folder next to a .war as its unpacked copy', async () => {
      const dir = tempDir();
      copyTree(fixturePath('deploy', 'hello'), path.join(dir, 'app'));
      fs.writeFileSync(path.join(dir, 'app.war'), 'PK');
      const webapp = new WebAppContext(path.join(dir, 'app.war'), '/app');
      webapp.setDefaultsDescriptor(null);
      await captureServerLog(async () => {
        const { server, port } = await startServer(webapp);
        try {
          expect((await httpGet(port, '/app/hello')).body).to.equal('hello v1 from /app');
          expect(webapp.getResourceBase()).to.equal(path.join(dir, 'app'));
        } finally {
          await server.stop();
        }
      });
    });

    it('refuses a .war archive with a clear message', async () => {
      const dir = tempDir();
      const war = path.join(dir, 'app.war');
      fs.writeFileSync(war, 'PK');
      const webapp = new WebAppContext(war, '/app');
      webapp.setThrowUnavailableOnStartupException(true);
      const err = (await captureServerLog(() => webapp.start()).catch((e: unknown) => e)) as Error;
      expect(err.message).to.equal(`Cannot deploy '${war}': .war archives are not supported, unpack it into '${path.join(dir, 'app')}'`);
    });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
