// Lpm4: the compiled IPv4 longest-prefix-match table. Immutable; built by compile4 or by an
// Lpm4Builder; answers lookup(addr) with no allocation, no strings, no bigint.
//
// Layout: a DXR-style range table (Zec, Rizzo, Mikuc 2012) with an adaptive directory.
// The address space is flattened into ranges (a new range wherever the longest matching
// prefix changes); the top k bits of an address pick a bucket in `dir`; a bucket holding a
// single range stores its value inline, otherwise it points at a chunk of ranges that a
// branch-free binary search scans. k grows with the table: k = ceil(log2(ranges)) + 2,
// clamped to 1..20, so a table costs O(routes) bytes, never a fixed 64 MiB.
//
//   addr (uint32):  [ bucket: top k bits | low: 32-k bits ]
//
//   dir (Int32Array, 1 per bucket):    e >= -1: one range, e is the answer (-1: no route)
//                                      e <= -2: a chunk of ranges at off = -e - 2
//   k < 16, two parallel arrays (shared arena):
//     starts (Int32Array):             [ n-1 | s1 | s2 ... ]    n ranges; range i starts at low
//                                                              offset s_i (range 0 at 0)
//     values (Int32Array):             [ v0| v1 | v2 ... ]      range i's value, -1 for "no route"
//   k >= 16 (PAIRED_BITS), one array of (start, value) pairs:
//     pairs (Int32Array):              [ n-1, v0 | s1, v1 | s2, v2 ... ]   entry i at 2i, 2i + 1
//
//   lookup: e = dir[addr >>> (32-k)]; if e >= -1 → e;
//           else the last i in the chunk with s_i <= (addr & lowMask) → its value
//
// Why this layout: four candidates were prototyped and measured in one harness (2-core AMD
// EPYC VM, 32 MiB L3 shared with other VMs, Node 20; random BGP-like tables, 1M addresses
// half aimed at routes; lookups in a loop over a Uint32Array; M lookups/s and memory):
//
//   routes  | DIR-24-8        | DIR-16-8-8      | range table (this) | plain binary search
//   100     |  75, 64 MiB     | 569, 0.3 MiB    | 236, 8 KiB  (k=10) | 35, 1.6 KiB
//   10,000  |  64, 64 MiB     | 275, 8.5 MiB    | 160, 0.5 MiB (k=16)| 16
//   500,000 |  61, 64 MiB     |  44, 64 MiB     |  75, 12 MiB (k=20) |  9
//
// DIR-16-8-8 wins small and mid-size tables but its memory explodes once most /16s hold a
// more specific route (64 MiB at 500k), and a simulator compiles thousands of small tables.
// DIR-24-8 costs 64 MiB for any table; reading it through a parameter (not a constant the JIT
// can embed) it is bound by cache and TLB misses. The range table is within 2x of the best at
// every size, the smallest everywhere but tiny tables, and patches cheaply: an update rewrites
// only the buckets its prefix spans (lpm4-builder.ts). Tuning on the same harness then chose
// k = log2(ranges) + 2 (+10% over + 1), at most 20 (21 is 8% faster on a quiet host but 25%
// slower when neighbours share the L3). The 500k-route rate swings between ~30 and ~80 M/s
// with the load of the shared host; the 100- and 10k-route tables fit in L2 and do not.
//
// The 500k table under load (issue 14): a lookup makes three dependent accesses that miss
// when neighbours evict the L3 (dir → chunk starts → values), and a plain loop runs them one
// lookup after the other: the branch on each loaded directory entry stops the CPU from running
// ahead into the next lookup. Two changes, measured on the same VM while 8 other jobs shared
// its 2 cores (load 13-22; CPU-time rates, so that preemption does not count; M lookups/s,
// 500,000 routes, k = 20, ranges of 3 rounds):
//
//   layout (k = 20)                           | bytes    | loop of lookup() | lookupMany
//   Uint16 starts + Int32 values (before)     | 10.7 MB  |  6.8 - 8.0       | 5.5 - 5.7
//   (start, value) pairs                      | 12.8 MB  |  7.2 - 9.2       | 7.2 - 9.2 (plain)
//   pairs, lookupMany in groups of 16         | 12.8 MB  |                  | 8.3 - 14.4
//   pairs, groups of 32 (this)                | 12.8 MB  |                  | 9.8 - 15.1
//   pairs, groups of 64                       | 12.8 MB  |                  | 8.2 - 11.2
//   pairs, groups of 32, k = 21 / 22          | 15.6 / 22.2 MB |            | 12.4-14.5 / 13.2-14.4
//
// The groups' rows come from separate runs; old and new side by side in one process, 5
// rounds (median, range): before 7.7 (5.5-8.8) for the faster of loop and lookupMany; now
// lookupMany 14.4 (11.2-15.9), 1.9x, and a loop of lookup() 10.5 (5.4-11.6). At 10,000
// routes (k = 17, paired, fits in L2) the loop stays within noise: 74.5 (66-82) vs 77.2
// (75-86) before, for 745 KB instead of 690 KB; 100 routes (k = 10) are unchanged.
//
// - pairs: a chunk's search and the value it ends at share a cache line (8 pairs a line;
//   most chunks at k = 20 hold 2-6 ranges), so a lookup misses twice instead of three times,
//   for a third more chunk bytes (+20% in all). Tables of k >= 16 (PAIRED_BITS; about 4,000
//   routes and up) use them; smaller ones keep the two arrays, unchanged and as small.
// - groups (lookupMany, k >= 19 = GROUP_BITS: the table no longer fits in L2): the directory
//   entries of 32 addresses are loaded with no branch between them, then the first pair of
//   each chunk they name, then the searches run on cached lines: the misses of 32 independent
//   lookups overlap. On a table that fits in L2 the stages only cost (65 vs 92 M/s at 10k), so
//   smaller tables loop plainly. k = 21 or 22 buys nothing measurable here for +3 / +10 MB.
//   The simulator's flow walk cannot batch: each hop's table depends on the previous hop's
//   answer, and its tables are small; lookupMany is for bulk callers (the benchmark, tools).
//
// Still under load (issue 14, 11-42 M/s across runs): the groups overlap misses but every lookup
// still misses in a shared L3 and a TLB that 17 MB of table overflow. Smaller tables did not
// help (k = 16..20, 8.0 to 12.8 MB, grouped: all 10-12 M/s at load 15). What does: a batch of
// at least PARTITION_MIN (32k) addresses is first counting-sorted by its top 12 bits, then looked
// up in that order (internal/lpm4-many.ts): a partition reads 1/4096 of the table, whose lines
// and pages its other lookups then find cached. Side by side in one process (load 15-19 on the
// 2 cores; CPU-time M lookups/s, 500,000 routes, k = 20, 1M addresses; the best peer,
// arkime-iptrie, on 100k of them; 5 rounds, median (min-max)):
//
//   lookupMany                        | M/s               | x best peer (max of it and loop)
//   groups of 32 (before)             | 10.4 (7.9-11.6)   | 29.7 median, 28.0 min
//   sorted by top 12 bits (this)      | 22.8 (12.2-27.7)  | 69.6 median, 43.4 min
//   (second run)                      | 23.1 (14.5-24.9)  | 67.8 median, 47.0 min (before 39.4, 25.0)
//
// 8, 10 or 12 sort bits, k = 18 or 20: 21-26 M/s, 12 bits at k = 20 the best. The sort costs
// two sequential passes and 8 bytes of scratch per address, kept between calls (batches go in
// blocks of 2^20: 8 MiB at most); batches under 32k, tables under k = 19 keep their loops.
import { ChunkArena, chooseBits, writeBuckets } from './internal/chunk-arena.js';
import {
  lookupAll,
  lookupAllPaired,
  lookupGroups,
  lookupPartitioned,
  PARTITION_MIN,
} from './internal/lpm4-many.js';
import { lookupRange4 } from './internal/lpm4-range.js';
import { RangeSweep } from './internal/range-sweep.js';
import { sortRoutes } from './internal/sort-routes.js';
import type { Prefix4 } from './prefix.js';
import { Trie4 } from './trie4.js';

