/**
 * A TCP proxy on 127.0.0.1 that a test controls, between Pier and a shared server (a database): `cut()`
 * drops every connection and refuses new ones, `restore()` lets them through again. It lets a test take
 * the database away from Pier without stopping the database other people use.
 * @module
 */
import * as net from 'node:net';

export class TcpProxy {
  private readonly _server: net.Server;
  private readonly _sockets = new Set<net.Socket>();
  private _mode: 'open' | 'cut' | 'hang' = 'open';
  private _port = 0;

  private constructor(private readonly _targetPort: number, private readonly _targetHost: string) {
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

  get port(): number { return this._port; }

  private track(s: net.Socket): void {
    this._sockets.add(s);
    s.on('close', () => this._sockets.delete(s));
  }

  private accept(client: net.Socket): void {
    if (this._mode === 'cut') { client.destroy(); return; }
    this.track(client);
    client.on('error', () => client.destroy());
    if (this._mode === 'hang') return;
    const upstream = net.connect(this._targetPort, this._targetHost);
    this.track(upstream);
    upstream.on('error', () => { client.destroy(); upstream.destroy(); });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private dropAll(): void {
    for (const s of this._sockets) s.destroy();
    this._sockets.clear();
  }

  /** The database is gone: every open connection drops, new ones are closed as they arrive. */
  cut(): void { this._mode = 'cut'; this.dropAll(); }

  /** The database hangs: open connections drop, new ones are accepted and never answered. */
  hang(): void { this._mode = 'hang'; this.dropAll(); }

  /** The database is back: connections go through again. */
  restore(): void { this._mode = 'open'; }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this._server.close(() => resolve()));
  }
}
