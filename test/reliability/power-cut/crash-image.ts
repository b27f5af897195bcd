/**
 * Rebuilds, from an fs-recorder log, what a store folder holds after a power cut at any point of the
 * log. The model is the POSIX promise and nothing more:
 * - a file's data is on disk up to the last fsync/fdatasync of it that finished, as the file was when
 *   that sync began; later writes and truncations may be lost, the last one torn;
 * - a folder's entries (creations, renames, removals) are on disk up to the last fsync of the folder
 *   that finished, as they were when it began; later changes may be lost, in order (as journaling file
 *   systems keep them);
 * - a file that was never synced comes back empty (the zero-length file of ext4 after a crash).
 * `strict` images keep nothing beyond that; `partial` images keep, with a seeded random choice, a
 * prefix of the later changes of each file and of the folder (the last data change possibly torn).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RecordedOp } from './fs-recorder';

type DataOp = { kind: 'write'; pos: number; bytes: Buffer } | { kind: 'truncate'; len: number };
type NameOp = { kind: 'link'; name: string; inode: Inode } | { kind: 'rename'; from: string; to: string } | { kind: 'unlink'; name: string };

interface Inode {
  readonly base: Buffer;
  readonly ops: DataOp[];
  /** How many of `ops` are on disk for sure. */
  durable: number;
}

function apply(base: Buffer, ops: readonly DataOp[], tornBytes = -1): Buffer {
  let data = Buffer.from(base);
  ops.forEach((op, i) => {
    if (op.kind === 'truncate') {
      data = op.len <= data.length ? data.subarray(0, op.len) : Buffer.concat([data, Buffer.alloc(op.len - data.length)]);
      return;
    }
    const bytes = i === ops.length - 1 && tornBytes >= 0 ? op.bytes.subarray(0, tornBytes) : op.bytes;
    const end = op.pos + bytes.length;
    if (end > data.length) data = Buffer.concat([data, Buffer.alloc(end - data.length)]);
    bytes.copy(data, op.pos);
  });
  return data;
}

/** The state of the folder after a prefix of the log, and the marks (client acknowledgements) seen so far. */
export class CrashModel {
  private readonly _baseNames = new Map<string, Inode>();
  private readonly _nameOps: NameOp[] = [];
  private _namesDurable = 0;
  private readonly _handles = new Map<number, { inode: Inode | null; pos: number; append: boolean }>();
  private readonly _syncs = new Map<number, { inode: Inode | null; ops: number }>();
  readonly marks: Array<Record<string, unknown>> = [];
  readonly unmodelled: string[] = [];

  /** The current (volatile) name → inode map. */
  private names(count = this._nameOps.length): Map<string, Inode> {
    const m = new Map(this._baseNames);
    for (const op of this._nameOps.slice(0, count)) {
      if (op.kind === 'link') m.set(op.name, op.inode);
      else if (op.kind === 'unlink') m.delete(op.name);
      else if (m.has(op.from)) {
        m.set(op.to, m.get(op.from) as Inode);
        m.delete(op.from);
      }
    }
    return m;
  }

  private current = new Map<string, Inode>();

  apply(op: RecordedOp): void {
    switch (op.t) {
      case 'init':
        for (const [name, b64] of Object.entries(op.files)) {
          const inode: Inode = { base: Buffer.from(b64, 'base64'), ops: [], durable: 0 };
          this._baseNames.set(name, inode);
        }
        this.current = this.names();
        return;
      case 'open': {
        if (op.name === '.') {
          this._handles.set(op.h, { inode: null, pos: 0, append: false });
          return;
        }
        let inode = this.current.get(op.name);
        if (!inode) {
          inode = { base: Buffer.alloc(0), ops: [], durable: 0 };
          this._nameOps.push({ kind: 'link', name: op.name, inode });
          this.current.set(op.name, inode);
        } else if (op.trunc) {
          inode.ops.push({ kind: 'truncate', len: 0 });
        }
        this._handles.set(op.h, { inode, pos: 0, append: op.append });
        return;
      }
      case 'write': {
        const h = this._handles.get(op.h);
        if (!h?.inode) return;
        const bytes = Buffer.from(op.b64, 'base64');
        const pos = op.pos ?? (h.append ? apply(h.inode.base, h.inode.ops).length : h.pos);
        h.inode.ops.push({ kind: 'write', pos, bytes });
        if (op.pos === null) h.pos = pos + bytes.length;
        return;
      }
      case 'truncate': {
        const h = this._handles.get(op.h);
        if (h?.inode) h.inode.ops.push({ kind: 'truncate', len: op.len });
        return;
      }
      case 'sync-begin': {
        const h = this._handles.get(op.h);
        if (!h) return;
        this._syncs.set(op.s, { inode: h.inode, ops: h.inode ? h.inode.ops.length : this._nameOps.length });
        return;
      }
      case 'sync-end': {
        const s = this._syncs.get(op.s);
        if (!s) return;
        this._syncs.delete(op.s);
        if (s.inode) s.inode.durable = Math.max(s.inode.durable, s.ops);
        else this._namesDurable = Math.max(this._namesDurable, s.ops);
        return;
      }
      case 'rename':
        this._nameOps.push({ kind: 'rename', from: op.from, to: op.to });
        if (this.current.has(op.from)) {
          this.current.set(op.to, this.current.get(op.from) as Inode);
          this.current.delete(op.from);
        }
        return;
      case 'unlink':
        this._nameOps.push({ kind: 'unlink', name: op.name });
        this.current.delete(op.name);
        return;
      case 'unmodelled':
        this.unmodelled.push(`${op.what} ${op.name}`);
        return;
      case 'mark':
        this.marks.push(op);
        return;
    }
  }

  /**
   * Writes into `into` (an empty folder) what the disk would hold after a power cut now: `random` null
   * for the strict image, or a seeded random source for a partial one.
   */
  materialize(into: string, random: (() => number) | null): void {
    const pick = (from: number, to: number): number => (random === null || to <= from ? from : from + Math.floor(random() * (to - from + 1)));
    const names = this.names(pick(this._namesDurable, this._nameOps.length));
    const contents = new Map<Inode, Buffer>();
    for (const [name, inode] of names) {
      let data = contents.get(inode);
      if (data === undefined) {
        const kept = pick(inode.durable, inode.ops.length);
        const last = inode.ops[kept - 1];
        const torn =
          random !== null && kept > inode.durable && last?.kind === 'write' && random() < 0.5 ? Math.floor(random() * last.bytes.length) : -1;
        data = apply(inode.base, inode.ops.slice(0, kept), torn);
        contents.set(inode, data);
      }
      fs.writeFileSync(path.join(into, name), data);
    }
  }
}

/** The ops of a recorder log, in order (a last line cut by the kill is dropped). */
export function readLog(file: string): RecordedOp[] {
  const ops: RecordedOp[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      ops.push(JSON.parse(line) as RecordedOp);
    } catch {
      /* the line the kill cut */
    }
  }
  return ops;
}
