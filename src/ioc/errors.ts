/**
 * The errors the XML interpreter throws: located configuration errors and unknown classes.
 * @module
 */
import { PierError, SourceLocation, formatLocation } from '../util/errors';

function causeLines(cause: unknown, detail: string): string {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let cur = cause;
  for (let depth = 0; cur !== undefined && cur !== null && !seen.has(cur) && depth < 16; depth++) {
    seen.add(cur);
    const msg = cur instanceof Error ? `${cur.name}: ${cur.message}` : String(cur);
    if (depth === 0 && cur instanceof Error && detail.includes(cur.message)) {
      cur = (cur as Error & { cause?: unknown }).cause;
      continue;
    }
    out.push(`  caused by: ${msg.split('\n').join('\n    ')}`);
    if (cur instanceof XmlConfigurationError) break; // its own message already lists its causes
    cur = cur instanceof Error ? (cur as Error & { cause?: unknown }).cause : undefined;
  }
  return out.length > 0 ? `\n${out.join('\n')}` : '';
}

/**
 * A failure while applying a Jetty XML file (Jetty throws raw reflection exceptions or
 * IllegalStateException without a line; we add the location and the element path).
 * The message reads `file:line:column: Cannot ...: detail`, then `  at <element path>`, then the causes.
 */
export class XmlConfigurationError extends PierError {
  readonly location: SourceLocation;
  readonly elementPath: string;
  /** The message without location, path or causes. */
  readonly detail: string;

  /** The property whose value was wrong, when a property was the whole value that failed. */
  readonly property: { readonly name: string; readonly value: string } | undefined;

  constructor(
    detail: string,
    location: SourceLocation,
    elementPath: string,
    options?: { cause?: unknown; property?: { readonly name: string; readonly value: string } },
  ) {
    super(`${formatLocation(location)}: ${detail}\n  at ${elementPath}${causeLines(options?.cause, detail)}`, options);
    this.detail = detail;
    this.location = location;
    this.elementPath = elementPath;
    this.property = options?.property;
  }
}

/** A class name that the registry does not know; lists the closest registered names. */
export class UnknownClassError extends PierError {
  constructor(
    readonly className: string,
    readonly suggestions: readonly string[],
  ) {
    super(
      `Cannot find class '${className}': it is not registered${
        suggestions.length > 0
          ? `; did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?`
          : ' (XML can only reach classes declared with @JettyClass)'
      }`,
    );
  }
}
