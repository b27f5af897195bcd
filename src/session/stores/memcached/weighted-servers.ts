/**
 * Which memcached server holds a key, when servers have weights (Jetty's `weights`, which xmemcached
 * honours): weighted rendezvous hashing, so each server gets a share of keys in proportion to its weight
 * and adding or removing one server moves only the keys it gains or loses.
 * @module
 */

/** FNV-1a over the UTF-16 code units of `s`, as an unsigned 32-bit integer. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // a final avalanche so that neighbouring keys spread over the whole range
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The index of the server (of `weights.length`) that holds `key`. A weight of 0 or less takes no keys
 * unless every weight is; equal weights give each server an equal share.
 */
export function chooseServer(key: string, weights: readonly number[]): number {
  let best = 0;
  let bestScore = -Infinity;
  const anyPositive = weights.some((w) => w > 0);
  for (let i = 0; i < weights.length; i++) {
    const w = anyPositive ? weights[i] : 1;
    if (w <= 0) continue;
    // u in (0, 1), a uniform hash of (key, server); -w / ln(u) is the weighted rendezvous score
    const u = (fnv1a(`${i}\u0000${key}`) + 0.5) / 4294967296;
    const score = -w / Math.log(u);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}
