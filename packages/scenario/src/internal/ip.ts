/**
 * What the scenario layer adds to `@cloudroute/lpm`'s addresses and prefixes (parsed at the edge,
 * never on a hot path): parse results in the `{ ok, value }` shape the schema leaves use, the fix
 * for a prefix with host bits set, and an address's offset in its subnet. Formatting, containment
 * and overlap are lpm's: the checks import them from there (the schema leaves still take the two
 * formatters from here, under lpm's names).
 */
import {
  formatIpv4,
  formatIpv6,
  tryParseAddress as lpmParseAddress,
  tryParsePrefix as lpmParsePrefix,
} from '@cloudroute/lpm';
import type { Address, Prefix } from '@cloudroute/lpm';

export { formatAddress, formatPrefix } from '@cloudroute/lpm';

/** A parse result: the value, or lpm's message saying what is wrong with the text. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Parses an IPv4 or IPv6 address (no prefix length); the message is lpm's. */
export function tryParseAddress(text: string): Parsed<Address> {
  const r = lpmParseAddress(text);
  if (!r.ok) return { ok: false, message: r.message };
  return { ok: true, value: r.family === 4 ? { family: 4, value: r.value } : { family: 6, words: r.words } };
}

/** Parses `address/length`; host bits set is an error (lpm: `… host bits set (did you mean …?)`). */
export function tryParsePrefix(text: string): Parsed<Prefix> {
  const r = lpmParsePrefix(text);
  return r.ok ? { ok: true, value: r.prefix } : { ok: false, message: r.message };
}

type Words = [number, number, number, number];

function masked(words: readonly number[], length: number): Words {
  const out: Words = [0, 0, 0, 0];
  for (let w = 0; w < 4; w++) {
    const bits = Math.max(0, Math.min(32, length - 32 * w));
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    out[w] = ((words[w] ?? 0) & mask) >>> 0;
  }
  return out;
}

/**
 * The network of `address/length` when the text is a well-formed address and length with host
 * bits set (`10.1.1.5/24` → `10.1.1.0/24`); undefined otherwise.
 */
export function hostBitsFix(text: string): string | undefined {
  const slash = text.indexOf('/');
  const lengthText = text.slice(slash + 1);
  if (slash < 0 || !/^(0|[1-9][0-9]{0,2})$/.test(lengthText)) return undefined;
  const a = tryParseAddress(text.slice(0, slash));
  if (!a.ok) return undefined;
  const length = Number(lengthText);
  const words = a.value.family === 4 ? [a.value.value, 0, 0, 0] : a.value.words;
  if (length > (a.value.family === 4 ? 32 : 128)) return undefined;
  const network = masked(words, length);
  if (network.every((w, i) => w === words[i])) return undefined;
  return `${a.value.family === 4 ? formatIpv4(network[0]) : formatIpv6(network)}/${length}`;
}

/**
 * The offset of an IPv4 address from its prefix's network address, and the prefix's size
 * (reserved-address checks); undefined for IPv6.
 */
export function ipv4Offset(
  p: Prefix,
  a: Address,
): { readonly offset: number; readonly size: number } | undefined {
  if (p.family !== 4 || a.family !== 4) return undefined;
  return { offset: a.value - p.network, size: 2 ** (32 - p.length) };
}
