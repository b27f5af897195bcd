/**
 * The behavioural suite every SessionDataStore passes (in the spirit of Jetty's AbstractSessionDataStoreTest).
 * A backend's test calls `sessionDataStoreContract({...})` with its hooks.
 * @module
 */
import { expect } from 'chai';
import { IllegalStateError, UnreadableSessionDataError, UnwritableSessionDataError } from '../../src/session/errors';
import type { SessionContext } from '../../src/session/session-context';
import type { SessionData } from '../../src/session/session-data';
import type { SessionDataStore } from '../../src/session/session-data-store';
import { makeContext } from './support';

export interface StoreContractHooks {
  /** Suite name, e.g. 'FileSessionDataStore'. */
  readonly name: string;
  /** True if the store keeps data (false for the null store: the persistence tests are skipped, with that reason). */
  readonly persists: boolean;
  readonly passivating: boolean;
  /** A configured, not yet initialised store. */
  createStore(): Promise<SessionDataStore> | SessionDataStore;
  /** Writes a session directly into the backing storage, bypassing the store. */
  persistOutOfBand?(store: SessionDataStore, data: SessionData): Promise<void>;
  /** Writes a record for `id` that the store cannot decode. */
  persistUnreadable?(store: SessionDataStore, context: SessionContext, id: string): Promise<void>;
  /** True if the backing storage holds a record for `id`. */
  existsOutOfBand?(store: SessionDataStore, id: string): Promise<boolean>;
  /** Runs after each test. */
  cleanup?(): Promise<void> | void;
}

