/**
 * Loads the JavaScript classes a web app names in its descriptors from `WEB-INF/classes`
 * (org.eclipse.jetty.webapp.WebAppClassLoader), and forgets them again when the app is redeployed.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JettyClass } from '../ioc/metadata';
import { WebAppClassNotFoundError } from './errors';
import { scriptErrorLocation } from './script-error-location';

const EXTENSIONS = ['.js', '.cjs', '.mjs'] as const;

/** A real dynamic import that tsc leaves alone (it would otherwise turn it into require in CommonJS output). */
const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Record<string, unknown>>;

/**
 * `com.example.CounterServlet` → `WEB-INF/classes/com/example/CounterServlet.{js,cjs,mjs}`. The class is
 * the module's export named after the simple class name, else its default export, else the module
 * itself when it is a class (`module.exports = class ...`). ESM files are imported with a cache-busting
 * query (one generation per class loader), CommonJS files through `require`; `close()` removes every
 * `require.cache` entry under the app folder so a redeploy sees fresh code. There is no `WEB-INF/lib`:
 * JavaScript has no jars; put shared code under `WEB-INF/classes` or in `node_modules`.
 */
@JettyClass('org.eclipse.jetty.webapp.WebAppClassLoader')
export class WebAppClassLoader {
  private static generation = 0;
  private readonly _generation = ++WebAppClassLoader.generation;
  private readonly _loaded = new Map<string, Function>();

  /** @param appDir the web app's root folder; `classesDir` defaults to `<appDir>/WEB-INF/classes`. */
  constructor(
    private readonly appDir: string,
    private readonly classesDir = path.join(appDir, 'WEB-INF', 'classes'),
  ) {}

  getAppDir(): string {
    return this.appDir;
  }

  /** The candidate files for a class name, in the order they are tried. */
  candidates(className: string): string[] {
    const rel = className.split('.').join(path.sep);
    return EXTENSIONS.map((ext) => path.join(this.classesDir, rel + ext));
  }

  /** Loads a class by its dotted name; throws WebAppClassNotFoundError naming the files it looked for. */
  async loadClass(className: string): Promise<Function> {
    const cached = this._loaded.get(className);
    if (cached) return cached;
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(className)) {
      throw new WebAppClassNotFoundError(`Cannot load class '${className}': not a valid class name`, className, []);
    }
    const searched = this.candidates(className);
    const file = searched.find((f) => fs.existsSync(f));
    if (!file) {
      throw new WebAppClassNotFoundError(
        `Cannot load class '${className}': none of ${searched.map((f) => path.relative(this.appDir, f)).join(', ')} exists in ${this.appDir}`,
        className,
        searched,
      );
    }
    let mod: unknown;
    try {
      if (file.endsWith('.mjs') || this.isEsm(file)) {
        mod = await dynamicImport(`${pathToFileURL(file).href}?generation=${this._generation}`);
      } else {
        try {
          mod = require(file);
        } catch (err) {
          // a .js file that Node treats as ESM (a package.json outside the app says "type": "module")
          if ((err as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw err;
          mod = await dynamicImport(`${pathToFileURL(file).href}?generation=${this._generation}`);
        }
      }
    } catch (err) {
      // file:line:column of the mistake (a SyntaxError, or what the module threw as it ran), as Node reports it
      const at = scriptErrorLocation(err, path.resolve(this.appDir) + path.sep);
      const where = at ? `${at.file}:${at.line}:${at.column}` : `'${file}'`;
      const kind = err instanceof Error && err.name !== 'Error' ? `${err.name}: ` : '';
      throw new WebAppClassNotFoundError(`Cannot load class '${className}' from ${where}: ${kind}${(err as Error).message}`, className, searched, {
        cause: err,
        location: at,
      });
    }
    const cls = pickClass(mod, className.slice(className.lastIndexOf('.') + 1));
    if (!cls) {
      throw new WebAppClassNotFoundError(
        `Cannot load class '${className}' from '${file}': it exports no '${className.slice(className.lastIndexOf('.') + 1)}', no default export and is not itself a class`,
        className,
        searched,
      );
    }
    this._loaded.set(className, cls);
    return cls;
  }

  /** Instantiates a class with no arguments. */
  async newInstance<T = unknown>(className: string): Promise<T> {
    const cls = await this.loadClass(className);
    return new (cls as new () => T)();
  }

  /** Forgets every module loaded from the app folder (CommonJS cache entries; ESM gets a new generation next time). */
  close(): void {
    this._loaded.clear();
    const root = path.resolve(this.appDir) + path.sep;
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(root)) delete require.cache[key];
    }
  }

  /** A `.js` file is ESM when the nearest package.json up to the app folder says `"type": "module"`. */
  private isEsm(file: string): boolean {
    if (!file.endsWith('.js')) return false;
    const stop = path.dirname(path.resolve(this.appDir));
    for (let dir = path.dirname(file); dir.length > stop.length; dir = path.dirname(dir)) {
      const pkg = path.join(dir, 'package.json');
      if (fs.existsSync(pkg)) {
        try {
          return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module';
        } catch {
          return false;
        }
      }
    }
    return false;
  }
}

function isClass(v: unknown): v is Function {
  return typeof v === 'function';
}

/** The export rule: named after the simple class name, else default, else the module itself. */
export function pickClass(mod: unknown, simpleName: string): Function | undefined {
  if (mod === null || mod === undefined) return undefined;
  const m = mod as Record<string, unknown>;
  if (isClass(m[simpleName])) return m[simpleName] as Function;
  const def = m.default as Record<string, unknown> | Function | undefined;
  if (isClass(def)) return def;
  // An ESM import of a CommonJS module exposes module.exports as `default`.
  if (def && typeof def === 'object' && isClass(def[simpleName])) return def[simpleName] as Function;
  if (isClass(mod)) return mod;
  return undefined;
}
