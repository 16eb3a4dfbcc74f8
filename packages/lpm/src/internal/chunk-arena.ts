// ChunkArena: append-only storage for the range chunks of compiled tables, shared between
// successive versions of a table (an update appends new chunks and leaves old ones in place,
// so a table that is still in use never sees its data change).
//
// Memory layout (two parallel Int32Arrays, `used` entries filled, the rest spare):
//
//   starts:  [ 2 | s1 | s2 ][ 1 | s1 ][ 3 | s1 | s2 | s3 ] ...   offset of a range inside its bucket
//   values:  [ v0| v1 | v2 ][ v0| v1 ][ v0| v1 | v2 | v3 ] ...   its value (-1 none, <= -2 child node)
//             ^ chunk of bucket b: dir[b] = -(offset + 2)
//
// A chunk's first range always starts at 0 (the bucket's first address), so a search never
// reads that start and never falls off the chunk's left end; the slot holds the chunk's range
// count minus one instead. Starts are Uint16 when buckets hold at most 2^16 addresses (IPv4
// tables of 16 or more directory bits: a quarter less memory, so fewer cache misses), Int32
// otherwise. Growing copies the used part into bigger arrays; versions made before keep
// the old arrays.
import type { RangeSweep } from './range-sweep.js';

/** Append-only parallel arrays of (start offset, value); see the file comment. */
export class ChunkArena {
  /** Range starts relative to their bucket (Uint16Array when the arena is narrow). */
  starts: Int32Array | Uint16Array;
  /** Range values. */
  values: Int32Array;
  /** Entries filled. */
  used = 0;

  /** @param narrow - Uint16 starts (buckets of at most 2^16 addresses) */
  constructor(capacity: number, narrow = false) {
    const cap = Math.max(16, capacity);
    this.starts = narrow ? new Uint16Array(cap) : new Int32Array(cap);
    this.values = new Int32Array(cap);
  }

  /** Drops spare capacity (for a table that will not be updated). */
  trim(): void {
    if (this.starts.length === this.used) return;
    this.starts = this.starts.slice(0, this.used);
    this.values = this.values.slice(0, this.used);
  }

  /** Makes room for `extra` more entries. */
  reserve(extra: number): void {
    const need = this.used + extra;
    if (need <= this.starts.length) return;
    const cap = Math.max(need, this.starts.length * 2);
    const s = this.starts instanceof Uint16Array ? new Uint16Array(cap) : new Int32Array(cap);
    s.set(this.starts.subarray(0, this.used));
    this.starts = s;
    const v = new Int32Array(cap);
    v.set(this.values.subarray(0, this.used));
    this.values = v;
  }
}

/**
 * Cuts the ranges of `sweep` (which cover buckets b0..b1 of a node whose buckets hold
 * 2^shift addresses each, numbered from `origin`) into the node's directory `dir` at `base`:
 * a bucket whose single range has a final value (>= -1) stores it inline (`dir[base+b] = value`),
 * others get a chunk appended to `arena` (`dir[base+b] = -(offset + 2)`, `starts[offset]` =
 * range count - 1).
 */
export function writeBuckets(
  sweep: RangeSweep,
  dir: Int32Array,
  base: number,
  shift: number,
  origin: number,
  b0: number,
  b1: number,
  arena: ChunkArena,
): void {
  const size = 2 ** shift;
  const starts = sweep.starts;
  const values = sweep.values;
  const n = sweep.count;
  let j = 0;
  for (let b = b0; b <= b1; b++) {
    const bs = origin + b * size;
    const be = bs + size;
    while (j + 1 < n && starts[j + 1]! <= bs) j++;
    let q = j + 1;
    let end = q;
    while (end < n && starts[end]! < be) end++;
    const first = values[j]!;
    if (end === q && first >= -1) {
      dir[base + b] = first;
      continue;
    }
    arena.reserve(end - j);
    const off = arena.used;
    const as = arena.starts;
    const av = arena.values;
    as[off] = end - j - 1;
    av[off] = first;
    let w = off + 1;
    for (; q < end; q++, w++) {
      as[w] = starts[q]! - bs;
      av[w] = values[q]!;
    }
    arena.used = w;
    dir[base + b] = -(off + 2);
    j = end - 1;
  }
}

/** The number of address bits a directory should index for `ranges` ranges: log2(ranges) + extra, in 1..max. */
export function chooseBits(ranges: number, max: number, extra = 2): number {
  const k = Math.ceil(Math.log2(Math.max(2, ranges))) + extra;
  return Math.max(1, Math.min(max, k));
}
