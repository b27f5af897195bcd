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
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column = 1,
    options?: { cause?: unknown },
  ) {
    super(`${message} (${file}:${line}:${column})`, options);
    this.name = new.target.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * A compiled file of an area that fails to load (a broken import, a syntax error, a throw at its top
 * level): the start stops with the file and the cause, on one line.
 */
export class ClassLoadError extends UsageError {
  constructor(
    readonly area: string,
    readonly at: { readonly file: string; readonly line: number },
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message.split('\n')[0]}` : String(cause);
    super(`Cannot load the ${area} classes: ${at.file}${at.line > 0 ? `:${at.line}` : ''}: ${reason}`, UsageError.ERR_UNKNOWN, { cause });
  }
}
