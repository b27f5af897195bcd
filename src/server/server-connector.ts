/**
 * The HTTP connector (org.eclipse.jetty.server.ServerConnector) on Node's `node:http`: listens on
 * host:port, turns each exchange into a Request/Response pair for the Server, tracks connections and
 * in-flight requests for graceful stop.
 * @module
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import { Expose, JettyClass } from '../ioc/metadata';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';
import { Log } from '../util/log';
import type { ConnectionFactory } from './connection-factory';
import type { Connector } from './connector';
import { type BadMessage, type BadMessageSettings, badMessageAnswer, badMessageOfRequest } from './bad-message';
import { BadMessageException, BindError } from './errors';
import { listenOrFail } from './listen';
import { HttpConfiguration } from './http-configuration';
import { HttpConnection } from './http-connection';
import { HttpConnectionFactory } from './http-connection-factory';
import { reportNotApplicable } from './not-applicable';
import { SelectorManager } from './placeholders/selector-manager';
import { Request, type ConnectionInfo } from './request';
import { Response, type ResponseSettings } from './response';
import type { Server } from './server';
import { SslConnectionFactory } from './ssl-connection-factory';
import type { TlsSetup } from './ssl/ssl-context-factory';
import { presentedUntrustedCertificate, tlsConnectionInfo } from './ssl/tls-connection-info';

const LOG = Log.getLogger('org.eclipse.jetty.server.AbstractConnector');
let connectorCount = 0;
const CHANNEL_LOG = Log.getLogger('org.eclipse.jetty.server.HttpChannel');

const SERVER = { name: 'server', type: 'org.eclipse.jetty.server.Server' } as const;
const FACTORIES = { name: 'factories', type: 'org.eclipse.jetty.server.ConnectionFactory[]' } as const;
const ACCEPTORS = { name: 'acceptors', type: 'int' } as const;
const SELECTORS = { name: 'selectors', type: 'int' } as const;

/**
 * Jetty's ServerConnector, as etc/jetty-http.xml creates it (`server`, `acceptors`, `selectors`,
 * `factories` arguments). Settings: `host` (all interfaces), `port` (8080 in the XML; 0 = ephemeral,
 * see getLocalPort()), `idleTimeout` (30000 ms: a connection on which nothing is read or written for that
 * long closes, see HttpConnection), `acceptQueueSize` (listen backlog; 0 = Node's default),
 * `name` (for `@name` virtual hosts). Accepted but not applicable on Node: acceptors, selectors,
 * acceptorPriorityDelta, soLingerTime, accepted TCP buffer sizes, the SelectorManager's connectTimeout.
 */
/** Where a socket keeps its HttpConnection. */
const HTTP_CONNECTION = Symbol('pier.httpConnection');
type ConnectedSocket = Socket & { [HTTP_CONNECTION]?: HttpConnection };

@JettyClass('org.eclipse.jetty.server.ServerConnector', {
  aliases: ['org.eclipse.jetty.server.AbstractNetworkConnector', 'org.eclipse.jetty.server.NetworkConnector'],
  implements: ['org.eclipse.jetty.server.Connector', 'org.eclipse.jetty.server.NetworkConnector'],
  ctors: [[SERVER], [SERVER, FACTORIES], [SERVER, ACCEPTORS, SELECTORS], [SERVER, ACCEPTORS, SELECTORS, FACTORIES]],
})
export class ServerConnector extends ContainerLifeCycle implements Connector {
  private readonly _server: Server;
  private readonly _factories: ConnectionFactory[] = [];
  private _host: string | null = null;
  private _port = 0;
  private _localPort = -1;
  private _name: string | null = null;
  /** Stands for Jetty's identity hash in the connector's name: unique in the process. */
  private readonly _identity = (process.pid * 256 + ++connectorCount).toString(16);
  private _idleTimeout = 30000;
  private _acceptQueueSize = 0;
  private _reuseAddress = true;
  private _soLingerTime = -1;
  private _acceptorPriorityDelta = 0;
  private _acceptedTcpNoDelay = true;
  private _acceptedReceiveBufferSize = -1;
  private _acceptedSendBufferSize = -1;
  private readonly _selectorManager = new SelectorManager();
  private _httpServer: http.Server | undefined;
  private readonly _sockets = new Set<Socket>();
  private _inFlight = 0;
  private _idleWaiters: (() => void)[] = [];
  private _shuttingDown = false;
  private _maxConnections = 0;
  private _responseSettings: { config: HttpConfiguration; version: string; settings: ResponseSettings } | null = null;
  /** The HttpConfiguration this connector started with (looked up once, not per request). */
  private _config: HttpConfiguration | null = null;
  /** The TLS setup of a connector with an SslConnectionFactory, made at start. */
  private _tls: TlsSetup | undefined;

