/**
 * A response that delegates to another (javax.servlet.http.HttpServletResponseWrapper): filters subclass it
 * and override what they change, then pass the wrapper down the chain.
 * @module
 */
import type { Cookie } from './cookie';
import type { HttpServletResponse, PrintWriter, ServletOutputStream } from './http-servlet-response';

/** javax.servlet.http.HttpServletResponseWrapper: every method delegates to the wrapped response. */
export class HttpServletResponseWrapper implements HttpServletResponse {
  constructor(private _response: HttpServletResponse) {}

  /** The wrapped response. */
  getResponse(): HttpServletResponse {
    return this._response;
  }
  setResponse(response: HttpServletResponse): void {
    this._response = response;
  }

  setStatus(code: number): void {
    return this._response.setStatus(code);
  }
  getStatus(): number {
    return this._response.getStatus();
  }
  sendError(code: number, message?: string): void {
    return this._response.sendError(code, message);
  }
  sendRedirect(location: string): void {
    return this._response.sendRedirect(location);
  }
  setHeader(name: string, value: string | null): void {
    return this._response.setHeader(name, value);
  }
  addHeader(name: string, value: string): void {
    return this._response.addHeader(name, value);
  }
  setIntHeader(name: string, value: number): void {
    return this._response.setIntHeader(name, value);
  }
  addIntHeader(name: string, value: number): void {
    return this._response.addIntHeader(name, value);
  }
  setDateHeader(name: string, date: number): void {
    return this._response.setDateHeader(name, date);
  }
  addDateHeader(name: string, date: number): void {
    return this._response.addDateHeader(name, date);
  }
  getHeader(name: string): string | null {
    return this._response.getHeader(name);
  }
  getHeaders(name: string): string[] {
    return this._response.getHeaders(name);
  }
  getHeaderNames(): string[] {
    return this._response.getHeaderNames();
  }
  containsHeader(name: string): boolean {
    return this._response.containsHeader(name);
  }
  setContentType(type: string | null): void {
    return this._response.setContentType(type);
  }
  getContentType(): string | null {
    return this._response.getContentType();
  }
  setCharacterEncoding(encoding: string | null): void {
    return this._response.setCharacterEncoding(encoding);
  }
  getCharacterEncoding(): string {
    return this._response.getCharacterEncoding();
  }
  setContentLength(length: number): void {
    return this._response.setContentLength(length);
  }
  getWriter(): PrintWriter {
    return this._response.getWriter();
  }
  getOutputStream(): ServletOutputStream {
    return this._response.getOutputStream();
  }
  addCookie(cookie: Cookie): void {
    return this._response.addCookie(cookie);
  }
  encodeURL(url: string): string {
    return this._response.encodeURL(url);
  }
  encodeRedirectURL(url: string): string {
    return this._response.encodeRedirectURL(url);
  }
  isCommitted(): boolean {
    return this._response.isCommitted();
  }
  flushBuffer(): Promise<void> {
    return this._response.flushBuffer();
  }
  reset(): void {
    return this._response.reset();
  }
  resetBuffer(): void {
    return this._response.resetBuffer();
  }
  setBufferSize(size: number): void {
    return this._response.setBufferSize(size);
  }
  getBufferSize(): number {
    return this._response.getBufferSize();
  }
}
