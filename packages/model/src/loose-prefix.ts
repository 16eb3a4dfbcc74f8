/**
 * Reading prefix text as a provider API reads an event's or a topology's value: the address by
 * `@cloudroute/lpm` (the one address parser), then a length of up to three digits (a leading zero
 * is read, `10.0.0.0/08` is a /8) and host bits cleared but remembered, so the caller decides
 * whether `10.1.1.5/24` is refused (a route destination) or taken as its network (an allowed
 * address pair). A bare address is its host prefix. The result is an lpm {@link Prefix}: every
 * set question (containment, equality, format, offsets) is lpm's.
 *
 * Not a hot path: a few parses per timeline event, memoised by text.
 */
import { tryParseAddress } from '@cloudroute/lpm';
import type { Prefix } from '@cloudroute/lpm';
import { mask4 } from './internal/ip.js';

/** An lpm prefix read from text, with whether the text had host bits set (`10.1.1.5/24`). */
export type LoosePrefix = Prefix & {
  /** True when the written text had host bits set; the prefix itself has them cleared. */
  readonly hostBits: boolean;
};

const cache = new Map<string, LoosePrefix | null>();

/**
 * Parses `a.b.c.d/len`, an IPv6 prefix or a bare address (a host prefix), clearing host bits
 * (see {@link LoosePrefix.hostBits}). Undefined when the text is malformed.
 */
export function parseLoosePrefix(text: string): LoosePrefix | undefined {
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(text);
  if (cache.size > 200_000) cache.clear();
  cache.set(text, parsed ?? null);
  return parsed;
}

/** Parses a bare address (no `/len`) as its host prefix; undefined if malformed or a prefix. */
export function parseLooseAddress(text: string): LoosePrefix | undefined {
  if (text.includes('/')) return undefined;
  return parseLoosePrefix(text);
}

function parseUncached(text: string): LoosePrefix | undefined {
  const slash = text.indexOf('/');
  const a = tryParseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!a.ok) return undefined;
  const max = a.family === 6 ? 128 : 32;
  let length = max;
  if (slash >= 0) {
    const l = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(l)) return undefined;
    length = Number(l);
    if (length > max) return undefined;
  }
  if (a.family === 4) {
    const network = (a.value & mask4(length)) >>> 0;
    return { family: 4, network, length, hostBits: network !== a.value };
  }
  const w = a.words;
  const words: [number, number, number, number] = [
    (w[0] & mask4(length)) >>> 0,
    (w[1] & mask4(length - 32)) >>> 0,
    (w[2] & mask4(length - 64)) >>> 0,
    (w[3] & mask4(length - 96)) >>> 0,
  ];
  return { family: 6, words, length, hostBits: words.some((x, i) => x !== w[i]) };
}
