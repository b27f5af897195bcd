/**
 * The HTTP/1.1 connection factory (org.eclipse.jetty.server.HttpConnectionFactory): carries the
 * HttpConfiguration a ServerConnector uses.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import type { ConnectionFactory } from './connection-factory';
import { HttpConfiguration } from './http-configuration';

/**
 * Jetty's HttpConnectionFactory, as etc/jetty-http.xml creates it:
 * `<New class="org.eclipse.jetty.server.HttpConnectionFactory"><Arg name="config"><Ref refid="httpConfig"/></Arg>
 * <Arg name="compliance">...</Arg></New>`. The compliance is kept; Node's parser applies.
 */
@JettyClass('org.eclipse.jetty.server.HttpConnectionFactory', {
  implements: ['org.eclipse.jetty.server.ConnectionFactory', 'org.eclipse.jetty.server.HttpConfiguration$ConnectionFactory'],
  ctors: [
    [],
    [{ name: 'config', type: 'org.eclipse.jetty.server.HttpConfiguration' }],
    [
      { name: 'config', type: 'org.eclipse.jetty.server.HttpConfiguration' },
      { name: 'compliance', type: 'org.eclipse.jetty.http.HttpCompliance' },
    ],
  ],
})
export class HttpConnectionFactory implements ConnectionFactory {
  private readonly _config: HttpConfiguration;
  private _compliance: unknown;
  private _recordHttpComplianceViolations = false;

  constructor(config?: HttpConfiguration | null, compliance?: unknown) {
    this._config = config ?? new HttpConfiguration();
    this._compliance = compliance ?? 'RFC7230';
  }

  @Expose() getHttpConfiguration(): HttpConfiguration {
    return this._config;
  }
  @Expose() getProtocol(): string {
    return 'HTTP/1.1';
  }
  @Expose() getProtocols(): string[] {
    return ['http/1.1'];
  }
  @Expose() getHttpCompliance(): unknown {
    return this._compliance;
  }
  @Expose('org.eclipse.jetty.http.HttpCompliance') setHttpCompliance(c: unknown): void {
    this._compliance = c;
  }
  @Expose('boolean') setRecordHttpComplianceViolations(b: boolean): void {
    this._recordHttpComplianceViolations = b;
  }
  @Expose() isRecordHttpComplianceViolations(): boolean {
    return this._recordHttpComplianceViolations;
  }

  toString(): string {
    return `HttpConnectionFactory@[http/1.1]{${String(this._compliance)},${this._config.toString()}}`;
  }
}
