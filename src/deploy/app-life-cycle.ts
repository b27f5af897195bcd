/**
 * The graph of states an app moves through while it is deployed and undeployed, and the bindings that
 * do the work at each state (org.eclipse.jetty.deploy.AppLifeCycle).
 * @module
 */
import type { App } from './app';

/** Work done when an app reaches a node (org.eclipse.jetty.deploy.AppLifeCycle.Binding). */
export interface AppLifeCycleBinding {
  /** Node names this binding runs at; `*` means every node. */
  getBindingTargets(): string[];
  processBinding(node: string, app: App): void | Promise<void>;
}

/**
 * Jetty's lifecycle graph: undeployed → deploying → deployed → starting → started, and back through
 * stopping → deployed → undeploying → undeployed; `failed` is where an app lands when a step throws.
 * New nodes can be inserted on an edge (`insertLifeCycleNode`).
 */
export class AppLifeCycle {
  static readonly UNDEPLOYED = 'undeployed';
  static readonly DEPLOYING = 'deploying';
  static readonly DEPLOYED = 'deployed';
  static readonly STARTING = 'starting';
  static readonly STARTED = 'started';
  static readonly STOPPING = 'stopping';
  static readonly UNDEPLOYING = 'undeploying';
  static readonly FAILED = 'failed';

  private readonly _edges: [string, string][] = [];
  private readonly _bindings: AppLifeCycleBinding[] = [];

  constructor() {
    const L = AppLifeCycle;
    this.addEdge(L.UNDEPLOYED, L.DEPLOYING);
    this.addEdge(L.DEPLOYING, L.DEPLOYED);
    this.addEdge(L.DEPLOYED, L.STARTING);
    this.addEdge(L.STARTING, L.STARTED);
    this.addEdge(L.STARTED, L.STOPPING);
    this.addEdge(L.STOPPING, L.DEPLOYED);
    this.addEdge(L.DEPLOYED, L.UNDEPLOYING);
    this.addEdge(L.UNDEPLOYING, L.UNDEPLOYED);
    this.addEdge(L.FAILED, L.UNDEPLOYING);
  }

  addEdge(from: string, to: string): void {
    if (!this._edges.some(([a, b]) => a === from && b === to)) this._edges.push([from, to]);
  }

  getNodeNames(): string[] {
    return [...new Set(this._edges.flat())];
  }

  /** Replaces the edge from→to by from→inserted→to. */
  insertNode(from: string, to: string, inserted: string): void {
    const i = this._edges.findIndex(([a, b]) => a === from && b === to);
    if (i < 0) throw new RangeError(`Cannot insert lifecycle node '${inserted}': there is no edge from '${from}' to '${to}'`);
    this._edges.splice(i, 1, [from, inserted], [inserted, to]);
  }

  addBinding(binding: AppLifeCycleBinding): void {
    this._bindings.push(binding);
  }
  removeBinding(binding: AppLifeCycleBinding): void {
    const i = this._bindings.indexOf(binding);
    if (i >= 0) this._bindings.splice(i, 1);
  }
  getBindings(node?: string): AppLifeCycleBinding[] {
    if (node === undefined) return [...this._bindings];
    return this._bindings.filter((b) => b.getBindingTargets().some((t) => t === node || t === '*'));
  }

  /** The nodes to go through from `from` to `to` (excluding `from`), by breadth-first search. */
  findPath(from: string, to: string): string[] {
    if (from === to) return [];
    const prev = new Map<string, string>([[from, '']]);
    const queue = [from];
    while (queue.length > 0) {
      const cur = queue.shift()!;
      for (const [a, b] of this._edges) {
        if (a !== cur || prev.has(b)) continue;
        prev.set(b, cur);
        if (b === to) {
          const path = [b];
          for (let p = cur; p !== from; p = prev.get(p)!) path.unshift(p);
          return path;
        }
        queue.push(b);
      }
    }
    throw new RangeError(`Cannot move app from '${from}' to '${to}': no path in the lifecycle graph`);
  }
}
