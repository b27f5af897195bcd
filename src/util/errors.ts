/**
 * The base of every error Pier throws on purpose, and the source location that config errors carry.
 * @module
 */

/** Where something was written: a file (or a name given to a string), a line and a column, both 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Formats a location as `file:line:column`. */
export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/**
 * Base class: sets `name` from the subclass (as TypeORM's TypeORMError does) and always keeps `cause`.
 */
export class PierError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** An error that knows the process exit code the launcher should use (Jetty's UsageException). */
export class UsageError extends PierError {
  static readonly ERR_LOGGING = 1;
  static readonly ERR_BAD_ARG = 2;
  static readonly ERR_BAD_GRAPH = 3;
  static readonly ERR_NOT_STOPPED = 4;
  static readonly ERR_UNKNOWN = 5;
  static readonly ERR_BAD_STOP_PROPS = 6;
  constructor(
    message: string,
    readonly exitCode: number = UsageError.ERR_BAD_ARG,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An error followed by its causes (`cause` links), stopping at a cycle or after `max` levels. */
export function causeChainOf(err: unknown, max = 32): unknown[] {
  const chain: unknown[] = [];
  for (let cur = err; cur !== undefined && cur !== null && !chain.includes(cur) && chain.length < max;) {
    chain.push(cur);
    cur = cur instanceof Error ? (cur as Error & { cause?: unknown }).cause : undefined;
  }
  return chain;
}

/** Renders an error and its causes as an indented chain, one line per level. */
export function describeErrorChain(err: unknown): string {
  return causeChainOf(err)
    .map((e, depth) => `${'  '.repeat(depth)}${depth > 0 ? 'caused by: ' : ''}${e instanceof Error ? e.message : String(e)}`)
    .join('\n');
}

/** Renders an error and its causes on one line: `Name: message <- caused by Name: message`. */
export function describeErrorChainOneLine(err: unknown): string {
  return causeChainOf(err, 8)
    .map((e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)))
    .join(' <- caused by ');
}
