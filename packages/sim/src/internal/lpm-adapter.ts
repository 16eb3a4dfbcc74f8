/**
 * Memoised IPv4 parsing for the data plane: prefixes and addresses are parsed at the edges (once
 * per text, never per packet). Everything else (compiled lookups, their entries, containment,
 * formatting, editable tables) is used from `@cloudroute/lpm` under its own names.
 */
import { scanCanonicalPrefix4, tryParseAddress, tryParsePrefix, type Prefix4 } from '@cloudroute/lpm';

// Every state of a run repeats the same prefix and address texts: parse each once. Prefixes are
// kept packed as `network * 64 + length` (-1: not an IPv4 prefix), a number rather than an object.
const prefixMemo = new Map<string, number>();
const addressMemo = new Map<string, number | null>();
const MEMO_LIMIT = 4_000_000;

/** An IPv4 prefix (`10.0.0.0/16`, or a bare address as /32), or undefined (IPv6 or malformed). */
export function parsePrefix4(text: string): Prefix4 | undefined {
  // Canonical text (nearly every prefix) is scanned faster than the memo is read.
  const fast = scanCanonicalPrefix4(text);
  if (fast >= 0) return { family: 4, network: Math.floor(fast / 64), length: fast % 64 };
  let v = prefixMemo.get(text);
  if (v === undefined) {
    const r = tryParsePrefix(text, { allowHost: true });
    v = r.ok && r.prefix.family === 4 ? r.prefix.network * 64 + r.prefix.length : -1;
    if (prefixMemo.size >= MEMO_LIMIT) prefixMemo.clear();
    prefixMemo.set(text, v);
  }
  return v < 0 ? undefined : { family: 4, network: Math.floor(v / 64), length: v % 64 };
}

/** Like {@link parsePrefix4} without the memo: for the one-off parse of a large table's routes. */
export function parsePrefix4Once(text: string): Prefix4 | undefined {
  const fast = scanCanonicalPrefix4(text);
  if (fast >= 0) return { family: 4, network: Math.floor(fast / 64), length: fast % 64 };
  const v = prefixMemo.get(text);
  if (v !== undefined) return v < 0 ? undefined : { family: 4, network: Math.floor(v / 64), length: v % 64 };
  const r = tryParsePrefix(text, { allowHost: true });
  return r.ok && r.prefix.family === 4 ? r.prefix : undefined;
}

/** An IPv4 address as a uint32, or undefined (memoised; lpm's `parseIpv4` throws instead). */
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
