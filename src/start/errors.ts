/**
 * Errors of the launcher: malformed module and ini files, and usage errors that end the process.
 * @module
 */
import { UsageError } from '../util/errors';

export { UsageError };

/**
 * A malformed `*.mod` file (Jetty's start.jar reports these as a plain exception without a line).
 * Carries the file and the 1-based line and column of the offending text.
 */
export class ModuleSyntaxError extends SyntaxError {
  constructor(message: string, readonly file: string, readonly line: number, readonly column = 1, options?: { cause?: unknown }) {
    super(`${message} (${file}:${line}:${column})`, options);
    this.name = new.target.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
