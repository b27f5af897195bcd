/**
 * What the deployer needs from a context handler it deploys (the slice of
 * org.eclipse.jetty.server.handler.ContextHandler it uses), and from the collection it deploys into.
 * @module
 */
import type { Handler } from '../server/handler';

/** A ContextHandler as seen by the deployer. */
export interface DeployableContext extends Handler {
  getContextPath(): string;
  getAttribute?(name: string): unknown;
  setAttribute?(name: string, value: unknown): void;
  getAttributeNames?(): string[];
}

/** The ContextHandlerCollection (id `Contexts` in etc/jetty.xml) that deployed contexts join. */
export interface DeployTarget {
  addHandler(handler: Handler): void;
  removeHandler(handler: Handler): void;
  isStarted(): boolean;
  getServer(): unknown;
}

/** True when `obj` looks like a ContextHandler (has handle() and getContextPath()). */
export function isDeployableContext(obj: unknown): obj is DeployableContext {
  return (
    typeof obj === 'object' &&
    obj !== null &&
    typeof (obj as DeployableContext).handle === 'function' &&
    typeof (obj as DeployableContext).getContextPath === 'function'
  );
}
