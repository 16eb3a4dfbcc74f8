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
 * (`@cloudroute/lpm` owns the data plane's numbers; this file only answers set questions.)
 */

export interface Prefix {
  readonly v6: boolean;
  readonly w: readonly number[];
  readonly len: number;
  /** True when the written text had host bits set (`10.1.1.5/24`). */
  readonly hostBits: boolean;
}

const cache = new Map<string, Prefix | null>();

function parseV4Words(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n >>> 0;
}

function parseV6Words(text: string): number[] | undefined {
  let s = text.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    const v4 = parseV4Words(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = group(halves[0] ?? '');
  const rest = halves.length === 2 ? group(halves[1] ?? '') : [];
  if (!head || !rest) return undefined;
  const given = head.length + rest.length;
  let groups: number[];
  if (halves.length === 2) {
    if (given > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - given).fill(0), ...rest];
  } else {
    groups = head;
    if (groups.length !== 8) return undefined;
  }
  const w: number[] = [];
  for (let i = 0; i < 8; i += 2) w.push((((groups[i] ?? 0) << 16) | (groups[i + 1] ?? 0)) >>> 0);
  return w;
}

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
  const addr = slash < 0 ? text : text.slice(0, slash);
  const v6 = addr.includes(':');
  const max = v6 ? 128 : 32;
  let len = max;
  if (slash >= 0) {
    const l = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(l)) return undefined;
    len = Number(l);
    if (len > max) return undefined;
  }
  let words: number[] | undefined;
  if (v6) words = parseV6Words(addr);
  else {
    const n = parseV4Words(addr);
    words = n === undefined ? undefined : [n];
  }
  if (!words) return undefined;
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
export function formatAddress(p: Prefix): string {
  if (!p.v6) {
    const n = p.w[0] ?? 0;
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }
  const groups: number[] = [];
  for (const word of p.w) groups.push(word >>> 16, word & 0xffff);
  // Longest run of zero groups (length ≥ 2) becomes `::`.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (g: number[]): string => g.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

/** The IPv4 address `offset` past the prefix's base (`10.1.255.0/27` + 4 → `10.1.255.4`); undefined for IPv6. */
export function ipv4Offset(p: Prefix, offset: number): string | undefined {
  if (p.v6) return undefined;
  const n = ((p.w[0] ?? 0) + offset) >>> 0;
  return formatAddress({ v6: false, w: [n], len: 32, hostBits: false });
}
