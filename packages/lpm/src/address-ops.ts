// Addresses as values (a uint32, or four uint32 words) and what ties them to prefixes: canonical
// text, the host prefix of an address, containment, and the address at an offset in a prefix
// (the network, the router, the broadcast address of a subnet). Edge helpers, not for hot loops.
import { formatIpv4, formatIpv6, tryParseAddress } from './address.js';
import { maskOf } from './internal/bits.js';
import { formatPrefix, tryParsePrefix } from './prefix.js';
import type { Prefix, PrefixParseOptions } from './prefix.js';
import { prefix4Contains, prefixContainsPrefix } from './prefix-ops.js';

/**
 * An IPv4 address (`value`, a uint32) or an IPv6 address (`words`, four uint32, most significant
 * first). A successful {@link tryParseAddress} result is one.
 */
export type Address =
  | { readonly family: 4; readonly value: number }
  | { readonly family: 6; readonly words: readonly [number, number, number, number] };

/** Formats an address canonically: `10.0.0.1`, `2001:db8::1` (RFC 5952). */
export function formatAddress(a: Address): string {
  return a.family === 4 ? formatIpv4(a.value) : formatIpv6(a.words);
}

/** The canonical text of an address (`2001:DB8::0:1` → `2001:db8::1`), or undefined when it does not parse. */
export function canonicalAddress(text: string): string | undefined {
  const r = tryParseAddress(text);
  return r.ok ? formatAddress(r) : undefined;
}

/**
 * The canonical text of a prefix (`2001:DB8::/32` → `2001:db8::/32`), or undefined when it does
 * not parse (host bits set included).
 *
 * @param options - `{ allowHost: true }` accepts a bare address as a /32 or /128
 */
export function canonicalPrefix(text: string, options?: PrefixParseOptions): string | undefined {
  const r = tryParsePrefix(text, options);
  return r.ok ? formatPrefix(r.prefix) : undefined;
}

/** The single-address prefix of an address: a /32 for IPv4, a /128 for IPv6. */
export function hostPrefix(a: Address): Prefix {
  return a.family === 4
    ? { family: 4, network: a.value, length: 32 }
    : { family: 6, words: a.words, length: 128 };
}

/** True when the prefix contains the address. A prefix never contains an address of the other family. */
export function prefixContainsAddress(p: Prefix, a: Address): boolean {
  if (p.family === 4 && a.family === 4) return prefix4Contains(p, a.value);
  return prefixContainsPrefix(p, hostPrefix(a));
}

const WORD = 0x100000000;

/**
 * The address `offset` after the prefix's network address; a negative offset counts from the
 * end (-1 is the last address, the broadcast address of an IPv4 subnet). The caller keeps the
 * offset inside the prefix (outside it, the address wraps around the address space).
 *
 * @example addressAt(parsePrefix('10.0.1.0/24'), 1) // { family: 4, value: 0x0a000101 } (10.0.1.1)
 */
export function addressAt(p: Prefix, offset: number): Address {
  if (p.family === 4) {
    const n = offset >= 0 ? offset : 2 ** (32 - p.length) + offset;
    return { family: 4, value: (p.network + n) >>> 0 };
  }
  const words: [number, number, number, number] = [p.words[0], p.words[1], p.words[2], p.words[3]];
  let carry = offset;
  if (offset < 0) {
    for (let i = 0; i < 4; i++) words[i] = (words[i]! | ~maskOf(p.length - 32 * i)) >>> 0;
    carry = offset + 1;
  }
  for (let i = 3; i >= 0 && carry !== 0; i--) {
    const sum = words[i]! + carry;
    const word = sum % WORD;
    words[i] = word < 0 ? word + WORD : word;
    carry = Math.floor(sum / WORD);
  }
  return { family: 6, words };
}
