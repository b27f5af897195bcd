/**
 * A FORM login kept in the session (org.eclipse.jetty.security.authentication.SessionAuthentication),
 * under Jetty's attribute name `org.eclipse.jetty.security.UserIdentity`. It is stored as plain data
 * so every session store keeps it: a login survives a restart (file store) and moves to another node
 * (JDBC store) with its session.
 *
 * Jetty serialises the user name and the password itself. Pier stores the user name, the method and a
 * salted SHA-256 of the credential the login service holds for the user (its realm-file form), never the
 * password. When the session is used again, the user is looked up again: a user removed from the realm
 * or given another password is logged out, as Jetty's re-login on activation does, and the roles are
 * the realm's current ones.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { UserIdentity } from '../../server/user-identity';
import { constantTimeEquals } from '../../util/security/password';
import type { Authenticator } from '../authenticator';
import type { LoginService } from '../login-service';
import { UserPrincipal } from '../user-principal';
import { UserAuthentication } from './user-authentication';

/** The session attribute holding the login (Jetty's SessionAuthentication.__J_AUTHENTICATED). */
export const J_AUTHENTICATED = 'org.eclipse.jetty.security.UserIdentity';

/** The stored form of a login in a session. */
export interface StoredSessionAuthentication {
  readonly type: 'org.eclipse.jetty.security.authentication.SessionAuthentication';
  readonly method: string;
  readonly name: string;
  readonly salt: string;
  readonly check: string;
}

function fingerprint(salt: string, name: string, user: UserIdentity): string | null {
  const p = user.getUserPrincipal();
  if (!(p instanceof UserPrincipal)) return null;
  return createHash('sha256').update(`${salt}\u0000${name}\u0000${p.getStoredCredential()}`).digest('hex');
}

export class SessionAuthentication extends UserAuthentication {
  /** The plain value to put in the session for `user`, authenticated by `method`. */
  static toStored(method: string, user: UserIdentity): StoredSessionAuthentication {
    const name = user.getUserPrincipal().getName();
    const salt = randomBytes(16).toString('hex');
    return {
      type: 'org.eclipse.jetty.security.authentication.SessionAuthentication',
      method,
      name,
      salt,
      check: fingerprint(salt, name, user) ?? '',
    };
  }

  /**
   * The login a session attribute holds, checked against the login service now; null when the value is
   * not a stored login, the user is gone, or the credential changed (the caller then removes it).
   */
  static restore(value: unknown, loginService: LoginService | null, authenticator: Authenticator): SessionAuthentication | null {
    const v = value as Partial<StoredSessionAuthentication> | null;
    if (
      loginService === null ||
      typeof v !== 'object' ||
      v === null ||
      v.type !== 'org.eclipse.jetty.security.authentication.SessionAuthentication' ||
      typeof v.name !== 'string' ||
      typeof v.salt !== 'string' ||
      typeof v.check !== 'string' ||
      typeof v.method !== 'string'
    )
      return null;
    const user = loginService.getUserIdentity(v.name);
    if (user === null) return null;
    const now = fingerprint(v.salt, v.name, user);
    if (now === null || !constantTimeEquals(now, v.check)) return null;
    return new SessionAuthentication(v.method, user, authenticator, loginService);
  }

  override toString(): string {
    return `Session${super.toString()}`;
  }
}
