/**
 * A LifeCycle that owns beans: managed beans start (in order) with it and stop (in reverse) with it;
 * Container.Listeners hear beans added and removed (Jetty's ContainerLifeCycle).
 * @module
 */
import { AbstractLifeCycle } from './abstract-life-cycle';
import { Log } from '../log';
import { Container, isContainer, isContainerListener, isInheritedListener } from './container';
import { isLifeCycle } from './life-cycle';

const LOG = Log.getLogger('org.eclipse.jetty.util.component.ContainerLifeCycle');

interface Bean {
  readonly obj: unknown;
  managed: boolean;
}

export class ContainerLifeCycle extends AbstractLifeCycle implements Container {
  private readonly _beans: Bean[] = [];
  private readonly _containerListeners: Container.Listener[] = [];

  /**
   * Adds a bean. LifeCycle beans are managed (started and stopped with this container) unless
   * `managed` is false; when the container is already running, a managed bean is started now.
   * Returns false when the bean was already there. As in Jetty: a Container.Listener bean is also added
   * as a listener, every listener hears `beanAdded`, and a managed bean that is a container gets the
   * InheritedListeners.
   */
  addBean(obj: unknown, managed?: boolean): boolean {
    return this.attach(obj, managed, undefined);
  }

  /** Adds a bean that starts with this container only if it is not already running elsewhere. */
  addManaged(obj: unknown): boolean {
    return this.addBean(obj, true);
  }

  contains(obj: unknown): boolean {
    return this._beans.some((b) => b.obj === obj);
  }

  /**
   * Removes a bean. A managed LifeCycle bean that is running is stopped, as Jetty's removeBean does; a
   * container bean loses the InheritedListeners it got here, and every listener hears `beanRemoved`.
   * Returns false when the bean was not there.
   */
  removeBean(obj: unknown): boolean {
    if (!this.contains(obj)) return false;
    void this.detach(obj);
    return true;
  }

  /**
   * Replaces `oldBean` by `newBean` as Jetty does: the old one is removed (and stopped, if it was a
   * running managed bean), then the new one is added last (and started, if this container is running,
   * once the old one has stopped).
   */
  updateBean(oldBean: unknown, newBean: unknown, managed?: boolean): void {
    if (oldBean === newBean) return;
    const stopped = oldBean !== null && oldBean !== undefined ? this.detach(oldBean) : undefined;
    if (newBean !== null && newBean !== undefined) this.attach(newBean, managed, stopped);
  }

  /** Adds `obj`; a managed LifeCycle is started when this container runs, after `after` settles. */
  private attach(obj: unknown, managed: boolean | undefined, after: Promise<void> | undefined): boolean {
    if (obj === null || obj === undefined || this.contains(obj)) return false;
    const bean: Bean = { obj, managed: false };
    if (isContainerListener(obj)) this.addContainerListener(obj);
    this._beans.push(bean);
    for (const l of [...this._containerListeners]) l.beanAdded(this, obj);
    if (managed ?? isLifeCycle(obj)) this.manageBean(bean);
    if (!bean.managed || !isLifeCycle(obj) || !this.isStarted() || obj.isRunning()) return true;
    const start = (): Promise<void> => (this.isStarted() && bean.managed && this.contains(obj) && !obj.isRunning() ? obj.start() : Promise.resolve());
    (after ? after.then(start) : start()).catch((err: unknown) => {
      // A bean added to a running container starts on its own; its failure must not become an
      // unhandled rejection that takes the process down.
      LOG.warn(`Cannot start ${String(obj)} added to running ${this.constructor.name}: ${err instanceof Error ? err.message : String(err)}`, err);
    });
    return true;
  }

  /**
   * Removes `obj` from the beans; a managed LifeCycle that is running is stopped. Resolves once it has
   * stopped (a failure to stop is logged, not thrown), at once when there was nothing to stop.
   */
  private detach(obj: unknown): Promise<void> {
    const i = this._beans.findIndex((b) => b.obj === obj);
    if (i < 0) return Promise.resolve();
    const [bean] = this._beans.splice(i, 1);
    const wasManaged = bean.managed;
    this.unmanageBean(bean);
    for (const l of [...this._containerListeners]) l.beanRemoved(this, obj);
    if (isContainerListener(obj)) this.removeContainerListener(obj);
    if (!wasManaged || !isLifeCycle(obj) || !obj.isRunning()) return Promise.resolve();
    return obj.stop().catch((err: unknown) => {
      LOG.warn(`Cannot stop ${String(obj)} removed from ${this.constructor.name}: ${err instanceof Error ? err.message : String(err)}`, err);
    });
  }

  isManaged(obj: unknown): boolean {
    return this._beans.some((b) => b.obj === obj && b.managed);
  }
  unmanage(obj: unknown): void {
    const b = this._beans.find((x) => x.obj === obj);
    if (b) this.unmanageBean(b);
  }
  manage(obj: unknown): void {
    const b = this._beans.find((x) => x.obj === obj);
    if (b) this.manageBean(b);
  }

