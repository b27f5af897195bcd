/**
 * Tests of Session on its own: access arithmetic, dirty flags, attribute listener rules and the
 * inactivity timer length of Jetty 9.4 (fact sheet 3.6, 3.7, 3.11).
 * @module
 */
import { expect } from 'chai';
import { Session, type SessionOwner } from '../../src/session/session';
import { SessionData } from '../../src/session/session-data';

function owner(policy = -1, log: string[] = []): SessionOwner {
  return {
    getServletContext: () => null as never,
    doSessionAttributeListeners: (_s, name, oldV, newV) => { log.push(`${name}:${String(oldV)}->${String(newV)}`); },
    invalidateSession: () => undefined,
    sessionInactivityTimerExpired: () => undefined,
    getEvictionPolicy: () => policy,
  };
}

function session(maxInactiveMs: number, policy = -1, log: string[] = []): Session {
  const d = new SessionData('s1', '', '0.0.0.0', 1000, 1000, 1000, maxInactiveMs);
  const s = new Session(owner(policy, log), d, true);
  s.setResident(true);
  return s;
}

describe('Session', () => {
  it('access() moves accessed to lastAccessed, recomputes expiry and clears isNew', () => {
    const s = session(60_000);
    expect(s.isNew()).to.equal(true);
    expect(s.access(5000)).to.equal(true);
    expect(s.isNew()).to.equal(false);
    expect(s.getLastAccessedTime()).to.equal(1000);
    expect(s.getSessionData().getAccessed()).to.equal(5000);
    expect(s.getSessionData().getExpiry()).to.equal(65_000);
    s.access(9000);
    expect(s.getLastAccessedTime()).to.equal(5000);
  });

  it('is immortal with maxInactive <= 0: expiry 0, never expired', () => {
    const s = session(-1);
    expect(s.getSessionData().getExpiry()).to.equal(0);
    expect(s.isExpiredAt(Number.MAX_SAFE_INTEGER)).to.equal(false);
    expect(s.getMaxInactiveInterval()).to.equal(-1);
    s.setMaxInactiveInterval(0);
    expect(s.getMaxInactiveInterval()).to.equal(0);
    expect(s.isExpiredAt(Number.MAX_SAFE_INTEGER)).to.equal(false);
  });

  it('marks the data dirty on setMaxInactiveInterval and on setting an equal value again', () => {
    const s = session(60_000);
    s.getSessionData().clean();
    s.setMaxInactiveInterval(10);
    expect(s.getSessionData().isDirty()).to.equal(true);
    s.setAttribute('a', 1);
    s.getSessionData().clean();
    s.setAttribute('a', 1);
    expect(s.getSessionData().isDirty()).to.equal(true);
  });

  it('calls attribute listeners only when the value changes, and not for removing a missing attribute', () => {
    const log: string[] = [];
    const s = session(60_000, -1, log);
    const v = { x: 1 };
    s.setAttribute('a', v);
    s.setAttribute('a', v);
    s.removeAttribute('missing');
    s.setAttribute('a', null);
    expect(log).to.deep.equal(['a:null->[object Object]', 'a:[object Object]->null']);
    expect(s.getAttribute('a')).to.equal(null);
  });

  it('refuses reads and writes when not resident', () => {
    const s = session(60_000);
    s.setResident(false);
    expect(() => s.getAttribute('a')).to.throw(/not resident/);
    expect(() => s.setAttribute('a', 1)).to.throw(/not resident/);
    expect(s.getId()).to.equal('s1');
    expect(s.getMaxInactiveInterval()).to.equal(60);
  });

  describe('calculateInactivityTimeout', () => {
    const now = 10_000;
    function withExpiry(maxMs: number, policy: number, expiry: number): number {
      const s = session(maxMs, policy);
      s.getSessionData().setExpiry(expiry);
      return s.calculateInactivityTimeout(now);
    }
    it('gives no timer to an immortal session unless the eviction policy is a time', () => {
      expect(withExpiry(-1, -1, 0)).to.equal(-1);
      expect(withExpiry(-1, 0, 0)).to.equal(-1);
      expect(withExpiry(-1, 7, 0)).to.equal(7000);
    });
    it('uses the time to expiry with NEVER_EVICT', () => {
      expect(withExpiry(60_000, -1, now + 2500)).to.equal(2500);
      expect(withExpiry(60_000, -1, now - 10)).to.equal(0);
    });
    it('gives no timer with EVICT_ON_SESSION_EXIT', () => {
      expect(withExpiry(60_000, 0, now + 2500)).to.equal(-1);
    });
    it('uses min(maxInactive, policy) with EVICT_ON_INACTIVITY, or 0 once expired', () => {
      expect(withExpiry(60_000, 5, now + 2500)).to.equal(5000);
      expect(withExpiry(3000, 5, now + 2500)).to.equal(3000);
      expect(withExpiry(60_000, 5, now - 1)).to.equal(0);
    });
  });

  it('stops its timer while a request uses it and re-arms it when the last request leaves', () => {
    const s = session(60_000);
    s.updateInactivityTimer();
    expect(s.hasTimer()).to.equal(true);
    s.use();
    expect(s.hasTimer()).to.equal(false);
    s.use();
    s.complete();
    expect(s.hasTimer()).to.equal(false);
    s.complete();
    expect(s.hasTimer()).to.equal(true);
    expect(s.getSessionData().getExpiry()).to.be.greaterThan(Date.now() + 59_000);
    s.setResident(false);
    expect(s.hasTimer()).to.equal(false);
  });
});