/** A compiled, immutable IPv4 longest-prefix-match table. Build it with {@link compile4}. */
export class Lpm4 {
  /** @internal */ readonly shift: number;
  /** @internal */ readonly lowMask: number;
  /** @internal */ readonly dir: Int32Array;
  /** @internal Range starts (tables of fewer than PAIRED_BITS directory bits; else empty). */
  readonly starts: Int32Array;
  /** @internal Range values, parallel to `starts`. */
  readonly values: Int32Array;
  /** @internal (start, value) pairs (tables of PAIRED_BITS or more directory bits; else empty). */
  readonly pairs: Int32Array;
  /** The number of routes (prefixes) compiled into the table. */
  readonly size: number;
  /**
   * The first address (a uint32) of the range the last {@link lookupRange} call found: every
   * address from `rangeLo` to {@link rangeHi} has the value that call returned. 0 before any call.
   */
  rangeLo = 0;
  /** The last address (a uint32) of the range the last {@link lookupRange} call found. */
  rangeHi = 0;

  /** @internal Use {@link compile4} or {@link Lpm4Builder}. */
  constructor(bits: number, dir: Int32Array, arena: ChunkArena, size: number) {
    this.shift = 32 - bits;
    this.lowMask = (2 ** this.shift - 1) | 0;
    this.dir = dir;
    // Two of the three are empty; each field keeps a single type so that V8's code stays monomorphic.
    this.starts = arena.paired ? EMPTY32 : arena.starts;
    this.values = arena.paired ? EMPTY32 : arena.values;
    this.pairs = arena.paired ? arena.starts : EMPTY32;
    this.size = size;
  }

