/**
 * FileSessionDataStore's default durability, the journal: group commit, replay after a crash, torn tails,
 * failed writes, checkpoints. A crash is simulated by copying the store folder while the store runs (what
 * the disk holds at that instant) and starting a new store on the copy.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { FileSessionDataStore } from '../../../../src/session/stores/file/file-session-data-store';
import { UnwritableSessionDataError } from '../../../../src/session/errors';
import { decodeSessionData } from '../../../../src/session/session-data-codec';
import type { SessionData } from '../../../../src/session/session-data';
import { makeContext, tempDir } from '../../support';
import { fileHandlePrototype } from '../../../support/file-handles';
import { spyOnLog, type LogSpy } from '../../../support/log-capture';

type FileHandle = fs.promises.FileHandle;

describe('FileSessionDataStore with its journal (durability journal, the default)', () => {
  const temps: Array<{ dir: string; cleanup: () => void }> = [];
  const stores: FileSessionDataStore[] = [];
  let dir: string;
  let warn: LogSpy;

  beforeEach(() => {
    const t = tempDir();
    temps.push(t);
    dir = t.dir;
    warn = spyOnLog();
  });
  afterEach(async () => {
    sinon.restore();
    for (const s of stores.splice(0)) if (s.isRunning()) await s.stop().catch(() => undefined);
    for (const t of temps.splice(0)) t.cleanup();
  });

  async function started(at = dir, contextPath = '/test', checkpointPeriodMs = 0, maxBacklogBytes?: number): Promise<FileSessionDataStore> {
    const s = new FileSessionDataStore();
    s.setStoreDir(at);
    s.setCheckpointPeriodMs(checkpointPeriodMs);
    if (maxBacklogBytes !== undefined) s.setMaxCheckpointBacklogBytes(maxBacklogBytes);
    await s.initialize(makeContext(contextPath));
    await s.start();
    stores.push(s);
    return s;
  }

  function session(s: FileSessionDataStore, id: string, attrs: Record<string, unknown> = {}): SessionData {
    const t = Date.now();
    const d = s.newSessionData(id, t, t, t, 60_000);
    for (const [k, v] of Object.entries(attrs)) d.setAttribute(k, v);
    return d;
  }

  const journals = (at = dir): string[] => fs.readdirSync(at).filter((n) => n.startsWith('.pier-journal-'));
  const sessionFiles = (at = dir): string[] =>
    fs
      .readdirSync(at)
      .filter((n) => !n.startsWith('.'))
      .sort();

  /** Makes every creation of a session file (or of its temporary file) fail with `code`; the journal's own files still open. */
  function failSessionFileCreation(code: string): sinon.SinonStub {
    const realOpen = fs.promises.open;
    return sinon
      .stub(fs.promises, 'open')
      .callsFake(((file: fs.PathLike, flags?: string | number, mode?: fs.Mode) =>
        flags === 'wx' && !path.basename(String(file)).startsWith('.pier-journal-')
          ? Promise.reject(Object.assign(new Error(`${code}: simulated, open '${String(file)}'`), { code }))
          : realOpen(file, flags, mode)) as typeof fs.promises.open);
  }

  /** What the disk holds now, as a new folder: the state a crash at this instant leaves. */
  function crashImage(): string {
    const t = tempDir('pier-crash-');
    temps.push(t);
    for (const n of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, n), path.join(t.dir, n));
    return t.dir;
  }

  it('acknowledges a write once it is in the synced journal, and writes the session file at the checkpoint', async () => {
    const s = await started();
    await s.store('j1', session(s, 'j1', { cart: ['tea'] }));
    expect(journals()).to.have.length(1);
    expect(sessionFiles()).to.deep.equal([]);
    expect(s.getCheckpointBacklog().sessions).to.equal(1);
    const loaded = await s.load('j1');
    expect(loaded!.getAttribute('cart')).to.deep.equal(['tea']);
    expect(loaded!.getLastSaved()).to.be.greaterThan(0);
    await s.checkpoint();
    expect(journals()).to.deep.equal([]);
    expect(sessionFiles()).to.have.length(1);
    expect(s.getCheckpointBacklog()).to.deep.equal({ sessions: 0, bytes: 0 });
    expect(decodeSessionData(fs.readFileSync(path.join(dir, sessionFiles()[0]))).getAttribute('cart')).to.deep.equal(['tea']);
    expect((await s.load('j1'))!.getAttribute('cart')).to.deep.equal(['tea']);
  });

  it('shares one fdatasync among many concurrent writes (group commit)', async () => {
    const s = await started();
    const datasync = sinon.spy(await fileHandlePrototype(dir), 'datasync');
    await Promise.all(Array.from({ length: 50 }, (_, i) => s.store(`g${i}`, session(s, `g${i}`, { i }))));
    expect(datasync.callCount, 'fdatasync calls for 50 concurrent writes').to.be.at.most(5);
    for (let i = 0; i < 50; i++) expect((await s.load(`g${i}`))!.getAttribute('i')).to.equal(i);
  });

  it('replays the journal after a crash: every acknowledged write is back at once, and in its session file after the checkpoint', async () => {
    const s = await started();
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => s.store(`c${i}`, session(s, `c${i}`, { round }))));
      if (round === 0) await s.checkpoint();
    }
    const image = crashImage();
    expect(journals(image)).to.have.length(1);
    const after = await started(image);
    for (let i = 0; i < 20; i++) expect((await after.load(`c${i}`))!.getAttribute('round'), `c${i}`).to.equal(2);
    await after.checkpoint();
    expect(journals(image)).to.deep.equal([]);
    expect(sessionFiles(image)).to.have.length(20);
    for (const name of sessionFiles(image))
      expect(decodeSessionData(fs.readFileSync(path.join(image, name))).getAttribute('round'), name).to.equal(2);
    expect(warn.called).to.equal(false);
  });

  it('starts from a long journal without writing its files first, and writes them in the background', async () => {
    const s = await started();
    await Promise.all(Array.from({ length: 200 }, (_, i) => s.store(`b${i}`, session(s, `b${i}`, { i }))));
    const image = crashImage();
    const open = failSessionFileCreation('EROFS');
    const after = await started(image);
    expect((await after.load('b199'))!.getAttribute('i'), 'served while no session file can be written').to.equal(199);
    open.restore();
    await after.checkpoint();
    expect(sessionFiles(image)).to.have.length(200);
    expect(journals(image)).to.deep.equal([]);
  });

  it("creates a new session's file under its own name, and replaces an existing one through a temporary file", async () => {
    const s = await started();
    const rename = sinon.spy(fs.promises, 'rename');
    const first = session(s, 'i1', { v: 1 });
    await s.store('i1', first);
    await s.checkpoint();
    expect(rename.callCount, 'renames for a new session').to.equal(0);
    const [before] = sessionFiles();
    const second = session(s, 'i1', { v: 2 });
    second.setExpiry(first.getExpiry() + 5_000);
    await s.store('i1', second);
    await s.checkpoint();
    expect(rename.callCount, 'renames for an update').to.equal(1);
    expect(path.basename(String(rename.firstCall.args[0]))).to.match(/\.tmp-/);
    const [after] = sessionFiles();
    expect(after).to.not.equal(before);
    expect(after.startsWith(`${second.getExpiry()}_`)).to.equal(true);
    expect(decodeSessionData(fs.readFileSync(path.join(dir, after))).getAttribute('v')).to.equal(2);
  });

  it('repairs a session file torn by a crash during a checkpoint from the journal that still holds it', async () => {
    const s = await started();
    await s.store('r1', session(s, 'r1', { v: 1 }));
    await s.checkpoint();
    await s.store('r1', session(s, 'r1', { v: 2 }));
    const image = crashImage();
    const [name] = sessionFiles(image);
    fs.truncateSync(path.join(image, name), 7);
    const after = await started(image);
    expect((await after.load('r1'))!.getAttribute('v')).to.equal(2);
    await after.checkpoint();
    const [repaired] = sessionFiles(image);
    expect(decodeSessionData(fs.readFileSync(path.join(image, repaired))).getAttribute('v')).to.equal(2);
    expect(warn.called).to.equal(false);
  });

  it('checkpoints while writes keep arriving: the rotation is never starved by a journal that is always busy', async () => {
    const s = await started();
    let writing = true;
    let written = 0;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; writing && i < 2_000; i++) {
        await s.store(`busy${w}`, session(s, `busy${w}`, { i }));
        written++;
        await new Promise((r) => setImmediate(r));
      }
    };
    const writers = Array.from({ length: 40 }, (_, w) => writer(w));
    while (written < 200) await new Promise((r) => setImmediate(r));
    const timedOut = Symbol('timed out');
    const outcome = await Promise.race([s.checkpoint().then(() => 'done'), new Promise((r) => setTimeout(() => r(timedOut), 5_000))]);
    const stillWriting = writing && written < 40 * 2_000;
    writing = false;
    await Promise.all(writers);
    expect(outcome, 'the checkpoint under load').to.equal('done');
    expect(stillWriting, 'the writers were still writing when it finished').to.equal(true);
    expect(sessionFiles().length).to.be.greaterThan(0);
  });

  it('makes a write wait for a checkpoint while the backlog is over maxCheckpointBacklogBytes', async () => {
    const s = await started(dir, '/test', 0, 1_000);
    let highest = 0;
    for (let i = 0; i < 20; i++) {
      await s.store(`w${i}`, session(s, `w${i}`, { i }));
      highest = Math.max(highest, s.getCheckpointBacklog().bytes);
    }
    const body = fs.readFileSync(path.join(dir, sessionFiles()[0])).length;
    expect(highest, 'backlog bytes').to.be.below(1_000 + body);
    expect(sessionFiles().length, 'files written by the checkpoints the writes waited for').to.be.at.least(20 - Math.ceil(1_000 / body) - 1);
    for (let i = 0; i < 20; i++) expect((await s.load(`w${i}`))!.getAttribute('i')).to.equal(i);
  });

  it('lets a write that waits for room go on as soon as the checkpoint has written enough files, not at its end', async () => {
    const s = await started(dir, '/test', 0, 1_000);
    const events: string[] = [];
    const realOpen = fs.promises.open;
    sinon.stub(fs.promises, 'open').callsFake((async (file: fs.PathLike, flags?: string | number, mode?: fs.Mode) => {
      const sessionFile = flags === 'wx' && !path.basename(String(file)).startsWith('.pier-journal-');
      if (sessionFile) await new Promise((r) => setTimeout(r, 25));
      const fh = await realOpen(file, flags, mode);
      if (sessionFile) events.push('file');
      return fh;
    }) as typeof fs.promises.open);
    const realUnlink = fs.promises.unlink;
    sinon.stub(fs.promises, 'unlink').callsFake((async (file: fs.PathLike) => {
      if (path.basename(String(file)).startsWith('.pier-journal-')) events.push('checkpoint done');
      return realUnlink(file);
    }) as typeof fs.promises.unlink);
    for (let i = 0; i < 12; i++) {
      await s.store(`r${i}`, session(s, `r${i}`, { i }));
      events.push('stored');
    }
    const during = events.some((e, i) => e === 'file' && events.slice(i + 1, events.indexOf('checkpoint done', i)).includes('stored'));
    expect(during, `a write went on while a checkpoint was still writing: ${events.join(', ')}`).to.equal(true);
    for (let i = 0; i < 12; i++) expect((await s.load(`r${i}`))!.getAttribute('i')).to.equal(i);
  });

  it('fails a write, and keeps what is stored, when the backlog is full and the checkpoint cannot write', async () => {
    const s = await started(dir, '/test', 0, 1);
    await s.store('f1', session(s, 'f1', { v: 1 }));
    const open = failSessionFileCreation('ENOSPC');
    let err: unknown;
    try {
      await s.store('f2', session(s, 'f2', { v: 2 }));
    } catch (e) {
      err = e;
    }
    open.restore();
    expect(err).to.be.instanceOf(UnwritableSessionDataError);
    expect((err as Error).message).to.match(/f2/);
    expect((await s.load('f1'))!.getAttribute('v')).to.equal(1);
    expect(await s.load('f2')).to.equal(null);
    await s.store('f2', session(s, 'f2', { v: 2 }));
    const after = await started(crashImage());
    expect((await after.load('f1'))!.getAttribute('v')).to.equal(1);
    expect((await after.load('f2'))!.getAttribute('v')).to.equal(2);
  });

  it('keeps a deleted session deleted after a crash, even though its file was written before', async () => {
    const s = await started();
    await s.store('d1', session(s, 'd1'));
    await s.checkpoint();
    expect(sessionFiles()).to.have.length(1);
    expect(await s.delete('d1')).to.equal(true);
    expect(await s.load('d1')).to.equal(null);
    expect(await s.exists('d1')).to.equal(false);
    const after = await started(crashImage());
    expect(await after.load('d1')).to.equal(null);
    await after.checkpoint();
    expect(sessionFiles(after.getStoreDir()!)).to.deep.equal([]);
  });

  it('keeps every whole record of a journal cut short by a power cut, with one warning line', async () => {
    const s = await started();
    await s.store('t1', session(s, 't1', { v: 1 }));
    await s.store('t2', session(s, 't2', { v: 2 }));
    const image = crashImage();
    const [journal] = journals(image);
    const full = path.join(image, journal);
    fs.truncateSync(full, fs.statSync(full).size - 3);
    const after = await started(image);
    expect((await after.load('t1'))!.getAttribute('v')).to.equal(1);
    expect(await after.load('t2')).to.equal(null);
    expect(warn.callCount).to.equal(1);
    expect(String(warn.firstCall.args[0])).to.match(/Session journal '.*': a frame is cut short; kept its first 1 record/);
  });

  it('fails the writes of a batch whose journal write fails, and cuts its torn bytes before the next batch', async () => {
    const s = await started();
    await s.store('ok1', session(s, 'ok1', { v: 1 }));
    const proto = await fileHandlePrototype(dir);
    const realWrite = proto.write;
    const write = sinon.stub(proto, 'write').callsFake(async function (
      this: FileHandle,
      buf: Buffer,
      offset = 0,
      length = buf.length,
      position?: number,
    ) {
      await (realWrite as (...args: unknown[]) => Promise<unknown>).call(this, buf, offset, Math.floor(length / 2), position);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    } as unknown as typeof proto.write);
    let err: unknown;
    try {
      await s.store('lost', session(s, 'lost', { v: 2 }));
    } catch (e) {
      err = e;
    }
    write.restore();
    expect(err).to.be.instanceOf(UnwritableSessionDataError);
    expect((err as Error).message).to.match(/lost/);
    await s.store('ok2', session(s, 'ok2', { v: 3 }));
    const after = await started(crashImage());
    expect((await after.load('ok1'))!.getAttribute('v')).to.equal(1);
    expect(await after.load('lost')).to.equal(null);
    expect((await after.load('ok2'))!.getAttribute('v')).to.equal(3);
    expect(warn.called, 'no damaged journal to report').to.equal(false);
  });

  it('keeps the journal when a checkpoint cannot write, warns once, and succeeds later', async () => {
    const s = await started();
    await s.store('k1', session(s, 'k1', { v: 1 }));
    const open = failSessionFileCreation('EROFS');
    await s.checkpoint().then(
      () => {
        throw new Error('the checkpoint should fail');
      },
      () => undefined,
    );
    await s.checkpoint().catch(() => undefined);
    open.restore();
    expect(warn.callCount).to.equal(1);
    expect(String(warn.firstCall.args[0])).to.match(/Cannot checkpoint the session journal .*EROFS.*retried/);
    expect(journals().length).to.be.at.least(1);
    expect((await s.load('k1'))!.getAttribute('v')).to.equal(1);
    await s.checkpoint();
    expect(journals()).to.deep.equal([]);
    expect(sessionFiles()).to.have.length(1);
  });

  it('lets each session out of the backlog as soon as its file is written, even when another file of the checkpoint fails', async () => {
    const s = await started();
    await s.store('ok', session(s, 'ok', { v: 1 }));
    await s.store('bad', session(s, 'bad', { v: 2 }));
    const realOpen = fs.promises.open;
    const open = sinon
      .stub(fs.promises, 'open')
      .callsFake(((file: fs.PathLike, flags?: string | number, mode?: fs.Mode) =>
        String(file).includes('_bad')
          ? Promise.reject(Object.assign(new Error('EIO: simulated, open'), { code: 'EIO' }))
          : realOpen(file, flags, mode)) as typeof fs.promises.open);
    await s.checkpoint().catch(() => undefined);
    open.restore();
    expect(s.getCheckpointBacklog().sessions).to.equal(1);
    expect(s.getFileFor('ok')).to.not.equal(null);
    expect(s.getFileFor('bad')).to.equal(null);
    expect(journals().length, 'the journal still holds both').to.be.at.least(1);
    const after = await started(crashImage());
    expect((await after.load('bad'))!.getAttribute('v')).to.equal(2);
    await s.checkpoint();
    expect(s.getCheckpointBacklog().sessions).to.equal(0);
    expect(journals()).to.deep.equal([]);
  });

  it('leaves only session files after a clean stop', async () => {
    const s = await started();
    await Promise.all(Array.from({ length: 5 }, (_, i) => s.store(`s${i}`, session(s, `s${i}`))));
    await s.stop();
    expect(journals()).to.deep.equal([]);
    expect(sessionFiles()).to.have.length(5);
  });

  it('writes the session files every checkpointPeriodMs by itself', async () => {
    const s = await started(dir, '/test', 20);
    await s.store('p1', session(s, 'p1'));
    for (let i = 0; i < 250 && sessionFiles().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sessionFiles()).to.have.length(1);
  });

  it('keeps one journal per context in a shared folder, each replayed by its own context', async () => {
    const a = await started(dir, '/a');
    const b = await started(dir, '/b');
    await a.store('same', session(a, 'same', { who: 'a' }));
    await b.store('same', session(b, 'same', { who: 'b' }));
    expect(journals()).to.have.length(2);
    const image = crashImage();
    const a2 = await started(image, '/a');
    await a2.checkpoint();
    expect(journals(image)).to.have.length(1);
    const b2 = await started(image, '/b');
    expect((await a2.load('same'))!.getAttribute('who')).to.equal('a');
    expect((await b2.load('same'))!.getAttribute('who')).to.equal('b');
    await b2.checkpoint();
    expect(journals(image)).to.deep.equal([]);
  });

  it("writes the session file at once, and never fsyncs, with durability os (Jetty 9.4's own)", async () => {
    const s = new FileSessionDataStore();
    s.setStoreDir(dir);
    s.setDurability('os');
    await s.initialize(makeContext());
    await s.start();
    stores.push(s);
    const proto = await fileHandlePrototype(dir);
    const sync = sinon.spy(proto, 'sync');
    const datasync = sinon.spy(proto, 'datasync');
    await s.store('o1', session(s, 'o1'));
    expect(sessionFiles()).to.have.length(1);
    expect(journals()).to.deep.equal([]);
    expect(sync.callCount + datasync.callCount).to.equal(0);
  });
});
