/**
 * A client that cuts its connection while its request waits for the JDBC store (PostgreSQL): the
 * exchange still completes exactly once, the session's write at release still happens, and a graceful
 * stop afterwards has no request left running. The store's load is held (fault injection) until the
 * server has seen the client go, so the cut lands in that window every time.
 * @module
 */
import { expect } from 'chai';
import diagnosticsChannel from 'node:diagnostics_channel';
import * as net from 'node:net';
import * as sinon from 'sinon';
import { EofException } from '../../../../src/server/errors';
import type { Request } from '../../../../src/server/request';
import { REQUEST_START_CHANNEL, type RequestStartMessage } from '../../../../src/server/request-events';
import type { RequestLog } from '../../../../src/server/request-log';
import { HttpServlet } from '../../../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../../../src/servlet-api/http-servlet-response';
import { ServletContextHandler } from '../../../../src/servlet/servlet-context-handler';
import { AbstractSessionCache } from '../../../../src/session/abstract-session-cache';
import { DefaultSessionCache } from '../../../../src/session/default-session-cache';
import { JDBCSessionDataStore } from '../../../../src/session/stores/jdbc/jdbc-session-data-store';
import { SessionTableSchema } from '../../../../src/session/stores/jdbc/session-table-schema';
import { logLines, request, startServer, type TestServer } from '../../../server/http-helpers';
import { turnsUntil } from '../../../support/event-loop';
import { adaptorFor, dropTables, POSTGRESQL, requireDatabase, uniqueTableName } from './databases';

/** GET answers the visits counted in the session (starting one at 0); POST counts a visit, then reads the body. */
class UploadServlet extends HttpServlet {
  static failure: unknown = null;
  protected override doGet(req: HttpServletRequest, res: HttpServletResponse): void {
    const s = req.getSession(true)!;
    if (s.isNew()) s.setAttribute('n', 0);
    res.getWriter().write(String(s.getAttribute('n')));
  }
  protected override async doPost(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    const s = req.getSession(false)!;
    s.setAttribute('n', (s.getAttribute('n') as number) + 1);
    try {
      await req.buffer();
    } catch (err) {
      UploadServlet.failure = err;
      throw err;
    }
    res.getWriter().write('uploaded');
  }
}

/** Counts the exchanges the server completed (the request log gets each once). */
class CountingLog implements RequestLog {
  readonly uris: string[] = [];
  log(r: Request): void {
    this.uris.push(r.getRequestURI());
  }
}

describe('A client that leaves while its request waits for the JDBC store (PostgreSQL, EVICT_ON_SESSION_EXIT)', function () {
  this.timeout(60_000);
  const table = uniqueTableName();
  let ts: TestServer | null = null;
  let store: JDBCSessionDataStore;
  const requestLog = new CountingLog();
  const started: Request[] = [];
  const onStart = (m: unknown): void => {
    started.push((m as RequestStartMessage).request);
  };

  before(async function () {
    await requireDatabase(this, POSTGRESQL);
    const ctx = new ServletContextHandler(ServletContextHandler.SESSIONS);
    ctx.setContextPath('/');
    ctx.addServlet(UploadServlet, '/*');
    const cache = new DefaultSessionCache(ctx.getSessionHandler()!);
    // every request loads its session from the database
    cache.setEvictionPolicy(AbstractSessionCache.EVICT_ON_SESSION_EXIT);
    store = new JDBCSessionDataStore();
    store.setDatabaseAdaptor(adaptorFor(POSTGRESQL.url(''), POSTGRESQL.driverClass));
    const schema = new SessionTableSchema();
    schema.setTableName(table);
    store.setSessionTableSchema(schema);
    cache.setSessionDataStore(store);
    ctx.getSessionHandler()!.setSessionCache(cache);
    // a stop that waited for stopTimeout would outlast the test's own timeout
    ts = await startServer(ctx, (s) => {
      s.setStopTimeout(120_000);
      s.setRequestLog(requestLog);
    });
    diagnosticsChannel.subscribe(REQUEST_START_CHANNEL, onStart);
  });
  after(async () => {
    diagnosticsChannel.unsubscribe(REQUEST_START_CHANNEL, onStart);
    sinon.restore();
    if (ts?.server.isRunning()) {
      ts.server.setStopTimeout(0);
      await ts.server.stop();
    }
    if (ts) await dropTables(POSTGRESQL.url(''), [table]);
  });

  it('completes the exchange once, writes the session at release, and a graceful stop waits for nothing', async () => {
    const first = await request(ts!.port, '/');
    const cookie = first.headers['set-cookie']!.find((c) => c.startsWith('JSESSIONID='))!.split(';')[0];
    // the load of the next request waits until the server has seen its client go
    const load = store.load.bind(store);
    sinon.stub(store, 'load').callsFake(async (sid) => {
      const socket = started[started.length - 1].getRawRequest().socket;
      if (!socket.readableEnded && !socket.destroyed)
        await new Promise((r) => {
          socket.once('end', r);
          socket.once('close', r);
        });
      return load(sid);
    });
    const before = requestLog.uris.length;
    const client = net.connect(ts!.port, '127.0.0.1', () =>
      client.write(`POST /upload HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nContent-Length: 1000\r\n\r\npart of it`),
    );
    client.on('error', () => undefined);
    expect(await turnsUntil(() => ts!.connector.getInFlight() === 1)).to.equal(true);
    client.destroy();
    expect(await turnsUntil(() => ts!.connector.getInFlight() === 0)).to.equal(true);
    expect(requestLog.uris.slice(before)).to.deep.equal(['/upload']);
    expect(UploadServlet.failure).to.be.instanceOf(EofException);
    sinon.restore();
    // the visit was counted in the session before the body failed, and its release wrote it
    expect((await request(ts!.port, '/', { headers: { Cookie: cookie } })).text).to.equal('1');
    const logged = logLines.length;
    await ts!.server.stop();
    expect(logLines.slice(logged).join('\n')).to.not.contain('still running');
  });
});
