/**
 * Every exchange completes exactly once, whatever happens to its connection: a client that leaves in
 * the middle of its upload, a bad chunk, a client gone before the answer, pipelined requests on a
 * connection that dies. A graceful stop afterwards does not wait for stopTimeout (set far beyond the
 * test's own timeout, so waiting for it fails the test).
 * @module
 */
import { expect } from 'chai';
import * as net from 'node:net';
import { EofException } from '../../src/server/errors';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import type { Request } from '../../src/server/request';
import type { RequestLog } from '../../src/server/request-log';
import type { Response } from '../../src/server/response';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { delay, logLines, rawRequest, startServer, type TestServer } from './http-helpers';

class Fn extends AbstractHandler {
  constructor(private readonly fn: (req: Request, res: Response) => unknown) {
    super();
  }
  async handle(_t: string, base: Request, _req: HttpServletRequest, _res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    await this.fn(base, base.getResponse());
  }
}

/** Counts the exchanges the server logged (once each when it completes them). */
class CountingLog implements RequestLog {
  readonly uris: string[] = [];
  log(request: Request): void {
    this.uris.push(request.getRequestURI());
  }
}

async function eventually(check: () => boolean, waitMs = 8000): Promise<boolean> {
  const until = Date.now() + waitMs;
  while (!check() && Date.now() < until) await delay(20);
  return check();
}

