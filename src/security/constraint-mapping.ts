/**
 * A constraint on a path spec and, optionally, one method or all but some methods
 * (org.eclipse.jetty.security.ConstraintMapping); a web.xml `<security-constraint>` becomes one per
 * url-pattern and method.
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import type { Constraint } from './constraint';
import type { SourceLocation } from '../util/errors';

@JettyClass('org.eclipse.jetty.security.ConstraintMapping')
export class ConstraintMapping {
  private _pathSpec: string | null = null;
  private _method: string | null = null;
  private _methodOmissions: string[] | null = null;
  private _constraint: Constraint | null = null;
  /** Where the constraint was declared (a descriptor element), for messages. */
  location: SourceLocation | null = null;

  @Expose('String') setPathSpec(pathSpec: string): void {
    this._pathSpec = pathSpec;
  }
  @Expose() getPathSpec(): string | null {
    return this._pathSpec;
  }
  @Expose('String') setMethod(method: string | null): void {
    this._method = method;
  }
  @Expose() getMethod(): string | null {
    return this._method;
  }
  @Expose('String[]') setMethodOmissions(omissions: string[] | null): void {
    this._methodOmissions = omissions ? [...omissions] : null;
  }
  @Expose() getMethodOmissions(): string[] | null {
    return this._methodOmissions ? [...this._methodOmissions] : null;
  }
  @Expose('org.eclipse.jetty.util.security.Constraint') setConstraint(constraint: Constraint): void {
    this._constraint = constraint;
  }
  @Expose() getConstraint(): Constraint | null {
    return this._constraint;
  }

  toString(): string {
    return `${this._pathSpec}${this._method ? ` ${this._method}` : ''}${this._methodOmissions ? ` (all but ${this._methodOmissions.join(',')})` : ''} ${this._constraint}`;
  }
}
