/**
 * Deploys the apps its providers report into the server's contexts and moves each through the
 * deployment lifecycle (org.eclipse.jetty.deploy.DeploymentManager, wired by etc/jetty-deploy.xml).
 * @module
 */
import { Expose, JettyClass } from '../ioc/metadata';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';
import { PierError } from '../util/errors';
import { Log } from '../util/log';
import { summarizeError } from '../webapp/errors';
import { App } from './app';
import { AppLifeCycle, AppLifeCycleBinding } from './app-life-cycle';
import type { AppProvider } from './app-provider';
import { StandardDeployer, StandardStarter, StandardStopper, StandardUndeployer } from './bindings/standard-bindings';
import type { DeployTarget } from './deployable-context';

const LOG = Log.getLogger('org.eclipse.jetty.deploy.DeploymentManager');

/** The error DeploymentManager.start() throws when apps failed to deploy while it was starting. */
export class DeploymentError extends PierError {}

/**
 * Jetty's DeploymentManager. `etc/jetty-deploy.xml` creates it with id `DeploymentManager`, sets
 * `contexts` to the `Contexts` collection, sets context attributes that every deployed context
 * inherits, and adds a WebAppProvider with `addAppProvider`. Providers are started with the manager
 * and report apps with `addApp`/`removeApp`; each app is moved to the default goal (`started`).
 *
 * Failures follow Jetty 9.4: an app that cannot reach its goal is logged in one line and left in the
 * `failed` node; while the manager is starting such failures are collected and make `start()` (and so
 * `Server.start()`) fail; later (hot deploy) failures are only logged. Deployed apps are undeployed
 * when the manager stops.
 */
@JettyClass('org.eclipse.jetty.deploy.DeploymentManager')
export class DeploymentManager extends ContainerLifeCycle {
  private _contexts: DeployTarget | null = null;
  private readonly _providers: AppProvider[] = [];
  private readonly _apps: App[] = [];
  private readonly _attributes = new Map<string, unknown>();
  private readonly _lifecycle = new AppLifeCycle();
  private _useStandardBindings = true;
  private _defaultGoal = AppLifeCycle.STARTED;
  private _startupErrors: { app: App; goal: string; err: unknown }[] | null = null;
  private _queue: Promise<void> = Promise.resolve();

  @Expose('org.eclipse.jetty.server.handler.ContextHandlerCollection')
  setContexts(contexts: DeployTarget | null): void {
    this._contexts = contexts;
  }
  @Expose()
  getContexts(): DeployTarget | null {
    return this._contexts;
  }

  /** The Server of the contexts collection (for the `Server` id of context XML files). */
  @Expose()
  getServer(): unknown {
    return this._contexts ? this._contexts.getServer() : null;
  }

  @Expose('String', 'Object')
  setContextAttribute(name: string, value: unknown): void {
    this._attributes.set(name, value);
  }
  @Expose('String')
  getContextAttribute(name: string): unknown {
    return this._attributes.get(name) ?? null;
  }
  @Expose('String')
  removeContextAttribute(name: string): void {
    this._attributes.delete(name);
  }
  getContextAttributes(): Map<string, unknown> {
    return new Map(this._attributes);
  }

  @Expose('org.eclipse.jetty.deploy.AppProvider')
  addAppProvider(provider: AppProvider): void {
    if (this.isRunning()) throw new PierError('Cannot add app provider: the DeploymentManager is already running');
    this._providers.push(provider);
    provider.setDeploymentManager(this);
    this.addBean(provider, true);
  }
  @Expose('java.util.Collection')
  setAppProviders(providers: AppProvider[]): void {
    if (this.isRunning()) throw new PierError('Cannot set app providers: the DeploymentManager is already running');
    for (const p of this._providers.splice(0)) this.removeBean(p);
    for (const p of providers) this.addAppProvider(p);
  }
  @Expose()
  getAppProviders(): AppProvider[] {
    return [...this._providers];
  }

  @Expose('org.eclipse.jetty.deploy.AppLifeCycle$Binding')
  addLifeCycleBinding(binding: AppLifeCycleBinding): void {
    this._lifecycle.addBinding(binding);
  }
  @Expose('java.util.Collection')
  setLifeCycleBindings(bindings: AppLifeCycleBinding[]): void {
    for (const b of this._lifecycle.getBindings()) this._lifecycle.removeBinding(b);
    for (const b of bindings) this._lifecycle.addBinding(b);
  }
  @Expose()
  getLifeCycleBindings(): AppLifeCycleBinding[] {
    return this._lifecycle.getBindings();
  }

  /** Inserts a node between two existing adjacent nodes (bindings can then target it). */
  @Expose('String', 'String', 'String')
  insertLifeCycleNode(existingFromNodeName: string, existingToNodeName: string, insertedNodeName: string): void {
    this._lifecycle.insertNode(existingFromNodeName, existingToNodeName, insertedNodeName);
  }
  getLifeCycle(): AppLifeCycle {
    return this._lifecycle;
  }

