/**
 * Applies proxy headers to the request (org.eclipse.jetty.server.ForwardedRequestCustomizer): RFC 7239
 * `Forwarded`, and the `X-Forwarded-For/Proto/Host/Port/Server` headers, change the remote address,
 * scheme, secure flag and server name/port the application sees.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import type { Connector } from './connector';
import type { Customizer, HttpConfiguration } from './http-configuration';
import type { Request } from './request';

/** Jetty's ForwardedRequestCustomizer, as etc/jetty-http-forwarded.xml adds it with `addCustomizer`. */
@JettyClass('org.eclipse.jetty.server.ForwardedRequestCustomizer', {
  implements: ['org.eclipse.jetty.server.HttpConfiguration$Customizer'],
})
export class ForwardedRequestCustomizer implements Customizer {
  private _forwardedOnly = false;
  private _proxyAsAuthority = false;
  private _forwardedPortAsAuthority = true;
  private _forwardedHeader = 'Forwarded';
  private _forwardedHostHeader = 'X-Forwarded-Host';
  private _forwardedServerHeader = 'X-Forwarded-Server';
  private _forwardedProtoHeader = 'X-Forwarded-Proto';
  private _forwardedForHeader = 'X-Forwarded-For';
  private _forwardedPortHeader = 'X-Forwarded-Port';
  private _forwardedHttpsHeader = 'X-Proxied-Https';
  private _forwardedSslSessionIdHeader = 'Proxy-ssl-id';
  private _forwardedCipherSuiteHeader = 'Proxy-auth-cert';
  private _hostHeader: string | null = null;
  private _sslIsSecure = true;

  @Expose('boolean') setForwardedOnly(b: boolean): void {
    this._forwardedOnly = b;
  }
  @Expose() isForwardedOnly(): boolean {
    return this._forwardedOnly;
  }
  @Expose('boolean') setProxyAsAuthority(b: boolean): void {
    this._proxyAsAuthority = b;
  }
  @Expose() getProxyAsAuthority(): boolean {
    return this._proxyAsAuthority;
  }
  @Expose('boolean') setForwardedPortAsAuthority(b: boolean): void {
    this._forwardedPortAsAuthority = b;
  }
  @Expose() isForwardedPortAsAuthority(): boolean {
    return this._forwardedPortAsAuthority;
  }
  @Expose('String') setForwardedHeader(h: string): void {
    this._forwardedHeader = h;
  }
  @Expose() getForwardedHeader(): string {
    return this._forwardedHeader;
  }
  @Expose('String') setForwardedHostHeader(h: string): void {
    this._forwardedHostHeader = h;
  }
  @Expose() getForwardedHostHeader(): string {
    return this._forwardedHostHeader;
  }
  @Expose('String') setForwardedServerHeader(h: string): void {
    this._forwardedServerHeader = h;
  }
  @Expose() getForwardedServerHeader(): string {
    return this._forwardedServerHeader;
  }
  @Expose('String') setForwardedProtoHeader(h: string): void {
    this._forwardedProtoHeader = h;
  }
  @Expose() getForwardedProtoHeader(): string {
    return this._forwardedProtoHeader;
  }
  @Expose('String') setForwardedForHeader(h: string): void {
    this._forwardedForHeader = h;
  }
  @Expose() getForwardedForHeader(): string {
    return this._forwardedForHeader;
  }
  @Expose('String') setForwardedPortHeader(h: string): void {
    this._forwardedPortHeader = h;
  }
  @Expose() getForwardedPortHeader(): string {
    return this._forwardedPortHeader;
  }
  @Expose('String') setForwardedHttpsHeader(h: string): void {
    this._forwardedHttpsHeader = h;
  }
  @Expose() getForwardedHttpsHeader(): string {
    return this._forwardedHttpsHeader;
  }
  @Expose('String') setForwardedSslSessionIdHeader(h: string): void {
    this._forwardedSslSessionIdHeader = h;
  }
  @Expose() getForwardedSslSessionIdHeader(): string {
    return this._forwardedSslSessionIdHeader;
  }
  @Expose('String') setForwardedCipherSuiteHeader(h: string): void {
    this._forwardedCipherSuiteHeader = h;
  }
  @Expose() getForwardedCipherSuiteHeader(): string {
    return this._forwardedCipherSuiteHeader;
  }
  @Expose('String') setHostHeader(h: string | null): void {
    this._hostHeader = h;
  }
  @Expose() getHostHeader(): string | null {
    return this._hostHeader;
  }
  @Expose('boolean') setSslIsSecure(b: boolean): void {
    this._sslIsSecure = b;
  }
  @Expose() isSslIsSecure(): boolean {
    return this._sslIsSecure;
  }

  customize(_connector: Connector, config: HttpConfiguration, request: Request): void {
    let proto: string | null = null;
    let host: string | null = null;
    let port: number | null = null;
    let forFor: string | null = null;
    const forwarded = request.getHeaders(this._forwardedHeader);
    if (forwarded.length > 0) {
      const first = forwarded.join(',').split(',')[0];
      for (const pair of first.split(';')) {
        const eq = pair.indexOf('=');
        if (eq < 0) continue;
        const k = pair.slice(0, eq).trim().toLowerCase();
        const v = pair
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, '');
        if (k === 'proto') proto = v;
        else if (k === 'host') host = v;
        else if (k === 'for' && !v.startsWith('_') && v !== 'unknown') forFor = v;
      }
    }
    if (!this._forwardedOnly) {
      const first = (name: string): string | null => {
        const v = request.getHeader(name);
        return v === null ? null : v.split(',')[0].trim() || null;
      };
      proto ??= first(this._forwardedProtoHeader);
      host ??= first(this._forwardedHostHeader);
      forFor ??= first(this._forwardedForHeader);
      const p = first(this._forwardedPortHeader);
      if (p !== null && /^\d+$/.test(p)) port = Number(p);
      if (proto === null && first(this._forwardedHttpsHeader)?.toLowerCase() === 'on') proto = 'https';
      if (host === null && this._proxyAsAuthority) host = first(this._forwardedServerHeader);
    }
    if (this._hostHeader) host = this._hostHeader;
    if (proto) {
      request.setScheme(proto);
      const secure = proto === config.getSecureScheme() || proto === 'https';
      request.setSecure(secure);
    }
    if (host) {
      const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
      if (m) {
        request.setServerName(m[1].replace(/^\[|\]$/g, ''));
        if (m[2]) request.setServerPort(Number(m[2]));
        else if (port === null) request.setServerPort(request.isSecure() ? config.getSecurePort() || 443 : 80);
      }
    }
    if (port !== null && this._forwardedPortAsAuthority) request.setServerPort(port);
    if (forFor) {
      const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(forFor) ?? /^([^:]+)(?::(\d+))?$/.exec(forFor);
      if (m) request.setRemoteAddr(m[1], m[2] ? Number(m[2]) : undefined);
      else request.setRemoteAddr(forFor);
    }
  }
}
