/**
 * "A web app's security section from Jetty's own documentation works unchanged", in two parts.
 *
 * The security section of Jetty's test web app (the web.xml Jetty 9.4's "Authentication and
 * Authorization" chapter quotes its examples from), read in place from the Jetty corpus: all seven
 * `<security-constraint>`s (roles, `*`, a constraint without `<auth-constraint>` inside a forbidden
 * one, an empty `<auth-constraint/>`, CONFIDENTIAL), the BASIC `<login-config>` the chapter shows (in
 * that web.xml it sits in a comment, beside the FORM one that jetty-demo-realm.test.ts runs) and the
 * `<security-role>`s, on `bin/start` with Jetty's demo etc/test-realm.xml and etc/realm.properties.
 * The expected answers are the ones real Jetty 9.4.57 gave for the same base and requests.
 *
 * The chapter's own listings (jetty-documentation/src/main/asciidoc/configuring/security/authentication.adoc
 * of jetty-9.4.x), which the corpus does not hold, quoted below as the chapter prints them: the
 * realm.properties example, the server-wide HashLoginService XML, the per-webapp context XML (both read
 * the realm through `<SystemProperty name="jetty.home">`, so jetty.home is a scratch folder here), the
 * authorization constraints, and the context XML that adds a ConstraintMapping (its realm path, an
 * absolute folder of the author's machine, is the one line changed).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { SystemProperties } from '../../src/ioc/system-properties';
import { HashLoginService } from '../../src/security/hash-login-service';
import { Server } from '../../src/server/server';
import { ServerConnector } from '../../src/server/server-connector';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { corpusPath, requireCorpus } from '../support/corpus';
import { freePort, PierProcess, request, writeIn, type HttpResult } from '../support/pier-process';
import { captureServerLog } from '../webapp/webapp-test-support';

const DEMO = ['jetty-9.4.x', 'tests', 'test-webapps', 'test-jetty-webapp', 'src', 'main'];

const basic = (user: string, password: string): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

/** The security section of Jetty's test web.xml, as written: constraints, the BASIC login-config, the roles. */
function jettySecuritySection(): string {
  const webXml = fs.readFileSync(corpusPath(...DEMO, 'webapp', 'WEB-INF', 'web.xml'), 'utf8');
  const constraints = webXml.match(/ {2}<security-constraint>[\s\S]*?<\/security-constraint>\n/g) ?? [];
  const basicLogin = (webXml.match(/<!--([\s\S]*?)-->/g) ?? []).map((c) => c.slice(4, -3)).find((c) => c.includes('<auth-method>BASIC'));
  const roles = webXml.replace(/<!--[\s\S]*?-->/g, '').match(/ {2}<security-role>[\s\S]*?<\/security-role>\n/g) ?? [];
  if (constraints.length !== 7 || basicLogin === undefined || roles.length !== 2)
    throw new Error("Cannot find the security section of Jetty's test web.xml");
  return constraints.join('') + basicLogin + roles.join('');
}

