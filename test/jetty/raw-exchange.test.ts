import { expect } from 'chai';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { httpRequest, rawExchange } from './raw-exchange';
import { makeSelfSignedEcCertificate } from '../support/test-keystores';

/** A TCP server that answers each connection with `reply(socket, requestBytes)`. */
async function tcpServer(reply: (socket: net.Socket, received: () => string) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let received = '';
    socket.on('data', (d) => {
      received += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    reply(socket, () => received);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

describe("rawExchange (the differential suite's raw HTTP client)", () => {
  it('reads a body framed by Content-Length and sees the connection kept open', async () => {
    const srv = await tcpServer((s) => s.once('data', () => s.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\n\r\nhello')));
    try {
      const r = await rawExchange(srv.port, { send: [httpRequest('GET', '/')], closeWatchMs: 200 });
      expect([r.outcome, r.status, r.reason, r.framing, r.complete, r.afterResponse]).to.deep.equal([
        'response',
        200,
        'OK',
        'content-length',
        true,
        'kept open',
      ]);
      expect(r.body.toString()).to.equal('hello');
      expect(r.headers).to.deep.include(['X-A', '1']);
    } finally {
      await srv.close();
    }
  });

  it('decodes a chunked body that arrives in pieces split inside chunk lines, and a trailer', async () => {
    const srv = await tcpServer((s) =>
      s.once('data', async () => {
        const pieces = ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r', '\nWiki\r\n5;ext=1\r\npe', 'dia\r', '\n0\r\nX-T: 1\r\n', '\r\n'];
        for (const p of pieces) {
          s.write(p);
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    try {
      const r = await rawExchange(srv.port, { send: [httpRequest('GET', '/')], closeWatchMs: 100 });
      expect([r.framing, r.complete, r.body.toString()]).to.deep.equal(['chunked', true, 'Wikipedia']);
    } finally {
      await srv.close();
    }
  });

  it('reads a body delimited by the close, and records the close', async () => {
    const srv = await tcpServer((s) => s.once('data', () => s.end('HTTP/1.0 200 OK\r\n\r\nuntil the end')));
    try {
      const r = await rawExchange(srv.port, { send: [httpRequest('GET', '/', {}, undefined, 'HTTP/1.0')] });
      expect([r.version, r.framing, r.complete, r.afterResponse, r.body.toString()]).to.deep.equal([
        'HTTP/1.0',
        'until close',
        true,
        'closed',
        'until the end',
      ]);
    } finally {
      await srv.close();
    }
  });

  it('marks a body shorter than its Content-Length as incomplete', async () => {
    const srv = await tcpServer((s) => s.once('data', () => s.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort')));
    try {
      const r = await rawExchange(srv.port, { send: [httpRequest('GET', '/')] });
      expect([r.complete, r.afterResponse, r.body.toString()]).to.deep.equal([false, 'n/a', 'short']);
    } finally {
      await srv.close();
    }
  });

  it('sends the body only after a 100 Continue, and records the interim answer', async () => {
    const srv = await tcpServer((s, received) =>
      s.once('data', () => {
        s.write('HTTP/1.1 100 Continue\r\n\r\n');
        s.once('data', () => s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${received().length}\r\n\r\n${received()}`));
      }),
    );
    try {
      const r = await rawExchange(srv.port, {
        send: [httpRequest('PUT', '/', { 'Content-Length': '5', Expect: '100-continue' })],
        continueBody: 'hello',
      });
      expect(r.interim).to.deep.equal([100]);
      expect(r.body.toString()).to.match(/\r\n\r\nhello$/);
    } finally {
      await srv.close();
    }
  });

  it('does not send the body when the final answer comes without a 100 Continue', async () => {
    let got = '';
    const srv = await tcpServer((s, received) =>
      s.once('data', () => {
        s.write('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n');
        setTimeout(() => {
          got = received();
        }, 300);
      }),
    );
    try {
      const r = await rawExchange(srv.port, {
        send: [httpRequest('PUT', '/', { 'Content-Length': '5', Expect: '100-continue' })],
        continueBody: 'hello',
        closeWatchMs: 400,
      });
      expect([r.status, r.interim.length]).to.deep.equal([405, 0]);
      expect(got).to.not.include('hello');
    } finally {
      await srv.close();
    }
  });

  it('reads no body after HEAD whatever Content-Length says', async () => {
    const srv = await tcpServer((s) => s.once('data', () => s.write('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n')));
    try {
      const r = await rawExchange(srv.port, { send: [httpRequest('HEAD', '/')], head: true, closeWatchMs: 100 });
      expect([r.framing, r.complete, r.body.length]).to.deep.equal(['none', true, 0]);
    } finally {
      await srv.close();
    }
  });

  it('tells a server that closes without answering from one that never answers', async () => {
    const closing = await tcpServer((s) => s.once('data', () => s.end()));
    const silent = await tcpServer(() => undefined);
    try {
      const closed = await rawExchange(closing.port, { send: [httpRequest('GET', '/')] });
      const quiet = await rawExchange(silent.port, { send: [httpRequest('GET', '/')], responseTimeoutMs: 300 });
      expect([closed.outcome, closed.status, closed.closedAfterMs !== null]).to.deep.equal(['closed without a response', null, true]);
      expect([quiet.outcome, quiet.closedAfterMs]).to.deep.equal(['no response in time', null]);
    } finally {
      await closing.close();
      await silent.close();
    }
  });

  it('keeps the bytes of an answer that is not HTTP (a TLS alert) when the server closes', async () => {
    const alert = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a]);
    const srv = await tcpServer((s) => s.once('data', () => s.end(alert)));
    try {
      const r = await rawExchange(srv.port, { send: [httpRequest('GET', '/')] });
      expect([r.outcome, r.status, r.unparsed.toString('hex'), r.tlsProtocol]).to.deep.equal([
        'closed without a response',
        null,
        alert.toString('hex'),
        undefined,
      ]);
    } finally {
      await srv.close();
    }
  });

  it('talks TLS with `tls` and reports the protocol the handshake settled on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-rawexchange-'));
    const made = makeSelfSignedEcCertificate(dir, 'c', '/CN=localhost');
    const server = tls.createServer({ key: fs.readFileSync(made.key), cert: fs.readFileSync(made.cert) }, (s) =>
      s.once('data', () => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok')),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const r = await rawExchange((server.address() as net.AddressInfo).port, { tls: true, send: [httpRequest('GET', '/')] });
      expect([r.status, r.body.toString(), r.tlsProtocol]).to.deep.equal([200, 'ok', 'TLSv1.3']);
    } finally {
      await new Promise((r) => server.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a request without Host as Host: localhost and adds Content-Length to a body', () => {
    expect(httpRequest('POST', '/x', { 'X-A': '1' }, 'abc').toString()).to.equal(
      'POST /x HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\nContent-Length: 3\r\n\r\nabc',
    );
    expect(httpRequest('GET', '/', { host: 'h' }).toString()).to.equal('GET / HTTP/1.1\r\nhost: h\r\n\r\n');
  });
});
