// The loops of Lpm4.lookupMany, one per layout and strategy, each monomorphic (see lpm4.ts for
// the layouts and the measurements that chose them).
// Hot-path twins: the four loops here inline the same branch-free chunk search, and so does
// lpm6.ts (Lpm6.lookup, on 31-bit offsets); kept inline on purpose, one per layout and loop, since
// a shared search would take both layouts' arrays (polymorphic) and cost a call per lookup.
/** A plain loop over the two-array layout. */
export function lookupAll(
  dir: Int32Array,
  starts: Int32Array,
  values: Int32Array,
  shift: number,
  lowMask: number,
  addrs: Uint32Array,
  out: Int32Array,
): void {
  const n = addrs.length;
  for (let i = 0; i < n; i++) {
    const addr = addrs[i]!;
    const e = dir[addr >>> shift]!;
    if (e >= -1) {
      out[i] = e;
      continue;
    }
    const low = addr & lowMask;
    let lo = -e - 2;
    let len = starts[lo]! + 1;
    while (len > 1) {
      const half = len >>> 1;
      lo += half & ~((low - starts[lo + half]!) >> 31);
      len -= half;
    }
    out[i] = values[lo]!;
  }
}

/** A plain loop over the paired layout, from `from` on. */
export function lookupAllPaired(
  dir: Int32Array,
  pairs: Int32Array,
  shift: number,
  lowMask: number,
  addrs: Uint32Array,
  out: Int32Array,
  from: number,
): void {
  const n = addrs.length;
  for (let i = from; i < n; i++) {
    const addr = addrs[i]!;
    const e = dir[addr >>> shift]!;
    if (e >= -1) {
      out[i] = e;
      continue;
    }
    const low = addr & lowMask;
    let lo = -e - 2;
    let len = pairs[2 * lo]! + 1;
    while (len > 1) {
      const half = len >>> 1;
      lo += half & ~((low - pairs[2 * (lo + half)]!) >> 31);
      len -= half;
    }
    out[i] = pairs[2 * lo + 1]!;
  }
}

// Large tables: groups of GROUP addresses in stages, so that the cache misses of a group's
// independent lookups overlap instead of queueing behind each other (in a plain loop, the
// branch on each loaded directory entry keeps the CPU from running ahead into the next lookup):
//   1. the directory entries of the whole group (GROUP independent loads, no branch between)
//   2. the first pair of every chunk they name (its range count): the chunks' cache lines
//   3. the searches and values, now mostly cached
const GROUP = 32;
const stage = new Int32Array(GROUP + 1);

/** The paired layout in groups of GROUP addresses (see above). */
export function lookupGroups(
  dir: Int32Array,
  pairs: Int32Array,
  shift: number,
  lowMask: number,
  addrs: Uint32Array,
  out: Int32Array,
): void {
  const n = addrs.length;
  const st = stage;
  let i = 0;
  for (; i + GROUP <= n; i += GROUP) {
    for (let j = 0; j < GROUP; j++) st[j] = dir[addrs[i + j]! >>> shift]!;
    let touch = 0;
    for (let j = 0; j < GROUP; j++) {
      const e = st[j]!;
      touch += pairs[e < -1 ? -2 * e - 4 : 0]!;
    }
    st[GROUP] = touch;
    for (let j = 0; j < GROUP; j++) {
      const e = st[j]!;
      if (e >= -1) {
        out[i + j] = e;
        continue;
      }
      const low = addrs[i + j]! & lowMask;
      let lo = -e - 2;
      let len = pairs[2 * lo]! + 1;
      while (len > 1) {
        const half = len >>> 1;
        lo += half & ~((low - pairs[2 * (lo + half)]!) >> 31);
        len -= half;
      }
      out[i + j] = pairs[2 * lo + 1]!;
    }
  }
  lookupAllPaired(dir, pairs, shift, lowMask, addrs, out, i);
}

// Large batches on large tables: the addresses are first put in order of their top PART_BITS
// bits (a counting sort, keeping each one's position), then looked up in that order. A
// partition's lookups read 1/2^PART_BITS of the table (4 KiB of directory, ~3 KiB of chunks at
// 500k routes), so its cache lines are read once and reused by the partition's other lookups,
// on pages the TLB holds: the lookups stop depending on the shared L3. The sort reads and
// writes sequentially (4,096 write streams); the answers go back to their positions.
//
//   addrs ──count top bits──► starts of partitions ──scatter──► (addr, position) in order
//         ──lookup in order──► out[position]
const PART_BITS = 12;
/** The smallest batch lookupMany sorts first (smaller ones use lookupGroups). */
export const PARTITION_MIN = 1 << 15;
/** The most addresses sorted at once (larger batches go in blocks: 8 MiB of scratch at most). */
const PART_BLOCK = 1 << 20;
const partStart = new Int32Array((1 << PART_BITS) + 1);
let sortedAddrs = new Uint32Array(0);
let sortedAt = new Uint32Array(0);

/** The paired layout, `addrs` looked up in order of their top bits (see above). */
export function lookupPartitioned(
  dir: Int32Array,
  pairs: Int32Array,
  shift: number,
  lowMask: number,
  addrs: Uint32Array,
  out: Int32Array,
): void {
  for (let from = 0; from < addrs.length; from += PART_BLOCK) {
    const to = Math.min(addrs.length, from + PART_BLOCK);
    if (sortedAddrs.length < to - from) {
      sortedAddrs = new Uint32Array(to - from);
      sortedAt = new Uint32Array(to - from);
    }
    partitionBlock(dir, pairs, shift, lowMask, addrs, out, from, to, sortedAddrs, sortedAt);
  }
}

function partitionBlock(
  dir: Int32Array,
  pairs: Int32Array,
  shift: number,
  lowMask: number,
  addrs: Uint32Array,
  out: Int32Array,
  from: number,
  to: number,
  sa: Uint32Array,
  at: Uint32Array,
): void {
  const ps = 32 - PART_BITS;
  const start = partStart;
  start.fill(0);
  for (let i = from; i < to; i++) {
    const p = (addrs[i]! >>> ps) + 1;
    start[p] = start[p]! + 1;
  }
  for (let p = 0; p < 1 << PART_BITS; p++) start[p + 1] = start[p + 1]! + start[p]!;
  for (let i = from; i < to; i++) {
    const a = addrs[i]!;
    const p = a >>> ps;
    const w = start[p]!;
    start[p] = w + 1;
    sa[w] = a;
    at[w] = i;
  }
  const n = to - from;
  for (let w = 0; w < n; w++) {
    const addr = sa[w]!;
    const e = dir[addr >>> shift]!;
    if (e >= -1) {
      out[at[w]!] = e;
      continue;
    }
    const low = addr & lowMask;
    let lo = -e - 2;
    let len = pairs[2 * lo]! + 1;
    while (len > 1) {
      const half = len >>> 1;
      lo += half & ~((low - pairs[2 * (lo + half)]!) >> 31);
      len -= half;
    }
    out[at[w]!] = pairs[2 * lo + 1]!;
  }
}
