/**
 * The hot path's rule, measured: a request for a session that is in memory (resident) allocates no
 * promise to find, enter, use or release its session, and the request as a whole, served by a synchronous
 * servlet, allocates none at all. Promise constructions are counted with async_hooks over one request on a
 * warm keep-alive connection through the real server, after warm-up.
 * @module
 */
import { expect } from 'chai';
import { createHook } from 'node:async_hooks';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ContextHandlerCollection } from '../../src/server/handler/context-handler-collection';
import { DefaultHandler } from '../../src/server/handler/default-handler';
import { HandlerCollection } from '../../src/server/handler/handler-collection';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { DefaultSessionCache } from '../../src/session/default-session-cache';
import { FileSessionDataStore } from '../../src/session/stores/file/file-session-data-store';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { startServer } from '../server/http-helpers';
import { tempDir } from './support';

/**
 * The promises one such request may create: none. A synchronous servlet makes its holder return the settled
 * DONE, every level of the chain passes DONE up after doing its own after-work at once (a scope's restore, the
 * servlet handler's failure mapping, a collection's next handler), the exchange goes on in the same call, the
 * response ends through `res.end`'s callback, and the session scope is left through the request's completion
 * listener, which returns DONE when nothing is to be written. Adding one is a decision: change this number
 * and ARCHITECTURE.md's hot-path paragraph together.
 */
const HOT_PATH_PROMISE_BUDGET = 0;
/**
 * What a deployed web app adds to that: nothing either. HandlerCollection goes on to DefaultHandler, and
 * WebAppContext looks for a pending error page, at once when the contexts finished with DONE. Before that the
 * web-app path made 2 more promises than the in-code one, and 11 more before the collections, the web app and
 * the servlet adapter lost their async frames.
 */
const WEB_APP_PROMISES = 0;
/** The promises the session layer may make for a resident session: none (see SessionHandler.doScope's rules). */
const SESSION_LAYER_SITES: string[] = [];

const SRC = `${path.sep}src${path.sep}`;

/** A servlet that reads the session counter and writes it only the first time. */
class ReadServlet extends HttpServlet {
  protected override doGet(req: HttpServletRequest, res: HttpServletResponse): void {
    const session = req.getSession(true)!;
    const n = session.getAttribute('n') as number | null;
    if (n === null) session.setAttribute('n', 1);
    res.setContentType('text/plain');
    res.getWriter().write(`n=${n ?? 0}`);
  }
}

/** One HTTP/1.1 client connection, read by hand: no promise of its own while a request is measured. */
class RawConnection {
  private buffer = '';
  private waiting: ((reply: string) => void) | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.deliver();
    });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends a GET; `onReply` runs (synchronously, in the data callback) when the whole reply is in. */
  send(cookie: string | null, onReply: (reply: string) => void): void {
    this.waiting = onReply;
    this.socket.write(`GET /ctx/read HTTP/1.1\r\nHost: test\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`);
  }

  get(cookie: string | null): Promise<string> {
    return new Promise((resolve) => this.send(cookie, resolve));
  }

  private deliver(): void {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || this.waiting === null) return;
    const length = /\r\ncontent-length: *(\d+)/i.exec(this.buffer.substring(0, end));
    if (!length || this.buffer.length < end + 4 + Number(length[1])) return;
    const reply = this.buffer.substring(0, end + 4 + Number(length[1]));
    this.buffer = this.buffer.substring(reply.length);
    const w = this.waiting;
    this.waiting = null;
    w(reply);
  }

  close(): void {
    this.socket.destroy();
  }
}

const SESSION_SRC = `${SRC}session${path.sep}`;

