/**
 * A minimal request object for driving SessionHandler without the HTTP server.
 * @module
 */
import type { HttpSession } from '../../src/servlet/http-session';

export class FakeRequest {
  readonly attributes = new Map<string, unknown>();
  session: HttpSession | null = null;
  requestedSessionId: string | null = null;
  constructor(readonly cookieHeader: string | null = null, readonly uri = '/', readonly secure = false) {}
  getAttribute(n: string): unknown { return this.attributes.get(n); }
  setAttribute(n: string, v: unknown): void { this.attributes.set(n, v); }
  isSecure(): boolean { return this.secure; }
  getHeader(n: string): string | null { return n.toLowerCase() === 'cookie' ? this.cookieHeader : null; }
  getRequestURI(): string { return this.uri; }
  setSession(s: HttpSession | null): void { this.session = s; }
  getRequestedSessionId(): string | null { return this.requestedSessionId; }
}
