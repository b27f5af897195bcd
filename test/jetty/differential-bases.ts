/**
 * Builds the two jetty.bases the differential suite runs side by side: the same web apps, static files and
 * descriptors (test/fixtures/jetty/webapps), with the Java servlets compiled by javac for Jetty and their
 * JavaScript twins for Pier, and the same settings in start.ini.
 * @module
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { clientCertCredentials } from '../../src/security/authentication/client-cert-authenticator';
import { fixturePath, repoRoot } from '../support/corpus';
import { makeTestClientCertificates } from '../support/test-keystores';
import { JettyEnvironment } from './jetty-environment';

/** The web apps that run the probe servlet and the admin filter (their WEB-INF/classes get the classes). */
const APPS_WITH_CLASSES = ['app', 'forms', 'basic', 'form', 'digest', 'cert'];

/** One modification time for every fixture file on both servers, so Last-Modified and If-Modified-Since compare. */
export const FIXTURE_MTIME = new Date('2024-03-01T12:00:00Z');

/** The settings both servers start with (Jetty's property names; Pier reads the same ones). */
export const SHARED_SETTINGS = {
  idleTimeoutMs: 4000,
  stopTimeoutMs: 8000,
};

/** The PKCS#12 keystore both bases serve HTTPS with (made by openssl for each run; nothing private is committed). */
export const KEYSTORE = { file: 'keystore.p12', password: 'secret' };

/**
 * The TLS connector also asks for client certificates (wantClientAuth) and trusts one authority: its
 * PKCS#12 file, and the PEM files of a client certificate it signed and of one another authority signed,
 * under each base's `etc/` (made by openssl for each run).
 */
export const CLIENT_CERTS = { trustStore: 'truststore.p12', folder: 'clients', trusted: 'alice', untrusted: 'mallory' };

/** A file too large for socket buffers, written into /app of both bases (not kept in the repository). */
export const LARGE_FILE = { name: 'large.bin', bytes: 24 * 1024 * 1024 };

export interface DifferentialBases {
  root: string;
  jettyBase: string;
  pierBase: string;
  /** The web apps as the fixture holds them: what a served file is compared with. */
  webapps: string;
}

/** Creates a fresh temporary folder with both bases; throws with javac's output when the Java side does not compile. */
export function buildDifferentialBases(env: JettyEnvironment): DifferentialBases {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-jettydiff-'));
  const webapps = fixturePath('jetty', 'webapps');
  const classes = path.join(root, 'classes');
  compileJava(env, fixturePath('jetty', 'java'), classes);
  const keystore = makeKeystore(root);
  const clients = makeTestClientCertificates(fs.mkdtempSync(path.join(root, 'clients-')));
  // The realm lists the client certificate the way Jetty's ClientCertAuthenticator looks it up: if Pier's
  // reading of the subject or the signature were not Jetty's, Jetty would refuse the login and the cases differ.
  const { username, credential } = clientCertCredentials(new X509Certificate(clients.clientCert));
  const certRealm = `${username.replace(/[\\=: #!]/g, (c) => `\\${c}`)}: ${credential},user\n`;

  const jettyBase = path.join(root, 'jetty-base');
  const pierBase = path.join(root, 'pier-base');
  for (const base of [jettyBase, pierBase]) {
    copyTree(webapps, path.join(base, 'webapps'));
    fs.mkdirSync(path.join(base, 'sessions'), { recursive: true });
    fs.mkdirSync(path.join(base, 'etc'), { recursive: true });
    fs.copyFileSync(keystore, path.join(base, 'etc', KEYSTORE.file));
    fs.copyFileSync(clients.caStore, path.join(base, 'etc', CLIENT_CERTS.trustStore));
    const pem = path.join(base, 'etc', CLIENT_CERTS.folder);
    fs.mkdirSync(pem, { recursive: true });
    for (const [name, cert, key] of [
      [CLIENT_CERTS.trusted, clients.clientCert, clients.clientKey],
      [CLIENT_CERTS.untrusted, clients.untrustedCert, clients.untrustedKey],
    ]) {
      fs.writeFileSync(path.join(pem, `${name}.crt`), cert);
      fs.writeFileSync(path.join(pem, `${name}.key`), key);
    }
    fs.writeFileSync(path.join(base, 'webapps', 'cert-realm.properties'), certRealm);
    const large = path.join(base, 'webapps', 'app', LARGE_FILE.name);
    fs.writeFileSync(large, Buffer.alloc(LARGE_FILE.bytes, 'L'));
    fs.utimesSync(large, FIXTURE_MTIME, FIXTURE_MTIME);
    fs.writeFileSync(path.join(base, 'start.ini'), startIni(base));
  }
  for (const app of APPS_WITH_CLASSES) {
    copyTree(classes, path.join(jettyBase, 'webapps', app, 'WEB-INF', 'classes'));
    copyTree(fixturePath('jetty', 'js'), path.join(pierBase, 'webapps', app, 'WEB-INF', 'classes'));
  }
  // The JavaScript twins require('pier/servlet') as an application that depends on Pier would.
  fs.mkdirSync(path.join(pierBase, 'node_modules'), { recursive: true });
  fs.symlinkSync(repoRoot(), path.join(pierBase, 'node_modules', 'pier'), 'dir');
  return { root, jettyBase, pierBase, webapps };
}

