/**
 * A tiny logger for the interpreter's warnings (deprecated members, ignored args, unknown value tags).
 * @module
 */
import { SourceLocation, formatLocation } from '../util/errors';

export type IocLogLevel = 'warn' | 'info' | 'debug';

/** Receives every log record; replace it with setIocLogSink (tests capture, the launcher prints). */
export type IocLogSink = (level: IocLogLevel, message: string, location?: SourceLocation) => void;

const stderrSink: IocLogSink = (level, message, location) => {
  if (level === 'debug' && !process.env.PIER_DEBUG) return;
  process.stderr.write(`${level.toUpperCase()} ${location ? `${formatLocation(location)}: ` : ''}${message}\n`);
};

let sink: IocLogSink = stderrSink;

/** Installs a sink and returns the previous one. */
export function setIocLogSink(next: IocLogSink): IocLogSink {
  const prev = sink;
  sink = next;
  return prev;
}

/** The logger used by the interpreter. */
export const iocLog = {
  warn(message: string, location?: SourceLocation): void { sink('warn', message, location); },
  info(message: string, location?: SourceLocation): void { sink('info', message, location); },
  debug(message: string, location?: SourceLocation): void { sink('debug', message, location); },
};
