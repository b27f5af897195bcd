/**
 * The four standard lifecycle bindings (org.eclipse.jetty.deploy.bindings.StandardDeployer,
 * StandardStarter, StandardStopper, StandardUndeployer) and DebugBinding; each is a few lines, so they
 * share a file.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import type { App } from '../app';
import type { AppLifeCycleBinding } from '../app-life-cycle';
import { Log } from '../../util/log';

const LOG = Log.getLogger('org.eclipse.jetty.deploy.bindings.DebugBinding');

/**
 * `deploying`: adds the app's context handler to the contexts collection. When the collection is
 * already running, the handler is started first (with the server set), so a failing start fails this
 * step instead of escaping from the collection's addBean.
 */
@JettyClass('org.eclipse.jetty.deploy.bindings.StandardDeployer', { implements: ['org.eclipse.jetty.deploy.AppLifeCycle$Binding'] })
export class StandardDeployer implements AppLifeCycleBinding {
  getBindingTargets(): string[] {
    return ['deploying'];
  }
  async processBinding(_node: string, app: App): Promise<void> {
    const contexts = app.getDeploymentManager().getContexts();
    if (!contexts) throw new Error(`Cannot deploy ${app}: the DeploymentManager has no contexts`);
    const handler = await app.getContextHandler();
    if (contexts.isStarted() && !handler.isStarted()) {
      handler.setServer(contexts.getServer() as Parameters<typeof handler.setServer>[0]);
      await handler.start();
    }
    contexts.addHandler(handler);
  }
}

/** `starting`: starts the context handler when the contexts collection is already running. */
@JettyClass('org.eclipse.jetty.deploy.bindings.StandardStarter', { implements: ['org.eclipse.jetty.deploy.AppLifeCycle$Binding'] })
export class StandardStarter implements AppLifeCycleBinding {
  getBindingTargets(): string[] {
    return ['starting'];
  }
  async processBinding(_node: string, app: App): Promise<void> {
    const contexts = app.getDeploymentManager().getContexts();
    const handler = await app.getContextHandler();
    if ((!contexts || contexts.isStarted()) && !handler.isStarted()) await handler.start();
  }
}

/** `stopping`: stops the context handler. */
@JettyClass('org.eclipse.jetty.deploy.bindings.StandardStopper', { implements: ['org.eclipse.jetty.deploy.AppLifeCycle$Binding'] })
export class StandardStopper implements AppLifeCycleBinding {
  getBindingTargets(): string[] {
    return ['stopping'];
  }
  async processBinding(_node: string, app: App): Promise<void> {
    const handler = app.peekContextHandler();
    if (handler && !handler.isStopped()) await handler.stop();
  }
}

/** `undeploying`: removes the context handler from the collection and destroys it. */
@JettyClass('org.eclipse.jetty.deploy.bindings.StandardUndeployer', { implements: ['org.eclipse.jetty.deploy.AppLifeCycle$Binding'] })
export class StandardUndeployer implements AppLifeCycleBinding {
  getBindingTargets(): string[] {
    return ['undeploying'];
  }
  async processBinding(_node: string, app: App): Promise<void> {
    const handler = app.peekContextHandler();
    if (!handler) return;
    if (!handler.isStopped()) await handler.stop();
    app.getDeploymentManager().getContexts()?.removeHandler(handler);
    handler.destroy();
  }
}

/** Logs every lifecycle step of every app at the nodes it is bound to (`*` by default). */
@JettyClass('org.eclipse.jetty.deploy.bindings.DebugBinding', {
  implements: ['org.eclipse.jetty.deploy.AppLifeCycle$Binding'],
  ctors: [[{ name: 'target', type: 'String' }], [{ name: 'targets', type: 'String[]' }]],
})
export class DebugBinding implements AppLifeCycleBinding {
  private readonly _targets: string[];
  constructor(targets: string | string[] = '*') {
    this._targets = Array.isArray(targets) ? targets : [targets];
  }
  @Expose()
  getBindingTargets(): string[] {
    return [...this._targets];
  }
  processBinding(node: string, app: App): void {
    LOG.info('processBinding {} {}', node, app);
  }
}
