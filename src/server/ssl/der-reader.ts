/**
 * A minimal reader of DER (the encoding of X.509 certificates and OpenSSL's session records): enough to
 * walk a certificate to its subject name and signature, and a session record to its id. It reads
 * definite lengths only (DER has no other) and refuses anything that runs past its buffer.
 * @module
 */

/** One DER element: its tag byte and the bytes of its value. */
export interface DerElement {
  readonly tag: number;
  readonly value: Buffer;
}

export const DER_SEQUENCE = 0x30;
export const DER_SET = 0x31;
export const DER_OID = 0x06;
export const DER_BIT_STRING = 0x03;
export const DER_OCTET_STRING = 0x04;

/** The elements one after another in `bytes` (a SEQUENCE's or SET's value). */
export function derChildren(bytes: Buffer): DerElement[] {
  const out: DerElement[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at];
    if ((tag & 0x1f) === 0x1f) throw new RangeError(`Cannot read DER: multi-byte tag at offset ${at}`);
    let length = bytes[at + 1];
    let start = at + 2;
    if (length === undefined) throw new RangeError(`Cannot read DER: truncated element at offset ${at}`);
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 4) throw new RangeError(`Cannot read DER: unsupported length of ${n} bytes at offset ${at}`);
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + (bytes[start + i] ?? 0);
      start += n;
    }
    if (start + length > bytes.length) throw new RangeError(`Cannot read DER: element at offset ${at} runs past the end`);
    out.push({ tag, value: bytes.subarray(start, start + length) });
    at = start + length;
  }
  return out;
}

/** The one element `bytes` holds (a whole certificate), checked to have the tag expected. */
export function derElement(bytes: Buffer, tag: number): DerElement {
  const [first] = derChildren(bytes);
  if (first === undefined || first.tag !== tag) throw new RangeError(`Cannot read DER: expected tag 0x${tag.toString(16)}`);
  return first;
}

/** An OBJECT IDENTIFIER's value in dotted form (`2.5.4.3`). */
export function derOid(value: Buffer): string {
  const parts: number[] = [];
  let n = 0;
  for (const b of value) {
    n = n * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      if (parts.length === 0) parts.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}
