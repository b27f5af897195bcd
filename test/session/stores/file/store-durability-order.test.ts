/**
 * The order in which FileSessionDataStore makes things durable: a delete's folder sync before its answer
 * (durability file), a changeSessionId's new id before the old one goes (one journal batch in journal
 * mode), and folder syncs that fail loudly.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { FileSessionDataStore } from '../../../../src/session/stores/file/file-session-data-store';
import { decodeFrames, decodeHeader } from '../../../../src/session/stores/file/journal-frame';
import { syncDir } from '../../../../src/session/stores/file/session-file-io';
import { fileHandlePrototype, watchFolder } from '../../../support/file-handles';
import { makeContext, tempDir } from '../../support';

describe('FileSessionDataStore making deletes and id changes durable in order', () => {
  let tmp: { dir: string; cleanup: () => void };
  const stores: FileSessionDataStore[] = [];
  let events: string[];

  beforeEach(() => {
    tmp = tempDir();
    events = [];
    sinon.stub(console, 'warn');
  });
  afterEach(async () => {
    sinon.restore();
    for (const s of stores.splice(0)) if (s.isRunning()) await s.stop();
    tmp.cleanup();
  });

  async function started(durability: string): Promise<FileSessionDataStore> {
    const s = new FileSessionDataStore();
    s.setStoreDir(tmp.dir);
    s.setDurability(durability);
    s.setCheckpointPeriodMs(0);
    await s.initialize(makeContext('/test'));
    await s.start();
    stores.push(s);
    return s;
  }

  function data(s: FileSessionDataStore, id: string, v: number) {
    const t = Date.now();
    const d = s.newSessionData(id, t, t, t, 60_000);
    d.setAttribute('v', v);
    return d;
  }

  it('answers a delete only after a folder sync that began once the file was gone (durability file)', async () => {
    const s = await started('file');
    await s.store('gone', data(s, 'gone', 1));
    watchFolder(tmp.dir, events);
    await s.delete('gone');
    events.push('answered');
    const unlinked = events.indexOf('unlinked gone');
    expect(unlinked, events.join(', ')).to.be.at.least(0);
    const syncStart = events.indexOf('dir sync start', unlinked);
    expect(syncStart, events.join(', ')).to.be.greaterThan(unlinked);
    expect(events.indexOf('dir sync end', syncStart), events.join(', ')).to.be.below(events.indexOf('answered'));
  });

  it("answers a write that renamed the session's file (its expiry changed) only after a folder sync that began once the old file was gone (durability file)", async () => {
    const s = await started('file');
    const d = data(s, 'moved', 1);
    await s.store('moved', d);
    const before = fs.readdirSync(tmp.dir).filter((n) => n.endsWith('_moved'));
    watchFolder(tmp.dir, events);
    // a shorter timeout: the new file's name carries an earlier expiry than the old one's
    d.setMaxInactiveMs(30_000);
    d.calcAndSetExpiry(d.getAccessed());
    d.setAttribute('v', 2);
    await s.store('moved', d);
    events.push('answered');
    const after = fs.readdirSync(tmp.dir).filter((n) => n.endsWith('_moved'));
    expect(after).to.have.length(1);
    expect(after[0]).to.not.equal(before[0]);
    const renamed = events.indexOf('renamed moved');
    const unlinked = events.indexOf('unlinked moved');
    expect(renamed, events.join(', ')).to.be.at.least(0);
    expect(events.indexOf('dir sync end', renamed), 'the new file is synced before the old one goes: ' + events.join(', ')).to.be.below(unlinked);
    const syncStart = events.indexOf('dir sync start', unlinked);
    expect(syncStart, events.join(', ')).to.be.greaterThan(unlinked);
    expect(events.indexOf('dir sync end', syncStart), events.join(', ')).to.be.below(events.indexOf('answered'));
  });

  it('makes the new id durable before it removes the old file on changeSessionId (durability file)', async () => {
    const s = await started('file');
    await s.store('old1', data(s, 'old1', 1));
    watchFolder(tmp.dir, events);
    await s.renew('old1', 'new1', data(s, 'new1', 1));
    const renamed = events.indexOf('renamed new1');
    const unlinked = events.indexOf('unlinked old1');
    expect(renamed, events.join(', ')).to.be.at.least(0);
    expect(events.indexOf('dir sync end', renamed), events.join(', ')).to.be.below(unlinked);
    expect(events.indexOf('dir sync end', unlinked), 'the removal is synced too').to.be.greaterThan(unlinked);
    expect(await s.load('old1')).to.equal(null);
    expect((await s.load('new1'))!.getAttribute('v')).to.equal(1);
  });

  it('writes a changeSessionId as one journal batch, the new id first, so a crash keeps both records or neither', async () => {
    const s = await started('journal');
    await s.store('old2', data(s, 'old2', 1));
    const proto = await fileHandlePrototype(tmp.dir);
    const write = sinon.spy(proto, 'write');
    const datasync = sinon.spy(proto, 'datasync');
    await s.renew('old2', 'new2', data(s, 'new2', 1));
    expect(write.callCount, 'journal writes for the id change').to.equal(1);
    expect(datasync.callCount, 'fdatasyncs for the id change').to.equal(1);
    const journal = fs.readdirSync(tmp.dir).find((n) => n.startsWith('.pier-journal-')) as string;
    const bytes = fs.readFileSync(path.join(tmp.dir, journal));
    const records = decodeFrames(bytes, (decodeHeader(bytes) as { offset: number }).offset).records;
    expect(records.map((r) => `${r.op} ${r.id}`)).to.deep.equal(['store old2', 'store new2', 'delete old2']);
    expect(await s.load('old2')).to.equal(null);
    expect((await s.load('new2'))!.getAttribute('v')).to.equal(1);
  });

  it("still removes the old id when the new one cannot be written, and throws the write's error", async () => {
    const s = await started('journal');
    await s.store('old3', data(s, 'old3', 1));
    const bad = data(s, 'new3', 1);
    bad.setAttribute('fn', () => 1);
    let err: unknown;
    try {
      await s.renew('old3', 'new3', bad);
    } catch (e) {
      err = e;
    }
    expect((err as Error)?.message).to.match(/new3/);
    expect(await s.load('old3')).to.equal(null);
    expect(await s.load('new3')).to.equal(null);
  });
});

describe('syncDir', () => {
  afterEach(() => sinon.restore());

  for (const code of ['EIO', 'ENOSPC']) {
    it(`fails when the folder's fsync fails with ${code}: what was renamed or removed may not be on disk`, async () => {
      const tmp = tempDir();
      try {
        sinon.stub(await fileHandlePrototype(tmp.dir), 'sync').rejects(Object.assign(new Error(`${code}: simulated, fsync`), { code }));
        let err: unknown;
        await syncDir(tmp.dir).catch((e: unknown) => {
          err = e;
        });
        expect((err as NodeJS.ErrnoException)?.code).to.equal(code);
      } finally {
        tmp.cleanup();
      }
    });
  }

  for (const code of ['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP']) {
    it(`does nothing where the platform has no folder fsync (${code})`, async () => {
      const tmp = tempDir();
      try {
        sinon.stub(await fileHandlePrototype(tmp.dir), 'sync').rejects(Object.assign(new Error(`${code}: simulated, fsync`), { code }));
        await syncDir(tmp.dir);
      } finally {
        tmp.cleanup();
      }
    });
  }
});