describe("the security section of Jetty's test web app, read in place, with the BASIC login-config Jetty's documentation shows", function () {
  this.timeout(60_000);
  let base = '';
  let port = 0;
  let node: PierProcess | null = null;

  before(async function () {
    requireCorpus(this);
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-jetty-doc-security-'));
    const demoEtc = corpusPath(...DEMO, 'config', 'demo-base', 'etc');
    writeIn(base, 'etc/test-realm.xml', fs.readFileSync(path.join(demoEtc, 'test-realm.xml'), 'utf8'));
    writeIn(base, 'etc/realm.properties', fs.readFileSync(path.join(demoEtc, 'realm.properties'), 'utf8'));
    writeIn(base, 'start.ini', '--module=http,deploy\netc/test-realm.xml\n');
    writeIn(
      base,
      'webapps/test/WEB-INF/web.xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">\n${jettySecuritySection()}</web-app>\n`,
    );
    for (const file of PATHS) writeIn(base, `webapps/test/${file}`, file);
    port = await freePort();
    node = await PierProcess.start(base, [`jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], 30_000);
  });
  after(async () => {
    await node?.stop().catch(() => node?.kill());
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  const PATHS = [
    'open.txt',
    'rego2/r.txt',
    'auth2/a.txt',
    'dump/auth/d.txt',
    'page.htm',
    'dump/auth/relax/r.txt',
    'auth/relax.txt',
    'dump/auth/admin/a.txt',
    'auth/secret.txt',
    'dump/auth/noaccess/n.txt',
  ];
  // What real Jetty 9.4.57 answered, for: no login, admin:admin, other:other, jetty:jetty, admin with a wrong password
  const JETTY: Record<string, number[]> = {
    'open.txt': [200, 200, 200, 200, 200],
    'rego2/r.txt': [401, 200, 403, 403, 401],
    'auth2/a.txt': [401, 200, 200, 200, 401],
    'dump/auth/d.txt': [401, 200, 200, 200, 401],
    'page.htm': [401, 200, 200, 200, 401],
    'dump/auth/relax/r.txt': [200, 200, 200, 200, 200],
    'auth/relax.txt': [200, 200, 200, 200, 200],
    'dump/auth/admin/a.txt': [401, 200, 403, 403, 401],
    'auth/secret.txt': [403, 403, 403, 403, 403],
    'dump/auth/noaccess/n.txt': [403, 403, 403, 403, 403],
  };
  const LOGINS: (Record<string, string> | undefined)[] = [
    undefined,
    basic('admin', 'admin'),
    basic('other', 'other'),
    basic('jetty', 'jetty'),
    basic('admin', 'wrong'),
  ];

  for (const file of PATHS) {
    it(`answers /test/${file} as Jetty does for each login: ${JETTY[file].join(' ')}`, async () => {
      const got: number[] = [];
      for (const headers of LOGINS) got.push((await request(port, `/test/${file}`, { headers })).status);
      expect(got).to.deep.equal(JETTY[file]);
    });
  }

  it('redirects a CONFIDENTIAL path on plain HTTP to the secure port with 303, as Jetty', async () => {
    const r: HttpResult = await request(port, '/test/dump/auth/ssl/s.txt?a=b', { headers: basic('admin', 'admin') });
    expect(r.status).to.equal(303);
    expect(r.headers.location).to.equal('https://127.0.0.1:8443/test/dump/auth/ssl/s.txt?a=b');
  });

  it("challenges with the documentation's realm name", async () => {
    expect((await request(port, '/test/rego2/r.txt')).headers['www-authenticate']).to.equal('basic realm="Test Realm"');
  });
});

// ---- the chapter's own listings, as authentication.adoc prints them ------------------------------------------

/** "For example:" under HashLoginService. */
const DOC_REALM_PROPERTIES = `
admin: CRYPT:ad1ks..kc.1Ug,server-administrator,content-administrator,admin
other: OBF:1xmk1w261u9r1w1c1xmq
guest: guest,read-only
`;

/** "Globally Scoped": a HashLoginService added to the Server. */
const DOC_SERVER_REALM_XML = `
<Configure id="Server" class="org.eclipse.jetty.server.Server">
  <Call name="addBean">
    <Arg>
      <New class="org.eclipse.jetty.security.HashLoginService">
        <Set name="name">Test Realm</Set>
        <Set name="config"><SystemProperty name="jetty.home" default="."/>/etc/realm.properties</Set>
        <Set name="hotReload">true</Set>
      </New>
    </Arg>
  </Call>
</Configure>
`;

/** "Per-Webapp Scoped": the same service in a context XML. */
const DOC_WEBAPP_REALM_XML = `
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">/test</Set>
  <Set name="war"><SystemProperty name="jetty.home" default="."/>/webapps/test</Set>
  <Get name="securityHandler">
    <Set name="loginService">
      <New class="org.eclipse.jetty.security.HashLoginService">
            <Set name="name">Test Realm</Set>
            <Set name="config"><SystemProperty name="jetty.home" default="."/>/etc/realm.properties</Set>
      </New>
    </Set>
  </Get>
</Configure>
`;

/** "Configuring an Authentication mechanism": the BASIC login-config. */
const DOC_LOGIN_CONFIG = `
  <login-config>
    <auth-method>BASIC</auth-method>
    <realm-name>Test Realm</realm-name>
  </login-config>
`;

/** "Authorization": the five constraint listings. */
const DOC_CONSTRAINTS = `
<security-constraint>
  <web-resource-collection>
    <web-resource-name>Foo Admin Data</web-resource-name>
    <url-pattern>/foo/admin/*</url-pattern>
  </web-resource-collection>
  <auth-constraint>
    <role-name>admin</role-name>
    <role-name>manager</role-name>
  </auth-constraint>
</security-constraint>
<security-constraint>
  <web-resource-collection>
    <web-resource-name>Foo Protected Data</web-resource-name>
    <url-pattern>/foo/protected/*</url-pattern>
  </web-resource-collection>
  <auth-constraint>
  </auth-constraint>
</security-constraint>
<security-constraint>
  <web-resource-collection>
    <web-resource-name>Foo Role Data</web-resource-name>
    <url-pattern>/foo/role/*</url-pattern>
  </web-resource-collection>
  <auth-constraint>
    <role-name>*</role-name>
  </auth-constraint>
</security-constraint>
<security-constraint>
  <web-resource-collection>
    <web-resource-name>Foo Authenticated Data</web-resource-name>
    <url-pattern>/foo/authenticated/*</url-pattern>
  </web-resource-collection>
  <auth-constraint>
    <role-name>**</role-name>
  </auth-constraint>
</security-constraint>
<security-constraint>
  <web-resource-collection>
    <web-resource-name>Foo Authenticated Data</web-resource-name>
    <url-pattern>/foo/authenticated/*</url-pattern>
    <http-method>DELETE</http-method>
    <http-method>POST</http-method>
  </web-resource-collection>
  <auth-constraint>
    <role-name>admin</role-name>
  </auth-constraint>
</security-constraint>
`;

/** "Configuring Authorization with Context XML Files" (the realm's `config` line aside). */
const docContextConstraintXml = (realm: string): string => `
<Configure id="testWebapp" class="org.eclipse.jetty.webapp.WebAppContext">
  <Get name="securityHandler">
    <Set name="realmName">Test Realm</Set>
    <Set name="authMethod">BASIC</Set>
    <Call name="addConstraintMapping">
      <Arg>
         <New class="org.eclipse.jetty.security.ConstraintMapping">
            <Set name="pathSpec">/foo/*</Set>
            <Set name="constraint">
              <New class="org.eclipse.jetty.util.security.Constraint">
                  <Set name="name">Foo Auth</Set>
                  <Set name="authenticate">true</Set>
                  <Set name="roles">
                    <Array type="java.lang.String">
                      <Item>admin</Item>
                      <Item>manager</Item>
                    </Array>
                  </Set>
              </New>
            </Set>
         </New>
      </Arg>
    </Call>
    <Set name="loginService">
      <New class="org.eclipse.jetty.security.HashLoginService">
        <Set name="name">Test Realm</Set>
        <Set name="config">${realm}</Set>
      </New>
    </Set>
  </Get>
</Configure>
`;

/** Users the listings' roles need, after the documentation's own lines (whose admin password it does not give). */
const EXTRA_USERS = 'boss: boss,admin\nmanny: manny,manager\nreader: reader,user\n';

describe("the listings of Jetty 9.4's Authentication and Authorization chapter, applied as printed", function () {
  this.timeout(30_000);
  let home = '';
  let savedHome: string | undefined;
  const running: Server[] = [];

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-jetty-doc-home-'));
    writeIn(home, 'etc/realm.properties', DOC_REALM_PROPERTIES + EXTRA_USERS);
    writeIn(
      home,
      'webapps/test/WEB-INF/web.xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">\n${DOC_CONSTRAINTS}${DOC_LOGIN_CONFIG}</web-app>\n`,
    );
    for (const p of ['foo/admin/a.txt', 'foo/protected/p.txt', 'foo/role/r.txt', 'foo/authenticated/x.txt', 'foo/other.txt', 'open.txt']) {
      writeIn(home, `webapps/test/${p}`, p);
    }
    savedHome = SystemProperties.get('jetty.home');
    SystemProperties.set('jetty.home', home);
  });
  afterEach(async () => {
    try {
      for (const s of running.splice(0)) await captureServerLog(() => s.stop());
    } finally {
      if (savedHome === undefined) SystemProperties.clear('jetty.home');
      else SystemProperties.set('jetty.home', savedHome);
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  async function serve(context: WebAppContext, configureServer?: (server: Server) => void): Promise<number> {
    const server = new Server();
    const connector = new ServerConnector(server);
    connector.setHost('127.0.0.1');
    connector.setPort(0);
    server.addConnector(connector);
    configureServer?.(server);
    server.setHandler(context);
    await captureServerLog(() => server.start());
    running.push(server);
    expect(context.isAvailable(), 'the web app started').to.equal(true);
    return connector.getLocalPort();
  }
  const status = async (port: number, p: string, headers?: Record<string, string>, method = 'GET'): Promise<number> =>
    (await request(port, p, { headers, method })).status;

  it('reads the example realm.properties: OBF: and clear passwords log in, a wrong password for the CRYPT: user does not', async () => {
    const service = new HashLoginService('Test Realm', path.join(home, 'etc', 'realm.properties'));
    await service.start();
    try {
      expect(service.login('other', 'other')?.getUserPrincipal().getName()).to.equal('other');
      expect(service.login('guest', 'guest')?.isUserInRole('read-only')).to.equal(true);
      expect(service.login('admin', 'admin')).to.equal(null);
    } finally {
      await service.stop();
    }
  });

  it("protects the app with the per-webapp context XML and the chapter's constraints and BASIC login-config", async () => {
    const context = XmlConfiguration.fromString(DOC_WEBAPP_REALM_XML, 'test.xml').configure() as WebAppContext;
    const port = await serve(context);
    // what real Jetty 9.4.57 answered for the same web.xml, realm and context XML
    const JETTY: [string, string, string | null, number][] = [
      ['GET', 'open.txt', null, 200],
      ['GET', 'foo/admin/a.txt', null, 401],
      ['GET', 'foo/admin/a.txt', 'boss', 200],
      ['GET', 'foo/admin/a.txt', 'manny', 200],
      ['GET', 'foo/admin/a.txt', 'guest', 403],
      ['GET', 'foo/protected/p.txt', 'boss', 403], // an empty auth-constraint: nobody
      ['GET', 'foo/role/r.txt', 'manny', 200], // `*`: the roles web.xml names (admin and manager, declared lazily)
      ['GET', 'foo/role/r.txt', 'reader', 403],
      ['GET', 'foo/authenticated/x.txt', 'other', 200], // `**`: any logged-in user, even without a role
      ['GET', 'foo/authenticated/x.txt', null, 401],
      // The chapter says only admin may DELETE or POST there; but the method constraint is combined with
      // the `**` one for the same pattern, so Jetty lets any logged-in user through (and the file answers 405)
      ['DELETE', 'foo/authenticated/x.txt', 'other', 405],
      ['POST', 'foo/authenticated/x.txt', 'other', 200],
      ['DELETE', 'foo/authenticated/x.txt', null, 401],
    ];
    for (const [method, file, user, expected] of JETTY) {
      const headers = user === null ? undefined : basic(user, user);
      expect(await status(port, `/test/${file}`, headers, method), `${method} ${file} as ${user}`).to.equal(expected);
    }
  });

  it('finds the server-wide HashLoginService of the globally scoped XML by its realm name', async () => {
    const context = new WebAppContext(path.join(home, 'webapps', 'test'), '/test');
    const port = await serve(context, (server) => XmlConfiguration.fromString(DOC_SERVER_REALM_XML, 'my-realm.xml').configure(server));
    expect(await status(port, '/test/foo/admin/a.txt', basic('boss', 'boss'))).to.equal(200);
    expect(await status(port, '/test/foo/admin/a.txt', basic('boss', 'wrong'))).to.equal(401);
  });

  it('adds the ConstraintMapping of the context XML to the web app it configures', async () => {
    fs.rmSync(path.join(home, 'webapps', 'test', 'WEB-INF', 'web.xml'));
    const realm = path.join(home, 'etc', 'realm.properties');
    const context = new WebAppContext(path.join(home, 'webapps', 'test'), '/test');
    XmlConfiguration.fromString(docContextConstraintXml(realm), 'test.xml').configure(context);
    const port = await serve(context);
    expect(await status(port, '/test/open.txt')).to.equal(200);
    expect(await status(port, '/test/foo/other.txt')).to.equal(401);
    expect(await status(port, '/test/foo/other.txt', basic('manny', 'manny'))).to.equal(200);
    expect(await status(port, '/test/foo/other.txt', basic('reader', 'reader'))).to.equal(403);
  });
});
