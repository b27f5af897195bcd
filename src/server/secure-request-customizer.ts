/**
 * TLS request customizer (org.eclipse.jetty.server.SecureRequestCustomizer): accepted so etc/jetty-ssl.xml
 * and jetty-https.xml apply; on a TLS connection it marks the request secure, adds HSTS when set, and gives
 * the request the servlet specification's TLS attributes: the client's certificate chain
 * (`javax.servlet.request.X509Certificate`, an array of node:crypto X509Certificate, the client's own
 * first; only when it sent one), the cipher suite, the key size Jetty deduces from it, and the session id.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import type { Connector } from './connector';
import type { Customizer, HttpConfiguration } from './http-configuration';
import type { Request } from './request';
import { BadMessageException } from './errors';
import { deduceKeyLength } from './ssl/cipher-suites';

export const X509_CERTIFICATE_ATTRIBUTE = 'javax.servlet.request.X509Certificate';
export const CIPHER_SUITE_ATTRIBUTE = 'javax.servlet.request.cipher_suite';
export const KEY_SIZE_ATTRIBUTE = 'javax.servlet.request.key_size';
export const SSL_SESSION_ID_ATTRIBUTE = 'javax.servlet.request.ssl_session_id';

/** Jetty's SecureRequestCustomizer: `sniHostCheck`, `stsMaxAge`, `stsIncludeSubDomains`. */
@JettyClass('org.eclipse.jetty.server.SecureRequestCustomizer', {
  implements: ['org.eclipse.jetty.server.HttpConfiguration$Customizer'],
  ctors: [
    [],
    [{ name: 'sniHostCheck', type: 'boolean' }],
    [
      { name: 'sniHostCheck', type: 'boolean' },
      { name: 'stsMaxAgeSeconds', type: 'long' },
      { name: 'stsIncludeSubdomains', type: 'boolean' },
    ],
    [
      { name: 'sniRequired', type: 'boolean' },
      { name: 'sniHostCheck', type: 'boolean' },
      { name: 'stsMaxAgeSeconds', type: 'long' },
      { name: 'stsIncludeSubdomains', type: 'boolean' },
    ],
  ],
})
export class SecureRequestCustomizer implements Customizer {
  private _sniHostCheck: boolean;
  private _sniRequired = false;
  private _stsMaxAge: number;
  private _stsIncludeSubDomains: boolean;

  /** (), (sniHostCheck), (sniHostCheck, stsMaxAgeSeconds, stsIncludeSubdomains), (sniRequired, sniHostCheck, stsMaxAgeSeconds, stsIncludeSubdomains). */
  constructor(...args: (boolean | number)[]) {
    const a = args.length === 4 ? args.slice(1) : args;
    if (args.length === 4) this._sniRequired = Boolean(args[0]);
    this._sniHostCheck = a[0] === undefined ? true : Boolean(a[0]);
    this._stsMaxAge = a[1] === undefined ? -1 : Number(a[1]);
    this._stsIncludeSubDomains = a[2] === undefined ? false : Boolean(a[2]);
  }

  @Expose('boolean') setSniHostCheck(b: boolean): void {
    this._sniHostCheck = b;
  }
  @Expose() isSniHostCheck(): boolean {
    return this._sniHostCheck;
  }
  @Expose('boolean') setSniRequired(b: boolean): void {
    this._sniRequired = b;
  }
  @Expose() isSniRequired(): boolean {
    return this._sniRequired;
  }
  @Expose('long') setStsMaxAge(seconds: number): void {
    this._stsMaxAge = seconds;
  }
  @Expose() getStsMaxAge(): number {
    return this._stsMaxAge;
  }
  @Expose('boolean') setStsIncludeSubDomains(b: boolean): void {
    this._stsIncludeSubDomains = b;
  }
  @Expose() isStsIncludeSubDomains(): boolean {
    return this._stsIncludeSubDomains;
  }

  customize(_connector: Connector, config: HttpConfiguration, request: Request): void {
    const info = request.getConnectionInfo();
    if (!info.secure) return;
    // As Jetty: when SNI is required, a handshake whose SNI name chose no certificate is refused; when a
    // certificate was chosen by the SNI name, the Host must be one of its names.
    if (info.tls && (this._sniRequired || this._sniHostCheck)) {
      if (this._sniRequired && info.tls.certificateNames.length === 0) throw new BadMessageException(400, 'SNI required');
      if (this._sniHostCheck && info.tls.certificateNames.length > 0 && !matchesCertificate(request.getServerName(), info.tls.certificateNames)) {
        throw new BadMessageException(400, 'Host does not match SNI');
      }
    }
    request.setSecure(true);
    request.setScheme(config.getSecureScheme());
    const tls = info.tls;
    if (tls) {
      // a copy per request, as Jetty hands each request the session's array, so that no request changes another's
      if (tls.peerCertificates !== null) request.setAttribute(X509_CERTIFICATE_ATTRIBUTE, [...tls.peerCertificates]);
      request.setAttribute(CIPHER_SUITE_ATTRIBUTE, tls.cipherSuite);
      request.setAttribute(KEY_SIZE_ATTRIBUTE, deduceKeyLength(tls.cipherSuite));
      request.setAttribute(SSL_SESSION_ID_ATTRIBUTE, tls.sessionId);
    }
    if (this._stsMaxAge >= 0) {
      const value = `max-age=${this._stsMaxAge}${this._stsIncludeSubDomains ? '; includeSubDomains' : ''}`;
      request.getResponse().setHeader('Strict-Transport-Security', value);
    }
  }
}

/** Whether a host name is one of a certificate's names (`*.example.com` covers one label). */
function matchesCertificate(host: string, names: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return names.some((n) => n === h || (n.startsWith('*.') && h.endsWith(n.substring(1)) && !h.substring(0, h.length - n.length + 1).includes('.')));
}
