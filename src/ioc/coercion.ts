/**
 * Java type names and conversions: `type=` conversion of values, string parsing, and the
 * reflective-invocation rules (unboxing, widening, assignability) used to match parameters.
 * @module
 */
import { TypeRef, jettyNamesOf } from './metadata';
import { BoxedName, Val, javaArrayType, toJavaString, val } from './java-value';
import type { ClassRegistry } from './class-registry';
import { JavaFile, JavaInetAddress } from './java/java-io-net';

const PRIMITIVE_TO_BOXED: Record<string, BoxedName> = {
  int: 'Integer',
  long: 'Long',
  short: 'Short',
  byte: 'Byte',
  double: 'Double',
  float: 'Float',
  char: 'Character',
  boolean: 'Boolean',
};
const BOXED = new Set<string>(Object.values(PRIMITIVE_TO_BOXED));
const NUMERIC_RANK: Record<string, number> = { Byte: 1, Short: 2, Character: 2, Integer: 3, Long: 4, Float: 5, Double: 6 };

/** Java's well-known short names, keyed by fully-qualified name. */
const JAVA_SHORT: Record<string, string> = {
  'java.lang.String': 'String',
  'java.lang.Object': 'Object',
  'java.lang.CharSequence': 'CharSequence',
  'java.lang.Integer': 'Integer',
  'java.lang.Long': 'Long',
  'java.lang.Short': 'Short',
  'java.lang.Byte': 'Byte',
  'java.lang.Double': 'Double',
  'java.lang.Float': 'Float',
  'java.lang.Character': 'Character',
  'java.lang.Boolean': 'Boolean',
  'java.lang.Number': 'number',
  'java.net.URL': 'URL',
  'java.net.URI': 'URI',
  'java.io.File': 'File',
  'java.nio.file.Path': 'Path',
  'java.net.InetAddress': 'InetAddress',
  'java.util.List': 'List',
  'java.util.ArrayList': 'List',
  'java.util.Collection': 'Collection',
  'java.util.Set': 'Set',
  'java.util.HashSet': 'Set',
  'java.util.Map': 'Map',
  'java.util.HashMap': 'Map',
  'Number': 'number',
  'ArrayList': 'List',
  'HashSet': 'Set',
  'HashMap': 'Map',
};

/** Normalises a parameter/field type name to its short Java form where one exists. */
export function normaliseType(t: string): string {
  if (t === 'java.lang.Integer.TYPE') return 'int';
  return JAVA_SHORT[t] ?? t;
}

export function isPrimitive(t: TypeRef): boolean {
  return typeof t === 'string' && Object.prototype.hasOwnProperty.call(PRIMITIVE_TO_BOXED, t);
}

/** The boxed name of a primitive, or the name itself. */
function boxed(t: string): string {
  return PRIMITIVE_TO_BOXED[t] ?? t;
}

/** A printable name of a TypeRef. */
export function typeName(t: TypeRef): string {
  if (typeof t === 'string') return t;
  if (typeof t === 'function') {
    const names = jettyNamesOf(t);
    return names.size > 0 ? [...names][0] : t.name;
  }
  return `${typeName(t.arrayOf)}[]`;
}

/** The element type of an array TypeRef, or undefined if it is not an array type. */
export function arrayElement(t: TypeRef): TypeRef | undefined {
  if (typeof t === 'string') return t.endsWith('[]') ? t.slice(0, -2) : undefined;
  if (typeof t === 'object' && t !== null) return t.arrayOf;
  return undefined;
}

/**
 * The fully-qualified Java name of a parameter type (`java.lang.String`, `int`): Jetty's overload
 * comparator orders two otherwise equal parameter types alphabetically by it.
 */
export function qualifiedName(t: TypeRef): string {
  const n = typeName(t);
  const short = Object.entries(JAVA_SHORT).find(([, s]) => s === n && !n.includes('.'));
  return short ? short[0] : n;
}

