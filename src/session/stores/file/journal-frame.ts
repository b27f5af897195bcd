/**
 * The byte layout of a FileSessionDataStore journal: a header naming the context, then one checksummed
 * frame per record. Pure functions; SessionJournal does the I/O.
 * @module
 */
import { crc32 } from 'node:zlib';

/** The first bytes of every journal file ("PIERJNL" and a format digit). */
export const JOURNAL_MAGIC = Buffer.from('PIERJNL1', 'latin1');

/** What one journal record says about one session. */
export type JournalRecord =
  | { readonly op: 'store'; readonly id: string; readonly expiry: number; readonly body: Buffer }
  | { readonly op: 'delete'; readonly id: string };

const OP_STORE = 0x53; // 'S'
const OP_DELETE = 0x44; // 'D'
/** u32 payload length + u32 CRC-32 of the payload. */
const FRAME_HEAD = 8;
/** op u8, seq u32, expiry f64, id length u16. */
const PAYLOAD_HEAD = 1 + 4 + 8 + 2;

/** The header of a journal file: magic, u32 length, then `{"version":1,"context":...}` as JSON. */
export function encodeHeader(context: string): Buffer {
  const json = Buffer.from(JSON.stringify({ version: 1, context }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length, 0);
  return Buffer.concat([JOURNAL_MAGIC, len, json]);
}

/** The context a journal header names and where its frames start, or an error saying what is wrong. */
export function decodeHeader(bytes: Buffer): { context: string; offset: number } | { error: string } {
  if (bytes.length < JOURNAL_MAGIC.length + 4 || !bytes.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) {
    return { error: 'it does not start with a Pier journal header' };
  }
  const len = bytes.readUInt32LE(JOURNAL_MAGIC.length);
  const start = JOURNAL_MAGIC.length + 4;
  if (start + len > bytes.length) return { error: 'its header is truncated' };
  try {
    const header = JSON.parse(bytes.subarray(start, start + len).toString('utf8')) as { version?: unknown; context?: unknown };
    if (header.version !== 1 || typeof header.context !== 'string') return { error: `its header has an unknown version (${String(header.version)})` };
    return { context: header.context, offset: start + len };
  } catch {
    return { error: 'its header is not valid JSON' };
  }
}

/** One frame: length, checksum, then op, sequence number, expiry, id and (for a store) the session document. */
export function encodeFrame(record: JournalRecord, seq: number): Buffer {
  const id = Buffer.from(record.id, 'utf8');
  const body = record.op === 'store' ? record.body : null;
  const payloadLen = PAYLOAD_HEAD + id.length + (body ? body.length : 0);
  const frame = Buffer.allocUnsafe(FRAME_HEAD + payloadLen);
  let o = FRAME_HEAD;
  frame.writeUInt8(record.op === 'store' ? OP_STORE : OP_DELETE, o); o += 1;
  frame.writeUInt32LE(seq >>> 0, o); o += 4;
  frame.writeDoubleLE(record.op === 'store' ? record.expiry : 0, o); o += 8;
  frame.writeUInt16LE(id.length, o); o += 2;
  id.copy(frame, o); o += id.length;
  if (body) body.copy(frame, o);
  frame.writeUInt32LE(payloadLen, 0);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEAD)), 4);
  return frame;
}

/** The records of a journal body, in order, and why reading stopped early (a torn or damaged tail), if it did. */
export interface DecodedFrames {
  readonly records: JournalRecord[];
  /** Bytes after the last good frame (0 when the journal ends cleanly). */
  readonly unreadBytes: number;
  readonly stoppedBecause: string | null;
}

/**
 * Reads frames from `offset` while each is whole, checksums and carries the next sequence number
 * (0, 1, 2...). The first frame that fails any of these ends the journal: what follows it was never
 * acknowledged, since a batch is acknowledged only after everything before it was synced.
 */
export function decodeFrames(bytes: Buffer, offset: number): DecodedFrames {
  const records: JournalRecord[] = [];
  let o = offset;
  let seq = 0;
  const stop = (why: string): DecodedFrames => ({ records, unreadBytes: bytes.length - o, stoppedBecause: why });
  while (o < bytes.length) {
    if (bytes.length - o < FRAME_HEAD) return stop('a frame header is cut short');
    const payloadLen = bytes.readUInt32LE(o);
    if (payloadLen < PAYLOAD_HEAD || payloadLen > bytes.length - o - FRAME_HEAD) return stop('a frame is cut short');
    const payload = bytes.subarray(o + FRAME_HEAD, o + FRAME_HEAD + payloadLen);
    if (crc32(payload) !== bytes.readUInt32LE(o + 4)) return stop('a frame fails its checksum');
    const op = payload.readUInt8(0);
    if (payload.readUInt32LE(1) !== seq) return stop('a frame is out of sequence');
    const expiry = payload.readDoubleLE(5);
    const idLen = payload.readUInt16LE(13);
    if (PAYLOAD_HEAD + idLen > payloadLen) return stop('a frame\'s id overruns it');
    const id = payload.subarray(PAYLOAD_HEAD, PAYLOAD_HEAD + idLen).toString('utf8');
    if (op === OP_STORE) records.push({ op: 'store', id, expiry, body: Buffer.from(payload.subarray(PAYLOAD_HEAD + idLen)) });
    else if (op === OP_DELETE) records.push({ op: 'delete', id });
    else return stop(`a frame has an unknown operation (0x${op.toString(16)})`);
    o += FRAME_HEAD + payloadLen;
    seq++;
  }
  return { records, unreadBytes: 0, stoppedBecause: null };
}
