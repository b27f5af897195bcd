/**
 * Cryptographic random numbers drawn from a buffer that crypto.randomFillSync refills 4 KiB at a time:
 * filling 4 KiB costs about what filling 16 bytes does, so a session id's 128 bits cost a fraction of a
 * randomBytes(16) call (Node's own crypto.randomUUID() caches its randomness the same way). Every byte
 * is used once; nothing here is seeded or predictable.
 * @module
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/** The offset of `n` fresh random bytes in `pool` (refilled when fewer than `n` are left). */
function take(n: number): number {
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const at = offset;
  offset += n;
  return at;
}

/** 128 random bits as a non-negative bigint. */
export function randomBits128(): bigint {
  const at = take(16);
  return (pool.readBigUInt64BE(at) << 64n) | pool.readBigUInt64BE(at + 8);
}

/** `bytes` random bytes as lowercase hex (2 digits per byte; at most 256 bytes). */
export function randomHex(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 256) throw new RangeError(`Cannot draw ${bytes} random bytes: expected 1 to 256`);
  const at = take(bytes);
  return pool.toString('hex', at, at + bytes);
}
