/**
 * The shape of one Java method that Pier gives a JDK value (a String, a boxed number, a List...): its Java
 * parameter types, the boxed type of its result, and the JS that does what the Java method does.
 * @module
 */
import { BoxedName } from '../java-value';

export interface JdkMethod {
  readonly name: string;
  /** Java parameter types, as `@Expose` writes them (`int`, `String`, `Object`, `Object[]`...). */
  readonly params: readonly string[];
  /** The boxed class of the result (`length()` answers an Integer, `doubleValue()` a Double). */
  readonly returns?: BoxedName;
  readonly varargs?: boolean;
  call(self: never, args: never[]): unknown;
}

/** Declares one method: `jdk('substring', ['int', 'int'], (s: string, [b, e]: number[]) => ..., 'Integer')`. */
export function jdk<S, A extends unknown[]>(
  name: string,
  params: readonly string[],
  call: (self: S, args: A) => unknown,
  returns?: BoxedName,
): JdkMethod {
  return { name, params, call: call as unknown as JdkMethod['call'], ...(returns ? { returns } : {}) };
}

/** Java's `(int)` of an index or count argument already converted to a number. */
export function checkIndex(what: string, i: number, size: number, exception = 'IndexOutOfBoundsException'): void {
  if (i < 0 || i >= size) throw new RangeError(`Cannot ${what} at index ${i}: the size is ${size} (${exception})`);
}
