import { expect } from 'chai';
import { AbstractHandler } from '../../../src/server/handler/abstract-handler';
import { IPAccessHandler } from '../../../src/server/handler/ip-access-handler';
import { ThreadLimitHandler } from '../../../src/server/handler/thread-limit-handler';
import type { Request } from '../../../src/server/request';
import type { HttpServletRequest } from '../../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../../src/servlet-api/http-servlet-response';
import { delay, request, startServer } from '../http-helpers';

describe('IPAccessHandler', () => {
  it('allows white-listed addresses and paths and refuses black-listed ones', () => {
    const h = new IPAccessHandler();
    h.setWhite(['127.0.0.1', '10.0.1-2.0-255/*.html']);
    h.setBlack(['127.0.0.1/blacklisted']);
    expect(h.isAddrUriAllowed('127.0.0.1', '/any')).to.equal(true);
    expect(h.isAddrUriAllowed('127.0.0.1', '/blacklisted')).to.equal(false);
    expect(h.isAddrUriAllowed('10.0.2.7', '/page.html')).to.equal(true);
    expect(h.isAddrUriAllowed('10.0.3.7', '/page.html')).to.equal(false);
    expect(h.isAddrUriAllowed('10.0.1.7', '/page.txt')).to.equal(false);
  });

  it('answers 403 to a refused client', async () => {
    class Ok extends AbstractHandler {
      async handle(_t: string, b: Request, _q: HttpServletRequest, r: HttpServletResponse): Promise<void> {
        b.setHandled(true);
        r.getWriter().write('ok');
      }
    }
    const h = new IPAccessHandler(['192.168.0.1'], []);
    h.setHandler(new Ok());
    const { server, port } = await startServer(h);
    try {
      expect((await request(port, '/')).status).to.equal(403);
    } finally {
      await server.stop();
    }
  });
});

describe('ThreadLimitHandler', () => {
  it('keeps at most threadLimit requests of one client in progress', async () => {
    let active = 0;
    let max = 0;
    class Slow extends AbstractHandler {
      async handle(_t: string, b: Request, _q: HttpServletRequest, r: HttpServletResponse): Promise<void> {
        b.setHandled(true);
        active++;
        max = Math.max(max, active);
        await delay(30);
        active--;
        r.getWriter().write('done');
      }
    }
    const h = new ThreadLimitHandler(null);
    h.setThreadLimit(2);
    h.setHandler(new Slow());
    const { server, port } = await startServer(h);
    try {
      const replies = await Promise.all([1, 2, 3, 4, 5].map(() => request(port, '/')));
      expect(replies.every((r) => r.text === 'done')).to.equal(true);
      expect(max).to.equal(2);
    } finally {
      await server.stop();
    }
  });
});