/** Removes the temporary folder of a run. */
export function removeDifferentialBases(bases: DifferentialBases): void {
  fs.rmSync(bases.root, { recursive: true, force: true });
}

function startIni(base: string): string {
  return [
    '# The differential suite: one jetty.base for Jetty 9.4 and one for Pier, with the same lines.',
    '--module=http,ssl,https,deploy,session-store-file',
    'jetty.http.host=127.0.0.1',
    'jetty.ssl.host=127.0.0.1',
    `jetty.ssl.idleTimeout=${SHARED_SETTINGS.idleTimeoutMs}`,
    `jetty.sslContext.keyStorePath=etc/${KEYSTORE.file}`,
    `jetty.sslContext.keyStorePassword=${KEYSTORE.password}`,
    `jetty.sslContext.keyManagerPassword=${KEYSTORE.password}`,
    'jetty.sslContext.keyStoreType=PKCS12',
    `jetty.sslContext.trustStorePath=etc/${CLIENT_CERTS.trustStore}`,
    `jetty.sslContext.trustStorePassword=${KEYSTORE.password}`,
    'jetty.sslContext.trustStoreType=PKCS12',
    'jetty.sslContext.wantClientAuth=true',
    `jetty.http.idleTimeout=${SHARED_SETTINGS.idleTimeoutMs}`,
    `jetty.server.stopTimeout=${SHARED_SETTINGS.stopTimeoutMs}`,
    'jetty.deploy.scanInterval=0',
    `jetty.session.file.storeDir=${path.join(base, 'sessions')}`,
    '',
  ].join('\n');
}

/** A self-signed certificate for localhost and its key in a PKCS#12 file under `root`; throws with openssl's output on failure. */
function makeKeystore(root: string): string {
  const run = (args: string[]): void => {
    const r = spawnSync('openssl', args, { cwd: root, encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`Cannot make the suite's keystore with 'openssl ${args[0]}': ${r.error?.message ?? r.stderr}`);
  };
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'tls.key',
    '-out',
    'tls.crt',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost',
  ]);
  run([
    'pkcs12',
    '-export',
    '-inkey',
    'tls.key',
    '-in',
    'tls.crt',
    '-name',
    'localhost',
    '-out',
    KEYSTORE.file,
    '-passout',
    `pass:${KEYSTORE.password}`,
  ]);
  return path.join(root, KEYSTORE.file);
}

function compileJava(env: JettyEnvironment, sourceRoot: string, out: string): void {
  const sources = listFiles(sourceRoot).filter((f) => f.endsWith('.java'));
  fs.mkdirSync(out, { recursive: true });
  const r = spawnSync(env.javac, ['--release', '8', '-Xlint:-options', '-encoding', 'UTF-8', '-cp', env.servletApiJar, '-d', out, ...sources], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) {
    throw new Error(
      `Cannot compile the suite's Java servlets with '${env.javac}': ${r.error?.message ?? `exit code ${r.status}`}\n${r.stdout}${r.stderr}`,
    );
  }
}

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
  for (const file of listFiles(to)) fs.utimesSync(file, FIXTURE_MTIME, FIXTURE_MTIME);
}

/** Every file under `dir`, recursively. */
export function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
