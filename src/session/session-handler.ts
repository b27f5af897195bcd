/**
 * The per-context session handler (org.eclipse.jetty.server.session.SessionHandler); first cut, being filled in.
 * @module
 */
import { JettyClass } from '../ioc/metadata';
import { HandlerWrapper } from '../server/handler/handler-wrapper';
import type { SessionManagerBridge, SessionCookie } from '../server/session-manager-bridge';
import type { HttpSession } from '../servlet/http-session';
import type { Request } from '../server/request';

/** Jetty's SessionHandler: configured with `getSessionHandler` in context XML. Work in progress. */
@JettyClass('org.eclipse.jetty.server.session.SessionHandler')
export class SessionHandler extends HandlerWrapper implements SessionManagerBridge {
  newHttpSession(_request: Request): HttpSession { throw new Error('Cannot create session: SessionHandler is not finished'); }
  isValid(_session: HttpSession): boolean { return false; }
  getSessionCookie(_session: HttpSession, _contextPath: string, _secure: boolean): SessionCookie | null { return null; }
  renewSessionId(_request: Request, session: HttpSession): string { return session.getId(); }
  getExtendedId(session: HttpSession): string { return session.getId(); }
  isUsingCookies(): boolean { return true; }
  isUsingURLs(): boolean { return true; }
  getSessionIdPathParameterName(): string { return 'jsessionid'; }
  isCheckingRemoteSessionIdEncoding(): boolean { return false; }
}
