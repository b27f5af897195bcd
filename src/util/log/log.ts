/**
 * The logging facade (Jetty's org.eclipse.jetty.util.log.Log): one logger per name, one configuration,
 * one appender that writes every record synchronously to stderr.
 * @module
 */
import { LogConfiguration } from './log-configuration';
import { formatJsonRecord, formatTextRecord } from './log-format';
import type { LogLevel } from './log-level';
import type { LogAppender, LogRecord } from './log-record';
import { fillPlaceholders, Logger, type LogEmitter } from './logger';

/**
 * Writes a record to stderr in the configured format. `process.stderr.write` is synchronous for files,
 * terminals and pipes on Linux, so a line is out before the call returns (a crash loses nothing logged).
 */
export const stdErrAppender: LogAppender = (record) => {
  const config = registry.configuration;
  process.stderr.write(`${config.getFormat() === 'json' ? formatJsonRecord(record) : formatTextRecord(record, config)}\n`);
};

class LogRegistry implements LogEmitter {
  readonly loggers = new Map<string, Logger>();
  configuration: LogConfiguration = LogConfiguration.DEFAULT;
  appender: LogAppender = stdErrAppender;

  emit(logger: Logger, level: LogLevel, message: string, args: readonly unknown[]): void {
    let count = args.length;
    let thrown: unknown;
    if (count > 0 && args[count - 1] instanceof Error) thrown = args[--count];
    const record: LogRecord = {
      time: Date.now(),
      level,
      logger: logger.getName(),
      message: count === 0 ? message : fillPlaceholders(message, args, count),
      thrown,
      stacks: logger.isStacks(),
    };
    try {
      this.appender(record);
    } catch {
      // logging never fails the work that logs (a closed stderr, a failing test appender)
    }
  }

  logger(name: string): Logger {
    let logger = this.loggers.get(name);
    if (logger === undefined) {
      logger = new Logger(name, this);
      logger.applyConfiguration(this.configuration.levelOf(name), this.configuration.stacksOf(name));
      this.loggers.set(name, logger);
    }
    return logger;
  }
}

const registry = new LogRegistry();

/**
 * Loggers by name, configured by `jetty-logging.properties` and `-D` arguments (see LogConfiguration;
 * `bin/start` loads both before it runs any XML). Loggers are usually module constants:
 * `const LOG = Log.getLogger('org.eclipse.jetty.server.session');` they follow later configuration.
 */
export class Log {
  private constructor() {}

  /** The logger called `name` (one instance per name). */
  static getLogger(name: string): Logger {
    return registry.logger(name);
  }

  /** The unnamed root logger (Jetty's `Log.getRootLogger()`): `ROOT.LEVEL` or `log.LEVEL`, else INFO. */
  static getRootLogger(): Logger {
    return registry.logger('');
  }

  /** Applies a configuration to every logger, existing and future. */
  static configure(configuration: LogConfiguration): void {
    registry.configuration = configuration;
    for (const [name, logger] of registry.loggers) {
      logger.applyConfiguration(configuration.levelOf(name), configuration.stacksOf(name));
    }
  }

  static getConfiguration(): LogConfiguration {
    return registry.configuration;
  }

  /** Replaces the appender (tests capture records this way); returns the previous one. */
  static setAppender(appender: LogAppender): LogAppender {
    const previous = registry.appender;
    registry.appender = appender;
    return previous;
  }
}
