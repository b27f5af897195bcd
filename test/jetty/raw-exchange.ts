/**
 * One HTTP/1.1 exchange over a raw TCP socket, so that a case can send what no HTTP client would (a broken
 * request line, a cut-off body, nothing at all) and see exactly what comes back: interim 1xx answers, the
 * status line, every header in order, the body as framed by the server, and whether the server closed.
 * With `tls`, the same over TLS (SNI `localhost`, any certificate accepted: the suite makes its own).
 * @module
 */
import * as net from 'node:net';
import * as tls from 'node:tls';

/** What a case sends, in order: bytes, a pause, a half close (FIN) or an abort (the client vanishes). */
export type Send = string | Buffer | { pauseMs: number } | { halfClose: true } | { abort: true };

export interface ExchangeOptions {
  send: Send[];
  /** Sent only once a `100 Continue` arrives (for `Expect: 100-continue`). */
  continueBody?: string | Buffer;
  /** The request is HEAD: the final response has no body whatever its headers say. */
  head?: boolean;
  /** How long to wait for the final response once everything is sent (default 10 s). */
  responseTimeoutMs?: number;
  /** How long to watch for the server closing the connection after a complete response (default 600 ms). */
  closeWatchMs?: number;
  /** Read nothing for this long after connecting (a client that does not read its response). */
  readPauseMs?: number;
  /** Connect with TLS and send once the handshake is done. */
  tls?: boolean;
  /** Over TLS: the client certificate and key (PEM) to present when the server asks for one. */
  clientCertificate?: { cert: string; key: string };
}

export type Framing = 'content-length' | 'chunked' | 'until close' | 'none';

export interface RawResponse {
  /** How the exchange ended. */
  outcome: 'response' | 'closed without a response' | 'reset without a response' | 'no response in time' | 'client aborted';
  interim: number[];
  status: number | null;
  reason: string;
  version: string;
  headers: Array<[string, string]>;
  body: Buffer;
  framing: Framing;
  /** The body arrived whole as framed (a content length reached, the last chunk seen, or the close). */
  complete: boolean;
  /** After a complete response: did the server close within the watch time? */
  afterResponse: 'closed' | 'kept open' | 'n/a';
  /** Milliseconds from connecting to the server closing, when it did. */
  closedAfterMs: number | null;
  bytesReceived: number;
  /** Bytes that arrived but never made a response head (no blank line ended them): a TLS alert, say. */
  unparsed: Buffer;
  /** Over TLS: the protocol the handshake settled on (`TLSv1.3`), or `no handshake`. */
  tlsProtocol?: string;
}

const DEFAULT_RESPONSE_TIMEOUT_MS = 10_000;
const DEFAULT_CLOSE_WATCH_MS = 600;

/** Connects to 127.0.0.1:port, sends, and reads one final response. Never rejects: a failure is an outcome. */
export function rawExchange(port: number, options: ExchangeOptions): Promise<RawResponse> {
  return new Promise((resolve) => new Exchange(port, options, resolve).begin());
}

/** A request built from its parts: `Host: localhost` unless the headers name a Host, CRLF line ends. */
export function httpRequest(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
  version = 'HTTP/1.1',
): Buffer {
  const lines = [`${method} ${target} ${version}`];
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'host')) lines.push('Host: localhost');
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined && !Object.keys(headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h))) {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body === undefined ? head : Buffer.concat([head, Buffer.from(body)]);
}

