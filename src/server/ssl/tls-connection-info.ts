/**
 * What a TLS connection tells its requests once the handshake is done (what Jetty's
 * SecureRequestCustomizer reads from the SSLSession): the SNI name and the names of the certificate that
 * answered it, the client's certificate chain, the cipher suite and the session id. Read once per
 * connection, not per request.
 * @module
 */
import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { TlsConnectionInfo } from '../request';
import { DER_OCTET_STRING, DER_SEQUENCE, derChildren, derElement } from './der-reader';
import type { TlsSetup } from './ssl-context-factory';

export function tlsConnectionInfo(socket: TLSSocket, setup: TlsSetup): TlsConnectionInfo {
  const sni = typeof socket.servername === 'string' && socket.servername.length > 0 ? socket.servername : null;
  const cipher = socket.getCipher() as { standardName?: string; name?: string } | undefined;
  return {
    sniHost: sni,
    certificateNames: setup.namesFor(sni ?? undefined),
    peerCertificates: setup.options.requestCert && socket.authorized ? peerChain(socket) : null,
    cipherSuite: cipher?.standardName ?? cipher?.name ?? null,
    sessionId: sessionIdOf(socket),
  };
}

/**
 * True when the client presented a certificate the truststore does not vouch for. Java's TLS refuses such
 * a handshake whether the certificate is needed or only wanted; Node finishes it (when only wanted), so the
 * connector closes the connection before it reads a request.
 */
export function presentedUntrustedCertificate(socket: TLSSocket, setup: TlsSetup): boolean {
  if (!setup.options.requestCert || socket.authorized) return false;
  const cert = socket.getPeerCertificate();
  return cert !== null && cert !== undefined && Object.keys(cert).length > 0;
}

/** The client's certificate first, then each issuer Node knows, up to the root (which is its own issuer). */
function peerChain(socket: TLSSocket): X509Certificate[] | null {
  const out: X509Certificate[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<DetailedPeerCertificate>();
  while (cert && cert.raw && !seen.has(cert)) {
    seen.add(cert);
    out.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return out.length > 0 ? out : null;
}

/** The session id from OpenSSL's session record: `SEQUENCE { version, sslVersion, cipher, sessionId OCTET STRING, ... }`. */
function sessionIdOf(socket: TLSSocket): string {
  const record = socket.getSession();
  if (!record) return '';
  try {
    const id = derChildren(derElement(record, DER_SEQUENCE).value)[3];
    return id?.tag === DER_OCTET_STRING ? id.value.toString('hex').toUpperCase() : '';
  } catch {
    return '';
  }
}
