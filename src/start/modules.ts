/**
 * The module graph: discovery, enabling with transitive dependencies and capabilities, and ordering.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BaseHome } from './base-home';
import { UsageError } from './errors';
import { Module } from './module';
import { Props } from './props';
import { unprovidedModules, unprovidedRefusal } from './unprovided-modules';
import { editDistance } from '../util/edit-distance';

/** Called for each newly enabled module so that its `[ini]` lines can be applied before its dependencies expand. */
export type OnEnabled = (module: Module) => void;

/**
 * Jetty's `org.eclipse.jetty.start.Modules`: every module known under base/home `modules/`, the
 * capability index (`[provides]`), and the enabling and sorting rules of start.jar 9.4.
 */
export class Modules implements Iterable<Module> {
  private readonly list: Module[] = [];
  private readonly byName = new Map<string, Module>();
  private readonly providers = new Map<string, Set<Module>>();

  constructor(
    readonly baseHome: BaseHome,
    private readonly props: Props,
    private readonly onEnabled: OnEnabled = () => {},
  ) {}

  /** Registers every top-level `modules/*.mod` of base and home, in natural name order. */
  registerAll(): this {
    for (const [name, file] of this.baseHome.listModuleFiles()) this.register(Module.load(name, file));
    // The Jetty modules Pier knows but does not provide, unless a file of the same name exists.
    for (const u of unprovidedModules()) if (!this.byName.has(u.name)) this.register(Module.unprovided(u));
    return this;
  }

  register(module: Module): Module {
    const existing = this.byName.get(module.name);
    if (existing) return existing;
    this.list.push(module);
    this.byName.set(module.name, module);
    for (const cap of module.capabilities) {
      let set = this.providers.get(cap);
      if (!set) this.providers.set(cap, (set = new Set()));
      set.add(module);
    }
    return module;
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.list[Symbol.iterator]();
  }

  get(name: string): Module | undefined {
    return this.byName.get(name);
  }

  /** Every module in registration (discovery) order. */
  all(): Module[] {
    return [...this.list];
  }

  /** Loads a dynamic module (`a/b`) from `modules/a/b.mod` the first time it is referenced. */
  private loadDynamic(name: string): Module | undefined {
    const file = this.baseHome.find(path.join('modules', `${name}.mod`));
    if (!file) return undefined;
    return this.register(Module.load(name, file));
  }

  /** The providers of a capability: the enabled ones if any, else all of them. */
  private availableProviders(name: string): Module[] {
    const all = [...(this.providers.get(name) ?? [])];
    const enabled = all.filter((m) => m.isEnabled);
    return enabled.length > 0 ? enabled : all;
  }

  /**
   * Enables a module explicitly (`from` names the source, e.g. `<command-line>` or an ini file) or
   * transitively, then walks its `[depend]` entries. Unknown modules are a UsageError with suggestions.
   */
  enable(name: string, from: string, transitive = false): void {
    let module = this.byName.get(name);
    if (!module && name.includes('/')) module = this.loadDynamic(name);
    if (!module) {
      const hint = this.deprecationHint(name);
      throw new UsageError(
        `Cannot enable module '${name}' (from ${from}): ${hint ? `deprecated module: ${hint}` : `unknown module${this.suggest(name)}`}; list available modules with --list-modules`,
      );
    }
    this.enableModule(module, from, transitive, 0);
  }

