/**
 * Resolves one launch: collects arguments from ini files and the command line, enables the modules
 * and computes the XML list, the property set and the files a base needs (Jetty's `Main.processCommandLine`).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BaseHome, findInstallationHome } from './base-home';
import { parseJavaProperties } from '../util/java-properties';
import { UsageError } from './errors';
import { Module } from './module';
import { Modules } from './modules';
import { CMD_LINE, prescanCommandLine, StartArgs } from './start-args';
import { listIniFiles, readIniFile, StartArg } from './start-ini';

/** One XML file to execute and why. */
export interface XmlEntry {
  readonly path: string;
  /** The module that listed it, or undefined for an extra file from the arguments. */
  readonly module?: string;
}

/** A `[files]` entry of an enabled module. */
export interface FileEntry {
  readonly module: string;
  /** Path relative to jetty.base (directories end in `/`). */
  readonly path: string;
  /** A download source (`uri|path` form); Pier never downloads. */
  readonly uri?: string;
}

/** Inputs of a resolution; everything defaults to the real process. */
export interface ResolveOptions {
  /** Used as jetty.base when no `jetty.base=` is given (default: process.cwd()). */
  readonly cwd?: string;
  /** jetty.home when no `jetty.home=` is given (default: the folder holding Pier's package.json). */
  readonly home?: string;
  /** System properties visible to expansion before `-D` arguments (default: none). */
  readonly systemProperties?: ReadonlyMap<string, string>;
}

/** The result: everything --list-config, --dry-run and the run need. */
export class StartConfiguration {
  constructor(
    readonly baseHome: BaseHome,
    readonly args: StartArgs,
    readonly modules: Modules,
    readonly enabled: Module[],
    readonly xmls: XmlEntry[],
    readonly files: FileEntry[],
    readonly baseSystemProperties: ReadonlyMap<string, string>,
  ) {}

  /** Internal properties start.jar adds for the XML files. */
  internalProperties(): Map<string, string> {
    const bh = this.baseHome;
    return new Map([
      ['jetty.home', bh.home],
      ['jetty.home.uri', stripSlash(pathToFileURL(bh.home).href)],
      ['jetty.base', bh.base],
      ['jetty.base.uri', stripSlash(pathToFileURL(bh.base).href)],
    ]);
  }

  /** System properties after the `-D` arguments. */
  systemProperties(): Map<string, string> {
    const out = new Map(this.baseSystemProperties);
    for (const p of this.args.systemProps) out.set(p.key, this.expand(p.value));
    return out;
  }

  /** Expands `${...}` against start properties, then internal ones, then system properties. */
  expand(text: string): string {
    const internal = this.internalProperties();
    return this.args.props.expand(text, (name) => internal.get(name) ?? this.args.systemProps.getString(name) ?? this.baseSystemProperties.get(name));
  }

  /**
   * The properties handed to the XML files, as XmlConfiguration.main builds them: system properties,
   * then the internal ones, then every start property with its value expanded, then each `*.properties`
   * file named in the arguments (in order; later files win).
   */
  xmlProperties(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, v] of this.systemProperties()) out.set(k, v);
    for (const [k, v] of this.internalProperties()) out.set(k, v);
    for (const p of this.args.props) out.set(p.key, this.expand(p.value));
    for (const f of this.args.propertyFiles) {
      const rel = this.expand(f.path);
      const file = this.baseHome.find(rel);
      if (!file)
        throw new UsageError(`Cannot read properties file '${rel}' (from ${f.origin}): not in ${this.baseHome.dirs.join(' or ')}; check the name`);
      for (const [k, v] of parseJavaProperties(fs.readFileSync(file, 'utf8'))) out.set(k, v);
    }
    return out;
  }
}

function stripSlash(s: string): string {
  return s.endsWith('/') ? s.substring(0, s.length - 1) : s;
}

/** Reads every argument source, lowest priority first: include dirs, base start.ini, base start.d/*.ini, command line. */
export function collectArgs(argv: readonly string[], baseHome: BaseHome, args: StartArgs): void {
  const cmd: StartArg[] = expandCommands(argv, baseHome);
  const baseInis = listIniFiles(baseHome.base);
  const baseArgs: StartArg[] = [];
  for (const f of baseInis) baseArgs.push(...readIniFile(f, baseHome.toShortForm(f)));
  // Include dirs may be named on the command line or in the base's ini files.
  const includeDirs = [...baseArgs, ...cmd]
    .filter((a) => a.text.startsWith('--include-jetty-dir='))
    .map((a) => path.resolve(baseHome.base, baseHome.expandHomeBase(a.text.substring('--include-jetty-dir='.length))));
  for (const dir of includeDirs) {
    if (!fs.existsSync(dir)) throw new UsageError(`Cannot include jetty dir '${dir}': no such directory`);
    for (const f of listIniFiles(dir)) args.parseAll(readIniFile(f, f));
  }
  args.parseAll(baseArgs);
  args.parseAll(cmd);
}

