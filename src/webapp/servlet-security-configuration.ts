/**
 * A servlet class's `static servletSecurity` (the JavaScript form of @ServletSecurity) turned into
 * constraints on the url-patterns the servlet is mapped to, as Jetty's ServletSecurityAnnotationHandler
 * and ConstraintSecurityHandler.createConstraintsWithMappingsForPath do:
 *
 * - the HttpConstraint (`value`) becomes a constraint for the pattern, unless it is all defaults (permit,
 *   no roles, no TLS); it omits every method an HttpMethodConstraint names;
 * - each HttpMethodConstraint becomes a constraint for the pattern and its method;
 * - roles allowed mean an auth-constraint with those roles; none with DENY, an empty auth-constraint
 *   (nobody); none with PERMIT, no auth-constraint; CONFIDENTIAL, a CONFIDENTIAL user-data-constraint.
 *
 * The descriptors win: when any url-pattern of a class's servlets already has a constraint (web.xml,
 * web-fragment, override descriptor or XML), the class's declaration is skipped whole with a WARN line, as
 * Jetty does and as the servlet specification says. A declaration that is not one (an unknown field, a
 * misspelt value, DENY with roles, a method twice) stops the web app: a typo must not open a servlet.
 * @module
 */
import type { ConstraintMapping } from '../security/constraint-mapping';
import { ConstraintMapping as Mapping } from '../security/constraint-mapping';
import { Constraint } from '../security/constraint';
import { ConstraintSecurityHandler } from '../security/constraint-security-handler';
import type { ServletHandler } from '../servlet/servlet-handler';
import type { ServletSecurity } from '../servlet-api/servlet-security';
import { Log } from '../util/log';
import { WebAppError } from './errors';
import { PlainServletAdapter } from './servlet-adapter';

const LOG = Log.getLogger('org.eclipse.jetty.annotations.ServletSecurityAnnotationHandler');

/** The mappings each handler got from declarations, so a restart replaces them instead of keeping stale ones. */
const fromDeclarations = new WeakMap<ConstraintSecurityHandler, ConstraintMapping[]>();

const SEMANTICS = ['PERMIT', 'DENY'];
const GUARANTEES = ['NONE', 'CONFIDENTIAL'];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

interface ConstraintElement {
  semantic: string;
  roles: string[];
  guarantee: string;
}

/** Reads and checks the declaration of `className`; throws a WebAppError naming the field that is wrong. */
export function readServletSecurity(
  className: string,
  declared: unknown,
): { http: ConstraintElement; methods: (ConstraintElement & { method: string })[] } {
  const fail = (what: string): never => {
    throw new WebAppError(`Cannot use the servletSecurity of servlet class '${className}': ${what}`);
  };
  const record = (value: unknown, what: string, fields: string[]): Record<string, unknown> => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(`${what} is not an object`);
    for (const key of Object.keys(value)) if (!fields.includes(key)) fail(`'${key}' is not a field of ${what} (use ${fields.join(', ')})`);
    return value as Record<string, unknown>;
  };
  const element = (r: Record<string, unknown>, what: string, semanticField: string): ConstraintElement => {
    const semantic = r[semanticField] ?? 'PERMIT';
    const guarantee = r.transportGuarantee ?? 'NONE';
    const roles = r.rolesAllowed ?? [];
    if (typeof semantic !== 'string' || !SEMANTICS.includes(semantic))
      fail(`${what}.${semanticField} is ${JSON.stringify(semantic)} (use 'PERMIT' or 'DENY')`);
    if (typeof guarantee !== 'string' || !GUARANTEES.includes(guarantee))
      fail(`${what}.transportGuarantee is ${JSON.stringify(guarantee)} (use 'NONE' or 'CONFIDENTIAL')`);
    if (!Array.isArray(roles) || roles.some((x) => typeof x !== 'string' || x.trim() === ''))
      fail(`${what}.rolesAllowed is not an array of role names`);
    if (semantic === 'DENY' && (roles as string[]).length > 0)
      fail(`${what} denies with rolesAllowed (use either ${semanticField}: 'DENY' or rolesAllowed)`);
    return { semantic: semantic as string, roles: (roles as string[]).map((x) => x.trim()), guarantee: guarantee as string };
  };
  const top = record(declared, 'servletSecurity', ['value', 'httpMethodConstraints']);
  const http = element(
    top.value === undefined ? {} : record(top.value, 'servletSecurity.value', ['value', 'rolesAllowed', 'transportGuarantee']),
    'servletSecurity.value',
    'value',
  );
  const list = top.httpMethodConstraints ?? [];
  if (!Array.isArray(list)) fail('servletSecurity.httpMethodConstraints is not an array');
  const seen = new Set<string>();
  const methods = (list as unknown[]).map((m, i) => {
    const what = `servletSecurity.httpMethodConstraints[${i}]`;
    const r = record(m, what, ['value', 'emptyRoleSemantic', 'rolesAllowed', 'transportGuarantee']);
    const method = r.value;
    if (typeof method !== 'string' || !TOKEN.test(method)) fail(`${what}.value is ${JSON.stringify(method)} (use an HTTP method name such as 'GET')`);
    if (seen.has(method as string)) fail(`${what} names the method '${method}' a second time`);
    seen.add(method as string);
    return { method: method as string, ...element(r, what, 'emptyRoleSemantic') };
  });
  return { http, methods };
}

