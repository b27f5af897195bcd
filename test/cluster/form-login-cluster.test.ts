/**
 * A FORM login moves across nodes with its session: three `bin/start` nodes share one JDBC table
 * (PostgreSQL, then MariaDB) with NullSessionCache, so every request reads the session from the
 * database. The web app is the security tests' fixture, deployed by a context XML that gives it a
 * HashLoginService over the base's `etc/realm.properties`, as Jetty's documentation configures one.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, PierProcess, repoRoot, request, writeIn, type HttpResult } from '../support/pier-process';
import { dropTables, MARIADB, POSTGRESQL, requireDatabase, uniqueTableName, type TestDatabase } from '../session/stores/jdbc/databases';
import { driverProperties, newBase } from '../session/stores/jdbc/jdbc-base';
import { cookieOf } from './cluster-suite';

const SECURE_XML = `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">/secure</Set>
  <Set name="war"><Property name="jetty.base" default="."/>/webapps/secure</Set>
  <Get name="securityHandler">
    <Set name="loginService">
      <New class="org.eclipse.jetty.security.HashLoginService">
        <Set name="name">Test Realm</Set>
        <Set name="config"><Property name="jetty.base" default="."/>/etc/realm.properties</Set>
      </New>
    </Set>
  </Get>
</Configure>
`;

/** The fixture app switched to FORM login (its login and error pages are in the app). */
function formWebXml(webXml: string): string {
  return webXml.replace(
    /<login-config>[\s\S]*<\/login-config>/,
    `<login-config>
    <auth-method>FORM</auth-method>
    <realm-name>Test Realm</realm-name>
    <form-login-config><form-login-page>/login.html</form-login-page><form-error-page>/error.html</form-error-page></form-login-config>
  </login-config>`,
  );
}

function newSecureBase(): string {
  const base = newBase('pier-form-cluster-');
  fs.writeFileSync(path.join(base, 'start.ini'), '--module=http,deploy,sessions,session-cache-null,session-store-jdbc\n');
  const fixtures = path.join(repoRoot(), 'test', 'fixtures', 'security');
  const war = path.join(base, 'webapps', 'secure');
  fs.cpSync(path.join(fixtures, 'secure-app'), war, { recursive: true });
  const webXml = path.join(war, 'WEB-INF', 'web.xml');
  fs.writeFileSync(webXml, formWebXml(fs.readFileSync(webXml, 'utf8')));
  writeIn(base, 'webapps/secure.xml', SECURE_XML);
  writeIn(base, 'etc/realm.properties', fs.readFileSync(path.join(fixtures, 'realm.properties'), 'utf8'));
  return base;
}

/** The JSESSIONID a response sets, else the one the client had. */
function keep(cookie: string, r: HttpResult): string {
  return ([] as string[]).concat(r.headers['set-cookie'] ?? []).some((c) => c.startsWith('JSESSIONID=')) ? cookieOf(r) : cookie;
}