/**
 * Java's `TypeUtil.valueOf(type, string)` for primitive and boxed names; unlike Jetty (which yields
 * null on a parse failure) this throws a RangeError naming the text.
 */
export function parsePrimitive(boxedName: BoxedName, text: string): Val {
  const fail = (): never => {
    throw new RangeError(`Cannot convert '${text}' to ${boxedName}: not a valid ${boxedName} literal`);
  };
  switch (boxedName) {
    case 'Boolean':
      return val(text.toLowerCase() === 'true', 'Boolean');
    case 'Character':
      return text.length === 0 ? fail() : val(String.fromCodePoint(text.codePointAt(0) as number), 'Character');
    case 'Double':
    case 'Float': {
      const m = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?$/.exec(text);
      if (!m) return fail();
      const n = Number(text.replace(/[fFdD]$/, ''));
      return val(boxedName === 'Float' ? Math.fround(n) : n, boxedName);
    }
    default: {
      if (!/^[+-]?\d+$/.test(text)) return fail();
      const n = Number(text);
      const limits: Record<string, number> = { Byte: 2 ** 7, Short: 2 ** 15, Integer: 2 ** 31, Long: 2 ** 63 };
      const lim = limits[boxedName];
      if (n < -lim || n >= lim) fail();
      return val(n, boxedName);
    }
  }
}

/** The boxed name for a `type=` value that TypeUtil.fromName knows, or undefined. */
export function primitiveTypeName(type: string): BoxedName | undefined {
  if (PRIMITIVE_TO_BOXED[type]) return PRIMITIVE_TO_BOXED[type];
  if (BOXED.has(type)) return type as BoxedName;
  if (type.startsWith('java.lang.')) {
    const s = type.slice(10).replace(/\.TYPE$/, '');
    if (BOXED.has(s)) return s as BoxedName;
  }
  return undefined;
}

/** Parses a literal IP address (no DNS: Pier never resolves host names in configuration). */
function parseInetAddress(text: string): JavaInetAddress {
  return new JavaInetAddress(text);
}

/**
 * Converts a value for a `type=` attribute, the last step of the value algorithm. Supported: String (any case),
 * java.lang.String, primitives and boxed names, URL, URI, File/Path (a string path), InetAddress
 * (literal addresses only), List/ArrayList/Collection/Set/HashSet (from an array). Throws on an unknown
 * type or a failed conversion.
 */
export function convertForTypeAttribute(type: string, v: Val): Val {
  if (v.value === null || v.value === undefined) return val(type === 'String' ? '' : null);
  if (type.toLowerCase() === 'string' || type === 'java.lang.String') return val(toJavaString(v));
  const p = primitiveTypeName(type);
  if (p) return type === 'void' ? val(null) : parsePrimitive(p, toJavaString(v));
  const simple = type.toLowerCase();
  const text = (): string => toJavaString(v).trim();
  if (simple === 'url' || type === 'java.net.URL' || simple === 'uri' || type === 'java.net.URI') {
    if (v.value instanceof URL) return v;
    try {
      return val(new URL(text()));
    } catch (e) {
      throw new TypeError(`Cannot convert '${text()}' to ${type}: not an absolute URL`, { cause: e });
    }
  }
  if (simple === 'file' || type === 'java.io.File' || simple === 'path' || type === 'java.nio.file.Path') {
    if (v.value instanceof JavaFile) return val(v.value.getPath());
    return val(text());
  }
  if (simple === 'inetaddress' || type === 'java.net.InetAddress') {
    return v.value instanceof JavaInetAddress ? v : val(parseInetAddress(text()));
  }
  const coll = ['arraylist', 'list', 'collection', 'hashset', 'set', 'queue'];
  const fq = type.startsWith('java.util.') ? type.slice(10).toLowerCase() : simple;
  if (coll.includes(fq)) {
    if (fq === 'queue') throw new TypeError(`Cannot convert to ${type}: Queue is not supported (as in Jetty)`);
    if (!Array.isArray(v.value) || javaArrayType(v.value) === undefined) {
      throw new TypeError(`Cannot convert ${toJavaString(v)} to ${type}: the value must be an <Array>`);
    }
    const items = [...v.value];
    return val(fq === 'hashset' || fq === 'set' ? new Set(items) : items);
  }
  throw new TypeError(
    `Cannot convert to type '${type}': unknown type (known: String, int, long, boolean, char, double, float, short, byte and their boxed names, URL, URI, File, Path, InetAddress, List, Set, Collection)`,
  );
}

