/**
 * Tests of ContainerLifeCycle's beans: what starts and stops with the container, and in which order a
 * bean replaced while the container runs is stopped and its successor started.
 * @module
 */
import { expect } from 'chai';
import { AbstractLifeCycle } from '../../../src/util/component/abstract-life-cycle';
import { ContainerLifeCycle } from '../../../src/util/component/container-life-cycle';

/** A component that records its transitions in a shared journal; its stop can be held open. */
class Recorder extends AbstractLifeCycle {
  private release: (() => void) | undefined;
  constructor(
    private readonly name: string,
    private readonly journal: string[],
    private readonly holdStop = false,
  ) {
    super();
  }
  protected override async doStart(): Promise<void> {
    this.journal.push(`${this.name} started`);
  }
  protected override async doStop(): Promise<void> {
    this.journal.push(`${this.name} stopping`);
    if (this.holdStop)
      await new Promise<void>((r) => {
        this.release = r;
      });
    this.journal.push(`${this.name} stopped`);
  }
  /** Lets a held stop finish. */
  finishStop(): void {
    this.release?.();
  }
}

class Container extends ContainerLifeCycle {}

/** Lets pending promise callbacks run. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('ContainerLifeCycle', () => {
  it('replaces a bean of a running container by stopping the old one before starting the new one', async () => {
    const journal: string[] = [];
    const container = new Container();
    const old = new Recorder('old', journal, true);
    container.addBean(old);
    await container.start();
    const next = new Recorder('new', journal);
    container.updateBean(old, next);
    expect(container.getBeans()).to.deep.equal([next]);
    await settle();
    expect(journal).to.deep.equal(['old started', 'old stopping']);
    old.finishStop();
    await settle();
    await settle();
    expect(journal).to.deep.equal(['old started', 'old stopping', 'old stopped', 'new started']);
    expect(next.isRunning()).to.equal(true);
    await container.stop();
  });

  it('puts the replacing bean last, as Jetty does', () => {
    const container = new Container();
    const [a, b, c] = [{ n: 'a' }, { n: 'b' }, { n: 'c' }];
    container.addBean(a);
    container.addBean(b);
    container.updateBean(a, c);
    expect(container.getBeans()).to.deep.equal([b, c]);
  });

  it('only swaps the beans of a container that is not running', async () => {
    const journal: string[] = [];
    const container = new Container();
    const old = new Recorder('old', journal);
    container.addBean(old);
    container.updateBean(old, new Recorder('new', journal));
    await settle();
    expect(journal).to.deep.equal([]);
  });

  it('stops a managed bean removed from a running container, and leaves an unmanaged one running', async () => {
    const journal: string[] = [];
    const container = new Container();
    const managed = new Recorder('managed', journal);
    const other = new Recorder('other', journal);
    await other.start();
    container.addBean(managed);
    container.addBean(other, false);
    await container.start();
    expect(container.removeBean(managed)).to.equal(true);
    expect(container.removeBean(other)).to.equal(true);
    expect(container.removeBean(other)).to.equal(false);
    await settle();
    expect(journal).to.deep.equal(['other started', 'managed started', 'managed stopping', 'managed stopped']);
    expect(other.isRunning()).to.equal(true);
    await container.stop();
    await other.stop();
  });
});
