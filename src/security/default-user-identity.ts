/**
 * A user and the roles the login service gave it (org.eclipse.jetty.security.DefaultUserIdentity).
 * @module
 */
import type { UserIdentity } from '../server/user-identity';
import type { UserPrincipal } from './user-principal';

export class DefaultUserIdentity implements UserIdentity {
  private readonly _roles: readonly string[];
  constructor(
    private readonly _principal: UserPrincipal,
    roles: readonly string[],
  ) {
    this._roles = [...roles];
  }
  getUserPrincipal(): UserPrincipal {
    return this._principal;
  }
  getRoles(): string[] {
    return [...this._roles];
  }
  isUserInRole(role: string): boolean {
    // '*' is not a role a user has: it means "any declared role" only in a constraint
    if (role === '*') return false;
    return this._roles.includes(role);
  }
  toString(): string {
    return `DefaultUserIdentity('${this._principal.getName()}')`;
  }
}
