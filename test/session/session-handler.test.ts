/**
 * Tests of SessionHandler without HTTP: defaults, init-params, cookies, listeners, expiry, id renewal.
 * @module
 */
import { expect } from 'chai';
import * as sinon from 'sinon';
import type { ContextHandler } from '../../src/server/handler/context-handler';
import { DefaultSessionCache } from '../../src/session/default-session-cache';
import { DefaultSessionIdManager } from '../../src/session/default-session-id-manager';
import { HouseKeeper } from '../../src/session/house-keeper';
import type { HttpSession } from '../../src/servlet-api/http-session';
import { Session } from '../../src/session/session';
import { SessionHandler } from '../../src/session/session-handler';
import { FileSessionDataStore } from '../../src/session/stores/file/file-session-data-store';
import { FakeRequest } from './fake-request';
import { MemorySessionDataStore } from './memory-session-data-store';
import { contextHandler, tempDir, storeEntries } from './support';
import { turnsUntil } from '../support/event-loop';

/** A context (a real ContextHandler) with init params and attributes. */
function context(path = '/app', init: Record<string, string> = {}, attributes: Record<string, unknown> = {}): ContextHandler {
  return contextHandler(path, { init, attributes });
}

describe('SessionHandler', () => {
  const handlers: SessionHandler[] = [];
  afterEach(async () => {
    sinon.restore();
    for (const h of handlers.splice(0)) if (h.isRunning()) await h.stop();
  });

  async function started(
    configure?: (h: SessionHandler) => void,
    idm?: DefaultSessionIdManager,
    store = new MemorySessionDataStore(),
  ): Promise<{ h: SessionHandler; store: MemorySessionDataStore }> {
    const h = new SessionHandler();
    const cache = new DefaultSessionCache(h);
    cache.setSessionDataStore(store);
    h.setSessionCache(cache);
    h.setContextHandler(context());
    if (idm) h.setSessionIdManager(idm);
    configure?.(h);
    await h.start();
    handlers.push(h);
    return { h, store };
  }

  async function request(h: SessionHandler, fn: (s: Session) => void | Promise<void>, cookieValue?: string): Promise<Session> {
    const req = new FakeRequest(cookieValue ? `JSESSIONID=${cookieValue}` : null);
    let s: Session | null = cookieValue ? await h.getHttpSession(cookieValue) : null;
    if (s) {
      h.enterSession(req, s);
      h.access(s, false);
    }
    s ??= h.newHttpSession(req) as Session;
    try {
      await fn(s);
    } finally {
      await h.completeRequest(req);
    }
    return s;
  }

  it("has Jetty 9.4's defaults", () => {
    const h = new SessionHandler();
    expect(h.getMaxInactiveInterval()).to.equal(-1);
    expect(h.getSessionCookieConfig().getName()).to.equal('JSESSIONID');
    expect(h.getSessionIdPathParameterName()).to.equal('jsessionid');
    expect(h.getMaxCookieAge()).to.equal(-1);
    expect(h.isSecureRequestOnly()).to.equal(true);
    expect(h.getHttpOnly()).to.equal(false);
    expect(h.isUsingCookies()).to.equal(true);
    expect(h.isUsingURLs()).to.equal(true);
    expect(h.getRefreshCookieAge()).to.equal(0);
    expect(h.isCheckingRemoteSessionIdEncoding()).to.equal(false);
  });

  it('creates a DefaultSessionCache over a NullSessionDataStore and its own id manager when nothing is configured', async () => {
    const h = new SessionHandler();
    await h.start();
    handlers.push(h);
    expect(h.getSessionCache()).to.be.instanceOf(DefaultSessionCache);
    expect(h.getSessionCache()!.getSessionDataStore()!.constructor.name).to.equal('NullSessionDataStore');
    expect(h.getSessionIdManager()).to.be.instanceOf(DefaultSessionIdManager);
  });

  it('reads the org.eclipse.jetty.servlet.* init-params at start', async () => {
    const { h } = await started((x) =>
      x.setContextHandler(
        context('/app', {
          'org.eclipse.jetty.servlet.SessionCookie': 'MYSESSION',
          'org.eclipse.jetty.servlet.SessionIdPathParameterName': 'mysession',
          'org.eclipse.jetty.servlet.CheckingRemoteSessionIdEncoding': 'true',
          'org.eclipse.jetty.servlet.SessionDomain': 'example.com',
          'org.eclipse.jetty.servlet.SessionPath': '/p',
          'org.eclipse.jetty.servlet.MaxAge': '120',
        }),
      ),
    );
    expect(h.getSessionCookieConfig().getName()).to.equal('MYSESSION');
    expect(h.getSessionIdPathParameterName()).to.equal('mysession');
    expect(h.isCheckingRemoteSessionIdEncoding()).to.equal(true);
    expect(h.getSessionDomain()).to.equal('example.com');
    expect(h.getSessionPath()).to.equal('/p');
    expect(h.getMaxCookieAge()).to.equal(120);
  });

  it('builds the session cookie with the extended id and RFC 6265 attributes', async () => {
    const { h } = await started((x) => {
      x.setHttpOnly(true);
      x.setMaxCookieAge(60);
      x.setSameSite('Lax');
      x.setSessionDomain('example.com');
    });
    const s = await request(h, () => undefined);
    const c = h.getSessionCookie(s, '/app', true)!;
    expect(c.name).to.equal('JSESSIONID');
    expect(c.value).to.equal(`${s.getId()}.node0`);
    expect(c.header).to.match(
      new RegExp(`^JSESSIONID=${s.getId()}\\.node0; Path=/app; Domain=example.com; Expires=[^;]+ GMT; Max-Age=60; Secure; HttpOnly; SameSite=Lax$`),
    );
    expect(h.getSessionCookie(s, '', false)!.header)
      .to.match(/Path=\/;/)
      .and.not.match(/Secure/);
  });

  it('encodes SameSite in the cookie comment as Jetty 9.4 does', () => {
    const h = new SessionHandler();
    h.setSessionComment('hello');
    h.setSameSite('STRICT');
    expect(h.getSessionComment()).to.equal('hello__SAME_SITE_STRICT__');
    h.setSameSite('none');
    expect(h.getSessionComment()).to.equal('hello__SAME_SITE_NONE__');
    expect(h.getSameSite()).to.equal('NONE');
  });

  it('refuses cookie config changes once started', async () => {
    const { h } = await started();
    expect(() => h.getSessionCookieConfig().setName('X')).to.throw(/already started/);
  });

  it('gives new sessions the default max inactive interval and the worker name as last node', async () => {
    const { h } = await started((x) => x.setMaxInactiveInterval(30));
    const s = await request(h, () => undefined);
    expect(s.getMaxInactiveInterval()).to.equal(30);
    expect(s.getSessionData().getLastNode()).to.equal('node0');
    expect(s.getId()).to.match(/^node0/);
  });

  it("fires listeners in Jetty's order: created in registration order, destroyed in reverse, before attributes are removed", async () => {
    const { h } = await started();
    const log: string[] = [];
    h.addEventListener({ sessionCreated: () => log.push('created A'), sessionDestroyed: () => log.push('destroyed A') });
    h.addEventListener({ sessionCreated: () => log.push('created B'), sessionDestroyed: () => log.push('destroyed B') });
    h.addEventListener({
      attributeAdded: (e: { getName(): string }) => log.push(`added ${e.getName()}`),
      attributeReplaced: (e: { getName(): string; getValue(): unknown }) => log.push(`replaced ${e.getName()} old=${String(e.getValue())}`),
      attributeRemoved: (e: { getName(): string }) => log.push(`removed ${e.getName()}`),
    });
    const bound = { valueBound: () => log.push('bound'), valueUnbound: () => log.push('unbound') };
    await request(h, (s) => {
      s.setAttribute('a', 1);
      s.setAttribute('a', 2);
      s.setAttribute('b', bound);
      s.invalidate();
    });
    expect(log).to.deep.equal([
      'created A',
      'created B',
      'added a',
      'replaced a old=1',
      'bound',
      'added b',
      'destroyed B',
      'destroyed A',
      'removed a',
      'unbound',
      'removed b',
    ]);
  });

  it('counts created sessions and records the lifetime of invalidated ones', async () => {
    const { h } = await started();
    await request(h, (x) => x.invalidate());
    await request(h, () => undefined);
    expect(h.getSessionsCreated()).to.equal(2);
    expect(h.getSessionTimeMax()).to.equal(0);
    expect(h.getSessionTimeMean()).to.equal(0);
    h.statsReset();
    expect(h.getSessionsCreated()).to.equal(0);
  });

  it('throws when an invalidated session is read or invalidated again', async () => {
    const { h } = await started();
    const s = await request(h, (x) => x.invalidate());
    expect(() => s.getAttribute('a')).to.throw(/Invalid for read/);
    expect(() => s.invalidate()).to.throw(/already invalid/);
    expect(() => s.setAttribute('a', 1)).to.throw(/Not valid for write/);
  });

  it('invalidates an expired session when a request presents its id, firing sessionDestroyed once', async () => {
    const { h, store } = await started((x) => x.setMaxInactiveInterval(1));
    let destroyed = 0;
    h.addEventListener({ sessionDestroyed: () => destroyed++ });
    const s = await request(h, () => undefined);
    s.getSessionData().setExpiry(Date.now() - 1);
    expect(await h.getHttpSession(`${s.getId()}.node0`)).to.equal(null);
    await s.settled();
    expect(destroyed).to.equal(1);
    expect(store.records.has(s.getId())).to.equal(false);
    expect(await h.getHttpSession(`${s.getId()}.node0`)).to.equal(null);
    expect(destroyed).to.equal(1);
  });

  it('rejects malformed ids without touching the store', async () => {
    const { h, store } = await started();
    store.calls.length = 0;
    for (const id of ['../../etc/passwd', 'x'.repeat(10 * 1024), 'a b', '']) {
      expect(await h.getHttpSession(id)).to.equal(null);
    }
    expect(store.calls).to.deep.equal([]);
  });

  it('changes the session id in memory and in the store and tells HttpSessionIdListeners', async () => {
    const { h, store } = await started();
    const changes: string[] = [];
    h.addEventListener({
      sessionIdChanged: (e: { getSession(): { getId(): string } }, old: string) => changes.push(`${old}->${e.getSession().getId()}`),
    });
    const s = await request(h, (x) => x.setAttribute('k', 'v'));
    const oldId = s.getId();
    let newId = '';
    await request(
      h,
      (x) => {
        newId = h.renewSessionId(new FakeRequest(), x);
        expect(x.getId()).to.equal(newId);
        expect(x.isIdChanged()).to.equal(true);
      },
      `${oldId}.node0`,
    );
    expect(newId).to.not.equal(oldId);
    expect(changes).to.deep.equal([`${oldId}->${newId}`]);
    expect(store.records.has(oldId)).to.equal(false);
    expect(store.records.has(newId)).to.equal(true);
    expect(await h.getHttpSession(`${oldId}.node0`)).to.equal(null);
    const again = await h.getHttpSession(`${newId}.node0`);
    expect(again!.getAttribute('k')).to.equal('v');
  });

  it('writes the session under its new id before it deletes the old one, so a crash between them never loses it', async () => {
    const { h, store } = await started();
    const s = await request(h, (x) => x.setAttribute('k', 'v'));
    const oldId = s.getId();
    store.calls.length = 0;
    let newId = '';
    await request(
      h,
      (x) => {
        newId = h.renewSessionId(new FakeRequest(), x);
      },
      `${oldId}.node0`,
    );
    const writes = store.calls.filter((c) => !c.startsWith('load:'));
    expect(writes.indexOf(`store:${newId}`), writes.join(', ')).to.be.at.least(0);
    expect(writes.indexOf(`store:${newId}`), writes.join(', ')).to.be.below(writes.indexOf(`delete:${oldId}`));
  });

  it('renames the session in every context that shares the id', async () => {
    const idm = new DefaultSessionIdManager();
    const { h: a } = await started(undefined, idm);
    const { h: b } = await started((x) => x.setContextHandler(context('/other')), idm);
    const req = new FakeRequest();
    const sa = a.newHttpSession(req) as Session;
    const sb = b.newHttpSession(req) as Session;
    expect(sb.getId()).to.equal(sa.getId());
    await a.completeRequest(req);
    await b.completeRequest(req);
    const oldId = sa.getId();
    const newId = a.renewSessionId(new FakeRequest(), sa);
    await idm.whenRenamed;
    expect(sb.getId()).to.equal(newId);
    expect(b.isIdInMemory(oldId)).to.equal(false);
  });

  it('expires sessions through the HouseKeeper: listeners fire once and the file is removed', async () => {
    const clock = sinon.useFakeTimers({ now: 1_000_001, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const tmp = tempDir();
    try {
      const idm = new DefaultSessionIdManager();
      const hk = new HouseKeeper();
      hk.setIntervalSec(10);
      idm.setSessionHouseKeeper(hk);
      const fileStore = new FileSessionDataStore();
      fileStore.setStoreDir(tmp.dir);
      const { h } = await started((x) => x.setMaxInactiveInterval(5), idm, fileStore as never);
      let destroyed = 0;
      h.addEventListener({ sessionDestroyed: () => destroyed++ });
      const s = await request(h, (x) => x.setAttribute('k', 1));
      await fileStore.checkpoint();
      expect(storeEntries(tmp.dir)).to.have.length(1);
      await clock.tickAsync(6_000);
      expect(h.getCandidateSessionIdsForExpiry().has(s.getId())).to.equal(true);
      expect(destroyed).to.equal(0);
      await clock.tickAsync(5_000);
      await turnsUntil(async () => destroyed > 0 && !(await fileStore.exists(s.getId())));
      expect(destroyed).to.equal(1);
      expect(s.isValid()).to.equal(false);
      await fileStore.checkpoint();
      expect(storeEntries(tmp.dir)).to.deep.equal([]);
      await clock.tickAsync(30_000);
      expect(destroyed).to.equal(1);
    } finally {
      clock.restore();
      for (const h of handlers.splice(0)) if (h.isRunning()) await h.stop();
      tmp.cleanup();
    }
  });

  it("enters the session of an id requested in an outer context, keeps the request's record of it, and restores the outer session after", async () => {
    const idm = new DefaultSessionIdManager();
    const { h: outer } = await started(undefined, idm);
    const { h: inner } = await started((x) => x.setContextHandler(context('/inner')), idm);
    const first = new FakeRequest();
    const so = outer.newHttpSession(first) as Session;
    const si = inner.newHttpSession(first) as Session;
    await outer.completeRequest(first);
    await inner.completeRequest(first);
    const calls: string[] = [];
    /** The request of a cross-context dispatch: in the outer context's scope, with its session and requested id. */
    class DispatchedRequest extends FakeRequest {
      override setSession(x: HttpSession | null): void {
        super.setSession(x);
        calls.push(`session ${x === si ? 'inner' : x === so ? 'outer' : String(x)}`);
      }
      override setRequestedSessionId(id: string | null): void {
        super.setRequestedSessionId(id);
        calls.push('setRequestedSessionId');
      }
      override setRequestedSessionIdFromCookie(b: boolean): void {
        super.setRequestedSessionIdFromCookie(b);
        calls.push('setRequestedSessionIdFromCookie');
      }
    }
    const req = new DispatchedRequest();
    req.sessionHandler = outer;
    req.session = so;
    req.requestedSessionId = `${so.getId()}.node0`;
    // doScope's parameters are the Handler contract's (the server's Request): the double is the SessionRequest part of it
    await inner.doScope('/', req as never, req as never, req.response as never);
    expect(calls).to.deep.equal(['session inner', 'session outer']);
    expect(req.sessionHandler).to.equal(outer);
    expect(req.requestedSessionId).to.equal(`${so.getId()}.node0`);
    expect(si.getRequests()).to.equal(0);
  });

  it('restores file-stored sessions after a restart of the handler', async () => {
    const tmp = tempDir();
    try {
      const mk = () => {
        const f = new FileSessionDataStore();
        f.setStoreDir(tmp.dir);
        return f;
      };
      const { h } = await started(undefined, undefined, mk() as never);
      const s = await request(h, (x) => x.setAttribute('when', new Date(5)));
      await h.stop();
      const { h: h2 } = await started(undefined, undefined, mk() as never);
      const back = await h2.getHttpSession(`${s.getId()}.node0`);
      expect((back!.getAttribute('when') as Date).getTime()).to.equal(5);
    } finally {
      tmp.cleanup();
    }
  });
});
