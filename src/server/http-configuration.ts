/**
 * HTTP settings shared by connectors (org.eclipse.jetty.server.HttpConfiguration): the ones Node can
 * honour (output buffer, request header size, Server/Date headers, idle timeout, customizers) are used;
 * the rest are accepted and kept.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import type { Connector } from './connector';
import type { Request } from './request';

/** Adjusts a request before it is handled (org.eclipse.jetty.server.HttpConfiguration$Customizer). */
export interface Customizer {
  customize(connector: Connector, config: HttpConfiguration, request: Request): void;
}

/**
 * Jetty's HttpConfiguration, created as `<New id="httpConfig" class="org.eclipse.jetty.server.HttpConfiguration">`
 * in etc/jetty.xml. Used by Pier: `outputBufferSize` (32768), `requestHeaderSize` (8192),
 * `sendServerVersion` (true), `sendDateHeader` (false), `idleTimeout`, `persistentConnectionsEnabled`,
 * `securePort`/`secureScheme`, customizers. The others are kept for dump().
 */
@JettyClass('org.eclipse.jetty.server.HttpConfiguration', {
  ctors: [[], [{ name: 'config', type: 'org.eclipse.jetty.server.HttpConfiguration' }]],
})
export class HttpConfiguration {
  private _customizers: Customizer[] = [];
  private _secureScheme = 'https';
  private _securePort = 0;
  private _outputBufferSize = 32768;
  private _outputAggregationSize = 8192;
  private _requestHeaderSize = 8192;
  private _responseHeaderSize = 8192;
  private _sendServerVersion = true;
  private _sendDateHeader = true;
  private _sendXPoweredBy = false;
  private _headerCacheSize = 4096;
  private _delayDispatchUntilContent = true;
  private _maxErrorDispatches = 10;
  private _blockingTimeout = -1;
  private _idleTimeout = -1;
  private _persistentConnectionsEnabled = true;
  private _requestCookieCompliance: unknown = 'RFC6265';
  private _responseCookieCompliance: unknown = 'RFC6265';
  private _multiPartFormDataCompliance: unknown = 'RFC7578';
  private _relativeRedirectAllowed = false;
  private _minRequestDataRate = 0;
  private _minResponseDataRate = 0;
  private _httpCompliance: unknown = 'RFC7230';
  private _uriCompliance: unknown = 'DEFAULT';
  private _useInputDirectByteBuffers = true;
  private _useOutputDirectByteBuffers = true;

  constructor(config?: HttpConfiguration) {
    if (config instanceof HttpConfiguration) {
      Object.assign(this, config);
      this._customizers = [...config._customizers];
    }
  }

  @Expose('org.eclipse.jetty.server.HttpConfiguration$Customizer')
  addCustomizer(customizer: Customizer): void {
    this._customizers.push(customizer);
  }
  @Expose('java.util.List')
  setCustomizers(customizers: Customizer[] | null): void {
    this._customizers = [...(customizers ?? [])];
  }
  @Expose() getCustomizers(): Customizer[] {
    return [...this._customizers];
  }
  /** The customizers without a copy, for the connector's per-request loop. */
  customizers(): readonly Customizer[] {
    return this._customizers;
  }