  /** A bean becomes managed; a container bean gets this container's InheritedListeners. */
  private manageBean(bean: Bean): void {
    if (bean.managed) return;
    bean.managed = true;
    if (isContainer(bean.obj)) {
      for (const l of this._containerListeners) if (isInheritedListener(l)) bean.obj.addBean(l, false);
    }
  }

  /** A bean stops being managed; a container bean loses the InheritedListeners it got here. */
  private unmanageBean(bean: Bean): void {
    if (!bean.managed) return;
    if (isContainer(bean.obj)) {
      for (const l of this._containerListeners) if (isInheritedListener(l)) bean.obj.removeBean(l);
    }
    bean.managed = false;
  }

  /**
   * Adds a Container.Listener (Jetty 9.4's `addEventListener(Container.Listener)`): it hears
   * `beanAdded` for every bean already here, then for every bean added; an InheritedListener is also
   * added to every managed bean that is a container. Other objects are left to subclasses, which take
   * their own kinds of listener (servlet and session listeners) and call this too.
   */
  addEventListener(listener: unknown): void {
    if (isContainerListener(listener)) this.addContainerListener(listener);
  }

  /** Removes a Container.Listener: it hears `beanRemoved` for every bean still here. */
  removeEventListener(listener: unknown): void {
    if (isContainerListener(listener)) this.removeContainerListener(listener);
  }

  /** The Container.Listeners of this container. */
  getContainerListeners(): readonly Container.Listener[] {
    return this._containerListeners;
  }

  private addContainerListener(listener: Container.Listener): void {
    if (this._containerListeners.includes(listener)) return;
    this._containerListeners.push(listener);
    for (const b of [...this._beans]) {
      listener.beanAdded(this, b.obj);
      if (isInheritedListener(listener) && b.managed && isContainer(b.obj)) b.obj.addBean(listener, false);
    }
  }

  private removeContainerListener(listener: Container.Listener): void {
    const i = this._containerListeners.indexOf(listener);
    if (i < 0) return;
    this._containerListeners.splice(i, 1);
    for (const b of [...this._beans]) {
      listener.beanRemoved(this, b.obj);
      if (isInheritedListener(listener) && b.managed && isContainer(b.obj)) b.obj.removeBean(listener);
    }
  }

  getBeans(): unknown[];
  getBeans<T>(type: abstract new (...args: never[]) => T): T[];
  getBeans<T>(type?: abstract new (...args: never[]) => T): unknown[] {
    const all = this._beans.map((b) => b.obj);
    return type ? all.filter((o) => o instanceof type) : all;
  }

  getBean<T>(type: abstract new (...args: never[]) => T): T | undefined {
    return this._beans.map((b) => b.obj).find((o): o is T => o instanceof type);
  }

  protected override async doStart(): Promise<void> {
    for (const b of [...this._beans]) {
      if (b.managed && isLifeCycle(b.obj) && !b.obj.isRunning()) await b.obj.start();
    }
  }

  protected override async doStop(): Promise<void> {
    const errors: unknown[] = [];
    for (const b of [...this._beans].reverse()) {
      if (b.managed && isLifeCycle(b.obj) && b.obj.isRunning()) {
        try {
          await b.obj.stop();
        } catch (err) {
          errors.push(err);
        }
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} beans of ${this.constructor.name} failed to stop`);
  }

  /** Lines describing this component and its beans, indented like Jetty's Server.dump(). */
  dump(indent = ''): string {
    const out: string[] = [`${indent}${this.dumpSelf()}`];
    for (const b of this._beans) {
      // An InheritedListener handed down from a container above is that container's listener, not a component here.
      if (!b.managed && isInheritedListener(b.obj)) continue;
      const o = b.obj as { dump?: (i: string) => string };
      const mark = b.managed ? '+=' : '+~';
      if (o && typeof o.dump === 'function') out.push(o.dump(`${indent}${mark} `));
      else out.push(`${indent}${mark} ${describeBean(b.obj)}`);
    }
    return out.join('\n');
  }

  /** One line about this component itself; subclasses add their settings. */
  dumpSelf(): string {
    return this.toString();
  }
}

/** A bean without dump(): its own toString(), or its class name and settings read from its getters. */
function describeBean(obj: unknown): string {
  const text = String(obj);
  if (text !== '[object Object]' || typeof obj !== 'object' || obj === null) return text;
  const proto = Object.getPrototypeOf(obj) as object | null;
  const settings: string[] = [];
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const m = /^(get|is)([A-Z]\w*)$/.exec(name);
      const fn = (obj as Record<string, unknown>)[name];
      if (!m || typeof fn !== 'function' || fn.length !== 0) continue;
      const key = m[2].charAt(0).toLowerCase() + m[2].slice(1);
      if (settings.some((s) => s.startsWith(`${key}=`))) continue;
      try {
        const v = (fn as () => unknown).call(obj);
        if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) settings.push(`${key}=${String(v)}`);
      } catch {
        /* a getter that needs state is left out */
      }
    }
  }
  return `${obj.constructor.name}@${settings.length ? `{${settings.join(',')}}` : ''}`;
}
