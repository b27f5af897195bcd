/**
 * What servlet and filter holders share (org.eclipse.jetty.servlet.Holder / BaseHolder): a name, the
 * class (a JS constructor, or a class name resolved through the ServletHandler's loader), an instance,
 * init parameters, and the config object handed to init().
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import { AbstractLifeCycle } from '../util/component/abstract-life-cycle';
import { ServletException } from '../servlet-api/errors';
import type { ServletContext } from '../servlet-api/servlet-context';

/** Resolves a class name to a constructor (the web app's class loader). */
export type ClassLoaderHook = (className: string) => Promise<Function>;

/** What a holder needs from its ServletHandler. */
export interface HolderOwner {
  getServletContext(): ServletContext;
  loadClass(className: string): Promise<Function>;
}

let counter = 0;

@JettyClass('org.eclipse.jetty.servlet.BaseHolder', { aliases: ['org.eclipse.jetty.servlet.Holder'], abstract: true })
export abstract class Holder<T extends object> extends AbstractLifeCycle {
  protected _name: string;
  protected _className: string | null = null;
  protected _heldClass: (new () => T) | null = null;
  protected _instance: T | null = null;
  protected _displayName: string | null = null;
  protected _asyncSupported = true;
  protected readonly _initParams = new Map<string, string>();
  protected _owner: HolderOwner | null = null;
  private readonly _id = (++counter).toString(16);
  private _nameSet = false;

  constructor(kind: string) {
    super();
    this._name = `${kind}-${this._id}`;
  }

  /** Sets the class: a constructor, an instance, or a class name. */
  protected setSource(source: unknown): void {
    if (typeof source === 'string') this.setClassName(source);
    else if (typeof source === 'function') this.setHeldClass(source as new () => T);
    else if (typeof source === 'object' && source !== null) this.setInstance(source as T);
  }

  @Expose('String') setName(name: string): void {
    this._name = name;
    this._nameSet = true;
  }
  @Expose() getName(): string {
    return this._name;
  }
  @Expose('String') setClassName(className: string | null): void {
    this._className = className;
    this._heldClass = null;
  }
  @Expose() getClassName(): string | null {
    return this._className ?? this._heldClass?.name ?? null;
  }
  @Expose('java.lang.Class') setHeldClass(cls: (new () => T) | null): void {
    this._heldClass = cls;
    if (cls) {
      this._className = cls.name;
      if (!this._nameSet && cls.name) this._name = `${cls.name}-${this._id}`;
    }
  }
  @Expose() getHeldClass(): (new () => T) | null {
    return this._heldClass;
  }
  @Expose('String') setDisplayName(name: string): void {
    this._displayName = name;
  }
  @Expose() getDisplayName(): string | null {
    return this._displayName;
  }
  @Expose('boolean') setAsyncSupported(b: boolean): void {
    this._asyncSupported = b;
  }
  @Expose() isAsyncSupported(): boolean {
    return this._asyncSupported;
  }
  @Expose('String', 'String') setInitParameter(name: string, value: string): void {
    this._initParams.set(name, value);
  }
  @Expose('String') getInitParameter(name: string): string | null {
    return this._initParams.get(name) ?? null;
  }
  @Expose() getInitParameters(): Map<string, string> {
    return new Map(this._initParams);
  }
  @Expose('java.util.Map') setInitParameters(params: Map<string, string> | Record<string, string>): void {
    this._initParams.clear();
    const entries = params instanceof Map ? [...params] : Object.entries(params);
    for (const [k, v] of entries) this._initParams.set(k, String(v));
  }
  getInitParameterNames(): string[] {
    return [...this._initParams.keys()];
  }

  setInstance(instance: T): void {
    this._instance = instance;
    const cn = instance.constructor?.name;
    if (cn && cn !== 'Object') {
      this._className ??= cn;
      if (!this._nameSet) this._name = `${cn}-${this._id}`;
    }
  }
  getInstance(): T | null {
    return this._instance;
  }

  setOwner(owner: HolderOwner | null): void {
    this._owner = owner;
  }

  /** Makes the instance: the held instance, or `new Class()` (loading the class by name first). */
  protected async createInstance(): Promise<T> {
    if (this._instance) return this._instance;
    let cls: Function | null = this._heldClass;
    if (!cls && this._className) {
      if (!this._owner) throw new ServletException(`Cannot load class '${this._className}' for '${this._name}': no ServletHandler`);
      try {
        cls = await this._owner.loadClass(this._className);
      } catch (err) {
        throw new ServletException(`Cannot load class '${this._className}' for '${this._name}': ${(err as Error).message}`, { cause: err });
      }
    }
    if (!cls) throw new ServletException(`Cannot create '${this._name}': no class or instance is set`);
    try {
      return new (cls as new () => T)();
    } catch (err) {
      throw new ServletException(`Cannot create '${this._name}' from class '${cls.name}': ${(err as Error).message}`, { cause: err });
    }
  }

  /** The config object passed to init(). */
  protected config(nameMethod: 'getServletName' | 'getFilterName'): Record<string, unknown> {
    return {
      [nameMethod]: () => this._name,
      getServletContext: () => {
        if (!this._owner) throw new ServletException(`Cannot get the servlet context of '${this._name}': no ServletHandler`);
        return this._owner.getServletContext();
      },
      getInitParameter: (n: string) => this._initParams.get(n) ?? null,
      getInitParameterNames: () => [...this._initParams.keys()],
    };
  }

  override toString(): string {
    return `${this._name}@${this.getClassName() ?? '?'}`;
  }
}
