/**
 * Users, their credentials and roles, held in memory (org.eclipse.jetty.security.UserStore); a
 * HashLoginService reads them from here. PropertyUserStore fills one from a realm file.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import { AbstractLifeCycle } from '../util/component/abstract-life-cycle';
import { type Credential, getCredential } from '../util/security/credential';
import { DefaultUserIdentity } from './default-user-identity';
import { UserPrincipal } from './user-principal';

@JettyClass('org.eclipse.jetty.security.UserStore')
export class UserStore extends AbstractLifeCycle {
  protected _users = new Map<string, DefaultUserIdentity>();

  /** Adds (or replaces) a user; `credential` is a Credential or its stored form (`MD5:...`, `OBF:...`, clear). */
  @Expose('String', 'String', 'String[]')
  addUser(username: string, credential: Credential | string, roles: string[] | null): void {
    const c = typeof credential === 'string' ? getCredential(credential) : credential;
    this._users.set(username, new DefaultUserIdentity(new UserPrincipal(username, c), roles ?? []));
  }

  @Expose('String')
  removeUser(username: string): void {
    this._users.delete(username);
  }

  /** The user of that name, or null. */
  getUserIdentity(username: string): DefaultUserIdentity | null {
    return this._users.get(username) ?? null;
  }

  /** The names of every user. */
  getKnownUserNames(): string[] {
    return [...this._users.keys()];
  }
}
