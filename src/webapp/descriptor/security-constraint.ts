/**
 * `<security-constraint>` in a descriptor (web.xml, webdefault.xml, override descriptors), read into a
 * small model, and the rule that keeps an app with one from deploying: Pier has no servlet security
 * yet (no authentication, no roles, no HTTPS), so a constraint it cannot enforce must never be
 * silently ignored while the content it protects is served.
 * @module
 */
import type { SourceLocation } from '../../util/errors';
import { DescriptorError } from '../errors';
import type { DescriptorNode } from './descriptor-xml';

/** One `<security-constraint>`: what it covers and what it requires. */
export interface SecurityConstraintDescriptor {
  /** The `<url-pattern>`s of its `<web-resource-collection>`s. */
  readonly urlPatterns: string[];
  /** `<http-method>`s and `<http-method-omission>`s (both empty: every method). */
  readonly methods: string[];
  readonly methodOmissions: string[];
  /** null: no `<auth-constraint>`; []: an empty one (deny all); else the `<role-name>`s. */
  readonly roles: string[] | null;
  /** `<transport-guarantee>` upper-cased, null when absent. */
  readonly transportGuarantee: string | null;
  readonly location: SourceLocation;
}

function texts(nodes: DescriptorNode[], name: string): string[] {
  return nodes.filter((c) => c.name === name).map((c) => c.text.trim());
}

/** Reads one `<security-constraint>` element. */
export function readSecurityConstraint(n: DescriptorNode): SecurityConstraintDescriptor {
  const collections = n.children.filter((c) => c.name === 'web-resource-collection');
  const inCollections = collections.flatMap((c) => c.children);
  const auth = n.children.find((c) => c.name === 'auth-constraint');
  const userData = n.children.find((c) => c.name === 'user-data-constraint');
  const guarantee = userData ? texts(userData.children, 'transport-guarantee')[0] ?? null : null;
  return {
    urlPatterns: texts(inCollections, 'url-pattern'),
    methods: texts(inCollections, 'http-method'),
    methodOmissions: texts(inCollections, 'http-method-omission'),
    roles: auth ? texts(auth.children, 'role-name') : null,
    transportGuarantee: guarantee === null ? null : guarantee.toUpperCase(),
    location: n.location,
  };
}

/** What a constraint requires that Pier cannot enforce, or null when it restricts nothing. */
function unenforceable(c: SecurityConstraintDescriptor): string | null {
  if (c.roles !== null && c.roles.length === 0) return 'its empty <auth-constraint/> denies all access';
  if (c.roles !== null) return `its <auth-constraint> requires role ${c.roles.map((r) => `'${r}'`).join(' or ')}`;
  if (c.transportGuarantee !== null && c.transportGuarantee !== 'NONE') {
    return `its <transport-guarantee> '${c.transportGuarantee}' requires HTTPS`;
  }
  return null;
}

function covered(c: SecurityConstraintDescriptor): string {
  const patterns = c.urlPatterns.map((p) => `'${p}'`).join(', ') || 'no url-pattern';
  if (c.methods.length > 0) return `${patterns} (${c.methods.join(', ')})`;
  if (c.methodOmissions.length > 0) return `${patterns} (all but ${c.methodOmissions.join(', ')})`;
  return patterns;
}

/**
 * Throws a located DescriptorError for the first constraint that restricts access (an auth-constraint,
 * empty or with roles; a transport guarantee other than NONE; `<deny-uncovered-http-methods/>` with
 * constraints that name methods). A constraint that restricts nothing (no auth-constraint, no or a NONE
 * transport guarantee) is accepted: it changes nothing.
 */
export function refuseSecurityConstraints(constraints: readonly SecurityConstraintDescriptor[],
  denyUncoveredMethods: SourceLocation | null): void {
  for (const c of constraints) {
    const why = unenforceable(c);
    if (why === null) continue;
    throw new DescriptorError(`Cannot deploy with <security-constraint> on ${covered(c)}: ${why}, and Pier has no `
      + 'servlet security yet; the app stays unavailable rather than serve that content unprotected (remove the '
      + 'constraint to deploy it; Pier\'s etc/webdefault.xml has none)', c.location);
  }
  if (denyUncoveredMethods !== null && constraints.some((c) => c.methods.length > 0 || c.methodOmissions.length > 0)) {
    throw new DescriptorError('Cannot deploy with <deny-uncovered-http-methods/>: it denies the methods its '
      + '<security-constraint>s leave uncovered, and Pier has no servlet security yet; the app stays unavailable '
      + 'rather than serve them (remove the element to deploy it)', denyUncoveredMethods);
  }
}