  /** Bits of the address that index the directory (the k of the layout). */
  get bits(): number {
    return 32 - this.shift;
  }

  /**
   * Memory footprint in bytes: the directory plus the range arrays it reads (which a table
   * made by an {@link Lpm4Builder} shares with the builder's other versions).
   */
  get bytes(): number {
    return this.dir.byteLength + this.starts.byteLength + this.values.byteLength + this.pairs.byteLength;
  }

  /** The value of the longest prefix containing `addr` (a uint32), or -1 when none does. */
  lookup(addr: number): number {
    const e = this.dir[addr >>> this.shift]!;
    if (e >= -1) return e;
    const low = addr & this.lowMask;
    let lo = -e - 2;
    if (this.shift <= 32 - PAIRED_BITS) {
      const pairs = this.pairs;
      let len = pairs[2 * lo]! + 1;
      while (len > 1) {
        const half = len >>> 1;
        lo += half & ~((low - pairs[2 * (lo + half)]!) >> 31);
        len -= half;
      }
      return pairs[2 * lo + 1]!;
    }
    const starts = this.starts;
    let len = starts[lo]! + 1;
    while (len > 1) {
      const half = len >>> 1;
      lo += half & ~((low - starts[lo + half]!) >> 31);
      len -= half;
    }
    return this.values[lo]!;
  }

  /**
   * The same value as {@link lookup}, and the range of addresses around `addr` that all have it:
   * sets {@link rangeLo} and {@link rangeHi} (uint32s, rangeLo <= addr <= rangeHi), allocating
   * nothing. The range is maximal unless it runs on past 64 directory buckets on a side (see
   * RANGE_SCAN), where it is cut; a caller walking the address space in ranges gets every change
   * of value and sometimes a cut between two ranges of the same value.
   */
  lookupRange(addr: number): number {
    return lookupRange4(this, addr, this.shift <= 32 - PAIRED_BITS);
  }

  /**
   * Looks up every address of `addrs` (uint32s) into `out` (values, -1 for none). Faster than a
   * loop of {@link lookup} on large tables: it overlaps the cache misses of several lookups, and
   * takes a large batch in the order of its addresses' top bits, so that lookups share cache lines.
   *
   * @throws RangeError when `out` is shorter than `addrs`
   */
  lookupMany(addrs: Uint32Array, out: Int32Array): void {
    if (out.length < addrs.length) {
      throw new RangeError(`out has ${out.length} slots for ${addrs.length} addresses`);
    }
    const shift = this.shift;
    if (shift > 32 - PAIRED_BITS)
      lookupAll(this.dir, this.starts, this.values, shift, this.lowMask, addrs, out);
    else if (shift > 32 - GROUP_BITS || this.pairs.length === 0)
      lookupAllPaired(this.dir, this.pairs, shift, this.lowMask, addrs, out, 0);
    else if (addrs.length < PARTITION_MIN)
      lookupGroups(this.dir, this.pairs, shift, this.lowMask, addrs, out);
    else lookupPartitioned(this.dir, this.pairs, shift, this.lowMask, addrs, out);
  }
}

