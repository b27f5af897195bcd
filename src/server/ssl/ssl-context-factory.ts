/**
 * Jetty's org.eclipse.jetty.util.ssl.SslContextFactory (and its `$Server` subclass, which 9.4's
 * etc/jetty-ssl-context.xml makes): the keystore, the protocols, cipher suites and client authentication
 * of a TLS connector, turned into Node's TLS options. The keystore is read when the factory starts (with
 * the connector), so a missing file, a JKS file, a wrong password or alias stops the start, not the first
 * handshake. With several key entries, each one answers the SNI names of its certificate.
 * @module
 */
import * as tls from 'node:tls';
import { Expose, JettyClass } from '../../ioc/metadata';
import { AbstractLifeCycle } from '../../util/component/abstract-life-cycle';
import { reportNotApplicable } from '../not-applicable';
import { cipherList, DEFAULT_EXCLUDED_CIPHER_SUITES, DEFAULT_EXCLUDED_PROTOCOLS, protocolRange } from './cipher-suites';
import { KeyStoreError } from './errors';
import { KeyStoreEntry, loadKeyStore, resolveKeyStorePath } from './key-store';
import { clearPassword } from './obfuscated-password';

/** What the connector needs: the server options, and the context (and certificate names) of each SNI name. */
export interface TlsSetup {
  readonly options: tls.TlsOptions;
  /** The names of the certificate chosen for the SNI name `servername`; none when no certificate matched it. */
  namesFor(servername: string | undefined): string[];
}

const STRINGS = { type: 'String[]' } as const;

@JettyClass('org.eclipse.jetty.util.ssl.SslContextFactory$Server', {
  aliases: ['org.eclipse.jetty.util.ssl.SslContextFactory'],
  ctors: [[], [{ name: 'keyStorePath', type: 'String' }]],
})
export class SslContextFactory extends AbstractLifeCycle {
  private _keyStorePath: string | null = null;
  private _keyStorePassword: string | null = null;
  private _keyStoreType = 'PKCS12';
  private _keyManagerPassword: string | null = null;
  private _trustStorePath: string | null = null;
  private _trustStorePassword: string | null = null;
  private _trustStoreType: string | null = null;
  private _certAlias: string | null = null;
  private _includeProtocols: string[] = [];
  private _excludeProtocols: string[] = [...DEFAULT_EXCLUDED_PROTOCOLS];
  private _includeCipherSuites: string[] = [];
  private _excludeCipherSuites: string[] = [...DEFAULT_EXCLUDED_CIPHER_SUITES];
  private _needClientAuth = false;
  private _wantClientAuth = false;
  private _useCipherSuitesOrder = true;
  private _sslSessionTimeout = -1;
  private _sslSessionCacheSize = -1;
  private _renegotiationAllowed = true;
  private _renegotiationLimit = 5;
  private _sniRequired = false;
  private _endpointIdentificationAlgorithm: string | null = null;
  private _setup: TlsSetup | undefined;

  constructor(keyStorePath?: string) {
    super();
    if (keyStorePath) this._keyStorePath = keyStorePath;
  }

