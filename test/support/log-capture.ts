/**
 * Captures log records during a test (no console output): the appender setup.ts installs hands every
 * record to the captures active at that moment, and prints it only when PIER_TEST_LOG is set.
 * @module
 */
import { IocLogLevel, setIocLogSink } from '../../src/ioc/logger';
import { SourceLocation } from '../../src/util/errors';
import { Log, LogConfiguration, logLevelName, stdErrAppender, type LogRecord } from '../../src/util/log';

/** A record as tests see it: the level's name (`WARN`), the logger's full name, the message and the attached error. */
export interface CapturedRecord {
  readonly level: string;
  readonly logger: string;
  readonly message: string;
  readonly thrown?: unknown;
  /** The record as the appender received it. */
  readonly record: LogRecord;
}

const listeners = new Set<(r: CapturedRecord) => void>();

/** Installs the test appender (setup.ts does, once). */
export function installTestAppender(): void {
  Log.setAppender((record) => {
    if (listeners.size > 0) {
      const captured: CapturedRecord = { level: logLevelName(record.level), logger: record.logger, message: record.message, thrown: record.thrown, record };
      for (const l of listeners) l(captured);
    }
    if (process.env.PIER_TEST_LOG) stdErrAppender(record);
  });
}

/** Calls `listener` with every record until the returned function is called. */
export function onLogRecord(listener: (r: CapturedRecord) => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

/** Collects the records logged while `fn` runs (and until the promise it returns settles). */
export async function withLogCapture<T>(fn: (records: CapturedRecord[]) => Promise<T> | T): Promise<T> {
  const records: CapturedRecord[] = [];
  const stop = onLogRecord((r) => { records.push(r); });
  try { return await fn(records); } finally { stop(); }
}

/** Registers mocha hooks that collect the records of each test; returns the live list (emptied before each test). */
export function captureLog(): CapturedRecord[] {
  const records: CapturedRecord[] = [];
  let stop: (() => void) | undefined;
  beforeEach(() => {
    records.length = 0;
    stop = onLogRecord((r) => { records.push(r); });
  });
  afterEach(() => { stop?.(); });
  return records;
}

/** Runs `fn` with the logging configured by `properties`, then restores the previous configuration. */
export async function withLogProperties<T>(properties: Record<string, string>, fn: () => Promise<T> | T): Promise<T> {
  const previous = Log.getConfiguration();
  Log.configure(LogConfiguration.fromProperties(properties, 'test'));
  try { return await fn(); } finally { Log.configure(previous); }
}

export interface LogRecordOfIoc { level: IocLogLevel; message: string; location?: SourceLocation }

/** Installs a capturing sink in beforeEach and restores the previous one in afterEach; returns the live list. */
export function captureIocLog(): LogRecordOfIoc[] {
  const records: LogRecordOfIoc[] = [];
  let prev: ReturnType<typeof setIocLogSink> | undefined;
  beforeEach(() => {
    records.length = 0;
    prev = setIocLogSink((level, message, location) => { records.push({ level, message, location }); });
  });
  afterEach(() => { if (prev) setIocLogSink(prev); });
  return records;
}
