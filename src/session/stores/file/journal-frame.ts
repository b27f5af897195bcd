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
  { readonly op: 'store'; readonly id: string; readonly expiry: number; readonly body: Buffer } | { readonly op: 'delete'; readonly id: string };

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
  frame.writeUInt8(record.op === 'store' ? OP_STORE : OP_DELETE, o);
  o += 1;
  frame.writeUInt32LE(seq >>> 0, o);
  o += 4;
  frame.writeDoubleLE(record.op === 'store' ? record.expiry : 0, o);
  o += 8;
  frame.writeUInt16LE(id.length, o);
  o += 2;
  id.copy(frame, o);
  o += id.length;
  if (body) body.copy(frame, o);
  frame.writeUInt32LE(payloadLen, 0);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEAD)), 4);
  return frame;
}

/**
 * Unreadable bytes in the middle of a journal: readable frames follow them. Frames are written in
 * order and a batch is written only after the one before it was synced and acknowledged, so the
 * records these bytes held were acknowledged, unless the damage is the torn last write of a crash.
 */
export interface JournalDamage {
  /** Where the unreadable bytes start (from the start of the file). */
  readonly offset: number;
  readonly bytes: number;
  /** Why the first frame there could not be read. */
  readonly reason: string;
  /** Sequence numbers of the records that could not be read: `firstSeq` to `firstSeq + records - 1`. */
  readonly firstSeq: number;
  readonly records: number;
}

/** The records of a journal body, in order, the damage in its middle, and how its tail ended. */
export interface DecodedFrames {
  readonly records: JournalRecord[];
  /** Damage followed by readable frames (their records are read on; see JournalDamage). */
  readonly damaged: JournalDamage[];
  /** Bytes after the last readable frame, none of them a readable frame (0 when the journal ends cleanly). */
  readonly unreadBytes: number;
  /** Why the tail could not be read, or null. */
  readonly stoppedBecause: string | null;
}

/** A frame read at one offset, or why it could not be. */
type FrameAt = { record: JournalRecord; seq: number; end: number } | { error: string };

function frameAt(bytes: Buffer, o: number): FrameAt {
  if (bytes.length - o < FRAME_HEAD) return { error: 'a frame header is cut short' };
  const payloadLen = bytes.readUInt32LE(o);
  if (payloadLen < PAYLOAD_HEAD || payloadLen > bytes.length - o - FRAME_HEAD) return { error: 'a frame is cut short' };
  const payload = bytes.subarray(o + FRAME_HEAD, o + FRAME_HEAD + payloadLen);
  const op = payload.readUInt8(0);
  const seq = payload.readUInt32LE(1);
  const idLen = payload.readUInt16LE(13);
  if (crc32(payload) !== bytes.readUInt32LE(o + 4)) return { error: 'a frame fails its checksum' };
  if (PAYLOAD_HEAD + idLen > payloadLen) return { error: "a frame's id overruns it" };
  const id = payload.subarray(PAYLOAD_HEAD, PAYLOAD_HEAD + idLen).toString('utf8');
  const end = o + FRAME_HEAD + payloadLen;
  if (op === OP_STORE)
    return { record: { op: 'store', id, expiry: payload.readDoubleLE(5), body: Buffer.from(payload.subarray(PAYLOAD_HEAD + idLen)) }, seq, end };
  if (op === OP_DELETE) return { record: { op: 'delete', id }, seq, end };
  return { error: `a frame has an unknown operation (0x${op.toString(16)})` };
}

/** Longest session id a frame can hold when the journal looks for readable frames past damage. */
const MAX_ID_BYTES = 512;

/**
 * The first readable frame after damage at `from`, carrying a sequence number above `seq`: candidates
 * are filtered on their op, sequence and id length before their checksum is computed, so the search
 * stays linear in practice.
 */
function nextReadable(bytes: Buffer, from: number, seq: number): { at: number; frame: Extract<FrameAt, { seq: number }> } | null {
  for (let o = from; o + FRAME_HEAD + PAYLOAD_HEAD <= bytes.length; o++) {
    const op = bytes[o + FRAME_HEAD];
    if (op !== OP_STORE && op !== OP_DELETE) continue;
    const s = bytes.readUInt32LE(o + FRAME_HEAD + 1);
    if (s <= seq || s - seq > bytes.length) continue;
    if (bytes.readUInt16LE(o + FRAME_HEAD + 13) > MAX_ID_BYTES) continue;
    const f = frameAt(bytes, o);
    if ('record' in f && f.seq === s) return { at: o, frame: f };
  }
  return null;
}

/**
 * Reads frames from `offset`, each whole, checksummed and carrying the next sequence number (0, 1,
 * 2...). At the first frame that fails, it looks for a later readable frame with a higher sequence
 * number: if there is one, the bytes between are damage in the middle of the journal (reported, and
 * reading goes on from there); if not, they are the tail of a write cut short by a crash, which was
 * never acknowledged, since a batch is acknowledged only once it is synced.
 */
export function decodeFrames(bytes: Buffer, offset: number): DecodedFrames {
  const records: JournalRecord[] = [];
  const damaged: JournalDamage[] = [];
  let o = offset;
  let seq = 0;
  while (o < bytes.length) {
    const f = frameAt(bytes, o);
    if ('record' in f && f.seq === seq) {
      records.push(f.record);
      o = f.end;
      seq++;
      continue;
    }
    const reason = 'error' in f ? f.error : 'a frame is out of sequence';
    const next = nextReadable(bytes, o + 1, seq - 1);
    if (next === null) return { records, damaged, unreadBytes: bytes.length - o, stoppedBecause: reason };
    damaged.push({ offset: o, bytes: next.at - o, reason, firstSeq: seq, records: next.frame.seq - seq });
    o = next.at;
    seq = next.frame.seq;
  }
  return { records, damaged, unreadBytes: 0, stoppedBecause: null };
}
