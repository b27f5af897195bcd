/**
 * A servlet class's `static servletSecurity` (the JavaScript form of @ServletSecurity) as Jetty applies
 * the annotation: constraints on the url-patterns the servlet is mapped to, per method where
 * httpMethodConstraints say so, web.xml's constraints winning for the same pattern, and a declaration
 * that is not one stopping the app. Real HTTP with BASIC logins against the fixture realm.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HashLoginService } from '../../src/security/hash-login-service';
import type { ConstraintSecurityHandler } from '../../src/security/constraint-security-handler';
import type { Server } from '../../src/server/server';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { readServletSecurity } from '../../src/webapp/servlet-security-configuration';
import { captureServerLog, cleanupTempDirs, fixturePath, httpGet, startServer, tempDir } from './webapp-test-support';

const basic = (user: string, password: string): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

/** An app with one servlet class declaring `servletSecurity`, mapped to /reports/* (and `extra` in web.xml). */
function makeApp(declaration: string, extra = ''): string {
  const dir = tempDir('pier-servlet-security-');
  fs.mkdirSync(path.join(dir, 'WEB-INF', 'classes', 'demo'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'WEB-INF', 'web.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <servlet><servlet-name>reports</servlet-name><servlet-class>demo.ReportServlet</servlet-class></servlet>
  <servlet-mapping><servlet-name>reports</servlet-name><url-pattern>/reports/*</url-pattern></servlet-mapping>
  <login-config><auth-method>BASIC</auth-method><realm-name>Test Realm</realm-name></login-config>
${extra}</web-app>
`,
  );
  fs.writeFileSync(
    path.join(dir, 'WEB-INF', 'classes', 'demo', 'ReportServlet.js'),
    `'use strict';
class ReportServlet {
  service(req, res) {
    res.setContentType('text/plain');
    res.getWriter().print('REPORT ' + req.getMethod() + ' ' + req.getRemoteUser());
  }
}
ReportServlet.servletSecurity = ${declaration};
module.exports = ReportServlet;
`,
  );
  return dir;
}

interface Deployed {
  webapp: WebAppContext;
  server: Server;
  port: number;
  log: string[];
}

describe('a servlet class declaring servletSecurity (@ServletSecurity)', () => {
  const running: Server[] = [];
  afterEach(async () => {
    for (const s of running.splice(0)) await captureServerLog(() => s.stop());
  });
  after(() => cleanupTempDirs());

  async function deploy(war: string): Promise<Deployed> {
    const webapp = new WebAppContext(war, '/app');
    (webapp.getSecurityHandler() as ConstraintSecurityHandler).setLoginService(
      new HashLoginService('Test Realm', fixturePath('security', 'realm.properties')),
    );
    const d = await captureServerLog(async (log) => ({ webapp, log, ...(await startServer(webapp)) }));
    running.push(d.server);
    return d;
  }

  it('constrains every method of its url-patterns with the HttpConstraint: login needed, role checked', async () => {
    const d = await deploy(makeApp(`{ value: { rolesAllowed: ['admin'] } }`));
    expect((await httpGet(d.port, '/app/reports/q1')).status).to.equal(401);
    expect((await httpGet(d.port, '/app/reports/q1', basic('user', 'password'))).status, 'a user without the role').to.equal(403);
    const admin = await httpGet(d.port, '/app/reports/q1', basic('admin', 'admin'));
    expect(admin.status).to.equal(200);
    expect(admin.body).to.equal('REPORT GET admin');
    expect((await httpGet(d.port, '/app/reports/q1', basic('admin', 'admin'), 'POST')).status).to.equal(200);
  });

  it('gives a method its own constraint, and the HttpConstraint to every other method', async () => {
    const d = await deploy(
      makeApp(`{
        value: { rolesAllowed: ['user'] },
        httpMethodConstraints: [
          { value: 'GET' },
          { value: 'DELETE', emptyRoleSemantic: 'DENY' },
          { value: 'PUT', rolesAllowed: ['admin'] },
        ],
      }`),
    );
    expect((await httpGet(d.port, '/app/reports/q1')).status, 'GET is permitted to all').to.equal(200);
    expect((await httpGet(d.port, '/app/reports/q1', {}, 'POST')).status, 'POST falls under the HttpConstraint').to.equal(401);
    expect((await httpGet(d.port, '/app/reports/q1', basic('user', 'password'), 'POST')).status).to.equal(200);
    expect((await httpGet(d.port, '/app/reports/q1', basic('user', 'password'), 'PUT')).status, 'PUT needs admin').to.equal(403);
    expect((await httpGet(d.port, '/app/reports/q1', basic('admin', 'admin'), 'PUT')).status).to.equal(200);
    expect((await httpGet(d.port, '/app/reports/q1', basic('admin', 'admin'), 'DELETE')).status, 'DELETE is denied to everyone').to.equal(403);
    // the HttpConstraint omits the listed methods and they have constraints of their own: nothing is uncovered, as Jetty says
    expect(
      d.log.filter((l) => l.includes('uncovered')),
      d.log.join('\n'),
    ).to.deep.equal([]);
  });

  it('says a url-pattern with method constraints but no HttpConstraint leaves the other methods uncovered, as Jetty does', async () => {
    const d = await deploy(makeApp(`{ httpMethodConstraints: [{ value: 'POST', rolesAllowed: ['admin'] }] }`));
    expect(d.log.filter((l) => l.includes('uncovered'))).to.deep.equal(['/reports/* has uncovered http methods for path: /reports/*']);
    expect((await httpGet(d.port, '/app/reports/q1')).status, 'GET is not constrained').to.equal(200);
    expect((await httpGet(d.port, '/app/reports/q1', {}, 'POST')).status).to.equal(401);
  });

  it('needs TLS for CONFIDENTIAL: 403 over plain HTTP when no secure port is configured', async () => {
    const d = await deploy(makeApp(`{ value: { transportGuarantee: 'CONFIDENTIAL' } }`));
    expect((await httpGet(d.port, '/app/reports/q1')).status).to.equal(403);
  });

  it("leaves the servlet to web.xml's constraint on the same url-pattern, with one WARN line", async () => {
    const open = `  <security-constraint>
    <web-resource-collection><web-resource-name>open</web-resource-name><url-pattern>/reports/*</url-pattern></web-resource-collection>
  </security-constraint>
`;
    const d = await deploy(makeApp(`{ value: { value: 'DENY' } }`, open));
    expect((await httpGet(d.port, '/app/reports/q1')).status).to.equal(200);
    const warned = d.log.filter((l) => l.includes('servletSecurity'));
    expect(warned, d.log.join('\n')).to.have.length(1);
    expect(warned[0]).to.contain(
      "Constraints already defined for ReportServlet (url-pattern '/reports/*'), skipping its servletSecurity: the descriptors' constraints apply",
    );
  });

  it('keeps the app from starting when the declaration has a misspelt field, rather than leave the servlet open', async () => {
    const d = await deploy(makeApp(`{ value: { rolesAlowed: ['admin'] } }`));
    expect(d.webapp.isAvailable()).to.equal(false);
    expect((await httpGet(d.port, '/app/reports/q1')).status).to.equal(503);
    expect(d.log.join('\n')).to.contain(
      "Cannot use the servletSecurity of servlet class 'ReportServlet': 'rolesAlowed' is not a field of servletSecurity.value (use value, rolesAllowed, transportGuarantee)",
    );
  });

  it('refuses what Java refuses: DENY with roles, a method twice, an unknown semantic or guarantee', () => {
    const error = (d: unknown): string => {
      try {
        readServletSecurity('S', d);
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    expect(error({ value: { value: 'DENY', rolesAllowed: ['a'] } })).to.equal(
      "Cannot use the servletSecurity of servlet class 'S': servletSecurity.value denies with rolesAllowed (use either value: 'DENY' or rolesAllowed)",
    );
    expect(error({ httpMethodConstraints: [{ value: 'GET' }, { value: 'GET' }] })).to.equal(
      "Cannot use the servletSecurity of servlet class 'S': servletSecurity.httpMethodConstraints[1] names the method 'GET' a second time",
    );
    expect(error({ value: { value: 'permit' } })).to.equal(
      "Cannot use the servletSecurity of servlet class 'S': servletSecurity.value.value is \"permit\" (use 'PERMIT' or 'DENY')",
    );
    expect(error({ value: { transportGuarantee: 'INTEGRAL' } })).to.equal(
      "Cannot use the servletSecurity of servlet class 'S': servletSecurity.value.transportGuarantee is \"INTEGRAL\" (use 'NONE' or 'CONFIDENTIAL')",
    );
    expect(error({ httpMethodConstraints: [{ rolesAllowed: ['a'] }] })).to.equal(
      "Cannot use the servletSecurity of servlet class 'S': servletSecurity.httpMethodConstraints[0].value is undefined (use an HTTP method name such as 'GET')",
    );
  });
});
