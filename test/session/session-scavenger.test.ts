/**
 * Tests of SessionScavenger: the expiry candidates handed to the cache and the batched expiry pass.
 * @module
 */
import { expect } from 'chai';
import * as sinon from 'sinon';
import type { SessionCache } from '../../src/session/session-cache';
import type { SessionIdManager } from '../../src/session/session-id-manager';
import { SCAVENGE_BATCH, SessionScavenger } from '../../src/session/session-scavenger';
import { spyOnLog } from '../support/log-capture';

describe('SessionScavenger', () => {
  afterEach(() => sinon.restore());

  /** A cache whose checkExpiration records the candidates it got and answers `expired`. */
  function cacheExpiring(expired: string[], asked: Set<string>[]): SessionCache {
    return {
      checkExpiration: async (c: ReadonlySet<string>) => {
        asked.push(new Set(c));
        return new Set(expired);
      },
    } as unknown as SessionCache;
  }

  it('scavenge() gives the candidates to the cache once and expires every id it answers', async () => {
    const scavenger = new SessionScavenger();
    scavenger.addCandidate('a');
    scavenger.addCandidate('b');
    const asked: Set<string>[] = [];
    const expired: string[] = [];
    const idm = {
      expireAll: async (id: string) => {
        expired.push(id);
      },
    } as unknown as SessionIdManager;
    await scavenger.scavenge(cacheExpiring(['a', 'c'], asked), idm);
    expect(asked).to.deep.equal([new Set(['a', 'b'])]);
    expect(expired).to.deep.equal(['a', 'c']);
    expect(scavenger.getCandidates().size).to.equal(0);
  });

  it('scavenge() expires every id across several batches of SCAVENGE_BATCH and goes on after an id fails (logged)', async () => {
    const warn = spyOnLog();
    const ids = Array.from({ length: SCAVENGE_BATCH * 2 + 1 }, (_, i) => `s${i}`);
    const expired: string[] = [];
    const idm = {
      expireAll: async (id: string) => {
        if (id === 's1') throw new Error('store down');
        expired.push(id);
      },
    } as unknown as SessionIdManager;
    await new SessionScavenger().scavenge(cacheExpiring(ids, []), idm);
    expect(expired).to.have.length(ids.length - 1);
    expect(warn.calledOnceWith("Cannot expire session 's1': store down")).to.equal(true);
  });

  it('clear() forgets the candidates', () => {
    const scavenger = new SessionScavenger();
    scavenger.addCandidate('a');
    scavenger.clear();
    expect([...scavenger.getCandidates()]).to.deep.equal([]);
  });
});
