/**
 * A request log with an Apache-style format string (org.eclipse.jetty.server.CustomRequestLog), writing
 * through a RequestLog.Writer (RequestLogWriter).
 * @module
 */
import { Expose, ExposeField, JettyClass } from '../../ioc/metadata';
import { ContainerLifeCycle } from '../../util/component/container-life-cycle';
import type { RequestLog, RequestLogWriterContract } from '../request-log';
import type { Request } from '../request';
import type { Response } from '../response';
import { formatJavaDate } from './java-date-format';
import { RequestLogWriter } from './request-log-writer';

type Piece = (req: Request, res: Response, now: number) => string;

/**
 * Jetty's CustomRequestLog, as etc/jetty-customrequestlog.xml creates it:
 * `<New class="org.eclipse.jetty.server.CustomRequestLog"><Arg><New class="...AsyncRequestLogWriter">...</Arg>
 * <Arg><Get class="org.eclipse.jetty.server.CustomRequestLog" name="EXTENDED_NCSA_FORMAT"/></Arg></New>`.
 * Codes: `%a %{client}a %{local}a %h %p %{local}p %{remote}p %u %t %{fmt|zone}t %r %m %U %q %H %s %O %B %b
 * %D %T %{ms}T %{us}T %{Name}i %{Name}o %{Name}C %%`.
 */
@JettyClass('org.eclipse.jetty.server.CustomRequestLog', {
  implements: ['org.eclipse.jetty.server.RequestLog'],
  ctors: [
    [],
    [{ name: 'file', type: 'String' }],
    [
      { name: 'file', type: 'String' },
      { name: 'format', type: 'String' },
    ],
    [
      { name: 'writer', type: 'org.eclipse.jetty.server.RequestLog$Writer' },
      { name: 'formatString', type: 'String' },
    ],
  ],
})
export class CustomRequestLog extends ContainerLifeCycle implements RequestLog {
  @ExposeField('String')
  static readonly DEFAULT_DATE_FORMAT = 'dd/MMM/yyyy:HH:mm:ss ZZZ';
  @ExposeField('String')
  static readonly NCSA_FORMAT = '%{client}a - %u %t "%r" %s %O';
  @ExposeField('String')
  static readonly EXTENDED_NCSA_FORMAT = '%{client}a - %u %t "%r" %s %O "%{Referer}i" "%{User-Agent}i"';

  private readonly _writer: RequestLogWriterContract;
  private readonly _format: string;
  private readonly _pieces: Piece[];
  private _ignorePaths: string[] = [];

  constructor(writerOrFile?: RequestLogWriterContract | string | null, format?: string | null) {
    super();
    this._writer =
      typeof writerOrFile === 'string' || writerOrFile === undefined || writerOrFile === null
        ? new RequestLogWriter(writerOrFile ?? null)
        : writerOrFile;
    this._format = format ?? CustomRequestLog.EXTENDED_NCSA_FORMAT;
    this._pieces = compile(this._format);
    this.addBean(this._writer);
  }

  @Expose() getWriter(): RequestLogWriterContract {
    return this._writer;
  }
  @Expose() getFormatString(): string {
    return this._format;
  }
  @Expose('String[]') setIgnorePaths(paths: string[] | null): void {
    this._ignorePaths = [...(paths ?? [])];
  }
  @Expose() getIgnorePaths(): string[] {
    return [...this._ignorePaths];
  }

  log(request: Request, response: Response): void {
    if (!this.isStarted()) return;
    if (this._ignorePaths.includes(request.getRequestURI())) return;
    this._writer.write(this.formatLine(request, response, Date.now()));
  }

  formatLine(request: Request, response: Response, now: number): string {
    return this._pieces.map((p) => p(request, response, now)).join('');
  }

  override dumpSelf(): string {
    return `CustomRequestLog@${this.getState()}{format=${this._format}}`;
  }
}

function dash(v: string | null | undefined): string {
  return v === null || v === undefined || v === '' ? '-' : v;
}

/** Compiles a format string once into piece functions (no parsing per request). */
function compile(format: string): Piece[] {
  const pieces: Piece[] = [];
  const re = /%(?:\{([^}]*)\})?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    if (m.index > last) {
      const lit = format.slice(last, m.index);
      pieces.push(() => lit);
    }
    last = re.lastIndex;
    const arg = m[1];
    const code = m[2];
    pieces.push(piece(code, arg, m[0]));
  }
  if (last < format.length) {
    const lit = format.slice(last);
    pieces.push(() => lit);
  }
  return pieces;
}

function piece(code: string, arg: string | undefined, raw: string): Piece {
  switch (code) {
    case '%':
      return () => '%';
    case 'a':
      if (arg === 'local') return (q) => q.getLocalAddr();
      if (arg === 'remote') return (q) => q.getRawRequest().socket.remoteAddress?.replace(/^::ffff:/, '') ?? '-';
      return (q) => q.getRemoteAddr();
    case 'h':
      return (q) => q.getRemoteHost();
    case 'p':
      if (arg === 'remote' || arg === 'client') return (q) => String(q.getRemotePort());
      if (arg === 'server') return (q) => String(q.getServerPort());
      return (q) => String(q.getLocalPort());
    case 'u':
      return (q) => dash(q.getRemoteUser());
    case 't': {
      const [fmt, zone] = (arg ?? '').split('|');
      const f = fmt || CustomRequestLog.DEFAULT_DATE_FORMAT;
      const z = zone || 'GMT';
      return (q) => `[${formatJavaDate(new Date(q.getTimeStamp()), f, z)}]`;
    }
    case 'r':
      return (q) => `${q.getMethod()} ${q.getRawRequest().url ?? q.getRequestURI()} ${q.getProtocol()}`;
    case 'm':
      return (q) => q.getMethod();
    case 'U':
      return (q) => q.getRequestURI();
    case 'q':
      return (q) => (q.getQueryString() === null ? '' : `?${q.getQueryString()}`);
    case 'H':
      return (q) => q.getProtocol();
    case 's':
      return (_q, s) => String(s.getStatus());
    case 'O':
    case 'B':
      return (_q, s) => String(s.getBytesWritten());
    case 'b':
      return (_q, s) => (s.getBytesWritten() === 0 ? '-' : String(s.getBytesWritten()));
    case 'D':
      return (q, _s, now) => String((now - q.getTimeStamp()) * 1000);
    case 'T':
      if (arg === 'ms') return (q, _s, now) => String(now - q.getTimeStamp());
      if (arg === 'us') return (q, _s, now) => String((now - q.getTimeStamp()) * 1000);
      return (q, _s, now) => String(Math.floor((now - q.getTimeStamp()) / 1000));
    case 'i':
      return (q) => dash(q.getHeader(arg ?? ''));
    case 'o':
      return (_q, s) => dash(s.getHeader(arg ?? ''));
    case 'C':
      return (q) =>
        dash(
          q
            .getCookies()
            .find((c) => c.getName() === arg)
            ?.getValue(),
        );
    default:
      return () => raw;
  }
}
