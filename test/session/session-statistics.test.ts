/**
 * Tests of SessionStatistics: the created-session counter and the lifetime sample (Jetty's JMX attributes).
 * @module
 */
import { expect } from 'chai';
import type { Session } from '../../src/session/session';
import { SESSION_TIME_BUCKETS_SEC, SessionStatistics } from '../../src/session/session-statistics';

/** Just enough of a Session for recordSessionTime: its creation time. */
function createdAt(ms: number): Session {
  return { getSessionData: () => ({ getCreated: () => ms }) } as unknown as Session;
}

describe('SessionStatistics', () => {
  it('recordSessionTime() samples lifetimes in whole seconds: max, total, mean and standard deviation', () => {
    const stats = new SessionStatistics();
    stats.recordSessionTime(createdAt(0), 2_000);
    stats.recordSessionTime(createdAt(1_000), 5_000);
    stats.recordSessionTime(createdAt(0), 6_400);
    expect(stats.getSessionTimeMax()).to.equal(6);
    expect(stats.getSessionTimeTotal()).to.equal(12);
    expect(stats.getSessionTimeMean()).to.equal(4);
    expect(stats.getSessionTimeStdDev()).to.be.closeTo(Math.sqrt(8 / 3), 1e-12);
  });

  it('reports zeros before any session ended, and again after reset()', () => {
    const stats = new SessionStatistics();
    expect([stats.getSessionTimeMean(), stats.getSessionTimeStdDev(), stats.getSessionsCreated()]).to.deep.equal([0, 0, 0]);
    stats.sessionCreated();
    stats.recordSessionTime(createdAt(0), 3_000);
    stats.reset();
    expect([stats.getSessionsCreated(), stats.getSessionTimeMax(), stats.getSessionTimeTotal(), stats.getSessionTimeMean()]).to.deep.equal([
      0, 0, 0, 0,
    ]);
  });

  it('counts expired and invalidated sessions apart, and buckets their exact lifetimes for the metrics histogram', () => {
    const stats = new SessionStatistics();
    stats.recordSessionTime(createdAt(0), 500, 'invalidated');
    stats.recordSessionTime(createdAt(0), 61_000, 'expired');
    stats.recordSessionTime(createdAt(0), 100_000_000);
    expect([stats.getSessionsInvalidated(), stats.getSessionsExpired()]).to.deep.equal([2, 1]);
    const buckets = stats.getSessionTimeBuckets();
    expect(buckets.bounds).to.equal(SESSION_TIME_BUCKETS_SEC);
    // 0.5 s in the first bucket (<= 1), 61 s in the one up to 300, 100000 s above every bound
    const expected = new Array<number>(SESSION_TIME_BUCKETS_SEC.length + 1).fill(0);
    expected[0] = 1;
    expected[SESSION_TIME_BUCKETS_SEC.indexOf(300)] = 1;
    expected[SESSION_TIME_BUCKETS_SEC.length] = 1;
    expect(buckets.counts).to.deep.equal(expected);
    expect(buckets.sum).to.equal(0.5 + 61 + 100_000);
    expect(buckets.count).to.equal(3);
    stats.reset();
    expect([stats.getSessionsInvalidated(), stats.getSessionsExpired(), stats.getSessionTimeBuckets().count]).to.deep.equal([0, 0, 0]);
  });
});
