/**
 * HashSessionDataStore: crash-safe writes, file names confined to the folder, hidden files ignored.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { UnwritableSessionDataError } from '../../../src/session/errors';
import { HashSessionDataStore } from '../../../src/session/legacy/hash-session-data-store';
import { decodeSessionData } from '../../../src/session/session-data-codec';
import { watchFolder } from '../../support/file-handles';
import { tempDir } from './support';

describe('HashSessionDataStore', () => {
  let dir: string;
  let store: HashSessionDataStore;
  beforeEach(async () => {
    dir = tempDir();
    store = new HashSessionDataStore();
    store.configure({ storeDirectory: dir, deleteUnrestorableSessions: false, deleteAfterRestore: false });
    await store.start();
  });
  afterEach(async () => {
    sinon.restore();
    await store.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the previous file whole, and leaves no temp file, when a write fails before the rename', async () => {
    const data = store.newSessionData('abc123', 1000, 1000, 1000, -1);
    data.setAttribute('v', 1);
    await store.save(data);
    data.setAttribute('v', 2);
    sinon.stub(fs.promises, 'rename').rejects(new Error('disk full'));
    let error: unknown = null;
    try {
      await store.save(data);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(UnwritableSessionDataError);
    expect(fs.readdirSync(dir)).to.deep.equal(['abc123']);
    expect(decodeSessionData(fs.readFileSync(path.join(dir, 'abc123'))).getAttribute('v')).to.equal(1);
  });

  it('syncs the folder after each rename of a saved file, before the save returns', async () => {
    const events: string[] = [];
    const data = store.newSessionData('saved1', 1000, 1000, 1000, -1);
    data.setAttribute('v', 1);
    watchFolder(dir, events);
    await store.save(data);
    events.push('returned');
    const renamed = events.indexOf('renamed saved1');
    expect(renamed, events.join(', ')).to.be.at.least(0);
    const syncStart = events.indexOf('dir sync start', renamed);
    expect(syncStart, events.join(', ')).to.be.greaterThan(renamed);
    expect(events.indexOf('dir sync end', syncStart), events.join(', ')).to.be.below(events.indexOf('returned'));
  });

  it('syncs the folder after deleting a session file, before the delete returns', async () => {
    const events: string[] = [];
    await store.save(store.newSessionData('deleted1', 1000, 1000, 1000, -1));
    watchFolder(dir, events);
    expect(await store.delete('deleted1')).to.equal(true);
    events.push('returned');
    const unlinked = events.indexOf('unlinked deleted1');
    expect(unlinked, events.join(', ')).to.be.at.least(0);
    const syncStart = events.indexOf('dir sync start', unlinked);
    expect(syncStart, events.join(', ')).to.be.greaterThan(unlinked);
    expect(events.indexOf('dir sync end', syncStart), events.join(', ')).to.be.below(events.indexOf('returned'));
  });

  it('syncs the folder after removing a file it restored (deleteAfterRestore), before the load returns', async () => {
    const events: string[] = [];
    await store.save(store.newSessionData('restored1', Date.now(), Date.now(), Date.now(), -1));
    await store.stop();
    store.configure({ storeDirectory: dir, deleteUnrestorableSessions: false, deleteAfterRestore: true });
    await store.start();
    watchFolder(dir, events);
    expect(await store.load('restored1')).to.not.equal(null);
    events.push('returned');
    const unlinked = events.indexOf('unlinked restored1');
    expect(unlinked, events.join(', ')).to.be.at.least(0);
    const syncStart = events.indexOf('dir sync start', unlinked);
    expect(syncStart, events.join(', ')).to.be.greaterThan(unlinked);
    expect(events.indexOf('dir sync end', syncStart), events.join(', ')).to.be.below(events.indexOf('returned'));
  });

  it('lists only session ids, ignoring hidden and temp files', async () => {
    fs.writeFileSync(path.join(dir, '.abc.tmp-0011'), 'partial');
    fs.writeFileSync(path.join(dir, 'id_1-A'), '{}');
    expect(await store.listIds()).to.deep.equal(['id_1-A']);
  });

  it('maps no id outside the folder', () => {
    for (const id of ['../x', '..', '.', 'a/b', 'a\\b', '', 'x'.repeat(513)]) expect(store.getFileFor(id)).to.equal(null);
    expect(store.getFileFor('node0abc7')).to.equal(path.join(dir, 'node0abc7'));
  });

  it('writes the versioned JSON session document, attributes and timeout included', async () => {
    const data = store.newSessionData('s1', 1000, 2000, 1500, 60000);
    data.setAttribute('when', new Date(5));
    data.setAttribute('tags', new Set(['a']));
    await store.save(data);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 's1'), 'utf8'));
    expect(doc).to.include({ format: 'pier-session', version: 1, id: 's1', created: 1000, maxInactiveMs: 60000 });
    const back = decodeSessionData(fs.readFileSync(path.join(dir, 's1')));
    expect(back.getAttribute('when')).to.deep.equal(new Date(5));
    expect(back.getAttribute('tags')).to.deep.equal(new Set(['a']));
  });
});
