/**
 * Tests that web.xml security Pier cannot enforce as written keeps the app from deploying (one located
 * log line, 503 for every path, the constrained content never served): an auth method Pier does not
 * implement, one that does not exist, FORM without a login page,
 * a collection with both http-method and http-method-omission, a realm that cannot be read; and that
 * what it can enforce is enforced whichever descriptor declares it (an undeclared role included, as Jetty).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Server } from '../../src/server/server';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { corpusPath, requireCorpus } from '../support/corpus';
import { HashLoginService } from '../../src/security/hash-login-service';
import type { ConstraintSecurityHandler } from '../../src/security/constraint-security-handler';
import { captureServerLog, cleanupTempDirs, fixturePath, httpGet, startServer, tempDir } from './webapp-test-support';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">\n';
const TAIL = '</web-app>\n';

function constraint(inner: string, collection = '<url-pattern>/admin/*</url-pattern>'): string {
  return (
    `  <security-constraint>\n    <web-resource-collection><web-resource-name>r</web-resource-name>${collection}</web-resource-collection>\n` +
    `    ${inner}\n  </security-constraint>\n`
  );
}

/** An app with a public page and an admin page; `webXml` is its WEB-INF/web.xml. */
function makeApp(webXml: string): string {
  const dir = tempDir('pier-constraint-');
  fs.mkdirSync(path.join(dir, 'WEB-INF'));
  fs.mkdirSync(path.join(dir, 'admin'));
  fs.writeFileSync(path.join(dir, 'WEB-INF', 'web.xml'), webXml);
  fs.writeFileSync(path.join(dir, 'admin', 'secret.txt'), 'ADMIN-SECRET');
  fs.writeFileSync(path.join(dir, 'index.html'), 'public page');
  return dir;
}

interface Deployed {
  webapp: WebAppContext;
  server: Server;
  port: number;
  log: string[];
}

async function deploy(war: string, configure?: (w: WebAppContext) => void): Promise<Deployed> {
  const webapp = new WebAppContext(war, '/app');
  configure?.(webapp);
  return captureServerLog(async (log) => ({ webapp, log, ...(await startServer(webapp)) }));
}

