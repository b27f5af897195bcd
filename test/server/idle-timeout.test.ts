/**
 * The connector's idleTimeout as Jetty applies it: any read or write that makes no progress for that
 * long ends the connection (a silent new connection, half a request head, a kept-alive connection, a
 * stalled request body, a client that does not read its response), but an exchange that is busy
 * without I/O is not cut off. Short timeouts (300 ms) and bounded waits; no timing is asserted.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import '../../src/server';
import { TimeoutException } from '../../src/server/errors';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import type { Request } from '../../src/server/request';
import type { Response } from '../../src/server/response';
import type { Server } from '../../src/server/server';
import type { ServerConnector } from '../../src/server/server-connector';
import { DefaultServlet } from '../../src/servlet/default-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { closedWithin, delay, rawRequest, request, startServer, type TestServer } from './http-helpers';

const IDLE = 300;
/** Far longer than IDLE: the connection must be gone by then (Node's own timers would take 60 s or never). */
const DEADLINE = 8000;

class Fn extends AbstractHandler {
  constructor(private readonly fn: (req: Request, res: Response) => unknown) {
    super();
  }
  async handle(_t: string, base: Request, _req: HttpServletRequest, _res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    await this.fn(base, base.getResponse());
  }
}

/** Waits until `check` is true, at most `waitMs`; returns its last value. */
async function eventually(check: () => boolean, waitMs = DEADLINE): Promise<boolean> {
  const until = Date.now() + waitMs;
  while (!check() && Date.now() < until) await delay(25);
  return check();
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** The open file descriptors of this process that point at `file`. */
function openDescriptorsOf(file: string): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(path.join('/proc/self/fd', fd)) === file) n++;
    } catch {
      /* closed meanwhile */
    }
  }
  return n;
}

describe('ServerConnector idleTimeout', () => {
  let ts: TestServer | null = null;
  const sockets: net.Socket[] = [];
  async function serve(fn: (req: Request, res: Response) => unknown): Promise<TestServer> {
    ts = await startServer(new Fn(fn), (_s, c) => c.setIdleTimeout(IDLE));
    return ts;
  }
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    if (ts) await ts.server.stop();
    ts = null;
  });

  it('closes a new connection that sends nothing, without an answer', async () => {
    const { port } = await serve(() => undefined);
    const s = await connect(port);
    sockets.push(s);
    let got = '';
    s.on('data', (c: Buffer) => {
      got += c.toString('latin1');
    });
    expect(await closedWithin(s, DEADLINE)).to.equal(true);
    expect(got).to.equal('');
  });

  it('closes a connection that stops in the middle of its request head, without an answer', async () => {
    const { port } = await serve(() => undefined);
    const r = await rawRequest(port, 'GET / HTTP/1.1\r\nHost: x\r\n', DEADLINE);
    expect(r.closed).to.equal(true);
    expect(r.text).to.equal('');
  });

  it('closes a kept-alive connection once it has been idle after its response', async () => {
    const { port } = await serve((_q, s) => {
      s.getWriter().write('ok');
    });
    const r = await rawRequest(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', DEADLINE);
    expect(r.text).to.match(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nok$/);
    expect(r.closed).to.equal(true);
  });

  it('fails a read of a stalled request body with TimeoutException: the client gets 500 and the connection closes', async () => {
    let failure: unknown = null;
    const { port } = await serve(async (q) => {
      try {
        await q.buffer();
      } catch (err) {
        failure = err;
        throw err;
      }
    });
    const r = await rawRequest(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n0123456789', DEADLINE);
    expect(failure).to.be.instanceOf(TimeoutException);
    expect((failure as Error).message).to.equal(`Idle timeout expired: ${IDLE}/${IDLE} ms`);
    expect(r.text).to.match(/^HTTP\/1\.1 500 /);
    expect(r.text).to.match(/\r\nConnection: close\r\n/i);
    expect(r.closed).to.equal(true);
  });

  it("closes the connection of a client that does not read a streamed response, and the servlet's flush fails", async () => {
    let failure: unknown = null;
    let written = 0;
    const { port, connector } = await serve(async (_q, s) => {
      const out = s.getOutputStream();
      const chunk = Buffer.alloc(65536, 0x61);
      try {
        for (let i = 0; i < 1024; i++) {
          written += chunk.length;
          if (!out.write(chunk)) await out.flush();
        }
      } catch (err) {
        failure = err;
        throw err;
      }
    });
    const s = await connect(port);
    sockets.push(s);
    s.pause();
    s.write('GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await eventually(() => failure !== null)).to.equal(true);
    expect(failure).to.be.instanceOf(TimeoutException);
    expect(await eventually(() => (connector as ServerConnector).getConnectionCount() === 0)).to.equal(true);
    expect(written).to.be.lessThan(1024 * 65536);
  });

  it('does not cut off an exchange that is busy without I/O for longer than idleTimeout (as Jetty)', async () => {
    const { port } = await serve(async (_q, s) => {
      await delay(IDLE * 3);
      s.getWriter().write('done');
    });
    const r = await request(port, '/');
    expect(r.status).to.equal(200);
    expect(r.text).to.equal('done');
  });

  it('closes a static file stream with the connection of a client that does not read it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-idle-'));
    const file = path.join(dir, 'big.bin');
    fs.writeFileSync(file, Buffer.alloc(32 * 1024 * 1024, 0x62));
    const real = fs.realpathSync(file);
    try {
      const ctx = new ServletContextHandler();
      ctx.setContextPath('/');
      ctx.setResourceBase(dir);
      ctx.addServlet(DefaultServlet, '/');
      ts = await startServer(ctx, (_s, c) => c.setIdleTimeout(IDLE));
      const s = await connect(ts.port);
      sockets.push(s);
      s.pause();
      s.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(await eventually(() => openDescriptorsOf(real) > 0)).to.equal(true);
      expect(await eventually(() => openDescriptorsOf(real) === 0)).to.equal(true);
      expect(await eventually(() => ts!.connector.getConnectionCount() === 0)).to.equal(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is set by jetty.http.idleTimeout through etc/jetty.xml and etc/jetty-http.xml', async () => {
    const etc = path.resolve(__dirname, '..', '..', '..', 'etc');
    const ids = new Map<string, unknown>();
    const props = new Map(Object.entries({ 'jetty.http.port': '0', 'jetty.http.host': '127.0.0.1', 'jetty.http.idleTimeout': String(IDLE) }));
    for (const f of ['jetty.xml', 'jetty-http.xml']) new XmlConfiguration(path.join(etc, f), { idMap: ids, properties: props }).configure();
    const server = ids.get('Server') as Server;
    const connector = server.getConnectors()[0] as ServerConnector;
    expect(connector.getIdleTimeout()).to.equal(IDLE);
    await server.start();
    try {
      const s = await connect(connector.getLocalPort());
      sockets.push(s);
      expect(await closedWithin(s, DEADLINE)).to.equal(true);
    } finally {
      await server.stop();
    }
  });
});