  @Expose('boolean')
  setUseStandardBindings(use: boolean): void {
    this._useStandardBindings = use;
  }
  @Expose()
  isUseStandardBindings(): boolean {
    return this._useStandardBindings;
  }
  @Expose('String')
  setDefaultLifeCycleGoal(goal: string): void {
    this._defaultGoal = goal;
  }
  @Expose()
  getDefaultLifeCycleGoal(): string {
    return this._defaultGoal;
  }

  @Expose()
  getApps(node?: string): App[] {
    return this._apps.filter((a) => node === undefined || a.node === node);
  }
  getAppByOriginId(originId: string): App | undefined {
    return this._apps.find((a) => a.originId === originId);
  }

  /** Called by providers: records the app and, when running, moves it to the default goal. */
  async addApp(app: App): Promise<void> {
    if (LOG.isDebugEnabled()) LOG.debug('Deployable added: {}', app.originId);
    this._apps.push(app);
    if (this.isRunning()) await this.requestAppGoal(app, this._defaultGoal);
  }

  /** Called by providers: undeploys the app and forgets it. */
  async removeApp(app: App): Promise<void> {
    const i = this._apps.indexOf(app);
    if (i < 0) return;
    await this.requestAppGoal(app, AppLifeCycle.UNDEPLOYED);
    this._apps.splice(this._apps.indexOf(app), 1);
    if (LOG.isDebugEnabled()) LOG.debug('Deployable removed: {}', app.originId);
  }

  /**
   * Moves an app along the lifecycle graph to `goal`, running the bindings of every node on the way.
   * Requests are serialised (one app step at a time), as Jetty's synchronized manager does.
   */
  requestAppGoal(app: App, goal: string): Promise<void> {
    const run = this._queue.then(() => this.moveApp(app, goal));
    this._queue = run.catch(() => undefined);
    return run;
  }

  private async moveApp(app: App, goal: string): Promise<void> {
    try {
      for (const node of this._lifecycle.findPath(app.node, goal)) {
        for (const b of this._lifecycle.getBindings(node)) await b.processBinding(node, app);
        app.node = node;
      }
    } catch (err) {
      app.failure = err;
      app.node = AppLifeCycle.FAILED;
      // At start the failures stop the start and are reported once, by doStart; later each is one WARN line.
      if (this._startupErrors) this._startupErrors.push({ app, goal, err });
      else {
        LOG.warn(deployFailure(app, goal, err), err);
        if (goal === AppLifeCycle.UNDEPLOYED) await this.cleanUpFailed(app);
      }
    }
  }

  /** After a failed step the app may still be in the collection: take it out. */
  private async cleanUpFailed(app: App): Promise<void> {
    const handler = app.peekContextHandler();
    if (!handler) return;
    try {
      if (!handler.isStopped()) await handler.stop();
    } catch {
      /* already reported */
    }
    this._contexts?.removeHandler(handler);
  }

  protected override async doStart(): Promise<void> {
    if (this._useStandardBindings) {
      for (const b of [new StandardDeployer(), new StandardStarter(), new StandardStopper(), new StandardUndeployer()]) {
        this._lifecycle.addBinding(b);
      }
    }
    this._startupErrors = [];
    try {
      await super.doStart(); // starts the providers, which report their apps through addApp
      for (const app of [...this._apps]) {
        if (app.node === AppLifeCycle.UNDEPLOYED) await this.requestAppGoal(app, this._defaultGoal);
      }
      await this._queue;
      const failures = this._startupErrors;
      const errors = failures.map((f) => f.err);
      if (failures.length === 1) throw new DeploymentError(`Cannot start DeploymentManager: ${(errors[0] as Error).message}`, { cause: errors[0] });
      if (failures.length > 1) {
        // The start ends with a summary: each app's own failure is its WARN line.
        for (const f of failures) LOG.warn(deployFailure(f.app, f.goal, f.err), f.err);
        throw new DeploymentError(`Cannot start DeploymentManager: ${failures.length} apps failed to deploy`, { cause: new AggregateError(errors) });
      }
    } finally {
      this._startupErrors = null;
    }
  }

  protected override async doStop(): Promise<void> {
    await super.doStop(); // stops the providers first: no more scanning
    await this.undeployAll();
    if (this._useStandardBindings) {
      for (const b of this._lifecycle.getBindings()) {
        if (b instanceof StandardDeployer || b instanceof StandardStarter || b instanceof StandardStopper || b instanceof StandardUndeployer) {
          this._lifecycle.removeBinding(b);
        }
      }
    }
  }

  /** Undeploys every app, newest first. */
  async undeployAll(): Promise<void> {
    for (const app of [...this._apps].reverse()) await this.requestAppGoal(app, AppLifeCycle.UNDEPLOYED);
    this._apps.splice(0);
  }
}

/** The one line a failed deploy step is logged as. */
function deployFailure(app: App, goal: string, err: unknown): string {
  return `Cannot deploy '${app.originId}' (goal ${goal}): ${summarizeError(err)}`;
}
