/**
 * Tests of ContainerLifeCycle's Container.Listener events (Jetty's Container.Listener and
 * Container.InheritedListener): beanAdded/beanRemoved, listener beans, inheritance down the bean tree.
 * @module
 */
import { expect } from 'chai';
import { ContextHandler } from '../../../src/server/handler/context-handler';
import { ServletContextHandler } from '../../../src/servlet/servlet-context-handler';
import { Container } from '../../../src/util/component/container';
import { ContainerLifeCycle } from '../../../src/util/component/container-life-cycle';
import { startServer } from '../../server/http-helpers';

/** A container with a name, for readable event lists. */
class Box extends ContainerLifeCycle {
  constructor(private readonly name: string) {
    super();
  }
  override toString(): string {
    return this.name;
  }
}

/** Records `+parent child` and `-parent child`. */
class Recorder implements Container.Listener {
  readonly events: string[] = [];
  beanAdded(parent: Container, child: unknown): void {
    this.events.push(`+${String(parent)} ${String(child)}`);
  }
  beanRemoved(parent: Container, child: unknown): void {
    this.events.push(`-${String(parent)} ${String(child)}`);
  }
  toString(): string {
    return 'recorder';
  }
}

class InheritedRecorder extends Recorder implements Container.InheritedListener {
  readonly [Container.INHERITED] = true as const;
  override toString(): string {
    return 'inherited';
  }
}

describe('ContainerLifeCycle and Container.Listener', () => {
  it('tells a new listener about the beans already there, then about each bean added and removed', () => {
    const c = new Box('c');
    c.addBean('a');
    const r = new Recorder();
    c.addEventListener(r);
    c.addBean('b');
    c.addBean('b');
    c.removeBean('a');
    c.removeBean('a');
    expect(r.events).to.deep.equal(['+c a', '+c b', '-c a']);
  });

  it('stops telling a removed listener, after telling it beanRemoved for each bean still there', () => {
    const c = new Box('c');
    const r = new Recorder();
    c.addEventListener(r);
    c.addBean('a');
    c.addBean('b');
    c.removeEventListener(r);
    c.addBean('z');
    expect(r.events).to.deep.equal(['+c a', '+c b', '-c a', '-c b']);
  });

  it('adds a bean that is a listener as a listener too, which hears itself added; removing the bean removes the listener', () => {
    const c = new Box('c');
    c.addBean('a');
    const r = new Recorder();
    c.addBean(r);
    expect(c.getContainerListeners()).to.deep.equal([r]);
    c.removeBean(r);
    expect(c.getContainerListeners()).to.deep.equal([]);
    c.addBean('later');
    expect(r.events).to.deep.equal(['+c a', '+c recorder', '-c recorder', '-c a']);
  });

  it('ignores objects that are not Container.Listeners and a listener added twice', () => {
    const c = new Box('c');
    const r = new Recorder();
    c.addEventListener({ beanAdded: () => undefined });
    c.addEventListener(r);
    c.addEventListener(r);
    c.addBean('a');
    expect(c.getContainerListeners()).to.deep.equal([r]);
    expect(r.events).to.deep.equal(['+c a']);
  });

  it('gives an InheritedListener to every managed bean that is a container, down the tree, also to beans added later', () => {
    const root = new Box('root');
    const child = new Box('child');
    const unmanaged = new Box('unmanaged');
    root.addBean(child);
    root.addBean(unmanaged, false);
    const r = new InheritedRecorder();
    root.addEventListener(r);
    const grandchild = new Box('grandchild');
    child.addBean(grandchild);
    grandchild.addBean('leaf');
    unmanaged.addBean('hidden');
    expect(r.events).to.deep.equal([
      '+root child',
      '+child inherited',
      '+root unmanaged',
      '+child grandchild',
      '+grandchild inherited',
      '+grandchild leaf',
    ]);
    expect(child.getContainerListeners()).to.deep.equal([r]);
    expect(unmanaged.getContainerListeners()).to.deep.equal([]);
  });

  it('takes the InheritedListener back from a bean that is removed or unmanaged, and gives it again when managed', () => {
    const root = new Box('root');
    const a = new Box('a');
    const b = new Box('b');
    root.addBean(a);
    root.addBean(b);
    const r = new InheritedRecorder();
    root.addEventListener(r);
    root.removeBean(a);
    root.unmanage(b);
    expect(a.getContainerListeners()).to.deep.equal([]);
    expect(b.getContainerListeners()).to.deep.equal([]);
    root.manage(b);
    expect(b.getContainerListeners()).to.deep.equal([r]);
  });

  it('leaves out of dump() the InheritedListener a container handed down: it lists the components only', () => {
    const root = new Box('root');
    const child = new Box('child');
    root.addBean(child, true);
    root.addEventListener(new InheritedRecorder());
    child.addBean('leaf');
    expect(child.getBeans()).to.have.length(2);
    expect(root.dump()).to.equal('root\n+= child\n+= +~ leaf');
  });

  it("hears a real Server's component tree when inherited: context, session handler and its cache", async () => {
    const context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    const seen: string[] = [];
    const listener: Container.InheritedListener = {
      [Container.INHERITED]: true,
      beanAdded: (_parent, child) => {
        seen.push((child as object).constructor.name);
      },
      beanRemoved: () => undefined,
    };
    const { server } = await startServer(context, (s) => s.addEventListener(listener));
    try {
      expect(seen).to.include.members(['ServletContextHandler', 'SessionHandler', 'DefaultSessionCache', 'NullSessionDataStore']);
    } finally {
      await server.stop();
    }
  });

  it('ContextHandler takes a Container.Listener through its addEventListener, and removeEventListener removes servlet listeners too', () => {
    const context = new ContextHandler();
    const r = new Recorder();
    context.addEventListener(r);
    context.addBean('a');
    const servletListener = { contextInitialized: () => undefined, contextDestroyed: () => undefined };
    context.addEventListener(servletListener);
    expect(context.getEventListeners()).to.deep.equal([r, servletListener]);
    context.removeEventListener(servletListener);
    context.removeEventListener(r);
    expect(context.getEventListeners()).to.deep.equal([]);
    expect(context.getContainerListeners()).to.deep.equal([]);
    expect(r.events.filter((e) => e.endsWith(' a'))).to.deep.equal(['+' + String(context) + ' a', '-' + String(context) + ' a']);
  });
});