class Exchange {
  private socket: net.Socket;
  private tlsProtocol: string | undefined;
  private readonly began = Date.now();
  private buf: Buffer = Buffer.alloc(0);
  private received = 0;
  private final: { status: number; reason: string; version: string; headers: Array<[string, string]>; framing: Framing; length: number } | null =
    null;
  private readonly interim: number[] = [];
  private bodyParts: Buffer[] = [];
  private bodyLength = 0;
  private chunkState: { remaining: number; trailer: boolean } = { remaining: -1, trailer: false };
  private complete = false;
  private serverClosedAt: number | null = null;
  private settled = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly port: number,
    private readonly options: ExchangeOptions,
    private readonly resolve: (r: RawResponse) => void,
  ) {
    this.socket = new net.Socket();
  }

  begin(): void {
    const connected = (): void => {
      if (s instanceof tls.TLSSocket) this.tlsProtocol = s.getProtocol() ?? 'no handshake';
      if (this.options.readPauseMs) {
        s.pause();
        setTimeout(() => {
          if (!this.settled) s.resume();
        }, this.options.readPauseMs);
      }
      void this.sendAll();
    };
    const s = this.options.tls
      ? tls.connect(
          { host: '127.0.0.1', port: this.port, servername: 'localhost', rejectUnauthorized: false, ...this.options.clientCertificate },
          connected,
        )
      : this.socket.connect(this.port, '127.0.0.1', connected);
    this.socket = s;
    s.on('data', (d: Buffer) => this.onData(d));
    s.on('end', () => this.onServerClose());
    s.on('close', () => this.onServerClose());
    s.on('error', (err: NodeJS.ErrnoException) => this.onError(err));
  }

  private async sendAll(): Promise<void> {
    for (const step of this.options.send) {
      if (this.settled || this.socket.destroyed) return;
      if (typeof step === 'string' || Buffer.isBuffer(step)) this.socket.write(step);
      else if ('pauseMs' in step) await new Promise((r) => setTimeout(r, step.pauseMs));
      else if ('halfClose' in step) this.socket.end();
      else {
        this.socket.destroy();
        this.finish('client aborted');
        return;
      }
    }
    if (!this.complete) this.armTimeout(this.options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS, () => this.finish('no response in time'));
  }

  private armTimeout(ms: number, then: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(then, ms);
  }

  private onData(d: Buffer): void {
    this.received += d.length;
    if (this.complete) return; // bytes after the response (a second response would be a server bug, seen as such by its case)
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    this.parse();
  }

  private parse(): void {
    while (!this.final) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = this.buf.subarray(0, end).toString('latin1').split('\r\n');
      this.buf = this.buf.subarray(end + 4);
      const m = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0]);
      const status = m ? Number(m[2]) : -1;
      const headers = lines.slice(1).map((l): [string, string] => {
        const colon = l.indexOf(':');
        return colon < 0 ? [l, ''] : [l.slice(0, colon).trim(), l.slice(colon + 1).trim()];
      });
      if (status >= 100 && status < 200 && status !== 101) {
        this.interim.push(status);
        if (status === 100 && this.options.continueBody !== undefined) this.socket.write(this.options.continueBody);
        continue;
      }
      const header = (name: string): string | undefined => headers.find(([n]) => n.toLowerCase() === name)?.[1];
      let framing: Framing = 'until close';
      let length = -1;
      if (this.options.head || status === 204 || status === 304) framing = 'none';
      else if (/chunked/i.test(header('transfer-encoding') ?? '')) framing = 'chunked';
      else if (header('content-length') !== undefined) {
        framing = 'content-length';
        length = Number(header('content-length'));
      }
      this.final = { status, reason: m?.[3] ?? '', version: m?.[1] ?? lines[0], headers, framing, length };
      if (framing === 'none' || (framing === 'content-length' && length === 0)) this.markComplete();
    }
    if (this.complete) return;
    const f = this.final;
    if (f.framing === 'content-length') {
      const need = f.length - this.bodyLength;
      this.takeBody(this.buf.subarray(0, need));
      this.buf = this.buf.subarray(Math.min(need, this.buf.length));
      if (this.bodyLength >= f.length) this.markComplete();
    } else if (f.framing === 'until close') {
      this.takeBody(this.buf);
      this.buf = Buffer.alloc(0);
    } else {
      this.parseChunks();
    }
  }

  private parseChunks(): void {
    const c = this.chunkState;
    for (;;) {
      if (c.trailer) {
        if (this.buf.subarray(0, 2).toString('latin1') === '\r\n') {
          this.buf = this.buf.subarray(2);
          this.markComplete();
          return;
        }
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        this.buf = this.buf.subarray(end + 4);
        this.markComplete();
        return;
      }
      if (c.remaining < 0) {
        const eol = this.buf.indexOf('\r\n');
        if (eol < 0) return;
        const size = Number.parseInt(this.buf.subarray(0, eol).toString('latin1').split(';')[0], 16);
        this.buf = this.buf.subarray(eol + 2);
        if (!Number.isFinite(size)) {
          this.markComplete();
          return;
        }
        if (size === 0) {
          c.trailer = true;
          continue;
        }
        c.remaining = size;
      }
      if (c.remaining > 0) {
        const take = this.buf.subarray(0, c.remaining);
        this.takeBody(take);
        c.remaining -= take.length;
        this.buf = this.buf.subarray(take.length);
        if (c.remaining > 0) return;
      }
      // the chunk's data is in: its CRLF follows
      if (this.buf.length < 2) return;
      this.buf = this.buf.subarray(2);
      c.remaining = -1;
    }
  }

  private takeBody(b: Buffer): void {
    if (b.length === 0) return;
    this.bodyParts.push(Buffer.from(b));
    this.bodyLength += b.length;
  }

  private markComplete(): void {
    this.complete = true;
    this.armTimeout(this.options.closeWatchMs ?? DEFAULT_CLOSE_WATCH_MS, () => this.finish('response'));
  }

  private onServerClose(): void {
    if (this.serverClosedAt === null) this.serverClosedAt = Date.now();
    if (this.settled) return;
    if (this.final && !this.complete && this.final.framing === 'until close') this.complete = true;
    this.finish(this.final ? 'response' : 'closed without a response');
  }

  private onError(err: NodeJS.ErrnoException): void {
    if (this.serverClosedAt === null) this.serverClosedAt = Date.now();
    if (this.settled) return;
    this.finish(this.final ? 'response' : err.code === 'ECONNRESET' ? 'reset without a response' : 'closed without a response');
  }

  private finish(outcome: RawResponse['outcome']): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    const f = this.final;
    const closed = this.serverClosedAt !== null;
    this.socket.destroy();
    this.resolve({
      outcome: f && outcome !== 'client aborted' ? 'response' : outcome,
      interim: this.interim,
      status: f?.status ?? null,
      reason: f?.reason ?? '',
      version: f?.version ?? '',
      headers: f?.headers ?? [],
      body: Buffer.concat(this.bodyParts),
      framing: f?.framing ?? 'none',
      complete: this.complete,
      afterResponse: !f || !this.complete ? 'n/a' : closed ? 'closed' : 'kept open',
      closedAfterMs: closed ? this.serverClosedAt! - this.began : null,
      bytesReceived: this.received,
      unparsed: f ? Buffer.alloc(0) : this.buf,
      ...(this.options.tls ? { tlsProtocol: this.tlsProtocol ?? 'no handshake' } : {}),
    });
  }
}
