/**
 * The state of a request's authentication (org.eclipse.jetty.server.Authentication): not checked yet,
 * a known user, deferred (checked only if the app asks), or an answer the authenticator already sent
 * (a challenge, a failure, a redirect after success). Defined in the server layer, implemented by the
 * security layer (src/security).
 * @module
 */
import type { HttpServletRequest } from '../servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import type { UserIdentity } from './user-identity';

/** An authenticated user (Authentication.User). */
export interface UserAuthentication {
  readonly kind: 'user';
  getAuthMethod(): string;
  getUserIdentity(): UserIdentity;
  isUserInRole(role: string): boolean;
  /** Logs this user out of the request (Jetty's Authentication.User.logout); returns the new state. */
  logout(request: HttpServletRequest): Authentication;
}

/** Not checked yet: authenticates when the app asks (Authentication.Deferred). */
export interface DeferredAuthentication {
  readonly kind: 'deferred';
  /** Authenticates without sending anything: the user, or UNAUTHENTICATED. */
  authenticate(request: HttpServletRequest): Authentication;
  /** Authenticates and may challenge through `response` (HttpServletRequest.authenticate). */
  authenticateWith(request: HttpServletRequest, response: HttpServletResponse): Promise<Authentication>;
  /** Checks a user name and password (HttpServletRequest.login): the user, or null. */
  login(username: string, password: string, request: HttpServletRequest): Authentication | null;
}

/** An answer was sent by the authenticator (Authentication.ResponseSent and its kinds). */
export interface ResponseSentAuthentication {
  readonly kind: 'challenge' | 'failure' | 'success';
}

/** No user, and none will be looked for. */
export interface UnauthenticatedAuthentication {
  readonly kind: 'unauthenticated';
}

export type Authentication = UserAuthentication | DeferredAuthentication | ResponseSentAuthentication | UnauthenticatedAuthentication;

/** Jetty's Authentication.UNAUTHENTICATED. */
export const UNAUTHENTICATED: UnauthenticatedAuthentication = Object.freeze({ kind: 'unauthenticated' });
/** Jetty's Authentication.SEND_CONTINUE: a challenge (401, or a redirect to the login page) was sent. */
export const SEND_CONTINUE: ResponseSentAuthentication = Object.freeze({ kind: 'challenge' });
/** Jetty's Authentication.SEND_FAILURE: a failed login was answered (403, or the error page). */
export const SEND_FAILURE: ResponseSentAuthentication = Object.freeze({ kind: 'failure' });
/** Jetty's Authentication.SEND_SUCCESS. */
export const SEND_SUCCESS: ResponseSentAuthentication = Object.freeze({ kind: 'success' });

/** True when the authenticator already answered the request. */
export function isResponseSent(a: Authentication | null): a is ResponseSentAuthentication {
  return a !== null && (a.kind === 'challenge' || a.kind === 'failure' || a.kind === 'success');
}
