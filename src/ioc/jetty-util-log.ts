/**
 * org.eclipse.jetty.util.log.Log and Logger for XML (`<Get class="org.eclipse.jetty.util.log.Log"
 * name="rootLogger"><Call name="warn">…`), writing through the interpreter's log sink.
 * @module
 */
import { Expose, JettyClass } from './metadata';
import { iocLog } from './logger';
import { toJavaString } from './java-value';

/** Jetty's `{}` message formatting: each `{}` takes the next argument. */
function format(msg: string, args: readonly unknown[] = []): string {
  let i = 0;
  return toJavaString(msg).replace(/\{\}/g, (m) => (i < args.length ? toJavaString(args[i++]) : m));
}

/** A named logger (Jetty's org.eclipse.jetty.util.log.Logger). */
@JettyClass('org.eclipse.jetty.util.log.Logger', { ctors: [] })
export class JettyLogger {
  constructor(private readonly name: string) {}
  @Expose() getName(): string { return this.name; }
  @Expose('String') @Expose({ type: 'String' }, { type: 'Object[]' }, { varargs: true })
  warn(msg: string, args?: unknown[]): void { iocLog.warn(`${this.name}: ${format(msg, args)}`); }
  @Expose('String') @Expose({ type: 'String' }, { type: 'Object[]' }, { varargs: true })
  info(msg: string, args?: unknown[]): void { iocLog.info(`${this.name}: ${format(msg, args)}`); }
  @Expose('String') @Expose({ type: 'String' }, { type: 'Object[]' }, { varargs: true })
  debug(msg: string, args?: unknown[]): void { iocLog.debug(`${this.name}: ${format(msg, args)}`); }
  @Expose() isDebugEnabled(): boolean { return Boolean(process.env.PIER_DEBUG); }
}

/** Jetty's static logging facade: `getRootLogger()`, `getLogger(name)`, `getLog()`. */
@JettyClass('org.eclipse.jetty.util.log.Log', { ctors: [] })
export class JettyLog {
  private static readonly root = new JettyLogger('org.eclipse.jetty');
  @Expose() static getRootLogger(): JettyLogger { return JettyLog.root; }
  @Expose() static getLog(): JettyLogger { return JettyLog.root; }
  @Expose('String') static getLogger(name: string): JettyLogger { return new JettyLogger(name); }
}
