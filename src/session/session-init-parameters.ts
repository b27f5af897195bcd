/**
 * The context init-parameters a SessionHandler reads at start (Jetty 9.4's `org.eclipse.jetty.servlet.*`
 * names, set as `<context-param>` in web.xml or with a context's `setInitParameter`).
 * @module
 */
import type { SessionContextHost } from './session-context';
import type { SessionCookieSettings } from './session-cookie-config';

export const SESSION_COOKIE_PROPERTY = 'org.eclipse.jetty.servlet.SessionCookie';
export const SESSION_ID_PATH_PARAMETER_NAME_PROPERTY = 'org.eclipse.jetty.servlet.SessionIdPathParameterName';
export const CHECKING_REMOTE_SESSION_ID_ENCODING_PROPERTY = 'org.eclipse.jetty.servlet.CheckingRemoteSessionIdEncoding';
export const SESSION_DOMAIN_PROPERTY = 'org.eclipse.jetty.servlet.SessionDomain';
export const SESSION_PATH_PROPERTY = 'org.eclipse.jetty.servlet.SessionPath';
export const MAX_AGE_PROPERTY = 'org.eclipse.jetty.servlet.MaxAge';

/** The handler settings the init-parameters may change besides the cookie's. */
export interface SessionInitParameterTarget {
  setSessionIdPathParameterName(name: string | null): void;
  setCheckingRemoteSessionIdEncoding(checking: boolean): void;
}

/** The init-parameter `name` of the context (or of its servlet context), null when unset. */
function initParameter(context: SessionContextHost | null, name: string): string | null {
  return context?.getInitParameter(name) ?? null;
}

/**
 * Applies the init-parameters of `context` as Jetty 9.4's SessionHandler.doStart does: the cookie name,
 * the path parameter name and checkingRemoteSessionIdEncoding always win; MaxAge, SessionDomain and
 * SessionPath only fill a cookie setting left at its default.
 * @throws RangeError when MaxAge is not an integer
 */
export function applySessionInitParameters(
  handler: SessionInitParameterTarget,
  cookie: SessionCookieSettings,
  context: SessionContextHost | null,
): void {
  const name = initParameter(context, SESSION_COOKIE_PROPERTY);
  if (name !== null) cookie.name = name;
  const param = initParameter(context, SESSION_ID_PATH_PARAMETER_NAME_PROPERTY);
  if (param !== null) handler.setSessionIdPathParameterName(param);
  if (cookie.maxAge === -1) {
    const maxAge = initParameter(context, MAX_AGE_PROPERTY);
    if (maxAge !== null && maxAge.trim() !== '') {
      const n = Number.parseInt(maxAge.trim(), 10);
      if (Number.isNaN(n)) throw new RangeError(`Cannot set session cookie max age '${maxAge}': not an integer (init-param ${MAX_AGE_PROPERTY})`);
      cookie.maxAge = n;
    }
  }
  if (cookie.domain === null) cookie.domain = initParameter(context, SESSION_DOMAIN_PROPERTY);
  if (cookie.path === null) cookie.path = initParameter(context, SESSION_PATH_PROPERTY);
  const checking = initParameter(context, CHECKING_REMOTE_SESSION_ID_ENCODING_PROPERTY);
  if (checking !== null) handler.setCheckingRemoteSessionIdEncoding(checking.trim().toLowerCase() === 'true');
}
