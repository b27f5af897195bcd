/**
 * One log event as an appender receives it, and the appender type.
 * @module
 */
import type { LogLevel } from './log-level';

/** A record that passed its logger's level. */
export interface LogRecord {
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly level: LogLevel;
  /** The logger's full name (`org.eclipse.jetty.server.session`). */
  readonly logger: string;
  /** The message with its `{}` placeholders filled in, not yet escaped. */
  readonly message: string;
  /** The Error given as the last argument, if any. */
  readonly thrown?: unknown;
  /** Whether the logger's configuration asks for the stack of `thrown` (`<name>.STACKS`). */
  readonly stacks: boolean;
}

/** Receives every record that passed its logger's level; must not throw and should not block for long. */
export type LogAppender = (record: LogRecord) => void;
