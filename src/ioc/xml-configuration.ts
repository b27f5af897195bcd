/**
 * XmlConfiguration: applies a Jetty `<Configure>` XML file to an object graph (Jetty's org.eclipse.jetty.xml.XmlConfiguration).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { XmlDocument, XmlParseOptions, parseXml } from '../xml';
import { dialectOf } from './xml-dialect';
import { ClassRegistry } from './class-registry';
import { Interpreter } from './interpreter';
import { ELEMENT_HANDLERS } from './elements';
import { XmlConfigurationError } from './errors';
import { evaluateArgs, invokeBest, resolveClass } from './elements/support';
import { constructObject } from './elements/construct';
import { className } from './invoker';
import { jettyNamesOf, getClassSpec } from './metadata';
import { iocLog } from './logger';
import { SystemProperties } from './system-properties';

export interface XmlConfigurationOptions {
  /**
   * The id map to use. It is used directly, not copied: ids this file defines are visible to the
   * caller and to later files sharing the map (Jetty copies maps from file to file; the effect is the same).
   */
  readonly idMap?: Map<string, unknown>;
  /** The properties `<Property>` reads (a Map is used directly; a record is copied). */
  readonly properties?: Map<string, string> | Readonly<Record<string, string>>;
  /** Where class names are looked up; default ClassRegistry.default (every @JettyClass). */
  readonly registry?: ClassRegistry;
  /** Called after every object the XML constructs (`New`, root `Configure`), before its statements. */
  readonly initializeDefaults?: (obj: unknown) => void;
  /** Parser options (unknown DTD policy, warning sink). */
  readonly parse?: XmlParseOptions;
}

/**
 * One parsed `<Configure>` file and the maps it works with. Configuration is synchronous:
 * `configure()` returns the configured object (methods XML calls must not need awaiting).
 *
 * ```ts
 * const server = new XmlConfiguration('etc/jetty.xml', { properties: { 'jetty.http.port': '8080' } }).configure();
 * const same = XmlConfiguration.fromString(text, 'inline.xml').configure(existing);
 * ```
 */
export class XmlConfiguration {
  readonly document: XmlDocument;
  private readonly idMap: Map<string, unknown>;
  private readonly properties: Map<string, string>;
  private readonly registry: ClassRegistry;
  private readonly defaultsHook?: (obj: unknown) => void;

