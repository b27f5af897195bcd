/**
 * Java's names of TLS protocols and cipher suites, and the include/exclude rules of Jetty's
 * SslContextFactory, turned into what Node's TLS (OpenSSL) takes: a protocol range and a cipher list.
 * @module
 */
import * as tls from 'node:tls';

/** The TLS versions Node can speak, oldest first, by their Java names. */
const PROTOCOLS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

/** Jetty's default exclusions. */
export const DEFAULT_EXCLUDED_PROTOCOLS = ['SSL', 'SSLv2', 'SSLv2Hello', 'SSLv3'];
export const DEFAULT_EXCLUDED_CIPHER_SUITES = ['^.*_(MD5|SHA|SHA1)$', '^TLS_RSA_.*$', '^SSL_.*$', '^.*_NULL_.*$', '^.*_anon_.*$'];

/** Whether `name` is matched by one of Jetty's patterns (an exact name or a regular expression). */
function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => p === name || new RegExp(`^(?:${p})$`).test(name));
}

/**
 * The protocol range for Node: Java's enabled protocols are the platform's (TLSv1.2 and TLSv1.3 on a
 * current JDK) or the included ones, minus the excluded ones. Throws when nothing is left or the
 * versions left have a gap (OpenSSL takes a range).
 */
export function protocolRange(
  included: readonly string[],
  excluded: readonly string[],
): { minVersion: tls.SecureVersion; maxVersion: tls.SecureVersion } {
  const base: readonly string[] = included.length > 0 ? included : ['TLSv1.2', 'TLSv1.3'];
  const enabled = PROTOCOLS.filter((p) => base.some((b) => b === p || matchesAny(p, [b])) && !matchesAny(p, excluded));
  if (enabled.length === 0) {
    throw new Error(
      `no TLS protocol is left after includeProtocols [${included.join(', ')}] and excludeProtocols [${excluded.join(', ')}]; Node speaks ${PROTOCOLS.join(', ')}`,
    );
  }
  const first = PROTOCOLS.indexOf(enabled[0]);
  const last = PROTOCOLS.indexOf(enabled[enabled.length - 1]);
  if (last - first + 1 !== enabled.length) {
    throw new Error(`the enabled TLS protocols [${enabled.join(', ')}] have a gap; Node takes a range from one version to another`);
  }
  return { minVersion: enabled[0], maxVersion: enabled[enabled.length - 1] };
}

const KEY_EXCHANGES: Record<string, string> = {
  'ECDHE-RSA': 'ECDHE_RSA',
  'ECDHE-ECDSA': 'ECDHE_ECDSA',
  'DHE-RSA': 'DHE_RSA',
  'DHE-DSS': 'DHE_DSS',
  'ECDHE-PSK': 'ECDHE_PSK',
  'DHE-PSK': 'DHE_PSK',
  'RSA-PSK': 'RSA_PSK',
  'PSK': 'PSK',
  'ADH': 'DH_anon',
  'AECDH': 'ECDH_anon',
};

/** The IANA (Java) name of an OpenSSL cipher name, when it follows the usual pattern. */
export function javaCipherName(openssl: string): string {
  const name = openssl.toUpperCase();
  if (name.startsWith('TLS_')) return name;
  let kx = 'RSA';
  let rest = name;
  for (const prefix of Object.keys(KEY_EXCHANGES).sort((a, b) => b.length - a.length)) {
    if (name.startsWith(prefix + '-')) {
      kx = KEY_EXCHANGES[prefix];
      rest = name.substring(prefix.length + 1);
      break;
    }
  }
  let bulk = rest.replace(/-/g, '_');
  const aead = /^(AES|CAMELLIA|ARIA)(128|256)-(GCM|CCM|CCM8)(?:-(SHA\d+))?$/.exec(rest);
  const cbc = /^(AES|CAMELLIA|ARIA)(128|256)(?:-CBC)?-(SHA\d*)$/.exec(rest);
  if (rest === 'CHACHA20-POLY1305') bulk = 'CHACHA20_POLY1305_SHA256';
  else if (aead) bulk = `${aead[1]}_${aead[2]}_${aead[3] === 'CCM8' ? 'CCM_8' : aead[3]}${aead[4] ? `_${aead[4]}` : ''}`;
  else if (cbc) bulk = `${cbc[1]}_${cbc[2]}_CBC_${cbc[3]}`;
  return `TLS_${kx}_WITH_${bulk}`;
}

/**
 * The OpenSSL cipher list (TLS 1.3 suites included) for Jetty's include/exclude patterns, which are
 * matched against Java's names; the included patterns also order the list.
 */
export function cipherList(included: readonly string[], excluded: readonly string[]): string {
  const all = tls.getCiphers().map((c) => ({ openssl: c.toUpperCase(), java: javaCipherName(c) }));
  let chosen = included.length > 0 ? included.flatMap((p) => all.filter((c) => matchesAny(c.java, [p]) || matchesAny(c.openssl, [p]))) : all;
  chosen = chosen.filter((c, i) => chosen.indexOf(c) === i && !matchesAny(c.java, excluded) && !matchesAny(c.openssl, excluded));
  if (chosen.length === 0) {
    throw new Error(`no cipher suite is left after includeCipherSuites [${included.join(', ')}] and excludeCipherSuites [${excluded.join(', ')}]`);
  }
  return chosen.map((c) => c.openssl).join(':');
}

/**
 * The key size Jetty reports for a cipher suite (SslContextFactory.deduceKeyLength): read from the
 * `WITH_<cipher>_` part of a TLS 1.2 name, so 0 for the TLS 1.3 suites, whose names have no `WITH_`.
 */
export function deduceKeyLength(cipherSuite: string | null): number {
  if (cipherSuite === null) return 0;
  const sizes: [string, number][] = [
    ['WITH_AES_256_', 256],
    ['WITH_RC4_128_', 128],
    ['WITH_AES_128_', 128],
    ['WITH_RC4_40_', 40],
    ['WITH_3DES_EDE_CBC_', 168],
    ['WITH_IDEA_CBC_', 128],
    ['WITH_RC2_CBC_40_', 40],
    ['WITH_DES40_CBC_', 40],
    ['WITH_DES_CBC_', 56],
  ];
  return sizes.find(([part]) => cipherSuite.includes(part))?.[1] ?? 0;
}
