/**
 * What the launcher prints about a started server: its name and the URLs of its connectors.
 * @module
 */

interface ConnectorLike {
  getLocalPort?(): number;
  getPort?(): number;
  getHost?(): string | null | undefined;
  getProtocols?(): string[];
}

interface ServerLike {
  getConnectors?(): ConnectorLike[];
  toString(): string;
}

/** True for something that looks like org.eclipse.jetty.server.Server. */
export function isServerLike(o: unknown): o is ServerLike {
  return typeof o === 'object' && o !== null && typeof (o as ServerLike).getConnectors === 'function';
}

/** `http://host:port` (`https://` for a connector with TLS) of each connector, using the bound port. */
export function connectorUrls(server: ServerLike): string[] {
  const out: string[] = [];
  for (const c of server.getConnectors?.() ?? []) {
    const port = c.getLocalPort?.() ?? c.getPort?.();
    if (port === undefined || port < 0) continue;
    const rawHost = c.getHost?.();
    const host = !rawHost || rawHost === '0.0.0.0' || rawHost === '::' ? 'localhost' : rawHost.includes(':') ? `[${rawHost}]` : rawHost;
    const scheme = c.getProtocols?.().includes('ssl') ? 'https' : 'http';
    out.push(`${scheme}://${host}:${port}`);
  }
  return out;
}

/**
 * `Server@<hex>`: the class name and an identity, as Jetty prints it. Node has no identity hash, so the
 * identity is the process id in hex (a server's toString showing its state is not used).
 */
export function serverName(server: ServerLike): string {
  const cls = (server as object).constructor?.name || 'Server';
  return `${cls}@${process.pid.toString(16)}`;
}

/** The one line printed after a successful start. */
export function startedLine(server: ServerLike): string {
  const urls = connectorUrls(server);
  return `Started ${serverName(server)}${urls.length > 0 ? ` on ${urls.join(', ')}` : ' (no connectors)'}`;
}
