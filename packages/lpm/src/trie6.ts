// Trie6: a path-compressed binary radix trie of IPv6 prefixes; the IPv6 twin of trie4.ts.
//
// Memory layout: a pool of nodes in parallel typed arrays, indexed by node id.
//
//   key:     Int32Array   4 words per node: key[4*id .. 4*id+3], network bits, host bits clear
//   len:     Uint8Array   prefix length 0..128
//   val:     Int32Array   the route's value, or -1 for a glue node
//   child0:  Int32Array   child whose bit at `len` is 0, or 0 for none
//   child1:  Int32Array   child whose bit at `len` is 1, or 0 for none
//
// As in Trie4: the root (id 0, ::/0) always exists, glue nodes have two children, so the
// shape depends only on the set of prefixes; freed ids are chained through child0.
import { MASKS, checkValue, maskOf } from './internal/bits.js';
import { makePrefix6, type Prefix6 } from './prefix.js';

/** A prefix and its value, as `Trie6.entries()` and `Trie6.matchAll()` return them. */
export type Entry6 = { readonly prefix: Prefix6; readonly value: number };

function wordMask(len: number, word: number): number {
  const n = len - 32 * word;
  return n <= 0 ? 0 : n >= 32 ? -1 : (MASKS[n] ?? 0);
}

/** A path-compressed radix trie mapping IPv6 prefixes to non-negative integer values. */
export class Trie6 {
  private key = new Int32Array(64);
  private len = new Uint8Array(16);
  private val = new Int32Array(16).fill(-1);
  private child0 = new Int32Array(16);
  private child1 = new Int32Array(16);
  private used = 1;
  private free = 0;
  private count = 0;

  /** The number of prefixes stored. */
  get size(): number {
    return this.count;
  }

  private bit(id: number, p: number): number {
    return ((this.key[4 * id + (p >>> 5)] ?? 0) >>> (31 - (p & 31))) & 1;
  }

  private alloc(w: Int32Array, len: number, value: number): number {
    let id = this.free;
    if (id !== 0) {
      this.free = this.child0[id] ?? 0;
    } else {
      if (this.used === this.len.length) this.grow();
      id = this.used++;
    }
    for (let i = 0; i < 4; i++) this.key[4 * id + i] = (w[i] ?? 0) & wordMask(len, i);
    this.len[id] = len;
    this.val[id] = value;
    this.child0[id] = 0;
    this.child1[id] = 0;
    return id;
  }

  private release(id: number): void {
    this.val[id] = -1;
    this.child1[id] = 0;
    this.child0[id] = this.free;
    this.free = id;
  }

  private grow(): void {
    const cap = this.len.length * 2;
    const key = new Int32Array(cap * 4);
    key.set(this.key);
    this.key = key;
    const len = new Uint8Array(cap);
    len.set(this.len);
    this.len = len;
    const val = new Int32Array(cap).fill(-1);
    val.set(this.val);
    this.val = val;
    const c0 = new Int32Array(cap);
    c0.set(this.child0);
    this.child0 = c0;
    const c1 = new Int32Array(cap);
    c1.set(this.child1);
    this.child1 = c1;
  }

  private setChild(parent: number, bit: number, child: number): void {
    if (bit === 0) this.child0[parent] = child;
    else this.child1[parent] = child;
  }

  private childOf(node: number, bit: number): number {
    return (bit === 0 ? this.child0[node] : this.child1[node]) ?? 0;
  }

  /** Length of the common leading bits of node `id`'s key and the words `w`. */
  private common(id: number, w: Int32Array): number {
    for (let i = 0; i < 4; i++) {
      const x = ((this.key[4 * id + i] ?? 0) ^ (w[i] ?? 0)) | 0;
      if (x !== 0) return 32 * i + Math.clz32(x);
    }
    return 128;
  }

  private readonly scratch = new Int32Array(4);

  private load(p: Prefix6): Int32Array {
    const w = this.scratch;
    for (let i = 0; i < 4; i++) w[i] = p.words[i] ?? 0;
    return w;
  }

  private static wbit(w: Int32Array, p: number): number {
    return ((w[p >>> 5] ?? 0) >>> (31 - (p & 31))) & 1;
  }

  /**
   * Stores `value` for `prefix`, replacing any value it had.
   *
   * @throws RangeError when the prefix is not canonical or the value is not a non-negative int32
   */
  insert(prefix: Prefix6, value: number): void {
    makePrefix6(prefix.words, prefix.length);
    checkValue(value);
    const w = this.load(prefix);
    const plen = prefix.length;
    let node = 0;
    for (;;) {
      const nlen = this.len[node] ?? 0;
      if (nlen === plen) {
        if ((this.val[node] ?? -1) < 0) this.count++;
        this.val[node] = value;
        return;
      }
      const bit = Trie6.wbit(w, nlen);
      const child = this.childOf(node, bit);
      if (child === 0) {
        this.setChild(node, bit, this.alloc(w, plen, value));
        this.count++;
        return;
      }
      const clen = this.len[child] ?? 0;
      const common = Math.min(this.common(child, w), clen, plen);
      if (common === clen) {
        node = child;
        continue;
      }
      if (common === plen) {
        const n = this.alloc(w, plen, value);
        this.setChild(n, this.bit(child, plen), child);
        this.setChild(node, bit, n);
      } else {
        const g = this.alloc(w, common, -1);
        const leaf = this.alloc(w, plen, value);
        this.setChild(g, this.bit(child, common), child);
        this.setChild(g, Trie6.wbit(w, common), leaf);
        this.setChild(node, bit, g);
      }
      this.count++;
      return;
    }
  }

  /** Finds the node holding exactly `prefix` (value or glue) with its parent and grandparent. */
  private find(prefix: Prefix6): [number, number, number] {
    const w = this.load(prefix);
    let gp = -1;
    let parent = -1;
    let node = 0;
    while ((this.len[node] ?? 0) < prefix.length) {
      const next = this.childOf(node, Trie6.wbit(w, this.len[node] ?? 0));
      if (next === 0) return [-1, -1, -1];
      gp = parent;
      parent = node;
      node = next;
    }
    if (this.len[node] !== prefix.length || this.common(node, w) < prefix.length) return [-1, -1, -1];
    return [node, parent, gp];
  }

  /** Removes `prefix`; returns false when it was not stored. */
  remove(prefix: Prefix6): boolean {
    const [node, parent, gp] = this.find(prefix);
    if (node < 0 || (this.val[node] ?? -1) < 0) return false;
    this.count--;
    this.val[node] = -1;
    if (node === 0) return true;
    const c0 = this.child0[node] ?? 0;
    const c1 = this.child1[node] ?? 0;
    if (c0 !== 0 && c1 !== 0) return true;
    const side = this.bit(node, this.len[parent] ?? 0);
    this.setChild(parent, side, c0 !== 0 ? c0 : c1);
    this.release(node);
    if (c0 === 0 && c1 === 0 && parent !== 0 && (this.val[parent] ?? -1) < 0) {
      const rest = this.childOf(parent, side ^ 1);
      this.setChild(gp, this.bit(parent, this.len[gp] ?? 0), rest);
      this.release(parent);
    }
    return true;
  }

  /** The value stored for exactly `prefix`, or undefined. */
  get(prefix: Prefix6): number | undefined {
    const node = this.find(prefix)[0];
    const v = node < 0 ? -1 : (this.val[node] ?? -1);
    return v < 0 ? undefined : v;
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
