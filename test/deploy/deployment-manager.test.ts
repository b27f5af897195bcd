/**
 * Tests for DeploymentManager: app lifecycle, context attributes, startup and hot-deploy failures, bindings.
 * @module
 */
import { expect } from 'chai';
import { App } from '../../src/deploy/app';
import type { AppProvider } from '../../src/deploy/app-provider';
import type { DeployableContext } from '../../src/deploy/deployable-context';
import { DeploymentError, DeploymentManager } from '../../src/deploy/deployment-manager';
import { AppLifeCycle } from '../../src/deploy/app-life-cycle';
import { ContextHandler } from '../../src/server/handler/context-handler';
import { ContextHandlerCollection } from '../../src/server/handler/context-handler-collection';
import { AbstractLifeCycle } from '../../src/util/component/abstract-life-cycle';
import { captureLog } from '../support/log-capture';

/** A provider that reports the apps it is told about and builds plain ContextHandlers for them. */
class ListProvider extends AbstractLifeCycle implements AppProvider {
  manager!: DeploymentManager;
  readonly created: string[] = [];
  constructor(
    private readonly paths: string[],
    private readonly failing: string[] = [],
  ) {
    super();
  }
  setDeploymentManager(m: DeploymentManager): void {
    this.manager = m;
  }
  protected override async doStart(): Promise<void> {
    for (const p of this.paths) await this.manager.addApp(new App(this.manager, this, p));
  }
  async createContextHandler(app: App): Promise<DeployableContext> {
    this.created.push(app.originId);
    if (this.failing.includes(app.originId)) throw new Error(`broken app ${app.originId}`);
    const c = new ContextHandler();
    c.setContextPath(app.originId);
    c.setAttribute('own', 'mine');
    return c as unknown as DeployableContext;
  }
}

function quietManager(): { manager: DeploymentManager } {
  return { manager: new DeploymentManager() };
}

describe('DeploymentManager', () => {
  const log = captureLog();
  /** The WARN messages of the deployer's logger in this test. */
  const warnings = (): string[] =>
    log.filter((r) => r.level === 'WARN' && r.logger === 'org.eclipse.jetty.deploy.DeploymentManager').map((r) => r.message);

  it('deploys and starts every app its providers report at start, into the contexts', async () => {
    const contexts = new ContextHandlerCollection();
    await contexts.start();
    const { manager } = quietManager();
    manager.setContexts(contexts);
    manager.addAppProvider(new ListProvider(['/a', '/b']));
    await manager.start();
    expect(manager.getApps().map((a) => [a.originId, a.node])).to.deep.equal([
      ['/a', 'started'],
      ['/b', 'started'],
    ]);
    expect(contexts.getHandlers().map((h) => (h as ContextHandler).getContextPath())).to.deep.equal(['/a', '/b']);
    expect(contexts.getHandlers().every((h) => h.isStarted())).to.equal(true);
    await manager.stop();
    expect(contexts.getHandlers()).to.deep.equal([]);
    await contexts.stop();
  });

  it("gives every deployed context its context attributes without replacing the context's own", async () => {
    const contexts = new ContextHandlerCollection();
    const { manager } = quietManager();
    manager.setContexts(contexts);
    manager.setContextAttribute('org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern', '.*servlet-api.*');
    manager.setContextAttribute('own', 'manager');
    manager.addAppProvider(new ListProvider(['/a']));
    await manager.start();
    const ctx = contexts.getHandlers()[0] as ContextHandler;
    expect(ctx.getAttribute('org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern')).to.equal('.*servlet-api.*');
    expect(ctx.getAttribute('own')).to.equal('mine');
    await manager.stop();
  });

  it('fails its own start when an app fails to deploy during startup, after deploying the others', async () => {
    const contexts = new ContextHandlerCollection();
    await contexts.start();
    const { manager } = quietManager();
    manager.setContexts(contexts);
    manager.addAppProvider(new ListProvider(['/good', '/bad'], ['/bad']));
    const err = await manager.start().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DeploymentError);
    expect((err as Error).message).to.equal('Cannot start DeploymentManager: broken app /bad');
    // the failure is said once, by the error that stops the start (the launcher prints it): no WARN line as well
    expect(warnings()).to.deep.equal([]);
    expect(manager.getApps(AppLifeCycle.FAILED).map((a) => a.originId)).to.deep.equal(['/bad']);
    expect(contexts.getHandlers().map((h) => (h as ContextHandler).getContextPath())).to.deep.equal(['/good']);
    await contexts.stop();
  });

  it('logs each failed app once when several fail during startup, and fails its start with their count', async () => {
    const contexts = new ContextHandlerCollection();
    await contexts.start();
    const { manager } = quietManager();
    manager.setContexts(contexts);
    manager.addAppProvider(new ListProvider(['/x', '/y'], ['/x', '/y']));
    const err = await manager.start().catch((e: unknown) => e);
    expect((err as Error).message).to.equal('Cannot start DeploymentManager: 2 apps failed to deploy');
    expect(warnings()).to.deep.equal(["Cannot deploy '/x' (goal started): broken app /x", "Cannot deploy '/y' (goal started): broken app /y"]);
    await contexts.stop();
  });

  it('only logs an app that fails to deploy once it is running (hot deploy)', async () => {
    const contexts = new ContextHandlerCollection();
    const { manager } = quietManager();
    manager.setContexts(contexts);
    const provider = new ListProvider([], ['/late']);
    manager.addAppProvider(provider);
    await manager.start();
    await manager.addApp(new App(manager, provider, '/late'));
    expect(warnings()).to.have.length(1);
    expect(manager.getApps().map((a) => a.node)).to.deep.equal(['failed']);
    await manager.stop();
  });

  it('runs a binding added for an inserted lifecycle node', async () => {
    const contexts = new ContextHandlerCollection();
    const { manager } = quietManager();
    manager.setContexts(contexts);
    manager.insertLifeCycleNode('deployed', 'starting', 'customise');
    const seen: string[] = [];
    manager.addLifeCycleBinding({
      getBindingTargets: () => ['customise'],
      processBinding: (node, app) => {
        seen.push(`${node} ${app.originId}`);
      },
    });
    manager.addAppProvider(new ListProvider(['/a']));
    await manager.start();
    expect(seen).to.deep.equal(['customise /a']);
    await manager.stop();
  });

  it('refuses a new provider once running', async () => {
    const { manager } = quietManager();
    manager.setContexts(new ContextHandlerCollection());
    await manager.start();
    expect(() => manager.addAppProvider(new ListProvider([]))).to.throw('Cannot add app provider: the DeploymentManager is already running');
    await manager.stop();
  });
});
