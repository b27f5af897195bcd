/**
 * One deployable app: where it came from, which provider made it and its context handler
 * (org.eclipse.jetty.deploy.App).
 * @module
 */
import type { AppProvider } from './app-provider';
import type { DeployableContext } from './deployable-context';
import type { DeploymentManager } from './deployment-manager';

/**
 * Jetty's App. `originId` is the path of the file or folder it was found as. The context handler is
 * created on first use (the `deploying` step); the DeploymentManager's context attributes are given to
 * it then, without replacing attributes the context set itself.
 */
export class App {
  private _context: DeployableContext | null = null;
  /** The lifecycle node the app is at (Jetty keeps this in the manager's AppEntry). */
  node = 'undeployed';
  /** The last error that moved the app to `failed`. */
  failure: unknown = null;

  constructor(
    readonly manager: DeploymentManager,
    readonly provider: AppProvider,
    readonly originId: string,
    context?: DeployableContext,
  ) {
    if (context) this._context = context;
  }

  getDeploymentManager(): DeploymentManager {
    return this.manager;
  }
  getAppProvider(): AppProvider {
    return this.provider;
  }
  getOriginId(): string {
    return this.originId;
  }

  /** The context handler, created by the provider on first call. */
  async getContextHandler(): Promise<DeployableContext> {
    if (!this._context) {
      const context = await this.provider.createContextHandler(this);
      const attrs = this.manager.getContextAttributes();
      if (context.setAttribute) {
        for (const [name, value] of attrs) {
          if (context.getAttribute?.(name) === undefined || context.getAttribute?.(name) === null) context.setAttribute(name, value);
        }
      }
      this._context = context;
    }
    return this._context;
  }

  /** The context handler if it has been created, else null. */
  peekContextHandler(): DeployableContext | null {
    return this._context;
  }

  getContextPath(): string | null {
    return this._context ? this._context.getContextPath() : null;
  }

  toString(): string {
    return `App[${this._context ? this._context.getContextPath() : '?'},${this.originId}]`;
  }
}
