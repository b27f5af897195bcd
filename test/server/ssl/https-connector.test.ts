/**
 * HTTPS as Jetty's ssl and https modules configure it, over real TLS connections, with PKCS#12 keystores
 * the test makes with openssl: secure requests, the session cookie's Secure flag, SNI by alias, HSTS, and
 * one-line errors at start for a wrong password, a wrong alias and a JKS keystore.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Launch, launch } from '../../../src/start/main';
import { inProcessLaunchEnvironment } from '../../support/in-process-launch';
import { fixturePath, repoRoot } from '../../support/corpus';
import { freePort, request } from '../../support/pier-process';
import { tlsGet } from '../../support/tls-get';
import { makeTestKeyStores, TestKeyStores } from '../../support/test-keystores';
import { makeBase, preserveSystemProperties, removeBase } from '../../start/support';

describe('HTTPS with the ssl and https modules', function () {
  this.timeout(30_000);
  preserveSystemProperties();
  let stores: TestKeyStores;
  let base: string;
  let running: Launch | undefined;
  let output = '';

  before(() => {
    stores = makeTestKeyStores();
  });
  after(() => {
    if (stores) fs.rmSync(stores.dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    base = makeBase({
      'start.ini': '--module=http,https,deploy,sessions\njetty.deploy.scanInterval=0\njetty.http.host=127.0.0.1\njetty.ssl.host=127.0.0.1\n',
    });
    fs.cpSync(fixturePath('server', 'secure-probe'), path.join(base, 'webapps', 'probe'), { recursive: true });
    output = '';
  });
  afterEach(async () => {
    if (running) for (const o of [...running.started].reverse()) await o.stop();
    running = undefined;
    removeBase(base);
  });

  /** Starts the base in-process with these extra arguments; resolves with the HTTP and HTTPS ports. */
  async function start(args: string[], keyStore = stores.main): Promise<{ http: number; https: number }> {
    const ports = { http: await freePort(), https: await freePort() };
    const env = inProcessLaunchEnvironment(base, (t) => (output += t));
    const result = await launch(
      [
        `jetty.home=${repoRoot()}`,
        `jetty.base=${base}`,
        `jetty.http.port=${ports.http}`,
        `jetty.ssl.port=${ports.https}`,
        `jetty.sslContext.keyStoreAbsolutePath=${keyStore}`,
        'jetty.sslContext.keyStorePassword=secret',
        'jetty.sslContext.keyManagerPassword=secret',
        ...args,
      ],
      env,
    );
    if (typeof result === 'number') throw new Error(`the launch exited with ${result}:\n${output}`);
    running = result;
    return ports;
  }

  /** The one-line error a start with these arguments fails with. */
  async function startError(args: string[], keyStore?: string): Promise<string> {
    try {
      await start(args, keyStore);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('the start did not fail');
  }

  it('serves requests on the TLS connector as secure, with scheme https, and plain ones on the HTTP connector', async () => {
    const ports = await start([]);
    expect((await tlsGet(ports.https, '/probe/x')).body).to.equal(`secure=true scheme=https url=https://localhost:${ports.https}/probe/x`);
    expect((await request(ports.http, '/probe/x', { headers: { Host: `localhost:${ports.http}` } })).body).to.equal(
      `secure=false scheme=http url=http://localhost:${ports.http}/probe/x`,
    );
    expect(output).to.match(new RegExp(`Started Server@\\w+ on http://127\\.0\\.0\\.1:${ports.http}, https://127\\.0\\.0\\.1:${ports.https}`));
  });

  it('marks the session cookie Secure on the TLS connector only', async () => {
    const ports = await start([]);
    const secure = (await tlsGet(ports.https, '/probe/?session')).headers['set-cookie'] as string[];
    expect(secure.find((c) => c.startsWith('JSESSIONID='))).to.match(/; Secure/);
    const plain = (await request(ports.http, '/probe/?session')).headers['set-cookie'] as string[];
    expect(plain.find((c) => c.startsWith('JSESSIONID='))).not.to.match(/Secure/);
  });

  it('sends Strict-Transport-Security when jetty.ssl.stsMaxAgeSeconds is set', async () => {
    const ports = await start(['jetty.ssl.stsMaxAgeSeconds=31536000', 'jetty.ssl.stsIncludeSubdomains=true']);
    expect((await tlsGet(ports.https, '/probe/')).headers['strict-transport-security']).to.equal('max-age=31536000; includeSubDomains');
    expect((await request(ports.http, '/probe/')).headers['strict-transport-security']).to.equal(undefined);
  });

  it("answers each SNI name with the certificate of its alias, and refuses a Host that is not the chosen certificate's", async function () {
    if (!stores.twoAliases) {
      console.log('      skipped (no keytool to merge two aliases into one PKCS#12 file): SNI by alias');
      this.skip();
    }
    const ports = await start([], stores.twoAliases);
    expect((await tlsGet(ports.https, '/probe/', { servername: 'b.test', host: 'b.test' })).peerCN).to.equal('b.test');
    expect((await tlsGet(ports.https, '/probe/', { servername: 'www.a.test', host: 'www.a.test' })).peerCN).to.equal('localhost');
    expect((await tlsGet(ports.https, '/probe/')).peerCN).to.equal('localhost');
    const mismatch = await tlsGet(ports.https, '/probe/', { servername: 'b.test', host: 'localhost' });
    expect([mismatch.status, mismatch.body]).to.deep.equal([400, '<h1>Bad Message 400</h1><pre>reason: Host does not match SNI</pre>']);
  });

  /** An extra XML file in the base that sets the SslContextFactory's certAlias (Jetty's XML has no property for it). */
  function certAliasXml(alias: string): string {
    fs.writeFileSync(
      path.join(base, 'cert-alias.xml'),
      `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_9_3.dtd">
<Configure id="sslContextFactory" class="org.eclipse.jetty.util.ssl.SslContextFactory$Server">
  <Set name="CertAlias">${alias}</Set>
</Configure>
`,
    );
    return 'cert-alias.xml';
  }

  it('uses the certAlias entry for handshakes without a matching SNI name', async function () {
    if (!stores.twoAliases) {
      console.log('      skipped (no keytool to merge two aliases into one PKCS#12 file): certAlias');
      this.skip();
    }
    const ports = await start([certAliasXml('other')], stores.twoAliases);
    expect((await tlsGet(ports.https, '/probe/')).peerCN).to.equal('b.test');
    expect((await tlsGet(ports.https, '/probe/', { servername: 'nomatch.test', host: 'nomatch.test' })).peerCN).to.equal('b.test');
  });

  it('stops the start with one line for a certAlias the keystore does not have', async () => {
    expect(await startError([certAliasXml('nosuch')])).to.match(
      /^Cannot use certAlias 'nosuch': keystore '.*main\.p12' has no private key entry of that alias; its aliases are 'main'$/,
    );
  });

  it('stops the start with one line for a wrong keystore password', async () => {
    expect(await startError(['jetty.sslContext.keyStorePassword=wrong'])).to.match(
      /^Cannot load keystore '.*main\.p12': the password is wrong \(the file's integrity check failed\); check jetty\.sslContext\.keyStorePassword$/,
    );
  });

  it("stops the start with one line when the key manager password is not the keystore's", async () => {
    expect(await startError(['jetty.sslContext.keyManagerPassword=other'])).to.match(
      /^Cannot recover the keys of keystore '.*main\.p12' with the key manager password: .*set jetty\.sslContext\.keyManagerPassword to the keystore password$/,
    );
  });

  it("reads the OBF: passwords of Jetty's own configuration", async () => {
    // OBF:1vny1zlo1x8e1vnw1vn61x8g1zlu1vn4 is Jetty's obfuscation of "storepwd".
    const store = path.join(stores.dir, 'storepwd.p12');
    fs.copyFileSync(stores.main, store);
    require('node:child_process').execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      path.join(stores.dir, 'main.key'),
      '-in',
      path.join(stores.dir, 'main.crt'),
      '-name',
      'main',
      '-out',
      store,
      '-passout',
      'pass:storepwd',
    ]);
    const ports = await start(
      [
        'jetty.sslContext.keyStorePassword=OBF:1vny1zlo1x8e1vnw1vn61x8g1zlu1vn4',
        'jetty.sslContext.keyManagerPassword=OBF:1vny1zlo1x8e1vnw1vn61x8g1zlu1vn4',
      ],
      store,
    );
    expect((await tlsGet(ports.https, '/probe/')).status).to.equal(200);
  });

  it('refuses a JKS keystore in one line that gives the keytool command converting it', async () => {
    const jks = path.join(stores.dir, 'keystore');
    fs.writeFileSync(jks, Buffer.concat([Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]), Buffer.alloc(64)]));
    expect(await startError([], jks)).to.equal(
      `Cannot load keystore '${jks}': it is a JKS keystore, which Pier cannot read: convert it to PKCS#12 with ` +
        `keytool -importkeystore -srckeystore ${jks} -srcstoretype JKS -destkeystore ${jks}.p12 -deststoretype PKCS12, ` +
        `then set jetty.sslContext.keyStoreAbsolutePath=${jks}.p12 (and jetty.sslContext.keyManagerPassword to the new store's password)`,
    );
  });

  it('asks for a client certificate with needClientAuth and accepts one the truststore holds', async () => {
    const ports = await start([
      'jetty.sslContext.needClientAuth=true',
      `jetty.sslContext.trustStoreAbsolutePath=${stores.client}`,
      'jetty.sslContext.trustStorePassword=secret',
    ]);
    expect((await tlsGet(ports.https, '/probe/', { cert: stores.clientCert, key: stores.clientKey })).status).to.equal(200);
    let refused: unknown;
    try {
      await tlsGet(ports.https, '/probe/');
    } catch (err) {
      refused = err;
    }
    expect(refused, 'a client without a certificate').to.be.instanceOf(Error);
  });
});