  constructor(server: Server, ...rest: unknown[]) {
    super();
    this._server = server;
    let factories: unknown[] = rest;
    if (typeof rest[0] === 'number') {
      const acceptors = rest[0];
      const selectors = rest[1] as number;
      if (acceptors !== -1 && acceptors !== undefined) reportNotApplicable('ServerConnector', 'acceptors', acceptors);
      if (selectors !== -1 && selectors !== undefined) reportNotApplicable('ServerConnector', 'selectors', selectors);
      factories = rest.slice(2);
    }
    const flat = factories.flatMap((f) => (Array.isArray(f) ? f : [f])).filter((f) => f !== null && f !== undefined) as ConnectionFactory[];
    // As Jetty: only the constructors without a factories argument get a default HTTP/1.1 factory; an
    // explicit empty list (etc/jetty-ssl.xml) waits for the factories that etc/jetty-https.xml adds.
    if (flat.length === 0 && factories.length === 0) flat.push(new HttpConnectionFactory());
    for (const f of flat) this.addConnectionFactory(f);
  }

  @Expose() getServer(): Server {
    return this._server;
  }

  @Expose('org.eclipse.jetty.server.ConnectionFactory')
  addConnectionFactory(factory: ConnectionFactory): void {
    this._factories.push(factory);
    this.addBean(factory);
  }
  /** Adds the factory unless one of the same protocol is there (etc/jetty-https.xml adds its SSL factory so). */
  @Expose('org.eclipse.jetty.server.ConnectionFactory')
  addIfAbsentConnectionFactory(factory: ConnectionFactory): boolean {
    if (this._factories.some((f) => f.getProtocol().toLowerCase() === factory.getProtocol().toLowerCase())) return false;
    this.addConnectionFactory(factory);
    return true;
  }
  @Expose() getConnectionFactories(): ConnectionFactory[] {
    return [...this._factories];
  }
  @Expose() getDefaultConnectionFactory(): ConnectionFactory | null {
    return this._factories[0] ?? null;
  }
  @Expose() getProtocols(): string[] {
    return this._factories.flatMap((f) => f.getProtocols());
  }

  /** The HttpConfiguration of the first HttpConnectionFactory (a default one when there is none). */
  getHttpConfiguration(): HttpConfiguration {
    const f = this._factories.find((x): x is HttpConnectionFactory => x instanceof HttpConnectionFactory);
    return f ? f.getHttpConfiguration() : new HttpConfiguration();
  }

