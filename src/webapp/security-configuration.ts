/**
 * Applies the security parts of the descriptors to the web app's ConstraintSecurityHandler (what
 * Jetty's StandardDescriptorProcessor does for `<security-constraint>`, `<login-config>`,
 * `<security-role>` and `<deny-uncovered-http-methods/>`): one ConstraintMapping per url-pattern and
 * method (or omitted method), the declared roles, the auth method, realm name and form pages.
 *
 * Refused with a located DescriptorError, so the app stays unavailable instead of serving what it
 * meant to protect: an auth method Pier does not implement (SPNEGO, NEGOTIATE, OPENID) or that does not
 * exist, FORM without `<form-login-config>`, and a url-pattern that is not one. A role an
 * `<auth-constraint>` names that no `<security-role>` declares is declared with a WARN line, as Jetty does.
 * @module
 */
import { ConstraintMapping } from '../security/constraint-mapping';
import { ConstraintSecurityHandler } from '../security/constraint-security-handler';
import { FORM_ERROR_PAGE, FORM_LOGIN_PAGE } from '../security/authentication/form-authenticator';
import { parsePathSpec } from '../server/http/path-spec';
import { Log } from '../util/log';
import { formatLocation } from '../util/errors';
import { Constraint } from '../security/constraint';
import type { SecurityConstraintDescriptor } from './descriptor/security-constraint';
import { DescriptorError } from './errors';
import type { EffectiveWebApp } from './meta-data';

const LOG = Log.getLogger('org.eclipse.jetty.webapp.StandardDescriptorProcessor');

/** The mappings each handler got from descriptors, so a restart replaces them instead of adding them twice. */
const fromDescriptors = new WeakMap<ConstraintSecurityHandler, ConstraintMapping[]>();

const IMPLEMENTED = ['BASIC', 'FORM', 'DIGEST', 'CLIENT-CERT', 'CLIENT_CERT'];
const KNOWN = ['SPNEGO', 'NEGOTIATE', 'OPENID'];

/** Jetty's ServletPathSpec.normalize: a pattern without a leading `/` or `*` gets a `/`. */
function normalizePattern(p: string): string {
  return p.length > 0 && !p.startsWith('/') && !p.startsWith('*') ? `/${p}` : p;
}

function dataConstraintOf(c: SecurityConstraintDescriptor): number {
  const g = c.transportGuarantee;
  if (g === null) return Constraint.DC_UNSET;
  if (g === '' || g === 'NONE') return Constraint.DC_NONE;
  if (g === 'INTEGRAL') return Constraint.DC_INTEGRAL;
  if (g === 'CONFIDENTIAL') return Constraint.DC_CONFIDENTIAL;
  // as Jetty: an unknown guarantee is taken as the strictest
  LOG.warn(
    `${formatLocation(c.transportLocation ?? c.location)}: Unknown user-data-constraint '${g}': taken as CONFIDENTIAL (use NONE, INTEGRAL or CONFIDENTIAL)`,
  );
  return Constraint.DC_CONFIDENTIAL;
}

/** Configures `handler` from the merged descriptors; throws DescriptorError for what cannot be enforced as written. */
export function configureSecurity(handler: ConstraintSecurityHandler, effective: EffectiveWebApp): void {
  const lc = effective.loginConfig;
  if (lc !== null) {
    const method = lc.authMethod === null || lc.authMethod === '' ? null : lc.authMethod.toUpperCase();
    if (method !== null && !IMPLEMENTED.includes(method)) {
      throw new DescriptorError(
        KNOWN.includes(method)
          ? `Cannot use <auth-method> '${lc.authMethod}': Pier implements BASIC, FORM, DIGEST and CLIENT-CERT only; the app stays unavailable rather than leave its constraints unenforced`
          : `Cannot use <auth-method> '${lc.authMethod}': it is not an auth method (use BASIC, FORM, DIGEST or CLIENT-CERT)`,
        lc.authMethodLocation,
      );
    }
    if (method === 'FORM') {
      if (lc.formLoginPage === null)
        throw new DescriptorError('Cannot use <auth-method> FORM without <form-login-config><form-login-page>', lc.location);
      handler.setInitParameter(FORM_LOGIN_PAGE, lc.formLoginPage);
      if (lc.formErrorPage !== null) handler.setInitParameter(FORM_ERROR_PAGE, lc.formErrorPage);
    }
    if (method !== null) handler.setAuthMethod(method);
    if (lc.realmName !== null && lc.realmName !== '') handler.setRealmName(lc.realmName);
  }

  for (const r of effective.securityRoles) handler.addRole(r.roleName);
  const declared = new Set(handler.getRoles());

  const previous = fromDescriptors.get(handler) ?? [];
  const kept = handler.getConstraintMappings().filter((m) => !previous.includes(m));
  const added: ConstraintMapping[] = [];
  for (const c of effective.securityConstraints) {
    const base = { authenticate: c.roles !== null, roles: c.roles ?? [], dc: dataConstraintOf(c) };
    for (const role of base.roles) {
      if (role === '*' || role === '**' || declared.has(role)) continue;
      // Jetty adds a role an <auth-constraint> names to the declared ones, and many real web.xml files rely on
      // it; the constraint still requires the role, so nothing opens. A typo is said once, where it is.
      LOG.warn(
        `${formatLocation(c.authLocation ?? c.location)}: Role '${role}' in <auth-constraint> is not declared by a <security-role>; ` +
          `declaring it, as Jetty does (add <security-role><role-name>${role}</role-name></security-role> to web.xml if it is meant)`,
      );
      handler.addRole(role);
      declared.add(role);
    }
    for (const col of c.collections) {
      const constraint = ConstraintSecurityHandler.createConstraint(col.name ?? '', base.authenticate, base.roles, base.dc);
      for (const raw of col.urlPatterns) {
        const pattern = normalizePattern(raw);
        try {
          parsePathSpec(pattern);
        } catch (err) {
          throw new DescriptorError(`Cannot use <url-pattern> '${raw}' in <security-constraint>: ${(err as Error).message}`, col.location, {
            cause: err,
          });
        }
        const mapping = (set: (m: ConstraintMapping) => void): void => {
          const m = new ConstraintMapping();
          m.setPathSpec(pattern);
          m.setConstraint(constraint);
          m.location = c.location;
          set(m);
          added.push(m);
        };
        if (col.methods.length > 0) for (const method of col.methods) mapping((m) => m.setMethod(method));
        // as Jetty: one mapping per omitted method
        else if (col.methodOmissions.length > 0) for (const method of col.methodOmissions) mapping((m) => m.setMethodOmissions([method]));
        else mapping(() => undefined);
      }
    }
  }
  handler.setConstraintMappings([...kept, ...added]);
  fromDescriptors.set(handler, added);
  if (effective.denyUncoveredHttpMethods !== null) handler.setDenyUncoveredHttpMethods(true);
}