  @Expose('String') setSecureScheme(s: string): void {
    this._secureScheme = s;
  }
  @Expose() getSecureScheme(): string {
    return this._secureScheme;
  }
  @Expose('int') setSecurePort(p: number): void {
    this._securePort = p;
  }
  @Expose() getSecurePort(): number {
    return this._securePort;
  }
  @Expose('int') setOutputBufferSize(n: number): void {
    this._outputBufferSize = n;
  }
  @Expose() getOutputBufferSize(): number {
    return this._outputBufferSize;
  }
  @Expose('int') setOutputAggregationSize(n: number): void {
    this._outputAggregationSize = n;
  }
  @Expose() getOutputAggregationSize(): number {
    return this._outputAggregationSize;
  }
  @Expose('int') setRequestHeaderSize(n: number): void {
    this._requestHeaderSize = n;
  }
  @Expose() getRequestHeaderSize(): number {
    return this._requestHeaderSize;
  }
  @Expose('int') setResponseHeaderSize(n: number): void {
    this._responseHeaderSize = n;
  }
  @Expose() getResponseHeaderSize(): number {
    return this._responseHeaderSize;
  }
  @Expose('boolean') setSendServerVersion(b: boolean): void {
    this._sendServerVersion = b;
  }
  @Expose() getSendServerVersion(): boolean {
    return this._sendServerVersion;
  }
  @Expose('boolean') setSendDateHeader(b: boolean): void {
    this._sendDateHeader = b;
  }
  @Expose() getSendDateHeader(): boolean {
    return this._sendDateHeader;
  }
  @Expose('boolean') setSendXPoweredBy(b: boolean): void {
    this._sendXPoweredBy = b;
  }
  @Expose() getSendXPoweredBy(): boolean {
    return this._sendXPoweredBy;
  }
  @Expose('int') setHeaderCacheSize(n: number): void {
    this._headerCacheSize = n;
  }
  @Expose() getHeaderCacheSize(): number {
    return this._headerCacheSize;
  }
  @Expose('boolean') setDelayDispatchUntilContent(b: boolean): void {
    this._delayDispatchUntilContent = b;
  }
  @Expose() isDelayDispatchUntilContent(): boolean {
    return this._delayDispatchUntilContent;
  }
  @Expose('int') setMaxErrorDispatches(n: number): void {
    this._maxErrorDispatches = n;
  }
  @Expose() getMaxErrorDispatches(): number {
    return this._maxErrorDispatches;
  }
  @Expose('long') setBlockingTimeout(ms: number): void {
    this._blockingTimeout = ms;
  }
  @Expose() getBlockingTimeout(): number {
    return this._blockingTimeout;
  }
  @Expose('long') setIdleTimeout(ms: number): void {
    this._idleTimeout = ms;
  }
  @Expose() getIdleTimeout(): number {
    return this._idleTimeout;
  }
  @Expose('boolean') setPersistentConnectionsEnabled(b: boolean): void {
    this._persistentConnectionsEnabled = b;
  }
  @Expose() isPersistentConnectionsEnabled(): boolean {
    return this._persistentConnectionsEnabled;
  }
  @Expose('org.eclipse.jetty.http.CookieCompliance') setRequestCookieCompliance(c: unknown): void {
    this._requestCookieCompliance = c;
  }
  @Expose() getRequestCookieCompliance(): unknown {
    return this._requestCookieCompliance;
  }
  @Expose('org.eclipse.jetty.http.CookieCompliance') setResponseCookieCompliance(c: unknown): void {
    this._responseCookieCompliance = c;
  }
  @Expose() getResponseCookieCompliance(): unknown {
    return this._responseCookieCompliance;
  }
  /** 9.4's older single setter for both directions. */
  @Expose('org.eclipse.jetty.http.CookieCompliance') setCookieCompliance(c: unknown): void {
    this._requestCookieCompliance = c;
    this._responseCookieCompliance = c;
  }
  @Expose('org.eclipse.jetty.server.MultiPartFormDataCompliance') setMultiPartFormDataCompliance(c: unknown): void {
    this._multiPartFormDataCompliance = c;
  }
  @Expose() getMultiPartFormDataCompliance(): unknown {
    return this._multiPartFormDataCompliance;
  }
  @Expose('boolean') setRelativeRedirectAllowed(b: boolean): void {
    this._relativeRedirectAllowed = b;
  }
  @Expose() isRelativeRedirectAllowed(): boolean {
    return this._relativeRedirectAllowed;
  }
  @Expose('long') setMinRequestDataRate(n: number): void {
    this._minRequestDataRate = n;
  }
  @Expose() getMinRequestDataRate(): number {
    return this._minRequestDataRate;
  }
  @Expose('long') setMinResponseDataRate(n: number): void {
    this._minResponseDataRate = n;
  }
  @Expose() getMinResponseDataRate(): number {
    return this._minResponseDataRate;
  }

  /** Jetty 10: the HTTP parser compliance (Node's parser applies; kept for dump()). */
  @Expose('org.eclipse.jetty.http.HttpCompliance') setHttpCompliance(c: unknown): void {
    this._httpCompliance = c;
  }
  @Expose() getHttpCompliance(): unknown {
    return this._httpCompliance;
  }
  /** Jetty 10: the URI compliance (ambiguous paths are always refused; kept for dump()). */
  @Expose('org.eclipse.jetty.http.UriCompliance') setUriCompliance(c: unknown): void {
    this._uriCompliance = c;
  }
  @Expose() getUriCompliance(): unknown {
    return this._uriCompliance;
  }
  @Expose('boolean') setUseInputDirectByteBuffers(b: boolean): void {
    this._useInputDirectByteBuffers = b;
  }
  @Expose() isUseInputDirectByteBuffers(): boolean {
    return this._useInputDirectByteBuffers;
  }
  @Expose('boolean') setUseOutputDirectByteBuffers(b: boolean): void {
    this._useOutputDirectByteBuffers = b;
  }
  @Expose() isUseOutputDirectByteBuffers(): boolean {
    return this._useOutputDirectByteBuffers;
  }

  toString(): string {
    return `HttpConfiguration@{${this._outputBufferSize}/${this._outputAggregationSize},${this._requestHeaderSize}/${this._responseHeaderSize},${this._secureScheme}://:${this._securePort},${this._customizers.map((c) => c.constructor.name).join(',')}}`;
  }
}