for (const db of [POSTGRESQL, MARIADB] as TestDatabase[]) {
  describe(`A FORM login on a 3-node cluster sharing ${db.title} (NullSessionCache)`, function () {
    const table = uniqueTableName('pier_form_cluster');
    const url = db.url('');
    const bases: string[] = [];
    const ports: number[] = [];
    const nodes: (PierProcess | null)[] = [null, null, null];

    const on = (i: number, p: string, cookie: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
      request(ports[i], `/secure${p}`, { ...options, headers: { ...(options.headers ?? {}), ...(cookie ? { Cookie: cookie } : {}) } });
    const postForm = (i: number, p: string, cookie: string, fields: Record<string, string>) =>
      on(i, p, cookie, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });

    async function startNode(i: number): Promise<void> {
      nodes[i] = await PierProcess.start(
        bases[i],
        [
          `jetty.http.port=${ports[i]}`,
          'jetty.http.host=127.0.0.1',
          `jetty.sessionIdManager.workerName=node${i + 1}`,
          ...driverProperties(db.driverClass, url, table),
        ],
        60_000,
      );
    }

    before(async function () {
      await requireDatabase(this, db);
      for (let i = 0; i < 3; i++) {
        bases.push(newSecureBase());
        ports.push(await freePort());
      }
      // the first node creates the table; the others start together and find it
      await startNode(0);
      await Promise.all([startNode(1), startNode(2)]);
    });
    after(async () => {
      for (const n of nodes) await n?.stop().catch(() => n.kill());
      for (const b of bases) fs.rmSync(b, { recursive: true, force: true });
      if (bases.length > 0) await dropTables(url, [table]);
    });

    it('logs in on node 1, reaches the protected page on nodes 2 and 3 with the same cookie, logs out on node 2, and is locked out on node 1', async () => {
      const challenge = await on(0, '/user/page.html', '');
      expect(challenge.status).to.equal(303);
      expect(challenge.headers.location).to.match(/\/secure\/login\.html/);
      let cookie = cookieOf(challenge);
      const before = cookie;

      const login = await postForm(0, '/j_security_check', cookie, { j_username: 'user', j_password: 'password' });
      expect(login.status).to.equal(303);
      expect(login.headers.location).to.equal(`http://127.0.0.1:${ports[0]}/secure/user/page.html`);
      cookie = keep(cookie, login);
      // the id was renewed at login; node 1 made it
      expect(cookie.split('.')[0]).not.to.equal(before.split('.')[0]);
      expect(cookie).to.match(/\.node1$/);

      const onNode2 = await on(1, '/user/page.html', cookie);
      expect(onNode2.status).to.equal(200);
      expect(onNode2.body).to.contain('USER-PAGE');
      expect(JSON.parse((await on(2, '/whoami', cookie)).body)).to.include({ remoteUser: 'user', authType: 'FORM', user: true, admin: false });
      expect((await on(2, '/admin/secret.txt', cookie)).status).to.equal(403);

      const logout = await on(1, '/logout', cookie);
      expect(logout.status).to.equal(302);
      const lockedOut = await on(0, '/user/page.html', cookie);
      expect(lockedOut.status).to.equal(303);
      expect(lockedOut.body).not.to.contain('USER-PAGE');
      expect((await on(2, '/whoami', cookie)).body).to.contain('"remoteUser":null');
    });

    it('sends a wrong password on node 3 to the error page and keeps the user out on the others', async () => {
      let cookie = cookieOf(await on(2, '/user/page.html', ''));
      const bad = await postForm(2, '/j_security_check', cookie, { j_username: 'user', j_password: 'wrong' });
      expect(bad.status).to.equal(303);
      expect(bad.headers.location).to.equal(`http://127.0.0.1:${ports[2]}/secure/error.html`);
      cookie = keep(cookie, bad);
      expect((await on(0, '/user/page.html', cookie)).status).to.equal(303);
      expect((await on(1, '/user/page.html', cookie)).status).to.equal(303);
    });

    it('replays a form POST that met the login page on node 1 after a login on node 2, on node 3', async () => {
      const interrupted = await on(0, '/user/echo', '', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'item=book&item=pen',
      });
      expect(interrupted.status).to.equal(303);
      let cookie = cookieOf(interrupted);
      const login = await postForm(1, '/j_security_check', cookie, { j_username: 'user', j_password: 'password' });
      expect(login.headers.location).to.equal(`http://127.0.0.1:${ports[1]}/secure/user/echo`);
      cookie = keep(cookie, login);
      expect((await on(2, '/user/echo', cookie)).body).to.equal('doPost POST user\nitem=book,pen');
      expect((await on(0, '/user/echo', cookie)).body).to.equal('doGet GET user');
    });

    it('keeps the login through a restart of every node', async () => {
      let cookie = cookieOf(await on(1, '/user/page.html', ''));
      cookie = keep(cookie, await postForm(1, '/j_security_check', cookie, { j_username: 'admin', j_password: 'admin' }));
      expect((await on(2, '/admin/secret.txt', cookie)).status).to.equal(200);
      for (let i = 0; i < 3; i++) {
        await nodes[i]!.stop();
        nodes[i] = null;
      }
      await startNode(0);
      await Promise.all([startNode(1), startNode(2)]);
      for (let i = 0; i < 3; i++) expect((await on(i, '/admin/secret.txt', cookie)).body).to.contain('ADMIN-SECRET');
    });
  });
}
