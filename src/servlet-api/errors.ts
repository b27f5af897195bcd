/**
 * Errors of the servlet API: ServletException, UnavailableException and IllegalStateException under
 * their Java names, so servlet code reads the same as in Java.
 * @module
 */
import { PierError } from '../util/errors';

/** A servlet or filter failed (javax.servlet.ServletException). */
export class ServletException extends PierError {}

/** A servlet or filter is not available (javax.servlet.UnavailableException). */
export class UnavailableException extends ServletException {}

/** A call made in the wrong state, e.g. getSession(true) after commit (java.lang.IllegalStateException). */
export class IllegalStateException extends PierError {}

/** An error that carries the HTTP status it should produce (Hono's HTTPException). */
export class HttpException extends PierError {
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
