// Trie4: a path-compressed binary radix trie of IPv4 prefixes, for building and editing route
// sets. Lookups on the hot path go through the compiled table (lpm4.ts); this is its source.
//
// Memory layout: a pool of nodes in parallel typed arrays (struct of arrays), indexed by node id.
//
//   id:      0 (root, 0.0.0.0/0)   1              2              ...   capacity-1
//   key:     Int32Array   network bits of the node (host bits clear)
//   len:     Uint8Array   prefix length 0..32
//   val:     Int32Array   the route's value, or -1 for a glue node (a branch point, no route)
//   child0:  Int32Array   id of the child whose bit at `len` is 0, or 0 for none
//   child1:  Int32Array   id of the child whose bit at `len` is 1, or 0 for none
//
// The root always exists (id 0, never anyone's child, so 0 can mean "no child"). Every other
// glue node has exactly two children, so the shape depends only on the set of prefixes, never
// on the order of inserts and removes. Freed ids are chained through child0 for reuse.
import { MASKS, bitAt, checkValue } from './internal/bits.js';
import { makePrefix4, type Prefix4 } from './prefix.js';

/** A prefix and its value, as `Trie4.entries()` and `Trie4.matchAll()` return them. */
export type Entry4 = { readonly prefix: Prefix4; readonly value: number };

/** A path-compressed radix trie mapping IPv4 prefixes to non-negative integer values. */
export class Trie4 {
  private key = new Int32Array(16);
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

  private alloc(key: number, len: number, value: number): number {
    let id = this.free;
    if (id !== 0) {
      this.free = this.child0[id] ?? 0;
    } else {
      if (this.used === this.key.length) this.grow();
      id = this.used++;
    }
    this.key[id] = key;
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
    const cap = this.key.length * 2;
    const key = new Int32Array(cap);
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

  /**
   * Stores `value` for `prefix`, replacing any value it had.
   *
   * @throws RangeError when the prefix is not canonical or the value is not a non-negative int32
   */
  insert(prefix: Prefix4, value: number): void {
    makePrefix4(prefix.network, prefix.length);
    checkValue(value);
    const net = prefix.network | 0;
    const plen = prefix.length;
    let node = 0;
    for (;;) {
      const nlen = this.len[node] ?? 0;
      if (nlen === plen) {
        if ((this.val[node] ?? -1) < 0) this.count++;
        this.val[node] = value;
        return;
      }
      const bit = bitAt(net, nlen);
      const child = this.childOf(node, bit);
      if (child === 0) {
        this.setChild(node, bit, this.alloc(net, plen, value));
        this.count++;
        return;
      }
      const ckey = this.key[child] ?? 0;
      const clen = this.len[child] ?? 0;
      const common = Math.min(Math.clz32(net ^ ckey), clen, plen);
      if (common === clen) {
        node = child;
        continue;
      }
      if (common === plen) {
        const n = this.alloc(net, plen, value);
        this.setChild(n, bitAt(ckey, plen), child);
        this.setChild(node, bit, n);
      } else {
        const g = this.alloc(net & (MASKS[common] ?? 0), common, -1);
        const leaf = this.alloc(net, plen, value);
        this.setChild(g, bitAt(ckey, common), child);
        this.setChild(g, bitAt(net, common), leaf);
        this.setChild(node, bit, g);
      }
      this.count++;
      return;
    }
  }

  /** Removes `prefix`; returns false when it was not stored. */
  remove(prefix: Prefix4): boolean {
    const net = prefix.network | 0;
    const plen = prefix.length;
    let gp = -1;
    let parent = -1;
    let node = 0;
    while ((this.len[node] ?? 0) < plen) {
      const next = this.childOf(node, bitAt(net, this.len[node] ?? 0));
      if (next === 0) return false;
      gp = parent;
      parent = node;
      node = next;
    }
    if (this.len[node] !== plen || this.key[node] !== net || (this.val[node] ?? -1) < 0) return false;
    this.count--;
    this.val[node] = -1;
    if (node === 0) return true;
    const c0 = this.child0[node] ?? 0;
    const c1 = this.child1[node] ?? 0;
    if (c0 !== 0 && c1 !== 0) return true;
    const side = bitAt(net, this.len[parent] ?? 0);
    this.setChild(parent, side, c0 !== 0 ? c0 : c1);
    this.release(node);
    if (c0 === 0 && c1 === 0 && parent !== 0 && (this.val[parent] ?? -1) < 0) {
      // The parent was a glue node with two children; with one left it must go too.
      const rest = this.childOf(parent, side ^ 1);
      this.setChild(gp, bitAt(this.key[parent] ?? 0, this.len[gp] ?? 0), rest);
      this.release(parent);
    }
    return true;
  }

  /** The value stored for exactly `prefix`, or undefined. */
  get(prefix: Prefix4): number | undefined {
    const net = prefix.network | 0;
    let node = 0;
    while ((this.len[node] ?? 0) < prefix.length) {
      node = this.childOf(node, bitAt(net, this.len[node] ?? 0));
      if (node === 0) return undefined;
    }
    if (this.len[node] !== prefix.length || this.key[node] !== net) return undefined;
    const v = this.val[node] ?? -1;
    return v < 0 ? undefined : v;
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
