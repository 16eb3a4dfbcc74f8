// Lpm6: the compiled IPv6 longest-prefix-match table: the IPv4 range layout (lpm4.ts) applied
// one 32-bit word at a time. Immutable; no allocation per lookup.
//
// The first word is looked up exactly like an IPv4 address. A range whose value is <= -2 is a
// single first-word value under which longer prefixes exist: it names a child node that looks
// up the second word the same way (with the covering route pushed down as its default), and so
// on to the fourth word. Real tables (/32 to /48 mostly) need at most two levels.
//
//   top:     dir (Int32Array, 2^k entries, 1 per bucket of w0)      e >= -1 answer; e <= -2 chunk
//   nodes:   Int32Array arena of child nodes, each:
//            [ shift | lowMask | dir entry × 2^(32-shift) ]          a directory for the next word
//   starts:  Int32Array arena  [ n | s1 | s2 ... ]                   ranges of a chunk (as in Lpm4)
//   values:  Int32Array arena  [ v0| v1 | v2 ... ]                   v >= -1 answer; v <= -2 child
//                                                                    node at nodes[-v - 2]
//
//   lookup(w0..w3): e = dir[w0 >>> shift]; while e is a chunk: search it with the current
//   word's low bits; a value >= -1 is the answer, else move to the child node and the next word.
import { ChunkArena, chooseBits, writeBuckets } from './internal/chunk-arena.js';
import { maskOf } from './internal/bits.js';
import { RangeSweep } from './internal/range-sweep.js';
import type { Prefix6 } from './prefix.js';
import { Trie6 } from './trie6.js';

/** Append-only Int32 storage for child nodes, shared by the versions of a table. */
export class NodeArena {
  /** The nodes. */
  data: Int32Array;
  /** Entries filled. */
  used = 0;

  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  /** Makes room for `extra` more entries. */
  reserve(extra: number): void {
    const need = this.used + extra;
    if (need <= this.data.length) return;
    const d = new Int32Array(Math.max(need, this.data.length * 2));
    d.set(this.data.subarray(0, this.used));
    this.data = d;
  }
}

/** A compiled, immutable IPv6 longest-prefix-match table. Build it with {@link compile6}. */
export class Lpm6 {
  /** @internal */ readonly shift: number;
  /** @internal */ readonly lowMask: number;
  /** @internal */ readonly dir: Int32Array;
  /** @internal */ readonly nodes: Int32Array;
  /** @internal */ readonly starts: Int32Array;
  /** @internal */ readonly values: Int32Array;
  /** The number of routes (prefixes) compiled into the table. */
  readonly size: number;

  /** @internal Use {@link compile6} or {@link Lpm6Builder}. */
  constructor(bits: number, dir: Int32Array, nodes: NodeArena, arena: ChunkArena, size: number) {
    this.shift = 32 - bits;
    this.lowMask = 2 ** this.shift - 1;
    this.dir = dir;
    this.nodes = nodes.data;
    this.starts = arena.starts;
    this.values = arena.values;
    this.size = size;
  }

  /** Bits of the first word that index the top directory. */
  get bits(): number {
    return 32 - this.shift;
  }

  /** Memory footprint in bytes: the top directory plus the node and range arrays it reads. */
  get bytes(): number {
    return this.dir.byteLength + this.nodes.byteLength + this.starts.byteLength + this.values.byteLength;
  }

  /** The value of the longest prefix containing the address w0:w1:w2:w3 (uint32 words), or -1. */
  lookup(w0: number, w1: number, w2: number, w3: number): number {
    let e = this.dir[w0 >>> this.shift]!;
    if (e >= -1) return e;
    const starts = this.starts;
    const values = this.values;
    const nodes = this.nodes;
    let low = w0 & this.lowMask;
    let depth = 0;
    for (;;) {
      let lo = -e - 2;
      let len = starts[lo]!;
      while (len > 1) {
        const half = len >>> 1;
        lo += half & ~((low - starts[lo + half]!) >> 31);
        len -= half;
      }
      const v = values[lo]!;
      if (v >= -1) return v;
      const ref = -v - 2;
      depth++;
      const word = depth === 1 ? w1 : depth === 2 ? w2 : w3;
      e = nodes[ref + 2 + (word >>> nodes[ref]!)]!;
      if (e >= -1) return e;
      low = word & nodes[ref + 1]!;
    }
  }

  /**
   * Looks up addresses given as 4 uint32 words each (`words[4i..4i+3]`) into `out[i]`.
   *
   * @throws RangeError when `words.length` is not a multiple of 4 or `out` is too short
   */
  lookupMany(words: Uint32Array, out: Int32Array): void {
    const n = words.length >>> 2;
    if (words.length !== 4 * n) throw new RangeError(`words has ${words.length} entries, not 4 per address`);
    if (out.length < n) throw new RangeError(`out has ${out.length} slots for ${n} addresses`);
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      out[i] = this.lookup(words[j]!, words[j + 1]!, words[j + 2]!, words[j + 3]!);
    }
  }
}

/** A route for {@link compile6}: a prefix and its value (a non-negative integer). */
export type Route6 = { readonly prefix: Prefix6; readonly value: number };

/** The most directory bits the top level of an IPv6 table uses. */
export const MAX_BITS6 = 21;
const MAX_CHILD_BITS = 16;

