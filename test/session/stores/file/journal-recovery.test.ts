/**
 * What a FileSessionDataStore does at start with a journal it cannot read whole: a damaged header or an
 * unknown version, damage in the middle of a generation, a torn tail; and the one line that says what
 * was replayed. A crash is simulated by copying the store folder while the store runs.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileSessionDataStore } from '../../../../src/session/stores/file/file-session-data-store';
import { decodeHeader, encodeFrame } from '../../../../src/session/stores/file/journal-frame';
import { makeContext, tempDir, storeEntries } from '../../support';
import { captureLog } from '../../../support/log-capture';

describe('FileSessionDataStore reading back a journal it cannot read whole', () => {
  const temps: Array<{ dir: string; cleanup: () => void }> = [];
  const stores: FileSessionDataStore[] = [];
  const records = captureLog();
  const at = (level: string): string[] =>
    records.filter((r) => r.level === level && r.logger === 'org.eclipse.jetty.server.session').map((r) => r.message);
  const lines = {
    get warn(): string[] {
      return at('WARN');
    },
    get error(): string[] {
      return at('ERROR');
    },
    get info(): string[] {
      return at('INFO');
    },
  };

  afterEach(async () => {
    for (const s of stores.splice(0)) if (s.isRunning()) await s.stop().catch(() => undefined);
    for (const t of temps.splice(0)) t.cleanup();
  });

  function folder(): string {
    const t = tempDir();
    temps.push(t);
    return t.dir;
  }

  async function started(dir: string): Promise<FileSessionDataStore> {
    const s = new FileSessionDataStore();
    s.setStoreDir(dir);
    s.setCheckpointPeriodMs(0);
    await s.initialize(makeContext('/test'));
    await s.start();
    stores.push(s);
    return s;
  }

  /** A crash image holding one journal generation with the sessions `ids` (attribute v = index + 1), and its path. */
  async function journalWith(ids: string[]): Promise<{ dir: string; journal: string }> {
    const live = folder();
    const s = await started(live);
    for (const [i, id] of ids.entries()) {
      const t = Date.now();
      const d = s.newSessionData(id, t, t, t, 60_000);
      d.setAttribute('v', i + 1);
      await s.store(id, d);
    }
    const image = folder();
    for (const n of fs.readdirSync(live)) fs.copyFileSync(path.join(live, n), path.join(image, n));
    const journal = fs.readdirSync(image).find((n) => n.startsWith('.pier-journal-')) as string;
    return { dir: image, journal: path.join(image, journal) };
  }

  const names = (dir: string): string[] => storeEntries(dir).sort();

  for (const [what, damage] of [
    [
      'a damaged header',
      (b: Buffer) => {
        b[3] ^= 0xff;
      },
    ],
    [
      'a header of an unknown version (a later Pier)',
      (b: Buffer) => {
        b.write('{"version":2', 12, 'latin1');
      },
    ],
  ] as const) {
    it(`never deletes a generation with ${what}: it is kept unread under a name that says so, with one ERROR line`, async () => {
      const { dir, journal } = await journalWith(['h1', 'h2']);
      const bytes = fs.readFileSync(journal);
      damage(bytes);
      fs.writeFileSync(journal, bytes);
      const s = await started(dir);
      await s.checkpoint();
      await s.stop();
      const kept = names(dir).filter((n) => n.includes('.damaged-'));
      expect(kept, names(dir).join(', ')).to.have.length(1);
      expect(kept[0]).to.match(/^\.pier-journal-[0-9a-f]+-0\.damaged-\d{8}T\d{6}Z$/);
      expect(fs.readFileSync(path.join(dir, kept[0])).equals(bytes), "the kept bytes are the damaged file's").to.equal(true);
      expect(lines.error).to.have.length(1);
      expect(lines.error[0]).to.match(
        /^Cannot read session journal '.*-0': [^;]+; kept it unread as '.*\.damaged-.*'\. The sessions it holds were acknowledged and are not restored/,
      );
      expect(lines.warn.join('\n')).to.not.match(/Ignoring/);
    });
  }

  it('replays past damage in the middle of a generation, reports the acknowledged records lost as such, and keeps a copy', async () => {
    const { dir, journal } = await journalWith(['m1', 'm2', 'm3']);
    const bytes = fs.readFileSync(journal);
    const offset = (decodeHeader(bytes) as { offset: number }).offset;
    const firstFrame = 8 + bytes.readUInt32LE(offset);
    bytes[offset + firstFrame + 30] ^= 0x01;
    fs.writeFileSync(journal, bytes);
    const s = await started(dir);
    expect((await s.load('m1'))!.getAttribute('v')).to.equal(1);
    expect(await s.load('m2')).to.equal(null);
    expect((await s.load('m3'))!.getAttribute('v')).to.equal(3);
    expect(lines.error).to.have.length(1);
    expect(lines.error[0]).to.match(
      /^Session journal '.*-0' is damaged in the middle: \d+ byte\(s\) at offset \d+ \(a frame fails its checksum; record\(s\) 1 to 1\) cannot be read and later records can\. 1 acknowledged record\(s\) are lost/,
    );
    expect(lines.error[0]).to.match(/replayed the 2 readable record\(s\) and kept a copy as '.*\.damaged-/);
    expect(lines.warn).to.deep.equal([]);
    await s.checkpoint();
    const kept = names(dir).filter((n) => n.includes('.damaged-'));
    expect(kept).to.have.length(1);
    expect(fs.readFileSync(path.join(dir, kept[0])).equals(bytes)).to.equal(true);
    expect(
      names(dir).filter((n) => /^\.pier-journal-[0-9a-f]+-\d+$/.test(n)),
      'the generation itself is gone once its records are in files',
    ).to.deep.equal([]);
  });

  it('takes a tail cut short for a write that was never acknowledged (WARN), and removes the generation once replayed', async () => {
    const { dir, journal } = await journalWith(['t1', 't2']);
    fs.truncateSync(journal, fs.statSync(journal).size - 5);
    const s = await started(dir);
    expect((await s.load('t1'))!.getAttribute('v')).to.equal(1);
    expect(await s.load('t2')).to.equal(null);
    expect(lines.error).to.deep.equal([]);
    expect(lines.warn).to.have.length(1);
    expect(lines.warn[0]).to.match(
      /: a frame is cut short; kept its first 1 record\(s\) and ignored the last \d+ byte\(s\), a write cut short by a crash, which was never acknowledged$/,
    );
    await s.checkpoint();
    expect(names(dir).filter((n) => n.startsWith('.pier-journal-'))).to.deep.equal([]);
  });

  it('removes without a word a generation a crash left with only part of its header (nothing was written to it)', async () => {
    const { journal } = await journalWith(['p1']);
    const image = folder();
    const partial = path.join(image, `${path.basename(journal).replace(/-0$/, '-7')}`);
    fs.writeFileSync(partial, fs.readFileSync(journal).subarray(0, 10));
    const s = await started(image);
    await s.checkpoint();
    expect(names(image)).to.deep.equal([]);
    expect([...lines.warn, ...lines.error]).to.deep.equal([]);
  });

  it('says in one line how many records and sessions it replayed', async () => {
    const { dir, journal } = await journalWith(['r1', 'r2', 'r1']);
    const frame = encodeFrame({ op: 'delete', id: 'r2' }, 3);
    fs.appendFileSync(journal, frame);
    await started(dir);
    expect(lines.info).to.have.length(1);
    expect(lines.info[0]).to.match(
      /^Replayed the session journal of context '_test_0\.0\.0\.0' in '.*': 4 record\(s\) from 1 file\(s\), 1 session\(s\) stored and 1 deleted$/,
    );
  });
});
