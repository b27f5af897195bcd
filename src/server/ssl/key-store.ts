/**
 * A PKCS#12 keystore read as Java's KeyStore reads it: entries by alias (the friendlyName), each a private
 * key with its certificate chain or a trusted certificate. A JKS or JCEKS file is refused with the keytool
 * command that converts it. The store password checks the file's integrity; the keys are decrypted with
 * the key manager password (as keytool and openssl make them, the store's own password).
 * @module
 */
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Forge from 'node-forge';
import { KeyStoreError } from './errors';

/** One alias of the keystore. */
export interface KeyStoreEntry {
  readonly alias: string;
  /** PKCS#8 DER of the private key, absent for a trusted certificate entry. */
  readonly privateKey?: Buffer;
  /** The certificate chain, the entry's own certificate first (PEM). */
  readonly chain: string[];
  /** DNS names the entry's certificate answers for (subjectAltName DNS entries, else the CN). */
  readonly hostNames: string[];
}

/** What a keystore file is, from its first bytes. */
export function keyStoreFormatOf(bytes: Buffer): 'JKS' | 'JCEKS' | 'PKCS12' | 'unknown' {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xfeedfeed) return 'JKS';
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xcececece) return 'JCEKS';
  if (bytes.length >= 2 && bytes[0] === 0x30) return 'PKCS12';
  return 'unknown';
}

/** The one line that refuses a JKS/JCEKS keystore and gives the command converting it. */
function refuseJavaKeyStore(file: string, format: string, propertyPrefix: string): KeyStoreError {
  const p12 = `${file.replace(/\.(jks|jceks|keystore)$/i, '')}.p12`;
  return new KeyStoreError(
    `Cannot load keystore '${file}': it is a ${format} keystore, which Pier cannot read: convert it to PKCS#12 with ` +
      `keytool -importkeystore -srckeystore ${file} -srcstoretype ${format} -destkeystore ${p12} -deststoretype PKCS12, ` +
      `then set ${propertyPrefix}AbsolutePath=${p12} (and jetty.sslContext.keyManagerPassword to the new store's password)`,
  );
}

/** The DNS names a certificate answers for. */
function hostNamesOf(pem: string): string[] {
  const x509 = new X509Certificate(pem);
  const sans = (x509.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.substring(4).toLowerCase());
  if (sans.length > 0) return sans;
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(x509.subject);
  return cn ? [cn[1].trim().toLowerCase()] : [];
}

let forgeModule: typeof Forge | undefined;

/** node-forge, loaded by the first keystore read: its 42 modules would otherwise slow every bin/start down. */
function nodeForge(): typeof Forge {
  return (forgeModule ??= require('node-forge') as typeof Forge);
}

function toPem(certAsn1: Forge.asn1.Asn1): string {
  const forge = nodeForge();
  const der = Buffer.from(forge.asn1.toDer(certAsn1).getBytes(), 'binary');
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}

interface RawBag {
  cert?: Forge.pki.Certificate | null;
  key?: Forge.pki.PrivateKey | null;
  asn1?: Forge.asn1.Asn1;
  attributes: Record<string, unknown[]>;
}

/**
 * Reads a keystore file. `password` checks the file; `keyPassword` (default: `password`) must decrypt the
 * keys. `propertyPrefix` names the settings in messages (`jetty.sslContext.keyStore`).
 */
export function loadKeyStore(
  file: string,
  password: string | null,
  keyPassword: string | null,
  propertyPrefix = 'jetty.sslContext.keyStore',
): KeyStoreEntry[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new KeyStoreError(
      `Cannot load keystore '${file}': ${code === 'ENOENT' ? 'no such file' : (err as Error).message}; ` +
        `make one with openssl pkcs12 -export (or keytool -genkeypair -storetype PKCS12) and point ${propertyPrefix}Path at it`,
      { cause: err },
    );
  }
  const format = keyStoreFormatOf(bytes);
  if (format === 'JKS' || format === 'JCEKS') throw refuseJavaKeyStore(file, format, propertyPrefix);
  if (format !== 'PKCS12')
    throw new KeyStoreError(`Cannot load keystore '${file}': it is not a PKCS#12 file; give ${propertyPrefix}Path a PKCS#12 keystore`);
  const storePassword = password ?? '';
  const forge = nodeForge();
  let p12: Forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary'), false), false, storePassword);
  } catch (err) {
    const msg = (err as Error).message;
    if (/MAC could not be verified/.test(msg)) {
      throw new KeyStoreError(
        `Cannot load keystore '${file}': the password is wrong (the file's integrity check failed); check ${propertyPrefix}Password`,
      );
    }
    if (/ShroudedKeyBag/.test(msg)) {
      throw new KeyStoreError(
        `Cannot load keystore '${file}': its keys are encrypted with another password than the store's; Pier reads PKCS#12 keystores whose keys use the store password, as keytool and openssl make them`,
      );
    }
    throw new KeyStoreError(`Cannot load keystore '${file}': ${msg}`, { cause: err });
  }
  if (keyPassword !== null && keyPassword !== storePassword && hasKeys(p12)) {
    throw new KeyStoreError(
      `Cannot recover the keys of keystore '${file}' with the key manager password: its keys are encrypted with the store password; ` +
        'set jetty.sslContext.keyManagerPassword to the keystore password',
    );
  }
  return entriesOf(p12);
}

