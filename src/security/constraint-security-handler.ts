/**
 * The SecurityHandler driven by constraint mappings (org.eclipse.jetty.security.ConstraintSecurityHandler),
 * which WebAppContext fills from web.xml's `<security-constraint>`s. Mappings are matched against the
 * request's canonical path in context (the one path the context, the servlet mapping and the file lookup
 * also read: `//`, `;params`, dot segments are already resolved and ambiguous shapes refused before this
 * runs) with the servlet url-pattern rules, most specific pattern first; under that pattern, a mapping for
 * the request's method wins over one for all methods and over method omissions. With
 * denyUncoveredHttpMethods, a method no mapping of the matched pattern covers is forbidden.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import type { Request } from '../server/request';
import type { UserIdentity } from '../server/user-identity';
import type { HttpServletResponse } from '../servlet-api/http-servlet-response';
import { PathMappings } from '../server/http/path-spec';
import { Log } from '../util/log';
import { Constraint } from './constraint';
import { ConstraintMapping } from './constraint-mapping';
import { RoleInfo } from './role-info';
import { redirectCode } from './authentication/form-authenticator';
import { SecurityHandler } from './security-handler';
import { UserDataConstraint, userDataConstraintOf } from './user-data-constraint';

const LOG = Log.getLogger('org.eclipse.jetty.security.ConstraintSecurityHandler');

const ALL_METHODS = '*';

/** The constraints of one path spec: per method, `*` for all, and method-omission entries. */
interface MethodTable {
  byMethod: Map<string, RoleInfo>;
  omissions: { omitted: Set<string>; info: RoleInfo }[];
}

@JettyClass('org.eclipse.jetty.security.ConstraintSecurityHandler')
export class ConstraintSecurityHandler extends SecurityHandler {
  private _constraintMappings: ConstraintMapping[] = [];
  private _roles = new Set<string>();
  private _denyUncoveredMethods = false;
  private _table = new PathMappings<MethodTable>();
  private _specs = new Map<string, MethodTable>();

  /** A Constraint in one call (Jetty's static createConstraint(name, authenticate, roles, dataConstraint)). */
  @Expose('String', 'boolean', 'String[]', 'int')
  static createConstraint(name: string, authenticate: boolean, roles: string[] | null, dataConstraint: number): Constraint {
    const c = new Constraint();
    if (name) c.setName(name);
    c.setAuthenticate(authenticate);
    c.setRoles(roles);
    if (dataConstraint >= 0) c.setDataConstraint(dataConstraint);
    return c;
  }

  @Expose() getConstraintMappings(): ConstraintMapping[] {
    return [...this._constraintMappings];
  }
  @Expose('java.util.List')
  setConstraintMappings(mappings: ConstraintMapping[] | null, roles?: Set<string> | string[] | null): void {
    this._constraintMappings = [];
    if (roles !== undefined && roles !== null) this._roles = new Set(roles);
    for (const m of mappings ?? []) this.addConstraintMapping(m);
  }
  @Expose('org.eclipse.jetty.security.ConstraintMapping')
  addConstraintMapping(mapping: ConstraintMapping): void {
    this._constraintMappings.push(mapping);
    if (this.isStarted()) this.processConstraintMapping(mapping);
  }

  /** The declared roles (`<security-role>`): `*` in a constraint means any of them. */
  @Expose() getRoles(): string[] {
    return [...this._roles];
  }
  @Expose('java.util.Set') setRoles(roles: Set<string> | string[]): void {
    this._roles = new Set(roles);
  }
  @Expose('String') addRole(role: string): void {
    this._roles.add(role);
  }

  @Expose() isDenyUncoveredHttpMethods(): boolean {
    return this._denyUncoveredMethods;
  }
  @Expose('boolean') setDenyUncoveredHttpMethods(deny: boolean): void {
    this._denyUncoveredMethods = deny;
  }

  protected override async doStart(): Promise<void> {
    this._table = new PathMappings<MethodTable>();
    this._specs = new Map();
    for (const m of this._constraintMappings) this.processConstraintMapping(m);
    if (!this._denyUncoveredMethods) {
      for (const p of this.getPathsWithUncoveredHttpMethods()) {
        LOG.warn(`${p} has uncovered http methods for path: ${p}`);
      }
    }
    await super.doStart();
  }

  /**
   * Path specs whose mappings name methods but leave others uncovered (Jetty warns about each), by Jetty's
   * rule: a constraint for all methods covers everything; a method-omission constraint covers every method but
   * the omitted ones, which are covered only when each has a constraint of its own; named methods alone leave
   * the others uncovered.
   */
  getPathsWithUncoveredHttpMethods(): string[] {
    const out: string[] = [];
    for (const [spec, t] of this._specs) {
      if (t.byMethod.has(ALL_METHODS)) continue;
      const omittedUncovered = t.omissions.some((o) => [...o.omitted].some((m) => !t.byMethod.has(m)));
      const namedUncovered = t.omissions.length === 0 && t.byMethod.size > 0;
      if (omittedUncovered || namedUncovered) out.push(spec);
    }
    return out;
  }

