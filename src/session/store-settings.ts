/**
 * A session store family's settings, declared once: each setting's name, Java type, default, check and
 * description live in one record that gives both the store and its factory Jetty's setter and getter
 * (`setStoreDir`/`getStoreDir`, `setDeleteUnrestorableFiles`/`isDeleteUnrestorableFiles`), exposed to XML,
 * and the factory hands its values to each store it makes in one call. test/session/store-settings.test.ts
 * checks each record against the store's XML, module and documentation.
 * @module
 */
import { Expose, type TypeRef } from '../ioc/metadata';
import { IllegalStateError } from './errors';

/**
 * One setting of a store family: `T` is the value kept and read back, `In` what a setter accepts (a
 * string for a mode, a path, URL or File for a folder), `G` the getter's prefix.
 */
export interface StoreSetting<T, In = T, G extends 'get' | 'is' = 'get' | 'is'> {
  /** The Java type XML converts a value to (`int`, `long`, `boolean`, `String`, `File`, a Jetty class name). */
  readonly type: TypeRef;
  readonly default: T;
  /** What the setting does, in one sentence (the documentation's wording). */
  readonly doc: string;
  /** The start property (`jetty.session.*`) the store's XML and module feed it from, when there is one. */
  readonly property?: string;
  /** Checks (and may normalise) a value before it is kept; throws a RangeError that names the setting. */
  check?(value: In): T;
  /** `is` for a boolean Jetty reads with `isX()`; `get` otherwise. */
  readonly getter?: G;
  /** The setting shapes a running store (its folder, its connection): a store refuses it unless stopped. */
  readonly fixedWhileRunning?: boolean;
  /**
   * The factory's bean name where Jetty's differs from the component's (the cache's `saveOnInactiveEviction`
   * is the cache factory's `saveOnInactiveEvict`): the factory's setter and getter and the XML use it.
   */
  readonly factoryName?: string;
  /** The factory's default where Jetty's differs from the component's (a cache factory's evictionPolicy). */
  readonly factoryDefault?: T;
  /** Only the factory has it: the component takes it in its constructor (memcached's `addresses`). */
  readonly factoryOnly?: boolean;
  /**
   * The start properties that feed the setting through nested XML rather than one `<Property>` (memcached's
   * `addresses`: an InetSocketAddress from `jetty.session.memcached.host` and `.port`).
   */
  readonly nestedProperties?: readonly string[];
  /** False for Pier's own setting, which Jetty's XML (shipped unchanged) does not set. */
  readonly inJettyXml?: boolean;
  /** The setter takes Java varargs (`setAddresses(InetSocketAddress...)`). */
  readonly varargs?: boolean;
}

/** Which side of a family an instance is: the component (store, cache, map) or the factory that makes it. */
export type SettingSide = 'component' | 'factory';

/** The settings of one family, by Jetty's property name (`storeDir` for `setStoreDir`). */
export type StoreSettingsSpec = Readonly<Record<string, StoreSetting<unknown, never>>>;

/** The values of a family's settings. */
export type StoreSettingsOf<S extends StoreSettingsSpec> = { -readonly [K in keyof S]: S[K]['default'] };

/** The setters and getters `exposeStoreSettings` gives a class (declare them by merging an interface into it). */
export type StoreSettingAccessors<S extends StoreSettingsSpec> = {
  [K in keyof S & string as `set${Capitalize<K>}`]: (value: InputOf<S[K]>) => void;
} & { [K in keyof S & string as `${S[K] extends StoreSetting<unknown, never, 'is'> ? 'is' : 'get'}${Capitalize<K>}`]: () => S[K]['default'] };

/** What the setter of a setting accepts. */
type InputOf<S> = S extends StoreSetting<infer T, infer In, 'get' | 'is'> ? (unknown extends In ? T : In) : never;

/**
 * A family's values as dump() prints them, in declaration order: `{name=value,...}`. `shown` replaces the
 * values that must not be printed as they are (a URL with a password).
 */
