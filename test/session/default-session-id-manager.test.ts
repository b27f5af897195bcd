/**
 * Tests of DefaultSessionIdManager: id alphabet and entropy, worker suffix, id sharing and server-wide operations.
 * @module
 */
import { expect } from 'chai';
import { DefaultSessionIdManager, NEW_SESSION_ID_ATTRIBUTE } from '../../src/session/default-session-id-manager';
import { isValidSessionId } from '../../src/session/session-id';
import { FakeRequest } from './fake-request';

describe('DefaultSessionIdManager', () => {
  it('defaults the worker name to node0', () => {
    const saved = process.env.JETTY_WORKER_INSTANCE;
    delete process.env.JETTY_WORKER_INSTANCE;
    try {
      expect(new DefaultSessionIdManager().getWorkerName()).to.equal('node0');
    } finally {
      if (saved !== undefined) process.env.JETTY_WORKER_INSTANCE = saved;
    }
  });

  it('makes ids of the worker name, at least 128 random bits in base 36 and a counter', () => {
    const idm = new DefaultSessionIdManager();
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) ids.add(idm.newId());
    expect(ids.size).to.equal(2000);
    for (const id of ids) {
      expect(id).to.match(/^node0[0-9a-z]+$/);
      expect(isValidSessionId(id)).to.equal(true);
    }
    // 128 bits need 25 base-36 digits; leading zeros can shorten a few, so look at the longest
    const longest = Math.max(...[...ids].map((id) => id.length - 'node0'.length));
    expect(longest).to.be.at.least(25);
  });

  it('spreads ids over the whole alphabet (no obvious bias)', () => {
    const idm = new DefaultSessionIdManager();
    idm.setWorkerName('');
    const counts = new Map<string, number>();
    for (let i = 0; i < 500; i++) for (const ch of idm.newId().slice(0, 20)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).to.equal(36);
  });

  it('adds the worker suffix to extended ids and strips it from them', () => {
    const idm = new DefaultSessionIdManager();
    expect(idm.getExtendedId('abc', null)).to.equal('abc.node0');
    expect(idm.getId('abc.node0')).to.equal('abc');
    expect(idm.getId('abc.node7')).to.equal('abc');
    expect(idm.getId('abc')).to.equal('abc');
    expect(idm.getId('.abc')).to.equal('.abc');
  });

  it('uses no suffix for an empty worker name and a request attribute for a $name', () => {
    const idm = new DefaultSessionIdManager();
    idm.setWorkerName(null);
    expect(idm.getExtendedId('abc', null)).to.equal('abc');
    const idm2 = new DefaultSessionIdManager();
    idm2.setWorkerName('$route');
    const req = new FakeRequest();
    req.setAttribute('route', 'east');
    expect(idm2.getExtendedId('abc', req)).to.equal('abc.east');
  });

  it('rejects a worker name with a dot', () => {
    expect(() => new DefaultSessionIdManager().setWorkerName('a.b')).to.throw(RangeError, /Cannot set workerName 'a.b'/);
  });

  it('shares the id made during one request with every context that request reaches', () => {
    const idm = new DefaultSessionIdManager();
    const req = new FakeRequest();
    const first = idm.newSessionId(req, Date.now());
    expect(req.getAttribute(NEW_SESSION_ID_ATTRIBUTE)).to.equal(first);
    idm.addSessionHandler({
      isIdInMemory: (id: string) => id === first,
      isIdInUse: async () => true,
      invalidate: async () => undefined,
      renameSession: async () => undefined,
      scavenge: async () => undefined,
      isStopped: () => false,
      isFailed: () => false,
    });
    expect(idm.newSessionId(req, Date.now())).to.equal(first);
  });

  it('never adopts a requested id that no context knows', () => {
    const idm = new DefaultSessionIdManager();
    const req = new FakeRequest();
    req.requestedSessionId = 'attackerchosen.node0';
    expect(idm.newSessionId(req, Date.now())).to.not.equal('attackerchosen');
  });

  it('reuses a requested id that another context has in use', () => {
    const idm = new DefaultSessionIdManager();
    const req = new FakeRequest();
    req.requestedSessionId = 'shared1.node0';
    idm.noteRequestedIdInUse(req, 'shared1');
    expect(idm.newSessionId(req, Date.now())).to.equal('shared1');
  });

  it('creates a HouseKeeper at start when none is set', async () => {
    const idm = new DefaultSessionIdManager();
    await idm.start();
    expect(idm.getSessionHouseKeeper()).to.not.equal(null);
    expect(idm.getSessionHouseKeeper()!.getIntervalSec()).to.be.oneOf([600, 660]);
    await idm.stop();
  });

  it('invalidates an id in every running handler', async () => {
    const idm = new DefaultSessionIdManager();
    const calls: string[] = [];
    const mk = (name: string, stopped = false) => ({
      isIdInMemory: () => false,
      isIdInUse: async () => false,
      invalidate: async (id: string) => {
        calls.push(`${name}:${id}`);
      },
      renameSession: async () => undefined,
      scavenge: async () => undefined,
      isStopped: () => stopped,
      isFailed: () => false,
    });
    idm.addSessionHandler(mk('a'));
    idm.addSessionHandler(mk('b'));
    idm.addSessionHandler(mk('c', true));
    await idm.invalidateAll('x');
    await idm.expireAll('y');
    expect(calls).to.deep.equal(['a:x', 'b:x', 'a:y', 'b:y']);
  });
});
