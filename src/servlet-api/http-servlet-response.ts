/**
 * The response contract a servlet sees (javax.servlet.http.HttpServletResponse), with Java's method
 * names and SC_* status constants.
 * @module
 */
import type { Cookie } from './cookie';

/**
 * The character stream of a response (java.io.PrintWriter); writes are synchronous and buffered. write()
 * returns false once the connection cannot take more now: `await flush()` (it settles on 'drain').
 */
export interface PrintWriter {
  write(text: string): boolean;
  print(value: unknown): void;
  println(value?: unknown): void;
  printf(format: string, ...args: unknown[]): void;
  flush(): Promise<void>;
  close(): void;
  checkError(): boolean;
}

/**
 * The byte stream of a response (javax.servlet.ServletOutputStream). write() returns false once the
 * connection cannot take more now (Node's answer): `await flush()`, which settles on 'drain', before
 * writing on; isReady() says the same (Servlet 3.1).
 */
export interface ServletOutputStream {
  write(chunk: Buffer | Uint8Array | string): boolean;
  isReady(): boolean;
  print(value: unknown): void;
  println(value?: unknown): void;
  flush(): Promise<void>;
  close(): void;
}

export interface HttpServletResponse {
  setStatus(code: number): void;
  getStatus(): number;
  /** Sends an error page through the ErrorHandler; the response is closed afterwards. */
  sendError(code: number, message?: string): void;
  /** 302 to `location`, made absolute against the request URL; the response is closed afterwards. */
  sendRedirect(location: string): void;

  setHeader(name: string, value: string | null): void;
  addHeader(name: string, value: string): void;
  setIntHeader(name: string, value: number): void;
  addIntHeader(name: string, value: number): void;
  setDateHeader(name: string, date: number): void;
  addDateHeader(name: string, date: number): void;
  getHeader(name: string): string | null;
  getHeaders(name: string): string[];
  getHeaderNames(): string[];
  containsHeader(name: string): boolean;

  setContentType(type: string | null): void;
  getContentType(): string | null;
  setCharacterEncoding(encoding: string | null): void;
  getCharacterEncoding(): string;
  setContentLength(length: number): void;

  getWriter(): PrintWriter;
  getOutputStream(): ServletOutputStream;
  addCookie(cookie: Cookie): void;
  encodeURL(url: string): string;
  encodeRedirectURL(url: string): string;

  isCommitted(): boolean;
  /**
   * Commits the headers and sends what is buffered; the promise settles once the connection took it
   * ('drain'), and rejects when the connection closed.
   */
  flushBuffer(): Promise<void>;
  reset(): void;
  resetBuffer(): void;
  setBufferSize(size: number): void;
  getBufferSize(): number;
}

/** Status codes, under their Java names. */
export const HttpServletResponse = {
  SC_CONTINUE: 100,
  SC_SWITCHING_PROTOCOLS: 101,
  SC_OK: 200,
  SC_CREATED: 201,
  SC_ACCEPTED: 202,
  SC_NON_AUTHORITATIVE_INFORMATION: 203,
  SC_NO_CONTENT: 204,
  SC_RESET_CONTENT: 205,
  SC_PARTIAL_CONTENT: 206,
  SC_MULTIPLE_CHOICES: 300,
  SC_MOVED_PERMANENTLY: 301,
  SC_MOVED_TEMPORARILY: 302,
  SC_FOUND: 302,
  SC_SEE_OTHER: 303,
  SC_NOT_MODIFIED: 304,
  SC_USE_PROXY: 305,
  SC_TEMPORARY_REDIRECT: 307,
  SC_BAD_REQUEST: 400,
  SC_UNAUTHORIZED: 401,
  SC_PAYMENT_REQUIRED: 402,
  SC_FORBIDDEN: 403,
  SC_NOT_FOUND: 404,
  SC_METHOD_NOT_ALLOWED: 405,
  SC_NOT_ACCEPTABLE: 406,
  SC_PROXY_AUTHENTICATION_REQUIRED: 407,
  SC_REQUEST_TIMEOUT: 408,
  SC_CONFLICT: 409,
  SC_GONE: 410,
  SC_LENGTH_REQUIRED: 411,
  SC_PRECONDITION_FAILED: 412,
  SC_REQUEST_ENTITY_TOO_LARGE: 413,
  SC_REQUEST_URI_TOO_LONG: 414,
  SC_UNSUPPORTED_MEDIA_TYPE: 415,
  SC_REQUESTED_RANGE_NOT_SATISFIABLE: 416,
  SC_EXPECTATION_FAILED: 417,
  SC_INTERNAL_SERVER_ERROR: 500,
  SC_NOT_IMPLEMENTED: 501,
  SC_BAD_GATEWAY: 502,
  SC_SERVICE_UNAVAILABLE: 503,
  SC_GATEWAY_TIMEOUT: 504,
  SC_HTTP_VERSION_NOT_SUPPORTED: 505,
} as const;
