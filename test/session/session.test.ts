/**
 * Tests of Session on its own: access arithmetic, dirty flags, attribute listener rules and the
 * inactivity timer length of Jetty 9.4.
 * @module
 */
import { expect } from 'chai';
import * as sinon from 'sinon';
import { Session, type SessionOwner } from '../../src/session/session';
import { SessionData } from '../../src/session/session-data';

function owner(policy = -1, log: string[] = []): SessionOwner {
  return {
    getServletContext: () => null as never,
    doSessionAttributeListeners: (_s, name, oldV, newV) => {
      log.push(`${name}:${String(oldV)}->${String(newV)}`);
    },
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

  it('keeps a suffix extended id as the id plus a shared suffix and follows an id change', () => {
    const s = session(60_000);
    expect(s.getExtendedId()).to.equal('s1');
    s.setExtendedId('s1.node0');
    expect(s.getExtendedId()).to.equal('s1.node0');
    s.setExtendedId('other.node1');
    expect(s.getExtendedId()).to.equal('other.node1');
  });

  it('runs queued store work in order and settles when it is done', async () => {
    const s = session(60_000);
    const order: string[] = [];
    const a = s.enqueue(async () => {
      await new Promise((r) => setImmediate(r));
      order.push('a');
    });
    const b = s.enqueue(async () => {
      order.push('b');
      throw new Error('b failed');
    });
    const c = s.enqueue(async () => {
      order.push('c');
    });
    await s.settled();
    expect(order).to.deep.equal(['a', 'b', 'c']);
    await a;
    await c;
    await b.then(
      () => expect.fail('b should reject'),
      (err: Error) => expect(err.message).to.equal('b failed'),
    );
  });
});

describe('InactivityTimers', () => {
  let clock: sinon.SinonFakeTimers;
  afterEach(() => clock?.restore());

  function firing(count: number, fired: string[]): { sessions: Session[]; own: SessionOwner } {
    const own: SessionOwner = {
      ...owner(-1),
      sessionInactivityTimerExpired: (s) => {
        fired.push(s.getId());
      },
    };
    const sessions: Session[] = [];
    for (let i = 0; i < count; i++) {
      const d = new SessionData(`s${i}`, '', '0.0.0.0', Date.now(), Date.now(), Date.now(), 1000 + i);
      const s = new Session(own, d, true);
      s.setResident(true);
      s.updateInactivityTimer();
      sessions.push(s);
    }
    return { sessions, own };
  }

  it('fires each session when its own time comes, with one Node timer for all', () => {
    clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fired: string[] = [];
    firing(3, fired);
    expect(clock.countTimers()).to.equal(1);
    clock.tick(999);
    expect(fired).to.deep.equal([]);
    clock.tick(1);
    expect(fired).to.deep.equal(['s0']);
    clock.tick(2);
    expect(fired).to.deep.equal(['s0', 's1', 's2']);
    expect(clock.countTimers()).to.equal(0);
  });

  it('moves a re-armed session to its new time and forgets a cancelled one', () => {
    clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fired: string[] = [];
    const { sessions } = firing(3, fired);
    clock.tick(500);
    sessions[0].use();
    sessions[0].complete(); // re-armed: due 1000 ms from now
    sessions[1].setResident(false);
    clock.tick(600);
    expect(fired).to.deep.equal(['s2']);
    clock.tick(400);
    expect(fired).to.deep.equal(['s2', 's0']);
  });

  it('fires sessions due together in batches of 100, letting the event loop run in between', async () => {
    clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fired: string[] = [];
    const own: SessionOwner = {
      ...owner(-1),
      sessionInactivityTimerExpired: (s) => {
        fired.push(s.getId());
      },
    };
    for (let i = 0; i < 250; i++) {
      const s = new Session(own, new SessionData(`s${i}`, '', '0.0.0.0', Date.now(), Date.now(), Date.now(), 1000), true);
      s.setResident(true);
      s.updateInactivityTimer();
    }
    clock.tick(1000);
    expect(fired).to.have.length(100);
    await new Promise((r) => setImmediate(r));
    expect(fired).to.have.length(200);
    await new Promise((r) => setImmediate(r));
    expect(fired).to.have.length(250);
    expect(new Set(fired).size).to.equal(250);
  });
});
