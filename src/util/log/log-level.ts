/**
 * The logging levels of Jetty's `jetty-logging.properties` (9.4's StdErrLog: ALL, DEBUG, INFO, WARN,
 * OFF; 10's adds TRACE and ERROR), lowest first.
 * @module
 */

/** A level as a number: a logger writes a record when the record's level is at least its own. */
export const LogLevel = { ALL: 0, TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, OFF: 6 } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** The names accepted in `<name>.LEVEL=...`, in level order. */
export const LOG_LEVEL_NAMES: readonly string[] = ['ALL', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'OFF'];

/** The level named `text` (any case, surrounding blanks ignored), or undefined. */
export function parseLogLevel(text: string): LogLevel | undefined {
  const i = LOG_LEVEL_NAMES.indexOf(text.trim().toUpperCase());
  return i < 0 ? undefined : (i as LogLevel);
}

/** The name of a record's level as written in a log line. */
export function logLevelName(level: LogLevel): string {
  return LOG_LEVEL_NAMES[level];
}
