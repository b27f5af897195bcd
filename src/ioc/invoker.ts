/**
 * Reflection over @Expose metadata: finding members, ordering overloads (Jetty's comparator),
 * matching positional and named arguments, and Set's setter/field resolution.
 * @module
 */
import { FieldSpec, MethodSpec, ParamSpec, TypeRef, getClassSpec, getInstanceMembers, getStaticMembers } from './metadata';
import {
  Converted,
  arrayElement,
  constructFromString,
  convertReflective,
  isPrimitive,
  isSubtype,
  normaliseType,
  qualifiedName,
  typeName,
} from './coercion';
import { BoxedName, Val, describeType, javaArrayType, makeJavaArray } from './java-value';
import { jdkMethodsOf } from './java/jdk-methods';
import type { ClassRegistry } from './class-registry';
import { editDistance } from '../util/edit-distance';
import { PierError } from '../util/errors';

/** A method or constructor candidate. */
export interface Executable {
  readonly name: string;
  readonly params: readonly ParamSpec[];
  readonly varargs: boolean;
  readonly deprecated?: string;
  /** The boxed class of the result, when the method declares one (the JDK methods of ./java/jdk-methods). */
  readonly returns?: BoxedName;
  /** Calls it with converted arguments; exceptions thrown here are the target's own. */
  invoke(args: unknown[]): unknown;
}

/** An evaluated argument, optionally named (`<Arg name="...">`). */
export interface ArgVal {
  readonly v: Val;
  readonly name?: string;
}

/** Thrown when the invoked Java-side code itself fails (Jetty's InvocationTargetException). */
export class InvocationTargetError extends Error {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    super(`${target} threw ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`, { cause });
    this.name = 'InvocationTargetError';
  }

  /**
   * The message for a located configuration error: a PierError's own message, which already says what
   * failed and how to fix it (the element path that follows names the method); anything else as
   * `Cannot <what>: <target> threw <name>: <message>`, so a third party's TypeError still names its method.
   */
  describe(what: string): string {
    return this.cause instanceof PierError ? this.cause.message : `Cannot ${what}: ${this.message}`;
  }
}

/** The class of a value, for member lookup. */
export function classOf(obj: unknown): Function | undefined {
  if (obj === null || obj === undefined) return undefined;
  return (obj as object).constructor as Function | undefined;
}

/** A printable class name (the Jetty name when declared). */
export function className(cls: Function | undefined): string {
  if (!cls) return 'null';
  return getClassSpec(cls)?.name ?? cls.name ?? 'Object';
}

export function methodsNamed(cls: Function, name: string, isStatic: boolean): MethodSpec[] {
  const members = isStatic ? getStaticMembers(cls) : getInstanceMembers(cls);
  return members.filter((m): m is MethodSpec => m.kind === 'method' && m.name === name && m.isStatic === isStatic);
}

/** "; did you mean 'storeDir'?" naming the settable properties (setters of one argument) within a small edit distance of `name`, or "". */
function closeSetterNames(cls: Function, name: string, isStatic: boolean): string {
  const members = isStatic ? getStaticMembers(cls) : getInstanceMembers(cls);
  const props = new Set(
    members
      .filter((m): m is MethodSpec => m.kind === 'method' && m.isStatic === isStatic && m.params.length === 1 && /^set[A-Z]/.test(m.name))
      .map((m) => `${m.name.charAt(3).toLowerCase()}${m.name.slice(4)}`),
  );
  const wanted = name.toLowerCase();
  const close = [...props]
    .map((p) => ({ p, d: p.toLowerCase().startsWith(wanted) || wanted.startsWith(p.toLowerCase()) ? 1 : editDistance(wanted, p.toLowerCase()) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || a.p.localeCompare(b.p))
    .slice(0, 3)
    .map(({ p }) => `'${p}'`);
  return close.length > 0 ? `; did you mean ${close.join(', ')}?` : '';
}

export function fieldNamed(cls: Function, name: string, isStatic: boolean): FieldSpec | undefined {
  const members = isStatic ? getStaticMembers(cls) : getInstanceMembers(cls);
  return members.find((m): m is FieldSpec => m.kind === 'field' && m.name === name && m.isStatic === isStatic);
}

/** The class in the chain that owns static field `name` (assignments must land there, not on a subclass). */
function staticHolder(cls: Function, name: string): Function {
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.prototype.hasOwnProperty.call(c, name)) return c;
  }
  return cls;
}

/**
 * Executables for the methods `name` of a class, bound to `target` (the object, or the class for statics).
 * An instance call also reaches the Java methods of the target's JDK type (a String's `length()`, a List's
 * `size()`, every object's `equals` and `hashCode`), for each parameter count the class does not declare.
 */
