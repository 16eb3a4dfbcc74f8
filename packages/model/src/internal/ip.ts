/**
 * Reading the topology's address text, for the model's own (non-hot) use. Everything else about
 * addresses and prefixes (formatting, containment, overlap, order, offsets inside a prefix) is
 * `@cloudroute/lpm`'s, and the model calls it directly. What stays here is the model's own: the
 * "undefined instead of a throw" shape validation wants, a fast path for the canonical IPv4
 * prefixes of large site tables, map keys, and the invariant breach of a topology that passed
 * the scenario layer with a bad prefix. Nothing here is exported from the package.
 */
import { formatPrefix, scanCanonicalPrefix4, tryParseAddress, tryParsePrefix } from '@cloudroute/lpm';
import type { Address, Prefix, Prefix4 } from '@cloudroute/lpm';

/** The uint32 mask of an IPv4 prefix length (lengths outside 0..32 clamp). */
export function mask4(length: number): number {
  return length <= 0 ? 0 : length >= 32 ? 0xffffffff : (0xffffffff << (32 - length)) >>> 0;
}

/** Parses an IPv4 or IPv6 address; undefined for bad text (validation reports it). */
export function parseAddress(text: string): Address | undefined {
  const r = tryParseAddress(text);
  if (!r.ok) return undefined;
  return r.family === 4 ? { family: 4, value: r.value } : { family: 6, words: r.words };
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

/** A compact map key for a prefix (numbers for IPv4, text for IPv6). */
export function prefixKey(p: Prefix): number | string {
  return p.family === 4 ? p.length * 0x100000000 + p.network : formatPrefix(p);
}

/** {@link prefixKey} of a prefix the topology wrote; canonical IPv4 text without a parse. */
export function prefixTextKey(text: string): number | string {
  const v = scanCanonicalPrefix4(text);
  if (v < 0) return prefixKey(mustParsePrefix(text));
  const length = v % 64;
  return length * 0x100000000 + (v - length) / 64;
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
