/**
 * The connector contract (org.eclipse.jetty.server.Connector): something that accepts connections for a
 * Server and feeds it requests.
 * @module
 */
import type { LifeCycle } from '../util/component/life-cycle';
import type { Server } from './server';

export interface Connector extends LifeCycle {
  getServer(): Server;
  getName(): string | null;
  /**
   * Stops accepting, lets in-flight requests finish for at most `timeoutMs`, then closes what is left.
   * Resolves with the number of requests that were still running when it had to close them.
   */
  shutdown(timeoutMs: number): Promise<number>;
}
