/**
 * The container's response (org.eclipse.jetty.server.Response): buffers output (32 KB by default),
 * commits the headers on overflow, flushBuffer() or completion, runs before-commit listeners first,
 * and implements HttpServletResponse on top of Node's ServerResponse.
 * @module
 */
import type { ServerResponse } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { format } from 'node:util';
import type { Cookie } from '../servlet-api/cookie';
import { IllegalStateException } from '../servlet-api/errors';
import type { HttpServletResponse, PrintWriter, ServletOutputStream } from '../servlet-api/http-servlet-response';
import { TimeoutException } from './errors';
import { absoluteLocation } from './redirect-location';
import type { Request } from './request';
import type { SessionCookie, SessionResponse } from './session-manager-bridge';

/** Something that renders an error page into a response (ErrorHandler). */
export interface ErrorPageWriter {
  writeErrorPage(request: Request, response: Response, code: number, message: string | null, cause?: unknown): void;
  /** Jetty's ErrorHandler.errorPageForMethod: false leaves the error's body (and its Cache-Control) empty. */
  errorPageForMethod?(method: string): boolean;
}

/** The connector-level settings a response follows (from HttpConfiguration). */
export interface ResponseSettings {
  readonly outputBufferSize: number;
  readonly sendServerVersion: boolean;
  readonly sendDateHeader: boolean;
  readonly serverVersion: string;
  /** The ErrorHandler to use when the request's context has none. */
  readonly errorHandler: () => ErrorPageWriter | null;
}

const DEFAULT_SETTINGS: ResponseSettings = {
  outputBufferSize: 32768,
  sendServerVersion: false,
  sendDateHeader: false,
  serverVersion: 'Pier',
  errorHandler: () => null,
};

interface HeaderEntry {
  name: string;
  values: string[];
}

const RESOLVED: Promise<void> = Promise.resolve();
/** The Content-Type value built last, with the media type and charset it was built from. */
let lastContentType: { readonly mime: string; readonly charset: string; readonly value: string } = { mime: '', charset: '', value: '' };
/**
 * Sent with every cookie set through addCookie or a session cookie, so that no shared cache stores a
 * response that sets one (someone else's JSESSIONID); it replaces an Expires set before, as in Jetty.
 */
const EXPIRES_01JAN1970 = 'Thu, 01 Jan 1970 00:00:00 GMT';
/** Bodies up to this size leave together with the headers in one socket write. */
const SINGLE_WRITE_LIMIT = 16384;

/** Jetty's org.eclipse.jetty.server.Response; created by the connector per exchange. */
export class Response implements HttpServletResponse, SessionResponse {
  private _status = 200;
  private _reason: string | undefined;
  private readonly _headers = new Map<string, HeaderEntry>();
  private _mimeType: string | null = null;
  private _charset: string | null = null;
  private _chunks: Buffer[] = [];
  private _size = 0;
  private _bufferSize: number;
  private _commitPromise: Promise<void> | undefined;
  private _commitError: unknown;
  private _streaming = false;
  private _closed = false;
  private _completed = false;
  private _bytesWritten = 0;
  private _writer: PrintWriter | undefined;
  private _stream: ServletOutputStream | undefined;
  private _errorSent = false;
  private _inBeforeCommit = false;
  private _including = 0;
  private _completing = false;
  /** Before-commit listeners and output interceptors; each list is allocated by its first entry. */
  private _beforeCommit: (() => void | Promise<void>)[] | null = null;
  /** Names of the session cookies set (kept by reset()); allocated by the first one. */
  private _sessionCookieNames: Set<string> | null = null;
  private _interceptors: ((response: Response) => Transform | null)[] | null = null;
  private _encoder: Transform | null = null;
  /** The buffered body kept at commit for complete()'s end(). */
  private _tail: Buffer[] | null = null;
  /** Why the connection closed under this exchange (the client left, an idle timeout), or null. */
  private _connectionFailure: Error | null = null;
  /** complete()'s settle function while Node ends the response (called too when the connection closes). */
  private _endWaiter: (() => void) | null = null;
  /** The flush waiting for 'drain', shared by every flush until then. */
  private _drain: { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void } | null = null;
  /** The stream sendStream() is sending (destroyed when the connection closes). */
  private _sending: Readable | null = null;