export function sessionDataStoreContract(h: StoreContractHooks): void {
  describe(`${h.name} (SessionDataStore contract)`, () => {
    let store: SessionDataStore;
    let context: SessionContext;

    beforeEach(async () => {
      store = await h.createStore();
      context = makeContext('/ctx');
      await store.initialize(context);
      await store.start();
    });
    afterEach(async () => {
      if (store.isRunning()) await store.stop();
      await h.cleanup?.();
    });

    /** Where the grace and save periods are set: the store, or the delegate of a decorator (CachingSessionDataStore). */
    function periods(): { setGracePeriodSec(n: number): void; setSavePeriodSec(n: number): void } {
      const s = store as unknown as { getSessionDataStore?(): unknown };
      return (typeof s.getSessionDataStore === 'function' ? s.getSessionDataStore() : store) as never;
    }

    function newData(id: string, maxInactiveMs = 60_000, createdAgo = 0): SessionData {
      const t = Date.now() - createdAgo;
      const d = store.newSessionData(id, t, t, t, maxInactiveMs);
      d.setLastNode('node0');
      return d;
    }

    it('reports whether it passivates', () => {
      expect(store.isPassivating()).to.equal(h.passivating);
    });

    it('refuses to load before it is started', async () => {
      const fresh = await h.createStore();
      let err: unknown;
      try {
        await fresh.load('abc');
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(IllegalStateError);
    });

    it('refuses to start without a SessionContext', async () => {
      const fresh = await h.createStore();
      let err: unknown;
      try {
        await fresh.start();
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(IllegalStateError);
      expect((err as Error).message).to.match(/No SessionContext/);
    });

    it('makes new session data for its context', () => {
      const d = newData('abc');
      expect(d.getContextPath()).to.equal('_ctx');
      expect(d.getVhost()).to.equal('0.0.0.0');
      expect(d.getExpiry()).to.be.greaterThan(Date.now());
    });

    it('resolves null when loading an id it never stored', async () => {
      expect(await store.load('nosuchsession')).to.equal(null);
    });

    if (!h.persists) {
      it('keeps nothing: load is null, exists is false and delete is true after a store', async () => {
        const d = newData('kept1');
        await store.store('kept1', d);
        expect(await store.load('kept1')).to.equal(null);
        expect(await store.exists('kept1')).to.equal(false);
        expect(await store.delete('kept1')).to.equal(true);
      });
      it('returns the candidates it is given as expired', async () => {
        const exp = await store.getExpired(new Set(['a', 'b']));
        expect([...exp].sort()).to.deep.equal(['a', 'b']);
      });
      return;
    }

    it('keeps a session changed while its write is on its way dirty, so that the next write stores the change', async () => {
      const d = newData('changing1');
      d.setAttribute('n', 1);
      const writing = store.store('changing1', d);
      // a second request of the same session changes it before the first one's write is acknowledged
      d.setAttribute('n', 2);
      await writing;
      expect(d.isDirty()).to.equal(true);
      await store.store('changing1', d);
      expect(d.isDirty()).to.equal(false);
      expect((await store.load('changing1'))!.getAttribute('n')).to.equal(2);
    });

    it('stores a new session and loads every field and attribute back', async () => {
      const d = newData('store1');
      d.setAttribute('name', 'value');
      d.setAttribute('n', 42);
      d.setAttribute('when', new Date(1_600_000_000_000));
      d.setCookieSet(123);
      await store.store('store1', d);
      expect(d.isDirty()).to.equal(false);
      expect(d.getLastSaved()).to.be.greaterThan(0);
      const back = await store.load('store1');
      expect(back).to.not.equal(null);
      expect(back!.getId()).to.equal('store1');
      expect(back!.getContextPath()).to.equal('_ctx');
      expect(back!.getVhost()).to.equal('0.0.0.0');
      expect(back!.getCreated()).to.equal(d.getCreated());
      expect(back!.getAccessed()).to.equal(d.getAccessed());
      expect(back!.getLastAccessed()).to.equal(d.getLastAccessed());
      expect(back!.getExpiry()).to.equal(d.getExpiry());
      expect(back!.getMaxInactiveMs()).to.equal(60_000);
      expect(back!.getCookieSet()).to.equal(123);
      expect(back!.getLastNode()).to.equal('node0');
      expect(back!.getAttribute('name')).to.equal('value');
      expect(back!.getAttribute('n')).to.equal(42);
      expect((back!.getAttribute('when') as Date).getTime()).to.equal(1_600_000_000_000);
      expect(back!.isDirty()).to.equal(false);
      expect(back!.getLastSaved()).to.be.greaterThan(0);
    });

    it('replaces the stored session on update', async () => {
      const d = newData('update1');
      d.setAttribute('a', 1);
      await store.store('update1', d);
      d.setAttribute('a', 2);
      d.setAttribute('b', 'x');
      d.calcAndSetExpiry(Date.now() + 1000);
      await store.store('update1', d);
      const back = await store.load('update1');
      expect(back!.getAttribute('a')).to.equal(2);
      expect(back!.getAttribute('b')).to.equal('x');
      expect(back!.getExpiry()).to.equal(d.getExpiry());
    });

    it('loads an expired session (the handler decides what to do with it)', async () => {
      const d = newData('expired1', 1000, 10_000);
      await store.store('expired1', d);
      const back = await store.load('expired1');
      expect(back).to.not.equal(null);
      expect(back!.isExpiredAt(Date.now())).to.equal(true);
    });

    it('loads a session persisted out of band', async function () {
      if (!h.persistOutOfBand) this.skip();
      const d = newData('oob1');
      d.setAttribute('x', 'y');
      await h.persistOutOfBand!(store, d);
      const back = await store.load('oob1');
      expect(back!.getAttribute('x')).to.equal('y');
    });

    it('deletes a stored session and says whether it deleted anything', async () => {
      await store.store('del1', newData('del1'));
      expect(await store.delete('del1')).to.equal(true);
      expect(await store.load('del1')).to.equal(null);
      expect(await store.delete('del1')).to.equal(false);
      if (h.existsOutOfBand) expect(await h.existsOutOfBand(store, 'del1')).to.equal(false);
    });

    it('says a live session exists and a missing or expired one does not', async () => {
      await store.store('live1', newData('live1'));
      await store.store('dead1', newData('dead1', 1000, 10_000));
      expect(await store.exists('live1')).to.equal(true);
      expect(await store.exists('dead1')).to.equal(false);
      expect(await store.exists('never1')).to.equal(false);
    });

    it('counts an immortal session as existing', async () => {
      const d = newData('immortal1', -1);
      expect(d.getExpiry()).to.equal(0);
      await store.store('immortal1', d);
      expect(await store.exists('immortal1')).to.equal(true);
    });

    it('returns expired and vanished candidates from getExpired, but not live ones', async () => {
      await store.store('c-live', newData('c-live'));
      await store.store('c-dead', newData('c-dead', 1000, 10_000));
      const exp = await store.getExpired(new Set(['c-live', 'c-dead', 'c-gone']));
      expect(exp.has('c-dead')).to.equal(true);
      expect(exp.has('c-gone')).to.equal(true);
      expect(exp.has('c-live')).to.equal(false);
    });

    it('finds expired sessions of its context that were not candidates', async () => {
      periods().setGracePeriodSec(0);
      await store.store('nc-dead', newData('nc-dead', 1000, 10_000));
      const exp = await store.getExpired(new Set());
      expect(exp.has('nc-dead')).to.equal(true);
    });

    it('writes a session whose only change is its access time only after savePeriodSec', async () => {
      periods().setSavePeriodSec(3600);
      const d = newData('save1');
      await store.store('save1', d);
      const saved = d.getLastSaved();
      d.setAccessed(Date.now() + 5);
      d.calcAndSetExpiry(Date.now() + 5);
      await store.store('save1', d);
      expect(d.getLastSaved()).to.equal(saved);
      d.setAttribute('changed', true);
      await new Promise((r) => setTimeout(r, 5));
      await store.store('save1', d);
      expect(d.getLastSaved()).to.be.greaterThan(saved);
    });

    it('rejects unreadable data with UnreadableSessionDataError', async function () {
      if (!h.persistUnreadable) this.skip();
      await h.persistUnreadable!(store, context, 'bad1');
      let err: unknown;
      try {
        await store.load('bad1');
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(UnreadableSessionDataError);
      expect((err as UnreadableSessionDataError).id).to.equal('bad1');
    });

    it('rejects a value it cannot write with UnwritableSessionDataError naming the attribute, keeping the stored version', async () => {
      const d = newData('unw1');
      d.setAttribute('ok', 1);
      await store.store('unw1', d);
      d.setAttribute('fn', () => 1);
      let err: unknown;
      try {
        await store.store('unw1', d);
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(UnwritableSessionDataError);
      expect((err as UnwritableSessionDataError).attribute).to.equal('fn');
      expect((err as Error).message).to.match(/attribute 'fn'/);
      const back = await store.load('unw1');
      expect(back!.getAttribute('ok')).to.equal(1);
      expect(back!.getAttribute('fn')).to.equal(undefined);
    });
  });
}
