/**
 * Addresses and prefixes for the model's own (non-hot) use: parse the topology's text once,
 * compare and contain. Parsing, formatting and the set relations are `@cloudroute/lpm`'s; this
 * adapter adds what only the model needs (map keys, offsets inside a prefix) and the
 * "undefined instead of a throw" shape validation wants. Nothing here is exported from the
 * package.
 *
 *   Prefix4  { family: 4, network: uint32 (host bits zero), length: 0..32 }
 *   Prefix6  { family: 6, words: [w0, w1, w2, w3] (uint32, most significant first), length: 0..128 }
 *   Address4 { family: 4, value: uint32 }      Address6 { family: 6, words: [...] }
 */
import {
  comparePrefixes as lpmCompare,
  formatIpv4,
  formatIpv6,
  formatPrefix as lpmFormatPrefix,
  prefix4Contains,
  prefixContainsPrefix as lpmContainsPrefix,
  prefixEquals as lpmEquals,
  prefixesOverlap as lpmOverlap,
  tryParseAddress,
  tryParsePrefix,
} from '@cloudroute/lpm';
import type { Prefix, Prefix4, Prefix6 } from '@cloudroute/lpm';

export type { Prefix, Prefix4, Prefix6 };

export interface Address4 {
  readonly family: 4;
  readonly value: number;
}
export interface Address6 {
  readonly family: 6;
  readonly words: readonly [number, number, number, number];
}
export type Address = Address4 | Address6;

/** The uint32 mask of an IPv4 prefix length (lengths outside 0..32 clamp). */
export function mask4(length: number): number {
  return length <= 0 ? 0 : length >= 32 ? 0xffffffff : (0xffffffff << (32 - length)) >>> 0;
}

export function parseAddress(text: string): Address | undefined {
  const r = tryParseAddress(text);
  if (!r.ok) return undefined;
  return r.family === 4 ? { family: 4, value: r.value } : { family: 6, words: r.words };
}

export function formatAddress(a: Address): string {
  return a.family === 4 ? formatIpv4(a.value) : formatIpv6(a.words);
}

/**
 * Canonical `a.b.c.d/len` without calling lpm (site tables hold hundreds of thousands of
 * routes): decimal octets 0–255 without leading zeros, a length 0–32 without a leading zero,
 * host bits clear. Anything else → undefined, and lpm decides (with its error message).
 */
function fastPrefix4(text: string): Prefix4 | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let i = 0;
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return undefined; // leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else if (c === 46 /* . */ || c === 47 /* / */) {
      if (digits === 0) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      if (c === 47) break;
      if (++dots > 3) return undefined;
    } else return undefined;
  }
  if (i >= n || dots !== 3) return undefined;
  let length = 0;
  let ldigits = 0;
  for (i++; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57 || (ldigits > 0 && length === 0)) return undefined;
    length = length * 10 + (c - 48);
    if (++ldigits > 2) return undefined;
  }
  if (ldigits === 0 || length > 32) return undefined;
  const network = value >>> 0;
  if ((network & mask4(length)) >>> 0 !== network) return undefined;
  return { family: 4, network, length };
}

/**
 * Parse `a.b.c.d/len` or `v6/len` (host bits must be zero). `allowHost`: a bare address is a
 * host prefix (/32, /128). Undefined for bad text (validation reports it).
 */
export function parsePrefix(text: string, options: { allowHost?: boolean } = {}): Prefix | undefined {
  const fast = fastPrefix4(text);
  if (fast) return fast;
  const r = tryParsePrefix(text, options.allowHost === true ? { allowHost: true } : {});
  return r.ok ? r.prefix : undefined;
}

export function formatPrefix(p: Prefix): string {
  return lpmFormatPrefix(p);
}

/** A compact map key for a prefix (numbers for IPv4, text for IPv6). */
export function prefixKey(p: Prefix): number | string {
  return p.family === 4 ? p.length * 0x100000000 + p.network : lpmFormatPrefix(p);
}

export function prefixEquals(a: Prefix, b: Prefix): boolean {
  return lpmEquals(a, b);
}

export function prefixContainsAddress(p: Prefix, a: Address): boolean {
  if (p.family !== a.family) return false;
  if (p.family === 4) return prefix4Contains(p, (a as Address4).value);
  return lpmContainsPrefix(p, { family: 6, words: (a as Address6).words, length: 128 });
}

/** `inner` ⊆ `outer` (equal counts). */
export function prefixContainsPrefix(outer: Prefix, inner: Prefix): boolean {
  return lpmContainsPrefix(outer, inner);
}

export function prefixesOverlap(a: Prefix, b: Prefix): boolean {
  return lpmOverlap(a, b);
}

/** Order: IPv4 before IPv6, then by network address, then shorter first. */
export function comparePrefixes(a: Prefix, b: Prefix): number {
  return lpmCompare(a, b);
}

/** The address `offset` after the prefix's network address (negative: from the end, -1 = last). */
export function addressInPrefix(p: Prefix, offset: number): string {
  if (p.family === 4) {
    const size = 2 ** (32 - p.length);
    const n = offset >= 0 ? offset : size + offset;
    return formatIpv4((p.network + n) >>> 0);
  }
  // IPv6: only the last word is adjusted, enough for base+k and the last address of a /64.
  const words: [number, number, number, number] = [p.words[0], p.words[1], p.words[2], p.words[3]];
  if (offset >= 0) {
    words[3] = (words[3] + offset) >>> 0;
  } else {
    for (let i = 0; i < 4; i++) words[i] = (words[i]! | (~mask4(p.length - i * 32) >>> 0)) >>> 0;
    words[3] = (words[3] + offset + 1) >>> 0;
  }
  return formatIpv6(words);
}

/** Parse a prefix the topology wrote; canonical text is expected, a bad one is an invariant breach. */
export function mustParsePrefix(text: string): Prefix {
  const p = parsePrefix(text, { allowHost: true });
  if (!p) throw new InvalidTopologyText(`not a prefix: '${text}'`);
  return p;
}

/** A topology that passed the scenario layer holds only valid prefixes and addresses. */
export class InvalidTopologyText extends Error {
  override readonly name = 'InvalidTopologyText';
}
