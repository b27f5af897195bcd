/**
 * Runs the SessionCache contract against NullSessionCache, plus its own rules.
 * @module
 */
import { expect } from 'chai';
import { NullSessionCache } from '../../src/session/null-session-cache';
import { NullSessionCacheFactory } from '../../src/session/null-session-cache-factory';
import { SessionHandler } from '../../src/session/session-handler';
import { sessionCacheContract } from './session-cache.contract';

sessionCacheContract({ name: 'NullSessionCache', keepsSessions: false, createCache: (h) => new NullSessionCache(h) });

describe('NullSessionCache', () => {
  it('ignores any eviction policy but EVICT_ON_SESSION_EXIT', () => {
    const c = new NullSessionCache(new SessionHandler());
    c.setEvictionPolicy(-1);
    expect(c.getEvictionPolicy()).to.equal(0);
  });

  it('is made by NullSessionCacheFactory, which ignores evictionPolicy and invalidateOnShutdown', () => {
    const f = new NullSessionCacheFactory();
    f.setEvictionPolicy(-1);
    f.setInvalidateOnShutdown(true);
    f.setSaveOnCreate(true);
    const c = f.getSessionCache(new SessionHandler());
    expect(c).to.be.instanceOf(NullSessionCache);
    expect(c.getEvictionPolicy()).to.equal(0);
    expect(c.isInvalidateOnShutdown()).to.equal(false);
    expect(c.isSaveOnCreate()).to.equal(true);
  });
});
