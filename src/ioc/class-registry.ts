/**
 * The registry of classes XML may name, on tsyringe: each Jetty class name is a token whose value is the class.
 * @module
 */
import 'reflect-metadata';
import { DependencyContainer, container as rootContainer } from 'tsyringe';
import { ClassSpec, declaredClasses, getOwnClassSpec } from './metadata';
import { UnknownClassError } from './errors';
import { loadOptionalBackend, optionalBackendOf } from './optional-backends';
import { editDistance } from '../util/edit-distance';

/** Interface names XML uses in `type=` that are types only (classes may also declare them with `implements`). */
export const JETTY_INTERFACES: readonly string[] = [
  'org.eclipse.jetty.server.Handler',
  'org.eclipse.jetty.server.HandlerContainer',
  'org.eclipse.jetty.server.Connector',
  'org.eclipse.jetty.server.ConnectionFactory',
  'org.eclipse.jetty.server.SessionIdManager',
  'org.eclipse.jetty.server.RequestLog',
  'org.eclipse.jetty.security.LoginService',
  'org.eclipse.jetty.security.Authenticator',
  'org.eclipse.jetty.deploy.AppProvider',
  'org.eclipse.jetty.rewrite.handler.Rule',
  'org.eclipse.jetty.util.component.LifeCycle',
  'org.eclipse.jetty.util.component.Container',
  'org.eclipse.jetty.util.thread.ThreadPool',
  'org.eclipse.jetty.server.session.SessionCache',
  'org.eclipse.jetty.server.session.SessionCacheFactory',
  'org.eclipse.jetty.server.session.SessionDataStore',
  'org.eclipse.jetty.server.session.SessionDataStoreFactory',
  'org.eclipse.jetty.server.session.SessionDataMap',
  'org.eclipse.jetty.server.session.SessionDataMapFactory',
  'org.eclipse.jetty.webapp.Configuration',
  'java.lang.Runnable',
  'java.util.EventListener',
];

const pkgOf = (n: string): string => n.slice(0, Math.max(0, n.lastIndexOf('.')));
const simpleOf = (n: string): string => n.slice(n.lastIndexOf('.') + 1);

/**
 * Maps Jetty class names (and aliases) to TS classes, with a tsyringe DependencyContainer underneath
 * (token = the name, `useValue` = the constructor). XML can reach registered classes only, never an
 * arbitrary Node module. Web apps take a `createChild()` that sees the parent's classes and adds their own.
 */
export class ClassRegistry {
  private readonly ownNames = new Set<string>();
  private readonly ownInterfaces = new Set<string>();
  private synced = 0;

  private constructor(
    readonly container: DependencyContainer,
    private readonly parent: ClassRegistry | undefined,
    private readonly syncsDeclared: boolean,
  ) {}

  /** A fresh registry holding no classes (only what you register). */
  static empty(): ClassRegistry {
    return new ClassRegistry(rootContainer.createChildContainer(), undefined, false);
  }

  /**
   * A fresh registry that sees every class declared with @JettyClass, now or later (read lazily,
   * so import order does not matter), plus JETTY_INTERFACES.
   */
  static withDeclaredClasses(): ClassRegistry {
    const r = new ClassRegistry(rootContainer.createChildContainer(), undefined, true);
    for (const i of JETTY_INTERFACES) r.registerInterface(i);
    return r;
  }

  private static defaultRegistry: ClassRegistry | undefined;

  /** The shared default registry (declared classes and standard interfaces). */
  static get default(): ClassRegistry {
    ClassRegistry.defaultRegistry ??= ClassRegistry.withDeclaredClasses();
    return ClassRegistry.defaultRegistry;
  }

  /** A child registry (tsyringe child container): lookups fall back to this one. */
  createChild(): ClassRegistry {
    return new ClassRegistry(this.container.createChildContainer(), this, false);
  }

