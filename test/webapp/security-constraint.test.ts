/**
 * Tests that a web app whose descriptors carry a `<security-constraint>` Pier cannot enforce (roles,
 * a deny-all `<auth-constraint/>`, a transport guarantee, deny-uncovered methods) does not deploy: one
 * located log line, 503 for every path, the constrained content never served.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Server } from '../../src/server/server';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { corpusPath, requireCorpus } from '../support/corpus';
import { captureServerLog, cleanupTempDirs, fixturePath, httpGet, startServer, tempDir } from './webapp-test-support';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">\n';
const TAIL = '</web-app>\n';

function constraint(inner: string, collection = '<url-pattern>/admin/*</url-pattern>'): string {
  return `  <security-constraint>\n    <web-resource-collection><web-resource-name>r</web-resource-name>${collection}</web-resource-collection>\n`
    + `    ${inner}\n  </security-constraint>\n`;
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

interface Deployed { webapp: WebAppContext; server: Server; port: number; log: string[] }

async function deploy(war: string, configure?: (w: WebAppContext) => void): Promise<Deployed> {
  const webapp = new WebAppContext(war, '/app');
  configure?.(webapp);
  return captureServerLog(async (log) => ({ webapp, log, ...(await startServer(webapp)) }));
}

describe('a <security-constraint> Pier cannot enforce keeps the app from deploying', () => {
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
    expect(failures[0]).to.match(new RegExp(`${escape(file)}:\\d+:\\d+: Cannot deploy with <`));
    expect(failures[0]).to.contain(message);
    expect(failures[0]).not.to.contain('\n');
    for (const p of ['/app/admin/secret.txt', '/app/index.html', '/app/']) {
      const res = await httpGet(d.port, p);
      expect(res.status, p).to.equal(503);
      expect(res.body, p).not.to.contain('ADMIN-SECRET');
    }
  }

  it('refuses a role constraint, naming web.xml:line:column, the pattern and the role', async () => {
    const war = makeApp(HEAD + constraint('<auth-constraint><role-name>admin</role-name></auth-constraint>') + TAIL);
    await expectRefused(await deploy(war), path.join(war, 'WEB-INF', 'web.xml'),
      "Cannot deploy with <security-constraint> on '/admin/*': its <auth-constraint> requires role 'admin', and Pier has no servlet security yet");
  });

  it('refuses a deny-all <auth-constraint/>', async () => {
    const war = makeApp(HEAD + constraint('<auth-constraint/>') + TAIL);
    await expectRefused(await deploy(war), path.join(war, 'WEB-INF', 'web.xml'),
      "Cannot deploy with <security-constraint> on '/admin/*': its empty <auth-constraint/> denies all access");
  });

  it('refuses a CONFIDENTIAL transport guarantee (fails closed: Pier cannot promise HTTPS)', async () => {
    const war = makeApp(HEAD + constraint('<user-data-constraint><transport-guarantee>CONFIDENTIAL</transport-guarantee></user-data-constraint>') + TAIL);
    await expectRefused(await deploy(war), path.join(war, 'WEB-INF', 'web.xml'),
      "Cannot deploy with <security-constraint> on '/admin/*': its <transport-guarantee> 'CONFIDENTIAL' requires HTTPS");
  });

  it('refuses <deny-uncovered-http-methods/> with a constraint that names methods', async () => {
    const war = makeApp(HEAD + '  <deny-uncovered-http-methods/>\n'
      + constraint('', '<url-pattern>/*</url-pattern><http-method>GET</http-method>') + TAIL);
    await expectRefused(await deploy(war), path.join(war, 'WEB-INF', 'web.xml'), 'Cannot deploy with <deny-uncovered-http-methods/>');
  });

  it('refuses a constraint in the defaults descriptor and in an override descriptor, naming that file', async () => {
    const war = makeApp(HEAD + TAIL);
    const defaults = path.join(tempDir('pier-constraint-defaults-'), 'webdefault.xml');
    const webdefault = fs.readFileSync(fixturePath('deploy', 'webdefault-no-static.xml'), 'utf8');
    fs.writeFileSync(defaults, webdefault.replace('</web-app>', `${constraint('<auth-constraint/>', '<url-pattern>/*</url-pattern>')}</web-app>`));
    await expectRefused(await deploy(war, (w) => w.setDefaultsDescriptor(defaults)), defaults, 'Cannot deploy with <security-constraint>');
    const override = path.join(tempDir('pier-constraint-override-'), 'override-web.xml');
    fs.writeFileSync(override, HEAD + constraint('<auth-constraint><role-name>ops</role-name></auth-constraint>') + TAIL);
    await expectRefused(await deploy(war, (w) => w.addOverrideDescriptor(override)), override, "requires role 'ops'");
  });

  it("refuses Jetty 9.4's own webdefault.xml, whose deny-all constraint disables TRACE", async function () {
    requireCorpus(this);
    const jettyDefaults = corpusPath('jetty-9.4.x', 'jetty-webapp', 'src', 'main', 'config', 'etc', 'webdefault.xml');
    const war = makeApp(HEAD + TAIL);
    await expectRefused(await deploy(war, (w) => w.setDefaultsDescriptor(jettyDefaults)), jettyDefaults,
      "Cannot deploy with <security-constraint> on '/' (TRACE): its empty <auth-constraint/> denies all access");
  });

  it('deploys an app whose constraints restrict nothing (no auth-constraint, transport guarantee NONE)', async () => {
    const war = makeApp(HEAD
      + constraint('', '<url-pattern>/</url-pattern><http-method-omission>TRACE</http-method-omission>')
      + constraint('<user-data-constraint><transport-guarantee>NONE</transport-guarantee></user-data-constraint>')
      + TAIL);
    const d = await deploy(war);
    running.push(d.server);
    expect(d.webapp.isAvailable(), d.log.join('\n')).to.equal(true);
    expect((await httpGet(d.port, '/app/index.html')).body).to.equal('public page');
  });
});

function escape(s: string): string { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
