/**
 * The errors the session machinery throws on purpose (Jetty's UnreadableSessionDataException,
 * UnwriteableSessionDataException and the IllegalStateExceptions of Session).
 * @module
 */
import { PierError } from '../util/errors';

/** Where a session lives: enough to name it in a message. */
export interface SessionLocator {
  readonly canonicalContextPath: string;
  readonly vhost: string;
}

function where(ctx: SessionLocator | null | undefined): string {
  return ctx ? ` in context '${ctx.canonicalContextPath}' vhost '${ctx.vhost}'` : '';
}

/** Stored data for a session exists but cannot be decoded (Jetty's UnreadableSessionDataException). */
export class UnreadableSessionDataError extends PierError {
  /** Set by whoever logged this failure, so that it is reported once. */
  reported = false;
  constructor(
    readonly id: string,
    readonly context: SessionLocator | null,
    options?: { cause?: unknown },
  ) {
    super(`Cannot read session '${id}'${where(context)}: ${describe(options?.cause)}`, options);
  }
}

/**
 * Session data cannot be written (Jetty's UnwriteableSessionDataException): an attribute value the codec
 * cannot encode, or an I/O failure. `attribute` names the offending attribute when there is one.
 */
export class UnwritableSessionDataError extends PierError {
  constructor(
    readonly id: string,
    readonly context: SessionLocator | null,
    readonly attribute?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot write session '${id}'${where(context)}${attribute !== undefined ? `: attribute '${attribute}'` : ''}: ${describe(options?.cause)}`,
      options,
    );
  }
}

/** An operation that the session's state forbids (Java's IllegalStateException). */
export class IllegalStateError extends PierError {}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return cause === undefined ? 'unknown reason' : String(cause);
}
