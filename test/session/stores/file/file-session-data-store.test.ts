/**
 * Tests of FileSessionDataStore beyond the contract: naming, shared folders, start-up scan, unreadable files,
 * crash-safe file writes, id validation. The journal itself is tested in file-session-data-store-journal.test.ts.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { FileSessionDataStore } from '../../../../src/session/stores/file/file-session-data-store';
import { FileSessionDataStoreFactory } from '../../../../src/session/stores/file/file-session-data-store-factory';
import { UnreadableSessionDataError, UnwritableSessionDataError } from '../../../../src/session/errors';
import { decodeSessionData, encodeSessionData } from '../../../../src/session/session-data-codec';
import { SessionData } from '../../../../src/session/session-data';
import { makeContext, tempDir, storeEntries } from '../../support';
import { STORE_LOCK_FILE } from '../../../../src/session/store-folder-lock';
import { spyOnLog, type LogSpy } from '../../../support/log-capture';
import { watchFolder } from '../../../support/file-handles';

describe('FileSessionDataStore', () => {
  let tmp: { dir: string; cleanup: () => void };
  const stores: FileSessionDataStore[] = [];
  let warn: LogSpy;

  beforeEach(() => {
    tmp = tempDir();
    warn = spyOnLog();
  });
  afterEach(async () => {
    sinon.restore();
    for (const s of stores.splice(0)) if (s.isRunning()) await s.stop();
    tmp.cleanup();
  });

  async function started(contextPath = '/test', vhost?: string, configure?: (s: FileSessionDataStore) => void): Promise<FileSessionDataStore> {
    const s = new FileSessionDataStore();
    s.setStoreDir(tmp.dir);
    configure?.(s);
    await s.initialize(makeContext(contextPath, vhost));
    await s.start();
    stores.push(s);
    return s;
  }

  function data(s: FileSessionDataStore, id: string, maxInactiveMs = 60_000, ago = 0): SessionData {
    const t = Date.now() - ago;
    return s.newSessionData(id, t, t, t, maxInactiveMs);
  }

  function write(name: string, content: string | Buffer): void {
    fs.writeFileSync(path.join(tmp.dir, name), content);
  }
  const files = (): string[] => storeEntries(tmp.dir).sort();

  it('fails to start without a storeDir', async () => {
    const s = new FileSessionDataStore();
    await s.initialize(makeContext());
    let err: unknown;
    try {
      await s.start();
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).to.match(/No file store specified/);
  });

  it('creates a missing storeDir at start', async () => {
    const s = new FileSessionDataStore();
    const dir = path.join(tmp.dir, 'a', 'b');
    s.setStoreDir(dir);
    await s.initialize(makeContext());
    await s.start();
    stores.push(s);
    expect(fs.statSync(dir).isDirectory()).to.equal(true);
  });

  it('names files <expiry>_<canonicalContextPath>_<vhost>_<id>', async () => {
    const s = await started('/test');
    const d = data(s, 'abc');
    await s.store('abc', d);
    await s.checkpoint();
    expect(files()).to.deep.equal([`${d.getExpiry()}__test_0.0.0.0_abc`]);
    const root = await started('/', 'example.com');
    const r = data(root, 'def', -1);
    await root.store('def', r);
    await root.checkpoint();
    expect(files()).to.include('0__example.com_def');
  });

  it("names the root context '/' in its folder lock, as --sessions does, while its files keep the canonical '' prefix", async () => {
    const root = await started('/');
    await root.store('r1', data(root, 'r1', -1));
    await root.checkpoint();
    expect(files()).to.deep.equal(['0__0.0.0.0_r1']);
    // The lock file's owner is the text a second process's refusal shows as the holder.
    const holder = JSON.parse(fs.readFileSync(path.join(tmp.dir, STORE_LOCK_FILE), 'utf8')) as { owner: string };
    expect(holder.owner).to.equal("FileSessionDataStore of context '/' vhost '0.0.0.0'");
  });

  it('sanitises the context path as Jetty 9.4.20+ does', async () => {
    const s = await started('/a.b/c d');
    await s.store('x1', data(s, 'x1', -1));
    await s.checkpoint();
    expect(files()).to.deep.equal(['0__a_b_c_d_0.0.0.0_x1']);
  });

  it('renames the file when the expiry changes and leaves only the newest', async () => {
    const s = await started();
    const d = data(s, 'ren1');
    await s.store('ren1', d);
    d.calcAndSetExpiry(Date.now() + 5000);
    d.setDirty(true);
    await s.store('ren1', d);
    await s.checkpoint();
    expect(files()).to.deep.equal([`${d.getExpiry()}__test_0.0.0.0_ren1`]);
  });

  it('writes a JSON document with a format and version field', async () => {
    const s = await started();
    const d = data(s, 'json1');
    d.setAttribute('k', 'v');
    await s.store('json1', d);
    await s.checkpoint();
    const doc = JSON.parse(fs.readFileSync(path.join(tmp.dir, files()[0]), 'utf8'));
    expect(doc).to.include({ format: 'pier-session', version: 1, id: 'json1', contextPath: '_test', vhost: '0.0.0.0' });
    expect(doc.attributes).to.deep.equal({ k: 'v' });
  });

  it('shares one folder between contexts and only sees its own files', async () => {
    const a = await started('/a');
    const b = await started('/b');
    await a.store('same', data(a, 'same'));
    const bd = data(b, 'same');
    bd.setAttribute('who', 'b');
    await b.store('same', bd);
    await a.checkpoint();
    await b.checkpoint();
    expect(files()).to.have.length(2);
    expect((await b.load('same'))!.getAttribute('who')).to.equal('b');
    expect((await a.load('same'))!.getAttribute('who')).to.equal(undefined);
    await a.delete('same');
    expect(await b.exists('same')).to.equal(true);
    const a2 = await started('/a');
    expect(await a2.load('same')).to.equal(null);
  });

  it('maps the files of its context at start and keeps the larger expiry of duplicates', async () => {
    const older = new SessionData('dup', '_test', '0.0.0.0', 1, 1, 1, -1);
    const fut = Date.now() + 100_000;
    write(`${fut}__test_0.0.0.0_dup`, encodeSessionData(older));
    write(`${fut + 5}__test_0.0.0.0_dup`, encodeSessionData(older));
    write('notasessionfile', 'x');
    write('1v9k3oldhashsessionid', 'x');
    const s = await started();
    expect(await s.exists('dup')).to.equal(true);
    expect(files()).to.deep.equal([`${fut + 5}__test_0.0.0.0_dup`, '1v9k3oldhashsessionid', 'notasessionfile']);
  });

  it('sweeps long-expired files of any context at start (grace 0, as through the 9.4 module)', async () => {
    const old = new SessionData('gone', '_other', '0.0.0.0', 1, 1, 1, 1000);
    write(`${Date.now() - 1000}__other_0.0.0.0_gone`, encodeSessionData(old));
    write(`${Date.now() + 60_000}__other_0.0.0.0_live`, encodeSessionData(old));
    await started('/test', undefined, (s) => s.setGracePeriodSec(0));
    expect(files()).to.deep.equal([`${storeEntries(tmp.dir).find((n) => n.endsWith('_live'))}`]);
  });

  it('removes leftover temporary files of its context at start', async () => {
    write(`${Date.now() + 60_000}__test_0.0.0.0_tmp1.tmp-abcdef`, '{"partial');
    await started();
    expect(files()).to.deep.equal([]);
  });

  for (const [label, content] of [
    ['a corrupt', '{not json'],
    ['a truncated', '{"format":"pier-session","version":1,"id":"x'],
    ['an empty', ''],
  ] as const) {
    it(`reports ${label} file once and deletes it when deleteUnrestorableFiles is set, while others load`, async () => {
      const s0 = await started();
      const good = data(s0, 'good1');
      good.setAttribute('ok', true);
      await s0.store('good1', good);
      await s0.stop();
      write(`${Date.now() + 60_000}__test_0.0.0.0_bad1`, content);
      const s = await started('/test', undefined, (x) => x.setDeleteUnrestorableFiles(true));
      let err: unknown;
      try {
        await s.load('bad1');
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(UnreadableSessionDataError);
      expect(warn.callCount).to.equal(1);
      expect(files().some((n) => n.endsWith('_bad1'))).to.equal(false);
      expect(await s.load('bad1')).to.equal(null);
      expect(warn.callCount).to.equal(1);
      expect((await s.load('good1'))!.getAttribute('ok')).to.equal(true);
    });
  }

  it('keeps an unreadable file and reports it only once when deleteUnrestorableFiles is off', async () => {
    write(`${Date.now() + 60_000}__test_0.0.0.0_bad2`, '');
    const s = await started();
    for (let i = 0; i < 3; i++) {
      try {
        await s.load('bad2');
        expect.fail('should not load');
      } catch (e) {
        expect(e).to.be.instanceOf(UnreadableSessionDataError);
      }
    }
    expect(warn.callCount).to.equal(1);
    expect(files().some((n) => n.endsWith('_bad2'))).to.equal(true);
  });

  it('treats a file holding another session as unreadable', async () => {
    const other = new SessionData('someoneelse', '_test', '0.0.0.0', 1, 1, 1, -1);
    write(`${Date.now() + 60_000}__test_0.0.0.0_mine`, encodeSessionData(other));
    const s = await started();
    let err: unknown;
    try {
      await s.load('mine');
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(UnreadableSessionDataError);
  });

  it('keeps the old file intact when the rename of a new write fails (durability file)', async () => {
    const s = await started('/test', undefined, (x) => x.setDurability('file'));
    const d = data(s, 'crash1');
    d.setAttribute('v', 1);
    await s.store('crash1', d);
    const before = files();
    const rename = sinon.stub(fs.promises, 'rename').rejects(Object.assign(new Error('disk gone'), { code: 'EIO' }));
    d.setAttribute('v', 2);
    d.calcAndSetExpiry(Date.now() + 9999);
    let err: unknown;
    try {
      await s.store('crash1', d);
    } catch (e) {
      err = e;
    }
    rename.restore();
    expect(err).to.be.instanceOf(UnwritableSessionDataError);
    expect(files()).to.deep.equal(before);
    expect(decodeSessionData(fs.readFileSync(path.join(tmp.dir, before[0]))).getAttribute('v')).to.equal(1);
    expect((await s.load('crash1'))!.getAttribute('v')).to.equal(1);
  });

  it('keeps the old file intact and leaves no temporary file when the write itself fails (durability file)', async () => {
    const s = await started('/test', undefined, (x) => x.setDurability('file'));
    const d = data(s, 'crash2');
    d.setAttribute('v', 1);
    await s.store('crash2', d);
    const before = files();
    const open = sinon.stub(fs.promises, 'open').rejects(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    d.setAttribute('v', 2);
    let err: unknown;
    try {
      await s.store('crash2', d);
    } catch (e) {
      err = e;
    }
    open.restore();
    expect(err).to.be.instanceOf(UnwritableSessionDataError);
    expect(files()).to.deep.equal(before);
    expect(decodeSessionData(fs.readFileSync(path.join(tmp.dir, before[0]))).getAttribute('v')).to.equal(1);
  });

  it('never touches paths outside storeDir for ids like ../../etc/passwd', async () => {
    const s = await started();
    for (const id of ['../../etc/passwd', '..', 'a/b', 'a\\b', 'x'.repeat(10 * 1024), '', 'id with space']) {
      expect(await s.load(id)).to.equal(null);
      expect(await s.exists(id)).to.equal(false);
      expect(await s.delete(id)).to.equal(false);
      let err: unknown;
      try {
        await s.store(id, new SessionData(id, '_test', '0.0.0.0', 1, 1, 1, -1));
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(UnwritableSessionDataError);
    }
    expect(files()).to.deep.equal([]);
  });

  for (const durability of ['journal', 'file', 'os']) {
    it(`serialises concurrent writes of one session so the last one wins (durability ${durability})`, async () => {
      const s = await started('/test', undefined, (x) => x.setDurability(durability));
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        const d = data(s, 'conc');
        d.setAttribute('i', i);
        d.calcAndSetExpiry(Date.now() + i * 1000);
        writes.push(s.store('conc', d));
      }
      await Promise.all(writes);
      expect((await s.load('conc'))!.getAttribute('i')).to.equal(19);
      await s.checkpoint();
      expect(files()).to.have.length(1);
      expect(decodeSessionData(fs.readFileSync(path.join(tmp.dir, files()[0]))).getAttribute('i')).to.equal(19);
    });
  }

  it('maps a symbolic link to a session file at start, and ignores a folder with a session file name', async () => {
    const fut = Date.now() + 100_000;
    const elsewhere = tempDir();
    try {
      const target = path.join(elsewhere.dir, 'linked');
      fs.writeFileSync(target, encodeSessionData(new SessionData('lnk', '_test', '0.0.0.0', 1, 1, 1, -1)));
      fs.symlinkSync(target, path.join(tmp.dir, `${fut}__test_0.0.0.0_lnk`));
      fs.mkdirSync(path.join(tmp.dir, `${fut}__test_0.0.0.0_dir`));
      const s = await started();
      expect(await s.exists('lnk')).to.equal(true);
      expect(await s.exists('dir')).to.equal(false);
    } finally {
      elsewhere.cleanup();
    }
  });

  it('maps 2,000 files and removes 500 leftovers at start', async () => {
    const fut = Date.now() + 100_000;
    const bytes = encodeSessionData(new SessionData('x', '_test', '0.0.0.0', 1, 1, 1, -1));
    for (let i = 0; i < 2000; i++) write(`${fut}__test_0.0.0.0_s${i}`, bytes);
    for (let i = 0; i < 500; i++) write(`${fut}__test_0.0.0.0_t${i}.tmp-abcdef`, '{"partial');
    const s = await started();
    expect(await s.exists('s0')).to.equal(true);
    expect(await s.exists('s1999')).to.equal(true);
    expect(files()).to.have.length(2000);
  });

  it('writes many sessions at once, each renamed and followed by a folder fsync that started after it (durability file)', async () => {
    const s = await started('/test', undefined, (x) => x.setDurability('file'));
    const events: string[] = [];
    watchFolder(tmp.dir, events);
    await Promise.all(Array.from({ length: 30 }, (_, i) => s.store(`m${i}`, data(s, `m${i}`))));
    for (let i = 0; i < 30; i++) {
      const renamed = events.indexOf(`renamed m${i}`);
      expect(renamed, `m${i} renamed`).to.be.at.least(0);
      expect(events.indexOf('dir sync start', renamed), `a folder sync after m${i}`).to.be.greaterThan(renamed);
      expect((await s.load(`m${i}`))?.getId()).to.equal(`m${i}`);
    }
    expect(events.filter((e) => e === 'dir sync start').length).to.be.below(30);
  });

  it("deletes other contexts' long-expired files in the orphan sweep when grace is above 0", async () => {
    const s = await started('/test', undefined, (x) => x.setGracePeriodSec(1));
    const old = new SessionData('orph', '_other', '0.0.0.0', 1, 1, 1, 1000);
    write(`${Date.now() - 60_000}__other_0.0.0.0_orph`, encodeSessionData(old));
    await s.getExpired(new Set());
    expect(files()).to.deep.equal([]);
  });

  it('is made by FileSessionDataStoreFactory with the factory settings', () => {
    const f = new FileSessionDataStoreFactory();
    f.setStoreDir(tmp.dir);
    f.setDeleteUnrestorableFiles(true);
    f.setSavePeriodSec(7);
    f.setDurability('OS');
    f.setCheckpointPeriodMs(250);
    f.setMaxCheckpointBacklogBytes(1_048_576);
    const s = f.getSessionDataStore(null) as FileSessionDataStore;
    expect(s.getStoreDir()).to.equal(path.resolve(tmp.dir));
    expect(s.isDeleteUnrestorableFiles()).to.equal(true);
    expect(s.getSavePeriodSec()).to.equal(7);
    expect(s.getGracePeriodSec()).to.equal(0);
    expect(s.getDurability()).to.equal('os');
    expect(s.getCheckpointPeriodMs()).to.equal(250);
    expect(s.getMaxCheckpointBacklogBytes()).to.equal(1_048_576);
    expect(new FileSessionDataStore().getMaxCheckpointBacklogBytes(), 'the default: 64 MiB').to.equal(67_108_864);
  });

  it('refuses an unknown durability, naming the three it knows, and a backlog bound below one byte', () => {
    expect(() => new FileSessionDataStore().setDurability('fast')).to.throw(RangeError, /'fast'.*journal, file, os/);
    expect(() => new FileSessionDataStoreFactory().setDurability('sometimes')).to.throw(RangeError, /journal, file, os/);
    expect(() => new FileSessionDataStore().setCheckpointPeriodMs(-1)).to.throw(RangeError, /0 or more/);
    expect(() => new FileSessionDataStoreFactory().setMaxCheckpointBacklogBytes(0)).to.throw(RangeError, /maxCheckpointBacklogBytes.*1 or more/);
  });
});
