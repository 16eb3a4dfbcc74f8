// Trie4: a path-compressed binary radix trie of IPv4 prefixes, for building and editing route
// sets. Lookups on the hot path go through the compiled table (lpm4.ts); this is its source.
//
// Memory layout: the node pool of internal/trie-nodes.ts (lengths, values, children, indexed by
// node id), plus the keys:
//
//   id:      0 (root, 0.0.0.0/0)   1              2              ...   capacity-1
//   key:     Int32Array   network bits of the node (host bits clear)
//
// Hot-path twin: trie6.ts (match, matchAll, walk on four words, each monomorphic on its family's
// keys; one generic version would be megamorphic and slower). Inserts and removes run once for
// both in TrieNodes.
import { MASKS, bitAt } from './internal/bits.js';
import { TrieNodes } from './internal/trie-nodes.js';
import { makePrefix4, type Prefix4 } from './prefix.js';

/** A prefix and its value, as `Trie4.entries()` and `Trie4.matchAll()` return them. */
export type Entry4 = { readonly prefix: Prefix4; readonly value: number };

/** A path-compressed radix trie mapping IPv4 prefixes to non-negative integer values. */
export class Trie4 extends TrieNodes {
  private key = new Int32Array(16);
  /** The network of the prefix an insert, get or remove is about. */
  private net = 0;

  protected keyBit(id: number, p: number): number {
    return bitAt(this.key[id] ?? 0, p);
  }

  protected loadedBit(p: number): number {
    return bitAt(this.net, p);
  }

  protected loadedCommon(id: number): number {
    return Math.clz32(this.net ^ (this.key[id] ?? 0));
  }

  protected holdsLoaded(id: number): boolean {
    return this.key[id] === this.net;
  }

  protected setKey(id: number, len: number): void {
    this.key[id] = this.net & (MASKS[len] ?? 0);
  }

  protected growKeys(cap: number): void {
    const key = new Int32Array(cap);
    key.set(this.key);
    this.key = key;
  }

  /**
   * Stores `value` for `prefix`, replacing any value it had.
   *
   * @throws RangeError when the prefix is not canonical or the value is not a non-negative int32
   */
  insert(prefix: Prefix4, value: number): void {
    makePrefix4(prefix.network, prefix.length);
    this.net = prefix.network | 0;
    this.insertLoaded(prefix.length, value);
  }

  /** Removes `prefix`; returns false when it was not stored. */
  remove(prefix: Prefix4): boolean {
    this.net = prefix.network | 0;
    return this.removeLoaded(prefix.length);
  }

  /** The value stored for exactly `prefix`, or undefined. */
  get(prefix: Prefix4): number | undefined {
    this.net = prefix.network | 0;
    return this.getLoaded(prefix.length);
  }

  /** The value of the longest prefix containing `addr` (a uint32), or -1 when none does. */
  match(addr: number): number {
    const key = this.key;
    const len = this.len;
    const val = this.val;
    let best = -1;
    let node = 0;
    for (;;) {
      const l = len[node] ?? 0;
      if (((addr ^ (key[node] ?? 0)) & (MASKS[l] ?? 0)) !== 0) return best;
      const v = val[node] ?? -1;
      if (v >= 0) best = v;
      if (l === 32) return best;
      node = (((addr >>> (31 - l)) & 1) === 0 ? this.child0[node] : this.child1[node]) ?? 0;
      if (node === 0) return best;
    }
  }

  /** Every stored prefix containing `addr`, longest first (the winner, then the routes it beat). */
  matchAll(addr: number): Entry4[] {
    const out: Entry4[] = [];
    let node = 0;
    for (;;) {
      const l = this.len[node] ?? 0;
      const k = this.key[node] ?? 0;
      if (((addr ^ k) & (MASKS[l] ?? 0)) !== 0) break;
      const v = this.val[node] ?? -1;
      if (v >= 0) out.push({ prefix: { family: 4, network: k >>> 0, length: l }, value: v });
      if (l === 32) break;
      node = this.childOf(node, bitAt(addr, l));
      if (node === 0) break;
    }
    return out.reverse();
  }

  /** Every prefix and value, in prefix order (network, then length). */
  *entries(): IterableIterator<Entry4> {
    const out: Entry4[] = [];
    this.walk(0, 0xffffffff, (network, length, value) => {
      out.push({ prefix: { family: 4, network, length }, value });
    });
    yield* out;
  }

  /**
   * Calls `visit` for every stored prefix overlapping the address range [lo, hi] (uint32s),
   * in prefix order, without allocating. Used by the compiler.
   *
   * @internal
   */
  walk(lo: number, hi: number, visit: (network: number, length: number, value: number) => void): void {
    const stack = new Int32Array(66);
    let sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp] ?? 0;
      const l = this.len[node] ?? 0;
      const first = (this.key[node] ?? 0) >>> 0;
      const last = (first | ~(MASKS[l] ?? 0)) >>> 0;
      if (last < lo || first > hi) continue;
      const v = this.val[node] ?? -1;
      if (v >= 0) visit(first, l, v);
      const c1 = this.child1[node] ?? 0;
      const c0 = this.child0[node] ?? 0;
      if (c1 !== 0) stack[sp++] = c1;
      if (c0 !== 0) stack[sp++] = c0;
    }
  }
}