/** The command line with each `--commands=<file>` replaced by the file's lines (ini syntax, relative to the base). */
export function expandCommands(argv: readonly string[], baseHome: BaseHome): StartArg[] {
  const out: StartArg[] = [];
  for (const text of argv) {
    if (!text.startsWith('--commands=')) {
      out.push({ text, origin: CMD_LINE });
      continue;
    }
    const file = path.resolve(baseHome.base, baseHome.expandHomeBase(text.substring('--commands='.length)));
    if (!fs.existsSync(file)) throw new UsageError(`Cannot read commands file '${file}': no such file; check --commands=`);
    for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
      const t = line.trim();
      if (t.length > 0 && !t.startsWith('#')) out.push({ text: t, origin: CMD_LINE });
    }
  }
  return out;
}

/** Runs the whole resolution for a command line. */
export function resolveStart(argv: readonly string[], options: ResolveOptions = {}): StartConfiguration {
  const pre = prescanCommandLine(argv);
  const cwd = options.cwd ?? process.cwd();
  const home = path.resolve(cwd, pre.home ?? options.home ?? findInstallationHome());
  const base = path.resolve(cwd, pre.base ?? cwd);
  if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) {
    throw new UsageError(`Cannot use jetty.base '${base}': no such directory; create it or pass jetty.base=<dir>`);
  }
  if (!fs.existsSync(home) || !fs.statSync(home).isDirectory()) {
    throw new UsageError(`Cannot use jetty.home '${home}': no such directory; pass jetty.home=<dir>`);
  }
  let baseHome = new BaseHome(home, base);
  const args = new StartArgs(options.systemProperties ?? new Map());
  collectArgs(argv, baseHome, args);
  if (args.includeDirs.length > 0) {
    baseHome = new BaseHome(
      home,
      base,
      args.includeDirs.map((d) => baseHome.expandHomeBase(d)),
    );
  }
  return resolveModules(baseHome, args, options.systemProperties ?? new Map());
}

/** Enables the named modules (and `--add-to-start` ones), applies their `[ini]` and builds the lists. */
export function resolveModules(baseHome: BaseHome, args: StartArgs, systemProperties: ReadonlyMap<string, string>): StartConfiguration {
  const modules = new Modules(baseHome, args.props, (module) => {
    const origin = baseHome.toShortForm(module.file);
    for (const line of module.ini) {
      args.parse({ text: line.text, origin, file: module.file, line: line.line });
    }
  });
  modules.registerAll();
  const names = [...args.modules, ...args.addToStart.map((name) => ({ name, origin: CMD_LINE }))];
  for (const named of names) modules.enable(named.name, named.origin, false);
  // [ini] sections may have named more modules (the list grows while we walk it).
  for (let i = 0; i < args.modules.length && i < 10000; i++) {
    const m = args.modules[i];
    if (!modules.get(m.name)?.isEnabled) modules.enable(m.name, m.origin, false);
  }
  modules.checkEnabled();
  const enabled = modules.enabled();
  const cfg0 = new StartConfiguration(baseHome, args, modules, enabled, [], [], systemProperties);

  const xmls: XmlEntry[] = [];
  const seen = new Set<string>();
  for (const m of enabled) {
    for (const x of m.xmls) {
      const rel = cfg0.expand(x.text);
      const found = baseHome.find(rel);
      if (!found) {
        throw new UsageError(
          `Cannot find XML file '${rel}' of module '${m.name}' (${baseHome.toShortForm(m.file)}:${x.line}): not in ${baseHome.dirs.join(' or ')}; restore the file or override it in \${jetty.base}/${rel}`,
        );
      }
      if (seen.has(found)) continue;
      seen.add(found);
      xmls.push({ path: found, module: m.name });
    }
  }
  for (const x of args.xmls) {
    const rel = cfg0.expand(x.path);
    const found = baseHome.find(rel) ?? (path.isAbsolute(rel) ? undefined : baseHome.find(path.join('etc', rel)));
    if (!found) {
      throw new UsageError(`Cannot find XML file '${rel}' (from ${x.origin}): not in ${baseHome.dirs.join(' or ')} nor their etc/; check the name`);
    }
    xmls.push({ path: found });
  }
  const files: FileEntry[] = [];
  for (const m of enabled) {
    for (const f of m.files) {
      const text = cfg0.expand(f.text);
      const bar = text.indexOf('|');
      const isUri = /^[a-z][a-z0-9+.-]+:/i.test(text);
      if (isUri && bar > 0) files.push({ module: m.name, uri: text.substring(0, bar), path: text.substring(bar + 1) });
      else if (isUri) files.push({ module: m.name, uri: text, path: '' });
      else files.push({ module: m.name, path: text });
    }
  }
  return new StartConfiguration(baseHome, args, modules, enabled, xmls, files, systemProperties);
}
