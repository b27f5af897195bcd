import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { RolloverFileOutputStream, datedName } from '../../src/ioc/jetty-util-rollover-file-output-stream';
import { JavaTimeZone } from '../../src/ioc/java';

describe('RolloverFileOutputStream', () => {
  let dir: string;
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-rollover-'));
  });
  afterEach(() => {
    clock?.restore();
    clock = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes to the file named by the date in its time zone, and rolls over to a new file at midnight', () => {
    clock = sinon.useFakeTimers({ now: Date.parse('2024-03-01T23:59:30Z'), toFake: ['Date'] });
    const out = new RolloverFileOutputStream(path.join(dir, 'yyyy_mm_dd.jetty.log'), true, 90, JavaTimeZone.getTimeZone('GMT'));
    out.write('before midnight\n');
    expect(out.getDatedFilename()).to.equal(path.join(dir, '2024_03_01.jetty.log'));
    clock.setSystemTime(Date.parse('2024-03-02T00:00:30Z'));
    out.write('after midnight\n');
    out.close();
    expect(out.getDatedFilename()).to.equal(path.join(dir, '2024_03_02.jetty.log'));
    expect(fs.readFileSync(path.join(dir, '2024_03_01.jetty.log'), 'utf8')).to.equal('before midnight\n');
    expect(fs.readFileSync(path.join(dir, '2024_03_02.jetty.log'), 'utf8')).to.equal('after midnight\n');
  });

  it('dates the file in the zone it is given: GMT+10:00 is already the next day', () => {
    const at = new Date('2024-03-01T20:00:00Z');
    expect([datedName(at, 'GMT'), datedName(at, 'GMT+10:00'), datedName(at, 'America/New_York')]).to.deep.equal([
      '2024_03_01',
      '2024_03_02',
      '2024_03_01',
    ]);
  });

  it('continues an existing file when append is true, and keeps it aside under a time-stamped name when append is false', () => {
    const today = path.join(dir, `${datedName(new Date(), 'GMT')}.jetty.log`);
    fs.writeFileSync(today, 'earlier run\n');
    const appending = new RolloverFileOutputStream(path.join(dir, 'yyyy_mm_dd.jetty.log'), true);
    appending.write('second run\n');
    appending.close();
    expect(fs.readFileSync(today, 'utf8')).to.equal('earlier run\nsecond run\n');
    const replacing = new RolloverFileOutputStream(path.join(dir, 'yyyy_mm_dd.jetty.log'), false);
    replacing.write('third run\n');
    replacing.close();
    expect(fs.readFileSync(today, 'utf8')).to.equal('third run\n');
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith(`${path.basename(today)}.`));
    expect(kept).to.have.length(1);
    expect(fs.readFileSync(path.join(dir, kept[0]), 'utf8')).to.equal('earlier run\nsecond run\n');
  });

  it('deletes the files of its pattern older than retainDays, and leaves other files alone', () => {
    const old = path.join(dir, '2020_01_01.jetty.log');
    const recent = path.join(dir, '2020_01_02.jetty.log');
    const other = path.join(dir, 'notes.txt');
    for (const f of [old, recent, other]) fs.writeFileSync(f, 'x');
    const longAgo = new Date(Date.now() - 10 * 86_400_000);
    fs.utimesSync(old, longAgo, longAgo);
    fs.utimesSync(other, longAgo, longAgo);
    new RolloverFileOutputStream(path.join(dir, 'yyyy_mm_dd.jetty.log'), true, 5).close();
    expect([fs.existsSync(old), fs.existsSync(recent), fs.existsSync(other)]).to.deep.equal([false, true, true]);
  });
});
