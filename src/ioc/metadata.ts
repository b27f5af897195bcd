/**
 * Reflection for XML: TypeScript erases types, so every class, constructor, method and field that a
 * Jetty XML file may reach declares them here, through decorators that store reflect-metadata.
 *
 * ```ts
 * @JettyClass('org.eclipse.jetty.server.Server', { ctors: [[], [{ name: 'port', type: 'int' }]] })
 * class Server {
 *   @Expose('int') setStopTimeout(ms: number) { ... }
 *   @Expose() getHandler() { ... }
 * }
 * ```
 * @module
 */
import 'reflect-metadata';

/**
 * A parameter, field or array element type, in Java's words:
 * - a primitive or boxed name: `int long short byte double float boolean char` and
 *   `Integer Long Short Byte Double Float Boolean Character`, or `number` (any JS number);
 * - `String`, `Object`, `URL`, `URI`, `File`, `Path`, `InetAddress`, `List`, `Set`, `Collection`, `Map`;
 * - a Jetty class or interface name (fully qualified, as registered), or a class constructor;
 * - any of these followed by `[]` for an array (`String[]`), or `{ arrayOf: T }`.
 */
export type TypeRef = string | Function | { arrayOf: TypeRef };

/** One parameter; a bare TypeRef is an unnamed parameter. Names allow `<Arg name="...">`. */
export interface ParamSpec {
  readonly name?: string;
  readonly type: TypeRef;
}

export type ParamDecl = TypeRef | ParamSpec;

export interface MethodSpec {
  readonly kind: 'method';
  readonly name: string;
  readonly params: readonly ParamSpec[];
  readonly isStatic: boolean;
  /** The last parameter is an array that Java would accept as varargs. */
  readonly varargs: boolean;
  /** A deprecation note: set, using it logs a warning with the XML location. */
  readonly deprecated?: string;
}

export interface FieldSpec {
  readonly kind: 'field';
  readonly name: string;
  readonly type: TypeRef;
  readonly isStatic: boolean;
  readonly deprecated?: string;
}

export interface JettyClassOptions {
  /** Other names for the same class (the spellings used by other Jetty versions). */
  readonly aliases?: readonly string[];
  /** Jetty interface names this class implements (for assignability and `type=` checks). */
  readonly implements?: readonly string[];
  /** The constructor overloads XML may call. Default: one constructor with no parameters. */
  readonly ctors?: readonly (readonly ParamDecl[])[];
  /** Marks a class that XML may name but not instantiate (an interface or abstract class). */
  readonly abstract?: boolean;
  readonly deprecated?: string;
}

export interface ClassSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly implements: readonly string[];
  readonly ctors: readonly (readonly ParamSpec[])[];
  readonly abstract: boolean;
  readonly deprecated?: string;
  readonly target: Function;
}

const CLASS_KEY = Symbol.for('pier:jetty-class');
const MEMBERS_KEY = Symbol.for('pier:jetty-members');

/** Every class declared with @JettyClass, in declaration order; the default registry reads this. */
export const declaredClasses: ClassSpec[] = [];

function toParam(p: ParamDecl): ParamSpec {
  if (typeof p === 'object' && p !== null && 'type' in p) return p as ParamSpec;
  return { type: p as TypeRef };
}

/** Maps a design:paramtypes entry emitted by tsc to a TypeRef. */
function fromDesignType(t: unknown): TypeRef {
  if (t === String) return 'String';
  if (t === Number) return 'number';
  if (t === Boolean) return 'boolean';
  if (t === Array) return 'Object[]';
  if (t === Map) return 'Map';
  if (t === Set) return 'Set';
  if (t === undefined || t === Object || t === Function || t === Promise) return 'Object';
  return t as Function;
}

/** Declares the Jetty class name (and aliases) under which XML can find this class. */
export function JettyClass(name: string, options: JettyClassOptions = {}): ClassDecorator {
  return (target) => {
    const spec: ClassSpec = {
      name,
      aliases: options.aliases ?? [],
      implements: options.implements ?? [],
      ctors: (options.ctors ?? [[]]).map((c) => c.map(toParam)),
      abstract: options.abstract ?? false,
      deprecated: options.deprecated,
      target,
    };
    Reflect.defineMetadata(CLASS_KEY, spec, target);
    declaredClasses.push(spec);
  };
}

