/**
 * Tests of the session store events (`node:diagnostics_channel`): every store built on
 * AbstractSessionDataStore publishes load, store, delete and getExpired with its type, context and
 * duration, failures included, and nothing when nobody subscribes.
 * @module
 */
import { expect } from 'chai';
import diagnosticsChannel from 'node:diagnostics_channel';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as sinon from 'sinon';
import { FileSessionDataStore } from '../../src/session/stores/file/file-session-data-store';
import {
  SESSION_STORE_DELETE_CHANNEL,
  SESSION_STORE_GET_EXPIRED_CHANNEL,
  SESSION_STORE_LOAD_CHANNEL,
  SESSION_STORE_STORE_CHANNEL,
} from '../../src/session/session-store-events';
import { makeContext, tempDir } from './support';

const CHANNELS = [SESSION_STORE_LOAD_CHANNEL, SESSION_STORE_STORE_CHANNEL, SESSION_STORE_DELETE_CHANNEL, SESSION_STORE_GET_EXPIRED_CHANNEL];

/** Subscribes to every session store channel; returns the messages as `[channel, message]` and the unsubscribe function. */
function subscribeAll(): { seen: [string, Record<string, unknown>][]; stop: () => void } {
  const seen: [string, Record<string, unknown>][] = [];
  const subs = CHANNELS.map((name) => {
    const fn = (message: unknown): void => {
      seen.push([name, message as Record<string, unknown>]);
    };
    diagnosticsChannel.subscribe(name, fn);
    return () => diagnosticsChannel.unsubscribe(name, fn);
  });
  return {
    seen,
    stop: () => {
      for (const s of subs) s();
    },
  };
}

describe('session store events (diagnostics_channel)', () => {
  let tmp: { dir: string; cleanup: () => void };
  let store: FileSessionDataStore;
  let stop: () => void = () => undefined;

  beforeEach(async () => {
    tmp = tempDir();
    store = new FileSessionDataStore();
    store.setStoreDir(tmp.dir);
    store.setDurability('file');
    await store.initialize(makeContext('/shop'));
    await store.start();
  });
  afterEach(async () => {
    stop();
    if (store.isRunning()) await store.stop();
    tmp.cleanup();
  });

  it('publishes each load, write, delete and expiry search of a FileSessionDataStore with its type, context and duration', async () => {
    const sub = subscribeAll();
    stop = sub.stop;
    const t = Date.now();
    const data = store.newSessionData('s1', t, t, t, 60_000);
    data.setAttribute('n', 1);
    await store.store('s1', data);
    await store.store('s1', data); // nothing changed and saved just now: no write, no event
    expect((await store.load('s1'))?.getAttribute('n')).to.equal(1);
    expect(await store.load('nobody')).to.equal(null);
    expect(await store.getExpired(new Set(['s1', 'gone']))).to.deep.equal(new Set(['gone']));
    expect(await store.delete('s1')).to.equal(true);
    expect(await store.delete('s1')).to.equal(false);
    const shape = sub.seen.map(([channel, m]) => [channel, m.id ?? null, m.found ?? m.deleted ?? m.expired ?? null]);
    expect(shape).to.deep.equal([
      ['pier.session.store.store', 's1', null],
      ['pier.session.store.load', 's1', true],
      ['pier.session.store.load', 'nobody', false],
      ['pier.session.store.getExpired', null, 1],
      ['pier.session.store.delete', 's1', true],
      ['pier.session.store.delete', 's1', false],
    ]);
    for (const [, m] of sub.seen) {
      expect(m).to.include({ storeType: 'FileSessionDataStore', context: '_shop', vhost: '0.0.0.0' });
      expect(m.durationMs).to.be.a('number').and.to.be.at.least(0);
      expect(m).not.to.have.property('error');
    }
    expect(sub.seen[3][1].candidates).to.equal(2);
  });

  it('publishes a failed write with its error, and the caller still gets the error', async () => {
    const sub = subscribeAll();
    stop = sub.stop;
    const t = Date.now();
    const data = store.newSessionData('s2', t, t, t, 60_000);
    data.setAttribute('fn', () => 'not storable');
    const err = await store.store('s2', data).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Error);
    expect(sub.seen).to.have.length(1);
    expect(sub.seen[0][0]).to.equal('pier.session.store.store');
    expect(sub.seen[0][1].error).to.equal(err);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('_s2'))).to.deep.equal([]);
  });

  it('reads no clock and builds no message when nobody subscribes (and does when someone does)', async () => {
    for (const name of CHANNELS) expect(diagnosticsChannel.channel(name).hasSubscribers, name).to.equal(false);
    const clock = sinon.spy(performance, 'now');
    const everyOperation = async (id: string): Promise<void> => {
      const t = Date.now();
      await store.store(id, store.newSessionData(id, t, t, t, 60_000));
      await store.load(id);
      await store.getExpired(new Set());
      await store.delete(id);
    };
    try {
      await everyOperation('s3');
      expect(clock.callCount).to.equal(0);
      const sub = subscribeAll();
      stop = sub.stop;
      await everyOperation('s4');
      expect(sub.seen).to.have.length(4);
      expect(clock.callCount).to.equal(8);
    } finally {
      clock.restore();
    }
  });
});
