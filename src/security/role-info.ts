/**
 * What a request for one resource and method needs (org.eclipse.jetty.security.RoleInfo): nothing,
 * any authenticated user (`**`), any declared role (`*`), one of some roles, or forbidden; and the
 * transport guarantee. Constraints on the same pattern and method combine as the servlet specification
 * says: forbidden wins, an unchecked one opens access, roles add up.
 * @module
 */
import { type UserDataConstraint, combineUserData } from './user-data-constraint';

export class RoleInfo {
  private _checked = false;
  private _forbidden = false;
  private _anyRole = false;
  private _anyAuth = false;
  private _roles = new Set<string>();
  private _userData: UserDataConstraint | null = null;

  isChecked(): boolean {
    return this._checked;
  }
  setChecked(checked: boolean): void {
    this._checked = checked;
    if (!checked) {
      this._forbidden = false;
      this._roles.clear();
      this._anyRole = false;
      this._anyAuth = false;
    }
  }
  isForbidden(): boolean {
    return this._forbidden;
  }
  setForbidden(forbidden: boolean): void {
    this._forbidden = forbidden;
    if (forbidden) {
      this._checked = true;
      this._userData = null;
      this._anyRole = false;
      this._anyAuth = false;
      this._roles.clear();
    }
  }
  isAnyRole(): boolean {
    return this._anyRole;
  }
  setAnyRole(any: boolean): void {
    this._anyRole = any;
    if (any) this._checked = true;
  }
  isAnyAuth(): boolean {
    return this._anyAuth;
  }
  setAnyAuth(any: boolean): void {
    this._anyAuth = any;
    if (any) this._checked = true;
  }
  getRoles(): ReadonlySet<string> {
    return this._roles;
  }
  addRole(role: string): void {
    this._roles.add(role);
  }
  getUserDataConstraint(): UserDataConstraint | null {
    return this._userData;
  }
  setUserDataConstraint(u: UserDataConstraint | null): void {
    this._userData = combineUserData(this._userData, u);
  }

  /** Adds another constraint on the same resource and method. */
  combine(other: RoleInfo): void {
    if (other._forbidden) this.setForbidden(true);
    else if (!other._checked) this.setChecked(false);
    else if (other._anyRole) this.setAnyRole(true);
    else if (other._anyAuth) this.setAnyAuth(true);
    else if (!this._anyRole) for (const r of other._roles) this._roles.add(r);
    this.setUserDataConstraint(other._userData);
  }

  toString(): string {
    return `{RoleInfo${this._forbidden ? ',F' : ''}${this._checked ? ',C' : ''}${this._anyRole ? ',*' : ''}${this._anyAuth ? ',**' : ''}${[...this._roles].map((r) => `,${r}`).join('')}${this._userData !== null ? `,${this._userData}` : ''}}`;
  }
}
