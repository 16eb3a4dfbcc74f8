// Trie6: a path-compressed binary radix trie of IPv6 prefixes; the IPv6 twin of trie4.ts.
//
// Memory layout: the node pool of internal/trie-nodes.ts (lengths 0..128, values, children,
// indexed by node id), plus the keys:
//
//   key:     Int32Array   4 words per node: key[4*id .. 4*id+3], network bits, host bits clear
//
// Hot-path twin: trie4.ts (match, matchAll, walk on one number; each monomorphic on its family's
// keys, one generic version would be megamorphic and slower). Inserts and removes run once for
// both in TrieNodes.
import { MASKS, maskOf } from './internal/bits.js';
import { TrieNodes } from './internal/trie-nodes.js';
import { makePrefix6, type Prefix6 } from './prefix.js';

/** A prefix and its value, as `Trie6.entries()` and `Trie6.matchAll()` return them. */
export type Entry6 = { readonly prefix: Prefix6; readonly value: number };

function wordMask(len: number, word: number): number {
  const n = len - 32 * word;
  return n <= 0 ? 0 : n >= 32 ? -1 : (MASKS[n] ?? 0);
}

/** A path-compressed radix trie mapping IPv6 prefixes to non-negative integer values. */
export class Trie6 extends TrieNodes {
  private key = new Int32Array(64);
  /** The words of the prefix an insert, get or remove is about. */
  private readonly scratch = new Int32Array(4);

  protected keyBit(id: number, p: number): number {
    return ((this.key[4 * id + (p >>> 5)] ?? 0) >>> (31 - (p & 31))) & 1;
  }

  protected loadedBit(p: number): number {
    return ((this.scratch[p >>> 5] ?? 0) >>> (31 - (p & 31))) & 1;
  }

  /** Length of the common leading bits of node `id`'s key and the loaded words. */
  protected loadedCommon(id: number): number {
    const w = this.scratch;
    for (let i = 0; i < 4; i++) {
      const x = ((this.key[4 * id + i] ?? 0) ^ (w[i] ?? 0)) | 0;
      if (x !== 0) return 32 * i + Math.clz32(x);
    }
    return 128;
  }

  protected holdsLoaded(id: number, plen: number): boolean {
    return this.loadedCommon(id) >= plen;
  }

  protected setKey(id: number, len: number): void {
    const w = this.scratch;
    for (let i = 0; i < 4; i++) this.key[4 * id + i] = (w[i] ?? 0) & wordMask(len, i);
  }

  protected growKeys(cap: number): void {
    const key = new Int32Array(cap * 4);
    key.set(this.key);
    this.key = key;
  }

  private load(p: Prefix6): void {
    const w = this.scratch;
    for (let i = 0; i < 4; i++) w[i] = p.words[i] ?? 0;
  }

  /**
   * Stores `value` for `prefix`, replacing any value it had.
   *
   * @throws RangeError when the prefix is not canonical or the value is not a non-negative int32
   */
  insert(prefix: Prefix6, value: number): void {
    makePrefix6(prefix.words, prefix.length);
    this.load(prefix);
    this.insertLoaded(prefix.length, value);
  }

  /** Removes `prefix`; returns false when it was not stored. */
  remove(prefix: Prefix6): boolean {
    this.load(prefix);
    return this.removeLoaded(prefix.length);
  }

  /** The value stored for exactly `prefix`, or undefined. */
  get(prefix: Prefix6): number | undefined {
    this.load(prefix);
    return this.getLoaded(prefix.length);
  }

  private matches(node: number, w0: number, w1: number, w2: number, w3: number): boolean {
    const l = this.len[node] ?? 0;
    const b = 4 * node;
    const key = this.key;
    return (
      ((w0 ^ (key[b] ?? 0)) & maskOf(l)) === 0 &&
      ((w1 ^ (key[b + 1] ?? 0)) & maskOf(l - 32)) === 0 &&
      ((w2 ^ (key[b + 2] ?? 0)) & maskOf(l - 64)) === 0 &&
      ((w3 ^ (key[b + 3] ?? 0)) & maskOf(l - 96)) === 0
    );
  }

  /** The value of the longest prefix containing the address w0:w1:w2:w3, or -1 when none does. */
  match(w0: number, w1: number, w2: number, w3: number): number {
    let best = -1;
    let node = 0;
    for (;;) {
      if (!this.matches(node, w0, w1, w2, w3)) return best;
      const v = this.val[node] ?? -1;
      if (v >= 0) best = v;
      const l = this.len[node] ?? 0;
      if (l === 128) return best;
      const w = l < 32 ? w0 : l < 64 ? w1 : l < 96 ? w2 : w3;
      node = this.childOf(node, (w >>> (31 - (l & 31))) & 1);
      if (node === 0) return best;
    }
  }

  private entryOf(node: number): Entry6 {
    const b = 4 * node;
    const words: [number, number, number, number] = [
      (this.key[b] ?? 0) >>> 0,
      (this.key[b + 1] ?? 0) >>> 0,
      (this.key[b + 2] ?? 0) >>> 0,
      (this.key[b + 3] ?? 0) >>> 0,
    ];
    return { prefix: { family: 6, words, length: this.len[node] ?? 0 }, value: this.val[node] ?? -1 };
  }

  /** Every stored prefix containing the address w0:w1:w2:w3, longest first. */
  matchAll(w0: number, w1: number, w2: number, w3: number): Entry6[] {
    const out: Entry6[] = [];
    let node = 0;
    for (;;) {
      if (!this.matches(node, w0, w1, w2, w3)) break;
      if ((this.val[node] ?? -1) >= 0) out.push(this.entryOf(node));
      const l = this.len[node] ?? 0;
      if (l === 128) break;
      const w = l < 32 ? w0 : l < 64 ? w1 : l < 96 ? w2 : w3;
      node = this.childOf(node, (w >>> (31 - (l & 31))) & 1);
      if (node === 0) break;
    }
    return out.reverse();
  }

  /** Every prefix and value, in prefix order (network, then length). */
  *entries(): IterableIterator<Entry6> {
    const out: Entry6[] = [];
    this.walk(0, 0xffffffff, (id) => out.push(this.entryOf(id)));
    yield* out;
  }

  /**
   * Calls `visit(id)` for every stored prefix whose first word range overlaps [lo, hi], in
   * prefix order; read it back with {@link Trie6.read}. Used by the compiler.
   *
   * @internal
   */
  walk(lo: number, hi: number, visit: (id: number) => void): void {
    const stack = new Int32Array(260);
    let sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp] ?? 0;
      const l = this.len[node] ?? 0;
      const first = (this.key[4 * node] ?? 0) >>> 0;
      const last = (first | ~maskOf(l)) >>> 0;
      if (last < lo || first > hi) continue;
      if ((this.val[node] ?? -1) >= 0) visit(node);
      const c1 = this.child1[node] ?? 0;
      const c0 = this.child0[node] ?? 0;
      if (c1 !== 0) stack[sp++] = c1;
      if (c0 !== 0) stack[sp++] = c0;
    }
  }

  /**
   * Copies node `id`'s words, length and value into `out` at `4 * i` (words) and `i`.
   *
   * @internal
   */
  read(id: number, words: Int32Array, lens: Uint8Array, vals: Int32Array, i: number): void {
    for (let k = 0; k < 4; k++) words[4 * i + k] = this.key[4 * id + k] ?? 0;
    lens[i] = this.len[id] ?? 0;
    vals[i] = this.val[id] ?? -1;
  }
}
