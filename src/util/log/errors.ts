/**
 * The error of the logging area: a logging property with a value it cannot use.
 * @module
 */
import { UsageError } from '../errors';

/**
 * A logging property (from `jetty-logging.properties` or a `-D` argument) whose value is not one the
 * logging accepts. A UsageError, so the launcher stops with exit code 2 and this one line.
 */
export class LogConfigurationError extends UsageError {
  constructor(
    message: string,
    readonly origin: string,
    readonly key: string,
  ) {
    super(message);
  }
}