export function describeSettings(values: object, shown: Readonly<Record<string, string>> = {}): string {
  const parts = Object.entries(values).map(
    ([name, value]) => `${name}=${name in shown ? shown[name] : Array.isArray(value) ? value.join('|') : String(value)}`,
  );
  return `{${parts.join(',')}}`;
}

/**
 * A setting with its value type inferred from its default, or given with what its setter accepts
 * (`setting<FileStoreDurability, string>({...})`).
 */
export function setting<T, In = T, G extends 'get' | 'is' = 'get'>(spec: StoreSetting<T, In, G>): StoreSetting<T, In, G> {
  return spec;
}

/** A fresh record of the family's defaults (the factory's where they differ). */
export function storeSettingDefaults<S extends StoreSettingsSpec>(spec: S, side: SettingSide = 'component'): StoreSettingsOf<S> {
  const values: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) {
    if (side === 'component' && s.factoryOnly) continue;
    values[name] = side === 'factory' && s.factoryDefault !== undefined ? s.factoryDefault : s.default;
  }
  return values as StoreSettingsOf<S>;
}

/** Jetty's bean name of a setting on one side (`saveOnInactiveEvict` on a cache factory). */
export function settingName(name: string, s: StoreSetting<unknown, never>, side: SettingSide): string {
  return side === 'factory' && s.factoryName ? s.factoryName : name;
}

/** Copies a factory's values of the settings its components have into a component's record. */
export function handSettings(spec: StoreSettingsSpec, from: Record<string, unknown>, to: Record<string, unknown>): void {
  for (const [name, s] of Object.entries(spec)) if (!s.factoryOnly) to[name] = from[name];
}

/** What the generated accessors read on an instance: its record, and whether it runs. */
interface SettingsHolder {
  isStarted(): boolean;
  isStarting(): boolean;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Gives `target` a Jetty setter and getter for every setting of `spec`, each reading and writing the
 * instance's record (its `settings`, or the field `options.field` names), declared to XML with the
 * setting's type. A `fixedWhileRunning` setting is refused on a running store; a factory
 * (`fixedWhileRunning: false`) takes every setting at any time. `side: 'factory'` gives the factory's bean
 * names and leaves out nothing; the component side leaves out what only the factory has.
 */
export function exposeStoreSettings(
  target: abstract new (...args: never[]) => object,
  spec: StoreSettingsSpec,
  options: { fixedWhileRunning: boolean; side?: SettingSide; field?: string },
): void {
  const proto = target.prototype as Record<string, unknown>;
  const side = options.side ?? (options.fixedWhileRunning ? 'component' : 'factory');
  const field = options.field ?? 'settings';
  for (const [key, s] of Object.entries(spec)) {
    if (side === 'component' && s.factoryOnly) continue;
    const name = settingName(key, s, side);
    const setterName = `set${capitalize(name)}`;
    const getterName = `${s.getter ?? 'get'}${capitalize(name)}`;
    const check = s.check as ((value: unknown) => unknown) | undefined;
    const setter = function (this: SettingsHolder, value: unknown): void {
      if (options.fixedWhileRunning && s.fixedWhileRunning && (this.isStarted() || this.isStarting())) {
        throw new IllegalStateError(`Cannot set ${name}: the ${target.name} is running`);
      }
      (this as unknown as Record<string, Record<string, unknown>>)[field][key] = check ? check(value) : value;
    };
    const getter = function (this: SettingsHolder): unknown {
      return (this as unknown as Record<string, Record<string, unknown>>)[field][key];
    };
    Object.defineProperty(setter, 'name', { value: setterName });
    Object.defineProperty(getter, 'name', { value: getterName });
    proto[setterName] = setter;
    proto[getterName] = getter;
    Expose(s.type, { varargs: s.varargs ?? false })(proto, setterName, Object.getOwnPropertyDescriptor(proto, setterName)!);
    Expose()(proto, getterName, Object.getOwnPropertyDescriptor(proto, getterName)!);
  }
}
