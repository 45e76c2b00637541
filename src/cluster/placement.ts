// Placement: which fragment owns a key (a user id), by a seeded 32-bit hash. Each layer that hashes
// passes its own seed, so two layers never collide on the same keys (the lesson of WhatsApp's
// hash-seed incident). The router places requests with it; the store is handed the router's function.

/** murmur3 (x86, 32-bit) over the UTF-16 code units of `key`, folded to bytes. */
export function hash32(key: string, seed: number): number {
  let h = seed >>> 0;
  const len = key.length;
  let i = 0;
  for (; i + 1 < len; i += 2) {
    let k = (key.charCodeAt(i) & 0xffff) | ((key.charCodeAt(i + 1) & 0xffff) << 16);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < len) {
    let k = key.charCodeAt(i) & 0xffff;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= len * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The fragment that owns `key` among `fragments`. */
export function fragmentOf(key: string, fragments: number, seed: number): number {
  return hash32(key, seed) % fragments;
}