  private sync(): void {
    if (!this.syncsDeclared) return;
    for (; this.synced < declaredClasses.length; this.synced++) this.registerSpec(declaredClasses[this.synced]);
  }

  private registerSpec(spec: ClassSpec): void {
    if (spec.abstract) this.ownInterfaces.add(spec.name);
    for (const n of [spec.name, ...spec.aliases]) {
      this.container.register<Function>(n, { useValue: spec.target });
      this.ownNames.add(n);
    }
  }

  /** Registers a class under its @JettyClass name and aliases, plus any extra names. */
  register(ctor: Function, ...names: string[]): this {
    const spec = getOwnClassSpec(ctor);
    if (!spec && names.length === 0) {
      throw new TypeError(`Cannot register class '${ctor.name}': it has no @JettyClass name and no name was given`);
    }
    if (spec) this.registerSpec(spec);
    for (const n of names) {
      this.container.register<Function>(n, { useValue: ctor });
      this.ownNames.add(n);
    }
    return this;
  }

  /** Makes an interface name known as a type (for `type=` and `<Array type>`), without a class. */
  registerInterface(name: string): this {
    this.ownInterfaces.add(name);
    return this;
  }

  /** The class registered under `name`, or undefined. */
  tryResolve(name: string): Function | undefined {
    this.sync();
    if (this.container.isRegistered(name, false)) return this.container.resolve<Function>(name);
    return this.parent?.tryResolve(name);
  }

  /**
   * The class registered under `name`. A class of an optional backend is loaded now, when it is first
   * asked for (OptionalBackendError when its client package is missing). Throws UnknownClassError
   * listing the closest names otherwise.
   */
  resolve(name: string): Function {
    const c = this.tryResolve(name);
    if (c) return c;
    const backend = this.seesDeclaredClasses() ? optionalBackendOf(name) : undefined;
    if (backend) {
      loadOptionalBackend(backend, name);
      const loaded = this.tryResolve(name);
      if (loaded) return loaded;
    }
    throw new UnknownClassError(name, this.suggest(name));
  }

  private seesDeclaredClasses(): boolean {
    return this.syncsDeclared || (this.parent?.seesDeclaredClasses() ?? false);
  }

  /** True when `name` is a registered interface (a type without a class). */
  isInterface(name: string): boolean {
    this.sync();
    return this.ownInterfaces.has(name) || (this.parent?.isInterface(name) ?? false);
  }

  /** True when `name` is a registered class or interface. */
  isKnownType(name: string): boolean {
    return this.tryResolve(name) !== undefined || this.isInterface(name);
  }

  /** Every registered class name (own and inherited), sorted. */
  names(): string[] {
    this.sync();
    const all = new Set([...this.ownNames, ...(this.parent?.names() ?? [])]);
    return [...all].sort();
  }

  /** Up to five registered names closest to `name`: same simple name, same package, or small edit distance. */
  suggest(name: string): string[] {
    const all = [...new Set([...this.names(), ...this.interfaceNames()])];
    const simple = simpleOf(name).toLowerCase();
    const scored = all.map((n) => {
      let score = editDistance(name.toLowerCase(), n.toLowerCase());
      if (simpleOf(n).toLowerCase() === simple) score -= 100;
      else if (pkgOf(n) === pkgOf(name)) score = Math.min(score, 10 + editDistance(simple, simpleOf(n).toLowerCase()));
      return { n, score };
    });
    const limit = Math.max(3, Math.floor(name.length / 3));
    return scored
      .filter((s) => s.score <= limit || s.score < 0 || pkgOf(s.n) === pkgOf(name))
      .sort((a, b) => a.score - b.score || a.n.localeCompare(b.n))
      .slice(0, 5)
      .map((s) => s.n);
  }

  private interfaceNames(): string[] {
    return [...this.ownInterfaces, ...(this.parent?.interfaceNames() ?? [])];
  }
}
import './java';
import './jetty-util-component';
import './jetty-util-log';
import './jetty-util-string-util';
import './xml-configuration-statics';
