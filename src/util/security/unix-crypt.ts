/**
 * The traditional Unix crypt(3) password hash (DES, 25 rounds, 12-bit salt), as Jetty's
 * org.eclipse.jetty.util.security.UnixCrypt computes it for `CRYPT:` passwords in realm files.
 * BASIC sends the password with every request, so a CRYPT user's every request runs it: the 400 rounds
 * work on 32-bit words, with the S-boxes and the P permutation folded into eight 64-entry tables and the
 * salt applied as a swap mask on the expanded half-block; the permutations that run once per hash (the key
 * schedule, the final permutation) stay bit by bit, as the standard writes them.
 * @module
 */

const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8, 57, 49, 41, 33, 25, 17,
  9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
];
/** The final permutation is the inverse of IP. */
const FP = (() => {
  const fp = new Array<number>(64);
  IP.forEach((from, to) => {
    fp[from - 1] = to + 1;
  });
  return fp;
})();
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25];
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36, 63, 55, 47, 39, 31, 23, 15, 7, 62, 54,
  46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2, 41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39,
  56, 34, 53, 46, 42, 50, 36, 29, 32,
];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const S = [
  [
    14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8, 4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9,
    7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,
  ],
  [
    15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5, 0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12,
    6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,
  ],
  [
    10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1, 13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2,
    12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,
  ],
  [
    7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9, 10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3,
    14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,
  ],
  [
    2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6, 4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12,
    5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,
  ],
  [
    12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8, 9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4,
    10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,
  ],
  [
    4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6, 1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6,
    8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,
  ],
  [
    13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2, 7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10,
    13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
  ],
];

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The 6-bit value of a salt character (characters outside the alphabet count as in the classic code). */
function saltValue(ch: string): number {
  const i = ALPHABET.indexOf(ch);
  if (i >= 0) return i;
  let c = ch.charCodeAt(0);
  if (c > 0x5a) c -= 6;
  if (c > 0x39) c -= 7;
  return (c - 0x2e) & 0x3f;
}

/** The 16 round keys, each as two 24-bit words (the halves that meet E's two halves). */
function keySchedule(key: number[]): { kl: Int32Array; kr: Int32Array } {
  let c = 0;
  let d = 0;
  for (let i = 0; i < 28; i++) {
    c = (c << 1) | key[PC1[i] - 1];
    d = (d << 1) | key[PC1[i + 28] - 1];
  }
  const kl = new Int32Array(16);
  const kr = new Int32Array(16);
  SHIFTS.forEach((n, round) => {
    c = ((c << n) | (c >>> (28 - n))) & 0xfffffff;
    d = ((d << n) | (d >>> (28 - n))) & 0xfffffff;
    let l = 0;
    let r = 0;
    for (let i = 0; i < 24; i++) {
      l = (l << 1) | bitOfCD(c, d, PC2[i]);
      r = (r << 1) | bitOfCD(c, d, PC2[i + 24]);
    }
    kl[round] = l;
    kr[round] = r;
  });
  return { kl, kr };
}

/** Bit `p` (1..56) of the 56 bits C then D. */
function bitOfCD(c: number, d: number, p: number): number {
  return p <= 28 ? (c >>> (28 - p)) & 1 : (d >>> (56 - p)) & 1;
}

/**
 * SP[box][six bits]: the S-box's 4-bit output placed at its output bits, then put through P, as a 32-bit
 * word (DES bit 1 is the word's most significant bit). A round's f is the OR of eight lookups.
 */
const SP: Uint32Array[] = S.map((box, s) => {
  const table = new Uint32Array(64);
  for (let v = 0; v < 64; v++) {
    const row = ((v >> 4) & 2) | (v & 1);
    const col = (v >> 1) & 15;
    const out = box[row * 16 + col];
    let word = 0;
    for (let i = 0; i < 32; i++) {
      // P's output bit i+1 takes f's bit P[i]; f's bits 4s+1..4s+4 are this box's output
      const from = P[i] - 1 - 4 * s;
      if (from >= 0 && from < 4 && (out >> (3 - from)) & 1) word |= 1 << (31 - i);
    }
    table[v] = word >>> 0;
  }
  return table;
});

/**
 * The f function of one round: E-expansion of `r` into two 24-bit halves (eight 6-bit groups), the
 * salt's swaps between the halves, the subkey, then the S and P tables.
 */
function f(r: number, saltMask: number, kl: number, kr: number): number {
  // rotated right by one, E's groups are the six-bit windows at every fourth bit (the last one wraps)
  const rot = ((r >>> 1) | (r << 31)) >>> 0;
  let el = (((rot >>> 26) & 63) << 18) | (((rot >>> 22) & 63) << 12) | (((rot >>> 18) & 63) << 6) | ((rot >>> 14) & 63);
  let er = (((rot >>> 10) & 63) << 18) | (((rot >>> 6) & 63) << 12) | (((rot >>> 2) & 63) << 6) | (((rot & 15) << 2) | (rot >>> 30));
  const t = (el ^ er) & saltMask;
  el ^= t ^ kl;
  er ^= t ^ kr;
  return (
    SP[0][el >>> 18] |
    SP[1][(el >>> 12) & 63] |
    SP[2][(el >>> 6) & 63] |
    SP[3][el & 63] |
    SP[4][er >>> 18] |
    SP[5][(er >>> 12) & 63] |
    SP[6][(er >>> 6) & 63] |
    SP[7][er & 63]
  );
}

/** crypt(3): the 13-character hash of `password` (its first 8 characters count) with a 2-character salt. */
export function unixCrypt(password: string, salt: string): string {
  const s = (salt + 'AA').slice(0, 2);
  const key = new Array<number>(64).fill(0);
  for (let i = 0; i < 8 && i < password.length; i++) {
    const c = password.charCodeAt(i) & 0x7f;
    for (let j = 0; j < 7; j++) key[i * 8 + j] = (c >> (6 - j)) & 1;
  }
  // salt bit j swaps E's outputs j and j+24: as a mask on the first 24-bit half
  let saltMask = 0;
  for (let i = 0; i < 2; i++) {
    const v = saltValue(s[i]);
    for (let j = 0; j < 6; j++) if ((v >> j) & 1) saltMask |= 1 << (23 - (6 * i + j));
  }
  const { kl, kr } = keySchedule(key);
  // 25 encryptions of the zero block; IP of zero is zero, and FP then IP between two encryptions cancel
  // out, leaving the swap of the halves
  let l = 0;
  let r = 0;
  for (let i = 0; i < 25; i++) {
    for (let round = 0; round < 16; round++) {
      const next = (l ^ f(r, saltMask, kl[round], kr[round])) >>> 0;
      l = r;
      r = next;
    }
    const t = l;
    l = r;
    r = t;
  }
  const preOutput: number[] = [];
  for (let i = 31; i >= 0; i--) preOutput.push((l >>> i) & 1);
  for (let i = 31; i >= 0; i--) preOutput.push((r >>> i) & 1);
  const block = FP.map((p) => preOutput[p - 1]);
  block.push(0, 0);
  let out = s;
  for (let i = 0; i < 11; i++) {
    let c = 0;
    for (let j = 0; j < 6; j++) c = (c << 1) | block[6 * i + j];
    out += ALPHABET[c];
  }
  return out;
}
