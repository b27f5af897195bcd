/**
 * A TCP proxy on 127.0.0.1 that a test controls, between Pier and a shared server (a database): `cut()`
 * drops every connection and refuses new ones, `stall()` keeps every connection open but forwards nothing
 * (a server that stopped answering), `restore()` lets them through again. It lets a test take
 * the database away from Pier without stopping the database other people use.
 * @module
 */
import * as net from 'node:net';

export class TcpProxy {
  private readonly _server: net.Server;
  private readonly _sockets = new Set<net.Socket>();
  /** Each open client connection and its upstream (null until connected: accepted while stalled). */
  private readonly _pairs = new Map<net.Socket, net.Socket | null>();
  private _mode: 'open' | 'cut' | 'hang' | 'stall' = 'open';
  private _port = 0;

  private constructor(
    private readonly _targetPort: number,
    private readonly _targetHost: string,
  ) {
    this._server = net.createServer((client) => this.accept(client));
  }

  /** Listens on a free port of 127.0.0.1 and forwards to targetHost:targetPort. */
  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const p = new TcpProxy(targetPort, targetHost);
    await new Promise<void>((resolve, reject) => {
      p._server.once('error', reject);
      p._server.listen(0, '127.0.0.1', () => resolve());
    });
    p._port = (p._server.address() as net.AddressInfo).port;
    return p;
  }

  get port(): number {
    return this._port;
  }

  private track(s: net.Socket): void {
    this._sockets.add(s);
    s.on('close', () => this._sockets.delete(s));
  }

  private accept(client: net.Socket): void {
    if (this._mode === 'cut') {
      client.destroy();
      return;
    }
    this.track(client);
    client.on('error', () => client.destroy());
    if (this._mode === 'hang') return;
    this._pairs.set(client, null);
    client.on('close', () => {
      this._pairs.get(client)?.destroy();
      this._pairs.delete(client);
    });
    // stalled: accepted (the client's connect succeeds) and connected upstream only when restored
    if (this._mode === 'stall') {
      client.pause();
      return;
    }
    this.connectUpstream(client);
  }

  private connectUpstream(client: net.Socket): void {
    const upstream = net.connect(this._targetPort, this._targetHost);
    this.track(upstream);
    this._pairs.set(client, upstream);
    upstream.on('error', () => {
      client.destroy();
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private dropAll(): void {
    for (const s of this._sockets) s.destroy();
    this._sockets.clear();
  }

  /** The database is gone: every open connection drops, new ones are closed as they arrive. */
  cut(): void {
    this._mode = 'cut';
    this.dropAll();
  }

  /** The database hangs: open connections drop, new ones are accepted and never answered. */
  hang(): void {
    this._mode = 'hang';
    this.dropAll();
  }

  /**
   * The database stops answering, as a hung server does: every connection stays open, and nothing is
   * forwarded either way (bytes wait in the proxy) until restore(). Unlike hang(), no connection drops,
   * so a client cannot learn of the outage from a closed connection: every statement meets silence.
   */
  stall(): void {
    this._mode = 'stall';
    for (const [client, upstream] of this._pairs) {
      if (upstream === null) continue;
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** The database is back: connections go through again (stalled ones resume where they stopped). */
  restore(): void {
    const wasStalled = this._mode === 'stall';
    this._mode = 'open';
    if (!wasStalled) return;
    for (const [client, upstream] of this._pairs) {
      if (client.destroyed) continue;
      if (upstream === null) {
        this.connectUpstream(client);
        continue;
      }
      client.pipe(upstream);
      upstream.pipe(client);
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this._server.close(() => resolve()));
  }
}
