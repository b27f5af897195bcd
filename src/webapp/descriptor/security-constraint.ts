/**
 * The security parts of a descriptor (web.xml, webdefault.xml, override descriptors), read into a small
 * located model: `<security-constraint>` (its web-resource-collections, auth-constraint and transport
 * guarantee), `<login-config>` and `<security-role>`. src/webapp/security-configuration.ts turns them
 * into the context's ConstraintSecurityHandler settings.
 * @module
 */
import type { SourceLocation } from '../../util/errors';
import { DescriptorError } from '../errors';
import type { DescriptorNode } from './descriptor-xml';

/** One `<web-resource-collection>`. */
export interface WebResourceCollectionDescriptor {
  readonly name: string | null;
  readonly urlPatterns: string[];
  /** `<http-method>`s and `<http-method-omission>`s (both empty: every method). */
  readonly methods: string[];
  readonly methodOmissions: string[];
  readonly location: SourceLocation;
}

/** One `<security-constraint>`: what it covers and what it requires. */
export interface SecurityConstraintDescriptor {
  readonly collections: WebResourceCollectionDescriptor[];
  /** null: no `<auth-constraint>`; []: an empty one (deny all); else the `<role-name>`s. */
  readonly roles: string[] | null;
  readonly authLocation: SourceLocation | null;
  /** `<transport-guarantee>` upper-cased, null when absent. */
  readonly transportGuarantee: string | null;
  readonly transportLocation: SourceLocation | null;
  readonly location: SourceLocation;
}

/** `<login-config>`. */
export interface LoginConfigDescriptor {
  readonly authMethod: string | null;
  readonly authMethodLocation: SourceLocation;
  readonly realmName: string | null;
  readonly formLoginPage: string | null;
  readonly formErrorPage: string | null;
  readonly location: SourceLocation;
}

/** One `<security-role>`. */
export interface SecurityRoleDescriptor {
  readonly roleName: string;
  readonly location: SourceLocation;
}

function texts(nodes: DescriptorNode[], name: string): string[] {
  return nodes.filter((c) => c.name === name).map((c) => c.text.trim());
}

function textOf(n: DescriptorNode | undefined, name: string): string | null {
  const c = n?.children.find((x) => x.name === name);
  return c ? c.text.trim() : null;
}

/** Reads one `<security-constraint>` element. */
export function readSecurityConstraint(n: DescriptorNode): SecurityConstraintDescriptor {
  const collections = n.children
    .filter((c) => c.name === 'web-resource-collection')
    .map((c) => {
      const methods = texts(c.children, 'http-method');
      const methodOmissions = texts(c.children, 'http-method-omission');
      if (methods.length > 0 && methodOmissions.length > 0) {
        throw new DescriptorError(
          'Cannot read <web-resource-collection>: it has both <http-method> and <http-method-omission> (use one kind)',
          c.location,
        );
      }
      return { name: textOf(c, 'web-resource-name'), urlPatterns: texts(c.children, 'url-pattern'), methods, methodOmissions, location: c.location };
    });
  const auth = n.children.find((c) => c.name === 'auth-constraint');
  const userData = n.children.find((c) => c.name === 'user-data-constraint');
  const guaranteeNode = userData?.children.find((c) => c.name === 'transport-guarantee');
  const guarantee = guaranteeNode ? guaranteeNode.text.trim() : null;
  return {
    collections,
    roles: auth ? texts(auth.children, 'role-name') : null,
    authLocation: auth?.location ?? null,
    transportGuarantee: guarantee === null ? null : guarantee.toUpperCase(),
    transportLocation: guaranteeNode?.location ?? null,
    location: n.location,
  };
}

/** Reads `<login-config>`. */
export function readLoginConfig(n: DescriptorNode): LoginConfigDescriptor {
  const method = n.children.find((c) => c.name === 'auth-method');
  const form = n.children.find((c) => c.name === 'form-login-config');
  return {
    authMethod: method ? method.text.trim() : null,
    authMethodLocation: method?.location ?? n.location,
    realmName: textOf(n, 'realm-name'),
    formLoginPage: textOf(form, 'form-login-page'),
    formErrorPage: textOf(form, 'form-error-page'),
    location: n.location,
  };
}

/** Reads `<security-role>`. */
export function readSecurityRole(n: DescriptorNode): SecurityRoleDescriptor {
  const name = textOf(n, 'role-name');
  if (name === null || name === '') throw new DescriptorError('Cannot read <security-role>: it has no <role-name>', n.location);
  return { roleName: name, location: n.location };
}
