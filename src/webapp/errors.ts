/**
 * The errors the web-app layer throws: descriptor errors (with the file:line:column of the element)
 * and class-loading errors (with the file the class was looked for in).
 * @module
 */
import { PierError, SourceLocation, formatLocation } from '../util/errors';
import type { ScriptLocation } from './script-error-location';

/** A `web.xml` (or webdefault/override descriptor) that cannot be read or applied. */
export class DescriptorError extends PierError {
  constructor(
    message: string,
    readonly location: SourceLocation | undefined,
    options?: { cause?: unknown },
  ) {
    super(location ? `${formatLocation(location)}: ${message}` : message, options);
  }
}

/** A class named by a descriptor (`<servlet-class>`, `<filter-class>`, `<listener-class>`) that cannot be loaded. */
export class WebAppClassNotFoundError extends PierError {
  constructor(
    message: string,
    readonly className: string,
    readonly searched: readonly string[],
    options?: { cause?: unknown; location?: ScriptLocation },
  ) {
    super(message, options);
    this.location = options?.location;
  }
  /** Where the class's file (or a file it requires) went wrong, when Node said so. */
  readonly location: ScriptLocation | undefined;
}

/** A web app that cannot be configured or started (bad war path, unsupported archive, ...). */
export class WebAppError extends PierError {}

/**
 * An error and its causes on one line, for log lines: each cause is added only when its message is
 * not already part of the text (our messages usually embed their cause's message).
 */
export function summarizeError(err: unknown): string {
  let text = '';
  const seen = new Set<unknown>();
  for (let cur = err, depth = 0; cur !== undefined && cur !== null && !seen.has(cur) && depth < 16; depth++) {
    seen.add(cur);
    const msg = (cur instanceof Error ? cur.message : String(cur))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('caused by:'))
      .join(' ');
    if (!text.includes(msg)) text = text ? `${text} (caused by: ${msg})` : msg;
    cur = cur instanceof Error ? (cur as Error & { cause?: unknown }).cause : undefined;
  }
  return text;
}
