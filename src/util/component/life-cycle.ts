/**
 * The LifeCycle contract every Pier component follows (Jetty's org.eclipse.jetty.util.component.LifeCycle).
 * @module
 */

export type LifeCycleState = 'STOPPED' | 'STARTING' | 'STARTED' | 'STOPPING' | 'FAILED';

/** Observes the state changes of a component. */
export interface LifeCycleListener {
  lifeCycleStarting?(event: LifeCycle): void;
  lifeCycleStarted?(event: LifeCycle): void;
  lifeCycleFailure?(event: LifeCycle, cause: unknown): void;
  lifeCycleStopping?(event: LifeCycle): void;
  lifeCycleStopped?(event: LifeCycle): void;
}

/** A component that can be started and stopped. Start and stop are asynchronous in Pier. */
export interface LifeCycle {
  start(): Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
  isStarted(): boolean;
  isStarting(): boolean;
  isStopping(): boolean;
  isStopped(): boolean;
  isFailed(): boolean;
  getState(): LifeCycleState;
  addLifeCycleListener(listener: LifeCycleListener): void;
  removeLifeCycleListener(listener: LifeCycleListener): void;
}

/** Duck-type check used by ContainerLifeCycle.addBean to decide whether a bean is managed. */
export function isLifeCycle(obj: unknown): obj is LifeCycle {
  return (
    typeof obj === 'object' &&
    obj !== null &&
    typeof (obj as LifeCycle).start === 'function' &&
    typeof (obj as LifeCycle).stop === 'function' &&
    typeof (obj as LifeCycle).isRunning === 'function'
  );
}