export function methodExecutables(cls: Function, target: unknown, name: string, isStatic: boolean): Executable[] {
  const declared: Executable[] = methodsNamed(cls, name, isStatic).map((m) => ({
    name: `${className(cls)}.${m.name}`,
    params: m.params,
    varargs: m.varargs,
    deprecated: m.deprecated,
    invoke: (args: unknown[]) => {
      const fn = (target as Record<string, Function>)[m.name];
      return fn.apply(target, args);
    },
  }));
  if (isStatic || target === null || target === undefined) return declared;
  const arities = new Set(declared.map((e) => e.params.length));
  const jdk = jdkMethodsOf(target);
  for (const m of jdk.methods) {
    if (m.name !== name || arities.has(m.params.length)) continue;
    declared.push({
      name: `${jdk.type}.${m.name}`,
      params: m.params.map((type) => ({ type })),
      varargs: m.varargs ?? false,
      returns: m.returns,
      invoke: (args: unknown[]) => m.call(target as never, args as never[]),
    });
  }
  return declared;
}

/** The names of the JDK methods a value answers, for a "no such method" message. */
export function jdkMethodNames(target: unknown): string {
  return [...new Set(jdkMethodsOf(target).methods.map((m) => m.name))].sort().join(', ');
}

/** Executables for the constructors of a class (its @JettyClass `ctors`). */
export function constructorExecutables(cls: Function, create: (args: unknown[]) => unknown): Executable[] {
  const spec = getClassSpec(cls);
  const ctors = spec && spec.target === cls ? spec.ctors : spec ? spec.ctors : [[]];
  return ctors.map((params) => ({
    name: `${className(cls)}(${params.map((p) => typeName(p.type)).join(', ')})`,
    params,
    varargs: false,
    deprecated: spec?.deprecated,
    invoke: create,
  }));
}

function compareTypes(a: TypeRef, b: TypeRef, registry?: ClassRegistry): number {
  const na = typeof a === 'string' ? normaliseType(a) : a;
  const nb = typeof b === 'string' ? normaliseType(b) : b;
  if (na === nb) return 0;
  const aSubB = isSubtype(na, nb, registry);
  const bSubA = isSubtype(nb, na, registry);
  if (aSubB && !bSubA) return -1;
  if (bSubA && !aSubB) return 1;
  const pa = isPrimitive(na);
  const pb = isPrimitive(nb);
  if (pa !== pb) return pa ? -1 : 1;
  return qualifiedName(na).localeCompare(qualifiedName(nb));
}