  private processConstraintMapping(mapping: ConstraintMapping): void {
    const spec = mapping.getPathSpec();
    if (spec === null) throw new TypeError(`Cannot add constraint mapping ${mapping}: it has no pathSpec`);
    let table = this._specs.get(spec);
    if (!table) {
      table = { byMethod: new Map(), omissions: [] };
      this._specs.set(spec, table);
      this._table.put(spec, table);
    }
    const all = table.byMethod.get(ALL_METHODS);
    if (all?.isForbidden()) return;
    const omissions = mapping.getMethodOmissions();
    if (omissions && omissions.length > 0) {
      const info = new RoleInfo();
      this.configureRoleInfo(info, mapping);
      table.omissions.push({ omitted: new Set(omissions.map((m) => m.trim())), info });
      return;
    }
    const method = mapping.getMethod() ?? ALL_METHODS;
    let info = table.byMethod.get(method);
    if (!info) {
      info = new RoleInfo();
      table.byMethod.set(method, info);
      if (all) info.combine(all);
      this.configureRoleInfo(info, mapping);
    } else {
      if (info.isForbidden()) return;
      const add = new RoleInfo();
      this.configureRoleInfo(add, mapping);
      info.combine(add);
    }
    if (info.isForbidden() && method === ALL_METHODS) {
      table.byMethod.clear();
      table.omissions = [];
      table.byMethod.set(ALL_METHODS, info);
    }
  }

  private configureRoleInfo(info: RoleInfo, mapping: ConstraintMapping): void {
    const c = mapping.getConstraint();
    if (c === null) return;
    if (c.isForbidden()) {
      info.setForbidden(true);
      return;
    }
    info.setUserDataConstraint(userDataConstraintOf(c.getDataConstraint()));
    info.setChecked(c.getAuthenticate());
    if (!info.isChecked()) return;
    if (c.isAnyRole()) {
      // '*': any role the application declares
      for (const r of this._roles) info.addRole(r);
      info.setAnyRole(true);
    } else if (c.isAnyAuth()) {
      info.setAnyAuth(true);
    } else {
      for (const r of c.getRoles()) info.addRole(r);
    }
  }

  protected prepareConstraintInfo(pathInContext: string, request: Request): RoleInfo | null {
    const match = this._table.match(pathInContext);
    if (match === null) return null;
    const table = match.value;
    const method = request.getMethod();
    const exact = table.byMethod.get(method);
    if (exact) return exact;
    const applicable: RoleInfo[] = [];
    const all = table.byMethod.get(ALL_METHODS);
    if (all) applicable.push(all);
    for (const o of table.omissions) if (!o.omitted.has(method)) applicable.push(o.info);
    if (applicable.length === 0) {
      if (!this._denyUncoveredMethods) return null;
      const denied = new RoleInfo();
      denied.setForbidden(true);
      return denied;
    }
    if (applicable.length === 1) return applicable[0];
    const combined = new RoleInfo();
    combined.setUserDataConstraint(UserDataConstraint.None);
    for (const r of applicable) combined.combine(r);
    return combined;
  }

  protected checkUserDataPermissions(_pathInContext: string, request: Request, response: HttpServletResponse, info: RoleInfo | null): boolean {
    if (info === null) return true;
    if (info.isForbidden()) return false;
    const guarantee = info.getUserDataConstraint();
    if (guarantee === null || guarantee === UserDataConstraint.None) return true;
    if (request.isSecure()) return true;
    const config = request.getHttpConfiguration();
    const securePort = config?.getSecurePort() ?? 0;
    if (securePort > 0) {
      const scheme = config!.getSecureScheme();
      const host = request.getServerName();
      const hostPart = host.includes(':') ? `[${host}]` : host;
      const q = request.getQueryString();
      response.setContentLength(0);
      // as Jetty: a See Other (303) on HTTP/1.1, 302 on HTTP/1.0
      request
        .getResponse()
        .sendRedirect(`${scheme}://${hostPart}:${securePort}${request.getRequestURI()}${q === null ? '' : `?${q}`}`, redirectCode(request));
    } else {
      response.sendError(403, '!Secure');
    }
    request.setHandled(true);
    return false;
  }

  protected isAuthMandatory(_request: Request, info: RoleInfo | null): boolean {
    return info !== null && info.isChecked();
  }

  protected checkWebResourcePermissions(_pathInContext: string, request: Request, info: RoleInfo | null, user: UserIdentity): boolean {
    if (info === null || !info.isChecked()) return true;
    if (info.isAnyAuth() && request.getUserPrincipal() !== null) return true;
    for (const role of info.getRoles()) if (user.isUserInRole(role)) return true;
    return false;
  }

  override dumpSelf(): string {
    return `ConstraintSecurityHandler@${this.getState()}{${this._constraintMappings.length} mappings,realm=${this.getRealmName() ?? ''}}`;
  }
}
