/**
 * The request contract a servlet sees (javax.servlet.http.HttpServletRequest), with Java's method names.
 * @module
 */
import type { Readable } from 'node:stream';
import type { Cookie } from './cookie';
import type { DispatcherType } from './dispatcher-type';
import type { HttpSession } from './http-session';
import type { ServletContext } from './servlet-context';
import type { HttpServletResponse } from './http-servlet-response';

export interface HttpServletRequest {
  getMethod(): string;
  /** The request URI as received: no query, path parameters (`;jsessionid=`) kept, not decoded. */
  getRequestURI(): string;
  /** scheme://host:port + request URI. */
  getRequestURL(): string;
  getContextPath(): string;
  getServletPath(): string;
  getPathInfo(): string | null;
  getQueryString(): string | null;
  getProtocol(): string;
  getScheme(): string;
  isSecure(): boolean;
  getServerName(): string;
  getServerPort(): number;
  getRemoteAddr(): string;
  getRemoteHost(): string;
  getRemotePort(): number;
  getLocalAddr(): string;
  getLocalName(): string;
  getLocalPort(): number;

  getHeader(name: string): string | null;
  getHeaders(name: string): string[];
  getHeaderNames(): string[];
  getIntHeader(name: string): number;
  getDateHeader(name: string): number;
  getContentType(): string | null;
  getContentLength(): number;
  getCharacterEncoding(): string | null;
  setCharacterEncoding(encoding: string): void;

  /** Query parameters, then urlencoded form parameters (the form body is read before dispatch). */
  getParameter(name: string): string | null;
  getParameterValues(name: string): string[] | null;
  getParameterNames(): string[];
  getParameterMap(): Map<string, string[]>;

  getCookies(): Cookie[];

  getAttribute(name: string): unknown;
  getAttributeNames(): string[];
  setAttribute(name: string, value: unknown): void;
  removeAttribute(name: string): void;

  /** The body as a stream (once). */
  getInputStream(): Readable;
  /** The whole body (read once, bounded in size; later calls return the same bytes). */
  buffer(): Promise<Buffer>;
  text(): Promise<string>;
  json(): Promise<unknown>;

  getSession(create?: boolean): HttpSession | null;
  getRequestedSessionId(): string | null;
  isRequestedSessionIdValid(): boolean;
  isRequestedSessionIdFromCookie(): boolean;
  isRequestedSessionIdFromURL(): boolean;
  changeSessionId(): string;

  getServletContext(): ServletContext | null;
  /** A dispatcher for a path of this request's context; relative paths resolve against the current path. */
  getRequestDispatcher?(path: string): unknown;
  getDispatcherType(): DispatcherType;
  /** The authenticated user's name, or null. */
  getRemoteUser(): string | null;
  isUserInRole(role: string): boolean;
  /** `BASIC` or `FORM` for an authenticated request, else null. */
  getAuthType(): string | null;
  getUserPrincipal(): { getName(): string } | null;
  /** True when the request has a user; else challenges through `response` and answers false. */
  authenticate(response: HttpServletResponse): Promise<boolean>;
  /** Logs in with the context's login service; throws ServletException when that fails. */
  login(username: string, password: string): void;
  /** Forgets the authenticated user. */
  logout(): void;
  /** The preferred locale from Accept-Language (a BCP 47 tag), or the default `en`. */
  getLocale(): string;
  /** The locales from Accept-Language by preference, or `['en']`. */
  getLocales(): string[];
  /** The real path of the path info, or null. */
  getPathTranslated(): string | null;
  getContentLengthLong(): number;
}
