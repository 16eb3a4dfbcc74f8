// Lpm6: the compiled IPv6 longest-prefix-match table. Immutable; no allocation per lookup.
// Hot-path twin: internal/lpm4-many.ts (Lpm6.lookup inlines the IPv4 tables' branch-free chunk
// search, on 31-bit offsets and then per word; a shared search would be a call per level).
//
// The top level is the IPv4 range layout (lpm4.ts) over the first 31 + k bits of the address
// (k = directory bits, chosen from the table's size): the bucket is the top k bits of w0 and
// the offset inside it the next 31 bits, a positive int32, so the search is the same
// branch-free one as IPv4. At 10,000 routes k = 17 (keys of 48 bits), at 500,000 k = 21
// (52 bits): every prefix of a real BGP table (/29-/48) is a plain range, and a typical lookup
// reads the directory, searches one chunk and is done. A range whose value is <= -2 is one key
// under which longer prefixes exist: it names a child node that looks up the second word
// (then the third, the fourth) with 32-bit ranges, the covering route pushed down as default.
//
//   offset = ((w0 & lowMask) << (k-1)) | ((w1 >>> 1) >>> (32-k))    31 bits
//   dir:     Int32Array, 2^k entries (bucket = w0 >>> (32-k))         e >= -1 answer; e <= -2 chunk
//   starts:  Int32Array arena  [ n-1 | s1 | s2 ... ]                  range starts (offsets)
//   values:  Int32Array arena  [ v0| v1 | v2 ... ]                    v >= -1 answer; v <= -2 child
//   nodes:   Int32Array arena of child nodes, each
//            [ shift | lowMask | dir entry × 2^(32-shift) ]           a directory for the next word
//
// Measured (BGP-like IPv6 tables, 1M addresses, lookupMany): the first version looked up one
// 32-bit word per level, so a /48 cost two directory reads and two chunk searches: ~50M/s at
// 10k routes and ~8M/s at 500k in 20-40 MiB; this one reads one level for a /48.
import { ChunkArena } from './internal/chunk-arena.js';
import { NodeArena, compileTop6, fillTop6, type Arenas6 } from './internal/build6.js';
import { sortRoutes, type SortedRoutes } from './internal/sort-routes.js';
import type { Prefix6 } from './prefix.js';
import { Trie6 } from './trie6.js';

/** A compiled, immutable IPv6 longest-prefix-match table. Build it with {@link compile6}. */
export class Lpm6 {
  /** @internal */ readonly shift: number;
  /** @internal */ readonly lowMask: number;
  /** @internal */ readonly w1shift: number;
  /** @internal */ readonly dir: Int32Array;
  /** @internal */ readonly nodes: Int32Array;
  /** @internal */ readonly starts: Int32Array;
  /** @internal */ readonly values: Int32Array;
  /** The number of routes (prefixes) compiled into the table. */
  readonly size: number;

  /** @internal Use {@link compile6} or {@link Lpm6Builder}. */
  constructor(bits: number, dir: Int32Array, arenas: Arenas6, size: number) {
    this.shift = 32 - bits;
    this.lowMask = (2 ** this.shift - 1) | 0;
    this.w1shift = bits - 1;
    this.dir = dir;
    this.nodes = arenas.nodes.data;
    this.starts = arenas.chunks.starts;
    this.values = arenas.chunks.values;
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
    const low = ((w0 & this.lowMask) << this.w1shift) | ((w1 >>> 1) >>> this.shift);
    let lo = -e - 2;
    let len = starts[lo]! + 1;
    while (len > 1) {
      const half = len >>> 1;
      lo += half & ~((low - starts[lo + half]!) >> 31);
      len -= half;
    }
    let v = this.values[lo]!;
    if (v >= -1) return v;
    const nodes = this.nodes;
    let word = w1;
    for (let depth = 1; ;) {
      const ref = -v - 2;
      e = nodes[ref + 2 + (word >>> nodes[ref]!)]!;
      if (e >= -1) return e;
      const wlow = word & nodes[ref + 1]!;
      lo = -e - 2;
      len = starts[lo]! + 1;
      while (len > 1) {
        const half = len >>> 1;
        lo += half & ~((wlow - starts[lo + half]!) >> 31);
        len -= half;
      }
      v = this.values[lo]!;
      if (v >= -1) return v;
      depth++;
      word = depth === 2 ? w2 : w3;
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

/** Fresh, empty arenas. */
function arenas(): Arenas6 {
  return { nodes: new NodeArena(64), chunks: new ChunkArena(1024) };
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
  a: Arenas6,
): void {
  fillTop6(trie, bits, dir, b0, b1, a);
}

/**
 * Compiles a trie into a fresh table; `trim` drops spare capacity.
 *
 * @internal
 */
export function compileTrie6(
  source: Trie6 | SortedRoutes,
  trim: boolean,
): { table: Lpm6; bits: number; arenas: Arenas6 } {
  const a = arenas();
  const { bits, dir } = compileTop6(source, MAX_BITS6, a);
  if (trim) {
    a.chunks.trim();
    a.nodes.data = a.nodes.data.slice(0, a.nodes.used);
  }
  return {
    table: new Lpm6(bits, dir, a, source instanceof Trie6 ? source.size : source.count),
    bits,
    arenas: a,
  };
}

/**
 * Compiles routes (or a {@link Trie6}) into an immutable {@link Lpm6}. A prefix given twice
 * keeps its last value. A list is put in prefix order by a radix sort, not a trie.
 *
 * @throws RangeError when a prefix is not canonical IPv6 or a value not a non-negative int32
 */
export function compile6(routes: Iterable<Route6> | Trie6): Lpm6 {
  return compileTrie6(routes instanceof Trie6 ? routes : sortRoutes(routes, 4), true).table;
}
