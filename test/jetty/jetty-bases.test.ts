/**
 * Real Jetty bases start on Pier unchanged: Debian's default base (jsp, jstl, websocket and ext warn and
 * are skipped), and a base Jetty's own start.jar writes with
 * `--add-to-start=http,https,ssl,deploy,gzip,http-forwarded,stats,requestlog,sessions,session-store-file`,
 * whose JKS demo keystore is refused with the keytool command that converts it; converted, the base serves
 * over HTTP and HTTPS.
 * @module
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DIST, freePort, PierProcess, request } from '../support/pier-process';
import { JETTY_HOME, requireJettyInstall, runJettyStartJar } from '../support/jetty-install';
import { makeBase, removeBase, repoRoot } from '../start/support';

/** Debian's jetty9 package: its base is jetty.home itself, with start.ini in /etc/jetty9 and the root web app in /var/lib/jetty9. */
const DEBIAN_START_INI = path.join(JETTY_HOME, 'start.ini');
const DEBIAN_WEBAPPS = path.join(JETTY_HOME, 'webapps');

function httpsGet(
  port: number,
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, path: urlPath, agent: false, rejectUnauthorized: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res
        .on('data', (d: Buffer) => chunks.push(d))
        .on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${urlPath} timed out`)));
  });
}

describe('Real Jetty 9.4 bases on Pier', function () {
  this.timeout(60_000);
  let base: string;
  let pier: PierProcess | undefined;
  beforeEach(function () {
    requireJettyInstall(this);
    base = makeBase();
  });
  afterEach(async () => {
    if (pier) await pier.stop();
    pier = undefined;
    if (base) removeBase(base);
  });

  it("starts Debian's default base and serves its root web app, warning once for each Jetty module it skips", async () => {
    fs.copyFileSync(DEBIAN_START_INI, path.join(base, 'start.ini'));
    fs.cpSync(DEBIAN_WEBAPPS, path.join(base, 'webapps'), { recursive: true, dereference: true });
    expect(fs.readFileSync(path.join(base, 'start.ini'), 'utf8')).to.match(/^--module=deploy,http,jsp,jstl,websocket,ext,resources$/m);
    const port = await freePort();
    pier = await PierProcess.start(base, [`jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1']);
    const warned = pier.stderr
      .split('\n')
      .filter((l) => l.startsWith('WARN  :'))
      .map((l) => /Module '([^']+)'/.exec(l)?.[1]);
    expect(warned.sort()).to.deep.equal(['ext', 'jsp', 'jstl', 'websocket']);
    const page = await request(port, '/');
    expect(page.status).to.equal(200);
    expect(page.body).to.equal(fs.readFileSync(path.join(DEBIAN_WEBAPPS, 'root', 'index.html'), 'utf8'));
  });

  it("starts the base Jetty's start.jar writes for http,https,ssl,deploy,gzip,http-forwarded,stats,requestlog,sessions,session-store-file once its JKS keystore is converted, and serves over HTTP and HTTPS", async () => {
    runJettyStartJar(base, ['--add-to-start=http,https,ssl,deploy,gzip,http-forwarded,stats,requestlog,sessions,session-store-file']);
    const keystore = path.join(base, 'etc', 'keystore');
    expect(fs.existsSync(keystore)).to.equal(true);
    const site = path.join(base, 'webapps', 'root');
    fs.mkdirSync(site, { recursive: true });
    fs.writeFileSync(path.join(site, 'index.html'), `<html><body>${'Pier on a Jetty base. '.repeat(200)}</body></html>`);
    const ports = { http: await freePort(), https: await freePort() };
    const args = [`jetty.http.port=${ports.http}`, `jetty.ssl.port=${ports.https}`, 'jetty.http.host=127.0.0.1', 'jetty.ssl.host=127.0.0.1'];

    // As written, the base names Jetty's JKS demo keystore: one line says how to convert it.
    const refused = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'start'), ...args], {
      cwd: base,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PIER_DIST: DIST },
    });
    expect(refused.status).to.equal(2);
    const error = refused.stderr.split('\n').filter((l) => l.startsWith('ERROR'));
    expect(error).to.have.length(1);
    const command = /with (keytool -importkeystore .*?), then set jetty\.sslContext\.keyStoreAbsolutePath=(\S+)/.exec(error[0]);
    expect(command, error[0]).to.not.equal(null);

    // The operator runs that command (keytool asks for the passwords and, for a key with a password of its own, its alias: Jetty's demo ones are given here).
    const words = (command as RegExpExecArray)[1].split(' ');
    execFileSync(
      words[0],
      [...words.slice(1), '-srcalias', 'jetty', '-srcstorepass', 'storepwd', '-srckeypass', 'keypwd', '-deststorepass', 'storepwd', '-noprompt'],
      { stdio: 'ignore' },
    );
    const converted = (command as RegExpExecArray)[2];
    pier = await PierProcess.start(base, [
      ...args,
      `jetty.sslContext.keyStoreAbsolutePath=${converted}`,
      'jetty.sslContext.keyManagerPassword=storepwd',
    ]);

    const plain = await request(ports.http, '/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(plain.status).to.equal(200);
    expect(plain.headers['content-encoding']).to.equal('gzip');
    const secure = await httpsGet(ports.https, '/');
    expect(secure.status).to.equal(200);
    expect(secure.body.toString('utf8')).to.contain('Pier on a Jetty base.');
    const forwarded = await request(ports.http, '/nothing-here', { headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'example.org' } });
    expect(forwarded.status).to.equal(404);
    expect(fs.readdirSync(path.join(base, 'logs')).some((f) => f.endsWith('.request.log'))).to.equal(true);
  });
});
