// The IPv6 compiler's machinery (see lpm6.ts for the layout it fills): prefixes in prefix
// order as flat arrays, a sweep per level, and the recursive build of child nodes.
import { maskOf } from './bits.js';
import { type ChunkArena, chooseBits, writeBuckets } from './chunk-arena.js';
import { RangeSweep } from './range-sweep.js';
import type { SortedRoutes } from './sort-routes.js';
import { Trie6 } from '../trie6.js';

const MAX_CHILD_BITS = 16;
/** Every top-level bucket spans 2^31 keys, so a key's offset in its bucket is a positive int32. */
const BUCKET_SHIFT = 31;

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

/** The arenas a table (and its later versions) reads. */
export type Arenas6 = { nodes: NodeArena; chunks: ChunkArena };

/** Prefixes in prefix order as flat arrays, refilled for every build. */
class PrefixList6 implements SortedRoutes {
  words: Int32Array = new Int32Array(256);
  lens: Uint8Array = new Uint8Array(64);
  vals: Int32Array = new Int32Array(64);
  count = 0;

  fill(trie: Trie6, lo: number, hi: number): void {
    this.count = 0;
    trie.walk(lo, hi, (id) => {
      if (this.count === this.lens.length) this.grow();
      trie.read(id, this.words, this.lens, this.vals, this.count++);
    });
  }

  private grow(): void {
    const cap = Math.max(64, this.lens.length * 2);
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

  /** Takes over sorted routes. */
  adopt(r: SortedRoutes): void {
    this.words = r.words;
    this.lens = r.lens;
    this.vals = r.vals;
    this.count = r.count;
  }

  /** The top-level key of prefix i for a top directory of `bits` bits: its first 31 + bits bits. */
  key(i: number, bits: number): number {
    const w1 = (this.words[4 * i + 1]! >>> 1) >>> (32 - bits);
    return (this.words[4 * i]! >>> 0) * 2 ** (bits - 1) + w1;
  }
}

const list = new PrefixList6();
const top = new RangeSweep();
const sweeps = [top, new RangeSweep(), new RangeSweep(), new RangeSweep()];

/**
 * Adds list[i0..i1) to the sweep of word `d` (1..3): a prefix ending in this word is an
 * interval; a run of longer prefixes under one word value becomes a child node.
 */
function addWordIntervals(d: number, i0: number, i1: number, arenas: Arenas6): void {
  const sw = sweeps[d]!;
  const { words, lens, vals } = list;
  let i = i0;
  while (i < i1) {
    const len = lens[i]!;
    const x = words[4 * i + d]! >>> 0;
    if (len <= 32 * (d + 1)) {
      sw.add(x, (x | ~maskOf(len - 32 * d)) >>> 0, vals[i]!);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < i1 && lens[j]! > 32 * (d + 1) && words[4 * j + d]! >>> 0 === x) j++;
    const ref = buildNode(d + 1, i, j, sw.valueAt(x), arenas);
    if (ref >= 0) sw.add(x, x, -ref - 2);
    i = j;
  }
}

/** Builds the child node for word `d` from list[i0..i1); its offset, or -1 if it adds nothing. */
function buildNode(d: number, i0: number, i1: number, fallback: number, arenas: Arenas6): number {
  const sw = sweeps[d]!;
  sw.begin(0, 0xffffffff, fallback);
  addWordIntervals(d, i0, i1, arenas);
  sw.end();
  if (sw.count === 1 && sw.values[0] === fallback) return -1;
  const k = chooseBits(sw.count, MAX_CHILD_BITS, 0);
  const nodes = arenas.nodes;
  const ref = nodes.used;
  nodes.reserve(2 + 2 ** k);
  nodes.data[ref] = 32 - k;
  nodes.data[ref + 1] = 2 ** (32 - k) - 1;
  nodes.used += 2 + 2 ** k;
  writeBuckets(sw, nodes.data, ref + 2, 32 - k, 0, 0, 2 ** k - 1, arenas.chunks);
  return ref;
}

/**
 * Sweeps the listed routes under top buckets b0..b1 into the top-level sweep (keys of
 * 31 + bits bits), building child nodes for longer prefixes, then cuts the buckets into `dir`.
 */
function buildTop(bits: number, dir: Int32Array, b0: number, b1: number, arenas: Arenas6): void {
  const keyBits = 31 + bits;
  const lo = b0 * 2 ** BUCKET_SHIFT;
  const hi = (b1 + 1) * 2 ** BUCKET_SHIFT - 1;
  top.begin(lo, hi, -1);
  const { lens, vals } = list;
  let i = 0;
  while (i < list.count) {
    const len = lens[i]!;
    const x = list.key(i, bits);
    if (len <= keyBits) {
      top.add(Math.max(x, lo), Math.min(x + 2 ** (keyBits - len) - 1, hi), vals[i]!);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < list.count && lens[j]! > keyBits && list.key(j, bits) === x) j++;
    const ref = buildNode(1, i, j, top.valueAt(x), arenas);
    if (ref >= 0) top.add(x, x, -ref - 2);
    i = j;
  }
  top.end();
  writeBuckets(top, dir, 0, BUCKET_SHIFT, 0, b0, b1, arenas.chunks);
}

/** Rebuilds top buckets b0..b1 of a directory with 2^bits buckets from `trie`. */
export function fillTop6(
  trie: Trie6,
  bits: number,
  dir: Int32Array,
  b0: number,
  b1: number,
  arenas: Arenas6,
): void {
  list.fill(trie, b0 * 2 ** (32 - bits), (b1 + 1) * 2 ** (32 - bits) - 1);
  buildTop(bits, dir, b0, b1, arenas);
}

/**
 * Compiles all of `source` (a trie, or routes sorted by sortRoutes): the number of top bits
 * chosen (from the route count) and the top directory.
 */
export function compileTop6(
  source: Trie6 | SortedRoutes,
  maxBits: number,
  arenas: Arenas6,
): { bits: number; dir: Int32Array } {
  if (source instanceof Trie6) list.fill(source, 0, 0xffffffff);
  else list.adopt(source);
  const bits = chooseBits(2 * list.count + 1, maxBits);
  const dir = new Int32Array(2 ** bits);
  buildTop(bits, dir, 0, 2 ** bits - 1, arenas);
  return { bits, dir };
}