describe('Exchange completion', () => {
  let ts: TestServer;
  let requestLog: CountingLog;
  async function serve(fn: (req: Request, res: Response) => unknown): Promise<TestServer> {
    requestLog = new CountingLog();
    // a stop that waited for stopTimeout would outlast the test's own timeout
    ts = await startServer(new Fn(fn), (s) => {
      s.setStopTimeout(60_000);
      s.setRequestLog(requestLog);
    });
    return ts;
  }

  afterEach(async () => {
    // a failed test must not leave its server running (its stopTimeout is a minute)
    if (ts.server.isRunning()) {
      ts.server.setStopTimeout(0);
      await ts.server.stop();
    }
  });

  /** Stops the server; it must not have to wait for an exchange, and none may be left running. */
  async function stopPromptly(): Promise<void> {
    const before = logLines.length;
    await ts.server.stop();
    expect(logLines.slice(before).join('\n')).to.not.contain('still running');
  }

  it('completes an exchange whose client leaves in the middle of the upload, and the reader gets EofException', async () => {
    let failure: unknown = null;
    const { port, connector } = await serve(async (q) => {
      try {
        await q.buffer();
      } catch (err) {
        failure = err;
        throw err;
      }
    });
    const s = net.connect(port, '127.0.0.1', () => s.write('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\npart of it'));
    s.on('error', () => undefined);
    await delay(100);
    s.destroy();
    expect(await eventually(() => connector.getInFlight() === 0 && requestLog.uris.length === 1)).to.equal(true);
    expect(failure).to.be.instanceOf(EofException);
    expect((failure as Error).message).to.equal('Early EOF');
    await stopPromptly();
    expect(requestLog.uris).to.deep.equal(['/upload']);
  });

  it('completes an exchange whose client left before its body was first read (the handler was waiting, as for a session store), and the reader gets EofException', async () => {
    let failure: unknown = null;
    const { port, connector } = await serve(async (q) => {
      // the handler is busy elsewhere (a database load) until the client has gone
      const socket = q.getRawRequest().socket;
      if (!socket.readableEnded && !socket.destroyed)
        await new Promise((r) => {
          socket.once('end', r);
          socket.once('close', r);
        });
      try {
        await q.buffer();
      } catch (err) {
        failure = err;
        throw err;
      }
    });
    const s = net.connect(port, '127.0.0.1', () => s.write('POST /late-read HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\npart of it'));
    s.on('error', () => undefined);
    expect(await eventually(() => connector.getInFlight() === 1)).to.equal(true);
    s.destroy();
    expect(await eventually(() => connector.getInFlight() === 0 && requestLog.uris.length === 1)).to.equal(true);
    expect(failure).to.be.instanceOf(EofException);
    await stopPromptly();
    expect(requestLog.uris).to.deep.equal(['/late-read']);
  });

  it('completes an exchange whose connection closed before its body was first read (Node destroyed the request), and the reader gets EofException', async () => {
    let failure: unknown = null;
    const { port, connector } = await serve(async (q) => {
      const raw = q.getRawRequest();
      // the connector ends the connection while the handler waits elsewhere (as an idle timeout does)
      const closed = new Promise((r) => raw.once('close', r));
      raw.socket.destroy();
      await closed;
      try {
        await q.buffer();
      } catch (err) {
        failure = err;
        throw err;
      }
    });
    const s = net.connect(port, '127.0.0.1', () => s.write('POST /closed HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\npart of it'));
    s.on('error', () => undefined);
    expect(await eventually(() => connector.getInFlight() === 0 && requestLog.uris.length === 1)).to.equal(true);
    expect(failure).to.be.instanceOf(EofException);
    await stopPromptly();
    expect(requestLog.uris).to.deep.equal(['/closed']);
  });

  it('answers a reader of a body with a bad chunk with 500 and closes the connection, as Jetty (Early EOF)', async () => {
    let failure: unknown = null;
    const { port, connector } = await serve(async (q) => {
      try {
        await q.buffer();
      } catch (err) {
        failure = err;
        throw err;
      }
    });
    const r = await rawRequest(port, 'POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n');
    expect(r.text).to.match(/^HTTP\/1\.1 500 /);
    expect(r.text).to.match(/\r\nConnection: close\r\n/i);
    expect(r.closed).to.equal(true);
    expect(failure).to.be.instanceOf(EofException);
    expect(await eventually(() => connector.getInFlight() === 0)).to.equal(true);
    await stopPromptly();
    expect(requestLog.uris).to.deep.equal(['/chunks']);
    // a client that cut its body off is not a server failure: nothing is logged as one
    expect(logLines.join('\n')).to.not.match(/POST \/chunks failed/);
  });

  it("completes an exchange whose client left before the answer (Node never calls end()'s callback then)", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { port, connector } = await serve(async (_q, s) => {
      await gate;
      s.getWriter().write('too late');
    });
    const s = net.connect(port, '127.0.0.1', () => s.write('GET /gone HTTP/1.1\r\nHost: x\r\n\r\n'));
    s.on('error', () => undefined);
    expect(await eventually(() => connector.getInFlight() === 1)).to.equal(true);
    s.destroy();
    expect(await eventually(() => connector.getConnectionCount() === 0)).to.equal(true);
    release();
    expect(await eventually(() => connector.getInFlight() === 0)).to.equal(true);
    await stopPromptly();
    expect(requestLog.uris).to.deep.equal(['/gone']);
  });

  it('completes a streaming exchange whose client leaves: its flush fails with EofException', async () => {
    let failure: unknown = null;
    const { port, connector } = await serve(async (_q, s) => {
      const out = s.getOutputStream();
      try {
        // at most 64 MB: without back-pressure (the old code) all of it would sit in memory
        for (let i = 0; i < 1024; i++) {
          if (!out.write(Buffer.alloc(65536))) await out.flush();
        }
      } catch (err) {
        failure = err;
        throw err;
      }
    });
    const s = net.connect(port, '127.0.0.1', () => s.write('GET /stream HTTP/1.1\r\nHost: x\r\n\r\n'));
    s.on('error', () => undefined);
    let got = 0;
    s.on('data', (c: Buffer) => {
      got += c.length;
      if (got > 1_000_000) s.destroy();
    });
    expect(await eventually(() => failure !== null && connector.getInFlight() === 0)).to.equal(true);
    expect(failure).to.be.instanceOf(EofException);
    await stopPromptly();
    expect(requestLog.uris).to.deep.equal(['/stream']);
  });

  it('ends the connection after answering an exception, as Jetty', async () => {
    const { port } = await serve(() => {
      throw new Error('probe failure');
    });
    const r = await rawRequest(port, 'GET /throw HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(r.text).to.match(/^HTTP\/1\.1 500 /);
    expect(r.text).to.match(/\r\nConnection: close\r\n/i);
    expect(r.closed).to.equal(true);
    await stopPromptly();
  });

  it('completes every pipelined exchange when their connection dies, the queued ones included', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { port, connector } = await serve(async (q, s) => {
      if (q.getRequestURI() === '/first') await gate;
      s.getWriter().write(q.getRequestURI());
    });
    const s = net.connect(port, '127.0.0.1', () => s.write('GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n'));
    s.on('error', () => undefined);
    expect(await eventually(() => connector.getInFlight() === 2)).to.equal(true);
    // the second answer is queued behind the first; the connection dies before either is sent
    await delay(50);
    s.destroy();
    expect(await eventually(() => connector.getConnectionCount() === 0)).to.equal(true);
    release();
    expect(await eventually(() => connector.getInFlight() === 0)).to.equal(true);
    await stopPromptly();
    expect([...requestLog.uris].sort()).to.deep.equal(['/first', '/second']);
  });
});
