/**
 * Dev mode: an edited servlet is reloaded in its own app only, and the session counter keeps counting.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { enableDevMode, type DevMode, type DevReload } from '../../../src/deploy/dev';
import { ContextHandlerCollection } from '../../../src/server/handler/context-handler-collection';
import { Server } from '../../../src/server/server';
import { ServerConnector } from '../../../src/server/server-connector';
import { DefaultSessionCache } from '../../../src/session/default-session-cache';
import { HashSessionManager } from '../../../src/session/legacy/hash-session-manager';
import { SessionHandler } from '../../../src/session/session-handler';
import { FileSessionDataStore } from '../../../src/session/stores/file/file-session-data-store';
import { WebAppContext } from '../../../src/webapp/web-app-context';
import { spyOnLog } from '../../support/log-capture';
import { fakeClock, tickUntil } from '../../support/fake-clock';

const WEB_XML = `<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <servlet><servlet-name>counter</servlet-name><servlet-class>dev.CounterServlet</servlet-class></servlet>
  <servlet-mapping><servlet-name>counter</servlet-name><url-pattern>/*</url-pattern></servlet-mapping>
</web-app>
`;

/** The servlet source, answering `<version> n=<n>` with n counted in the session. */
function servlet(version: string): string {
  return `'use strict';
class CounterServlet {
  doGet(req, res) {
    const s = req.getSession(true);
    const n = (s.getAttribute('n') || 0) + 1;
    s.setAttribute('n', n);
    res.setContentType('text/plain');
    res.getWriter().print('${version} n=' + n);
  }
}
module.exports = { CounterServlet };
`;
}

function makeApp(root: string, name: string): string {
  const app = path.join(root, name);
  fs.mkdirSync(path.join(app, 'WEB-INF', 'classes', 'dev'), { recursive: true });
  fs.writeFileSync(path.join(app, 'WEB-INF', 'web.xml'), WEB_XML);
  fs.writeFileSync(path.join(app, 'WEB-INF', 'classes', 'dev', 'CounterServlet.js'), servlet('v1'));
  return app;
}

