/**
 * What `jetty-logging.properties` and `-D` arguments say about logging: a level per logger name with
 * Jetty's hierarchical lookup, whether stacks are printed, and the output format.
 * @module
 */
import { LogConfigurationError } from './errors';
import { LOG_LEVEL_NAMES, LogLevel, parseLogLevel } from './log-level';

/** One logging property and where it was written (`resources/jetty-logging.properties:3`, `-D` on the command line). */
export interface LogProperty {
  readonly key: string;
  readonly value: string;
  readonly origin: string;
}

/** How records are written: Jetty 9.4 StdErrLog lines, or one JSON object per line for log shippers. */
export type LogFormat = 'text' | 'json';

/** Pier's output format switch (`text` or `json`), next to Jetty 9.4's StdErrLog settings. */
export const LOG_FORMAT_PROPERTY = 'org.eclipse.jetty.util.log.stderr.FORMAT';
/** Jetty 9.4: full logger names instead of `oejs.Server`. */
export const LOG_LONG_PROPERTY = 'org.eclipse.jetty.util.log.stderr.LONG';
/** Jetty 9.4: control characters in messages replaced (`\n` by `|`, `\r` by `<`, others by `?`). */
export const LOG_ESCAPE_PROPERTY = 'org.eclipse.jetty.util.log.stderr.ESCAPE';
/** Jetty 10's names of the same two switches (condense is the opposite of LONG). */
const NAME_CONDENSE_PROPERTY = 'org.eclipse.jetty.logging.appender.NAME_CONDENSE';
const MESSAGE_ESCAPE_PROPERTY = 'org.eclipse.jetty.logging.appender.MESSAGE_ESCAPE';
/** System properties Jetty 9.4 reports as deprecated instead of honouring. */
const DEPRECATED_DEBUG_PROPERTIES = ['DEBUG', 'org.eclipse.jetty.util.log.DEBUG', 'org.eclipse.jetty.util.log.stderr.DEBUG'];

/** Options that do not come from properties. */
export interface LogConfigurationOptions {
  /** Whether a logger prints the stack of an error when no `<name>.STACKS` says otherwise (default false; bin/start --debug: true). */
  readonly stacks?: boolean;
}

/**
 * The logging settings. Levels are looked up as Jetty does: `<logger name>.LEVEL`, then each parent
 * package (`org.eclipse.jetty.server.session.LEVEL`, `org.eclipse.jetty.server.LEVEL`, ...,
 * `org.LEVEL`), then Jetty 10's `ROOT.LEVEL`, then Jetty 9.4's `log.LEVEL`, else INFO. `<name>.STACKS`
 * is looked up the same way. A value the logging cannot use is a LogConfigurationError naming where it
 * was written.
 */
export class LogConfiguration {
  /** Nothing configured: every logger at INFO, text lines, no stacks. */
  static readonly DEFAULT = new LogConfiguration();

  private readonly _levels = new Map<string, LogLevel>();
  private readonly _stacks = new Map<string, boolean>();
  private readonly _defaultStacks: boolean;
  private readonly _format: LogFormat = 'text';
  private readonly _longNames: boolean = false;
  private readonly _escape: boolean = true;
  private readonly _notes: string[] = [];

  /** Later properties win over earlier ones with the same key. */
  constructor(properties: Iterable<LogProperty> = [], options: LogConfigurationOptions = {}) {
    this._defaultStacks = options.stacks ?? false;
    for (const p of properties) {
      const key = p.key;
      if (key.endsWith('.LEVEL')) {
        const level = parseLogLevel(p.value);
        if (level === undefined) {
          throw new LogConfigurationError(
            `Cannot set log level '${key}' to '${p.value}' (${p.origin}): expected ${LOG_LEVEL_NAMES.slice(0, -1).join(', ')} or OFF`,
            p.origin,
            key,
          );
        }
        this._levels.set(loggerNameOf(key, '.LEVEL'), level);
      } else if (key.endsWith('.STACKS')) {
        this._stacks.set(loggerNameOf(key, '.STACKS'), parseSwitch(p));
      } else if (key === LOG_FORMAT_PROPERTY) {
        const format = p.value.trim().toLowerCase();
        if (format !== 'text' && format !== 'json') {
          throw new LogConfigurationError(`Cannot set '${key}' to '${p.value}' (${p.origin}): expected text or json`, p.origin, key);
        }
        this._format = format;
      } else if (key === LOG_LONG_PROPERTY) {
        this._longNames = parseSwitch(p);
      } else if (key === NAME_CONDENSE_PROPERTY) {
        this._longNames = !parseSwitch(p);
      } else if (key === LOG_ESCAPE_PROPERTY || key === MESSAGE_ESCAPE_PROPERTY) {
        this._escape = parseSwitch(p);
      } else if (DEPRECATED_DEBUG_PROPERTIES.includes(key)) {
        this._notes.push(`Ignored '${key}' (${p.origin}): deprecated; use org.eclipse.jetty.LEVEL=DEBUG instead`);
      }
    }
  }

  /** A configuration from a plain map or record of properties, all with the same origin. */
  static fromProperties(
    properties: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
    origin = 'properties',
    options: LogConfigurationOptions = {},
  ): LogConfiguration {
    const entries = properties instanceof Map ? [...properties] : Object.entries(properties);
    return new LogConfiguration(
      entries.map(([key, value]) => ({ key, value, origin })),
      options,
    );
  }

  /** The level of the logger called `name`. */
  levelOf(name: string): LogLevel {
    return lookup(this._levels, name) ?? this._levels.get('ROOT') ?? this._levels.get('log') ?? LogLevel.INFO;
  }

  /** Whether the logger called `name` prints the stack of an error it is given. */
  stacksOf(name: string): boolean {
    return lookup(this._stacks, name) ?? this._defaultStacks;
  }

  getFormat(): LogFormat {
    return this._format;
  }
  isLongNames(): boolean {
    return this._longNames;
  }
  isEscape(): boolean {
    return this._escape;
  }

  /** Properties that were read but not honoured (Jetty's deprecated DEBUG switches), one sentence each. */
  getNotes(): readonly string[] {
    return this._notes;
  }
}

/** `org.eclipse.jetty.LEVEL` -> `org.eclipse.jetty` (trailing dots dropped, as Jetty 10 does). */
function loggerNameOf(key: string, suffix: string): string {
  return key.substring(0, key.length - suffix.length).replace(/\.+$/, '');
}

/** The value for `name` or its nearest configured parent package. */
function lookup<T>(map: ReadonlyMap<string, T>, name: string): T | undefined {
  if (map.size === 0) return undefined;
  for (let segment = name.replace(/\.+$/, ''); segment.length > 0;) {
    const v = map.get(segment);
    if (v !== undefined) return v;
    const dot = segment.lastIndexOf('.');
    if (dot < 0) break;
    segment = segment.substring(0, dot);
  }
  return undefined;
}

function parseSwitch(p: LogProperty): boolean {
  const v = p.value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new LogConfigurationError(`Cannot set '${p.key}' to '${p.value}' (${p.origin}): expected true or false`, p.origin, p.key);
}
