/**
 * CLIENT-CERT login over real TLS, as Jetty 9.4 does it: a base with the http, https and deploy modules,
 * the connector asking for client certificates (`jetty.sslContext.wantClientAuth`, or `needClientAuth`)
 * and trusting one authority, a web app whose web.xml says `<auth-method>CLIENT-CERT</auth-method>`, and a
 * HashLoginService whose realm file lists the certificate the way Jetty's ClientCertAuthenticator looks
 * it up (the subject as Java prints it, the signature in base64). The authority and the certificates are
 * made by openssl for each run; Node's https client presents them.
 * @module
 */
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clientCertCredentials } from '../../src/security/authentication/client-cert-authenticator';
import { Launch, launch } from '../../src/start/main';
import { inProcessLaunchEnvironment } from '../support/in-process-launch';
import { fixturePath, repoRoot } from '../support/corpus';
import { freePort } from '../support/pier-process';
import { tlsGet, type TlsResult } from '../support/tls-get';
import { makeTestClientCertificates, makeTestKeyStores, TestClientCertificates, TestKeyStores } from '../support/test-keystores';
import { makeBase, preserveSystemProperties, removeBase } from '../start/support';

/** A key of a Java properties file: `=`, `:`, spaces and the other special characters escaped. */
function propertiesKey(key: string): string {
  return key.replace(/[\\=: #!]/g, (c) => `\\${c}`);
}

/** A GET over TLS with SNI `localhost`, presenting `client`'s certificate when given. */
function tlsGetAs(port: number, urlPath: string, client: { cert?: string; key?: string } = {}): Promise<TlsResult> {
  return tlsGet(port, urlPath, { servername: 'localhost', ...client });
}

async function refusal(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('the request was answered');
}

/** The web app's context XML, its realm file named by absolute path. */
const contextXml = (realm: string): string => `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">/cc</Set>
  <Set name="war"><Property name="jetty.webapps"/>/cc</Set>
  <Get name="securityHandler">
    <Set name="loginService">
      <New class="org.eclipse.jetty.security.HashLoginService">
        <Set name="name">Cert Realm</Set>
        <Set name="config">${realm}</Set>
      </New>
    </Set>
  </Get>
</Configure>
`;

describe('CLIENT-CERT authentication over TLS', function () {
  this.timeout(30_000);
  preserveSystemProperties();
  let stores: TestKeyStores;
  let certs: TestClientCertificates;
  let base = '';
  let running: Launch | undefined;
  let output = '';
  const alice = { cert: '', key: '' };

  before(() => {
    stores = makeTestKeyStores();
    certs = makeTestClientCertificates(stores.dir);
    alice.cert = certs.clientCert;
    alice.key = certs.clientKey;
  });
  after(() => {
    if (stores) fs.rmSync(stores.dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    const { username, credential } = clientCertCredentials(new X509Certificate(certs.clientCert));
    base = makeBase({
      'start.ini': '--module=http,https,deploy\njetty.deploy.scanInterval=0\njetty.http.host=127.0.0.1\njetty.ssl.host=127.0.0.1\n',
      'webapps/': '',
      'etc/cert-realm.properties': `# the subject as Java prints it: the signature in base64, then the roles\n${propertiesKey(username)}: ${credential},user\n`,
    });
    fs.writeFileSync(path.join(base, 'webapps', 'cc.xml'), contextXml(path.join(base, 'etc', 'cert-realm.properties')));
    fs.cpSync(fixturePath('security', 'client-cert-app'), path.join(base, 'webapps', 'cc'), { recursive: true });
    output = '';
  });
  afterEach(async () => {
    if (running) for (const o of [...running.started].reverse()) await o.stop();
    running = undefined;
    removeBase(base);
  });

  async function start(clientAuth: 'want' | 'need'): Promise<number> {
    const ports = { http: await freePort(), https: await freePort() };
    const env = inProcessLaunchEnvironment(base, (t) => (output += t));
    const result = await launch(
      [
        `jetty.home=${repoRoot()}`,
        `jetty.base=${base}`,
        `jetty.http.port=${ports.http}`,
        `jetty.ssl.port=${ports.https}`,
        `jetty.sslContext.keyStoreAbsolutePath=${stores.main}`,
        'jetty.sslContext.keyStorePassword=secret',
        'jetty.sslContext.keyManagerPassword=secret',
        `jetty.sslContext.${clientAuth}ClientAuth=true`,
        `jetty.sslContext.trustStoreAbsolutePath=${certs.caStore}`,
        'jetty.sslContext.trustStorePassword=secret',
      ],
      env,
    );
    if (typeof result === 'number') throw new Error(`the launch exited with ${result}:\n${output}`);
    running = result;
    return ports.https;
  }

  it("logs a trusted certificate in as the realm user named by its subject, Java's way", async () => {
    const port = await start('want');
    const r = await tlsGetAs(port, '/cc/secure/who', alice);
    expect(r.status, r.body).to.equal(200);
    const who = JSON.parse(r.body);
    expect(who.remoteUser).to.equal('CN=Alice Example, OU=Eng, O=Pier Test, C=DE');
    expect(who.authType).to.equal('CLIENT_CERT');
    expect(who.user).to.equal(true);
    expect(who.certificates[0]).to.equal('CN=Alice Example, OU=Eng, O=Pier Test, C=DE');
  });

  it('gives every TLS request the certificate chain, the cipher suite, the key size and the session id attributes', async () => {
    const port = await start('want');
    const who = JSON.parse((await tlsGetAs(port, '/cc/open', alice)).body);
    // getRemoteUser() on an unconstrained path runs the deferred login, as in Jetty
    expect(who.remoteUser).to.equal('CN=Alice Example, OU=Eng, O=Pier Test, C=DE');
    expect(who.certificates).to.deep.equal(['CN=Alice Example, OU=Eng, O=Pier Test, C=DE', 'CN=Pier Test ca']);
    expect(who.cipherSuite).to.match(/^TLS_/);
    expect(who.keySize).to.be.a('number');
    expect(who.sessionId).to.equal('string');
    const anonymous = JSON.parse((await tlsGetAs(port, '/cc/open')).body);
    expect(anonymous.certificates, 'no certificate, no attribute').to.equal(null);
    expect(anonymous.remoteUser).to.equal(null);
    expect(anonymous.cipherSuite).to.match(/^TLS_/);
  });

  it('answers 403 to a client without a certificate when the connector only wants one', async () => {
    const port = await start('want');
    expect((await tlsGetAs(port, '/cc/secure/who')).status).to.equal(403);
    expect((await tlsGetAs(port, '/cc/open')).status, 'unconstrained paths stay open').to.equal(200);
  });

  it('answers 403 to a trusted certificate the realm does not list', async () => {
    fs.writeFileSync(path.join(base, 'etc', 'cert-realm.properties'), 'CN\\=somebody\\ else: c2lnbmF0dXJl,user\n');
    const port = await start('want');
    expect((await tlsGetAs(port, '/cc/secure/who', alice)).status).to.equal(403);
  });

  it('closes the connection of a certificate the truststore does not vouch for, whatever its subject', async () => {
    const port = await start('want');
    const err = await refusal(tlsGetAs(port, '/cc/open', { cert: certs.untrustedCert, key: certs.untrustedKey }));
    expect(err.message).to.match(/socket hang up|ECONNRESET|alert|EPIPE/);
  });

  it('refuses the handshake of a client without a certificate when the connector needs one', async () => {
    const port = await start('need');
    expect((await tlsGetAs(port, '/cc/secure/who', alice)).status).to.equal(200);
    const err = await refusal(tlsGetAs(port, '/cc/open'));
    expect(err.message).to.match(/certificate|socket hang up|ECONNRESET|alert/);
  });
});
