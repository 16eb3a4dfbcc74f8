/**
 * Naive IPv4 helpers of the reference simulator: text to number and back, prefixes as inclusive
 * address ranges, and DESIGN.md's "public unicast" test. Written from the RFCs and DESIGN.md, not
 * shared with the product (which parses with `@cloudroute/lpm`).
 */

/** An IPv4 prefix as an inclusive range of addresses, with its length. */
export interface Range4 {
  readonly lo: number;
  readonly hi: number;
  readonly length: number;
}

/** `10.1.2.3` → 167838211; undefined for anything that is not a dotted quad. */
export function parseIp(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let a = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    a = a * 256 + n;
  }
  return a;
}

/** `10.1.0.0/16` (or a bare address, a /32) → its range; undefined for IPv6 or bad text. */
export function parsePrefix(text: string): Range4 | undefined {
  const [addr, len] = text.split('/');
  const a = parseIp(addr ?? '');
  if (a === undefined) return undefined;
  const length = len === undefined ? 32 : Number(len);
  if (!Number.isInteger(length) || length < 0 || length > 32) return undefined;
  const size = 2 ** (32 - length);
  const lo = a - (a % size);
  return { lo, hi: lo + size - 1, length };
}

/** Does prefix text `prefix` contain address `a`? (IPv6 prefixes contain no IPv4 address.) */
export function prefixContains(prefix: string, a: number): boolean {
  const r = parsePrefix(prefix);
  return r !== undefined && a >= r.lo && a <= r.hi;
}

/**
 * Is `a` a public unicast address (DESIGN.md "Flows")? Public is everything outside RFC 1918
 * (10/8, 172.16/12, 192.168/16), RFC 6598 (100.64/10), 0/8, 127/8, 169.254/16 and 224/3, read
 * here from the first two octets.
 */
export function isPublic(a: number): boolean {
  const first = Math.floor(a / 2 ** 24);
  const second = Math.floor(a / 2 ** 16) % 256;
  if (first === 0 || first === 10 || first === 127 || first >= 224) return false;
  if (first === 100) return second < 64 || second >= 128;
  if (first === 169) return second !== 254;
  if (first === 172) return second < 16 || second >= 32;
  if (first === 192) return second !== 168;
  return true;
}
