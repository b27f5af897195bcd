/**
 * Byte ranges for the DefaultServlet (Jetty's InclusiveByteRange and MultiPartOutputStream): the
 * `Range` header read into the satisfiable ranges of a file, overlapping ones coalesced, and the
 * `multipart/byteranges` body that carries several of them.
 * @module
 */
import * as fs from 'node:fs';
import { randomInt } from 'node:crypto';
import { Readable } from 'node:stream';

/** An inclusive byte range of a file. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

const SPEC = /^(\d*)\s*-\s*(\d*)$/;

/**
 * The satisfiable ranges a `Range` header asks of a file of `size` bytes, in the order asked, ranges that
 * overlap coalesced into the first (as Jetty 9.4); `'unsatisfiable'` when it names ranges but none lies in
 * the file (416); null when the header is to be ignored (another unit than `bytes`, or no well-formed range
 * at all: RFC 9110 lets a server ignore it, and the whole file is sent). A malformed range among good ones
 * is skipped, as Jetty skips it.
 */
export function parseRanges(header: string, size: number): ByteRange[] | 'unsatisfiable' | null {
  const unit = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (!unit) return null;
  let wellFormed = false;
  const out: ByteRange[] = [];
  for (const raw of unit[1].split(',')) {
    const m = SPEC.exec(raw.trim());
    if (!m || (m[1] === '' && m[2] === '')) continue;
    if (m[1] !== '' && m[2] !== '' && Number(m[2]) < Number(m[1])) continue;
    wellFormed = true;
    let range: ByteRange;
    if (m[1] === '') {
      const suffix = Number(m[2]);
      if (suffix === 0 || size === 0) continue;
      range = { start: Math.max(0, size - suffix), end: size - 1 };
    } else {
      const start = Number(m[1]);
      if (start >= size) continue;
      range = { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
    }
    addCoalescing(out, range);
  }
  if (out.length > 0) return out;
  return wellFormed ? 'unsatisfiable' : null;
}

/** Adds `range` to `ranges`, merging it into the first range it overlaps and that one with later overlapping ones. */
function addCoalescing(ranges: ByteRange[], range: ByteRange): void {
  const overlaps = (a: ByteRange, b: ByteRange): boolean => a.start <= b.end && b.start <= a.end;
  const i = ranges.findIndex((r) => overlaps(r, range));
  if (i < 0) {
    ranges.push(range);
    return;
  }
  let merged: ByteRange = { start: Math.min(ranges[i].start, range.start), end: Math.max(ranges[i].end, range.end) };
  for (let j = i + 1; j < ranges.length;) {
    if (overlaps(ranges[j], merged)) {
      merged = { start: Math.min(merged.start, ranges[j].start), end: Math.max(merged.end, ranges[j].end) };
      ranges.splice(j, 1);
    } else j++;
  }
  ranges[i] = merged;
}

/** A `multipart/byteranges` body of several ranges of one file: its Content-Type, exact length and stream. */
export interface MultipartByteRanges {
  readonly contentType: string;
  readonly length: number;
  /** Opens the file for each part in turn. */
  stream(): Readable;
}

/**
 * Lays out several ranges of `file` as Jetty's MultiPartOutputStream does: a boundary `jetty<n><time in
 * base 36>`, each part `--boundary`, its Content-Type (when the file has one) and Content-Range, a blank
 * line, the bytes; then `--boundary--`. Every line ends in CRLF.
 */
export function multipartByteRanges(file: string, ranges: readonly ByteRange[], size: number, partType: string | null): MultipartByteRanges {
  const boundary = `jetty${randomInt(2 ** 31 - 1)}${Date.now().toString(36)}`;
  const heads = ranges.map((r, i) =>
    Buffer.from(
      `${i === 0 ? '' : '\r\n'}--${boundary}\r\n` +
        `${partType ? `Content-Type: ${partType}\r\n` : ''}Content-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`,
      'latin1',
    ),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  const length = heads.reduce((n, h) => n + h.length, 0) + ranges.reduce((n, r) => n + r.end - r.start + 1, 0) + tail.length;
  return {
    contentType: `multipart/byteranges; boundary=${boundary}`,
    length,
    stream: () =>
      Readable.from(
        (async function* parts(): AsyncGenerator<Buffer> {
          for (let i = 0; i < ranges.length; i++) {
            yield heads[i];
            for await (const chunk of fs.createReadStream(file, { start: ranges[i].start, end: ranges[i].end })) yield chunk as Buffer;
          }
          yield tail;
        })(),
      ),
  };
}
