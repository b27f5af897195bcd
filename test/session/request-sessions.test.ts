/**
 * Tests of RequestSessions: the sessions one request entered in a context, and their release.
 * @module
 */
import { expect } from 'chai';
import { DONE } from '../../src/session/done';
import { RequestSessions } from '../../src/session/request-sessions';
import type { Session } from '../../src/session/session';
import type { SessionCache } from '../../src/session/session-cache';

function session(id: string): Session {
  return { getId: () => id } as unknown as Session;
}

/** A cache whose release records the id and fails for the ids in `failing`. */
function cacheReleasing(released: string[], failing: string[] = []): SessionCache {
  return {
    release: (id: string) => {
      released.push(id);
      return failing.includes(id) ? Promise.reject(new Error(`cannot write ${id}`)) : DONE;
    },
  } as unknown as SessionCache;
}

describe('RequestSessions', () => {
  it('add() counts a session entered twice once, in the order of entry', () => {
    const sessions = new RequestSessions();
    const a = session('a');
    const b = session('b');
    sessions.add(a);
    sessions.add(b);
    sessions.add(a);
    expect(sessions.toArray()).to.deep.equal([a, b]);
    expect(sessions.hasMore()).to.equal(true);
  });

  it("release() returns the cache's own promise for a single session (DONE when it finished at once)", () => {
    const sessions = new RequestSessions();
    sessions.add(session('a'));
    const released: string[] = [];
    expect(sessions.release(cacheReleasing(released))).to.equal(DONE);
    expect(released).to.deep.equal(['a']);
  });

  it('release() releases every session even when one fails, then rejects with the first failure', async () => {
    const sessions = new RequestSessions();
    for (const id of ['a', 'b', 'c']) sessions.add(session(id));
    const released: string[] = [];
    let failure: unknown;
    await sessions.release(cacheReleasing(released, ['a', 'b'])).catch((err: unknown) => {
      failure = err;
    });
    expect(released).to.deep.equal(['a', 'b', 'c']);
    expect((failure as Error).message).to.equal('cannot write a');
  });

  it('release() of a request that entered no session is DONE', () => {
    expect(new RequestSessions().release(cacheReleasing([]))).to.equal(DONE);
  });
});