const EMPTY32 = new Int32Array(0);

/** Directory bits from which chunks store (start, value) pairs (a cache line less per lookup). */
export const PAIRED_BITS = 16;
/** Directory bits from which lookupMany works in groups (the table no longer fits in L2). */
export const GROUP_BITS = 19;

/** A route for {@link compile4}: a prefix and its value (a non-negative integer, e.g. a route index). */
export type Route4 = { readonly prefix: Prefix4; readonly value: number };

/** The most directory bits an IPv4 table uses (2^20 buckets, 4 MiB). */
export const MAX_BITS4 = 20;

const sweep = new RangeSweep();

/**
 * Rebuilds buckets b0..b1 of a directory with 2^bits buckets from the routes in `trie`.
 *
 * @internal
 */
export function fillBuckets4(
  trie: Trie4,
  bits: number,
  dir: Int32Array,
  b0: number,
  b1: number,
  arena: ChunkArena,
): void {
  const shift = 32 - bits;
  const lo = b0 * 2 ** shift;
  const hi = (b1 + 1) * 2 ** shift - 1;
  sweep.begin(lo, hi, -1);
  trie.walk(lo, hi, (network, length, value) => {
    const last = network + 2 ** (32 - length) - 1;
    sweep.add(Math.max(network, lo), Math.min(last, hi), value);
  });
  sweep.end();
  writeBuckets(sweep, dir, 0, shift, 0, b0, b1, arena);
}

/** Cuts the finished sweep into a fresh table of `size` routes. */
function finish(
  size: number,
  trim: boolean,
  bits?: number,
): { table: Lpm4; arena: ChunkArena; bits: number } {
  const k = bits ?? chooseBits(sweep.count, MAX_BITS4);
  const dir = new Int32Array(2 ** k);
  const arena = new ChunkArena(sweep.count + 2 ** k, k >= PAIRED_BITS);
  writeBuckets(sweep, dir, 0, 32 - k, 0, 0, 2 ** k - 1, arena);
  if (trim) arena.trim();
  return { table: new Lpm4(k, dir, arena, size), arena, bits: k };
}

/**
 * Compiles a trie into a fresh table with `bits` directory bits (chosen from the range count
 * when omitted); `trim` drops the arena's spare capacity.
 *
 * @internal
 */
export function compileTrie4(
  trie: Trie4,
  trim: boolean,
  bits?: number,
): { table: Lpm4; arena: ChunkArena; bits: number } {
  sweep.begin(0, 0xffffffff, -1);
  trie.walk(0, 0xffffffff, (network, length, value) => {
    sweep.add(network, network + 2 ** (32 - length) - 1, value);
  });
  sweep.end();
  return finish(trie.size, trim, bits);
}

/**
 * Compiles routes (or a {@link Trie4}) into an immutable {@link Lpm4}. A prefix given twice
 * keeps its last value. A list is put in prefix order by a radix sort, not a trie.
 *
 * @throws RangeError when a prefix is not canonical IPv4 or a value not a non-negative int32
 * @example compile4([{ prefix: parsePrefix('10.0.0.0/8') as Prefix4, value: 0 }]).lookup(parseIpv4('10.1.2.3')) // 0
 */
export function compile4(routes: Iterable<Route4> | Trie4): Lpm4 {
  if (routes instanceof Trie4) return compileTrie4(routes, true).table;
  const { words, lens, vals, count } = sortRoutes(routes, 1);
  sweep.begin(0, 0xffffffff, -1);
  for (let i = 0; i < count; i++) {
    const network = words[i]! >>> 0;
    sweep.add(network, network + 2 ** (32 - lens[i]!) - 1, vals[i]!);
  }
  sweep.end();
  return finish(count, true).table;
}
