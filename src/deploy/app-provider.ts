/**
 * The contract of a source of apps for the DeploymentManager (org.eclipse.jetty.deploy.AppProvider).
 * @module
 */
import type { LifeCycle } from '../util/component/life-cycle';
import type { App } from './app';
import type { DeploymentManager } from './deployment-manager';
import type { DeployableContext } from './deployable-context';

export interface AppProvider extends LifeCycle {
  /** Called by DeploymentManager.addAppProvider; the provider calls `addApp`/`removeApp` on it. */
  setDeploymentManager(manager: DeploymentManager): void;
  /** Builds the context handler of an app it reported (lazily, in the `deploying` step). */
  createContextHandler(app: App): Promise<DeployableContext>;
}