  @Expose('String') setHost(host: string | null): void {
    this._host = host && host.trim() ? host.trim() : null;
  }
  @Expose() getHost(): string | null {
    return this._host;
  }
  @Expose('int') setPort(port: number): void {
    this._port = port;
  }
  @Expose() getPort(): number {
    return this._port;
  }
  /** The bound port after start (useful with port 0), -1 before start, -2 after stop (as Jetty). */
  @Expose() getLocalPort(): number {
    return this._localPort;
  }
  @Expose('String') setName(name: string | null): void {
    this._name = name;
  }
  @Expose() getName(): string | null {
    return this._name;
  }
  @Expose('long') setIdleTimeout(ms: number): void {
    this._idleTimeout = ms;
  }
  @Expose() getIdleTimeout(): number {
    return this._idleTimeout;
  }
  @Expose('int') setAcceptQueueSize(n: number): void {
    this._acceptQueueSize = n;
  }
  @Expose() getAcceptQueueSize(): number {
    return this._acceptQueueSize;
  }
  @Expose('boolean') setReuseAddress(b: boolean): void {
    this._reuseAddress = b;
    if (!b) reportNotApplicable('ServerConnector', 'reuseAddress', b);
  }
  @Expose() getReuseAddress(): boolean {
    return this._reuseAddress;
  }
  @Expose('int') setSoLingerTime(n: number): void {
    this._soLingerTime = n;
    reportNotApplicable('ServerConnector', 'soLingerTime', n);
  }
  @Expose() getSoLingerTime(): number {
    return this._soLingerTime;
  }
  @Expose('int') setAcceptorPriorityDelta(n: number): void {
    this._acceptorPriorityDelta = n;
    reportNotApplicable('ServerConnector', 'acceptorPriorityDelta', n);
  }
  @Expose() getAcceptorPriorityDelta(): number {
    return this._acceptorPriorityDelta;
  }
  @Expose('boolean') setAcceptedTcpNoDelay(b: boolean): void {
    this._acceptedTcpNoDelay = b;
  }
  @Expose() getAcceptedTcpNoDelay(): boolean {
    return this._acceptedTcpNoDelay;
  }
  @Expose('int') setAcceptedReceiveBufferSize(n: number): void {
    this._acceptedReceiveBufferSize = n;
    reportNotApplicable('ServerConnector', 'acceptedReceiveBufferSize', n);
  }
  @Expose() getAcceptedReceiveBufferSize(): number {
    return this._acceptedReceiveBufferSize;
  }
  @Expose('int') setAcceptedSendBufferSize(n: number): void {
    this._acceptedSendBufferSize = n;
    reportNotApplicable('ServerConnector', 'acceptedSendBufferSize', n);
  }
  @Expose() getAcceptedSendBufferSize(): number {
    return this._acceptedSendBufferSize;
  }
  @Expose() getSelectorManager(): SelectorManager {
    return this._selectorManager;
  }
  @Expose() getAcceptors(): number {
    return 1;
  }
  @Expose() getSelectors(): number {
    return 1;
  }
  /** At most this many open connections (0 = no limit); set by ConnectionLimit. */
  setMaxConnections(n: number): void {
    this._maxConnections = n;
    if (this._httpServer) this._httpServer.maxConnections = n > 0 ? n : Infinity;
  }
  getMaxConnections(): number {
    return this._maxConnections;
  }
  /** Connections currently open. */
  getConnectionCount(): number {
    return this._sockets.size;
  }