function constraintOf(name: string, e: ConstraintElement): Constraint {
  let constraint: Constraint;
  if (e.roles.length > 0) constraint = ConstraintSecurityHandler.createConstraint(`${name}-RolesAllowed`, true, e.roles, -1);
  else if (e.semantic === 'DENY') constraint = ConstraintSecurityHandler.createConstraint(`${name}-Deny`, true, null, -1);
  else constraint = ConstraintSecurityHandler.createConstraint(`${name}-Permit`, false, null, -1);
  constraint.setDataConstraint(e.guarantee === 'CONFIDENTIAL' ? Constraint.DC_CONFIDENTIAL : Constraint.DC_NONE);
  return constraint;
}

/** The mappings of one declaration for one url-pattern (Jetty's createConstraintsWithMappingsForPath). */
export function constraintsForPath(name: string, pathSpec: string, declared: ReturnType<typeof readServletSecurity>): ConstraintMapping[] {
  const out: ConstraintMapping[] = [];
  const mapping = (constraint: Constraint): ConstraintMapping => {
    const m = new Mapping();
    m.setPathSpec(pathSpec);
    m.setConstraint(constraint);
    out.push(m);
    return m;
  };
  const { http, methods } = declared;
  const httpMapping = http.semantic !== 'PERMIT' || http.roles.length > 0 || http.guarantee !== 'NONE' ? mapping(constraintOf(name, http)) : null;
  for (const m of methods) mapping(constraintOf(name, m)).setMethod(m.method);
  if (httpMapping !== null && methods.length > 0) httpMapping.setMethodOmissions(methods.map((m) => m.method));
  return out;
}

/** The class a holder runs: its class, its instance's (or its adapted object's), or the one its class name loads to. */
async function servletClassOf(handler: ServletHandler, holder: ReturnType<ServletHandler['getServlets']>[number]): Promise<Function | null> {
  const instance = holder.getInstance();
  // a plain class from the descriptors runs inside an adapter: its class is the adapter's target's
  const target: object | null = instance instanceof PlainServletAdapter ? instance.target : instance;
  const held = holder.getHeldClass() ?? (target?.constructor as Function | undefined) ?? null;
  if (held !== null) return held;
  const name = holder.getClassName();
  if (name === null || name.startsWith('org.eclipse.jetty.')) return null;
  try {
    return await handler.loadClass(name);
  } catch {
    return null; // the holder reports a class it cannot load when it starts
  }
}

/** Applies every servlet class's `static servletSecurity` to `security` (after the descriptors are applied). */
export async function configureServletSecurity(handler: ServletHandler, security: ConstraintSecurityHandler): Promise<void> {
  const previous = fromDeclarations.get(security) ?? [];
  if (previous.length > 0) security.setConstraintMappings(security.getConstraintMappings().filter((m) => !previous.includes(m)));
  const byClass = new Map<Function, string[]>();
  for (const holder of handler.getServlets()) {
    const cls = await servletClassOf(handler, holder);
    if (cls === null || (cls as { servletSecurity?: unknown }).servletSecurity === undefined) continue;
    const patterns = handler
      .getServletMappings()
      .filter((m) => m.getServletName() === holder.getName())
      .flatMap((m) => m.getPathSpecs());
    byClass.set(cls, [...(byClass.get(cls) ?? []), ...patterns]);
  }
  const added: ConstraintMapping[] = [];
  for (const [cls, patterns] of byClass) {
    const className = cls.name || '(anonymous class)';
    const declared = readServletSecurity(className, (cls as { servletSecurity?: ServletSecurity }).servletSecurity);
    const existing = new Set(security.getConstraintMappings().map((m) => m.getPathSpec()));
    const clash = patterns.find((p) => existing.has(p));
    if (clash !== undefined) {
      LOG.warn(
        `Constraints already defined for ${className} (url-pattern '${clash}'), skipping its servletSecurity: the descriptors' constraints apply`,
      );
      continue;
    }
    for (const pattern of patterns) {
      for (const m of constraintsForPath(className, pattern, declared)) {
        // as Jetty's addConstraintMapping: a role a constraint names is declared lazily; the constraint still requires it
        for (const role of m.getConstraint()?.getRoles() ?? []) if (role !== '*' && role !== '**') security.addRole(role);
        security.addConstraintMapping(m);
        added.push(m);
      }
    }
  }
  fromDeclarations.set(security, added);
}
