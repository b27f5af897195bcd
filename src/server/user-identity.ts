/**
 * Who the user of a request is (org.eclipse.jetty.server.UserIdentity): the principal and the roles.
 * Defined in the server layer so that the request can answer getUserPrincipal and isUserInRole
 * without depending on the security layer that makes identities.
 * @module
 */

/** A named user (java.security.Principal). */
export interface Principal {
  getName(): string;
}

/** An authenticated user: the principal and a role check. */
export interface UserIdentity {
  getUserPrincipal(): Principal;
  isUserInRole(role: string): boolean;
}
