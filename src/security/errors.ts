/**
 * The errors the security layer throws: a realm file that cannot be read or has a bad line (with its
 * file:line:column), and a security configuration that cannot work (no login service, an unknown auth
 * method, a role used but not declared), located at the descriptor element when there is one.
 * @module
 */
import { PierError, type SourceLocation, formatLocation } from '../util/errors';

/** A realm properties file that cannot be read, or a line of it that cannot be used. */
export class RealmFileError extends PierError {
  constructor(
    message: string,
    readonly location: SourceLocation | { file: string },
    options?: { cause?: unknown },
  ) {
    super(`${'line' in location ? formatLocation(location) : location.file}: ${message}`, options);
  }
}

/** A security configuration that cannot be enforced as written: the context does not start. */
export class SecurityConfigError extends PierError {
  constructor(
    message: string,
    readonly location?: SourceLocation | null,
    options?: { cause?: unknown },
  ) {
    super(location ? `${formatLocation(location)}: ${message}` : message, options);
  }
}
