/**
 * The seam between the data plane and `@cloudroute/lpm`: IPv4 prefixes at the edges (parsed
 * once per compile, never per packet) and compiled longest-prefix-match lookups.
 */
import {
  compile4,
  formatIpv4,
  Lpm4Builder,
  tryParseAddress,
  tryParsePrefix,
  type Lpm4,
} from '@cloudroute/lpm';

export type Lookup4 = Pick<Lpm4, 'lookup'>;

export interface Entry4 {
  readonly network: number;
  readonly length: number;
  readonly value: number;
}

type P4 = { readonly network: number; readonly length: number };

// Every state of a run repeats the same prefix and address texts: parse each once. Prefixes are
// kept packed as `network * 64 + length` (-1: not an IPv4 prefix), a number rather than an object.
const prefixMemo = new Map<string, number>();
const addressMemo = new Map<string, number | null>();
const MEMO_LIMIT = 4_000_000;

/** An IPv4 prefix (`10.0.0.0/16`, or a bare address as /32), or undefined (IPv6 or malformed). */
export function parsePrefix4(text: string): P4 | undefined {
  let v = prefixMemo.get(text);
  if (v === undefined) {
    const r = tryParsePrefix(text, { allowHost: true });
    v = r.ok && r.prefix.family === 4 ? r.prefix.network * 64 + r.prefix.length : -1;
    if (prefixMemo.size >= MEMO_LIMIT) prefixMemo.clear();
    prefixMemo.set(text, v);
  }
  return v < 0 ? undefined : { network: Math.floor(v / 64), length: v % 64 };
}

/** Like {@link parsePrefix4} without the memo: for the one-off parse of a large table's routes. */
export function parsePrefix4Once(text: string): P4 | undefined {
  const v = prefixMemo.get(text);
  if (v !== undefined) return v < 0 ? undefined : { network: Math.floor(v / 64), length: v % 64 };
  const r = tryParsePrefix(text, { allowHost: true });
  return r.ok && r.prefix.family === 4 ? { network: r.prefix.network, length: r.prefix.length } : undefined;
}

/** An IPv4 address as a uint32, or undefined. */
export function parseIpv4(text: string): number | undefined {
  let v = addressMemo.get(text);
  if (v === undefined) {
    const r = tryParseAddress(text);
    v = r.ok && r.family === 4 ? r.value : null;
    if (addressMemo.size >= MEMO_LIMIT) addressMemo.clear();
    addressMemo.set(text, v);
  }
  return v ?? undefined;
}

export { formatIpv4, Lpm4Builder };

export function mask4(length: number): number {
  return length === 0 ? 0 : (~0 << (32 - length)) >>> 0;
}

export function contains4(network: number, length: number, addr: number): boolean {
  return (addr & mask4(length)) >>> 0 === network;
}

/** A compiled lookup over the entries (longest prefix wins). */
export function buildLookup4(entries: readonly Entry4[]): Lookup4 {
  return compile4(
    entries.map((e) => ({ prefix: { family: 4, network: e.network, length: e.length }, value: e.value })),
  );
}
