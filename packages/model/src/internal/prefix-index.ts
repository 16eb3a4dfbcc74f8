/**
 * A set of prefixes with values, answering "which stored prefix contains this prefix / address"
 * in at most one map probe per stored prefix length (≤ 33 for IPv4), so that checking N routes
 * against M ranges costs O(N · lengths), never O(N · M).
 *
 *   byKey: Map<prefixKey(masked prefix), value>     lengths4 / lengths6: sorted distinct lengths
 */
import type { Address, Prefix } from '@cloudroute/lpm';
import { parseAddress, prefixKey, mask4 } from './ip.js';

export class PrefixIndex<V> {
  private readonly byKey = new Map<number | string, V>();
  private lengths4: number[] = [];
  private lengths6: number[] = [];

  get size(): number {
    return this.byKey.size;
  }

  /** Keeps the first value stored for a prefix. */
  add(p: Prefix, value: V): void {
    const key = prefixKey(p);
    if (this.byKey.has(key)) return;
    this.byKey.set(key, value);
    const lengths = p.family === 4 ? this.lengths4 : this.lengths6;
    if (!lengths.includes(p.length)) {
      lengths.push(p.length);
      lengths.sort((a, b) => a - b);
    }
  }

  get(p: Prefix): V | undefined {
    return this.byKey.get(prefixKey(p));
  }

  /** The value of the longest stored prefix that contains `p` (equal included), if any. */
  containing(p: Prefix): V | undefined {
    const lengths = p.family === 4 ? this.lengths4 : this.lengths6;
    for (let i = lengths.length - 1; i >= 0; i--) {
      const len = lengths[i]!;
      if (len > p.length) continue;
      const v = this.byKey.get(prefixKey(truncate(p, len)));
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** The value of the longest stored prefix that contains the address. */
  lookup(a: Address): V | undefined {
    const host: Prefix =
      a.family === 4
        ? { family: 4, network: a.value, length: 32 }
        : { family: 6, words: a.words, length: 128 };
    return this.containing(host);
  }

  lookupText(ip: string): V | undefined {
    const a = parseAddress(ip);
    return a ? this.lookup(a) : undefined;
  }
}

function truncate(p: Prefix, length: number): Prefix {
  if (p.family === 4) return { family: 4, network: (p.network & mask4(length)) >>> 0, length };
  const w = p.words;
  const m = (i: number): number => (w[i]! & mask4(length - i * 32)) >>> 0;
  return { family: 6, words: [m(0), m(1), m(2), m(3)], length };
}