  constructor(
    private readonly _raw: ServerResponse,
    private readonly _request: Request,
    private readonly _settings: ResponseSettings = DEFAULT_SETTINGS,
  ) {
    this._bufferSize = _settings.outputBufferSize;
  }

  getRawResponse(): ServerResponse {
    return this._raw;
  }
  getRequest(): Request {
    return this._request;
  }
  /** Bytes of body written to the wire so far (for the request log). */
  getBytesWritten(): number {
    return this._bytesWritten;
  }
  /** True once sendError/sendRedirect/close ended the body; later writes are ignored. */
  isClosed(): boolean {
    return this._closed;
  }
  /** True after sendError(). */
  isErrorSent(): boolean {
    return this._errorSent;
  }

  /**
   * Adds an output interceptor, asked once at commit (after the before-commit listeners, before the
   * headers go out): returning a Transform routes the body through it (GzipHandler compresses this way).
   */
  addOutputInterceptor(interceptor: (response: Response) => Transform | null): void {
    (this._interceptors ??= []).push(interceptor);
  }

  /** Adds a listener awaited just before the headers go out (sessions flush here). */
  addBeforeCommitListener(listener: () => void | Promise<void>): void {
    (this._beforeCommit ??= []).push(listener);
  }

  // ---- status ----------------------------------------------------------------------------------

  setStatus(code: number): void {
    if (!this.canModifyHeaders()) return;
    this._status = code;
    this._reason = undefined;
  }
  /** Sets status and reason phrase (Jetty's setStatusWithReason). */
  setStatusWithReason(code: number, reason: string): void {
    if (!this.canModifyHeaders()) return;
    this._status = code;
    this._reason = reason;
  }
  getStatus(): number {
    return this._status;
  }

  sendError(code: number, message?: string): void {
    if (this.isCommitted()) throw new IllegalStateException(`Cannot send error ${code}: the response is committed`);
    this.resetBuffer();
    this._writer = undefined;
    this._stream = undefined;
    this._status = code;
    this._reason = undefined;
    this._errorSent = true;
    this.setHeader('Content-Type', null);
    this.setHeader('Content-Length', null);
    // The servlet whose scope sends the error (the mapped servlet, also behind its filters), as Jetty records it
    const scope = this._request.getUserIdentityScope() as { getName?: () => string } | null;
    if (typeof scope?.getName === 'function') this._request.setAttribute('javax.servlet.error.servlet_name', scope.getName());
    if (code !== 204 && code !== 304 && code >= 200) {
      const ctx = this._request.getContext() as { getErrorHandler?: () => ErrorPageWriter | null } | null;
      const handler = ctx?.getErrorHandler?.() ?? this._settings.errorHandler();
      if (handler && (handler.errorPageForMethod?.(this._request.getMethod()) ?? true)) {
        this.setHeader('Cache-Control', 'must-revalidate,no-cache,no-store');
        handler.writeErrorPage(this._request, this, code, message ?? null, this._request.getAttribute('javax.servlet.error.exception'));
      }
    }
    this._closed = true;
  }

  /** A redirect to `location` (made absolute from the server's own origin): 302, or `code` (Jetty's sendRedirect(code, location)). */
  sendRedirect(location: string, code = 302): void {
    if (this.isCommitted()) throw new IllegalStateException(`Cannot redirect to '${location}': the response is committed`);
    const absolute = absoluteLocation(this._request, location);
    this.resetBuffer();
    this.setHeader('Location', absolute);
    this._status = code;
    this._closed = true;
  }

  // ---- headers ---------------------------------------------------------------------------------

