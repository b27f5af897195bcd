/**
 * What the launcher prints about a started server: its name and the URLs of its connectors.
 * @module
 */

interface ConnectorLike {
  getLocalPort?(): number;
  getPort?(): number;
  getHost?(): string | null | undefined;
}

interface ServerLike {
  getConnectors?(): ConnectorLike[];
  toString(): string;
}

/** True for something that looks like org.eclipse.jetty.server.Server. */
export function isServerLike(o: unknown): o is ServerLike {
  return typeof o === 'object' && o !== null && typeof (o as ServerLike).getConnectors === 'function';
}

/** `http://host:port` of each connector, using the bound port. */
export function connectorUrls(server: ServerLike): string[] {
  const out: string[] = [];
  for (const c of server.getConnectors?.() ?? []) {
    const port = c.getLocalPort?.() ?? c.getPort?.();
    if (port === undefined || port < 0) continue;
    const rawHost = c.getHost?.();
    const host = !rawHost || rawHost === '0.0.0.0' || rawHost === '::' ? 'localhost' : rawHost.includes(':') ? `[${rawHost}]` : rawHost;
    out.push(`http://${host}:${port}`);
  }
  return out;
}

/** `Server@1f2e3d` from the server's own toString when it has one. */
export function serverName(server: ServerLike): string {
  const s = String(server);
  if (s && s !== '[object Object]') return s.split(/[\s{]/)[0];
  return `Server@${process.pid.toString(16)}`;
}

/** The one line printed after a successful start. */
export function startedLine(server: ServerLike): string {
  const urls = connectorUrls(server);
  return `Started ${serverName(server)}${urls.length > 0 ? ` on ${urls.join(', ')}` : ' (no connectors)'}`;
}