/** Jetty's EXECUTABLE_COMPARATOR: fewer parameters, non-varargs, more derived, primitive, by name. Stable. */
export function sortExecutables(list: Executable[], registry?: ClassRegistry): Executable[] {
  return [...list].sort((x, y) => {
    if (x.params.length !== y.params.length) return x.params.length - y.params.length;
    if (x.params.length > 0 && x.varargs !== y.varargs) return x.varargs ? 1 : -1;
    for (let i = 0; i < x.params.length; i++) {
      const c = compareTypes(x.params[i].type, y.params[i].type, registry);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/**
 * Places named arguments (Jetty 10's `<Arg name="...">`) at the positions of the parameters with those
 * names, unnamed ones filling the rest in order; undefined when they do not fit the parameters.
 */
export function orderArgs(params: readonly ParamSpec[], args: readonly ArgVal[]): ArgVal[] | undefined {
  if (!args.some((a) => a.name !== undefined)) return [...args];
  const arr = [...args];
  const names = args.filter((a) => a.name !== undefined).map((a) => a.name);
  if (new Set(names).size !== names.length) return undefined;
  for (let p = 0, guard = 0; p < arr.length; guard++) {
    if (guard > 10_000) return undefined;
    const a = arr[p];
    if (a.name !== undefined) {
      const q = params.findIndex((x) => x.name === a.name);
      if (q < 0) return undefined;
      if (q !== p) {
        arr.splice(p, 1);
        if (q > arr.length) return undefined;
        arr.splice(q, 0, a);
        p = Math.min(p, q);
        continue;
      }
    }
    p++;
  }
  return arr;
}

/** The first executable (in comparator order) whose parameters accept the arguments, with converted args. */
export function selectExecutable(
  candidates: Executable[],
  args: readonly ArgVal[],
  registry?: ClassRegistry,
): { exec: Executable; args: unknown[] } | undefined {
  for (const exec of sortExecutables(candidates, registry)) {
    const ordered = orderArgs(exec.params, args);
    if (!ordered) continue;
    let vals = ordered.map((a) => a.v);
    if (vals.length !== exec.params.length) {
      const last = exec.params[exec.params.length - 1];
      const elem = last ? arrayElement(last.type) : undefined;
      if (vals.length === exec.params.length - 1 && elem !== undefined) {
        vals = [...vals, { value: makeJavaArray(typeName(elem), []) }];
      } else continue;
    }
    const converted: unknown[] = [];
    let ok = true;
    for (let i = 0; i < vals.length && ok; i++) {
      const c = convertReflective(exec.params[i].type, vals[i], registry);
      if (c.ok) converted.push(c.value);
      else ok = false;
    }
    if (ok) return { exec, args: converted };
  }
  return undefined;
}

/** Invokes an executable, wrapping the target's own exception as InvocationTargetError. */
export function invoke(exec: Executable, args: unknown[]): unknown {
  try {
    return exec.invoke(args);
  } catch (e) {
    throw new InvocationTargetError(exec.name, e);
  }
}

/** Describes the parameter lists of candidates: "(int), (String, boolean)". */
export function describeSignatures(list: readonly { params: readonly ParamSpec[] }[]): string {
  return list.map((e) => `(${e.params.map((p) => `${typeName(p.type)}${p.name ? ` ${p.name}` : ''}`).join(', ')})`).join(', ');
}

function runtimeTypeMatches(param: TypeRef, v: Val): boolean {
  const value = v.value;
  if (value === null || value === undefined) return typeof param === 'string' && normaliseType(param) === 'Object';
  if (typeof param === 'function') return classOf(value) === param;
  if (typeof param !== 'string') return false;
  const p = normaliseType(param);
  if (typeof value === 'string') return p === (v.jtype === 'Character' ? 'Character' : 'String');
  if (typeof value === 'boolean') return p === 'Boolean';
  if (typeof value === 'number') return v.jtype !== undefined && p === v.jtype;
  if (Array.isArray(value) && javaArrayType(value) !== undefined) return arrayElement(p) === javaArrayType(value);
  const cls = classOf(value);
  return cls !== undefined && getClassSpec(cls)?.target === cls && getClassSpec(cls)?.name === p;
}

const PRIMITIVE_OF: Record<string, string> = {
  Integer: 'int',
  Long: 'long',
  Short: 'short',
  Byte: 'byte',
  Double: 'double',
  Float: 'float',
  Character: 'char',
  Boolean: 'boolean',
};

/** What happened in setProperty (for messages and 10.x `Set id=`). */
export interface SetOutcome {
  readonly via: string;
  readonly value: unknown;
  readonly deprecated?: string;
}

/**
 * Jetty's `Set` resolution, in its order: exact setter, boxed→primitive setter, public field,
 * every setter by reflective conversion (declared order), then "construct a value" from a String.
 * Throws a TypeError listing the setters found when nothing applies.
 */
export function setProperty(cls: Function, target: unknown, isStatic: boolean, name: string, v: Val, registry?: ClassRegistry): SetOutcome {
  const setterName = `set${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  const setters = methodsNamed(cls, setterName, isStatic).filter((m) => m.params.length === 1);
  const call = (m: MethodSpec, value: unknown): SetOutcome => {
    const fn = (target as Record<string, Function>)[m.name];
    try {
      fn.call(target, value);
    } catch (e) {
      throw new InvocationTargetError(`${className(cls)}.${m.name}`, e);
    }
    return { via: `${setterName}(${typeName(m.params[0].type)})`, value, deprecated: m.deprecated };
  };
  // 1. exact runtime type
  for (const m of setters) if (runtimeTypeMatches(m.params[0].type, v)) return call(m, v.value);
  // 2. boxed value to primitive parameter
  if (v.jtype) {
    for (const m of setters) if (m.params[0].type === PRIMITIVE_OF[v.jtype]) return call(m, v.value);
  }
  // 3. public field (an instance Set also reaches a static field, as Java's getField does)
  const field = fieldNamed(cls, name, isStatic) ?? (isStatic ? undefined : fieldNamed(cls, name, true));
  if (field) {
    const holder = field.isStatic ? staticHolder(cls, field.name) : target;
    const c = convertReflective(field.type, v, registry);
    let assigned: Converted | undefined = c.ok ? c : undefined;
    if (!assigned && typeof v.value === 'string') assigned = constructFromString(field.type, v.value.trim(), registry);
    if (assigned?.ok) {
      (holder as Record<string, unknown>)[field.name] = assigned.value;
      return { via: `field ${field.name}`, value: assigned.value, deprecated: field.deprecated };
    }
  }
  // 4. every setter, reflective conversion, declared order
  for (const m of setters) {
    const p = m.params[0].type;
    const c = convertReflective(p, v, registry);
    if (c.ok) return call(m, c.value);
    const np = typeof p === 'string' ? normaliseType(p) : '';
    if (['List', 'Set', 'Collection'].includes(np) && Array.isArray(v.value) && javaArrayType(v.value) !== undefined) {
      return call(m, np === 'Set' ? new Set(v.value) : [...v.value]);
    }
  }
  // 5. construct a value from a String for the last setter's parameter type
  const last = setters[setters.length - 1];
  if (last && typeof v.value === 'string') {
    const c = constructFromString(last.params[0].type, v.value, registry);
    if (c?.ok) return call(last, c.value);
  }
  const found = setters.map((m) => typeName(m.params[0].type));
  const what = describeType(v);
  if (setters.length === 0 && !field) {
    throw new TypeError(`no setter ${setterName}(...) and no public field '${name}' on ${className(cls)}${closeSetterNames(cls, name, isStatic)}`);
  }
  throw new TypeError(
    `no setter ${className(cls)}.${setterName}(${what}) accepts the value${
      found.length > 0 ? `. Found setters for ${found.join(', ')}` : ''
    }${field ? `; field '${name}' is ${typeName(field.type)}` : ''}`,
  );
}