  protected override async doStart(): Promise<void> {
    await super.doStart();
    const config = this.getHttpConfiguration();
    this._config = config;
    // Node's own answers are turned off (no Host check, no request or headers timeout, no keep-alive
    // timer per request): the connector answers malformed requests as Jetty does, and one idle timer per
    // connection (the socket's, refreshed by Node on every read and write) governs every wait.
    const ssl = this._factories.find((f): f is SslConnectionFactory => f instanceof SslConnectionFactory);
    if (ssl && ssl.getNextProtocol().toLowerCase() !== 'http/1.1') {
      throw new BindError(
        `Cannot start ServerConnector on port ${this._port}: TLS is followed by '${ssl.getNextProtocol()}', but Pier speaks only http/1.1 after TLS`,
        'UNSUPPORTED',
        this._host ?? '0.0.0.0',
        this._port,
      );
    }
    this._tls = ssl?.getSslContextFactory().getTlsSetup();
    const httpOptions: http.ServerOptions = {
      maxHeaderSize: config.getRequestHeaderSize(),
      keepAlive: true,
      requireHostHeader: false,
      requestTimeout: 0,
      headersTimeout: 0,
    };
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      this.exchange(req, res, false);
    };
    const server: http.Server = this._tls
      ? https.createServer({ ...httpOptions, ...this._tls.options }, onRequest)
      : http.createServer(httpOptions, onRequest);
    const idle = config.getIdleTimeout() > 0 ? config.getIdleTimeout() : this._idleTimeout;
    server.keepAliveTimeout = 0;
    server.timeout = idle > 0 ? idle : 0;
    if (this._maxConnections > 0) server.maxConnections = this._maxConnections;
    // On TLS the connection is the TLS socket, once its handshake is done; a failed handshake is logged at DEBUG.
    server.on(this._tls ? 'secureConnection' : 'connection', (socket: ConnectedSocket) => {
      if (this._tls && presentedUntrustedCertificate(socket as TLSSocket, this._tls)) {
        if (LOG.isDebugEnabled()) LOG.debug(`${this.dumpSelf()}: closed a connection whose client certificate is not trusted`);
        socket.destroy();
        return;
      }
      if (this._acceptedTcpNoDelay) socket.setNoDelay(true);
      this.accept(socket, idle);
    });
    if (this._tls)
      // A client that aborts or botches its handshake is the client's doing, not the server's: as in Jetty,
      // it is a DEBUG line, so that a scanner on the internet cannot fill the log.
      server.on('tlsClientError', (err: Error) => {
        if (LOG.isDebugEnabled()) LOG.debug(`${this.dumpSelf()}: a client's TLS handshake was dropped: ${err.message}`);
      });
    server.on('timeout', (socket: ConnectedSocket) => {
      const connection = socket[HTTP_CONNECTION];
      if (connection) connection.onIdleExpired();
      else socket.destroy();
    });
    server.on('clientError', (err: Error, socket: ConnectedSocket) => {
      const connection = socket[HTTP_CONNECTION];
      if (connection) connection.onParserError(err, this.badMessageSettings(config));
      else socket.destroy();
    });
    // Expect: 100-continue waits for the body's first read; any other expectation is refused (417)
    server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.exchange(req, res, true);
    });
    server.on('checkExpectation', (req: http.IncomingMessage, res: http.ServerResponse) => {
      (req.socket as ConnectedSocket)[HTTP_CONNECTION]?.markBroken();
      this.answerBadMessage(res, { status: 417, reason: 'Expectation Failed' }, config);
    });
    const host = this._host ?? undefined;
    await listenOrFail(
      server,
      { host, port: this._port, backlog: this._acceptQueueSize > 0 ? this._acceptQueueSize : undefined },
      'ServerConnector',
      this._host ?? '0.0.0.0',
    );
    server.on('error', (err) => LOG.warn(`${this.dumpSelf()}: ${err.message}`, err));
    this._httpServer = server;
    const addr = server.address();
    this._localPort = typeof addr === 'object' && addr ? addr.port : this._port;
    this._shuttingDown = false;
    LOG.info(`Started ${this.startedName(typeof addr === 'object' && addr ? addr.address : (this._host ?? '0.0.0.0'))}`);
  }

  /** Keeps the new connection's state on its socket; the socket's close ends what is in flight on it. */
  private accept(socket: ConnectedSocket, idleTimeout: number): HttpConnection {
    this._sockets.add(socket);
    const connection = new HttpConnection(socket, this.connectionInfo(socket), idleTimeout);
    socket[HTTP_CONNECTION] = connection;
    socket.once('close', () => {
      this._sockets.delete(socket);
      connection.onClose();
    });
    return connection;
  }

  /** What the connection says about itself, the same for every request on it. */
  private connectionInfo(socket: Socket): ConnectionInfo {
    return {
      localAddress: stripV4Mapped(socket.localAddress ?? ''),
      localPort: socket.localPort ?? this._localPort,
      localName: this._host ?? stripV4Mapped(socket.localAddress ?? ''),
      remoteAddress: stripV4Mapped(socket.remoteAddress ?? ''),
      remotePort: socket.remotePort ?? 0,
      secure: this._tls !== undefined,
      tls: this._tls ? tlsConnectionInfo(socket as TLSSocket, this._tls) : undefined,
      connectorName: this._name,
      server: this._server,
    };
  }

  private badMessageSettings(config: HttpConfiguration): BadMessageSettings {
    const settings = this.responseSettings(config);
    return { server: settings.sendServerVersion ? settings.serverVersion : null, sendDateHeader: settings.sendDateHeader };
  }

  /** Answers a request refused after parsing in Jetty's bad-message format; the connection closes after it. */
  private answerBadMessage(res: http.ServerResponse, message: BadMessage, config: HttpConfiguration): void {
    const { headers, body } = badMessageAnswer(message, this.badMessageSettings(config));
    res.shouldKeepAlive = false;
    res.sendDate = false;
    res.writeHead(message.status, message.reason, headers);
    res.end(body, 'latin1');
  }

  /** The response settings from `config`, rebuilt only when one of them changed (not per request). */
  private responseSettings(config: HttpConfiguration): ResponseSettings {
    const cached = this._responseSettings;
    const outputBufferSize = config.getOutputBufferSize();
    const sendServerVersion = config.getSendServerVersion();
    const sendDateHeader = config.getSendDateHeader();
    const serverVersion = this._server.getVersion();
    if (
      cached !== null &&
      cached.config === config &&
      cached.settings.outputBufferSize === outputBufferSize &&
      cached.settings.sendServerVersion === sendServerVersion &&
      cached.settings.sendDateHeader === sendDateHeader &&
      cached.version === serverVersion
    )
      return cached.settings;
    const settings: ResponseSettings = {
      outputBufferSize,
      sendServerVersion,
      sendDateHeader,
      serverVersion: `Pier(${serverVersion})`,
      errorHandler: () => this._server.getErrorHandler(),
    };
    this._responseSettings = { config, version: serverVersion, settings };
    return settings;
  }

  /**
   * Runs one exchange: builds Request/Response, customizes, lets the server run it; the server calls
   * back when the exchange is complete (no promise or async frame per exchange here).
   */
  private exchange(req: http.IncomingMessage, res: http.ServerResponse, expectContinue: boolean): void {
    const config = this._config ?? this.getHttpConfiguration();
    const socket = req.socket as ConnectedSocket;
    const connection = socket[HTTP_CONNECTION] ?? this.accept(socket, 0);
    const bad = badMessageOfRequest(req);
    if (bad !== null) {
      connection.markBroken();
      this.answerBadMessage(res, bad, config);
      return;
    }
    let request: Request | undefined;
    try {
      request = new Request(req, connection.info);
      const response = new Response(res, request, this.responseSettings(config));
      request.setResponse(response);
      request.setHttpConfiguration(config);
      if (expectContinue) request.setExpectContinue(true);
      if (this._shuttingDown || !config.isPersistentConnectionsEnabled()) res.shouldKeepAlive = false;
      connection.begin(request);
      this._inFlight++;
      const customizers = config.customizers();
      for (let i = 0; i < customizers.length; i++) customizers[i].customize(this, config, request);
    } catch (err) {
      if (err instanceof BadMessageException && !res.headersSent) {
        connection.markBroken();
        this.answerBadMessage(res, { status: err.status, reason: err.reason }, config);
        if (request !== undefined) this._exchangeDone(request);
        return;
      }
      CHANNEL_LOG.warn(`${this.dumpSelf()}: exchange failed: ${err instanceof Error ? err.message : String(err)}`, err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
      if (request !== undefined) this._exchangeDone(request);
      return;
    }
    this._server.runExchange(request, request.getResponse(), this._exchangeDone);
  }

  /**
   * An exchange left: one request fewer in flight (a stopping connector closes idle connections).
   * Counted once per exchange whatever calls it.
   */
  private readonly _exchangeDone = (request: Request): void => {
    if (!request.markExchangeEnded()) return;
    (request.getRawRequest().socket as ConnectedSocket | null)?.[HTTP_CONNECTION]?.end(request);
    this._inFlight--;
    if (this._shuttingDown) this._httpServer?.closeIdleConnections();
    if (this._inFlight === 0 && this._idleWaiters.length > 0) {
      const w = this._idleWaiters;
      this._idleWaiters = [];
      for (const f of w) f();
    }
  };

  /** Requests being handled now. */
  getInFlight(): number {
    return this._inFlight;
  }

  async shutdown(timeoutMs: number): Promise<number> {
    const server = this._httpServer;
    if (!server || this._shuttingDown) return 0;
    this._shuttingDown = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (this._inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this._idleWaiters.push(resolve)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.max(0, timeoutMs));
        }),
      ]);
      if (timer) clearTimeout(timer);
    }
    const left = this._inFlight;
    server.closeAllConnections();
    for (const s of this._sockets) s.destroy();
    await closed;
    return left;
  }

  protected override async doStop(): Promise<void> {
    await this.shutdown(0);
    this._httpServer = undefined;
    this._config = null;
    this._localPort = -2;
    await super.doStop();
  }

  /**
   * Jetty's name of a started connector, `ServerConnector@<id>{HTTP/1.1, (http/1.1)}{0.0.0.0:8080}`: the
   * default protocol, every protocol, and the address it is bound to. Listening on every address (no
   * host: Node's dual-stack `::`) shows as Jetty's `0.0.0.0`.
   */
  private startedName(bound: string): string {
    const protocols = this._factories.map((f) => f.getProtocol().toLowerCase());
    const first = this._factories[0]?.getProtocol() ?? 'HTTP/1.1';
    const host = bound === '::' || bound === '0.0.0.0' ? '0.0.0.0' : bound.includes(':') ? `[${bound}]` : bound;
    return `${this._name ?? 'ServerConnector'}@${this._identity}{${first}, (${protocols.join(', ')})}{${host}:${this._localPort}}`;
  }

  override dumpSelf(): string {
    const name = this._name ? `${this._name}@` : '';
    return `ServerConnector@${name}${this.getState()}{${this.getProtocols().join(',').toUpperCase() || 'HTTP/1.1'},[${this.getProtocols().join(',')}]}{${this._host ?? '0.0.0.0'}:${this._localPort > 0 ? this._localPort : this._port}}`;
  }
  override toString(): string {
    return this.dumpSelf();
  }
}

function stripV4Mapped(addr: string): string {
  return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
}
