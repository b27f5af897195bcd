/**
 * What a `<security-constraint>` requires (org.eclipse.jetty.util.security.Constraint): whether the
 * user must authenticate, in which roles (`*` any declared role, `**` any authenticated user, none:
 * nobody), and the transport guarantee.
 * @module
 */
import { Expose, ExposeField, JettyClass } from '../ioc/metadata';

@JettyClass('org.eclipse.jetty.util.security.Constraint', {
  ctors: [
    [],
    [
      { name: 'name', type: 'String' },
      { name: 'role', type: 'String' },
    ],
  ],
})
export class Constraint {
  @ExposeField('String') static readonly __BASIC_AUTH = 'BASIC';
  @ExposeField('String') static readonly __FORM_AUTH = 'FORM';
  @ExposeField('String') static readonly __DIGEST_AUTH = 'DIGEST';
  @ExposeField('String') static readonly __CERT_AUTH = 'CLIENT_CERT';
  @ExposeField('String') static readonly __CERT_AUTH2 = 'CLIENT-CERT';
  @ExposeField('String') static readonly __SPNEGO_AUTH = 'SPNEGO';
  @ExposeField('String') static readonly __NEGOTIATE_AUTH = 'NEGOTIATE';
  @ExposeField('String') static readonly __OPENID_AUTH = 'OPENID';
  @ExposeField('int') static readonly DC_UNSET = -1;
  @ExposeField('int') static readonly DC_NONE = 0;
  @ExposeField('int') static readonly DC_INTEGRAL = 1;
  @ExposeField('int') static readonly DC_CONFIDENTIAL = 2;
  @ExposeField('int') static readonly DC_FORBIDDEN = 3;
  @ExposeField('String') static readonly NONE = 'NONE';
  @ExposeField('String') static readonly ANY_ROLE = '*';
  @ExposeField('String') static readonly ANY_AUTH = '**';

  /** True when Jetty knows the auth method name (`CLIENT-CERT` and `CLIENT_CERT` both). */
  static validateMethod(method: string | null): boolean {
    if (method === null) return false;
    const m = method.trim();
    return ['FORM', 'BASIC', 'DIGEST', 'CLIENT_CERT', 'CLIENT-CERT', 'SPNEGO', 'NEGOTIATE', 'OPENID'].includes(m);
  }

  private _name: string | null = null;
  private _roles: string[] = [];
  private _dataConstraint = Constraint.DC_UNSET;
  private _anyRole = false;
  private _anyAuth = false;
  private _authenticate = false;

  constructor(name?: string, role?: string) {
    if (name !== undefined) this.setName(name);
    if (role !== undefined) {
      this.setRoles([role]);
      this.setAuthenticate(true);
    }
  }

  @Expose('String') setName(name: string | null): void {
    this._name = name;
  }
  @Expose() getName(): string | null {
    return this._name;
  }

  /** The roles; `*` among them means any declared role, `**` any authenticated user. */
  @Expose('String[]')
  setRoles(roles: string[] | null): void {
    this._roles = roles ? [...roles] : [];
    this._anyRole = this._roles.includes(Constraint.ANY_ROLE);
    this._anyAuth = this._roles.includes(Constraint.ANY_AUTH);
  }
  @Expose() getRoles(): string[] {
    return [...this._roles];
  }
  @Expose('String') hasRole(role: string): boolean {
    return this._anyRole || this._roles.includes(role);
  }
  @Expose() isAnyRole(): boolean {
    return this._anyRole;
  }
  @Expose() isAnyAuth(): boolean {
    return this._anyAuth;
  }

  @Expose('boolean') setAuthenticate(authenticate: boolean): void {
    this._authenticate = authenticate;
  }
  @Expose() getAuthenticate(): boolean {
    return this._authenticate;
  }
  /** Authentication is required but no role may pass: an empty `<auth-constraint/>`. */
  @Expose() isForbidden(): boolean {
    return this._authenticate && !this._anyRole && !this._anyAuth && this._roles.length === 0;
  }

  /** DC_NONE, DC_INTEGRAL or DC_CONFIDENTIAL (DC_UNSET when not given). */
  @Expose('int')
  setDataConstraint(c: number): void {
    if (c < 0 || c > Constraint.DC_CONFIDENTIAL)
      throw new RangeError(`Cannot set data constraint ${c}: use 0 (NONE), 1 (INTEGRAL) or 2 (CONFIDENTIAL)`);
    this._dataConstraint = c;
  }
  @Expose() getDataConstraint(): number {
    return this._dataConstraint;
  }
  @Expose() hasDataConstraint(): boolean {
    return this._dataConstraint >= Constraint.DC_NONE;
  }

  toString(): string {
    const roles = this._anyRole ? '*' : this._anyAuth ? '**' : this._roles.join(',');
    return `SC{${this._name ?? ''},${roles},${this._dataConstraint === Constraint.DC_UNSET ? 'DC_UNSET}' : this._dataConstraint === Constraint.DC_NONE ? 'NONE}' : this._dataConstraint === Constraint.DC_INTEGRAL ? 'INTEGRAL}' : 'CONFIDENTIAL}'}`;
  }
}