  setHeader(name: string, value: string | null): void {
    if (!this.canModifyHeaders()) return;
    const lower = name.toLowerCase();
    if (lower === 'content-type') {
      this.setContentType(value);
      return;
    }
    if (value === null) this._headers.delete(lower);
    else this._headers.set(lower, { name, values: [value] });
  }
  addHeader(name: string, value: string): void {
    if (!this.canModifyHeaders()) return;
    const lower = name.toLowerCase();
    if (lower === 'content-type') {
      this.setContentType(value);
      return;
    }
    const e = this._headers.get(lower);
    if (e) e.values.push(value);
    else this._headers.set(lower, { name, values: [value] });
  }
  setIntHeader(name: string, value: number): void {
    this.setHeader(name, String(Math.trunc(value)));
  }
  addIntHeader(name: string, value: number): void {
    this.addHeader(name, String(Math.trunc(value)));
  }
  setDateHeader(name: string, date: number): void {
    this.setHeader(name, new Date(date).toUTCString());
  }
  addDateHeader(name: string, date: number): void {
    this.addHeader(name, new Date(date).toUTCString());
  }
  getHeader(name: string): string | null {
    if (name.toLowerCase() === 'content-type') return this.getContentType();
    return this._headers.get(name.toLowerCase())?.values[0] ?? null;
  }
  getHeaders(name: string): string[] {
    return [...(this._headers.get(name.toLowerCase())?.values ?? [])];
  }
  getHeaderNames(): string[] {
    const names = [...this._headers.values()].map((e) => e.name);
    return this._mimeType ? ['Content-Type', ...names] : names;
  }
  containsHeader(name: string): boolean {
    return name.toLowerCase() === 'content-type' ? this._mimeType !== null : this._headers.has(name.toLowerCase());
  }

