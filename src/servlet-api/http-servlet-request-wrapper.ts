/**
 * A request that delegates to another (javax.servlet.http.HttpServletRequestWrapper): filters subclass it
 * and override what they change, then pass the wrapper down the chain.
 * @module
 */
import type { Readable } from 'node:stream';
import type { Cookie } from './cookie';
import type { DispatcherType } from './dispatcher-type';
import type { HttpServletRequest } from './http-servlet-request';
import type { HttpSession } from './http-session';
import type { ServletContext } from './servlet-context';
import type { HttpServletResponse } from './http-servlet-response';

/** javax.servlet.http.HttpServletRequestWrapper: every method delegates to the wrapped request. */
export class HttpServletRequestWrapper implements HttpServletRequest {
  constructor(private _request: HttpServletRequest) {}

  /** The wrapped request. */
  getRequest(): HttpServletRequest {
    return this._request;
  }
  setRequest(request: HttpServletRequest): void {
    this._request = request;
  }
  /** The container's request under every wrapper (Jetty's Request.getBaseRequest). */
  getBaseRequest(): unknown {
    let r: unknown = this._request;
    for (let i = 0; i < 64 && r instanceof HttpServletRequestWrapper; i++) r = r.getRequest();
    return r;
  }

  getMethod(): string {
    return this._request.getMethod();
  }
  getRequestURI(): string {
    return this._request.getRequestURI();
  }
  getRequestURL(): string {
    return this._request.getRequestURL();
  }
  getContextPath(): string {
    return this._request.getContextPath();
  }
  getServletPath(): string {
    return this._request.getServletPath();
  }
  getPathInfo(): string | null {
    return this._request.getPathInfo();
  }
  getQueryString(): string | null {
    return this._request.getQueryString();
  }
  getProtocol(): string {
    return this._request.getProtocol();
  }
  getScheme(): string {
    return this._request.getScheme();
  }
  isSecure(): boolean {
    return this._request.isSecure();
  }
  getServerName(): string {
    return this._request.getServerName();
  }
  getServerPort(): number {
    return this._request.getServerPort();
  }
  getRemoteAddr(): string {
    return this._request.getRemoteAddr();
  }
  getRemoteHost(): string {
    return this._request.getRemoteHost();
  }
  getRemotePort(): number {
    return this._request.getRemotePort();
  }
  getLocalAddr(): string {
    return this._request.getLocalAddr();
  }
  getLocalName(): string {
    return this._request.getLocalName();
  }
  getLocalPort(): number {
    return this._request.getLocalPort();
  }
  getHeader(name: string): string | null {
    return this._request.getHeader(name);
  }
  getHeaders(name: string): string[] {
    return this._request.getHeaders(name);
  }
  getHeaderNames(): string[] {
    return this._request.getHeaderNames();
  }
  getIntHeader(name: string): number {
    return this._request.getIntHeader(name);
  }
  getDateHeader(name: string): number {
    return this._request.getDateHeader(name);
  }
  getContentType(): string | null {
    return this._request.getContentType();
  }
  getContentLength(): number {
    return this._request.getContentLength();
  }
  getCharacterEncoding(): string | null {
    return this._request.getCharacterEncoding();
  }
  setCharacterEncoding(encoding: string): void {
    return this._request.setCharacterEncoding(encoding);
  }
  getParameter(name: string): string | null {
    return this._request.getParameter(name);
  }
  getParameterValues(name: string): string[] | null {
    return this._request.getParameterValues(name);
  }
  getParameterNames(): string[] {
    return this._request.getParameterNames();
  }
  getParameterMap(): Map<string, string[]> {
    return this._request.getParameterMap();
  }
  getCookies(): Cookie[] {
    return this._request.getCookies();
  }
  getAttribute(name: string): unknown {
    return this._request.getAttribute(name);
  }
  getAttributeNames(): string[] {
    return this._request.getAttributeNames();
  }
  setAttribute(name: string, value: unknown): void {
    return this._request.setAttribute(name, value);
  }
  removeAttribute(name: string): void {
    return this._request.removeAttribute(name);
  }
  getInputStream(): Readable {
    return this._request.getInputStream();
  }
  buffer(): Promise<Buffer> {
    return this._request.buffer();
  }
  text(): Promise<string> {
    return this._request.text();
  }
  json(): Promise<unknown> {
    return this._request.json();
  }
  getSession(create?: boolean): HttpSession | null {
    return this._request.getSession(create);
  }
  getRequestedSessionId(): string | null {
    return this._request.getRequestedSessionId();
  }
  isRequestedSessionIdValid(): boolean {
    return this._request.isRequestedSessionIdValid();
  }
  isRequestedSessionIdFromCookie(): boolean {
    return this._request.isRequestedSessionIdFromCookie();
  }
  isRequestedSessionIdFromURL(): boolean {
    return this._request.isRequestedSessionIdFromURL();
  }
  changeSessionId(): string {
    return this._request.changeSessionId();
  }
  getServletContext(): ServletContext | null {
    return this._request.getServletContext();
  }
  getRequestDispatcher(path: string): unknown {
    return this._request.getRequestDispatcher?.(path) as unknown;
  }
  getDispatcherType(): DispatcherType {
    return this._request.getDispatcherType();
  }
  getRemoteUser(): string | null {
    return this._request.getRemoteUser();
  }
  isUserInRole(role: string): boolean {
    return this._request.isUserInRole(role);
  }
  getAuthType(): string | null {
    return this._request.getAuthType();
  }
  getUserPrincipal(): { getName(): string } | null {
    return this._request.getUserPrincipal();
  }
  authenticate(response: HttpServletResponse): Promise<boolean> {
    return this._request.authenticate(response);
  }
  login(username: string, password: string): void {
    this._request.login(username, password);
  }
  logout(): void {
    this._request.logout();
  }
  getLocale(): string {
    return this._request.getLocale();
  }
  getLocales(): string[] {
    return this._request.getLocales();
  }
  getPathTranslated(): string | null {
    return this._request.getPathTranslated();
  }
  getContentLengthLong(): number {
    return this._request.getContentLengthLong();
  }
}
