/**
 * The interpreter's warnings (deprecated members, ignored args, unknown value tags, ignored DTDs) on the
 * `org.eclipse.jetty.xml.XmlConfiguration` logger, each led by the `file:line:column` it is about.
 * @module
 */
import { SourceLocation, formatLocation } from '../util/errors';
import { Log, LogLevel } from '../util/log';

export type IocLogLevel = 'warn' | 'info' | 'debug';

const LOG = Log.getLogger('org.eclipse.jetty.xml.XmlConfiguration');

function located(message: string, location?: SourceLocation): string {
  return location ? `${formatLocation(location)}: ${message}` : message;
}

/** The logger used by the interpreter. */
export const iocLog = {
  warn(message: string, location?: SourceLocation): void {
    if (LOG.isEnabled(LogLevel.WARN)) LOG.warn(located(message, location));
  },
  info(message: string, location?: SourceLocation): void {
    if (LOG.isEnabled(LogLevel.INFO)) LOG.info(located(message, location));
  },
  debug(message: string, location?: SourceLocation): void {
    if (LOG.isDebugEnabled()) LOG.debug(located(message, location));
  },
};
