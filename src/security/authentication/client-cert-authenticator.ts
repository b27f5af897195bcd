/**
 * Login by TLS client certificate (org.eclipse.jetty.security.authentication.ClientCertAuthenticator,
 * `<auth-method>CLIENT-CERT</auth-method>`). The TLS connector asks for the certificate
 * (`jetty.sslContext.wantClientAuth` or `needClientAuth`) and checks it against its truststore; the
 * SecureRequestCustomizer puts the chain on the request as `javax.servlet.request.X509Certificate`.
 * For each certificate of the chain, the client's own first, the authenticator logs in to the realm with
 * Jetty's pair:
 *
 * - user name: the certificate's subject as Java prints it (`CN=Alice, OU=Eng, O=Example, C=DE`:
 *   the most specific name first, `, ` between names);
 * - password: the certificate's signature bytes in base64 (standard alphabet, with padding).
 *
 * So a realm.properties line for a certificate is the subject with its `=`, `:` and spaces escaped as
 * Java properties keys need, then the base64 signature and the roles:
 * `CN\=Alice,\ OU\=Eng: MEUCIQ...==,user`. The first certificate that logs in is the user; when none does
 * (or the client sent none), a constrained request gets 403, as in Jetty. Nothing is kept in the session:
 * each request is authenticated by its own connection's certificate.
 * @module
 */
import type { X509Certificate } from 'node:crypto';
import { Expose, JettyClass } from '../../ioc/metadata';
import { type Authentication, SEND_FAILURE, UNAUTHENTICATED } from '../../server/authentication';
import type { Request } from '../../server/request';
import { X509_CERTIFICATE_ATTRIBUTE } from '../../server/secure-request-customizer';
import { certificateIdentity } from '../../server/ssl/x500-name';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import { Log } from '../../util/log';
import type { AuthConfiguration } from '../authenticator';
import { SecurityConfigError } from '../errors';
import { DeferredAuthentication } from './deferred-authentication';
import { LoginAuthenticator } from './login-authenticator';
import { UserAuthentication } from './user-authentication';

const LOG = Log.getLogger('org.eclipse.jetty.security.authentication.ClientCertAuthenticator');

/** The user name and password Jetty logs a certificate in with. */
export function clientCertCredentials(cert: X509Certificate): { username: string; credential: string } {
  const id = certificateIdentity(cert.raw);
  return { username: id.subject, credential: id.signature.toString('base64') };
}

@JettyClass('org.eclipse.jetty.security.authentication.ClientCertAuthenticator', { implements: ['org.eclipse.jetty.security.Authenticator'] })
export class ClientCertAuthenticator extends LoginAuthenticator {
  private _validateCerts = false;
  private _trustStore: string | null = null;
  private _trustStoreType = 'JKS';
  private _crlPath: string | null = null;
  private _maxCertPathLength = -1;
  private _enableCRLDP = false;
  private _enableOCSP = false;
  private _ocspResponderURL: string | null = null;

  getAuthMethod(): string {
    return 'CLIENT_CERT';
  }

  /**
   * Jetty's second check of the chain (against a truststore of the authenticator's own, with CRLs or OCSP).
   * Pier has no revocation checking, so true is refused when the context starts rather than believed;
   * the connector's truststore still checks every certificate.
   */
  @Expose() isValidateCerts(): boolean {
    return this._validateCerts;
  }
  @Expose('boolean') setValidateCerts(validate: boolean): void {
    this._validateCerts = validate;
  }
  @Expose() getTrustStore(): string | null {
    return this._trustStore;
  }
  @Expose('String') setTrustStore(path: string | null): void {
    this._trustStore = path;
  }
  @Expose() getTrustStoreType(): string {
    return this._trustStoreType;
  }
  @Expose('String') setTrustStoreType(type: string | null): void {
    this._trustStoreType = type ?? 'JKS';
  }
  @Expose('String') setTrustStoreProvider(_provider: string | null): void {}
  @Expose('String') setTrustStorePassword(_password: string | null): void {}
  @Expose() getCrlPath(): string | null {
    return this._crlPath;
  }
  @Expose('String') setCrlPath(path: string | null): void {
    this._crlPath = path;
  }
  @Expose() getMaxCertPathLength(): number {
    return this._maxCertPathLength;
  }
  @Expose('int') setMaxCertPathLength(length: number): void {
    this._maxCertPathLength = length;
  }
  @Expose() isEnableCRLDP(): boolean {
    return this._enableCRLDP;
  }
  @Expose('boolean') setEnableCRLDP(enable: boolean): void {
    this._enableCRLDP = enable;
  }
  @Expose() isEnableOCSP(): boolean {
    return this._enableOCSP;
  }
  @Expose('boolean') setEnableOCSP(enable: boolean): void {
    this._enableOCSP = enable;
  }
  @Expose() getOcspResponderURL(): string | null {
    return this._ocspResponderURL;
  }
  @Expose('String') setOcspResponderURL(url: string | null): void {
    this._ocspResponderURL = url;
  }

  override setConfiguration(configuration: AuthConfiguration): void {
    if (this._validateCerts) {
      throw new SecurityConfigError(
        'Cannot use ClientCertAuthenticator with validateCerts=true: Pier does not check certificate revocation (CRL, OCSP); ' +
          'leave validateCerts false, and the TLS connector checks each client certificate against jetty.sslContext.trustStorePath',
      );
    }
    super.setConfiguration(configuration);
  }

  validateRequest(request: Request, response: HttpServletResponse | null, mandatory: boolean): Authentication {
    if (!mandatory) return new DeferredAuthentication(this, this._loginService);
    const certs = request.getAttribute(X509_CERTIFICATE_ATTRIBUTE) as X509Certificate[] | null;
    for (const cert of certs ?? []) {
      let credentials: { username: string; credential: string };
      try {
        credentials = clientCertCredentials(cert);
      } catch (err) {
        LOG.warn(`Cannot read the client certificate '${cert.subject.replace(/\n/g, ', ')}': ${(err as Error).message}`, err);
        continue;
      }
      const user = this.login(credentials.username, credentials.credential, request);
      if (user !== null) return new UserAuthentication(this.getAuthMethod(), user, this, this._loginService);
      if (LOG.isDebugEnabled()) LOG.debug(`No user '${credentials.username}' with this certificate's signature in the realm`);
    }
    if (response === null) return UNAUTHENTICATED;
    response.sendError(403);
    return SEND_FAILURE;
  }
}
