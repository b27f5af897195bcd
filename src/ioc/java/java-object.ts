/**
 * What every Java object answers, for the JS values that stand for Java values in XML: `equals` by value
 * (String, boxed numbers, List, Set, Map) or by identity, `hashCode` with Java's formulas, natural ordering
 * (`Comparable.compareTo`, which TreeMap and TreeSet sort by) and `Object.toString`'s `Class@hash`.
 * @module
 */
import { getClassSpec } from '../metadata';
import { javaArrayType } from '../java-value';

/** A List in XML is a JS array without a Java array tag (a tagged array is a Java array, compared by identity). */
export function isJavaList(v: unknown): v is unknown[] {
  return Array.isArray(v) && javaArrayType(v) === undefined;
}

/** The `equals` method a declared class may define for itself (Jetty objects with value semantics). */
function ownEquals(v: object): ((o: unknown) => boolean) | undefined {
  const fn = (v as { equals?: unknown }).equals;
  return typeof fn === 'function' ? (fn as (o: unknown) => boolean) : undefined;
}

/**
 * Java's `a.equals(b)` for `a` not null: strings and booleans by value, numbers as `Double.equals` does
 * (NaN equals NaN, 0.0 differs from -0.0), Lists element by element in order, Sets and Maps by content,
 * Java arrays and other objects by identity unless their class defines `equals`.
 */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a !== 'object') return false;
  if (isJavaList(a)) return isJavaList(b) && a.length === b.length && a.every((x, i) => nullSafeEquals(x, b[i]));
  if (a instanceof Set) return b instanceof Set && a.size === b.size && [...a].every((x) => collectionContains(b, x));
  if (a instanceof Map) {
    return b instanceof Map && a.size === b.size && [...a].every(([k, x]) => mapHasKey(b, k) && nullSafeEquals(x, b.get(mapKey(b, k))));
  }
  const eq = ownEquals(a);
  return eq !== undefined ? eq.call(a, b) === true : false;
}

/** `Objects.equals(a, b)`. */
export function nullSafeEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  return javaEquals(a, b);
}

/** `Collection.contains(x)`: an element equal to `x` by Java's `equals`. */
export function collectionContains(c: Iterable<unknown>, x: unknown): boolean {
  if (c instanceof Set && c.has(x)) return true;
  for (const e of c) if (nullSafeEquals(x, e)) return true;
  return false;
}

/** The key of `m` equal to `k` (JS Maps find strings, numbers and booleans themselves; other keys by `equals`). */
export function mapKey(m: Map<unknown, unknown>, k: unknown): unknown {
  if (m.has(k) || k === null || typeof k !== 'object') return k;
  for (const key of m.keys()) if (nullSafeEquals(k, key)) return key;
  return k;
}

export function mapHasKey(m: Map<unknown, unknown>, k: unknown): boolean {
  return m.has(mapKey(m, k));
}

const identityHashes = new WeakMap<object, number>();
let nextIdentityHash = 0x1b6d3586;

/** `System.identityHashCode`: a stable number per object. */
export function identityHashCode(o: object): number {
  let h = identityHashes.get(o);
  if (h === undefined) {
    nextIdentityHash = (Math.imul(nextIdentityHash, 0x5deece66) + 11) | 0;
    h = nextIdentityHash & 0x7fffffff;
    identityHashes.set(o, h);
  }
  return h;
}

/** `String.hashCode`: s[0]*31^(n-1) + ... + s[n-1] in 32-bit arithmetic over UTF-16 code units. */
export function stringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

const FLOAT_VIEW = new DataView(new ArrayBuffer(8));

/**
 * The hash Java gives a number: a whole number within int range hashes as an Integer (itself), a larger
 * whole number as a Long, anything else as a Double (its IEEE bits folded to 32). Which boxed class the
 * value had is not kept once XML stores it, so `1.0` hashes as Integer 1 would.
 */
export function numberHashCode(n: number): number {
  if (Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31) return n;
  let bits: bigint;
  if (Number.isSafeInteger(n)) bits = BigInt(n);
  else {
    FLOAT_VIEW.setFloat64(0, Number.isNaN(n) ? NaN : n);
    bits = FLOAT_VIEW.getBigInt64(0);
  }
  return Number(BigInt.asIntN(32, bits ^ (BigInt.asUintN(64, bits) >> 32n)));
}

/** Java's `hashCode()` of a value, consistent with `javaEquals`. */
export function javaHashCode(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return stringHashCode(v);
  if (typeof v === 'number') return numberHashCode(v);
  if (typeof v === 'boolean') return v ? 1231 : 1237;
  if (isJavaList(v)) return v.reduce<number>((h, x) => (Math.imul(31, h) + javaHashCode(x)) | 0, 1);
  if (v instanceof Set) return [...v].reduce<number>((h, x) => (h + javaHashCode(x)) | 0, 0);
  if (v instanceof Map) return [...v].reduce<number>((h, [k, x]) => (h + (javaHashCode(k) ^ javaHashCode(x))) | 0, 0);
  const own = (v as { hashCode?: unknown }).hashCode;
  if (typeof own === 'function') return Number(own.call(v)) | 0;
  return identityHashCode(v as object);
}

/**
 * Natural ordering (`Comparable.compareTo`): strings by UTF-16 code units as `String.compareTo`, numbers as
 * `Double.compare` (-0.0 before 0.0, NaN last), `false` before `true`, or the object's own `compareTo`.
 * Anything else is not Comparable, and a null has no order: both throw, as Java's TreeMap does.
 */
export function javaCompare(a: unknown, b: unknown): number {
  if (a === null || a === undefined || b === null || b === undefined) {
    throw new TypeError('Cannot compare null (NullPointerException): a sorted collection or compareTo needs two values');
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    if (a !== b) return a < b ? -1 : 1;
    return Object.is(a, b) ? 0 : Object.is(a, -0) ? -1 : 1;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const own = typeof a === 'object' ? (a as { compareTo?: unknown }).compareTo : undefined;
  if (typeof own === 'function') return Number(own.call(a, b));
  throw new TypeError(`Cannot compare ${javaTypeName(a)} with ${javaTypeName(b)} (ClassCastException): they have no natural order in common`);
}

/** The Java class name a value stands for, for messages and `Object.toString`. */
export function javaTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? (Math.abs(v) < 2 ** 31 ? 'java.lang.Integer' : 'java.lang.Long') : 'java.lang.Double';
  if (typeof v === 'function') return 'java.lang.Class';
  const ctor = (v as object).constructor as Function | undefined;
  const spec = ctor ? getClassSpec(ctor) : undefined;
  if (spec) return spec.name;
  if (Array.isArray(v)) return javaArrayType(v) !== undefined ? `${javaArrayType(v)}[]` : 'java.util.ArrayList';
  if (v instanceof Map) return 'java.util.HashMap';
  if (v instanceof Set) return 'java.util.HashSet';
  return ctor?.name ?? 'java.lang.Object';
}

/** `Object.toString()`'s default, `Class@hexhash`, for an object whose class does not define `toString`. */
export function defaultObjectString(o: object): string {
  return `${javaTypeName(o)}@${identityHashCode(o).toString(16)}`;
}
