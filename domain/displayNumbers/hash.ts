/**
 * Deterministic 32-bit string hashing for reproducible "pseudo-random" choices in workflow code.
 * Pure ECMAScript: no Node built-ins, no TextEncoder, no randomness.
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `key` (lone surrogates are encoded as U+FFFD, as
 * TextEncoder does). Returns an unsigned integer in [0, 2^32). Matches the published test vectors,
 * e.g. fnv1a32('') === 0x811c9dc5, fnv1a32('a') === 0xe40c292c, fnv1a32('foobar') === 0xbf9cf968.
 */
export function fnv1a32(key: string): number {
  let h = FNV_OFFSET_BASIS;
  for (let i = 0; i < key.length; i++) {
    let cp = key.charCodeAt(i);
    if (cp < 0x80) {
      h = Math.imul(h ^ cp, FNV_PRIME);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = i + 1 < key.length ? key.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      cp = 0xfffd;
    }
    if (cp < 0x800) {
      h = Math.imul(h ^ (0xc0 | (cp >> 6)), FNV_PRIME);
    } else if (cp < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (cp >> 12)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((cp >> 6) & 0x3f)), FNV_PRIME);
    } else {
      h = Math.imul(h ^ (0xf0 | (cp >> 18)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((cp >> 12) & 0x3f)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((cp >> 6) & 0x3f)), FNV_PRIME);
    }
    h = Math.imul(h ^ (0x80 | (cp & 0x3f)), FNV_PRIME);
  }
  return h >>> 0;
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit (avalanche). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The hash used for automated display-number distribution: FNV-1a 32-bit over the key's UTF-8
 * bytes, then MurmurHash3's fmix32 finaliser so that keys differing only in their last characters
 * (":a1:n0" vs ":a1:n1") land far apart and `hash % n` is uniform for any small n.
 * Unsigned integer in [0, 2^32); the same key gives the same value on every run, process and
 * platform. Changing this function re-shuffles which number every call key maps to.
 */
export function stableHash(key: string): number {
  return fmix32(fnv1a32(key));
}
