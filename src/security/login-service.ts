/**
 * Checks user names and passwords for a realm (org.eclipse.jetty.security.LoginService).
 * @module
 */
import type { UserIdentity } from '../server/user-identity';

export interface LoginService {
  /** The realm name (matched against `<realm-name>` in `<login-config>`). */
  getName(): string | null;
  /** The user when the password is right, else null. */
  login(username: string, credentials: unknown): UserIdentity | null;
  /** The user as the service knows it now, without a password check (null: no such user any more). */
  getUserIdentity(username: string): UserIdentity | null;
  /** True while `user` is still known with the same credential (a changed password or removed user: false). */
  validate(user: UserIdentity): boolean;
  logout(user: UserIdentity): void;
}

/** True for an object that is a LoginService (the XML layer hands objects over untyped). */
export function isLoginService(o: unknown): o is LoginService {
  const s = o as Partial<LoginService> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.login === 'function' &&
    typeof s.getName === 'function' &&
    typeof s.validate === 'function' &&
    typeof s.getUserIdentity === 'function'
  );
}
