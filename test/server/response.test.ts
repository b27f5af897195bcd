import { expect } from 'chai';
import * as http from 'node:http';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import type { Request } from '../../src/server/request';
import type { Response } from '../../src/server/response';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { Cookie } from '../../src/servlet-api/cookie';
import { fakeBridge } from '../support/fake-session-bridge';
import { request, startServer } from './http-helpers';

class Fn extends AbstractHandler {
  constructor(private readonly fn: (req: Request, res: Response) => unknown | Promise<unknown>) {
    super();
  }
  async handle(_t: string, base: Request, _req: HttpServletRequest, _res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    await this.fn(base, base.getResponse());
  }
}

async function run(fn: (req: Request, res: Response) => unknown, path = '/', options: Parameters<typeof request>[2] = {}) {
  const { server, port } = await startServer(new Fn(fn));
  try {
    return await request(port, path, options);
  } finally {
    await server.stop();
  }
}

describe('Response', () => {
  it('buffers output and sends Content-Length when everything fits the buffer', async () => {
    const r = await run((_q, s) => {
      s.getWriter().print('abc');
      s.getWriter().println('def');
    });
    expect(r.text).to.equal('abcdef\n');
    expect(r.headers['content-length']).to.equal('7');
    expect(r.headers['transfer-encoding']).to.equal(undefined);
  });

  it('sends status with reason, repeated headers and every body byte when it completes in one write', async () => {
    const bytes = Buffer.from([0x00, 0x7f, 0x80, 0xc3, 0xa9, 0xff]);
    const r = await run((_q, s) => {
      s.setStatusWithReason(299, 'Fine Enough');
      s.addHeader('X-Multi', 'a');
      s.addHeader('X-Multi', 'b');
      s.addHeader('Set-Cookie', 'a=1');
      s.addHeader('Set-Cookie', 'b=2');
      s.getOutputStream().write(bytes);
    });
    expect(r.status).to.equal(299);
    expect(r.headers['x-multi']).to.equal('a, b');
    expect(r.headers['set-cookie']).to.deep.equal(['a=1', 'b=2']);
    expect(r.headers['content-length']).to.equal('6');
    expect(r.body.equals(bytes)).to.equal(true);
  });

  it('sends a buffered body larger than the single-write limit intact, with its Content-Length', async () => {
    const big = Buffer.alloc(20_000, 0xe9);
    const r = await run((_q, s) => {
      s.getOutputStream().write(big);
    });
    expect(r.headers['content-length']).to.equal('20000');
    expect(r.body.equals(big)).to.equal(true);
  });

  it('commits when the buffer overflows and streams the rest chunked, in order', async () => {
    const r = await run((_q, s) => {
      s.setBufferSize(10);
      const w = s.getWriter();
      for (let i = 0; i < 5; i++) w.write(`part${i}-`);
      expect(s.isCommitted()).to.equal(true);
    });
    expect(r.text).to.equal('part0-part1-part2-part3-part4-');
    expect(r.headers['transfer-encoding']).to.equal('chunked');
  });

  it('awaits before-commit listeners before the headers go out, and lets them add headers', async () => {
    const order: string[] = [];
    const r = await run(async (_q, s) => {
      s.addBeforeCommitListener(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push('listener');
        s.setHeader('X-Stored', 'yes');
      });
      s.getWriter().write('body');
      order.push('handler done');
    });
    order.push('client got reply');
    expect(order).to.deep.equal(['handler done', 'listener', 'client got reply']);
    expect(r.headers['x-stored']).to.equal('yes');
    expect(r.text).to.equal('body');
  });

  it('flushBuffer() commits; later header changes are ignored', async () => {
    const r = await run(async (_q, s) => {
      s.setHeader('X-Before', '1');
      s.getWriter().write('a');
      await s.flushBuffer();
      s.setHeader('X-After', '1');
      s.getWriter().write('b');
    });
    expect(r.headers['x-before']).to.equal('1');
    expect(r.headers['x-after']).to.equal(undefined);
    expect(r.text).to.equal('ab');
  });

  it('sendError() replaces buffered output with the error page and ignores later writes', async () => {
    const r = await run((_q, s) => {
      s.getWriter().write('partial');
      s.sendError(403, 'go away');
      s.getWriter().write('ignored');
    });
    expect(r.status).to.equal(403);
    expect(r.text).to.contain('<title>Error 403 go away</title>');
    expect(r.text).not.to.contain('partial');
    expect(r.text).not.to.contain('ignored');
    expect(r.headers['cache-control']).to.equal('must-revalidate,no-cache,no-store');
  });

  it('sendError() after commit throws IllegalStateException', async () => {
    let message = '';
    await run(async (_q, s) => {
      await s.flushBuffer();
      try {
        s.sendError(500);
      } catch (e) {
        message = (e as Error).message;
      }
    });
    expect(message).to.equal('Cannot send error 500: the response is committed');
  });

  it('sendRedirect() makes relative locations absolute', async () => {
    const a = await run((_q, s) => s.sendRedirect('next?x=1'), '/dir/page');
    expect(a.status).to.equal(302);
    expect(a.headers.location).to.match(/^http:\/\/127\.0\.0\.1:\d+\/dir\/next\?x=1$/);
    const b = await run((_q, s) => s.sendRedirect('/root'), '/dir/page');
    expect(b.headers.location).to.match(/^http:\/\/127\.0\.0\.1:\d+\/root$/);
    const c = await run((_q, s) => s.sendRedirect('https://example.com/x'));
    expect(c.headers.location).to.equal('https://example.com/x');
  });

  it('adds cookies and sets content type with charset', async () => {
    const r = await run((_q, s) => {
      const c = new Cookie('theme', 'dark');
      c.setPath('/');
      c.setHttpOnly(true);
      s.addCookie(c);
      s.setContentType('text/html;charset=UTF-8');
      s.getWriter().write('é');
    });
    expect(r.headers['set-cookie']).to.deep.equal(['theme=dark; Path=/; HttpOnly']);
    expect(r.headers['content-type']).to.equal('text/html;charset=utf-8');
    expect(r.text).to.equal('é');
  });

  it('addCookie() adds Expires: Thu, 01 Jan 1970 00:00:00 GMT, replacing an earlier Expires and keeping Cache-Control, as Jetty', async () => {
    const r = await run((_q, s) => {
      s.setHeader('Cache-Control', 'max-age=60');
      s.setHeader('Expires', 'Fri, 01 Jan 2100 00:00:00 GMT');
      s.addCookie(new Cookie('a', 'b'));
    });
    expect(r.headers['set-cookie']).to.deep.equal(['a=b']);
    expect(r.headers.expires).to.equal('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(r.headers['cache-control']).to.equal('max-age=60');
  });

  it('a Set-Cookie header added by name gets no Expires (Jetty adds it only through addCookie)', async () => {
    const r = await run((_q, s) => {
      s.addHeader('Set-Cookie', 'z=1');
    });
    expect(r.headers['set-cookie']).to.deep.equal(['z=1']);
    expect(r.headers.expires).to.equal(undefined);
  });

  it('reset() keeps the session cookie and its Expires', async () => {
    const r = await run((_q, s) => {
      s.replaceCookie({ name: 'JSESSIONID', value: 'abc', header: 'JSESSIONID=abc; Path=/' });
      s.setHeader('X-Gone', '1');
      s.reset();
    });
    expect(r.headers['set-cookie']).to.deep.equal(['JSESSIONID=abc; Path=/']);
    expect(r.headers.expires).to.equal('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(r.headers['x-gone']).to.equal(undefined);
  });

  it('reset() clears status, headers and buffer', async () => {
    const r = await run((_q, s) => {
      s.setStatus(500);
      s.setHeader('X-Gone', '1');
      s.getWriter().write('gone');
      s.reset();
      s.getWriter().write('fresh');
    });
    expect(r.status).to.equal(200);
    expect(r.headers['x-gone']).to.equal(undefined);
    expect(r.text).to.equal('fresh');
  });

  it('HEAD sends the headers with the GET Content-Length but no body', async () => {
    const { server, port } = await startServer(
      new Fn((_q, s) => {
        s.getWriter().write('twelve bytes');
      }),
    );
    try {
      const r = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/', method: 'HEAD', agent: false }, resolve);
        req.on('error', reject);
        req.end();
      });
      r.resume();
      expect(r.statusCode).to.equal(200);
      expect(r.headers['content-length']).to.equal('12');
    } finally {
      await server.stop();
    }
  });

  describe('encodeURL', () => {
    it('adds ;jsessionid= when the session did not come from a cookie', async () => {
      const bridge = fakeBridge();
      let out: string[] = [];
      await run((q, s) => {
        q.setSessionHandler(bridge);
        q.getSession(true);
        out = [s.encodeURL('/shop/cart?x=1#top'), s.encodeURL('http://host:8080'), s.encodeRedirectURL('/a;jsessionid=old/b')];
      });
      expect(out).to.deep.equal(['/shop/cart;jsessionid=s1.node0?x=1#top', 'http://host:8080/;jsessionid=s1.node0', '/a;jsessionid=s1.node0/b']);
    });

    it('removes ;jsessionid= when the requested id came from a cookie, and leaves URLs alone without a session', async () => {
      const bridge = fakeBridge();
      let out: string[] = [];
      await run((q, s) => {
        q.setSessionHandler(bridge);
        const none = s.encodeURL('/x');
        q.setRequestedSessionId('s1.node0');
        q.setRequestedSessionIdFromCookie(true);
        out = [none, s.encodeURL('/x;jsessionid=abc?q=1')];
      });
      expect(out).to.deep.equal(['/x', '/x?q=1']);
    });

    it('returns the URL unchanged when there is no session handler', async () => {
      let out = '';
      await run((_q, s) => {
        out = s.encodeURL('/plain');
      });
      expect(out).to.equal('/plain');
    });
  });
});
