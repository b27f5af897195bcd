import { expect } from 'chai';
import { decodeFrames, decodeHeader, encodeFrame, encodeHeader, type JournalRecord } from '../../../../src/session/stores/file/journal-frame';

describe('the session journal format', () => {
  const records: JournalRecord[] = [
    { op: 'store', id: 'node0abc', expiry: 1795245545143, body: Buffer.from('{"n":1}') },
    { op: 'delete', id: 'node0old' },
    { op: 'store', id: 'node0abc', expiry: 0, body: Buffer.from('{"n":2,"é":"ü"}') },
  ];
  const journal = (context = '_ctx_0.0.0.0', list = records): Buffer =>
    Buffer.concat([encodeHeader(context), ...list.map((r, i) => encodeFrame(r, i))]);

  it('reads back the context of its header and every record in order', () => {
    const bytes = journal();
    const header = decodeHeader(bytes);
    expect(header).to.include({ context: '_ctx_0.0.0.0' });
    const decoded = decodeFrames(bytes, (header as { offset: number }).offset);
    expect(decoded.stoppedBecause).to.equal(null);
    expect(decoded.records).to.deep.equal(records);
  });

  it('refuses a file that is not a journal', () => {
    expect(decodeHeader(Buffer.from('{"format":"pier-session"}')))
      .to.have.property('error')
      .that.matches(/journal header/);
    expect(decodeHeader(Buffer.alloc(0))).to.have.property('error');
  });

  it('stops at a torn last frame and says how many bytes it left', () => {
    const bytes = journal();
    const offset = (decodeHeader(bytes) as { offset: number }).offset;
    const torn = bytes.subarray(0, bytes.length - 3);
    const decoded = decodeFrames(torn, offset);
    expect(decoded.records).to.deep.equal(records.slice(0, 2));
    expect(decoded.stoppedBecause).to.match(/cut short/);
    expect(decoded.unreadBytes).to.be.greaterThan(0);
  });

  it('stops at a frame whose bytes changed (checksum)', () => {
    const bytes = Buffer.from(journal());
    bytes[bytes.length - 2] ^= 0xff;
    const decoded = decodeFrames(bytes, (decodeHeader(bytes) as { offset: number }).offset);
    expect(decoded.records).to.have.length(2);
    expect(decoded.stoppedBecause).to.match(/checksum/);
  });

  it('tells damage in the middle from a torn tail: it reads on past a damaged frame and counts the records lost', () => {
    const bytes = Buffer.from(journal());
    const offset = (decodeHeader(bytes) as { offset: number }).offset;
    const second = offset + encodeFrame(records[0], 0).length;
    bytes[second + 20] ^= 0xff;
    const decoded = decodeFrames(bytes, offset);
    expect(decoded.records).to.deep.equal([records[0], records[2]]);
    expect(decoded.stoppedBecause).to.equal(null);
    expect(decoded.damaged).to.deep.equal([
      { offset: second, bytes: encodeFrame(records[1], 1).length, reason: 'a frame fails its checksum', firstSeq: 1, records: 1 },
    ]);
  });

  it('takes damage with nothing readable after it for a torn tail, whatever its size', () => {
    const bytes = Buffer.from(journal());
    const offset = (decodeHeader(bytes) as { offset: number }).offset;
    const second = offset + encodeFrame(records[0], 0).length;
    bytes.fill(0x41, second + 3);
    const decoded = decodeFrames(bytes, offset);
    expect(decoded.records).to.deep.equal([records[0]]);
    expect(decoded.damaged).to.deep.equal([]);
    expect(decoded.unreadBytes).to.equal(bytes.length - second);
  });

  it('stops at a frame out of sequence, so stale frames after a repaired write are never replayed', () => {
    const header = encodeHeader('_ctx_0.0.0.0');
    const bytes = Buffer.concat([header, encodeFrame(records[0], 0), encodeFrame(records[1], 5)]);
    const decoded = decodeFrames(bytes, header.length);
    expect(decoded.records).to.deep.equal([records[0]]);
    expect(decoded.stoppedBecause).to.match(/out of sequence/);
  });
});
