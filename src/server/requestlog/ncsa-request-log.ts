/**
 * NCSA common/extended request logs (org.eclipse.jetty.server.AbstractNCSARequestLog, NCSARequestLog
 * and AsyncNCSARequestLog): one line per request, in Jetty 9.4's exact layout, to a daily file.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { ContainerLifeCycle } from '../../util/component/container-life-cycle';
import type { RequestLog } from '../request-log';
import type { Request } from '../request';
import type { Response } from '../response';
import { formatJavaDate } from './java-date-format';
import { RequestLogWriter } from './request-log-writer';

/**
 * Builds NCSA lines (Jetty's AbstractNCSARequestLog):
 * `host - user [dd/MMM/yyyy:HH:mm:ss Z] "METHOD uri PROTOCOL" status bytes ` then, when extended,
 * `"referer" "user-agent"`, then ` "cookies"` (logCookies) and ` latency` (logLatency).
 */
export abstract class AbstractNCSARequestLog extends ContainerLifeCycle implements RequestLog {
  private _extended = false;
  private _logCookies = false;
  private _logLatency = false;
  private _logServer = false;
  private _preferProxiedForAddress = false;
  private _logDateFormat = 'dd/MMM/yyyy:HH:mm:ss Z';
  private _logTimeZone = 'GMT';
  private _ignorePaths: string[] = [];

  @Expose('boolean') setExtended(b: boolean): void {
    this._extended = b;
  }
  @Expose() isExtended(): boolean {
    return this._extended;
  }
  @Expose('boolean') setLogCookies(b: boolean): void {
    this._logCookies = b;
  }
  @Expose() getLogCookies(): boolean {
    return this._logCookies;
  }
  @Expose('boolean') setLogLatency(b: boolean): void {
    this._logLatency = b;
  }
  @Expose() getLogLatency(): boolean {
    return this._logLatency;
  }
  @Expose('boolean') setLogServer(b: boolean): void {
    this._logServer = b;
  }
  @Expose() getLogServer(): boolean {
    return this._logServer;
  }
  @Expose('boolean') setPreferProxiedForAddress(b: boolean): void {
    this._preferProxiedForAddress = b;
  }
  @Expose() getPreferProxiedForAddress(): boolean {
    return this._preferProxiedForAddress;
  }
  @Expose('String') setLogDateFormat(f: string): void {
    this._logDateFormat = f;
  }
  @Expose() getLogDateFormat(): string {
    return this._logDateFormat;
  }
  @Expose('String') setLogTimeZone(z: string): void {
    this._logTimeZone = z;
  }
  @Expose() getLogTimeZone(): string {
    return this._logTimeZone;
  }
  @Expose('String') setLogLocale(_locale: unknown): void {
    /* English month names, as Jetty's default */
  }
  @Expose('String[]') setIgnorePaths(paths: string[] | null): void {
    this._ignorePaths = [...(paths ?? [])];
  }
  @Expose() getIgnorePaths(): string[] {
    return [...this._ignorePaths];
  }

  /** Writes one finished line. */
  protected abstract write(line: string): void;

  /** Whether the log is ready to take lines. */
  protected isEnabled(): boolean {
    return this.isStarted();
  }

  log(request: Request, response: Response): void {
    if (!this.isEnabled()) return;
    const uri = request.getRequestURI();
    if (this._ignorePaths.some((p) => matchIgnore(p, uri))) return;
    this.write(this.formatLine(request, response, Date.now()));
  }

  /** The NCSA line for this exchange, finished at `now`. */
  formatLine(request: Request, response: Response, now: number): string {
    let b = '';
    if (this._logServer) b += `${request.getServerName()} `;
    let addr: string | null = null;
    if (this._preferProxiedForAddress) addr = request.getHeader('x-forwarded-for');
    b += addr ?? request.getRemoteAddr();
    b += ' - ';
    b += request.getRemoteUser() ?? '-';
    b += ` [${formatJavaDate(new Date(request.getTimeStamp()), this._logDateFormat, this._logTimeZone)}] "`;
    b += `${request.getMethod()} ${request.getRawRequest().url ?? request.getRequestURI()} ${request.getProtocol()}" `;
    const status = response.getStatus();
    b += status >= 0 ? String(status).padStart(3, '0') : String(status);
    b += ` ${response.getBytesWritten()} `;
    if (this._extended) {
      const referer = request.getHeader('referer');
      b += referer === null ? '"-" ' : `"${referer}" `;
      const agent = request.getHeader('user-agent');
      b += agent === null ? '"-"' : `"${agent}"`;
    }
    if (this._logCookies) {
      const cookies = request.getCookies();
      if (cookies.length === 0) b += ' -';
      else b += ` "${cookies.map((c) => `${c.getName()}=${c.getValue()}`).join(';')}"`;
    }
    if (this._logLatency) b += ` ${now - request.getTimeStamp()}`;
    return b;
  }
}

function matchIgnore(pattern: string, uri: string): boolean {
  if (pattern.endsWith('/*')) return uri === pattern.slice(0, -2) || uri.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*.')) return uri.endsWith(pattern.slice(1));
  return uri === pattern;
}

/**
 * Jetty's NCSARequestLog: `<New class="org.eclipse.jetty.server.NCSARequestLog">` with `filename`
 * (`yyyy_mm_dd` = the date), `filenameDateFormat`, `append`, `retainDays`, `extended`, `logCookies`,
 * `LogTimeZone`, `LogLatency`. The 9.4 etc/jetty-requestlog.xml uses AsyncNCSARequestLog (same class here).
 */
@JettyClass('org.eclipse.jetty.server.NCSARequestLog', {
  aliases: ['org.eclipse.jetty.server.AsyncNCSARequestLog'],
  implements: ['org.eclipse.jetty.server.RequestLog'],
  ctors: [
    [],
    [{ name: 'filename', type: 'String' }],
    [
      { name: 'filename', type: 'String' },
      { name: 'queue', type: 'java.util.concurrent.BlockingQueue' },
    ],
  ],
})
export class NCSARequestLog extends AbstractNCSARequestLog {
  private readonly _writer = new RequestLogWriter();

  constructor(filename?: string | null) {
    super();
    this._writer.setRetainDays(31);
    if (filename) this._writer.setFilename(filename);
    this.addBean(this._writer);
  }

  @Expose('String') setFilename(f: string | null): void {
    this._writer.setFilename(f);
  }
  @Expose() getFilename(): string | null {
    return this._writer.getFileName();
  }
  @Expose() getDatedFilename(): string | null {
    return this._writer.getDatedFilename();
  }
  @Expose('String') setFilenameDateFormat(f: string): void {
    this._writer.setFilenameDateFormat(f);
  }
  @Expose() getFilenameDateFormat(): string {
    return this._writer.getFilenameDateFormat();
  }
  @Expose('int') setRetainDays(d: number): void {
    this._writer.setRetainDays(d);
  }
  @Expose() getRetainDays(): number {
    return this._writer.getRetainDays();
  }
  @Expose('boolean') setAppend(a: boolean): void {
    this._writer.setAppend(a);
  }
  @Expose() isAppend(): boolean {
    return this._writer.isAppend();
  }
  override setLogTimeZone(z: string): void {
    super.setLogTimeZone(z);
    this._writer.setTimeZone(z);
  }

  protected write(line: string): void {
    this._writer.write(line);
  }

  override dumpSelf(): string {
    return `NCSARequestLog@${this.getState()}{${this._writer.getFileName() ?? 'stderr'}}`;
  }
}
