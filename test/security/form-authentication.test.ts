/**
 * Tests FORM login over real HTTP as a browser does it with cookies: the constrained page sends the
 * user to the login page (303) and remembers where they were going, a bad password goes to the error
 * page, a good one renews the session id and returns to the page, the login is kept in the session (also
 * across a server restart on the file store, and on a second server sharing a JDBC store), logout locks
 * the user out again, a form POST that met the login page is replayed after it, and
 * HttpServletRequest.login/authenticate work from application code.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { DefaultSessionCache } from '../../src/session/default-session-cache';
import { SessionHandler } from '../../src/session/session-handler';
import { FileSessionDataStore } from '../../src/session/stores/file/file-session-data-store';
import type { Server } from '../../src/server/server';
import type { WebAppContext } from '../../src/webapp/web-app-context';
import { cleanupTempDirs, tempDir } from '../webapp/webapp-test-support';
import { CookieClient, captureServerLog, type Deployed, deploySecure, formLogin, secureApp } from './security-test-support';

function sessionOf(client: CookieClient): string | undefined {
  return client.cookies.get('JSESSIONID');
}

describe('FORM authentication of a web app', () => {
  const running: Server[] = [];
  afterEach(async () => {
    for (const s of running.splice(0)) await captureServerLog(() => s.stop());
  });
  after(() => cleanupTempDirs());

  async function deploy(war: string, configure?: (w: WebAppContext) => void): Promise<Deployed> {
    const d = await deploySecure(war, { configure });
    running.push(d.server);
    expect(d.webapp.isAvailable(), d.log.join('\n')).to.equal(true);
    return d;
  }

  it('sends a constrained request to the login page, logs in with a renewed session id, and goes back to the page', async () => {
    const d = await deploy(secureApp(formLogin));
    const c = new CookieClient(d.port);
    const challenge = await c.get('/app/user/page.html?x=1');
    expect(challenge.status).to.equal(303);
    // a new session: its id also rides in the URL until the browser shows it has the cookie (as Jetty's encodeRedirectURL)
    expect(challenge.headers.location).to.match(new RegExp(`^http://127\\.0\\.0\\.1:${d.port}/app/login\\.html(;jsessionid=[^/?]+)?$`));
    expect(challenge.body).not.to.contain('USER-PAGE');
    const before = sessionOf(c);
    expect(before).to.be.a('string');
    expect((await c.get('/app/login.html')).body).to.contain('j_security_check');

    const login = await c.postForm('/app/j_security_check', { j_username: 'user', j_password: 'password' });
    expect(login.status).to.equal(303);
    expect(login.headers.location).to.equal(`http://127.0.0.1:${d.port}/app/user/page.html?x=1`);
    const after = sessionOf(c);
    expect(after).to.be.a('string');
    expect(after!.split('.')[0]).not.to.equal(before!.split('.')[0]);

    expect((await c.get('/app/user/page.html?x=1')).body).to.contain('USER-PAGE');
    const who = JSON.parse((await c.get('/app/whoami')).body);
    expect(who).to.include({ remoteUser: 'user', authType: 'FORM', user: true, admin: false });
    expect((await c.get('/app/admin/secret.txt')).status).to.equal(403);
  });

  it('serves the login and error pages under a constraint on /* (as Jetty), and nothing else without a login', async () => {
    const everything =
      '\n  <security-constraint><web-resource-collection><web-resource-name>all</web-resource-name><url-pattern>/*</url-pattern></web-resource-collection>' +
      '<auth-constraint><role-name>user</role-name></auth-constraint></security-constraint>';
    const d = await deploy(secureApp((x) => formLogin(x, everything)));
    const c = new CookieClient(d.port);
    const challenge = await c.get('/app/index.html');
    expect(challenge.status).to.equal(303);
    expect(challenge.headers.location).to.match(/\/app\/login\.html(;jsessionid=[^/?]+)?$/);
    const page = await c.get('/app/login.html');
    expect(page.status).to.equal(200);
    expect(page.body).to.contain('j_security_check');
    expect((await c.get('/app/error.html')).status).to.equal(200);
    expect((await c.get('/app/login.html/../index.html')).status).not.to.equal(200);
    const login = await c.postForm('/app/j_security_check', { j_username: 'user', j_password: 'password' });
    expect(login.headers.location).to.equal(`http://127.0.0.1:${d.port}/app/index.html`);
    expect((await c.get('/app/index.html')).status).to.equal(200);
  });

  it('sends a wrong password to the form-error-page and keeps the user out; the old session id no longer logs anyone in', async () => {
    const d = await deploy(secureApp(formLogin));
    const c = new CookieClient(d.port);
    await c.get('/app/user/page.html');
    const fixated = sessionOf(c)!;
    const bad = await c.postForm('/app/j_security_check', { j_username: 'user', j_password: 'nope' });
    expect(bad.body).to.equal('');
    expect(bad.status).to.equal(303);
    expect(bad.headers.location).to.equal(`http://127.0.0.1:${d.port}/app/error.html`);
    expect((await c.get('/app/error.html')).body).to.contain('LOGIN-FAILED');
    expect((await c.get('/app/user/page.html')).status).to.equal(303);
    const good = await c.postForm('/app/j_security_check', { j_username: 'admin', j_password: 'admin' });
    expect(good.status).to.equal(303);
    expect(good.headers.location).to.equal(`http://127.0.0.1:${d.port}/app/user/page.html`);
    expect((await c.get('/app/admin/secret.txt')).body).to.contain('ADMIN-SECRET');
    // an attacker who planted the pre-login session id gets nothing
    const attacker = new CookieClient(d.port);
    attacker.cookies.set('JSESSIONID', fixated);
    const res = await attacker.get('/app/admin/secret.txt');
    expect(res.status).to.equal(303);
    expect(res.body).not.to.contain('ADMIN-SECRET');
  });

  it('answers 403 for a failed login when there is no form-error-page', async () => {
    const d = await deploy(secureApp((x) => formLogin(x).replace('<form-error-page>/error.html</form-error-page>', '')));
    const c = new CookieClient(d.port);
    await c.get('/app/user/page.html');
    expect((await c.postForm('/app/j_security_check', { j_username: 'user', j_password: 'x' })).status).to.equal(403);
  });

  it('logs out (request.logout and session.invalidate): the next constrained request is sent to the login page again', async () => {
    const d = await deploy(secureApp(formLogin));
    const c = new CookieClient(d.port);
    await c.get('/app/user/page.html');
    await c.postForm('/app/j_security_check', { j_username: 'user', j_password: 'password' });
    const loggedIn = sessionOf(c)!;
    expect((await c.get('/app/user/page.html')).status).to.equal(200);
    expect((await c.get('/app/logout')).status).to.equal(302);
    expect((await c.get('/app/user/page.html')).status).to.equal(303);
    const replay = new CookieClient(d.port);
    replay.cookies.set('JSESSIONID', loggedIn);
    expect((await replay.get('/app/user/page.html')).status).to.equal(303);
  });

  it('forwards to the login page instead of redirecting with the dispatch option', async () => {
    const d = await deploy(
      secureApp((x) =>
        formLogin(
          x,
          '\n  <context-param><param-name>org.eclipse.jetty.security.dispatch</param-name><param-value>true</param-value></context-param>',
        ),
      ),
    );
    const c = new CookieClient(d.port);
    const res = await c.get('/app/user/page.html');
    expect(res.status).to.equal(200);
    expect(res.body).to.contain('j_security_check');
    expect(res.headers['cache-control']).to.equal('no-cache');
  });

  it('lets application code log in and ask for authentication (HttpServletRequest.login and authenticate)', async () => {
    const d = await deploy(secureApp(formLogin));
    const c = new CookieClient(d.port);
    const ask = await c.get('/app/api/login');
    expect(ask.status).to.equal(303);
    const refused = await c.postForm('/app/api/login', { u: 'user', p: 'bad' });
    expect(refused.status).to.equal(401);
    expect(refused.body).to.contain("refused: Authentication failed for username 'user'");
    const ok = await c.postForm('/app/api/login', { u: 'user', p: 'password' });
    expect(ok.body).to.equal('logged in as user (API)');
    expect((await c.get('/app/user/page.html')).body).to.contain('USER-PAGE');
    expect((await c.get('/app/api/login')).body).to.equal('authenticated as user');
  });

  it('replays a form POST that met the login page: after the login the servlet runs doPost with the posted parameters, once', async () => {
    const d = await deploy(secureApp(formLogin));
    const c = new CookieClient(d.port);
    const interrupted = await c.request(
      'POST',
      '/app/user/echo?q=1',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'item=book&item=pen&note=gift+wrap',
    );
    expect(interrupted.status).to.equal(303);
    expect(interrupted.headers.location).to.match(/\/app\/login\.html/);
    const login = await c.postForm('/app/j_security_check', { j_username: 'user', j_password: 'password' });
    expect(login.headers.location).to.equal(`http://127.0.0.1:${d.port}/app/user/echo?q=1`);

    // the browser follows the 303 with a GET: it gets the POST back
    const replayed = await c.get('/app/user/echo?q=1');
    expect(replayed.status).to.equal(200);
    expect(replayed.body).to.equal('doPost POST user\nq=1\nitem=book,pen\nnote=gift wrap');
    // the saved post is spent: the same GET again is a GET
    expect((await c.get('/app/user/echo?q=1')).body).to.equal('doGet GET user\nq=1');
  });

  it('replays nothing on another URI, and gives a POST that was not a urlencoded form back its method without parameters', async () => {
    const d = await deploy(secureApp(formLogin));
    const c = new CookieClient(d.port);
    await c.request('POST', '/app/user/echo', { 'content-type': 'application/x-www-form-urlencoded' }, 'item=book');
    await c.postForm('/app/j_security_check', { j_username: 'user', j_password: 'password' });
    expect((await c.get('/app/user/echo?other')).body).to.equal('doGet GET user\nother=');

    const json = new CookieClient(d.port);
    await json.request('POST', '/app/user/echo', { 'content-type': 'application/json' }, '{"item":"book"}');
    await json.postForm('/app/j_security_check', { j_username: 'user', j_password: 'password' });
    expect((await json.get('/app/user/echo')).body).to.equal('doPost POST user');
  });

  it('keeps a FORM login through a server restart on the file session store', async () => {
    const storeDir = path.join(tempDir('pier-form-store-'), 'sessions');
    const war = secureApp(formLogin);
    const withFileStore = (w: WebAppContext): void => {
      const sh = new SessionHandler();
      const cache = new DefaultSessionCache(sh);
      const store = new FileSessionDataStore();
      store.setStoreDir(storeDir);
      cache.setSessionDataStore(store);
      sh.setSessionCache(cache);
      w.setSessionHandler(sh);
    };
    const first = await deploy(war, withFileStore);
    const c = new CookieClient(first.port);
    await c.get('/app/user/page.html');
    await c.postForm('/app/j_security_check', { j_username: 'user', j_password: 'password' });
    expect((await c.get('/app/user/page.html')).status).to.equal(200);
    await captureServerLog(() => first.server.stop());
    running.splice(running.indexOf(first.server), 1);

    const second = await deploy(war, withFileStore);
    const again = new CookieClient(second.port);
    for (const [k, v] of c.cookies) again.cookies.set(k, v);
    const res = await again.get('/app/user/page.html');
    expect(res.status).to.equal(200);
    expect(res.body).to.contain('USER-PAGE');
    expect(JSON.parse((await again.get('/app/whoami')).body)).to.include({ remoteUser: 'user', authType: 'FORM' });
  });
});
