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
}

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
 * A setting with its value type inferred from its default, or given with what its setter accepts
 * (`setting<FileStoreDurability, string>({...})`).
 */
export function setting<T, In = T, G extends 'get' | 'is' = 'get'>(spec: StoreSetting<T, In, G>): StoreSetting<T, In, G> {
  return spec;
}

/** A fresh record of the family's defaults. */
export function storeSettingDefaults<S extends StoreSettingsSpec>(spec: S): StoreSettingsOf<S> {
  const values: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) values[name] = s.default;
  return values as StoreSettingsOf<S>;
}

/** What the generated accessors read on an instance: its record, and whether it runs. */
interface SettingsHolder {
  readonly settings: Record<string, unknown>;
  isStarted(): boolean;
  isStarting(): boolean;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Gives `target` a Jetty setter and getter for every setting of `spec`, each reading and writing the
 * instance's `settings` record, declared to XML with the setting's type. A `fixedWhileRunning` setting
 * is refused on a running store; a factory (`fixedWhileRunning: false`) takes every setting at any time.
 */
export function exposeStoreSettings(
  target: abstract new (...args: never[]) => object,
  spec: StoreSettingsSpec,
  options: { fixedWhileRunning: boolean },
): void {
  const proto = target.prototype as Record<string, unknown>;
  for (const [name, s] of Object.entries(spec)) {
    const setterName = `set${capitalize(name)}`;
    const getterName = `${s.getter ?? 'get'}${capitalize(name)}`;
    const check = s.check as ((value: unknown) => unknown) | undefined;
    const setter = function (this: SettingsHolder, value: unknown): void {
      if (options.fixedWhileRunning && s.fixedWhileRunning && (this.isStarted() || this.isStarting())) {
        throw new IllegalStateError(`Cannot set ${name}: the ${target.name} is running`);
      }
      this.settings[name] = check ? check(value) : value;
    };
    const getter = function (this: SettingsHolder): unknown {
      return this.settings[name];
    };
    Object.defineProperty(setter, 'name', { value: setterName });
    Object.defineProperty(getter, 'name', { value: getterName });
    proto[setterName] = setter;
    proto[getterName] = getter;
    Expose(s.type)(proto, setterName, Object.getOwnPropertyDescriptor(proto, setterName)!);
    Expose()(proto, getterName, Object.getOwnPropertyDescriptor(proto, getterName)!);
  }
}
