/**
 * `Expect: 100-continue` as Jetty: `100 Continue` goes out when the body is first read, never for a
 * request answered without reading it (a 405); such an answer closes the connection, since the body
 * the client held back cannot be told from the next request.
 * @module
 */
import { expect } from 'chai';
import * as net from 'node:net';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import type { Request } from '../../src/server/request';
import { rawRequest, startServer, type TestServer } from './http-helpers';

class GetOnly extends HttpServlet {
  protected override doGet(_req: HttpServletRequest, res: HttpServletResponse): void {
    res.getWriter().write('get');
  }
}

class Echo extends HttpServlet {
  protected override async doPost(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    res.getWriter().write(`read ${await (req as unknown as Request).text()}`);
  }
}

/** Sends the head, waits for the first answer, then sends `body` if that answer is 100 Continue. */
function converse(port: number, head: string, body: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const answers: string[] = [];
    let text = '';
    const s = net.connect(port, '127.0.0.1', () => s.write(head));
    s.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (answers.length === 0 && text.startsWith('HTTP/1.1 100 Continue\r\n\r\n')) {
        answers.push('HTTP/1.1 100 Continue');
        text = text.slice('HTTP/1.1 100 Continue\r\n\r\n'.length);
        s.write(body);
      }
    });
    s.on('close', () => {
      if (text) answers.push(text);
      resolve(answers);
    });
    s.on('error', reject);
    setTimeout(() => s.destroy(), 3000);
  });
}

describe('Expect: 100-continue', () => {
  let ts: TestServer;
  before(async () => {
    const ctx = new ServletContextHandler();
    ctx.setContextPath('/');
    ctx.addServlet(GetOnly, '/get-only');
    ctx.addServlet(Echo, '/echo');
    ts = await startServer(ctx);
  });
  after(async () => {
    await ts.server.stop();
  });

  it('never sends 100 Continue for a request answered 405 without reading its body, and closes the connection', async () => {
    const r = await rawRequest(ts.port, 'POST /get-only HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n', 3000);
    expect(r.text).to.match(/^HTTP\/1\.1 405 /);
    expect(r.text).to.not.contain('100 Continue');
    expect(r.text).to.match(/\r\nConnection: close\r\n/i);
    expect(r.closed).to.equal(true);
  });

  it('sends 100 Continue when the body is first read, then the answer', async () => {
    const answers = await converse(
      ts.port,
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n',
      'hello',
    );
    expect(answers[0]).to.equal('HTTP/1.1 100 Continue');
    expect(answers[1]).to.match(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nread hello$/);
  });

  it('sends no 100 Continue to a request without the expectation', async () => {
    const r = await rawRequest(ts.port, 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello', 3000);
    expect(r.text).to.match(/^HTTP\/1\.1 200 OK\r\n[\s\S]*read hello$/);
  });
});