  /** Reads and parses the file at `file` (a path or a `file:` URL). */
  constructor(file: string, options?: XmlConfigurationOptions);
  constructor(document: XmlDocument, options?: XmlConfigurationOptions);
  constructor(source: string | XmlDocument, options: XmlConfigurationOptions = {}) {
    if (typeof source === 'string') {
      const file = source.startsWith('file:') ? fileURLToPath(source) : source;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new XmlConfigurationError(`Cannot read configuration '${file}': ${(e as Error).message}`, { file, line: 1, column: 1 }, '(file)', {
          cause: e,
        });
      }
      this.document = parseXml(text, file, { onWarning: (m, l) => iocLog.warn(m, l), ...options.parse });
    } else {
      this.document = source;
    }
    this.idMap = options.idMap ?? new Map();
    const props = options.properties;
    this.properties = props instanceof Map ? props : new Map(Object.entries(props ?? {}));
    this.registry = options.registry ?? ClassRegistry.default;
    this.defaultsHook = options.initializeDefaults;
    const root = this.document.root;
    if (root.name !== 'Configure') {
      throw new XmlConfigurationError(
        `Cannot configure from <${root.name}>: unknown configuration type (the root element must be <Configure>)`,
        root.location,
        root.name,
      );
    }
  }

  /** Parses `text`; `name` stands for the file name in every location and message. */
  static fromString(text: string, name: string, options: XmlConfigurationOptions = {}): XmlConfiguration {
    return new XmlConfiguration(parseXml(text, name, { onWarning: (m, l) => iocLog.warn(m, l), ...options.parse }), options);
  }

  getIdMap(): Map<string, unknown> {
    return this.idMap;
  }

  getProperties(): Map<string, string> {
    return this.properties;
  }

  getRegistry(): ClassRegistry {
    return this.registry;
  }

  /** Jetty's hook, called after each construction; override or pass `initializeDefaults` in options. */
  initializeDefaults(obj: unknown): void {
    this.defaultsHook?.(obj);
  }

  private interpreter(): Interpreter {
    return new Interpreter({
      file: this.document.file,
      idMap: this.idMap,
      properties: this.properties,
      registry: this.registry,
      handlers: ELEMENT_HANDLERS,
      dialect: dialectOf(this.document),
      initializeDefaults: (o) => this.initializeDefaults(o),
    });
  }

  /**
   * Without an argument: reuses the object registered under the root's `id`, or constructs `class`
   * (with the leading `Arg`s), or works with no object; registers the id, runs the statements and
   * returns the object. With an object: checks it against `class`, registers the id, ignores `Arg`s.
   */
  configure(obj?: unknown): unknown {
    const cx = this.interpreter();
    const root = this.document.root;
    const explicit = arguments.length > 0;
    return cx.within(root, () => {
      const f = cx.fields(root, ['id', 'class'], ['arg']);
      const classF = f.get('class');
      const clsName = cx.fieldString(classF, null);
      const cls = clsName !== undefined ? resolveClass(cx, root, clsName, classF!.location) : undefined;
      const id = cx.fieldString(f.get('id'), null);
      const args = f.list('arg');
      let target: unknown;
      if (explicit) {
        if (cls && !isInstance(obj, cls)) {
          throw cx.error(
            root,
            `Cannot configure an object of class '${className(obj == null ? undefined : ((obj as object).constructor as Function))}': it is not of type '${clsName}'`,
          );
        }
        if (args.length > 0) cx.warn(root, 'Ignored arg: <Arg> elements are ignored when configuring an existing object');
        target = obj;
        cx.registerId(id, target);
      } else {
        if (id !== undefined && this.idMap.has(id)) {
          target = this.idMap.get(id);
          if (args.length > 0) cx.warn(root, `Ignored arg: the object '${id}' already exists`);
        } else if (cls) {
          target = constructObject(cx, root, cls, evaluateArgs(cx, args, null), invokeBest).value;
        } else {
          target = null;
        }
        if (id !== undefined) cx.registerId(id, target);
        this.initializeDefaults(target);
      }
      cx.statements(root, target, f.next);
      return target;
    });
  }

  /**
   * Jetty's `XmlConfiguration.main` without starting anything: applies each file in order with one
   * shared id map and property map, and returns the distinct non-null objects the files returned (the
   * launcher starts the LifeCycle ones). Property values from `properties` win over nothing else:
   * the caller merges system properties and `k=v` arguments first.
   */
  static applyAll(files: readonly string[], options: XmlConfigurationOptions = {}): unknown[] {
    const idMap = options.idMap ?? new Map<string, unknown>();
    const props = options.properties instanceof Map ? options.properties : new Map(Object.entries(options.properties ?? {}));
    const results: unknown[] = [];
    for (const file of files) {
      const cfg = new XmlConfiguration(file, { ...options, idMap, properties: props });
      const obj = cfg.configure();
      if (obj !== null && obj !== undefined && !results.includes(obj)) results.push(obj);
    }
    return results;
  }

  /**
   * Jetty's setJettyStandardIdsAndProperties (used by the deployer and jetty-web.xml): id `Server`,
   * `jetty.home`, `jetty.home.uri`, `jetty.base`, `jetty.base.uri`, and for a webapp path
   * `jetty.webapp`, `jetty.webapps` and `jetty.webapps.uri` (the parent directory's URI, as in 10.x).
   */
  setJettyStandardIdsAndProperties(server: unknown, webapp?: string): void {
    if (server !== null && server !== undefined) this.idMap.set('Server', server);
    const home = SystemProperties.get('jetty.home') ?? '.';
    const base = SystemProperties.get('jetty.base') ?? home;
    const uri = (p: string): string => pathToFileURL(path.resolve(p)).href.replace(/\/$/, '');
    this.properties.set('jetty.home', home);
    this.properties.set('jetty.home.uri', uri(home));
    this.properties.set('jetty.base', base);
    this.properties.set('jetty.base.uri', uri(base));
    if (webapp !== undefined) {
      const abs = path.resolve(webapp);
      this.properties.set('jetty.webapp', abs);
      this.properties.set('jetty.webapps', path.dirname(abs));
      this.properties.set('jetty.webapps.uri', uri(path.dirname(abs)));
    }
  }
}

function isInstance(obj: unknown, cls: Function): boolean {
  if (obj === null || obj === undefined) return false;
  if (obj instanceof cls) return true;
  const spec = getClassSpec(cls);
  return typeof obj === 'object' && spec !== undefined && jettyNamesOf((obj as object).constructor).has(spec.name);
}

/** Standalone form of setJettyStandardIdsAndProperties for callers holding an XmlConfiguration. */
export function setJettyStandardIdsAndProperties(cfg: XmlConfiguration, server: unknown, webapp?: string): void {
  cfg.setJettyStandardIdsAndProperties(server, webapp);
}