  setContentType(type: string | null): void {
    if (!this.canModifyHeaders()) return;
    if (type === null) {
      this._mimeType = null;
      this._charset = null;
      return;
    }
    if (!type.includes(';')) {
      this._mimeType = type.trim();
      return;
    }
    const [mime, ...params] = type.split(';');
    // the charset is kept apart (getWriter reads it); other parameters (a multipart boundary) stay as given
    let kept = mime.trim();
    for (const p of params) {
      const m = /^\s*charset\s*=\s*"?([^"]+)"?\s*$/i.exec(p);
      if (m) this._charset = m[1];
      else if (p.trim() !== '') kept += `;${p}`;
    }
    this._mimeType = kept;
  }
  getContentType(): string | null {
    const mime = this._mimeType;
    if (!mime) return null;
    const charset = this._charset;
    if (!charset) return mime;
    // every response of a servlet usually has the same type: the header value is built once, not per response
    const last = lastContentType;
    if (last.mime === mime && last.charset === charset) return last.value;
    const value = `${mime};charset=${charset.toLowerCase()}`;
    lastContentType = { mime, charset, value };
    return value;
  }
  setCharacterEncoding(encoding: string | null): void {
    if (this.isCommitted() || this._writer) return;
    this._charset = encoding;
  }
  /** The charset for text output; UTF-8 when none was set (Jetty would use ISO-8859-1). */
  getCharacterEncoding(): string {
    return this._charset ?? 'utf-8';
  }
  setContentLength(length: number): void {
    if (length < 0) this.setHeader('Content-Length', null);
    else this.setHeader('Content-Length', String(length));
  }

  addCookie(cookie: Cookie): void {
    if (!this.canModifyHeaders()) return;
    this.addHeader('Set-Cookie', cookie.toSetCookieHeader());
    this.expireForCaches();
  }

  /** Sets a cookie, replacing an earlier Set-Cookie of the same name (Jetty's replaceCookie). */
  replaceCookie(cookie: SessionCookie): void {
    if (!this.canModifyHeaders()) return;
    (this._sessionCookieNames ??= new Set()).add(cookie.name);
    const e = this._headers.get('set-cookie');
    const kept = (e?.values ?? []).filter((v) => v.split('=')[0].trim() !== cookie.name);
    this._headers.set('set-cookie', { name: 'Set-Cookie', values: [...kept, cookie.header] });
    this.expireForCaches();
  }

  private expireForCaches(): void {
    this._headers.set('expires', { name: 'Expires', values: [EXPIRES_01JAN1970] });
  }

  // ---- URL encoding (session tracking) ---------------------------------------------------------

  encodeURL(url: string): string {
    const bridge = this._request.getSessionHandler();
    if (!bridge) return url;
    if (bridge.isCheckingRemoteSessionIdEncoding() && /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url)) {
      try {
        const u = new URL(url);
        const req = this._request;
        const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
        if (u.hostname !== req.getServerName() || port !== req.getServerPort() || !u.pathname.startsWith(req.getContextPath())) return url;
      } catch {
        return url;
      }
    }
    const name = bridge.getSessionIdPathParameterName();
    if (!name || name === 'none') return url;
    const prefix = `;${name}=`;
    if ((bridge.isUsingCookies() && this._request.isRequestedSessionIdFromCookie()) || !bridge.isUsingURLs()) {
      return removePathParameter(url, prefix);
    }
    const session = this._request.getSession(false);
    if (!session || !bridge.isValid(session)) return url;
    const id = bridge.getExtendedId(session);
    const at = url.indexOf(prefix);
    if (at >= 0) {
      let end = at + prefix.length;
      while (end < url.length && !'?#;/'.includes(url[end])) end++;
      return url.slice(0, at + prefix.length) + id + url.slice(end);
    }
    let target = url;
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)([?#].*)?$/.exec(url);
    if (m) target = `${m[1]}/${m[2] ?? ''}`;
    const cut = target.search(/[?#]/);
    return cut < 0 ? target + prefix + id : target.slice(0, cut) + prefix + id + target.slice(cut);
  }
  encodeRedirectURL(url: string): string {
    return this.encodeURL(url);
  }
  /** @deprecated the servlet API's old spelling. */
  encodeUrl(url: string): string {
    return this.encodeURL(url);
  }

  // ---- body ------------------------------------------------------------------------------------
  //
  // How output flows: write() buffers until commit (outputBufferSize), then hands bytes to Node's response.
  // write() returns false once the connection holds more than it can send at once (Node's own answer);
  // flushBuffer() then settles on 'drain', so a servlet that streams `if (!out.write(chunk)) await out.flush()`
  // keeps at most about one socket buffer in memory. A file goes through stream.pipeline (sendStream).

  getWriter(): PrintWriter {
    if (this._stream) throw new IllegalStateException('Cannot get the writer: getOutputStream() was already called');
    if (!this._writer) {
      if (this._charset === null) this._charset = 'utf-8';
      this._writer = new ResponseWriter(this, toBufferEncoding(this._charset));
    }
    return this._writer;
  }

  /** True once committing failed (PrintWriter.checkError). */
  hasCommitError(): boolean {
    return this._commitError !== undefined;
  }

  getOutputStream(): ServletOutputStream {
    if (this._writer) throw new IllegalStateException('Cannot get the output stream: getWriter() was already called');
    if (!this._stream) {
      this._stream = {
        write: (chunk) => this.write(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)),
        print: (value) => this.write(Buffer.from(String(value), 'latin1')),
        println: (value) => this.write(Buffer.from(value === undefined ? '\r\n' : `${String(value)}\r\n`, 'latin1')),
        isReady: () => !this.isWriteBlocked(),
        flush: () => this.flushBuffer(),
        close: () => {
          this._closed = true;
        },
      };
    }
    return this._stream;
  }

  /**
   * Appends bytes to the body: buffered until commit, then written through (in order). Returns false
   * when the connection cannot take more now: await flushBuffer() (it settles on 'drain') before
   * writing on, or the rest queues in memory.
   */
  write(chunk: Buffer): boolean {
    if (this._closed || this._completed || chunk.length === 0) return !this.isWriteBlocked();
    if (this._tail) {
      this._tail.push(chunk);
      return true;
    }
    if (this._streaming) return this.rawWrite(chunk);
    this._chunks.push(chunk);
    this._size += chunk.length;
    if (!this._commitPromise && this._size > this._bufferSize)
      void this.commit().catch(() => {
        /* kept in _commitError */
      });
    return !this.isWriteBlocked();
  }

  private rawWrite(chunk: Buffer): boolean {
    if (this._connectionFailure !== null) return false;
    if (this._encoder) return this._encoder.write(chunk);
    this._bytesWritten += chunk.length;
    return this._raw.write(chunk);
  }

  /** True while the last write said to wait for 'drain' (or the connection is gone). */
  private isWriteBlocked(): boolean {
    if (this._connectionFailure !== null) return true;
    if (!this._streaming) return false;
    return (this._encoder ?? this._raw).writableNeedDrain;
  }

  /**
   * Sends `stream` as the rest of the body through stream.pipeline (back-pressure; a failing file or a
   * closed connection destroys the other side), after committing the headers; used by DefaultServlet
   * for file content. Closes the response. A client that left ends it quietly; an idle timeout or a
   * read error rejects.
   */
  async sendStream(stream: Readable): Promise<void> {
    await this.commit();
    this._closed = true;
    if (this._connectionFailure !== null || this._raw.destroyed) {
      stream.destroy();
      if (this._connectionFailure instanceof TimeoutException) throw this._connectionFailure;
      return;
    }
    if (!this._encoder)
      stream.on('data', (c: Buffer) => {
        this._bytesWritten += c.length;
      });
    this._sending = stream;
    try {
      await pipeline(stream, this._encoder ?? this._raw, { end: false });
    } catch (err) {
      const failure = this.getConnectionFailure();
      if (failure instanceof TimeoutException) throw failure;
      if (failure !== null || this._raw.destroyed) return;
      throw err;
    } finally {
      this._sending = null;
    }
  }

  /** Why the connection closed under this exchange, or null while it is open. */
  getConnectionFailure(): Error | null {
    return this._connectionFailure;
  }

  /**
   * The connection under this exchange closed (the connector calls this): a pending completion settles,
   * a flush waiting for 'drain' fails with `cause`, a stream being sent stops.
   */
  connectionClosed(cause: Error): void {
    if (this._connectionFailure !== null) return;
    this._connectionFailure = cause;
    const drain = this._drain;
    if (drain !== null) {
      this._drain = null;
      drain.reject(cause);
    }
    this._sending?.destroy();
    this._encoder?.destroy();
    const end = this._endWaiter;
    if (end !== null) {
      this._endWaiter = null;
      end();
    }
  }

  isCommitted(): boolean {
    return this._commitPromise !== undefined;
  }
  /** Servlet 3.1's isReady(): false while written output waits for the connection (await flushBuffer()). */
  isReady(): boolean {
    return !this.isWriteBlocked();
  }

  /** Headers may change until they go out: before commit, and inside before-commit listeners. */
  private canModifyHeaders(): boolean {
    return (this._commitPromise === undefined && this._including === 0) || this._inBeforeCommit;
  }

  /** While an include runs, status and headers cannot change (RequestDispatcher.include). */
  setIncluding(including: boolean): void {
    this._including += including ? 1 : -1;
    if (this._including < 0) this._including = 0;
  }
  /** Ends the body: later writes are ignored (after a forward). */
  closeOutput(): void {
    this._closed = true;
  }

  /** Commits the headers (awaiting before-commit listeners) and sends the buffered body. */
  commit(): Promise<void> {
    if (this._commitPromise) return this._commitPromise;
    const listeners = this._beforeCommit;
    if (listeners === null || listeners.length === 0) {
      // nothing to await: commit now, without an async frame per response
      this._commitPromise = RESOLVED;
      try {
        this.commitNow();
      } catch (err) {
        this._commitError = err;
        const failed = Promise.reject(err);
        failed.catch(() => {
          /* handled by whoever awaits commit(); kept in _commitError */
        });
        this._commitPromise = failed;
      }
      return this._commitPromise;
    }
    this._commitPromise = this.commitAfterListeners(listeners);
    return this._commitPromise;
  }

  private async commitAfterListeners(listeners: (() => void | Promise<void>)[]): Promise<void> {
    try {
      this._inBeforeCommit = true;
      try {
        for (const l of listeners) {
          const pending = l();
          if (pending) await pending;
        }
      } finally {
        this._inBeforeCommit = false;
      }
      this.commitNow();
    } catch (err) {
      this._commitError = err;
      throw err;
    }
  }

  /** Writes the headers and the buffered body (kept for the final end() when completing). */
  private commitNow(): void {
    const interceptors = this._interceptors;
    if (interceptors !== null) {
      // interceptors decide at commit and may still set headers (GzipHandler's Content-Encoding, Vary)
      this._inBeforeCommit = true;
      try {
        for (const i of interceptors) {
          const t = i(this);
          if (t) {
            this.startEncoder(t);
            break;
          }
        }
      } finally {
        this._inBeforeCommit = false;
      }
    }
    this.writeHead();
    this._streaming = true;
    const chunks = this._chunks;
    this._chunks = [];
    this._size = 0;
    if (this._completing && !this._encoder) {
      // complete() ends the response with these bytes: headers and body leave in one write
      this._tail = chunks;
      return;
    }
    for (const c of chunks) this.rawWrite(c);
    // headers go out with the first body bytes; send them now only for an explicit early commit
    if (chunks.length === 0 && !this._completing && !this._raw.headersSent) this._raw.flushHeaders();
  }

  private startEncoder(t: Transform): void {
    this._encoder = t;
    const raw = this._raw;
    // the encoder's output waits for the connection, so its input waits too (write() and flush() see it)
    t.on('data', (c: Buffer) => {
      this._bytesWritten += c.length;
      if (!raw.write(c)) {
        t.pause();
        raw.once('drain', () => t.resume());
      }
    });
  }

  /** Sends the status line and every header in one `writeHead` (Node validates and assembles them once). */
  private writeHead(): void {
    const raw = this._raw;
    if (raw.headersSent) return;
    const headers = this._headers;
    const flat: (string | string[])[] = [];
    if (this._settings.sendServerVersion && !headers.has('server')) flat.push('Server', this._settings.serverVersion);
    // Node adds the Date header itself from a string it formats once a second (a set Date header wins)
    raw.sendDate = this._settings.sendDateHeader && !headers.has('date');
    const ct = this.getContentType();
    if (ct) flat.push('Content-Type', ct);
    for (const e of headers.values()) flat.push(e.name, e.values.length === 1 ? e.values[0] : e.values);
    // a client still waiting for 100 Continue never sent its body: the connection cannot be reused (as Jetty)
    if (this._request.isExpectingContinue()) raw.shouldKeepAlive = false;
    if (this._reason) raw.writeHead(this._status, this._reason, flat as unknown as string[]);
    else raw.writeHead(this._status, flat as unknown as string[]);
  }

  /**
   * Commits (headers and buffered body go out), then settles once the connection has taken what was
   * written ('drain'), at once when nothing waits; rejects with EofException (or the idle timeout's
   * TimeoutException) when the connection closed. Ignoring the promise is safe: writes stay in order.
   */
  flushBuffer(): Promise<void> {
    const committed = this.commit();
    if (committed === RESOLVED) return this.drained();
    return committed.then(() => this.drained());
  }

  private drained(): Promise<void> {
    const failure = this._connectionFailure;
    if (failure !== null) return rejected(failure);
    const out = this._encoder ?? this._raw;
    if (!out.writableNeedDrain) return RESOLVED;
    if (this._drain !== null) return this._drain.promise;
    let resolve!: () => void;
    let reject!: (err: Error) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // a flush nobody awaits must not become an unhandled rejection
    promise.catch(() => undefined);
    const drain = { promise, resolve, reject };
    this._drain = drain;
    out.once('drain', () => {
      if (this._drain === drain) this._drain = null;
      resolve();
    });
    return promise;
  }

  reset(): void {
    if (this.isCommitted()) throw new IllegalStateException('Cannot reset the response: it is committed');
    const cookies = (this._headers.get('set-cookie')?.values ?? []).filter((v) => this._sessionCookieNames?.has(v.split('=')[0].trim()) ?? false);
    this._headers.clear();
    if (cookies.length > 0) {
      this._headers.set('set-cookie', { name: 'Set-Cookie', values: cookies });
      this.expireForCaches();
    }
    this._status = 200;
    this._reason = undefined;
    this._mimeType = null;
    this._charset = null;
    this._writer = undefined;
    this._stream = undefined;
    this._closed = false;
    this._errorSent = false;
    this.resetBuffer();
  }

  resetBuffer(): void {
    if (this.isCommitted()) throw new IllegalStateException('Cannot reset the buffer: the response is committed');
    this._chunks = [];
    this._size = 0;
  }

  setBufferSize(size: number): void {
    if (this.isCommitted() || this._size > 0) throw new IllegalStateException('Cannot set the buffer size: content was written');
    this._bufferSize = Math.max(0, size);
  }
  getBufferSize(): number {
    return this._bufferSize;
  }

  /**
   * Finishes the exchange: commits (with Content-Length when everything is still buffered) and ends
   * the Node response; settles once Node has handed the last bytes to the socket. Called by the
   * connector after the whole handler chain settled. A commit with nothing to await continues at once,
   * without an async frame per response.
   */
  complete(): Promise<void> {
    if (this._completed) return RESOLVED;
    const committed = this.commitForCompletion();
    if (committed === RESOLVED) return this.endResponse();
    return committed.then(() => this.endResponse());
  }

  /**
   * complete() with a callback, as the server runs it: `then(null)` once Node has handed the last bytes to
   * the socket (or the connection closed), `then(err)` when the commit failed. A response whose commit
   * awaits nothing and that has no encoder ends without a promise (the hot path).
   */
  completeThen(then: (err: unknown) => void): void {
    if (this._completed) {
      then(null);
      return;
    }
    const committed = this.commitForCompletion();
    if (committed === RESOLVED && this._encoder === null) {
      this._completed = true;
      this.endRawThen(then);
      return;
    }
    (committed === RESOLVED ? this.endResponse() : committed.then(() => this.endResponse())).then(
      () => then(null),
      (err: unknown) => then(err ?? new Error('the response could not be committed')),
    );
  }

  /** Sets Content-Length when everything is still buffered, then commits. */
  private commitForCompletion(): Promise<void> {
    this._completing = true;
    if (
      !this._commitPromise &&
      !this._headers.has('content-length') &&
      !this._headers.has('transfer-encoding') &&
      this._status !== 204 &&
      this._status !== 304 &&
      this._status >= 200
    ) {
      this._headers.set('content-length', { name: 'Content-Length', values: [String(this._size)] });
    }
    return this.commit();
  }

  /** The committed response's last step: drain the encoder if any, then end the Node response with the buffered tail. */
  private endResponse(): Promise<void> {
    this._completed = true;
    const enc = this._encoder;
    if (enc && !enc.destroyed) {
      return new Promise<void>((resolve) => {
        enc.once('end', resolve);
        enc.once('close', resolve);
        enc.once('error', () => resolve());
        enc.end();
      }).then(() => this.endRaw());
    }
    return this.endRaw();
  }

  private endRaw(): Promise<void> {
    return new Promise<void>((resolve) => this.endRawThen(() => resolve()));
  }

  /** Ends the Node response with the buffered tail; `then(null)` once, when Node has handed the last bytes over or the connection closed. */
  private endRawThen(then: (err: unknown) => void): void {
    const tail = this._tail;
    this._tail = null;
    const raw = this._raw;
    // Node never calls end()'s callback on a closed connection: there is nothing to wait for then
    if (raw.writableEnded || raw.destroyed || this._connectionFailure !== null) {
      then(null);
      return;
    }
    let last: Buffer | string | undefined;
    if (tail && tail.length > 0) {
      const body = tail.length === 1 ? tail[0] : Buffer.concat(tail);
      this._bytesWritten += body.length;
      // a small body as a latin1 string (byte for byte) joins the header block in one write
      last = body.length <= SINGLE_WRITE_LIMIT ? body.toString('latin1') : body;
    }
    // called by Node when the last bytes are handed over, or by connectionClosed(): whichever comes first
    let called = false;
    const ended = (): void => {
      if (called) return;
      called = true;
      if (this._endWaiter === ended) this._endWaiter = null;
      then(null);
    };
    this._endWaiter = ended;
    if (typeof last === 'string') raw.end(last, 'latin1', ended);
    else if (last) raw.end(last, ended);
    else raw.end(ended);
  }

  toString(): string {
    return `Response(${this._status})`;
  }
}

/** The response's PrintWriter: text encoded in the response charset, one object with no closures per response. */
class ResponseWriter implements PrintWriter {
  constructor(
    private readonly _response: Response,
    private readonly _encoding: BufferEncoding,
  ) {}
  private out(text: string): boolean {
    return this._response.write(Buffer.from(text, this._encoding));
  }
  write(text: string): boolean {
    return this.out(String(text));
  }
  print(value: unknown): void {
    this.out(String(value));
  }
  println(value?: unknown): void {
    this.out(value === undefined ? '\n' : `${String(value)}\n`);
  }
  printf(fmt: string, ...args: unknown[]): void {
    this.out(format(fmt, ...args));
  }
  flush(): Promise<void> {
    return this._response.flushBuffer();
  }
  close(): void {
    this._response.closeOutput();
  }
  checkError(): boolean {
    return this._response.hasCommitError();
  }
}

function rejected(err: Error): Promise<void> {
  const p = Promise.reject(err);
  p.catch(() => undefined);
  return p;
}

function removePathParameter(url: string, prefix: string): string {
  const at = url.indexOf(prefix);
  if (at < 0) return url;
  let end = at + prefix.length;
  while (end < url.length && !'?#;/'.includes(url[end])) end++;
  return url.slice(0, at) + url.slice(end);
}

function toBufferEncoding(charset: string): BufferEncoding {
  const c = charset.toLowerCase();
  if (c === 'iso-8859-1' || c === 'latin1' || c === 'us-ascii' || c === 'ascii') return 'latin1';
  if (c === 'utf-16le') return 'utf16le';
  return 'utf8';
}
