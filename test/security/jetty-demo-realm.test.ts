/**
 * Jetty's own demo realm, unchanged: `bin/start` runs a base whose `etc/test-realm.xml` (the server-wide
 * HashLoginService "Test Realm", with the rootLogger warning) and `etc/realm.properties` (MD5:, CRYPT:,
 * OBF: and clear passwords) are read in place from the Jetty corpus, and whose web app uses the FORM
 * `<login-config>` of Jetty's test web app exactly as Jetty wrote it (a login page with a query string).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusPath, requireCorpus } from '../support/corpus';
import { freePort, PierProcess, request, writeIn, type HttpResult } from '../support/pier-process';

const DEMO = ['jetty-9.4.x', 'tests', 'test-webapps', 'test-jetty-webapp', 'src', 'main'];

/** The `<login-config>` of Jetty's test web app that is not inside a comment, as written there. */
function jettyFormLoginConfig(): string {
  const webXml = fs.readFileSync(corpusPath(...DEMO, 'webapp', 'WEB-INF', 'web.xml'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const found = /<login-config>[\s\S]*?<\/login-config>/.exec(webXml);
  if (!found) throw new Error("Cannot find the <login-config> of Jetty's test web app");
  return found[0];
}

function cookieOf(r: HttpResult, had: string): string {
  const line = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((c) => c.startsWith('JSESSIONID='));
  return line ? line.split(';')[0] : had;
}

describe("Jetty's demo realm (etc/test-realm.xml, etc/realm.properties) and its test web app's FORM login-config", function () {
  this.timeout(60_000);
  let base = '';
  let port = 0;
  let node: PierProcess | null = null;
  let loginConfig = '';

  before(async function () {
    requireCorpus(this);
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-demo-realm-'));
    const demoEtc = corpusPath(...DEMO, 'config', 'demo-base', 'etc');
    writeIn(base, 'etc/test-realm.xml', fs.readFileSync(path.join(demoEtc, 'test-realm.xml'), 'utf8'));
    writeIn(base, 'etc/realm.properties', fs.readFileSync(path.join(demoEtc, 'realm.properties'), 'utf8'));
    writeIn(base, 'start.ini', '--module=http,deploy\netc/test-realm.xml\n');
    loginConfig = jettyFormLoginConfig();
    writeIn(
      base,
      'webapps/test/WEB-INF/web.xml',
      `<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <security-constraint>
    <web-resource-collection>
      <web-resource-name>Any User</web-resource-name>
      <url-pattern>/auth/*</url-pattern>
    </web-resource-collection>
    <auth-constraint><role-name>*</role-name></auth-constraint>
  </security-constraint>
  <security-constraint>
    <web-resource-collection>
      <web-resource-name>Admin Role</web-resource-name>
      <url-pattern>/admin/*</url-pattern>
    </web-resource-collection>
    <auth-constraint><role-name>admin</role-name></auth-constraint>
  </security-constraint>
  ${loginConfig}
  <security-role><role-name>admin</role-name></security-role>
  <security-role><role-name>user</role-name></security-role>
</web-app>
`,
    );
    writeIn(base, 'webapps/test/logon.html', '<form method="POST" action="j_security_check">LOGON</form>');
    writeIn(base, 'webapps/test/logonError.html', 'LOGON-ERROR');
    writeIn(base, 'webapps/test/auth/page.html', 'AUTH-PAGE');
    writeIn(base, 'webapps/test/admin/page.html', 'ADMIN-PAGE');
    port = await freePort();
    node = await PierProcess.start(base, [`jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], 30_000);
  });
  after(async () => {
    await node?.stop().catch(() => node?.kill());
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  const login = (cookie: string, user: string, password: string): Promise<HttpResult> =>
    request(port, '/test/j_security_check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Cookie': cookie },
      body: new URLSearchParams({ j_username: user, j_password: password }).toString(),
    });

  it("takes Jetty's login-config as written: FORM with a login page and an error page that carry a query string", () => {
    expect(loginConfig).to.contain('<form-login-page>/logon.html?param=test</form-login-page>');
    expect(loginConfig).to.contain('<form-error-page>/logonError.html?param=test</form-error-page>');
  });

  it("logs in every user of Jetty's demo realm (MD5:, CRYPT:, OBF: and clear passwords) through the server-wide Test Realm", async () => {
    for (const [user, password] of [
      ['jetty', 'jetty'],
      ['admin', 'admin'],
      ['other', 'other'],
      ['plain', 'plain'],
      ['user', 'password'],
    ]) {
      const challenge = await request(port, '/test/auth/page.html');
      expect(challenge.status, user).to.equal(303);
      expect(challenge.headers.location, user).to.match(
        new RegExp(
          `^http://127\\.0\\.0\\.1:${port}/test/logon\\.html\\?param=test(;jsessionid=[^?]*)?$|/test/logon\\.html;jsessionid=[^?]+\\?param=test$`,
        ),
      );
      let cookie = cookieOf(challenge, '');
      expect((await request(port, '/test/logon.html?param=test', { headers: { Cookie: cookie } })).body).to.contain('LOGON');
      const ok = await login(cookie, user, password);
      expect(ok.status, user).to.equal(303);
      expect(ok.headers.location, user).to.equal(`http://127.0.0.1:${port}/test/auth/page.html`);
      cookie = cookieOf(ok, cookie);
      const page = await request(port, '/test/auth/page.html', { headers: { Cookie: cookie } });
      expect(page.body, user).to.equal('AUTH-PAGE');
      const admin = await request(port, '/test/admin/page.html', { headers: { Cookie: cookie } });
      expect(admin.status, user).to.equal(user === 'admin' ? 200 : 403);
    }
  });

  it('sends a wrong password to the error page with its query string', async () => {
    const cookie = cookieOf(await request(port, '/test/auth/page.html'), '');
    const bad = await login(cookie, 'admin', 'wrong');
    expect(bad.status).to.equal(303);
    expect(bad.headers.location).to.match(/\/test\/logonError\.html(;jsessionid=[^?]+)?\?param=test$/);
    expect((await request(port, '/test/logonError.html?param=test', { headers: { Cookie: cookie } })).body).to.equal('LOGON-ERROR');
  });

  it("logs the warning Jetty's test-realm.xml makes through the rootLogger", () => {
    expect(`${node!.stdout}${node!.stderr}`).to.contain('demo test-realm is deployed. DO NOT USE IN PRODUCTION!');
  });
});