/** Prefixes in prefix order as flat arrays, refilled for every build. */
class PrefixList6 {
  words = new Int32Array(256);
  lens = new Uint8Array(64);
  vals = new Int32Array(64);
  count = 0;

  fill(trie: Trie6, lo: number, hi: number): void {
    this.count = 0;
    trie.walk(lo, hi, (id) => {
      if (this.count === this.lens.length) this.grow();
      trie.read(id, this.words, this.lens, this.vals, this.count++);
    });
  }

  private grow(): void {
    const cap = this.lens.length * 2;
    const w = new Int32Array(cap * 4);
    w.set(this.words);
    this.words = w;
    const l = new Uint8Array(cap);
    l.set(this.lens);
    this.lens = l;
    const v = new Int32Array(cap);
    v.set(this.vals);
    this.vals = v;
  }
}

const list = new PrefixList6();
const sweeps = [new RangeSweep(), new RangeSweep(), new RangeSweep(), new RangeSweep()];

/**
 * Adds the prefixes list[i0..i1) to the sweep of word `d` over [lo, hi]: a prefix ending in
 * this word is an interval; a run of longer prefixes under one word value becomes a child node.
 */
function addIntervals(
  d: number,
  i0: number,
  i1: number,
  lo: number,
  hi: number,
  nodes: NodeArena,
  arena: ChunkArena,
): void {
  const sw = sweeps[d]!;
  const { words, lens, vals } = list;
  let i = i0;
  while (i < i1) {
    const len = lens[i]!;
    const x = words[4 * i + d]! >>> 0;
    if (len <= 32 * (d + 1)) {
      const last = (x | ~maskOf(len - 32 * d)) >>> 0;
      sw.add(Math.max(x, lo), Math.min(last, hi), vals[i]!);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < i1 && lens[j]! > 32 * (d + 1) && words[4 * j + d]! >>> 0 === x) j++;
    const ref = buildNode(d + 1, i, j, sw.valueAt(x), nodes, arena);
    if (ref >= 0) sw.add(x, x, -ref - 2);
    i = j;
  }
}

/** Builds the child node for word `d` from list[i0..i1); returns its offset, or -1 if it adds nothing. */
function buildNode(d: number, i0: number, i1: number, fallback: number, nodes: NodeArena, arena: ChunkArena): number {
  const sw = sweeps[d]!;
  sw.begin(0, 0xffffffff, fallback);
  addIntervals(d, i0, i1, 0, 0xffffffff, nodes, arena);
  sw.end();
  if (sw.count === 1 && sw.values[0] === fallback) return -1;
  const k = chooseBits(sw.count, MAX_CHILD_BITS, Number(process.env.CX ?? 0));
  const ref = nodes.used;
  nodes.reserve(2 + 2 ** k);
  nodes.data[ref] = 32 - k;
  nodes.data[ref + 1] = 2 ** (32 - k) - 1;
  nodes.used += 2 + 2 ** k;
  writeBuckets(sw, nodes.data, ref + 2, 32 - k, 0, 0, 2 ** k - 1, arena);
  return ref;
}

/**
 * Rebuilds top buckets b0..b1 (of 2^bits) from `trie`, appending to the arenas.
 *
 * @internal
 */
export function fillBuckets6(
  trie: Trie6,
  bits: number,
  dir: Int32Array,
  b0: number,
  b1: number,
  nodes: NodeArena,
  arena: ChunkArena,
): void {
  const shift = 32 - bits;
  const lo = b0 * 2 ** shift;
  const hi = (b1 + 1) * 2 ** shift - 1;
  list.fill(trie, lo, hi);
  const sw = sweeps[0]!;
  sw.begin(lo, hi, -1);
  addIntervals(0, 0, list.count, lo, hi, nodes, arena);
  sw.end();
  writeBuckets(sw, dir, 0, shift, 0, b0, b1, arena);
}

/**
 * Compiles a trie into a fresh table; `trim` drops spare capacity.
 *
 * @internal
 */
export function compileTrie6(
  trie: Trie6,
  trim: boolean,
): { table: Lpm6; bits: number; nodes: NodeArena; arena: ChunkArena } {
  const nodes = new NodeArena(1024);
  const arena = new ChunkArena(1024);
  list.fill(trie, 0, 0xffffffff);
  const sw = sweeps[0]!;
  sw.begin(0, 0xffffffff, -1);
  addIntervals(0, 0, list.count, 0, 0xffffffff, nodes, arena);
  sw.end();
  const k = chooseBits(sw.count, Number(process.env.TX ?? MAX_BITS6));
  const dir = new Int32Array(2 ** k);
  writeBuckets(sw, dir, 0, 32 - k, 0, 0, 2 ** k - 1, arena);
  if (trim) {
    arena.trim();
    nodes.data = nodes.data.slice(0, nodes.used);
  }
  return { table: new Lpm6(k, dir, nodes, arena, trie.size), bits: k, nodes, arena };
}

/**
 * Compiles routes (or a {@link Trie6}) into an immutable {@link Lpm6}. A prefix given twice
 * keeps its last value.
 */
export function compile6(routes: Iterable<Route6> | Trie6): Lpm6 {
  let trie: Trie6;
  if (routes instanceof Trie6) {
    trie = routes;
  } else {
    trie = new Trie6();
    for (const r of routes) trie.insert(r.prefix, r.value);
  }
  return compileTrie6(trie, true).table;
}
