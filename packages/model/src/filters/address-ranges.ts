/**
 * IPv4 address sets for the filter compilers (`<provider>/filters.ts`): the flattened
 * `[lo0, hi0, lo1, hi1, ...]` unsigned ranges a {@link FilterEntry} holds, built once per state
 * from the topology's prefix text. Nothing here runs per packet.
 */
import { parsePrefix } from '../internal/ip.js';
import type { FilterEntry } from './program.js';

/** A set of IPv4 addresses: sorted, disjoint, non-adjacent inclusive ranges, flattened. */
export type AddressRanges = readonly number[];

/** The range of an IPv4 prefix or address text (`10.0.0.0/16`, `10.0.0.4`); `undefined` for IPv6 or bad text. */
export function prefixRange(text: string): readonly [number, number] | undefined {
  // A bare IPv4 address as a /32 takes the parser's fast path.
  const p = parsePrefix(text.includes('/') || text.includes(':') ? text : `${text}/32`, { allowHost: true });
  if (!p || p.family !== 4) return undefined;
  const size = 2 ** (32 - p.length);
  return [p.network, p.network + size - 1];
}

/** The union of prefix texts (IPv6 and bad texts are left out). */
export function rangesOf(texts: Iterable<string>): AddressRanges {
  const pairs: [number, number][] = [];
  for (const t of texts) {
    const r = prefixRange(t);
    if (r) pairs.push([r[0], r[1]]);
  }
  return normalise(pairs);
}

/** Sort and merge ranges (overlapping or adjacent ones become one). */
export function normalise(pairs: readonly (readonly [number, number])[]): AddressRanges {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [lo, hi] of sorted) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) {
      if (hi > out[n - 1]!) out[n - 1] = hi;
    } else out.push(lo, hi);
  }
  return out;
}

/** `a ∪ b`. */
export function union(...sets: readonly AddressRanges[]): AddressRanges {
  const pairs: [number, number][] = [];
  for (const s of sets) for (let k = 0; k < s.length; k += 2) pairs.push([s[k]!, s[k + 1]!]);
  return normalise(pairs);
}

/** `a \ b` (both normalised). */
export function subtract(a: AddressRanges, b: AddressRanges): AddressRanges {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let lo = a[i]!;
    const hi = a[i + 1]!;
    while (j < b.length && b[j + 1]! < lo) j += 2;
    let k = j;
    while (lo <= hi && k < b.length && b[k]! <= hi) {
      if (b[k]! > lo) out.push(lo, b[k]! - 1);
      lo = Math.max(lo, b[k + 1]! + 1);
      k += 2;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

/** Port (or ICMP type/code) ranges merged the same way: a packet range lies inside the union iff inside one of these. */
export function mergePorts(
  ranges: readonly { readonly lo: number; readonly hi: number }[],
): readonly (readonly [number, number])[] {
  const flat = normalise(ranges.map((r) => [r.lo, r.hi] as const));
  const out: (readonly [number, number])[] = [];
  for (let k = 0; k < flat.length; k += 2) out.push([flat[k]!, flat[k + 1]!]);
  return out;
}

/**
 * A {@link FilterEntry} with its fields always in one order, so that every entry the plane's
 * `firstMatch` reads has one hidden class (monomorphic property loads on the hot path).
 */
export function filterEntry(
  object: string,
  rule: string,
  allow: boolean,
  protocol: number,
  dstPortLo: number,
  dstPortHi: number,
  srcPortLo: number,
  srcPortHi: number,
  src: AddressRanges | null,
  dst: AddressRanges | null,
): FilterEntry {
  return { object, rule, allow, protocol, dstPortLo, dstPortHi, srcPortLo, srcPortHi, src, dst };
}
