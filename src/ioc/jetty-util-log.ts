/**
 * org.eclipse.jetty.util.log.Log and Logger for XML (`<Get class="org.eclipse.jetty.util.log.Log"
 * name="rootLogger"><Call name="warn">…`): the same loggers as Pier's own (src/util/log).
 * @module
 */
import { Log, type Logger } from '../util/log';
import { Expose, JettyClass } from './metadata';
import { toJavaString } from './java-value';

/** The XML arguments as Java prints them, for the logger's `{}` placeholders. */
function javaArgs(args: readonly unknown[] = []): string[] {
  return args.map((a) => toJavaString(a));
}

/** A named logger (Jetty's org.eclipse.jetty.util.log.Logger) as XML sees it. */
@JettyClass('org.eclipse.jetty.util.log.Logger', { ctors: [] })
export class JettyLogger {
  constructor(private readonly logger: Logger) {}
  @Expose() getName(): string {
    return this.logger.getName();
  }
  @Expose('String')
  @Expose({ type: 'String' }, { type: 'Object[]' }, { varargs: true })
  warn(msg: string, args?: unknown[]): void {
    this.logger.warn(toJavaString(msg), ...javaArgs(args));
  }
  @Expose('String')
  @Expose({ type: 'String' }, { type: 'Object[]' }, { varargs: true })
  info(msg: string, args?: unknown[]): void {
    this.logger.info(toJavaString(msg), ...javaArgs(args));
  }
  @Expose('String')
  @Expose({ type: 'String' }, { type: 'Object[]' }, { varargs: true })
  debug(msg: string, args?: unknown[]): void {
    this.logger.debug(toJavaString(msg), ...javaArgs(args));
  }
  @Expose() isDebugEnabled(): boolean {
    return this.logger.isDebugEnabled();
  }
}

/**
 * Jetty's static logging facade: `getRootLogger()`, `getLogger(name)`, `getLog()`. It can be constructed, as
 * Java's default constructor allows: `<Configure class="org.eclipse.jetty.util.log.Log">` (console-capture.xml).
 */
@JettyClass('org.eclipse.jetty.util.log.Log')
export class JettyLog {
  @Expose() static getRootLogger(): JettyLogger {
    return new JettyLogger(Log.getRootLogger());
  }
  @Expose() static getLog(): JettyLogger {
    return new JettyLogger(Log.getRootLogger());
  }
  @Expose('String') static getLogger(name: string): JettyLogger {
    return new JettyLogger(Log.getLogger(name));
  }
}
