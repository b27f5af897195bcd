/**
 * A user of a login service: the name and the stored credential (Jetty's AbstractLoginService.UserPrincipal).
 * @module
 */
import type { Credential } from '../util/security/credential';
import type { Principal } from '../server/user-identity';

export class UserPrincipal implements Principal {
  constructor(
    private readonly _name: string,
    private readonly _credential: Credential,
  ) {}
  getName(): string {
    return this._name;
  }
  /** True when `credentials` (the presented password) matches the stored credential. */
  authenticate(credentials: unknown): boolean {
    return credentials !== null && credentials !== undefined && this._credential.check(credentials);
  }
  /** The stored form of the credential (`MD5:...`, `CRYPT:...`, or the password itself). */
  getStoredCredential(): string {
    return this._credential.toString();
  }
  toString(): string {
    return this._name;
  }
}