/** Where a promise was made: the first frame in Pier's code, as `Class.method`, and whether it is in src/session/. */
function siteOf(stack: string): { site: string; inSessionLayer: boolean } {
  for (const line of stack.split('\n').slice(1)) {
    if (!line.includes(SRC)) continue;
    const m = /at (?:async )?([^\s(]+) \(/.exec(line);
    return { site: m ? m[1] : line.trim(), inSessionLayer: line.includes(SESSION_SRC) };
  }
  return { site: '(outside Pier)', inSessionLayer: false };
}

/** Counts the promises created from sending one request until its whole reply is in; returns their sites. */
function measure(connection: RawConnection, cookie: string): Promise<{ site: string; inSessionLayer: boolean }[]> {
  return new Promise((resolve) => {
    const sites: { site: string; inSessionLayer: boolean }[] = [];
    const hook = createHook({
      init(_id, type) {
        if (type !== 'PROMISE') return;
        const holder: { stack?: string } = {};
        Error.captureStackTrace(holder);
        sites.push(siteOf(holder.stack ?? ''));
      },
    });
    // enabled in a callback of its own, after the test's await has made its promise
    setImmediate(() => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 40;
      hook.enable();
      connection.send(cookie, () => {
        hook.disable();
        Error.stackTraceLimit = limit;
        setImmediate(() => resolve(sites));
      });
    });
  });
}

describe('the hot path for a resident session', function () {
  this.timeout(60_000);
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function serve(store: 'null' | 'file'): Promise<number> {
    const context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath('/ctx');
    context.addServlet(ReadServlet, '/read');
    if (store === 'file') {
      const tmp = tempDir();
      cleanups.push(tmp.cleanup);
      const handler = context.getSessionHandler()!;
      const cache = new DefaultSessionCache(handler);
      const fileStore = new FileSessionDataStore();
      fileStore.setStoreDir(tmp.dir);
      // a read changes only the access time: with a save period, it is not written at every request
      fileStore.setSavePeriodSec(60);
      // no periodic checkpoint: nothing of the store runs while a request is measured
      fileStore.setCheckpointPeriodMs(0);
      cache.setSessionDataStore(fileStore);
      handler.setSessionCache(cache);
    }
    const { server, port } = await startServer(context);
    cleanups.push(() => server.stop());
    return port;
  }

  /** The sites of the promises of the cheapest of three measured requests (after warm-up), and that request's reply. */
  async function promisesOfOneRequest(port: number): Promise<{ site: string; inSessionLayer: boolean }[]> {
    const connection = await RawConnection.open(port);
    cleanups.push(() => connection.close());
    const first = await connection.get(null);
    const cookie = /\r\nset-cookie: *(JSESSIONID=[^;\r]+)/i.exec(first)?.[1];
    expect(cookie, first).to.be.a('string');
    for (let i = 0; i < 30; i++) {
      const r = await connection.get(cookie!);
      expect(r, r).to.match(/\r\n\r\nn=1$/);
    }
    let best: { site: string; inSessionLayer: boolean }[] | null = null;
    for (let i = 0; i < 3; i++) {
      const sites = await measure(connection, cookie!);
      if (best === null || sites.length < best.length) best = sites;
    }
    return best!;
  }

  /**
   * The same read as bin/start runs it: etc/jetty.xml's HandlerCollection (ContextHandlerCollection, then
   * DefaultHandler) and a WebAppContext from a folder with web.xml and a plain JavaScript servlet class.
   */
  async function serveWebApp(): Promise<number> {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const webInf = path.join(tmp.dir, 'app', 'WEB-INF');
    fs.mkdirSync(path.join(webInf, 'classes'), { recursive: true });
    fs.writeFileSync(
      path.join(webInf, 'web.xml'),
      '<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1"><servlet><servlet-name>read</servlet-name>' +
        '<servlet-class>ReadServlet</servlet-class></servlet><servlet-mapping><servlet-name>read</servlet-name>' +
        '<url-pattern>/read</url-pattern></servlet-mapping></web-app>',
    );
    fs.writeFileSync(
      path.join(webInf, 'classes', 'ReadServlet.js'),
      `module.exports = class ReadServlet {
        doGet(req, res) {
          const session = req.getSession(true);
          const n = session.getAttribute('n');
          if (n === null) session.setAttribute('n', 1);
          res.setContentType('text/plain');
          res.getWriter().write('n=' + (n ?? 0));
        }
      };`,
    );
    const contexts = new ContextHandlerCollection();
    contexts.addHandler(new WebAppContext(path.join(tmp.dir, 'app'), '/ctx'));
    const handlers = new HandlerCollection();
    handlers.setHandlers([contexts, new DefaultHandler()]);
    const { server, port } = await startServer(handlers);
    cleanups.push(() => server.stop());
    return port;
  }

  it(`a read through a deployed web app (a plain JavaScript servlet behind jetty.xml's handlers) allocates no more than ${HOT_PATH_PROMISE_BUDGET + WEB_APP_PROMISES} promises, none in the session layer`, async () => {
    const promises = await promisesOfOneRequest(await serveWebApp());
    const all = promises.map((p) => p.site).join(', ');
    expect(
      promises.filter((p) => p.inSessionLayer).map((p) => p.site),
      `promises of the session layer, among: ${all}`,
    ).to.deep.equal(SESSION_LAYER_SITES);
    expect(promises.length, `promises of one request: ${all}`).to.be.at.most(HOT_PATH_PROMISE_BUDGET + WEB_APP_PROMISES);
  });

  for (const store of ['null', 'file'] as const) {
    it(`a read of a resident session (${store} store) allocates no more than ${HOT_PATH_PROMISE_BUDGET} promises, none in the session layer`, async () => {
      const promises = await promisesOfOneRequest(await serve(store));
      const all = promises.map((p) => p.site).join(', ');
      expect(
        promises.filter((p) => p.inSessionLayer).map((p) => p.site),
        `promises of the session layer, among: ${all}`,
      ).to.deep.equal(SESSION_LAYER_SITES);
      expect(promises.length, `promises of one request: ${all}`).to.be.at.most(HOT_PATH_PROMISE_BUDGET);
    });
  }
});
