// Set relations between prefixes: containment, overlap, equality and order.
import { maskOf } from './internal/bits.js';
import type { Prefix, Prefix4 } from './prefix.js';

/** True when the IPv4 prefix contains the address (a uint32). */
export function prefix4Contains(p: Prefix4, addr: number): boolean {
  return ((addr ^ p.network) & maskOf(p.length)) === 0;
}

/** True when the first `length` bits of two prefixes' networks agree (same family assumed). */
function samePrefixBits(a: Prefix, b: Prefix, length: number): boolean {
  if (a.family === 4 && b.family === 4) return ((a.network ^ b.network) & maskOf(length)) === 0;
  if (a.family === 6 && b.family === 6) {
    for (let i = 0; i < 4; i++) {
      if ((((a.words[i] ?? 0) ^ (b.words[i] ?? 0)) & maskOf(length - 32 * i)) !== 0) return false;
    }
    return true;
  }
  return false;
}

/** True when `inner` lies inside `outer` (or equals it). Prefixes of different families never nest. */
export function prefixContainsPrefix(outer: Prefix, inner: Prefix): boolean {
  return (
    outer.family === inner.family &&
    outer.length <= inner.length &&
    samePrefixBits(outer, inner, outer.length)
  );
}

/** True when the two prefixes share an address (for prefixes: one contains the other). */
export function prefixesOverlap(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && samePrefixBits(a, b, Math.min(a.length, b.length));
}

/** True when both prefixes have the same family, network and length. */
export function prefixEquals(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && a.length === b.length && samePrefixBits(a, b, a.length);
}

/** The number of addresses in an IPv4 prefix (2^(32 - length), up to 4294967296). */
export function prefix4Size(p: Prefix4): number {
  return 2 ** (32 - p.length);
}

/** The last (broadcast) address of an IPv4 prefix, as a uint32. */
export function prefix4Last(p: Prefix4): number {
  return (p.network | ~maskOf(p.length)) >>> 0;
}

/**
 * Orders prefixes by family (IPv4 first), then network (unsigned), then length (shorter first):
 * the order of a pre-order walk of a trie, where a prefix comes before the prefixes inside it.
 */
export function comparePrefixes(a: Prefix, b: Prefix): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.family === 4 && b.family === 4) {
    if (a.network !== b.network) return a.network < b.network ? -1 : 1;
  } else if (a.family === 6 && b.family === 6) {
    for (let i = 0; i < 4; i++) {
      const x = a.words[i] ?? 0;
      const y = b.words[i] ?? 0;
      if (x !== y) return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}