  @Expose('String') setKeyStorePath(p: string | null): void {
    this._keyStorePath = p;
  }
  @Expose() getKeyStorePath(): string | null {
    return this._keyStorePath;
  }
  @Expose('String') setKeyStorePassword(p: string | null): void {
    this._keyStorePassword = p;
  }
  @Expose('String') setKeyStoreType(t: string | null): void {
    this._keyStoreType = t ?? 'PKCS12';
  }
  @Expose() getKeyStoreType(): string {
    return this._keyStoreType;
  }
  @Expose('String') setKeyStoreProvider(p: string | null): void {
    if (p) reportNotApplicable('SslContextFactory', 'keyStoreProvider', p);
  }
  @Expose('String') setKeyManagerPassword(p: string | null): void {
    this._keyManagerPassword = p;
  }
  @Expose('String') setTrustStorePath(p: string | null): void {
    this._trustStorePath = p;
  }
  @Expose() getTrustStorePath(): string | null {
    return this._trustStorePath;
  }
  @Expose('String') setTrustStorePassword(p: string | null): void {
    this._trustStorePassword = p;
  }
  @Expose('String') setTrustStoreType(t: string | null): void {
    this._trustStoreType = t;
  }
  @Expose() getTrustStoreType(): string | null {
    return this._trustStoreType;
  }
  @Expose('String') setTrustStoreProvider(p: string | null): void {
    if (p) reportNotApplicable('SslContextFactory', 'trustStoreProvider', p);
  }
  @Expose('String') setProvider(p: string | null): void {
    if (p) reportNotApplicable('SslContextFactory', 'provider', p);
  }
  @Expose('String') setProtocol(p: string | null): void {
    if (p && p !== 'TLS') reportNotApplicable('SslContextFactory', 'protocol', p);
  }
  @Expose('String') setCertAlias(a: string | null): void {
    this._certAlias = a;
  }
  @Expose() getCertAlias(): string | null {
    return this._certAlias;
  }
  @Expose(STRINGS, { varargs: true }) setIncludeProtocols(...p: (string | string[])[]): void {
    this._includeProtocols = p.flat();
  }
  @Expose() getIncludeProtocols(): string[] {
    return [...this._includeProtocols];
  }
  @Expose(STRINGS, { varargs: true }) setExcludeProtocols(...p: (string | string[])[]): void {
    this._excludeProtocols = p.flat();
  }
  @Expose(STRINGS, { varargs: true }) addExcludeProtocols(...p: (string | string[])[]): void {
    this._excludeProtocols.push(...p.flat());
  }
  @Expose() getExcludeProtocols(): string[] {
    return [...this._excludeProtocols];
  }
  @Expose(STRINGS, { varargs: true }) setIncludeCipherSuites(...c: (string | string[])[]): void {
    this._includeCipherSuites = c.flat();
  }
  @Expose() getIncludeCipherSuites(): string[] {
    return [...this._includeCipherSuites];
  }
  @Expose(STRINGS, { varargs: true }) setExcludeCipherSuites(...c: (string | string[])[]): void {
    this._excludeCipherSuites = c.flat();
  }
  @Expose(STRINGS, { varargs: true }) addExcludeCipherSuites(...c: (string | string[])[]): void {
    this._excludeCipherSuites.push(...c.flat());
  }
  @Expose() getExcludeCipherSuites(): string[] {
    return [...this._excludeCipherSuites];
  }
  @Expose('boolean') setNeedClientAuth(b: boolean): void {
    this._needClientAuth = b;
  }
  @Expose() getNeedClientAuth(): boolean {
    return this._needClientAuth;
  }
  @Expose('boolean') setWantClientAuth(b: boolean): void {
    this._wantClientAuth = b;
  }
  @Expose() getWantClientAuth(): boolean {
    return this._wantClientAuth;
  }
  @Expose('boolean') setUseCipherSuitesOrder(b: boolean): void {
    this._useCipherSuitesOrder = b;
  }
  @Expose() isUseCipherSuitesOrder(): boolean {
    return this._useCipherSuitesOrder;
  }
  @Expose('int') setSslSessionTimeout(s: number): void {
    this._sslSessionTimeout = s;
  }
  @Expose() getSslSessionTimeout(): number {
    return this._sslSessionTimeout;
  }
  @Expose('int') setSslSessionCacheSize(n: number): void {
    this._sslSessionCacheSize = n;
    if (n > 0) reportNotApplicable('SslContextFactory', 'sslSessionCacheSize', n);
  }
  @Expose() getSslSessionCacheSize(): number {
    return this._sslSessionCacheSize;
  }
  @Expose('boolean') setRenegotiationAllowed(b: boolean): void {
    this._renegotiationAllowed = b;
  }
  @Expose() isRenegotiationAllowed(): boolean {
    return this._renegotiationAllowed;
  }
  @Expose('int') setRenegotiationLimit(n: number): void {
    this._renegotiationLimit = n;
  }
  @Expose() getRenegotiationLimit(): number {
    return this._renegotiationLimit;
  }
  @Expose('boolean') setSniRequired(b: boolean): void {
    this._sniRequired = b;
  }
  @Expose() isSniRequired(): boolean {
    return this._sniRequired;
  }
  @Expose('String') setEndpointIdentificationAlgorithm(a: string | null): void {
    this._endpointIdentificationAlgorithm = a;
    if (a) reportNotApplicable('SslContextFactory', 'endpointIdentificationAlgorithm', a);
  }
  @Expose() getEndpointIdentificationAlgorithm(): string | null {
    return this._endpointIdentificationAlgorithm;
  }
  @Expose('boolean') setValidateCerts(b: boolean): void {
    if (b) reportNotApplicable('SslContextFactory', 'validateCerts', b);
  }
  @Expose('boolean') setValidatePeerCerts(b: boolean): void {
    if (b) reportNotApplicable('SslContextFactory', 'validatePeerCerts', b);
  }

  /** The Node TLS setup, made at start. */
  getTlsSetup(): TlsSetup {
    if (!this._setup) throw new KeyStoreError('Cannot use SslContextFactory before it started: start it (the connector starts it as a bean)');
    return this._setup;
  }

