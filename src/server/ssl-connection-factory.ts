/**
 * Jetty's org.eclipse.jetty.server.SslConnectionFactory: puts TLS in front of the next protocol
 * (`http/1.1`) on a ServerConnector. Its SslContextFactory is a bean, started with the connector, so the
 * keystore is read before the connector listens.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';
import type { ConnectionFactory } from './connection-factory';
import { SslContextFactory } from './ssl/ssl-context-factory';

const FACTORY = { name: 'sslContextFactory', type: 'org.eclipse.jetty.util.ssl.SslContextFactory$Server' } as const;

@JettyClass('org.eclipse.jetty.server.SslConnectionFactory', {
  implements: ['org.eclipse.jetty.server.ConnectionFactory'],
  ctors: [[], [{ name: 'next', type: 'String' }], [FACTORY, { name: 'next', type: 'String' }]],
})
export class SslConnectionFactory extends ContainerLifeCycle implements ConnectionFactory {
  private readonly _sslContextFactory: SslContextFactory;
  private readonly _next: string;

  /** (), (next), (sslContextFactory, next); next defaults to http/1.1. */
  constructor(...args: (SslContextFactory | string | null | undefined)[]) {
    super();
    const factory = args.find((a): a is SslContextFactory => a instanceof SslContextFactory);
    const next = args.find((a): a is string => typeof a === 'string');
    this._sslContextFactory = factory ?? new SslContextFactory();
    this._next = next ?? 'http/1.1';
    this.addBean(this._sslContextFactory);
  }

  @Expose() getSslContextFactory(): SslContextFactory {
    return this._sslContextFactory;
  }
  @Expose() getNextProtocol(): string {
    return this._next;
  }
  @Expose() getProtocol(): string {
    return 'SSL';
  }
  @Expose() getProtocols(): string[] {
    return ['ssl'];
  }

  override toString(): string {
    return `SslConnectionFactory@[SSL->${this._next}]`;
  }
}