/** The result of a reflective conversion. */
export type Converted = { ok: true; value: unknown } | { ok: false };
const NO: Converted = { ok: false };
const yes = (value: unknown): Converted => ({ ok: true, value });

function numericSource(v: Val): string | undefined {
  if (typeof v.value === 'number') return v.jtype ?? 'number';
  if (typeof v.value === 'bigint') return 'Long';
  if (v.jtype === 'Character' && typeof v.value === 'string') return 'Character';
  return undefined;
}

function asNumber(v: Val): number {
  if (typeof v.value === 'string') return v.value.codePointAt(0) as number;
  return Number(v.value);
}

/** True when a value of class `ctor` (by its Jetty names) or `obj` is assignable to the named type. */
function isInstanceOfName(obj: object, name: string, registry: ClassRegistry | undefined): boolean {
  if (jettyNamesOf(obj.constructor).has(name)) return true;
  const c = registry?.tryResolve(name);
  return c !== undefined && obj instanceof c;
}

/**
 * Java's reflective argument conversion (Method.invoke): null for references, unboxing, primitive
 * widening, assignability by class or Jetty name. No string parsing.
 */
export function convertReflective(param: TypeRef, v: Val, registry?: ClassRegistry): Converted {
  const value = v.value;
  if (typeof param === 'function') {
    if (value === null || value === undefined) return yes(null);
    return (typeof value === 'object' || typeof value === 'function') && value instanceof param ? yes(value) : NO;
  }
  const elem = arrayElement(param);
  if (elem !== undefined) {
    if (value === null || value === undefined) return yes(null);
    if (!Array.isArray(value)) return NO;
    const tag = javaArrayType(value);
    if (tag === undefined) return NO;
    if (isPrimitive(elem) || isPrimitive(tag)) return typeof elem === 'string' && normaliseType(elem) === tag ? yes(value) : NO;
    if (isSubtype(tag, elem, registry)) return yes(value);
    return value.every((x) => convertReflective(elem, val(x), registry).ok) ? yes(value) : NO;
  }
  if (typeof param !== 'string') return NO;
  const t = normaliseType(param);
  if (isPrimitive(t)) {
    if (value === null || value === undefined) return NO;
    if (t === 'boolean') return typeof value === 'boolean' ? yes(value) : NO;
    const src = numericSource(v);
    if (src === undefined) return NO;
    if (t === 'char') return src === 'Character' ? yes(value) : NO;
    const dst = boxed(t);
    if (src === 'number') return Number.isInteger(value) || dst === 'Double' || dst === 'Float' ? yes(value) : NO;
    if (src === 'Character' && (dst === 'Short' || dst === 'Byte')) return NO;
    if ((src === 'Short' || src === 'Byte') && dst === 'Character') return NO;
    return NUMERIC_RANK[src] <= NUMERIC_RANK[dst] ? yes(asNumber(v)) : NO;
  }
  if (value === null || value === undefined) return yes(null);
  switch (t) {
    case 'Object':
      return yes(value);
    case 'String':
    case 'CharSequence':
      return typeof value === 'string' && v.jtype !== 'Character' ? yes(value) : NO;
    case 'number':
      return typeof value === 'number' || typeof value === 'bigint' ? yes(value) : NO;
    case 'Boolean':
      return typeof value === 'boolean' ? yes(value) : NO;
    case 'Character':
      return v.jtype === 'Character' ? yes(value) : NO;
    case 'Integer':
    case 'Long':
    case 'Short':
    case 'Byte':
    case 'Double':
    case 'Float': {
      const src = numericSource(v);
      if (src === t) return yes(value);
      if (src === 'number') return Number.isInteger(value) || t === 'Double' || t === 'Float' ? yes(value) : NO;
      return NO;
    }
    case 'URL':
    case 'URI':
      return value instanceof URL ? yes(value) : NO;
    case 'File':
    case 'Path':
      return value instanceof JavaFile ? yes(value.getPath()) : NO;
    case 'InetAddress':
      return value instanceof JavaInetAddress ? yes(value) : NO;
    case 'List':
      return Array.isArray(value) && javaArrayType(value) === undefined ? yes(value) : NO;
    case 'Set':
      return value instanceof Set ? yes(value) : NO;
    case 'Collection':
      return value instanceof Set || (Array.isArray(value) && javaArrayType(value) === undefined) ? yes(value) : NO;
    case 'Map':
      return value instanceof Map ? yes(value) : NO;
    default:
      if (typeof value === 'object' && isInstanceOfName(value as object, t, registry)) return yes(value);
      if (typeof value === 'function' && (t === 'java.lang.Class' || t === 'Class')) return yes(value);
      return NO;
  }
}

