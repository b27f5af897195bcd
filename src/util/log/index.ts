/**
 * Logging: `Log.getLogger(name)` with Jetty's logger names and levels, configured by
 * `jetty-logging.properties` / `-D` properties; StdErrLog lines or JSON lines on stderr.
 * @module
 */
export { Log, stdErrAppender } from './log';
export { Logger } from './logger';
export { LogLevel, LOG_LEVEL_NAMES, parseLogLevel, logLevelName } from './log-level';
export { LogConfiguration, LOG_FORMAT_PROPERTY, LOG_LONG_PROPERTY, LOG_ESCAPE_PROPERTY } from './log-configuration';
export type { LogFormat, LogProperty, LogConfigurationOptions } from './log-configuration';
export type { LogAppender, LogRecord } from './log-record';
export { condenseLoggerName, escapeLogText, formatJsonRecord, formatTextRecord, formatLogTime } from './log-format';
export { LogConfigurationError } from './errors';