function get(port: number, p: string, cookie?: string | null): Promise<{ body: string; cookie: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, agent: false, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ body: Buffer.concat(chunks).toString('utf8'), cookie: (res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? null }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the next reload of `contextPath`, or rejects after a bounded wait. */
function nextReload(reloads: DevReload[], contextPath: string, after: number): Promise<DevReload> {
  return new Promise((resolve, reject) => {
    let tries = 0;
    const poll = (): void => {
      const r = reloads.slice(after).find((x) => x.contextPath === contextPath);
      if (r) {
        resolve(r);
        return;
      }
      if (++tries > 200) {
        reject(new Error(`Cannot see a reload of '${contextPath}' after 10 s`));
        return;
      }
      setTimeout(poll, 50);
    };
    poll();
  });
}

describe('enableDevMode', () => {
  let root: string;
  let server: Server;
  let dev: DevMode | null;
  let reloads: DevReload[];

  async function startServer(contexts: WebAppContext[]): Promise<number> {
    server = new Server();
    const connector = new ServerConnector(server);
    connector.setHost('127.0.0.1');
    connector.setPort(0);
    server.addConnector(connector);
    const coll = new ContextHandlerCollection();
    for (const c of contexts) coll.addHandler(c);
    server.setHandler(coll);
    await server.start();
    dev = enableDevMode(server, { debounceMs: 100, onReload: (r) => reloads.push(r) });
    return connector.getLocalPort();
  }

  function webapp(contextPath: string, war: string, sessionHandler: SessionHandler): WebAppContext {
    const c = new WebAppContext();
    c.setContextPath(contextPath);
    c.setWar(war);
    c.setSessionHandler(sessionHandler);
    return c;
  }

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-dev-'));
    reloads = [];
    dev = null;
  });
  afterEach(async () => {
    dev?.close();
    await server?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reloads an edited servlet and the session counter keeps counting (HashSessionManager)', async () => {
    const app = makeApp(root, 'app');
    const manager = new HashSessionManager();
    manager.setStoreDirectory(path.join(root, 'sessions'));
    const port = await startServer([webapp('/dev', app, new SessionHandler(manager))]);
    expect(dev!.watched().get('/dev')).to.equal(app);
    const first = await get(port, '/dev/x');
    expect(first.body).to.equal('v1 n=1');
    expect((await get(port, '/dev/x', first.cookie)).body).to.equal('v1 n=2');
    fs.writeFileSync(path.join(app, 'WEB-INF', 'classes', 'dev', 'CounterServlet.js'), servlet('v2'));
    const r = await nextReload(reloads, '/dev', 0);
    expect(r.error).to.equal(undefined);
    expect(r.changes.some((c) => c.endsWith('CounterServlet.js'))).to.equal(true);
    expect((await get(port, '/dev/x', first.cookie)).body).to.equal('v2 n=3');
  });

  it('keeps sessions through a 9.4 SessionHandler with a FileSessionDataStore, and reloads only the edited app', async () => {
    const a = makeApp(root, 'a');
    const b = makeApp(root, 'b');
    const sh = new SessionHandler();
    const cache = new DefaultSessionCache(sh);
    const store = new FileSessionDataStore();
    store.setStoreDir(path.join(root, 'store'));
    cache.setSessionDataStore(store);
    sh.setSessionCache(cache);
    const port = await startServer([webapp('/a', a, sh), webapp('/b', b, new SessionHandler())]);
    const first = await get(port, '/a/x');
    const other = await get(port, '/b/x');
    expect(first.body).to.equal('v1 n=1');
    fs.writeFileSync(path.join(a, 'WEB-INF', 'classes', 'dev', 'CounterServlet.js'), servlet('v2'));
    await nextReload(reloads, '/a', 0);
    expect((await get(port, '/a/x', first.cookie)).body).to.equal('v2 n=2');
    expect(reloads.map((r) => r.contextPath)).to.deep.equal(['/a']);
    expect((await get(port, '/b/x', other.cookie)).body).to.equal('v1 n=2');
  });

  it('does not reload again for the session files the reload itself writes inside the app folder', async () => {
    const app = makeApp(root, 'app');
    const manager = new HashSessionManager();
    manager.setStoreDirectory(path.join(app, 'WEB-INF', 'sessions'));
    const port = await startServer([webapp('/dev', app, new SessionHandler(manager))]);
    const first = await get(port, '/dev/x');
    const r = await dev!.reload('/dev');
    expect(r.error).to.equal(undefined);
    expect((await get(port, '/dev/x', first.cookie)).body).to.equal('v1 n=2');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reloads.length).to.equal(1);
  });

  it('brings back a session that idleSavePeriod had written to disk before the reload', async () => {
    const app = makeApp(root, 'app');
    const store = path.join(root, 'sessions');
    const manager = new HashSessionManager();
    manager.setStoreDirectory(store);
    manager.setIdleSavePeriod(1);
    manager.setScavengePeriod(1);
    // the manager's scavenger is a setInterval: a fake clock idles the session without a second's wait
    const clock = fakeClock(['setInterval', 'clearInterval', 'Date']);
    let port: number;
    let first: { cookie: string | null };
    try {
      port = await startServer([webapp('/dev', app, new SessionHandler(manager))]);
      first = await get(port, '/dev/x');
      const id = first.cookie!.split('=')[1].split('.')[0];
      expect(await tickUntil(clock, () => fs.existsSync(path.join(store, id)) && !manager.getHashSessionCache().contains(id))).to.equal(true);
    } finally {
      clock.restore();
    }
    fs.writeFileSync(path.join(app, 'WEB-INF', 'classes', 'dev', 'CounterServlet.js'), servlet('v2'));
    await nextReload(reloads, '/dev', 0);
    expect((await get(port, '/dev/x', first.cookie)).body).to.equal('v2 n=2');
  });

  it('reports a reload whose new code fails, and recovers at the next edit', async () => {
    const app = makeApp(root, 'app');
    const manager = new HashSessionManager();
    manager.setStoreDirectory(path.join(root, 'sessions'));
    const port = await startServer([webapp('/dev', app, new SessionHandler(manager))]);
    const first = await get(port, '/dev/x');
    const warn = spyOnLog('WARN', 'org.eclipse.jetty.webapp.WebAppContext');
    fs.writeFileSync(path.join(app, 'WEB-INF', 'web.xml'), '<web-app><servlet>');
    const broken = await nextReload(reloads, '/dev', 0);
    expect(broken.error).to.not.equal(undefined);
    expect(
      warn
        .getCalls()
        .map((c) => c.args[0])
        .filter((m) => m.startsWith('Failed startup of context WebAppContext@{/dev,')),
    ).to.have.length(1);
    warn.restore();
    fs.writeFileSync(path.join(app, 'WEB-INF', 'web.xml'), WEB_XML);
    const fixed = await nextReload(reloads, '/dev', 1);
    expect(fixed.error).to.equal(undefined);
    expect((await get(port, '/dev/x', first.cookie)).body).to.equal('v1 n=2');
  });

  it('does not reload a web app for a static file outside WEB-INF', async () => {
    const app = makeApp(root, 'app');
    const port = await startServer([webapp('/dev', app, new SessionHandler(new HashSessionManager()))]);
    expect((await get(port, '/dev/x')).body).to.equal('v1 n=1');
    fs.writeFileSync(path.join(app, 'style.css'), 'body {}');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reloads).to.deep.equal([]);
  });

  it('names the watched contexts when asked to reload an unknown one', async () => {
    makeApp(root, 'app');
    await startServer([webapp('/dev', path.join(root, 'app'), new SessionHandler(new HashSessionManager()))]);
    let error: Error | null = null;
    try {
      await dev!.reload('/nope');
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.equal("Cannot reload '/nope': no watched context has this path (watched: '/dev')");
  });
});