  private enableModule(module: Module, from: string, transitive: boolean, depth: number): void {
    if (module.unprovided?.refusedBecause) throw new UsageError(unprovidedRefusal(module.unprovided, from), UsageError.ERR_BAD_GRAPH);
    if (depth > 200)
      throw new UsageError(`Cannot enable module '${module.name}': dependency chain deeper than 200 modules`, UsageError.ERR_BAD_GRAPH);
    // Capability conflicts with another enabled module.
    for (const cap of module.capabilities) {
      for (const other of this.providers.get(cap) ?? []) {
        if (other === module || !other.isEnabled) continue;
        if (other.transitive && !transitive) {
          other.clearEnabled();
        } else if (!module.isEnabled) {
          throw new UsageError(
            `Cannot enable module '${module.name}': capability '${cap}' is already provided by enabled module '${other.name}'; enable only one of them`,
            UsageError.ERR_BAD_GRAPH,
          );
        }
      }
    }
    const newly = module.enable(from, transitive);
    if (!newly) return;
    this.onEnabled(module);
    for (const dep of module.depends) {
      let depName = this.props.expand(dep.text);
      let conditional = false;
      if (depName.startsWith('?')) {
        conditional = true;
        depName = depName.substring(1).trim();
      }
      let providers = this.availableProviders(depName);
      if (providers.length === 0) {
        if (depName.includes('/')) {
          const dyn = this.loadDynamic(depName);
          if (dyn) {
            providers = this.availableProviders(depName);
            if (providers.length === 0) {
              throw new UsageError(`Cannot enable module '${dyn.name}': it does not provide '${depName}'`, UsageError.ERR_BAD_GRAPH);
            }
            this.enableModule(providers[0], `dynamic dependency of ${module.name}`, true, depth + 1);
            continue;
          }
        }
        if (conditional) continue;
        const unset = /\$\{([^}]+)\}/.exec(depName);
        const why = unset
          ? `; property '${unset[1]}' is not set: set it on the command line or in an ini file`
          : `${this.suggest(depName)}; list available modules with --list-modules`;
        throw new UsageError(
          `Cannot enable module '${module.name}': no module provides its dependency '${depName}' (${path.basename(module.file)}:${dep.line})${why}`,
          UsageError.ERR_BAD_GRAPH,
        );
      }
      const enabled = providers.filter((m) => m.isEnabled);
      if (enabled.length > 0) {
        for (const p of enabled) if (p !== module) this.enableModule(p, `transitive provider of ${depName} for ${module.name}`, true, depth + 1);
      } else {
        const dft = providers.length === 1 ? providers[0] : providers.find((m) => m.name === depName);
        if (dft) this.enableModule(dft, `transitive provider of ${depName} for ${module.name}`, true, depth + 1);
      }
    }
  }

  /** Throws when an enabled module has a `[depend]` no enabled module provides ("Unsatisfied module dependencies"). */
  checkEnabled(): void {
    const problems: string[] = [];
    for (const m of this.enabled()) {
      for (const dep of m.depends) {
        const depName = this.props.expand(dep.text);
        if (depName.startsWith('?')) continue;
        const providers = [...(this.providers.get(depName) ?? [])];
        if (!providers.some((p) => p.isEnabled)) {
          const names = providers.map((p) => p.name);
          problems.push(`'${m.name}' needs '${depName}'${names.length > 1 ? ` (one of ${names.join(', ')})` : ''}`);
        }
      }
    }
    if (problems.length > 0) {
      throw new UsageError(
        `Cannot resolve modules: unsatisfied module dependencies: ${problems.join('; ')}; enable a provider with --module=<name>`,
        UsageError.ERR_BAD_GRAPH,
      );
    }
  }

  /**
   * The enabled modules sorted so that dependencies (`[depend]`, `[optional]`, `[after]`) come first and
   * `[before]` modules later, keeping discovery order where unconstrained (Jetty's TopologicalSort).
   */
  enabled(): Module[] {
    const enabled = this.list.filter((m) => m.isEnabled);
    const deps = new Map<Module, Set<Module>>();
    const add = (from: Module, to: Module): void => {
      if (from === to || !to.isEnabled) return;
      let set = deps.get(from);
      if (!set) deps.set(from, (set = new Set()));
      set.add(to);
    };
    const providersOf = (raw: string): Module[] => {
      let name = this.props.expand(raw);
      if (name.startsWith('?')) name = name.substring(1).trim();
      const out = new Set<Module>();
      const direct = this.byName.get(name);
      if (direct) out.add(direct);
      for (const p of this.providers.get(name) ?? []) out.add(p);
      return [...out];
    };
    for (const m of enabled) {
      for (const d of m.depends) for (const p of providersOf(d.text)) add(m, p);
      for (const o of [...m.optional, ...m.after]) for (const p of providersOf(o)) add(m, p);
      for (const b of m.before) for (const p of providersOf(b)) add(p, m);
    }
    const index = new Map(enabled.map((m, i) => [m, i] as const));
    const sorted: Module[] = [];
    const visiting = new Set<Module>();
    const done = new Set<Module>();
    const visit = (m: Module, trail: Module[]): void => {
      if (done.has(m)) return;
      if (visiting.has(m)) {
        const cycle = [...trail.slice(trail.indexOf(m)), m].map((x) => x.name).join(' -> ');
        throw new UsageError(`Cannot order modules: cyclic dependency ${cycle}`, UsageError.ERR_BAD_GRAPH);
      }
      visiting.add(m);
      const ds = [...(deps.get(m) ?? [])].sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
      for (const d of ds) visit(d, [...trail, m]);
      visiting.delete(m);
      done.add(m);
      sorted.push(m);
    };
    for (const m of enabled) visit(m, []);
    return sorted;
  }

  /** The hint of `modules/deprecated.properties` (base, then home) for a removed module name. */
  deprecationHint(name: string): string | undefined {
    const file = this.baseHome.find(path.join('modules', 'deprecated.properties'));
    if (!file) return undefined;
    for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
      const line = raw.trim();
      if (line.startsWith('#') || line.startsWith('!')) continue;
      const m = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
      if (m && m[1] === name) return m[2];
    }
    return undefined;
  }

  /** " (did you mean 'a', 'b'?)" for names within a small edit distance, or "". */
  suggest(name: string): string {
    const candidates = this.list
      .map((m) => ({ name: m.name, d: editDistance(name.toLowerCase(), m.name.toLowerCase()) }))
      .filter((c) => c.d <= Math.max(2, Math.floor(name.length / 3)) || c.name.includes(name) || (name.length >= 4 && name.includes(c.name)))
      .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
      .slice(0, 3)
      .map((c) => `'${c.name}'`);
    return candidates.length > 0 ? ` (did you mean ${candidates.join(', ')}?)` : '';
  }
}
