/**
 * The request body as the application reads it (org.eclipse.jetty.server.HttpInput): a Readable over
 * Node's IncomingMessage that sends `100 Continue` when it is first read, fails with EofException when
 * the body is cut off, and can be failed by the connection (idle timeout, a bad chunk).
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { EofException } from './errors';

function ignore(): void {
  /* the reader sees the error through its read; nobody else has to */
}

/**
 * Jetty's HttpInput. Created by the Request the first time its body is read, never for a request whose
 * body nobody reads. Back-pressure: the client's bytes are taken from the socket only as fast as the
 * reader consumes them.
 */
export class HttpInput extends Readable {
  private _started = false;
  /** A read is waiting for bytes that the client has not sent yet. */
  private _waiting = false;
  private _ended = false;

  /** `onFirstRead` runs once, before the first byte is asked for (it sends `100 Continue` when one is expected). */
  constructor(
    private readonly _raw: IncomingMessage,
    private readonly _onFirstRead: (() => void) | null,
  ) {
    super();
    // a reader that stopped listening must not crash the process when the connection fails afterwards
    this.on('error', ignore);
  }

  /** True while a reader waits for body bytes the client has not sent (what an idle timeout fails). */
  isReadPending(): boolean {
    return this._waiting && !this._ended && !this.destroyed;
  }

  /** True once the whole body arrived. */
  isFinished(): boolean {
    return this._ended;
  }

  /** Fails the reader with `err` (an idle timeout, a body the parser refused); nothing once the body is whole. */
  fail(err: Error): void {
    if (this._ended || this.destroyed) return;
    this.destroy(err);
  }

  override _read(): void {
    const raw = this._raw;
    if (!this._started) {
      this._started = true;
      this._onFirstRead?.();
      if (raw.readableEnded) {
        this._ended = true;
        this.push(null);
        return;
      }
      // The client may have left before anyone read (while the request waited for a session store, say):
      // the raw request's 'close' has then been emitted already, and listening for it would wait forever.
      if (raw.destroyed) {
        this.destroy(new EofException('Early EOF', raw.errored ? { cause: raw.errored } : undefined));
        return;
      }
      raw.on('data', this.onData);
      raw.on('end', this.onEnd);
      raw.on('error', this.onAbort);
      raw.on('close', this.onClose);
    }
    this._waiting = true;
    raw.resume();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this._waiting = false;
    const raw = this._raw;
    raw.off('data', this.onData);
    raw.off('end', this.onEnd);
    raw.off('error', this.onAbort);
    raw.off('close', this.onClose);
    callback(err);
  }

  private readonly onData = (chunk: Buffer): void => {
    this._waiting = false;
    if (!this.push(chunk)) this._raw.pause();
  };

  private readonly onEnd = (): void => {
    this._waiting = false;
    this._ended = true;
    this.push(null);
  };

  private readonly onAbort = (err: Error): void => {
    if (!this._ended) this.destroy(new EofException('Early EOF', { cause: err }));
  };

  private readonly onClose = (): void => {
    if (!this._ended) this.destroy(new EofException('Early EOF'));
  };
}
