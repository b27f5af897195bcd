/**
 * Exposes the lifecycle base classes of src/util/component to XML (a seam: that folder carries no
 * @Expose metadata), so `<Call name="addBean">` works on every container Jetty XML addresses.
 * @module
 */
import { Expose, JettyClass, getInstanceMembers } from './metadata';
import { AbstractLifeCycle } from '../util/component/abstract-life-cycle';
import { ContainerLifeCycle } from '../util/component/container-life-cycle';

function expose(cls: Function, name: string, ...types: string[]): void {
  const already = getInstanceMembers(cls).some(
    (m) => m.kind === 'method' && m.name === name && m.params.length === types.length && m.params.every((p, i) => p.type === types[i]),
  );
  if (already) return;
  const desc = Object.getOwnPropertyDescriptor(cls.prototype, name);
  if (desc) Expose(...types)(cls.prototype as object, name, desc);
}

if (!Reflect.hasOwnMetadata(Symbol.for('pier:jetty-class'), AbstractLifeCycle)) {
  JettyClass('org.eclipse.jetty.util.component.AbstractLifeCycle', {
    abstract: true,
    implements: ['org.eclipse.jetty.util.component.LifeCycle'],
  })(AbstractLifeCycle);
}
if (!Reflect.hasOwnMetadata(Symbol.for('pier:jetty-class'), ContainerLifeCycle)) {
  JettyClass('org.eclipse.jetty.util.component.ContainerLifeCycle', {
    abstract: true,
    implements: ['org.eclipse.jetty.util.component.Container', 'org.eclipse.jetty.util.component.Destroyable'],
  })(ContainerLifeCycle);
}
for (const n of ['isRunning', 'isStarted', 'isStarting', 'isStopping', 'isStopped', 'isFailed', 'getState']) expose(AbstractLifeCycle, n);
expose(AbstractLifeCycle, 'addLifeCycleListener', 'Object');
expose(AbstractLifeCycle, 'removeLifeCycleListener', 'Object');
expose(ContainerLifeCycle, 'addBean', 'Object');
expose(ContainerLifeCycle, 'addBean', 'Object', 'boolean');
expose(ContainerLifeCycle, 'addManaged', 'org.eclipse.jetty.util.component.LifeCycle');
expose(ContainerLifeCycle, 'removeBean', 'Object');
expose(ContainerLifeCycle, 'updateBean', 'Object', 'Object');
expose(ContainerLifeCycle, 'updateBean', 'Object', 'Object', 'boolean');
expose(ContainerLifeCycle, 'contains', 'Object');
expose(ContainerLifeCycle, 'isManaged', 'Object');
expose(ContainerLifeCycle, 'manage', 'Object');
expose(ContainerLifeCycle, 'unmanage', 'Object');
expose(ContainerLifeCycle, 'getBeans');
