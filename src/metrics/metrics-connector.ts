/**
 * The metrics module's own listener (org.pier.metrics.MetricsConnector, a Server bean made by
 * etc/pier-metrics.xml): a node:http server apart from the application's connectors that answers
 * `GET <path>` with the ServerMetrics in the Prometheus text format.
 * @module
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Expose, JettyClass } from '../ioc/metadata';
import { listenOrFail } from '../server/listen';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';
import { Log } from '../util/log';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus-text';
import { ServerMetrics, type MetricsServer } from './server-metrics';

const LOG = Log.getLogger('org.pier.metrics.MetricsConnector');

/** The defaults of the module's properties `pier.metrics.host`, `.port` and `.path`. */
export const METRICS_DEFAULTS = { host: '127.0.0.1', port: 9180, path: '/metrics' } as const;

/**
 * Listens on `host` (default 127.0.0.1: the metrics say much about the server, so they are not offered
 * to other machines unless asked) and `port` (9180; 0 for a free port, see getLocalPort), and answers
 * GET and HEAD of `path` (`/metrics`) only; anything else is a 404 (405 for another method). Its
 * ServerMetrics is a managed bean: it starts and stops with the connector.
 */
@JettyClass('org.pier.metrics.MetricsConnector', { ctors: [[{ name: 'server', type: 'org.eclipse.jetty.server.Server' }]] })
export class MetricsConnector extends ContainerLifeCycle {
  private _host: string = METRICS_DEFAULTS.host;
  private _port: number = METRICS_DEFAULTS.port;
  private _path: string = METRICS_DEFAULTS.path;
  private _httpServer: http.Server | null = null;
  private _localPort = -1;
  private readonly _metrics: ServerMetrics;

  constructor(server: MetricsServer) {
    super();
    this._metrics = new ServerMetrics(server);
    this.addBean(this._metrics, true);
  }

  @Expose('java.lang.String') setHost(host: string | null): void {
    this._host = host === null || host.trim() === '' ? METRICS_DEFAULTS.host : host.trim();
  }
  @Expose() getHost(): string {
    return this._host;
  }
  @Expose('int') setPort(port: number): void {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new RangeError(`Cannot set the metrics port to ${port}: expected a port number from 0 to 65535`);
    }
    this._port = port;
  }
  @Expose() getPort(): number {
    return this._port;
  }
  @Expose('java.lang.String') setPath(path: string | null): void {
    const p = path === null || path.trim() === '' ? METRICS_DEFAULTS.path : path.trim();
    if (!p.startsWith('/') || /[?#\s]/.test(p)) {
      throw new RangeError(`Cannot set the metrics path to '${p}': expected a path that starts with '/' (no query, no spaces)`);
    }
    this._path = p;
  }
  @Expose() getPath(): string {
    return this._path;
  }
  /** The port it listens on (the one chosen for port 0), -1 when not started. */
  @Expose() getLocalPort(): number {
    return this._localPort;
  }
  getServerMetrics(): ServerMetrics {
    return this._metrics;
  }

  protected override async doStart(): Promise<void> {
    await super.doStart();
    const server = http.createServer((req, res) => this.answer(req, res));
    await listenOrFail(server, { host: this._host, port: this._port }, 'MetricsConnector', this._host).catch(async (err: unknown) => {
      await super.doStop();
      throw err;
    });
    server.on('error', (err) => LOG.warn(`${this.dumpSelf()}: ${err.message}`, err));
    this._httpServer = server;
    this._localPort = (server.address() as AddressInfo).port;
    LOG.info(`Metrics at http://${this._host.includes(':') ? `[${this._host}]` : this._host}:${this._localPort}${this._path}`);
  }

  protected override async doStop(): Promise<void> {
    const server = this._httpServer;
    this._httpServer = null;
    this._localPort = -1;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await super.doStop();
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== this._path) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Not found: the metrics are at ${this._path}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end();
      return;
    }
    let body: string;
    try {
      body = this._metrics.scrape();
    } catch (err) {
      LOG.warn(`Cannot write the metrics: ${(err as Error).message}`, err);
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Cannot write the metrics\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  override dumpSelf(): string {
    return `MetricsConnector@${this.getState()}{http://${this._host}:${this._localPort >= 0 ? this._localPort : this._port}${this._path}}`;
  }
}
