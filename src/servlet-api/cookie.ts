/**
 * An HTTP cookie as servlets see it (javax.servlet.http.Cookie), serialised with the `cookie` package.
 * @module
 */
import { stringifySetCookie } from 'cookie';

/**
 * A cookie read from a request or added to a response (Jetty/javax: javax.servlet.http.Cookie).
 * Not configured from XML; servlets create it with `new Cookie(name, value)`.
 */
export class Cookie {
  private _maxAge = -1;
  private _path: string | null = null;
  private _domain: string | null = null;
  private _secure = false;
  private _httpOnly = false;
  private _comment: string | null = null;
  private _version = 0;
  private _sameSite: 'Strict' | 'Lax' | 'None' | null = null;

  constructor(
    private readonly _name: string,
    private _value: string,
  ) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(_name)) {
      throw new TypeError(`Cannot create cookie '${_name}': the name is not a valid token`);
    }
  }

  getName(): string {
    return this._name;
  }
  getValue(): string {
    return this._value;
  }
  setValue(value: string): void {
    this._value = value;
  }
  /** Seconds; negative = a browser-session cookie, 0 = delete now. */
  getMaxAge(): number {
    return this._maxAge;
  }
  setMaxAge(seconds: number): void {
    this._maxAge = seconds;
  }
  getPath(): string | null {
    return this._path;
  }
  setPath(path: string | null): void {
    this._path = path;
  }
  getDomain(): string | null {
    return this._domain;
  }
  setDomain(domain: string | null): void {
    this._domain = domain ? domain.toLowerCase() : null;
  }
  getSecure(): boolean {
    return this._secure;
  }
  setSecure(secure: boolean): void {
    this._secure = secure;
  }
  isHttpOnly(): boolean {
    return this._httpOnly;
  }
  setHttpOnly(httpOnly: boolean): void {
    this._httpOnly = httpOnly;
  }
  getComment(): string | null {
    return this._comment;
  }
  setComment(comment: string | null): void {
    this._comment = comment;
  }
  getVersion(): number {
    return this._version;
  }
  setVersion(version: number): void {
    this._version = version;
  }
  getSameSite(): 'Strict' | 'Lax' | 'None' | null {
    return this._sameSite;
  }
  setSameSite(sameSite: 'Strict' | 'Lax' | 'None' | null): void {
    this._sameSite = sameSite;
  }

  /** The Set-Cookie header value for this cookie. */
  toSetCookieHeader(): string {
    const opts: Parameters<typeof stringifySetCookie>[2] = {};
    if (this._path) opts.path = this._path;
    if (this._domain) opts.domain = this._domain;
    if (this._maxAge >= 0) {
      opts.maxAge = this._maxAge;
      opts.expires = new Date(this._maxAge === 0 ? 0 : Date.now() + this._maxAge * 1000);
    }
    if (this._secure) opts.secure = true;
    if (this._httpOnly) opts.httpOnly = true;
    if (this._sameSite) opts.sameSite = this._sameSite.toLowerCase() as 'strict' | 'lax' | 'none';
    return stringifySetCookie(this._name, this._value, { ...opts, encode: (v: string) => v });
  }

  toString(): string {
    return `${this._name}=${this._value}`;
  }
}
