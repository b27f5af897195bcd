/**
 * Tests of AbstractSessionDataStore's write rule and grace-period expiry search, with a recording store.
 * @module
 */
import { expect } from 'chai';
import * as sinon from 'sinon';
import { AbstractSessionDataStore } from '../../src/session/abstract-session-data-store';
import type { SessionData } from '../../src/session/session-data';
import { makeContext } from './support';

/** Records the expiry-search hooks it is asked to run. */
class RecordingStore extends AbstractSessionDataStore {
  readonly log: string[] = [];
  protected async doLoad(): Promise<SessionData | null> {
    return null;
  }
  protected async doStore(id: string, _d: SessionData, last: number): Promise<void> {
    this.log.push(`store ${id} ${last <= 0 ? 'insert' : 'update'}`);
  }
  protected async doDelete(): Promise<boolean> {
    return false;
  }
  protected async doExists(): Promise<boolean> {
    return false;
  }
  protected async doCheckExpired(c: ReadonlySet<string>): Promise<Set<string>> {
    this.log.push(`check ${[...c].join(',')}`);
    return new Set(c);
  }
  protected async doGetExpired(time: number): Promise<Set<string>> {
    this.log.push(`expired-before ${time}`);
    return new Set();
  }
  protected async doCleanOrphans(time: number): Promise<void> {
    this.log.push(`orphans-before ${time}`);
  }
  isPassivating(): boolean {
    return false;
  }
}

describe('AbstractSessionDataStore', () => {
  let clock: sinon.SinonFakeTimers;
  afterEach(() => clock?.restore());

  async function started(graceSec: number): Promise<RecordingStore> {
    const s = new RecordingStore();
    s.setGracePeriodSec(graceSec);
    await s.initialize(makeContext());
    await s.start();
    return s;
  }

  it('defaults to a grace period of 3600 s and a save period of 0', () => {
    const s = new RecordingStore();
    expect(s.getGracePeriodSec()).to.equal(3600);
    expect(s.getSavePeriodSec()).to.equal(0);
  });

  it("looks for this context's sessions expired 3 grace periods ago on the first check, then one grace period ago once per grace period", async () => {
    clock = sinon.useFakeTimers({ now: 10_000_000, toFake: ['Date'] });
    const s = await started(100);
    await s.getExpired(new Set(['a']));
    expect(s.log).to.deep.equal(['check a', `expired-before ${10_000_000 - 300_000}`, `orphans-before ${10_000_000 - 1_000_000}`]);
    s.log.length = 0;
    clock.tick(50_000);
    await s.getExpired(new Set());
    expect(s.log).to.deep.equal(['check ']);
    s.log.length = 0;
    clock.tick(60_000);
    await s.getExpired(new Set());
    expect(s.log).to.deep.equal(['check ', `expired-before ${10_110_000 - 100_000}`]);
    expect(s.getLastExpiryCheckTime()).to.equal(10_110_000);
  });

  it('sweeps orphans again only after 10 grace periods', async () => {
    clock = sinon.useFakeTimers({ now: 10_000_000, toFake: ['Date'] });
    const s = await started(10);
    await s.getExpired(new Set());
    expect(s.getLastOrphanSweepTime()).to.equal(10_000_000);
    s.log.length = 0;
    clock.tick(99_000);
    await s.getExpired(new Set());
    expect(s.log.filter((l) => l.startsWith('orphans'))).to.deep.equal([]);
    clock.tick(2_000);
    await s.getExpired(new Set());
    expect(s.log.filter((l) => l.startsWith('orphans'))).to.deep.equal([`orphans-before ${10_101_000 - 100_000}`]);
  });

  it('stores dirty or never-saved data always, and metadata-only changes once per save period', async () => {
    clock = sinon.useFakeTimers({ now: 10_000_000, toFake: ['Date'] });
    const s = await started(0);
    s.setSavePeriodSec(60);
    const d = s.newSessionData('x', Date.now(), Date.now(), Date.now(), 600_000);
    d.clean();
    await s.store('x', d);
    expect(s.log).to.deep.equal(['store x insert']);
    d.setAccessed(Date.now());
    clock.tick(30_000);
    await s.store('x', d);
    expect(s.log).to.have.length(1);
    clock.tick(31_000);
    await s.store('x', d);
    expect(s.log).to.deep.equal(['store x insert', 'store x update']);
    d.setAttribute('a', 1);
    await s.store('x', d);
    expect(s.log).to.have.length(3);
  });

  it('restores lastSaved when a write fails', async () => {
    const s = await started(0);
    sinon.stub(s as unknown as { doStore(): Promise<void> }, 'doStore').rejects(new Error('boom'));
    const d = s.newSessionData('y', 1, 1, 1, -1);
    let err: unknown;
    try {
      await s.store('y', d);
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).to.equal('boom');
    expect(d.getLastSaved()).to.equal(0);
    expect(d.isDirty()).to.equal(false);
    sinon.restore();
  });

  it('refuses a new SessionContext once started', async () => {
    const s = await started(0);
    let err: unknown;
    try {
      await s.initialize(makeContext('/other'));
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).to.match(/context set after SessionDataStore started/);
  });
});