function hasKeys(p12: Forge.pkcs12.Pkcs12Pfx): boolean {
  const forge = nodeForge();
  return p12.safeContents.some((sc) => sc.safeBags.some((b) => b.type === forge.pki.oids.pkcs8ShroudedKeyBag || b.type === forge.pki.oids.keyBag));
}

/** Groups the bags into aliases: a key and the certificates of its chain, or a lone trusted certificate. */
function entriesOf(p12: Forge.pkcs12.Pkcs12Pfx): KeyStoreEntry[] {
  const forge = nodeForge();
  const bags = p12.safeContents.flatMap((sc) => sc.safeBags) as unknown as (RawBag & { type: string })[];
  const keyId = (b: RawBag): string | undefined => {
    const v = b.attributes.localKeyId?.[0];
    return typeof v === 'string' ? Buffer.from(v, 'binary').toString('hex') : undefined;
  };
  const alias = (b: RawBag, fallback: string): string => {
    const v = b.attributes.friendlyName?.[0];
    return typeof v === 'string' ? v : fallback;
  };
  const certPem = (b: RawBag): string => toPem(b.cert ? forge.pki.certificateToAsn1(b.cert) : (b.asn1 as Forge.asn1.Asn1));
  const certs = bags.filter((b) => b.type === forge.pki.oids.certBag);
  const keys = bags.filter((b) => b.type === forge.pki.oids.pkcs8ShroudedKeyBag || b.type === forge.pki.oids.keyBag);
  const entries: KeyStoreEntry[] = [];
  const used = new Set<RawBag>();
  keys.forEach((k, i) => {
    const id = keyId(k);
    const own = certs.find((c) => id !== undefined && keyId(c) === id) ?? (keys.length === 1 ? certs[0] : undefined);
    if (!own) return;
    used.add(own);
    const ownPem = certPem(own);
    const chain = [ownPem, ...chainAfter(ownPem, certs.filter((c) => c !== own).map(certPem))];
    const info = k.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(k.key)) : (k.asn1 as Forge.asn1.Asn1);
    entries.push({
      alias: alias(k, alias(own, String(i + 1))),
      chain,
      hostNames: hostNamesOf(ownPem),
      privateKey: Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary'),
    });
  });
  certs
    .filter((c) => !used.has(c) && !keys.some((k) => keyId(k) !== undefined && keyId(k) === keyId(c)))
    .forEach((c, i) => {
      const pem = certPem(c);
      entries.push({ alias: alias(c, `cert-${i + 1}`), chain: [pem], hostNames: hostNamesOf(pem) });
    });
  return entries;
}

/** The issuers of `leaf` among `others`, in order up the chain. */
function chainAfter(leaf: string, others: string[]): string[] {
  const out: string[] = [];
  let current = new X509Certificate(leaf);
  for (let i = 0; i < 10; i++) {
    const issuer = others.find((o) => {
      const x = new X509Certificate(o);
      return !out.includes(o) && x.subject === current.issuer && current.checkIssued(x);
    });
    if (!issuer || current.subject === current.issuer) break;
    out.push(issuer);
    current = new X509Certificate(issuer);
  }
  return out;
}

/** A keystore path as Jetty resolves it: absolute, or relative to the working directory. */
export function resolveKeyStorePath(p: string): string {
  return path.resolve(p.startsWith('file:') ? new URL(p).pathname : p);
}
