/**
 * A component that holds beans, and the listeners that hear beans come and go (Jetty's
 * org.eclipse.jetty.util.component.Container with its Listener and InheritedListener).
 * @module
 */

/** A holder of beans (ContainerLifeCycle is the implementation). */
export interface Container {
  addBean(obj: unknown, managed?: boolean): boolean;
  removeBean(obj: unknown): boolean;
  getBeans(): unknown[];
  /** Adds a Container.Listener (anything else is ignored, or taken by a subclass as its own kind of listener). */
  addEventListener(listener: unknown): void;
  removeEventListener(listener: unknown): void;
}

export namespace Container {
  /**
   * Hears the beans of a container: `beanAdded` for each bean added (and, when the listener is added,
   * for each bean already there), `beanRemoved` for each bean removed (and for each bean left when the
   * listener is removed). Called synchronously by addBean/removeBean; a listener must not throw.
   */
  export interface Listener {
    beanAdded(parent: Container, child: unknown): void;
    beanRemoved(parent: Container, child: unknown): void;
  }

  /** The mark of an InheritedListener (Java marks it with the interface; JavaScript needs a value). */
  export const INHERITED: unique symbol = Symbol.for('org.eclipse.jetty.util.component.Container$InheritedListener');

  /**
   * A Listener that a container also adds (unmanaged) to each managed bean that is itself a container,
   * and takes away again when that bean is removed or unmanaged: it hears the whole tree below, e.g.
   * every handler, session store and connector of a Server, also those added later.
   */
  export interface InheritedListener extends Listener {
    readonly [INHERITED]: true;
  }
}

/** True for an object with beanAdded and beanRemoved methods. */
export function isContainerListener(obj: unknown): obj is Container.Listener {
  return (
    typeof obj === 'object' &&
    obj !== null &&
    typeof (obj as Container.Listener).beanAdded === 'function' &&
    typeof (obj as Container.Listener).beanRemoved === 'function'
  );
}

/** True for a Container.Listener marked with Container.INHERITED. */
export function isInheritedListener(obj: unknown): obj is Container.InheritedListener {
  return isContainerListener(obj) && (obj as Partial<Container.InheritedListener>)[Container.INHERITED] === true;
}

/** True for an object that holds beans (addBean and removeBean methods). */
export function isContainer(obj: unknown): obj is Container {
  return (
    typeof obj === 'object' && obj !== null && typeof (obj as Container).addBean === 'function' && typeof (obj as Container).removeBean === 'function'
  );
}
