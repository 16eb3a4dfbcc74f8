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
 * DESIGN.md "Flows": public unicast IPv4 is everything outside RFC 1918 (10/8, 172.16/12,
 * 192.168/16), RFC 6598 (100.64/10), 0/8, 127/8, 169.254/16 and 224/3.
 */
const NOT_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
].map((p) => parsePrefix(p)!);

/** Is `a` a public unicast address (DESIGN.md "Flows")? */
export function isPublic(a: number): boolean {
  return !NOT_PUBLIC.some((r) => a >= r.lo && a <= r.hi);
}