function addMember(holder: object, spec: MethodSpec | FieldSpec): void {
  const own: (MethodSpec | FieldSpec)[] = Reflect.hasOwnMetadata(MEMBERS_KEY, holder) ? Reflect.getOwnMetadata(MEMBERS_KEY, holder) : [];
  own.push(spec);
  Reflect.defineMetadata(MEMBERS_KEY, own, holder);
}

export interface ExposeOptions {
  readonly varargs?: boolean;
  readonly deprecated?: string;
}

/**
 * Makes a method callable from XML (`Set`, `Get`, `Call`). Parameter types are taken from the
 * arguments, or from tsc's design:paramtypes when none are given. Works on static methods too.
 */
export function Expose(...params: (ParamDecl | ExposeOptions)[]): MethodDecorator {
  return (target, key) => {
    const opts = params.find((p): p is ExposeOptions => typeof p === 'object' && p !== null && !('type' in p) && !('arrayOf' in p)) ?? {};
    const decls = params.filter((p) => p !== opts) as ParamDecl[];
    const isStatic = typeof target === 'function';
    const fn = (target as Record<string | symbol, unknown>)[key] as Function;
    let specs: ParamSpec[];
    if (decls.length > 0 || fn.length === 0) {
      specs = decls.map(toParam);
    } else {
      const design: unknown[] = Reflect.getMetadata('design:paramtypes', target, key) ?? [];
      specs = design.map((t) => ({ type: fromDesignType(t) }));
    }
    addMember(target, {
      kind: 'method',
      name: String(key),
      params: specs,
      isStatic,
      varargs: opts.varargs ?? false,
      deprecated: opts.deprecated,
    });
  };
}

/** Makes a public field readable and writable from XML (`Set`/`Get` on a field). */
export function ExposeField(type?: TypeRef, options: { deprecated?: string } = {}): PropertyDecorator {
  return (target, key) => {
    const t = type ?? fromDesignType(Reflect.getMetadata('design:type', target, key));
    addMember(target, {
      kind: 'field',
      name: String(key),
      type: t,
      isStatic: typeof target === 'function',
      deprecated: options.deprecated,
    });
  };
}

/** The @JettyClass spec of a constructor itself (not inherited), if any. */
export function getOwnClassSpec(ctor: Function): ClassSpec | undefined {
  return Reflect.getOwnMetadata(CLASS_KEY, ctor);
}

/** The nearest @JettyClass spec along the prototype chain of a constructor. */
export function getClassSpec(ctor: Function): ClassSpec | undefined {
  return Reflect.getMetadata(CLASS_KEY, ctor);
}

/**
 * All exposed instance members of a class, own first, then inherited (a deterministic order that
 * stands in for Java's getMethods()).
 */
export function getInstanceMembers(ctor: Function): (MethodSpec | FieldSpec)[] {
  const out: (MethodSpec | FieldSpec)[] = [];
  for (let p = ctor.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const own: (MethodSpec | FieldSpec)[] | undefined = Reflect.getOwnMetadata(MEMBERS_KEY, p);
    if (own) out.push(...own);
  }
  return out;
}

/** All exposed static members of a class, including those of its superclasses. */
export function getStaticMembers(ctor: Function): (MethodSpec | FieldSpec)[] {
  const out: (MethodSpec | FieldSpec)[] = [];
  for (let c: Function | null = ctor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const own: (MethodSpec | FieldSpec)[] | undefined = Reflect.getOwnMetadata(MEMBERS_KEY, c);
    if (own) out.push(...own);
  }
  return out;
}

/** Every Jetty name (class, aliases and implemented interfaces) an object of this class answers to. */
export function jettyNamesOf(ctor: Function): Set<string> {
  const names = new Set<string>();
  for (let c: Function | null = ctor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const spec = getOwnClassSpec(c);
    if (spec) {
      names.add(spec.name);
      for (const a of spec.aliases) names.add(a);
      for (const i of spec.implements) names.add(i);
    }
  }
  return names;
}
