/**
 * The connection factory contract (org.eclipse.jetty.server.ConnectionFactory): which protocol a
 * connector speaks.
 * @module
 */
export interface ConnectionFactory {
  getProtocol(): string;
  getProtocols(): string[];
}
