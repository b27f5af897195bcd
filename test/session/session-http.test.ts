/**
 * Tests of sessions over real HTTP through a ServletContextHandler on an ephemeral port.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { DefaultSessionCache } from '../../src/session/default-session-cache';
import { DefaultSessionIdManager } from '../../src/session/default-session-id-manager';
import { HouseKeeper } from '../../src/session/house-keeper';
import type { SessionHandler } from '../../src/session/session-handler';
import { FileSessionDataStore } from '../../src/session/stores/file/file-session-data-store';
import { logLines, rawRequest, request, startServer, type TestServer } from '../server/http-helpers';
import { tempDir, storeEntries } from './support';
import { spyOnLog } from '../support/log-capture';
import { fakeClock, tickUntil } from '../support/fake-clock';
import type * as sinon from 'sinon';

/** /inc increments "n", /get reads it, /change renews the id, /invalidate invalidates, /url encodes a URL. */
class CounterServlet extends HttpServlet {
  /** Reads the stored copy of a session (set by a test). */
  static peek: ((id: string) => string) | null = null;

  protected override async doGet(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    const what = (req.getPathInfo() ?? req.getServletPath()).replace(/^\//, '');
    res.setContentType('text/plain');
    const out = res.getWriter();
    if (what === 'get') {
      const s = req.getSession(false);
      out.write(s ? String(s.getAttribute('n') ?? 0) : 'none');
      return;
    }
    const s = req.getSession(true)!;
    if (what === 'inc') {
      const n = ((s.getAttribute('n') as number | undefined) ?? 0) + 1;
      s.setAttribute('n', n);
      out.write(`${n} ${s.isNew() ? 'new' : 'old'} ${s.getId()}`);
    } else if (what === 'change') {
      out.write(req.changeSessionId());
    } else if (what === 'invalidate') {
      s.invalidate();
      out.write('invalidated');
    } else if (what === 'flush') {
      s.setAttribute('flushed', 'yes');
      await res.flushBuffer();
      // the response is committed: with flushOnResponseCommit the store already has the attribute
      out.write(CounterServlet.peek ? CounterServlet.peek(s.getId()) : 'no peek');
    } else if (what === 'fn') {
      s.setAttribute('callback', () => 'not storable');
      out.write('set');
    } else if (what === 'renew') {
      s.invalidate();
      const fresh = req.getSession(true)!;
      out.write(`${s.getId()} ${fresh.getId()}`);
    } else if (what === 'url') {
      out.write(res.encodeURL('/ctx/get'));
    } else {
      out.write(s.getId());
    }
  }
}

function cookieOf(r: { headers: http.IncomingHttpHeaders }): string | null {
  const sc = r.headers['set-cookie'];
  const line = sc?.find((c) => c.startsWith('JSESSIONID='));
  return line ? line.split(';')[0] : null;
}

/** Gives the handler a DefaultSessionCache over a FileSessionDataStore in `dir`, returned for further settings. */
function useFileStore(h: SessionHandler, dir: string, durability = 'journal'): { cache: DefaultSessionCache; store: FileSessionDataStore } {
  const cache = new DefaultSessionCache(h);
  const store = new FileSessionDataStore();
  store.setStoreDir(dir);
  store.setDurability(durability);
  cache.setSessionDataStore(store);
  h.setSessionCache(cache);
  return { cache, store };
}

describe('SessionHandler over HTTP', () => {
  let ts: TestServer | null = null;
  let sh: SessionHandler;
  let destroyed: string[];
  let tmp: { dir: string; cleanup: () => void } | null = null;

  async function serve(configure?: (sh: SessionHandler, ctx: ServletContextHandler) => void, serverSetup?: (ts: unknown) => void): Promise<number> {
    const ctx = new ServletContextHandler(ServletContextHandler.SESSIONS);
    ctx.setContextPath('/ctx');
    ctx.addServlet(CounterServlet, '/*');
    sh = ctx.getSessionHandler()!;
    destroyed = [];
    sh.addEventListener({ sessionDestroyed: (e: { getSession(): { getId(): string } }) => destroyed.push(e.getSession().getId()) });
    configure?.(sh, ctx);
    ts = await startServer(ctx, (s) => serverSetup?.(s));
    return ts.port;
  }

  afterEach(async () => {
    if (ts) await ts.server.stop();
    ts = null;
    tmp?.cleanup();
    tmp = null;
  });

  it('sets a JSESSIONID cookie with the .node0 suffix and reads it back on the next request', async () => {
    const port = await serve();
    const r1 = await request(port, '/ctx/inc');
    expect(r1.status).to.equal(200);
    const cookie = cookieOf(r1)!;
    expect(cookie).to.match(/^JSESSIONID=node0[0-9a-z]+\.node0$/);
    expect(r1.headers['set-cookie']!.join()).to.contain('Path=/ctx');
    expect(r1.text).to.match(/^1 new /);
    const r2 = await request(port, '/ctx/inc', { headers: { Cookie: cookie } });
    expect(r2.text).to.match(/^2 old /);
    expect(cookieOf(r2)).to.equal(null);
  });

  it("answers two different valid session cookies with 400 and ends the connection, as Jetty's BadMessageException", async () => {
    const port = await serve();
    const a = cookieOf(await request(port, '/ctx/inc'))!;
    const b = cookieOf(await request(port, '/ctx/inc'))!;
    const r = await rawRequest(port, `GET /ctx/inc HTTP/1.1\r\nHost: x\r\nCookie: ${a}; ${b}\r\n\r\n`);
    expect(r.text).to.match(/^HTTP\/1\.1 400 /);
    expect(r.text).to.contain('Duplicate valid session cookies');
    expect(r.text).to.match(/\r\nConnection: close\r\n/i);
    expect(r.closed).to.equal(true);
  });

  it('sends Expires: Thu, 01 Jan 1970 00:00:00 GMT with the session cookie (no shared cache keeps a JSESSIONID), and not without one', async () => {
    const port = await serve();
    const r1 = await request(port, '/ctx/inc');
    expect(cookieOf(r1)).to.not.equal(null);
    expect(r1.headers.expires).to.equal('Thu, 01 Jan 1970 00:00:00 GMT');
    const r2 = await request(port, '/ctx/inc', { headers: { Cookie: cookieOf(r1)! } });
    expect(cookieOf(r2)).to.equal(null);
    expect(r2.headers.expires).to.equal(undefined);
  });

  // 32 requests in flight at every moment race on one session; 500 of them find a lost update as 2,000 would
  it('ends 500 concurrent increments of one session attribute, 32 at a time, at exactly 500', async function () {
    this.timeout(60_000);
    const port = await serve();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    try {
      const first = await request(port, '/ctx/id', { agent });
      const cookie = cookieOf(first)!;
      let next = 0;
      const total = 500;
      const worker = async (): Promise<void> => {
        while (next < total) {
          next++;
          const r = await request(port, '/ctx/inc', { agent, headers: { Cookie: cookie } });
          if (r.status !== 200) throw new Error(`status ${r.status}`);
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
      const r = await request(port, '/ctx/get', { agent, headers: { Cookie: cookie } });
      expect(r.text).to.equal('500');
    } finally {
      agent.destroy();
    }
  });

  it('ends 500 concurrent increments at 500 in memory and on disk with the file store', async function () {
    this.timeout(60_000);
    tmp = tempDir();
    const dir = tmp.dir;
    let store: FileSessionDataStore | null = null;
    const port = await serve((h) => {
      store = useFileStore(h, dir).store;
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const cookie = cookieOf(await request(port, '/ctx/id', { agent }))!;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < 500) {
          next++;
          const r = await request(port, '/ctx/inc', { agent, headers: { Cookie: cookie } });
          if (r.status !== 200) throw new Error(`status ${r.status}`);
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      expect((await request(port, '/ctx/get', { agent, headers: { Cookie: cookie } })).text).to.equal('500');
      await store!.checkpoint();
      const files = storeEntries(dir);
      expect(files).to.have.length(1);
      expect(JSON.parse(fs.readFileSync(`${dir}/${files[0]}`, 'utf8')).attributes.n).to.equal(500);
    } finally {
      agent.destroy();
    }
  });

  it('answers 500 and keeps the stored session as it was when an attribute cannot be written, naming it in one log line', async () => {
    tmp = tempDir();
    const dir = tmp.dir;
    const port = await serve((h) => {
      useFileStore(h, dir);
    });
    const c = cookieOf(await request(port, '/ctx/inc'))!;
    const before = storeEntries(dir).map((f) => fs.readFileSync(`${dir}/${f}`, 'utf8'));
    const logged = logLines.length;
    const r = await request(port, '/ctx/fn', { headers: { Cookie: c } });
    expect(r.status).to.equal(500);
    const lines = logLines.slice(logged).filter((l) => /Cannot write session '.*': attribute 'callback'/.test(l));
    expect(lines, logLines.slice(logged).join('\n')).to.have.length(1);
    expect(storeEntries(dir).map((f) => fs.readFileSync(`${dir}/${f}`, 'utf8'))).to.deep.equal(before);
  });

  it('tracks the session in the URL with ;jsessionid= when cookies are off', async () => {
    const port = await serve((h) => h.setUsingCookies(false));
    const r1 = await request(port, '/ctx/url');
    expect(cookieOf(r1)).to.equal(null);
    expect(r1.text).to.match(/^\/ctx\/get;jsessionid=node0[0-9a-z]+\.node0$/);
    const r2 = await request(port, '/ctx/inc');
    const id = r2.text.split(' ')[2];
    const r3 = await request(port, `/ctx/inc;jsessionid=${id}.node0`);
    expect(r3.text).to.equal(`2 old ${id}`);
  });

  it('changes the session id, sends the new cookie and forgets the old id', async () => {
    const port = await serve();
    const r1 = await request(port, '/ctx/inc');
    const oldCookie = cookieOf(r1)!;
    const r2 = await request(port, '/ctx/change', { headers: { Cookie: oldCookie } });
    const newCookie = cookieOf(r2)!;
    expect(newCookie).to.equal(`JSESSIONID=${r2.text}.node0`);
    expect(newCookie).to.not.equal(oldCookie);
    expect((await request(port, '/ctx/get', { headers: { Cookie: newCookie } })).text).to.equal('1');
    expect((await request(port, '/ctx/get', { headers: { Cookie: oldCookie } })).text).to.equal('none');
  });

  it('answers a session cookie like ../../etc/passwd or a 6 KB id (under the 8 KB header limit) with a fresh session', async () => {
    const port = await serve();
    for (const bad of ['../../etc/passwd', 'x'.repeat(6 * 1024), '%2e%2e%2f']) {
      const r = await request(port, '/ctx/inc', { headers: { Cookie: `JSESSIONID=${bad}` } });
      expect(r.status).to.equal(200);
      expect(r.text).to.match(/^1 new node0/);
    }
  });

  it('gives a session invalidated and re-created in one request a new id and sends one cookie for it', async () => {
    const port = await serve();
    const c = cookieOf(await request(port, '/ctx/inc'))!;
    const r = await request(port, '/ctx/renew', { headers: { Cookie: c } });
    expect(r.status).to.equal(200);
    const [oldId, newId] = r.text.split(' ');
    expect(c).to.equal(`JSESSIONID=${oldId}.node0`);
    expect(newId).to.not.equal(oldId);
    const cookies = (r.headers['set-cookie'] ?? []).filter((x) => x.startsWith('JSESSIONID='));
    expect(cookies).to.have.length(1);
    expect(cookies[0]).to.match(new RegExp(`^JSESSIONID=${newId}\\.node0;`));
  });

  it("re-sends the cookie with this node's suffix when the request came through another node", async () => {
    const port = await serve();
    const c = cookieOf(await request(port, '/ctx/inc'))!;
    const r = await request(port, '/ctx/inc', { headers: { Cookie: c.replace(/\.node0$/, '.node7') } });
    expect(r.text).to.match(/^2 old /);
    expect(cookieOf(r)).to.equal(c);
  });

  it('answers 400 to two different valid session cookies', async () => {
    const port = await serve();
    const a = cookieOf(await request(port, '/ctx/inc'))!;
    const b = cookieOf(await request(port, '/ctx/inc'))!;
    const r = await request(port, '/ctx/inc', { headers: { Cookie: `${a}; ${b}` } });
    expect(r.status).to.equal(400);
  });

  it('invalidates on request and fires sessionDestroyed once', async () => {
    const port = await serve();
    const c = cookieOf(await request(port, '/ctx/inc'))!;
    await request(port, '/ctx/invalidate', { headers: { Cookie: c } });
    expect(destroyed).to.have.length(1);
    expect((await request(port, '/ctx/get', { headers: { Cookie: c } })).text).to.equal('none');
    expect(destroyed).to.have.length(1);
  });

  it('writes a changed session before the response commits when flushOnResponseCommit is set (durability file)', async () => {
    tmp = tempDir();
    const dir = tmp.dir;
    const port = await serve((h) => {
      const { cache } = useFileStore(h, dir, 'file');
      cache.setFlushOnResponseCommit(true);
    });
    CounterServlet.peek = (id) => {
      const f = fs.readdirSync(dir).find((n) => n.endsWith(`_${id}`));
      return f ? JSON.stringify(JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8')).attributes) : 'no file';
    };
    try {
      const r = await request(port, '/ctx/flush');
      expect(r.text).to.equal('{"flushed":"yes"}');
    } finally {
      CounterServlet.peek = null;
    }
  });

  it('treats a cookie naming a corrupt session file as no session, reports it once and deletes it when deleteUnrestorableFiles', async () => {
    tmp = tempDir();
    const dir = tmp.dir;
    const badId = 'node0corrupt1';
    fs.writeFileSync(`${dir}/${Date.now() + 600_000}__ctx_0.0.0.0_${badId}`, '{"format":"pier-session"');
    const warn = spyOnLog();
    try {
      const port = await serve((h) => {
        const { store } = useFileStore(h, dir);
        store.setDeleteUnrestorableFiles(true);
      });
      const r = await request(port, '/ctx/inc', { headers: { Cookie: `JSESSIONID=${badId}.node0` } });
      expect(r.text).to.match(/^1 new /);
      expect(r.text).to.not.contain(badId);
      expect(fs.readdirSync(dir).some((n) => n.endsWith(badId))).to.equal(false);
      expect(warn.callCount).to.equal(1);
    } finally {
      warn.restore();
    }
  });

  it('writes the session file before the response ends, and expires it through the HouseKeeper (listener once, file removed; durability file)', async function () {
    this.timeout(30_000);
    tmp = tempDir();
    const dir = tmp.dir;
    // the HouseKeeper and the session's expiry are timers: the test moves them on instead of waiting seconds
    const clock = fakeClock(['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']);
    try {
      await expiresThroughHouseKeeper(clock, dir);
    } finally {
      clock.restore();
    }
  });

  async function expiresThroughHouseKeeper(clock: sinon.SinonFakeTimers, dir: string): Promise<void> {
    const port = await serve(
      (h) => {
        h.setMaxInactiveInterval(1);
        useFileStore(h, dir, 'file');
      },
      (server) => {
        const idm = new DefaultSessionIdManager(server);
        const hk = new HouseKeeper();
        const warn = spyOnLog();
        try {
          hk.setIntervalSec(1);
        } finally {
          warn.restore();
        }
        idm.setSessionHouseKeeper(hk);
        (server as { setSessionIdManager(i: unknown): void }).setSessionIdManager(idm);
      },
    );
    const r = await request(port, '/ctx/inc');
    const id = r.text.split(' ')[2];
    const files = storeEntries(dir);
    expect(files).to.have.length(1);
    expect(files[0]).to.match(new RegExp(`^\\d+__ctx_0\\.0\\.0\\.0_${id}$`));
    expect(await tickUntil(clock, () => destroyed.length > 0, 100)).to.equal(true);
    expect(destroyed).to.deep.equal([id]);
    expect(storeEntries(dir)).to.deep.equal([]);
    // two more HouseKeeper runs: the session is not destroyed again
    await clock.tickAsync(2500);
    await tickUntil(clock, () => false, 100, 5);
    expect(destroyed).to.deep.equal([id]);
  }
});
