/**
 * A stand-in for Jetty's connection statistics bean (org.eclipse.jetty.io.ConnectionStatistics) that
 * etc/jetty-stats.xml adds to every connector; it records nothing on Node.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { reportNotApplicable } from '../not-applicable';

/** Jetty's ConnectionStatistics: accepted so jetty-stats.xml applies; reports zeros. */
@JettyClass('org.eclipse.jetty.io.ConnectionStatistics')
export class ConnectionStatistics {
  constructor() {
    reportNotApplicable('ConnectionStatistics', 'enabled');
  }
  @Expose() getConnections(): number {
    return 0;
  }
  @Expose() getConnectionsMax(): number {
    return 0;
  }
  @Expose() getConnectionsTotal(): number {
    return 0;
  }
  toString(): string {
    return 'ConnectionStatistics (not applicable)';
  }
}