/** True when the type named `sub` is assignable to `sup` (for array element types and sorting). */
export function isSubtype(sub: TypeRef, sup: TypeRef, registry?: ClassRegistry): boolean {
  const a = typeof sub === 'string' ? normaliseType(sub) : sub;
  const b = typeof sup === 'string' ? normaliseType(sup) : sup;
  if (a === b) return true;
  if (b === 'Object') return !isPrimitive(a);
  const ea = arrayElement(a);
  const eb = arrayElement(b);
  if (ea !== undefined || eb !== undefined) {
    return ea !== undefined && eb !== undefined && !isPrimitive(ea) && isSubtype(ea, eb, registry);
  }
  if (b === 'CharSequence') return a === 'String';
  if (b === 'number') return typeof a === 'string' && BOXED.has(a) && a !== 'Boolean' && a !== 'Character';
  if (b === 'Collection') return a === 'List' || a === 'Set';
  if (typeof a === 'object' || typeof b === 'object') return false;
  const ctorA = typeof a === 'function' ? a : registry?.tryResolve(a);
  if (!ctorA) return false;
  if (typeof b === 'function') return ctorA === b || ctorA.prototype instanceof b;
  if (jettyNamesOf(ctorA).has(b)) return true;
  const ctorB = registry?.tryResolve(b);
  return ctorB !== undefined && (ctorA === ctorB || ctorA.prototype instanceof ctorB);
}

/**
 * Set step 5 ("construct a value"): converts a String to the parameter type the way Java's
 * single-String constructors do (`new Integer("8080")`, `new File(path)`, `new URL(s)`). Returns
 * undefined when the type has no such constructor; throws when the constructor would throw.
 */
export function constructFromString(param: TypeRef, text: string, registry?: ClassRegistry): Converted | undefined {
  if (typeof param !== 'string') {
    return undefined;
  }
  const t = boxed(normaliseType(param));
  switch (t) {
    case 'Integer':
    case 'Long':
    case 'Short':
    case 'Byte':
    case 'Double':
    case 'Float':
      return yes(parsePrimitive(t as BoxedName, text).value);
    case 'Boolean':
      return yes(text.toLowerCase() === 'true');
    case 'String':
    case 'Object':
    case 'CharSequence':
      return yes(text);
    case 'number':
      return yes(parsePrimitive('Double', text).value);
    case 'File':
    case 'Path':
      return yes(text);
    case 'URL':
    case 'URI':
      try {
        return yes(new URL(text));
      } catch (e) {
        throw new TypeError(`Cannot convert '${text}' to ${t}: not an absolute URL`, { cause: e });
      }
    case 'InetAddress':
      return yes(parseInetAddress(text));
    default: {
      void registry;
      return undefined;
    }
  }
}
