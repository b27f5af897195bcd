/**
 * How Java values are modelled in the interpreter: JS values plus the boxed type XML gave them.
 * @module
 */

import { getClassSpec } from './metadata';

/** The boxed Java types a value can carry from a `type=` conversion. */
export type BoxedName = 'Integer' | 'Long' | 'Short' | 'Byte' | 'Double' | 'Float' | 'Character' | 'Boolean';

/**
 * A value during interpretation. `jtype` records the boxed class Java would see (an `<Arg type="long">`
 * is a `Long`, not just a number); it is lost once the value is stored in an object or the id map.
 */
export interface Val {
  readonly value: unknown;
  readonly jtype?: BoxedName;
}

export const NULL: Val = { value: null };

export function val(value: unknown, jtype?: BoxedName): Val {
  return jtype === undefined ? { value } : { value, jtype };
}

/** Tags a JS array as a Java array of the given element type (a primitive or class name). */
const ARRAY_TYPE = Symbol.for('pier:java-array-type');

export function makeJavaArray(elementType: string, items: unknown[]): unknown[] {
  Object.defineProperty(items, ARRAY_TYPE, { value: elementType, enumerable: false });
  return items;
}

export function javaArrayType(v: unknown): string | undefined {
  return Array.isArray(v) ? (v as unknown as Record<symbol, string>)[ARRAY_TYPE] : undefined;
}

/**
 * A static method on a java.* shim class that `<New>` calls instead of `new` (for value classes such
 * as java.lang.Integer whose instances are JS primitives). It receives the converted arguments.
 */
export const VALUE_OF = Symbol.for('pier:java-value-of');

/** The boxed type that a shim class's VALUE_OF results carry. */
export const VALUE_TYPE = Symbol.for('pier:java-value-type');

const FLOATING = new Set<string | undefined>(['Double', 'Float']);

/** Java's `String.valueOf(v)`: null is "null", a Double 1 is "1.0". */
export function toJavaString(v: Val | unknown): string {
  const value = isVal(v) ? v.value : v;
  const jtype = isVal(v) ? v.jtype : undefined;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    if (FLOATING.has(jtype) && Number.isInteger(value)) return `${value}.0`;
    return String(value);
  }
  if (Array.isArray(value) && javaArrayType(value) === undefined) return `[${value.map((x) => toJavaString(x)).join(', ')}]`;
  if (value instanceof Map) {
    return `{${[...value.entries()].map(([k, x]) => `${toJavaString(k)}=${toJavaString(x)}`).join(', ')}}`;
  }
  if (value instanceof Set) return `[${[...value].map((x) => toJavaString(x)).join(', ')}]`;
  if (value instanceof URL) return value.href;
  return String(value);
}

function isVal(v: unknown): v is Val {
  return typeof v === 'object' && v !== null && 'value' in v && Object.keys(v).every((k) => k === 'value' || k === 'jtype');
}

/** A readable name for the Java class of a value, for messages. */
export function describeType(v: Val): string {
  const value = v.value;
  if (value === null || value === undefined) return 'null';
  if (v.jtype) return v.jtype;
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) return `${javaArrayType(value) ?? 'List'}${javaArrayType(value) ? '[]' : ''}`;
  if (typeof value === 'function') return 'Class';
  const ctor = (value as object).constructor as Function | undefined;
  const spec = ctor ? getClassSpec(ctor) : undefined;
  return spec?.name ?? ctor?.name ?? 'Object';
}
