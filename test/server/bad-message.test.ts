/**
 * Malformed requests get Jetty 9.4.57's answers (checked against it with the same raw bytes), in one
 * format whether Node's parser refused them or the connector did: the status and Jetty's reason on the
 * status line, `Content-Type: text/html;charset=iso-8859-1`, `Content-Length`, `Connection: close`,
 * `Server`, and `<h1>Bad Message N</h1><pre>reason: ...</pre>`.
 * @module
 */
import { expect } from 'chai';
import { badMessageOfParserError, isHostPort } from '../../src/server/bad-message';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import type { Request } from '../../src/server/request';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { rawRequest, startServer, type TestServer } from './http-helpers';

class Ok extends AbstractHandler {
  async handle(_t: string, base: Request, _q: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    res.getWriter().write('ok');
  }
}

/** Jetty's bad-message answer, byte for byte (Pier's Server header). */
function jettyAnswer(status: number, reason: string): string {
  const body = `<h1>Bad Message ${status}</h1><pre>reason: ${reason.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`;
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/html;charset=iso-8859-1\r\nContent-Length: ${body.length}\r\n` +
    `Connection: close\r\nServer: Pier(0.1.0)\r\n\r\n${body}`
  );
}

describe('Malformed requests', () => {
  let ts: TestServer;
  before(async () => {
    ts = await startServer(new Ok(), (_s, c) => c.getHttpConfiguration().setSendDateHeader(false));
  });
  after(async () => {
    await ts.server.stop();
  });

  const cases: [string, string, number, string][] = [
    ['an over-long request line', `GET /${'a'.repeat(9000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'URI Too Long'],
    ['an over-long header', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(9000)}\r\n\r\n`, 431, 'Request Header Fields Too Large'],
    ['a Host whose port is not a number', 'GET / HTTP/1.1\r\nHost: 127.0.0.1:abc\r\n\r\n', 400, 'Bad HostPort'],
    ['a Host with an empty port', 'GET / HTTP/1.1\r\nHost: 127.0.0.1:\r\n\r\n', 400, 'Bad HostPort'],
    ['a Host with port 99999', 'GET / HTTP/1.1\r\nHost: x:99999\r\n\r\n', 400, 'Bad HostPort'],
    ['an HTTP/1.0 request with a bad Host port', 'GET / HTTP/1.0\r\nHost: x:abc\r\n\r\n', 400, 'Bad HostPort'],
    ['an HTTP/1.1 request without Host', 'GET / HTTP/1.1\r\n\r\n', 400, 'No Host'],
    ['an HTTP/0.9 request line', 'GET /\r\n\r\n', 505, 'HTTP/0.9 not supported'],
    ['HTTP/1.2', 'GET / HTTP/1.2\r\nHost: x\r\n\r\n', 505, 'Unknown Version'],
    ['HTTP/3.1', 'GET / HTTP/3.1\r\nHost: x\r\n\r\n', 505, 'Unknown Version'],
    ['HTTP/2.0 over HTTP/1', 'GET / HTTP/2.0\r\nHost: x\r\n\r\n', 426, 'Upgrade Required'],
    ['a method that is not a token', 'G(T / HTTP/1.1\r\nHost: x\r\n\r\n', 400, "Illegal character VCHAR='('"],
    ['TLS bytes on the HTTP port', '\x16\x03\x01\x00\xa5\x01\x00\x00', 400, 'Illegal character CNTL=0x16'],
    ['a space in a header name', 'GET / HTTP/1.1\r\nBad Header: x\r\n\r\n', 400, "Illegal character SPACE=' '"],
    ['two Content-Lengths', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', 400, 'Multiple Content-Lengths'],
    [
      'Content-Length with Transfer-Encoding',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'Transfer-Encoding and Content-Length',
    ],
    [
      'a Transfer-Encoding that does not end with chunked',
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc',
      400,
      'Bad Transfer-Encoding, chunked not last',
    ],
    ['a request target without its leading slash', 'GET app/x HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'Bad Request'],
    ['a folded header line', 'GET / HTTP/1.1\r\nHost: x\r\n folded: y\r\n\r\n', 400, 'Header Folding'],
    ["a request line ended by LF alone (Jetty accepts it; Node's parser does not)", 'GET / HTTP/1.1\nHost: x\n\n', 400, 'Bad EOL'],
    ['an expectation other than 100-continue', 'POST / HTTP/1.1\r\nHost: x\r\nExpect: foo\r\nContent-Length: 0\r\n\r\n', 417, 'Expectation Failed'],
    ['100-continue with another expectation', 'GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue, foo\r\n\r\n', 417, 'Expectation Failed'],
  ];
  for (const [what, sent, status, reason] of cases) {
    it(`answers ${what} with ${status} ${reason} and closes the connection`, async () => {
      const r = await rawRequest(ts.port, Buffer.from(sent, 'latin1'));
      expect(r.text).to.equal(jettyAnswer(status, reason));
      expect(r.closed).to.equal(true);
    });
  }

  it("answers a well-formed method Node does not know with an empty 501, as Jetty's servlets do, and closes the connection", async () => {
    const r = await rawRequest(ts.port, 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(r.text).to.equal('HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\nServer: Pier(0.1.0)\r\n\r\n');
    expect(r.closed).to.equal(true);
  });

  it('serves the Hosts Jetty accepts: IPv6 with a port, an empty Host, several colons, a signed port', async () => {
    for (const host of ['[::1]:80', '', 'x:80:90', 'x:+80', 'a b']) {
      const r = await rawRequest(ts.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(r.text, host).to.match(/^HTTP\/1\.1 200 OK\r\n/);
    }
  });

  it('sends the Date header with a bad-message answer when sendDateHeader is on', async () => {
    const other = await startServer(new Ok(), (_s, c) => c.getHttpConfiguration().setSendDateHeader(true));
    try {
      const r = await rawRequest(other.port, 'GET / HTTP/1.2\r\nHost: x\r\n\r\n');
      expect(r.text).to.match(
        /^HTTP\/1\.1 505 Unknown Version\r\n[\s\S]*\r\nDate: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\r\n/,
      );
    } finally {
      await other.server.stop();
    }
  });

  it("isHostPort() follows Jetty's HostPort", () => {
    for (const good of ['', 'x', 'x:1', 'x:65535', '[::1]', '[::1]:8080', '::1', 'a b', 'x:+80', ':80'])
      expect(isHostPort(good), good).to.equal(true);
    for (const bad of ['x:', 'x:0', 'x:-1', 'x:65536', 'x:abc', '[::1', '[::1]x', '[::1]:', '[::1]:abc'])
      expect(isHostPort(bad), bad).to.equal(false);
  });

  it('closes a reset connection without an answer', () => {
    expect(badMessageOfParserError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).to.equal(null);
  });
});
