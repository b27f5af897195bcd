/**
 * Keystores the HTTPS tests make for themselves with openssl (and keytool for the JKS case): nothing
 * private is committed. Each call makes a fresh folder under the system's temporary directory.
 * @module
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestKeyStores {
  readonly dir: string;
  /** PKCS#12, password `secret`: alias `main` (localhost, www.a.test, RSA). */
  readonly main: string;
  /** The same with a second alias `other` (b.test, EC P-256); made with keytool, so only where a JDK is installed. */
  readonly twoAliases: string | undefined;
  /** PKCS#12, password `secret`: one client certificate and key (alias `client`), for client authentication. */
  readonly client: string;
  /** The client certificate and key in PEM, for Node's TLS client. */
  readonly clientCert: string;
  readonly clientKey: string;
  /** The certificates of `main` and `other`, for clients that check the server. */
  readonly mainCert: string;
  readonly otherCert: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Makes a self-signed EC P-256 certificate `<name>.crt` and its unencrypted key `<name>.key` in `dir`, valid
 * for `days`; `extra` goes to `openssl req` after the subject (`-addext ...`, `-multivalue-rdn`).
 */
export function makeSelfSignedEcCertificate(
  dir: string,
  name: string,
  subject: string,
  options: { days?: number; extra?: readonly string[] } = {},
): { key: string; cert: string } {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    String(options.days ?? 1),
    '-subj',
    subject,
    ...(options.extra ?? []),
  ]);
  return { key: path.join(dir, `${name}.key`), cert: path.join(dir, `${name}.crt`) };
}

/** True when the JDK's keytool runs. */
export function hasKeytool(): boolean {
  return spawnSync('keytool', ['-help'], { stdio: 'ignore' }).status === 0;
}

/** Makes the keystores; needs the openssl command. */
export function makeTestKeyStores(): TestKeyStores {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-keystores-'));
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'main.key',
    '-out',
    'main.crt',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,DNS:www.a.test',
  ]);
  makeSelfSignedEcCertificate(dir, 'other', '/CN=b.test', { days: 2 });
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.crt', '-days', '2', '-subj', '/CN=client']);
  openssl(dir, ['pkcs12', '-export', '-inkey', 'main.key', '-in', 'main.crt', '-name', 'main', '-out', 'main.p12', '-passout', 'pass:secret']);
  openssl(dir, ['pkcs12', '-export', '-inkey', 'other.key', '-in', 'other.crt', '-name', 'other', '-out', 'other.p12', '-passout', 'pass:secret']);
  openssl(dir, [
    'pkcs12',
    '-export',
    '-inkey',
    'client.key',
    '-in',
    'client.crt',
    '-name',
    'client',
    '-out',
    'client.p12',
    '-passout',
    'pass:secret',
  ]);
  // Two aliases in one PKCS#12 file: openssl writes one key per file, keytool merges them (when a JDK is here).
  let twoAliases: string | undefined;
  if (hasKeytool()) {
    fs.copyFileSync(path.join(dir, 'main.p12'), path.join(dir, 'two.p12'));
    execFileSync(
      'keytool',
      [
        '-importkeystore',
        '-srckeystore',
        'other.p12',
        '-srcstoretype',
        'PKCS12',
        '-srcstorepass',
        'secret',
        '-destkeystore',
        'two.p12',
        '-deststoretype',
        'PKCS12',
        '-deststorepass',
        'secret',
        '-noprompt',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    twoAliases = path.join(dir, 'two.p12');
  }
  return {
    dir,
    main: path.join(dir, 'main.p12'),
    twoAliases,
    client: path.join(dir, 'client.p12'),
    clientCert: fs.readFileSync(path.join(dir, 'client.crt'), 'utf8'),
    clientKey: fs.readFileSync(path.join(dir, 'client.key'), 'utf8'),
    mainCert: fs.readFileSync(path.join(dir, 'main.crt'), 'utf8'),
    otherCert: fs.readFileSync(path.join(dir, 'other.crt'), 'utf8'),
  };
}

/** A certificate authority, a client certificate it signed, and one it did not (for CLIENT-CERT tests). */
export interface TestClientCertificates {
  /** PKCS#12, password `secret`: the authority's certificate and key (alias `ca`), used as the server's truststore. */
  readonly caStore: string;
  /** The authority's certificate in PEM. */
  readonly caCert: string;
  /** A client certificate the authority signed (subject `/C=DE/O=Pier Test/OU=Eng/CN=Alice Example`) and its key, in PEM. */
  readonly clientCert: string;
  readonly clientKey: string;
  /** A client certificate with the same subject, signed by an authority the server does not trust, and its key. */
  readonly untrustedCert: string;
  readonly untrustedKey: string;
}

/** Makes the authority and the client certificates in `dir` (EC P-256 keys: quick to make); needs the openssl command. */
export function makeTestClientCertificates(dir: string): TestClientCertificates {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const subject = '/C=DE/O=Pier Test/OU=Eng/CN=Alice Example';
  for (const ca of ['ca', 'rogue-ca']) {
    openssl(dir, ['req', '-x509', ...ec, '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '2', '-subj', `/CN=Pier Test ${ca}`]);
  }
  for (const [name, ca] of [
    ['alice', 'ca'],
    ['mallory', 'rogue-ca'],
  ]) {
    openssl(dir, ['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.crt`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
    ]);
  }
  openssl(dir, ['pkcs12', '-export', '-inkey', 'ca.key', '-in', 'ca.crt', '-name', 'ca', '-out', 'ca.p12', '-passout', 'pass:secret']);
  const read = (f: string): string => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    caStore: path.join(dir, 'ca.p12'),
    caCert: read('ca.crt'),
    clientCert: read('alice.crt'),
    clientKey: read('alice.key'),
    untrustedCert: read('mallory.crt'),
    untrustedKey: read('mallory.key'),
  };
}
