/**
 * Errors the server area throws on purpose: a connector that cannot bind, and bad server settings.
 * @module
 */
import { PierError, UsageError } from '../util/errors';

/**
 * A connector could not listen. Carries the Node error code (`EADDRINUSE`, `EACCES`, ...) and the exit
 * code the launcher uses (2, Jetty's bad-argument exit).
 */
export class BindError extends UsageError {
  constructor(
    message: string,
    readonly code: string,
    readonly host: string,
    readonly port: number,
    options?: { cause?: unknown },
  ) {
    super(message, UsageError.ERR_BAD_ARG, options);
  }
}

/**
 * The connection ended before the exchange did: the client went away, or the request body was cut off
 * (org.eclipse.jetty.io.EofException, "Early EOF"). Nothing is wrong with the server: it is not logged
 * as a failure.
 */
export class EofException extends PierError {}

/**
 * A read or write on a connection made no progress for the idle timeout (Jetty raises
 * java.util.concurrent.TimeoutException "Idle timeout expired: 30000/30000 ms" inside an IOException).
 */
export class TimeoutException extends PierError {}

/**
 * A request refused before it reaches a handler, with Jetty's status and reason
 * (org.eclipse.jetty.http.BadMessageException): a customizer throws it, the connector answers it in
 * Jetty's bad-message format and closes the connection.
 */
export class BadMessageException extends PierError {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`${status} ${reason}`);
  }
}
