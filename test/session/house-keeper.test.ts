/**
 * Tests of HouseKeeper scheduling with sinon fake timers.
 * @module
 */
import { expect } from 'chai';
import * as sinon from 'sinon';
import { DefaultSessionIdManager } from '../../src/session/default-session-id-manager';
import { HouseKeeper } from '../../src/session/house-keeper';

describe('HouseKeeper', () => {
  let clock: sinon.SinonFakeTimers;
  afterEach(() => clock?.restore());

  function setUp(now: number, intervalSec: number): { hk: HouseKeeper; idm: DefaultSessionIdManager; runs: number[] } {
    clock = sinon.useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const idm = new DefaultSessionIdManager();
    const hk = new HouseKeeper();
    hk.setIntervalSec(intervalSec);
    idm.setSessionHouseKeeper(hk);
    const runs: number[] = [];
    idm.addSessionHandler({
      isIdInMemory: () => false,
      isIdInUse: async () => false,
      invalidate: async () => undefined,
      renameSession: async () => undefined,
      isStopped: () => false,
      isFailed: () => false,
      scavenge: async () => {
        runs.push(Date.now() - now);
      },
    });
    return { hk, idm, runs };
  }

  it('defaults to 600 seconds', () => {
    expect(new HouseKeeper().getIntervalSec()).to.equal(600);
  });

  it('scavenges every handler each interval (no jitter when started at an odd millisecond)', async () => {
    const { idm, runs } = setUp(1_000_001, 10);
    await idm.start();
    await clock.tickAsync(9_999);
    expect(runs).to.deep.equal([]);
    await clock.tickAsync(1);
    expect(runs).to.deep.equal([10_000]);
    await clock.tickAsync(10_000);
    expect(runs).to.deep.equal([10_000, 20_000]);
    await idm.stop();
  });

  it('adds 10% to the interval when started at an even millisecond', async () => {
    const { idm, hk, runs } = setUp(1_000_000, 10);
    await idm.start();
    expect(hk.getIntervalSec()).to.equal(11);
    await clock.tickAsync(11_000);
    expect(runs).to.deep.equal([11_000]);
    await idm.stop();
  });

  it('does not add the jitter twice over a stop and a start', async () => {
    const { idm, hk } = setUp(1_000_000, 10);
    await idm.start();
    await idm.stop();
    await idm.start();
    expect(hk.getIntervalSec()).to.equal(11);
    await idm.stop();
  });

  it('does not scavenge when intervalSec is 0 or less', async () => {
    const { idm, hk, runs } = setUp(1_000_001, 0);
    await idm.start();
    expect(hk.isScheduled()).to.equal(false);
    await clock.tickAsync(10_000_000);
    expect(runs).to.deep.equal([]);
    await idm.stop();
  });

  it('stops scheduling when stopped', async () => {
    const { idm, hk, runs } = setUp(1_000_001, 10);
    await idm.start();
    await idm.stop();
    expect(hk.isScheduled()).to.equal(false);
    await clock.tickAsync(100_000);
    expect(runs).to.deep.equal([]);
  });

  it('reschedules when intervalSec changes while running', async () => {
    const { idm, hk, runs } = setUp(1_000_001, 100);
    await idm.start();
    hk.setIntervalSec(20);
    await clock.tickAsync(22_000);
    expect(runs.length).to.equal(1);
    await idm.stop();
  });

  it("does not keep the process alive (its timer is unref'd)", async () => {
    const idm = new DefaultSessionIdManager();
    const hk = new HouseKeeper();
    idm.setSessionHouseKeeper(hk);
    await idm.start();
    const timer = (hk as unknown as { _timer: NodeJS.Timeout })._timer;
    expect(timer.hasRef()).to.equal(false);
    await idm.stop();
  });
});
