/**
 * The one place that says which Java methods a JDK value answers in XML. A String, a boxed number or
 * boolean, a List, Set or Map is a plain JS value here, so it carries no `@Expose` metadata: a `<Call>` or
 * `<Get>` on it finds its methods in these tables instead (`length()`, `substring`, `intValue`, `size()`,
 * `containsKey`...). Every value, Jetty objects included, also answers `java.lang.Object`'s `equals`,
 * `hashCode`, `getClass` and `toString`; a class value (`<Get name="class">`) answers `getName` and
 * `getSimpleName`.
 * @module
 */
import { getClassSpec } from '../metadata';
import { javaArrayType, toJavaString } from '../java-value';
import { JdkMethod, jdk } from './jdk-method';
import { STRING_METHODS } from './jdk-string-methods';
import { BOOLEAN_METHODS, NUMBER_METHODS } from './jdk-number-methods';
import { LIST_METHODS, MAP_METHODS, SET_METHODS } from './jdk-collection-methods';
import { defaultObjectString, isJavaList, javaEquals, javaHashCode, javaTypeName } from './java-object';
import { JavaBoolean, JavaDouble, JavaInteger, JavaLong, JavaString } from './java-lang';
import { JavaArrayList, JavaHashMap, JavaHashSet } from './java-util';

/** The class `getClass()` answers: the shim XML can name for a JS value, or the object's own class. */
export function javaClassOf(v: unknown): Function {
  if (typeof v === 'string') return JavaString;
  if (typeof v === 'boolean') return JavaBoolean;
  if (typeof v === 'number') return Number.isInteger(v) ? (Math.abs(v) < 2 ** 31 ? JavaInteger : JavaLong) : JavaDouble;
  if (typeof v === 'function') return Function;
  const ctor = (v as object).constructor as Function;
  if (getClassSpec(ctor)) return ctor;
  if (isJavaList(v)) return JavaArrayList;
  if (v instanceof Map) return JavaHashMap;
  if (v instanceof Set) return JavaHashSet;
  return ctor;
}

/** `Object.toString()`: a JDK value's Java text, an object's own `toString`, else `Class@hash`. */
function objectToString(v: unknown): string {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set) && !(v instanceof URL)) {
    if ((v as object).toString === Object.prototype.toString) return defaultObjectString(v as object);
  }
  if (Array.isArray(v) && javaArrayType(v) !== undefined) return defaultObjectString(v);
  return toJavaString(v);
}

const OBJECT_METHODS: readonly JdkMethod[] = [
  jdk('equals', ['Object'], (self: unknown, [o]: [unknown]) => javaEquals(self, o), 'Boolean'),
  jdk('hashCode', [], (self: unknown) => javaHashCode(self), 'Integer'),
  jdk('getClass', [], (self: unknown) => javaClassOf(self)),
  jdk('toString', [], (self: unknown) => objectToString(self)),
];

/** The Java name of a class value, as `Class.getName()` gives it. */
function classJavaName(c: Function): string {
  if (c === Function) return 'java.lang.Class';
  return getClassSpec(c)?.name ?? c.name;
}

const CLASS_METHODS: readonly JdkMethod[] = [
  jdk('getName', [], (c: Function) => classJavaName(c)),
  jdk('getSimpleName', [], (c: Function) => classJavaName(c).replace(/^.*[.$]/, '')),
  jdk('toString', [], (c: Function) => `class ${classJavaName(c)}`),
  jdk('isInstance', ['Object'], (c: Function, [o]: [unknown]) => o !== null && o !== undefined && javaClassOf(o) === c, 'Boolean'),
];

/** A kind's own methods, then the Object methods it does not redefine (same name and arity). */
function withObjectMethods(own: readonly JdkMethod[]): readonly JdkMethod[] {
  const has = new Set(own.map((m) => `${m.name}/${m.params.length}`));
  return [...own, ...OBJECT_METHODS.filter((m) => !has.has(`${m.name}/${m.params.length}`))];
}

const STRING = withObjectMethods(STRING_METHODS);
const NUMBER = withObjectMethods(NUMBER_METHODS);
const BOOLEAN = withObjectMethods(BOOLEAN_METHODS);
const LIST = withObjectMethods(LIST_METHODS);
const SET = withObjectMethods(SET_METHODS);
const MAP = withObjectMethods(MAP_METHODS);
const CLASS = withObjectMethods(CLASS_METHODS);

/** The JDK methods a value answers, and the Java type to name them by. */
export function jdkMethodsOf(v: unknown): { readonly type: string; readonly methods: readonly JdkMethod[] } {
  if (typeof v === 'string') return { type: 'java.lang.String', methods: STRING };
  if (typeof v === 'number') return { type: javaTypeName(v), methods: NUMBER };
  if (typeof v === 'boolean') return { type: 'java.lang.Boolean', methods: BOOLEAN };
  if (typeof v === 'function') return { type: 'java.lang.Class', methods: CLASS };
  const type = javaTypeName(v);
  if (isJavaList(v)) return { type, methods: LIST };
  if (v instanceof Map) return { type, methods: MAP };
  if (v instanceof Set) return { type, methods: SET };
  return { type, methods: OBJECT_METHODS };
}
