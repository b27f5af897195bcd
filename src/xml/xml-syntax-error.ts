/**
 * The error thrown for text that is not well-formed XML, or that the parser refuses for safety.
 * @module
 */
import { SourceLocation, formatLocation } from '../util/errors';

/**
 * A malformed or refused XML document (Jetty's `SAXParseException`), located by file, line and column.
 * It extends the built-in `SyntaxError`, following the house style for syntax errors.
 */
export class XmlSyntaxError extends SyntaxError {
  readonly file: string;
  readonly line: number;
  readonly column: number;

  constructor(detail: string, location: SourceLocation, options?: { cause?: unknown }) {
    super(`${formatLocation(location)}: ${detail}`, options);
    this.name = 'XmlSyntaxError';
    Object.setPrototypeOf(this, new.target.prototype);
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }

  /** The location as a SourceLocation. */
  get location(): SourceLocation {
    return { file: this.file, line: this.line, column: this.column };
  }
}
