/**
 * The transport guarantee of a constraint (org.eclipse.jetty.security.UserDataConstraint): None,
 * Integral or Confidential; two guarantees on one resource combine to the weaker one, as the servlet
 * specification says.
 * @module
 */
import { Constraint } from './constraint';

export enum UserDataConstraint {
  None = 0,
  Integral = 1,
  Confidential = 2,
}

/** The guarantee of a Constraint's data constraint (unset counts as None). */
export function userDataConstraintOf(dataConstraint: number): UserDataConstraint {
  if (dataConstraint === Constraint.DC_INTEGRAL) return UserDataConstraint.Integral;
  if (dataConstraint === Constraint.DC_CONFIDENTIAL) return UserDataConstraint.Confidential;
  return UserDataConstraint.None;
}

export function combineUserData(a: UserDataConstraint | null, b: UserDataConstraint | null): UserDataConstraint | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
