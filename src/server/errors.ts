/**
 * Errors the server area throws on purpose: a connector that cannot bind, and bad server settings.
 * @module
 */
import { UsageError } from '../util/errors';

/**
 * A connector could not listen. Carries the Node error code (`EADDRINUSE`, `EACCES`, ...) and the exit
 * code the launcher uses (2, Jetty's bad-argument exit).
 */
export class BindError extends UsageError {
  constructor(message: string, readonly code: string, readonly host: string, readonly port: number, options?: { cause?: unknown }) {
    super(message, UsageError.ERR_BAD_ARG, options);
  }
}