describe('web.xml security that cannot be enforced as written keeps the app from deploying', () => {
  const running: Server[] = [];
  afterEach(async () => {
    for (const s of running.splice(0)) await captureServerLog(() => s.stop());
  });
  after(() => cleanupTempDirs());

  async function expectRefused(d: Deployed, file: string, message: string): Promise<void> {
    running.push(d.server);
    expect(d.webapp.isAvailable()).to.equal(false);
    const failures = d.log.filter((l) => l.includes('Failed startup of context'));
    expect(failures, d.log.join('\n')).to.have.length(1);
    expect(failures[0]).to.match(new RegExp(`${escape(file)}(:\\d+:\\d+)?: `));
    expect(failures[0]).to.contain(message);
    expect(failures[0]).not.to.contain('\n');
    for (const p of ['/app/admin/secret.txt', '/app/index.html', '/app/']) {
      const res = await httpGet(d.port, p);
      expect(res.status, p).to.equal(503);
      expect(res.body, p).not.to.contain('ADMIN-SECRET');
    }
  }

  const ROLE = '<auth-constraint><role-name>admin</role-name></auth-constraint>';
  const ADMIN_ROLE = '  <security-role><role-name>admin</role-name></security-role>\n';
  function login(method: string, inner = ''): string {
    return `  <login-config><auth-method>${method}</auth-method><realm-name>Test Realm</realm-name>${inner}</login-config>\n`;
  }
  const withRealm = (w: WebAppContext): void => {
    (w.getSecurityHandler() as ConstraintSecurityHandler).setLoginService(
      new HashLoginService('Test Realm', fixturePath('security', 'realm.properties')),
    );
  };

  it('refuses an auth method Pier does not implement (SPNEGO), naming web.xml:line:column', async () => {
    const war = makeApp(HEAD + constraint(ROLE) + ADMIN_ROLE + login('SPNEGO') + TAIL);
    await expectRefused(
      await deploy(war, withRealm),
      path.join(war, 'WEB-INF', 'web.xml'),
      "Cannot use <auth-method> 'SPNEGO': Pier implements BASIC, FORM, DIGEST and CLIENT-CERT only",
    );
  });

  it('refuses an auth method that does not exist', async () => {
    const war = makeApp(HEAD + constraint(ROLE) + ADMIN_ROLE + login('PASSWORD') + TAIL);
    await expectRefused(
      await deploy(war, withRealm),
      path.join(war, 'WEB-INF', 'web.xml'),
      "Cannot use <auth-method> 'PASSWORD': it is not an auth method (use BASIC, FORM, DIGEST or CLIENT-CERT)",
    );
  });

  it('refuses FORM without a <form-login-config>', async () => {
    const war = makeApp(HEAD + constraint(ROLE) + ADMIN_ROLE + login('FORM') + TAIL);
    await expectRefused(
      await deploy(war, withRealm),
      path.join(war, 'WEB-INF', 'web.xml'),
      'Cannot use <auth-method> FORM without <form-login-config><form-login-page>',
    );
  });

  it('declares, with one located WARN line, a role that no <security-role> declares (as Jetty), and still requires it', async () => {
    const war = makeApp(
      HEAD + constraint('<auth-constraint><role-name>server-administrator</role-name></auth-constraint>') + ADMIN_ROLE + login('BASIC') + TAIL,
    );
    const d = await deploy(war, withRealm);
    running.push(d.server);
    expect(d.webapp.isAvailable(), d.log.join('\n')).to.equal(true);
    const warnings = d.log.filter((l) => l.includes('is not declared by a <security-role>'));
    expect(warnings, d.log.join('\n')).to.have.length(1);
    expect(warnings[0]).to.match(new RegExp(`^${escape(path.join(war, 'WEB-INF', 'web.xml'))}:\\d+:\\d+: Role 'server-administrator'`));
    const basic = (user: string, pw: string): Record<string, string> => ({
      Authorization: 'Basic ' + Buffer.from(`${user}:${pw}`).toString('base64'),
    });
    expect((await httpGet(d.port, '/app/admin/secret.txt')).status).to.equal(401);
    const without = await httpGet(d.port, '/app/admin/secret.txt', basic('user', 'password'));
    expect(without.status).to.equal(403);
    expect(without.body).not.to.contain('ADMIN-SECRET');
    const holder = await httpGet(d.port, '/app/admin/secret.txt', basic('admin', 'admin'));
    expect(holder.status).to.equal(200);
    expect(holder.body).to.equal('ADMIN-SECRET');
  });

  it('refuses a collection with both <http-method> and <http-method-omission>', async () => {
    const war = makeApp(
      HEAD +
        constraint(ROLE, '<url-pattern>/admin/*</url-pattern><http-method>GET</http-method><http-method-omission>POST</http-method-omission>') +
        ADMIN_ROLE +
        login('BASIC') +
        TAIL,
    );
    await expectRefused(await deploy(war, withRealm), path.join(war, 'WEB-INF', 'web.xml'), 'it has both <http-method> and <http-method-omission>');
  });

  it('refuses a realm file that cannot be read, naming the file', async () => {
    const war = makeApp(HEAD + constraint(ROLE) + ADMIN_ROLE + login('BASIC') + TAIL);
    const missing = path.join(tempDir('pier-realm-'), 'realm.properties');
    await expectRefused(
      await deploy(war, (w) => {
        (w.getSecurityHandler() as ConstraintSecurityHandler).setLoginService(new HashLoginService('Test Realm', missing));
      }),
      missing,
      'Cannot read realm file (it does not exist)',
    );
  });

  it('refuses a <login-config> whose realm has no LoginService', async () => {
    const war = makeApp(HEAD + constraint(ROLE) + ADMIN_ROLE + login('BASIC') + TAIL);
    const d = await deploy(war);
    running.push(d.server);
    expect(d.webapp.isAvailable()).to.equal(false);
    expect(d.log.join('\n')).to.contain("No LoginService for BASIC authentication in realm 'Test Realm'");
    expect((await httpGet(d.port, '/app/admin/secret.txt')).status).to.equal(503);
  });

  it('answers 403 for a role constraint when the app has no login-config and the server no LoginService (as Jetty: no authenticator)', async () => {
    const war = makeApp(HEAD + constraint(ROLE) + ADMIN_ROLE + TAIL);
    const d = await deploy(war);
    running.push(d.server);
    expect(d.webapp.isAvailable(), d.log.join('\n')).to.equal(true);
    const res = await captureServerLog(async () => httpGet(d.port, '/app/admin/secret.txt'));
    expect(res.status).to.equal(403);
    expect(res.body).not.to.contain('ADMIN-SECRET');
    expect((await httpGet(d.port, '/app/index.html')).body).to.equal('public page');
  });

  it('enforces a constraint from the defaults descriptor and from an override descriptor', async () => {
    const war = makeApp(HEAD + TAIL);
    const defaults = path.join(tempDir('pier-constraint-defaults-'), 'webdefault.xml');
    const webdefault = fs.readFileSync(fixturePath('deploy', 'webdefault-no-static.xml'), 'utf8');
    fs.writeFileSync(defaults, webdefault.replace('</web-app>', `${constraint('<auth-constraint/>', '<url-pattern>/*</url-pattern>')}</web-app>`));
    const d1 = await deploy(war, (w) => w.setDefaultsDescriptor(defaults));
    running.push(d1.server);
    expect(d1.webapp.isAvailable(), d1.log.join('\n')).to.equal(true);
    expect((await httpGet(d1.port, '/app/index.html')).status).to.equal(403);
    const override = path.join(tempDir('pier-constraint-override-'), 'override-web.xml');
    fs.writeFileSync(override, HEAD + constraint(ROLE) + ADMIN_ROLE + login('BASIC') + TAIL);
    const d2 = await deploy(war, (w) => {
      w.addOverrideDescriptor(override);
      withRealm(w);
    });
    running.push(d2.server);
    const res = await httpGet(d2.port, '/app/admin/secret.txt');
    expect(res.status).to.equal(401);
    expect(res.body).not.to.contain('ADMIN-SECRET');
  });

  it("enforces the deny-all TRACE constraint of Jetty 9.4's own webdefault.xml: TRACE gets 403", async function () {
    requireCorpus(this);
    const jetty = fs.readFileSync(corpusPath('jetty-9.4.x', 'jetty-webapp', 'src', 'main', 'config', 'etc', 'webdefault.xml'), 'utf8');
    const traceConstraint = /<security-constraint>[\s\S]*?<\/security-constraint>/.exec(jetty)![0];
    expect(traceConstraint).to.contain('TRACE');
    const defaults = path.join(tempDir('pier-constraint-defaults-'), 'webdefault.xml');
    const webdefault = fs.readFileSync(fixturePath('deploy', 'webdefault-no-static.xml'), 'utf8');
    fs.writeFileSync(defaults, webdefault.replace('</web-app>', `${traceConstraint}</web-app>`));
    const d = await deploy(makeApp(HEAD + TAIL), (w) => w.setDefaultsDescriptor(defaults));
    running.push(d.server);
    expect(d.webapp.isAvailable(), d.log.join('\n')).to.equal(true);
    expect((await httpGet(d.port, '/app/index.html', {}, 'TRACE')).status).to.equal(403);
  });

  it('deploys an app whose constraints restrict nothing (no auth-constraint, transport guarantee NONE)', async () => {
    const war = makeApp(
      HEAD +
        constraint('', '<url-pattern>/</url-pattern><http-method-omission>TRACE</http-method-omission>') +
        constraint('<user-data-constraint><transport-guarantee>NONE</transport-guarantee></user-data-constraint>') +
        TAIL,
    );
    const d = await deploy(war);
    running.push(d.server);
    expect(d.webapp.isAvailable(), d.log.join('\n')).to.equal(true);
    expect((await httpGet(d.port, '/app/index.html')).body).to.equal('public page');
  });

  it('answers 403 !Secure for a CONFIDENTIAL resource on plain HTTP when no secure port is configured', async () => {
    const war = makeApp(
      HEAD + constraint('<user-data-constraint><transport-guarantee>CONFIDENTIAL</transport-guarantee></user-data-constraint>') + TAIL,
    );
    const d = await deploy(war);
    running.push(d.server);
    const res = await httpGet(d.port, '/app/admin/secret.txt');
    expect(res.status).to.equal(403);
    expect(res.body).not.to.contain('ADMIN-SECRET');
    expect(res.body).to.contain('!Secure');
  });

  it('answers 403 for methods no constraint covers under <deny-uncovered-http-methods/>', async () => {
    const war = makeApp(
      HEAD + '  <deny-uncovered-http-methods/>\n' + constraint('', '<url-pattern>/*</url-pattern><http-method>GET</http-method>') + TAIL,
    );
    const d = await deploy(war);
    running.push(d.server);
    expect((await httpGet(d.port, '/app/index.html')).body).to.equal('public page');
    expect((await httpGet(d.port, '/app/index.html', {}, 'POST')).status).to.equal(403);
    expect((await httpGet(d.port, '/app/index.html', {}, 'DELETE')).status).to.equal(403);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
