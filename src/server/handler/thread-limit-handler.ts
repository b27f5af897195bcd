/**
 * Limits how many requests one client address has in progress at once
 * (org.eclipse.jetty.server.handler.ThreadLimitHandler, etc/jetty-threadlimit.xml): requests over the limit
 * wait, in arrival order, until one of that client's requests finishes.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import type { HttpServletRequest } from '../../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../servlet-api/http-servlet-response';
import type { Request } from '../request';
import { HandlerWrapper } from './handler-wrapper';

interface Remote {
  active: number;
  waiting: (() => void)[];
}

/**
 * Jetty's ThreadLimitHandler: ctor `(forwardedHeader)` (a header such as X-Forwarded-For naming the client,
 * or null for the connection's address), `enabled` (true), `threadLimit` (10 requests per client).
 */
@JettyClass('org.eclipse.jetty.server.handler.ThreadLimitHandler', {
  ctors: [
    [],
    [{ name: 'forwardedHeader', type: 'String' }],
    [
      { name: 'forwardedHeader', type: 'String' },
      { name: 'rfc7239', type: 'boolean' },
    ],
  ],
})
export class ThreadLimitHandler extends HandlerWrapper {
  private _enabled = true;
  private _threadLimit = 10;
  private readonly _remotes = new Map<string, Remote>();

  constructor(
    private readonly _forwardedHeader: string | null = null,
    private readonly _rfc7239 = false,
  ) {
    super();
  }

  @Expose('boolean') setEnabled(b: boolean): void {
    this._enabled = b;
  }
  @Expose() isEnabled(): boolean {
    return this._enabled;
  }
  @Expose('int') setThreadLimit(n: number): void {
    if (n <= 0) throw new RangeError(`Cannot set threadLimit '${n}': it must be greater than 0`);
    this._threadLimit = n;
  }
  @Expose() getThreadLimit(): number {
    return this._threadLimit;
  }

  private remoteOf(request: HttpServletRequest): string {
    if (this._forwardedHeader) {
      const v = request.getHeader(this._forwardedHeader);
      if (v) {
        if (this._rfc7239) {
          const m = /for="?\[?([^\]";,]+)/i.exec(v);
          if (m) return m[1];
        } else {
          const last = v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .pop();
          if (last) return last;
        }
      }
    }
    return request.getRemoteAddr();
  }

  override async handle(target: string, baseRequest: Request, request: HttpServletRequest, response: HttpServletResponse): Promise<void> {
    if (!this._enabled) {
      await super.handle(target, baseRequest, request, response);
      return;
    }
    const key = this.remoteOf(request);
    let r = this._remotes.get(key);
    if (!r) {
      r = { active: 0, waiting: [] };
      this._remotes.set(key, r);
    }
    if (r.active >= this._threadLimit) await new Promise<void>((resolve) => r!.waiting.push(resolve));
    r.active++;
    try {
      await super.handle(target, baseRequest, request, response);
    } finally {
      r.active--;
      const next = r.waiting.shift();
      if (next) next();
      else if (r.active === 0) this._remotes.delete(key);
    }
  }

  override dumpSelf(): string {
    return `ThreadLimitHandler@${this.getState()}{limit=${this._threadLimit},enabled=${this._enabled}}`;
  }
}
