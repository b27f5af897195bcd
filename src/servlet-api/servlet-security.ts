/**
 * The JavaScript form of javax.servlet.annotation.ServletSecurity, @HttpConstraint and
 * @HttpMethodConstraint: a servlet class declares `static servletSecurity = { ... }` with the
 * annotation's fields, and the web app turns it into security constraints on the servlet's url-patterns.
 *
 * ```ts
 * class ReportServlet extends HttpServlet {
 *   static servletSecurity: ServletSecurity = {
 *     value: { rolesAllowed: ['staff'], transportGuarantee: 'CONFIDENTIAL' },
 *     httpMethodConstraints: [{ value: 'GET', rolesAllowed: ['staff', 'auditor'] }],
 *   };
 * }
 * ```
 * @module
 */

/** javax.servlet.annotation.ServletSecurity.EmptyRoleSemantic: what an empty rolesAllowed means. */
export type EmptyRoleSemantic = 'PERMIT' | 'DENY';
/** javax.servlet.annotation.ServletSecurity.TransportGuarantee. */
export type TransportGuarantee = 'NONE' | 'CONFIDENTIAL';

/** @HttpConstraint: the constraint for every method no HttpMethodConstraint names. */
export interface HttpConstraint {
  /** What an empty rolesAllowed means (default PERMIT); DENY with roles is an error, as in Java. */
  readonly value?: EmptyRoleSemantic;
  /** The roles allowed (default none: see value). */
  readonly rolesAllowed?: readonly string[];
  /** Whether the request must come over TLS (default NONE). */
  readonly transportGuarantee?: TransportGuarantee;
}

/** @HttpMethodConstraint: the constraint for one HTTP method. */
export interface HttpMethodConstraint {
  /** The HTTP method (`GET`, `POST`, ...); each method at most once. */
  readonly value: string;
  readonly emptyRoleSemantic?: EmptyRoleSemantic;
  readonly rolesAllowed?: readonly string[];
  readonly transportGuarantee?: TransportGuarantee;
}

/** @ServletSecurity. */
export interface ServletSecurity {
  /** The constraint for the methods httpMethodConstraints does not name (default: permit, no TLS). */
  readonly value?: HttpConstraint;
  readonly httpMethodConstraints?: readonly HttpMethodConstraint[];
}
