/**
 * The two output formats: Jetty 9.4 StdErrLog's line
 * (`2026-12-01 12:00:00.000:INFO:oejs.Server:main: Started @123ms`) and one JSON object per line.
 * @module
 */
import { isMainThread, threadId } from 'node:worker_threads';
import { causeChainOf } from '../errors';
import type { LogConfiguration } from './log-configuration';
import { logLevelName } from './log-level';
import type { LogRecord } from './log-record';

/** The thread column of a line: Node runs the container on one thread, `main` (a worker says which). */
const THREAD_NAME = isMainThread ? 'main' : `worker-${threadId}`;
/** StdErrLog's four-letter level tags (ERROR and TRACE are Jetty 10's levels, written out). */
const TEXT_TAGS: readonly string[] = ['ALL', 'TRACE', 'DBUG', 'INFO', 'WARN', 'ERROR', 'OFF'];

/**
 * Jetty's abbreviated logger name: each package segment becomes its first letter, the last segment is
 * kept (`org.eclipse.jetty.server.session` -> `oejs.session`); characters other than letters, digits,
 * `_` and `.` are dropped.
 */
export function condenseLoggerName(name: string): string {
  const parts = name
    .replace(/[^\w.]/g, '')
    .replace(/\.+$/, '')
    .split('.');
  let dense = '';
  for (let i = 0; i < parts.length - 1; i++) if (parts[i].length > 0) dense += parts[i].charAt(0);
  return dense.length > 0 ? `${dense}.${parts[parts.length - 1]}` : parts[parts.length - 1];
}

const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;

/** StdErrLog's escaping: `\n` becomes `|`, `\r` becomes `<`, any other control character `?` (one record, one line). */
export function escapeLogText(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (c) => (c === '\n' ? '|' : c === '\r' ? '<' : '?'));
}

let cachedSecond = Number.NaN;
let cachedPrefix = '';

/** `yyyy-MM-dd HH:mm:ss.SSS` in local time, as Jetty's DateCache writes it; the date part is cached per second. */
export function formatLogTime(time: number): string {
  const second = Math.floor(time / 1000);
  if (second !== cachedSecond) {
    const d = new Date(second * 1000);
    cachedPrefix = `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)} ${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}`;
    cachedSecond = second;
  }
  return `${cachedPrefix}.${pad(time - second * 1000, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** One record as StdErrLog writes it (without the final newline); a stack follows on its own lines when asked for. */
export function formatTextRecord(record: LogRecord, config: LogConfiguration): string {
  const name = config.isLongNames() ? record.logger : condenseLoggerName(record.logger);
  const message = config.isEscape() ? escapeLogText(record.message) : record.message;
  let line = `${formatLogTime(record.time)}:${TEXT_TAGS[record.level]}:${name}:${THREAD_NAME}: ${message}`;
  if (record.thrown !== undefined && record.stacks) line += `\n${stackText(record.thrown, config.isEscape())}`;
  return line;
}

/**
 * One record as a JSON object on one line: `time` (ISO 8601, UTC), `level`, `logger` (full name),
 * `thread`, `message`, and for a record with an error `error` (`type`, `message`, and `stack` when the
 * logger prints stacks).
 */
export function formatJsonRecord(record: LogRecord): string {
  const out: Record<string, unknown> = {
    time: new Date(record.time).toISOString(),
    level: logLevelName(record.level),
    logger: record.logger,
    thread: THREAD_NAME,
    message: record.message,
  };
  const thrown = record.thrown;
  if (thrown !== undefined) {
    const e = thrown instanceof Error ? thrown : undefined;
    out.error = {
      type: e ? e.name : typeof thrown,
      message: e ? e.message : String(thrown),
      ...(record.stacks ? { stack: stackText(thrown, false) } : {}),
    };
  }
  return JSON.stringify(out);
}

/** The stack of an error and of each of its causes (`Caused by: ...`), as Jetty prints a Throwable. */
function stackText(thrown: unknown, escape: boolean): string {
  return causeChainOf(thrown)
    .map((e, i) => {
      const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
      // each line escaped on its own: a message cannot forge a line of its own
      const lines = text.split('\n').map((l) => (escape ? escapeLogText(l) : l));
      return `${i > 0 ? 'Caused by: ' : ''}${lines.join('\n')}`;
    })
    .join('\n');
}