  protected override async doStart(): Promise<void> {
    await super.doStart();
    this._setup = this.newTlsSetup();
  }

  protected override async doStop(): Promise<void> {
    this._setup = undefined;
    await super.doStop();
  }

  private newTlsSetup(): TlsSetup {
    if (!this._keyStorePath)
      throw new KeyStoreError('Cannot start SslContextFactory: no keyStorePath; set jetty.sslContext.keyStorePath to a PKCS#12 keystore');
    const file = resolveKeyStorePath(this._keyStorePath);
    const storePassword = clearPassword(this._keyStorePassword);
    const entries = loadKeyStore(file, storePassword, clearPassword(this._keyManagerPassword) ?? storePassword);
    const keyEntries = entries.filter((e) => e.privateKey);
    if (keyEntries.length === 0) throw new KeyStoreError(`Cannot use keystore '${file}': it holds no private key entry, only trusted certificates`);
    let main = keyEntries[0];
    if (this._certAlias) {
      const found = keyEntries.find((e) => e.alias === this._certAlias);
      if (!found) {
        throw new KeyStoreError(
          `Cannot use certAlias '${this._certAlias}': keystore '${file}' has no private key entry of that alias; its aliases are ${keyEntries.map((e) => `'${e.alias}'`).join(', ')}`,
        );
      }
      main = found;
    }
    let protocols: ReturnType<typeof protocolRange>;
    let ciphers: string;
    try {
      protocols = protocolRange(this._includeProtocols, this._excludeProtocols);
      ciphers = cipherList(this._includeCipherSuites, this._excludeCipherSuites);
    } catch (err) {
      throw new KeyStoreError(`Cannot configure TLS for keystore '${file}': ${(err as Error).message}`, { cause: err });
    }
    const base: tls.SecureContextOptions = { ...protocols, ciphers, honorCipherOrder: this._useCipherSuitesOrder };
    if (this._sslSessionTimeout > 0) base.sessionTimeout = this._sslSessionTimeout;
    const clientAuth = this._needClientAuth || this._wantClientAuth;
    if (clientAuth) base.ca = this.trustedCertificates(file, storePassword, entries);
    const contextOf = (e: KeyStoreEntry): tls.SecureContextOptions => ({ ...base, key: derToPem(e.privateKey as Buffer), cert: e.chain.join('') });
    const byName = new Map<string, { context: tls.SecureContext; names: string[] }>();
    // The SNI names of every key entry; the main entry answers handshakes without a matching name.
    for (const e of keyEntries) {
      const context = tls.createSecureContext(contextOf(e));
      for (const n of e.hostNames) if (!byName.has(n) || e === main) byName.set(n, { context, names: e.hostNames });
    }
    const lookup = (servername: string): { context: tls.SecureContext; names: string[] } | undefined => {
      const name = servername.toLowerCase();
      return byName.get(name) ?? byName.get(`*.${name.substring(name.indexOf('.') + 1)}`);
    };
    const sniRequired = this._sniRequired;
    const mainContext = contextOf(main);
    const options: tls.TlsOptions = {
      ...mainContext,
      requestCert: clientAuth,
      rejectUnauthorized: this._needClientAuth,
      SNICallback: (servername, cb) => {
        const found = lookup(servername);
        if (!found && sniRequired) {
          cb(new Error(`no certificate for SNI name '${servername}' (sniRequired)`), undefined);
          return;
        }
        cb(null, found?.context);
      },
    };
    return { options, namesFor: (servername) => (servername ? lookup(servername)?.names : undefined) ?? [] };
  }

  /** The certificates client certificates are checked against: the truststore's (or the keystore's). */
  private trustedCertificates(keyStoreFile: string, storePassword: string | null, keyStoreEntries: KeyStoreEntry[]): string[] {
    const trustFile = this._trustStorePath ? resolveKeyStorePath(this._trustStorePath) : keyStoreFile;
    const entries =
      trustFile === keyStoreFile && this._trustStorePassword === null
        ? keyStoreEntries
        : loadKeyStore(trustFile, clearPassword(this._trustStorePassword) ?? storePassword, null, 'jetty.sslContext.trustStore');
    const certs = entries.flatMap((e) => e.chain);
    if (certs.length === 0) throw new KeyStoreError(`Cannot check client certificates: truststore '${trustFile}' holds no certificate`);
    return certs;
  }

  override toString(): string {
    return `SslContextFactory@${this.getState()}[keyStorePath=${this._keyStorePath}, certAlias=${this._certAlias}]`;
  }
}

function derToPem(der: Buffer): string {
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END PRIVATE KEY-----\n`;
}
