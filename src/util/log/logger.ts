/**
 * A named logger (Jetty's org.eclipse.jetty.util.log.Logger): debug/info/warn/error with `{}`
 * placeholders, and a level check that costs one comparison when the level is off.
 * @module
 */
import { LogLevel } from './log-level';

/** Where a logger hands the records that passed its level (the Log registry). */
export interface LogEmitter {
  emit(logger: Logger, level: LogLevel, message: string, args: readonly unknown[]): void;
}

/**
 * A logger. Get one with `Log.getLogger(name)`, named after the Jetty class or package the message
 * belongs to (`org.eclipse.jetty.server.Server`, `org.eclipse.jetty.server.session`). Its level comes
 * from the logging configuration and follows it when it changes.
 *
 * Messages: each `{}` takes the next argument (arguments without a placeholder are appended after a
 * space); an Error as the last argument is not formatted but attached, so its stack can be printed
 * (`<name>.STACKS=true`, or `bin/start --debug`). A message with no arguments is written as it is.
 *
 * On a hot path, guard a message that costs something to build with `isDebugEnabled()`: the check is a
 * field comparison, while the call itself still evaluates its arguments.
 */
export class Logger {
  private _level: LogLevel = LogLevel.INFO;
  private _stacks = false;

  constructor(
    private readonly _name: string,
    private readonly _out: LogEmitter,
  ) {}

  getName(): string {
    return this._name;
  }
  getLevel(): LogLevel {
    return this._level;
  }
  /** Whether this logger prints the stack of an Error it is given. */
  isStacks(): boolean {
    return this._stacks;
  }

  /** Applies the configured level and stacks switch (the Log registry calls this when the configuration changes). */
  applyConfiguration(level: LogLevel, stacks: boolean): void {
    this._level = level;
    this._stacks = stacks;
  }

  isDebugEnabled(): boolean {
    return this._level <= LogLevel.DEBUG;
  }
  isEnabled(level: LogLevel): boolean {
    return this._level <= level;
  }

  debug(message: string, ...args: unknown[]): void {
    if (this._level <= LogLevel.DEBUG) this._out.emit(this, LogLevel.DEBUG, message, args);
  }

  info(message: string, ...args: unknown[]): void {
    if (this._level <= LogLevel.INFO) this._out.emit(this, LogLevel.INFO, message, args);
  }

  /** A failure the container recovers from (a request, a session, an app that cannot deploy). */
  warn(message: string, ...args: unknown[]): void {
    if (this._level <= LogLevel.WARN) this._out.emit(this, LogLevel.WARN, message, args);
  }

  /** A failure that leaves the container unable to do its job (a start or stop that failed). */
  error(message: string, ...args: unknown[]): void {
    if (this._level <= LogLevel.ERROR) this._out.emit(this, LogLevel.ERROR, message, args);
  }

  toString(): string {
    return `Logger:${this._name}`;
  }
}

/** The message with each `{}` replaced by the next of the first `count` arguments (the rest appended). */
export function fillPlaceholders(message: string, args: readonly unknown[], count: number): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < count; i++) {
    const at = message.indexOf('{}', from);
    if (at < 0) {
      out += `${message.substring(from)} ${String(args[i])}`;
      from = message.length;
    } else {
      out += message.substring(from, at) + String(args[i]);
      from = at + 2;
    }
  }
  return out + message.substring(from);
}
