/**
 * Prefix arithmetic for the engine's validation rules (AWS-R4, AWS-R8, AWS-R13, GCP-R12, OS-R14,
 * AZ-R21 peer reachability). Not a hot path: a few parses per timeline event, memoised.
 *
 * Layout of a parsed prefix: `w` holds the address as uint32 words, most significant first, one
 * word for IPv4 and four for IPv6, with the host bits cleared; `len` is the prefix length.
 *
 *   10.1.255.4/32  → { v6: false, w: [0x0a01ff04], len: 32 }
 *   fd00:ec2::/32  → { v6: true,  w: [0xfd000ec2, 0, 0, 0], len: 32 }
 *
 * Addresses are read and written by `@cloudroute/lpm` (one IP vocabulary); this file only answers
 * set questions over them.
 */
import { formatIpv4, formatIpv6, tryParseAddress } from '@cloudroute/lpm';

export interface Prefix {
  readonly v6: boolean;
  readonly w: readonly number[];
  readonly len: number;
  /** True when the written text had host bits set (`10.1.1.5/24`). */
  readonly hostBits: boolean;
}

const cache = new Map<string, Prefix | null>();

function maskWord(word: number, bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return word >>> 0;
  return (word & (0xffffffff << (32 - bits))) >>> 0;
}

function maskWords(w: readonly number[], len: number): number[] {
  return w.map((word, i) => maskWord(word, len - 32 * i));
}

/** Parses `a.b.c.d/len`, an IPv6 prefix, or a bare address (a host prefix). Undefined if malformed. */
export function parsePrefix(text: string): Prefix | undefined {
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(text);
  if (cache.size > 200_000) cache.clear();
  cache.set(text, parsed ?? null);
  return parsed;
}

function parseUncached(text: string): Prefix | undefined {
  const slash = text.indexOf('/');
  // The address itself is read by @cloudroute/lpm, the project's one IP parser.
  const a = tryParseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!a.ok) return undefined;
  const v6 = a.family === 6;
  const max = v6 ? 128 : 32;
  let len = max;
  if (slash >= 0) {
    const l = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(l)) return undefined;
    len = Number(l);
    if (len > max) return undefined;
  }
  const words = a.family === 6 ? [...a.words] : [a.value];
  const w = maskWords(words, len);
  return { v6, w, len, hostBits: w.some((x, i) => x !== words[i]) };
}

/** Parses a bare address (no `/len`); undefined if malformed or a prefix. */
export function parseAddress(text: string): Prefix | undefined {
  if (text.includes('/')) return undefined;
  return parsePrefix(text);
}

/** True when `outer` contains `inner` (equal counts). */
export function contains(outer: Prefix, inner: Prefix): boolean {
  if (outer.v6 !== inner.v6 || outer.len > inner.len) return false;
  const m = maskWords(inner.w, outer.len);
  return m.every((x, i) => x === outer.w[i]);
}

export function samePrefix(a: Prefix, b: Prefix): boolean {
  return a.v6 === b.v6 && a.len === b.len && a.w.every((x, i) => x === b.w[i]);
}

/** Canonical text of a prefix: `10.1.0.0/16`, `fd00:ec2::/32` (RFC 5952). */
export function formatPrefix(p: Prefix): string {
  return `${formatAddress(p)}/${p.len}`;
}

/** Canonical text of the prefix's base address. */
function formatAddress(p: Prefix): string {
  if (!p.v6) return formatIpv4(p.w[0] ?? 0);
  return formatIpv6([p.w[0] ?? 0, p.w[1] ?? 0, p.w[2] ?? 0, p.w[3] ?? 0]);
}

/** The IPv4 address `offset` past the prefix's base (`10.1.255.0/27` + 4 → `10.1.255.4`); undefined for IPv6. */
export function ipv4Offset(p: Prefix, offset: number): string | undefined {
  if (p.v6) return undefined;
  const n = ((p.w[0] ?? 0) + offset) >>> 0;
  return formatAddress({ v6: false, w: [n], len: 32, hostBits: false });
}
