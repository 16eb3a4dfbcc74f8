// The IPv6 compiler's machinery (see lpm6.ts for the layout it fills): prefixes in prefix
// order as flat arrays, a sweep per level, and the recursive build of child nodes.
import { maskOf } from './bits.js';
import { type ChunkArena, type KeyArena, chooseBits, writeBuckets, writeKeyBuckets } from './chunk-arena.js';
import { RangeSweep } from './range-sweep.js';
import type { Trie6 } from '../trie6.js';

/** Bits of an address that the top level's keys hold: w0 and the top 21 bits of w1. */
export const KEY_BITS = 53;
const W1_BITS = KEY_BITS - 32;
const MAX_CHILD_BITS = 16;

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
export type Arenas6 = { keys: KeyArena; nodes: NodeArena; chunks: ChunkArena };

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

  /** The top-level key of prefix i: its first 53 bits as an exact double. */
  key(i: number): number {
    return (this.words[4 * i]! >>> 0) * 2 ** W1_BITS + ((this.words[4 * i + 1]! >>> 0) >>> (32 - W1_BITS));
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
 * Sweeps the routes of `trie` whose first word lies in [w0lo, w0hi] into the top-level sweep,
 * over the keys [lo, hi], building child nodes for prefixes longer than 53 bits.
 */
function sweepTop(trie: Trie6, w0lo: number, w0hi: number, lo: number, hi: number, arenas: Arenas6): RangeSweep {
  list.fill(trie, w0lo, w0hi);
  top.begin(lo, hi, -1);
  const { lens, vals } = list;
  let i = 0;
  while (i < list.count) {
    const len = lens[i]!;
    const x = list.key(i);
    if (len <= KEY_BITS) {
      top.add(Math.max(x, lo), Math.min(x + 2 ** (KEY_BITS - len) - 1, hi), vals[i]!);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < list.count && lens[j]! > KEY_BITS && list.key(j) === x) j++;
    const ref = buildNode(1, i, j, top.valueAt(x), arenas);
    if (ref >= 0) top.add(x, x, -ref - 2);
    i = j;
  }
  top.end();
  return top;
}

/** Rebuilds top buckets b0..b1 of a directory with 2^bits buckets from `trie`. */
export function fillTop6(trie: Trie6, bits: number, dir: Int32Array, b0: number, b1: number, arenas: Arenas6): void {
  const w0shift = 32 - bits;
  const kshift = KEY_BITS - bits;
  const sw = sweepTop(
    trie,
    b0 * 2 ** w0shift,
    (b1 + 1) * 2 ** w0shift - 1,
    b0 * 2 ** kshift,
    (b1 + 1) * 2 ** kshift - 1,
    arenas,
  );
  writeKeyBuckets(sw, dir, kshift, b0, b1, arenas.keys);
}

/** Compiles all of `trie`: the number of top bits chosen and the top directory. */
export function compileTop6(trie: Trie6, maxBits: number, arenas: Arenas6): { bits: number; dir: Int32Array } {
  const sw = sweepTop(trie, 0, 0xffffffff, 0, 2 ** KEY_BITS - 1, arenas);
  const bits = chooseBits(sw.count, maxBits);
  const dir = new Int32Array(2 ** bits);
  writeKeyBuckets(sw, dir, KEY_BITS - bits, 0, 2 ** bits - 1, arenas.keys);
  return { bits, dir };
}
