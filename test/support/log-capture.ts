/**
 * Captures the interpreter's log records during a test (no console output).
 * @module
 */
import { IocLogLevel, setIocLogSink } from '../../src/ioc/logger';
import { SourceLocation } from '../../src/util/errors';

export interface LogRecord { level: IocLogLevel; message: string; location?: SourceLocation }

/** Installs a capturing sink in beforeEach and restores the previous one in afterEach; returns the live list. */
export function captureIocLog(): LogRecord[] {
  const records: LogRecord[] = [];
  let prev: ReturnType<typeof setIocLogSink> | undefined;
  beforeEach(() => {
    records.length = 0;
    prev = setIocLogSink((level, message, location) => { records.push({ level, message, location }); });
  });
  afterEach(() => { if (prev) setIocLogSink(prev); });
  return records;
}
