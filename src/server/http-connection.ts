/**
 * One HTTP/1 connection (org.eclipse.jetty.server.HttpConnection): the exchanges in flight on a
 * socket, Jetty's idle timeout (a read or write that makes no progress for idleTimeout ends the
 * connection, and a request body a reader waits for fails), the end of every exchange when the socket
 * closes, and the answer to a request Node's parser refused.
 * @module
 */
import type { Socket } from 'node:net';
import { type BadMessageSettings, badMessageBytes, badMessageOfParserError } from './bad-message';
import { EofException, TimeoutException } from './errors';
import type { ConnectionInfo, Request } from './request';

/**
 * Jetty's HttpConnection, one per socket, created by the ServerConnector when the socket is accepted.
 * The idle timer is the socket's own (`socket.setTimeout`), which Node refreshes on every read and on
 * every write that makes progress: no timer is created or rescheduled per request.
 */
export class HttpConnection {
  /** Exchanges begun and not yet done, oldest first (more than one only when requests are pipelined). */
  private readonly _exchanges: Request[] = [];
  /** Why the connector closed the connection (null: the client did, or it has not closed). */
  private _closeCause: Error | null = null;
  /** A request on it was refused or cut off: later parser errors on the same bytes are not answered again. */
  private _broken = false;

  constructor(
    readonly socket: Socket,
    readonly info: ConnectionInfo,
    private readonly _idleTimeout: number,
  ) {}

  /** The connector answered a request on it as a bad message: the parser's later errors are not answered again. */
  markBroken(): void {
    this._broken = true;
  }

  /** Exchanges in flight on this connection. */
  getExchangeCount(): number {
    return this._exchanges.length;
  }

  /** An exchange started. */
  begin(request: Request): void {
    this._exchanges.push(request);
  }

  /** An exchange ended. */
  end(request: Request): void {
    const list = this._exchanges;
    const i = list[0] === request ? 0 : list.indexOf(request);
    if (i === 0) list.shift();
    else if (i > 0) list.splice(i, 1);
  }

  /**
   * The idle timeout expired: nothing was read or written for idleTimeout. Between requests (a silent
   * new connection, a kept-alive one, half a request head) the connection closes without an answer.
   * A response the client does not read closes it too (a streamed file stops with it). A body a reader
   * waits for fails with TimeoutException (the exchange answers 500 and the connection closes after).
   * An exchange that is busy without I/O is not expired, as in Jetty: the timer starts again.
   */
  onIdleExpired(): void {
    const socket = this.socket;
    const exchange = this._exchanges.length > 0 ? this._exchanges[this._exchanges.length - 1] : undefined;
    if (exchange === undefined) {
      socket.destroy();
      return;
    }
    const timeout = this._idleTimeout;
    if (socket.writableLength > 0) {
      this._closeCause = new TimeoutException(`Idle timeout expired: ${timeout}/${timeout} ms`);
      socket.destroy();
      return;
    }
    const input = exchange.getHttpInputIfStarted();
    if (input !== null && input.isReadPending()) {
      exchange.closeConnectionAfterResponse();
      input.fail(new TimeoutException(`Idle timeout expired: ${timeout}/${timeout} ms`));
    }
    socket.setTimeout(timeout);
  }

  /** The socket closed: every exchange still in flight learns it (its completion and flushes stop waiting). */
  onClose(): void {
    const list = this._exchanges;
    if (list.length === 0) return;
    const cause = this._closeCause ?? new EofException('Closed');
    for (const exchange of [...list]) exchange.getResponse().connectionClosed(cause);
  }

  /**
   * Node's parser refused what the client sent. Mid-body (a bad chunk), the exchange reading it fails
   * with EofException as in Jetty (its answer, then the connection ends). Otherwise the client gets
   * Jetty's bad-message answer and the connection ends; a reset connection just closes.
   */
  onParserError(err: Error, settings: BadMessageSettings): void {
    const socket = this.socket;
    if (this._broken) return;
    this._broken = true;
    const exchange = this._exchanges.length > 0 ? this._exchanges[this._exchanges.length - 1] : undefined;
    if (exchange !== undefined) {
      socket.pause();
      exchange.closeConnectionAfterResponse();
      if (!exchange.getRawRequest().complete) exchange.failInput(new EofException('Early EOF', { cause: err }));
      return;
    }
    // the parser cannot go on: read nothing more (the idle timeout still closes a client that stays)
    socket.pause();
    const message = badMessageOfParserError(err);
    if (message === null || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(badMessageBytes(message, settings));
  }
}
