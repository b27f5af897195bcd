/**
 * Captures log records during a test (no console output): the appender setup.ts installs hands every
 * record to the captures active at that moment, and prints it only when PIER_TEST_LOG is set.
 * @module
 */
import * as sinon from 'sinon';
import type { IocLogLevel } from '../../src/ioc/logger';
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
      const captured: CapturedRecord = {
        level: logLevelName(record.level),
        logger: record.logger,
        message: record.message,
        thrown: record.thrown,
        record,
      };
      for (const l of listeners) l(captured);
    }
    if (process.env.PIER_TEST_LOG) stdErrAppender(record);
  });
}

/** Calls `listener` with every record until the returned function is called. */
export function onLogRecord(listener: (r: CapturedRecord) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Collects the records logged while `fn` runs (and until the promise it returns settles). */
export async function withLogCapture<T>(fn: (records: CapturedRecord[]) => Promise<T> | T): Promise<T> {
  const records: CapturedRecord[] = [];
  const stop = onLogRecord((r) => {
    records.push(r);
  });
  try {
    return await fn(records);
  } finally {
    stop();
  }
}

/** Registers mocha hooks that collect the records of each test; returns the live list (emptied before each test). */
export function captureLog(): CapturedRecord[] {
  const records: CapturedRecord[] = [];
  let stop: (() => void) | undefined;
  beforeEach(() => {
    records.length = 0;
    stop = onLogRecord((r) => {
      records.push(r);
    });
  });
  afterEach(() => {
    stop?.();
  });
  return records;
}

/** A sinon spy called with the message of each matching record, until `restore()` or the end of the test. */
export type LogSpy = sinon.SinonSpy<[string], void> & { restore(): void };

const spies = new Set<() => void>();

/**
 * A spy called with the message of every record at `level` (default WARN) of the logger `logger`
 * (default: the session layer's `org.eclipse.jetty.server.session`; null: any logger). It stops at
 * `restore()` or, at the latest, after the current test (setup.ts calls stopLogSpies()).
 */
export function spyOnLog(level = 'WARN', logger: string | null = 'org.eclipse.jetty.server.session'): LogSpy {
  const spy = sinon.spy((_message: string): void => undefined);
  const stop = onLogRecord((r) => {
    if (r.level === level && (logger === null || r.logger === logger)) spy(r.message);
  });
  const restore = (): void => {
    stop();
    spies.delete(restore);
  };
  spies.add(restore);
  return Object.assign(spy, { restore });
}

/** Stops every spy of spyOnLog (after each test). */
export function stopLogSpies(): void {
  for (const restore of [...spies]) restore();
}

/** Runs `fn` with the logging configured by `properties`, then restores the previous configuration. */
export async function withLogProperties<T>(properties: Record<string, string>, fn: () => Promise<T> | T): Promise<T> {
  const previous = Log.getConfiguration();
  Log.configure(LogConfiguration.fromProperties(properties, 'test'));
  try {
    return await fn();
  } finally {
    Log.configure(previous);
  }
}

export interface LogRecordOfIoc {
  level: IocLogLevel;
  message: string;
  location?: SourceLocation;
}

/**
 * Registers mocha hooks that collect the records of the XML interpreter's logger
 * (`org.eclipse.jetty.xml.XmlConfiguration`) as level, message and the `file:line:column` that leads it.
 */
export function captureIocLog(): LogRecordOfIoc[] {
  const records: LogRecordOfIoc[] = [];
  let stop: (() => void) | undefined;
  beforeEach(() => {
    records.length = 0;
    stop = onLogRecord((r) => {
      if (r.logger === 'org.eclipse.jetty.xml.XmlConfiguration') records.push(iocRecordOf(r));
    });
  });
  afterEach(() => {
    stop?.();
  });
  return records;
}

/** A record of the interpreter's logger split into its location and message. */
export function iocRecordOf(r: CapturedRecord): LogRecordOfIoc {
  const level = r.level.toLowerCase() as IocLogLevel;
  const m = /^(.+):(\d+):(\d+): ([\s\S]*)$/.exec(r.message);
  return m ? { level, message: m[4], location: { file: m[1], line: Number(m[2]), column: Number(m[3]) } } : { level, message: r.message };
}
