/**
 * Tests of SessionStatistics: the created-session counter and the lifetime sample (Jetty's JMX attributes).
 * @module
 */
import { expect } from 'chai';
import type { Session } from '../../src/session/session';
import { SessionStatistics } from '../../src/session/session-statistics';

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
});
