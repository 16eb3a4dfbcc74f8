// ChunkArena: append-only storage for the range chunks of compiled tables, shared between
// successive versions of a table (an update appends new chunks and leaves old ones in place,
// so a table that is still in use never sees its data change).
//
// Memory layout, `used` entries filled, the rest spare; either two parallel Int32Arrays:
//
//   starts:  [ 2 | s1 | s2 ][ 1 | s1 ][ 3 | s1 | s2 | s3 ] ...   offset of a range inside its bucket
//   values:  [ v0| v1 | v2 ][ v0| v1 ][ v0| v1 | v2 | v3 ] ...   its value (-1 none, <= -2 child node)
//             ^ chunk of bucket b: dir[b] = -(offset + 2)
//
// or, `paired`, one Int32Array of (start, value) pairs, entry i at 2i and 2i + 1, `values` empty:
//
//   starts:  [ 2 , v0 | s1, v1 | s2, v2 ][ 1 , v0 | s1, v1 ] ...
//
// so that the search of a chunk and the value it ends at share a cache line (8 entries a line):
// the large IPv4 tables use it, as a cache miss less per lookup outweighs a third more bytes.
//
// A chunk's first range always starts at 0 (the bucket's first address), so a search never
// reads that start and never falls off the chunk's left end; the slot holds the chunk's range
// count minus one instead. Growing copies the used part into bigger arrays; versions made
// before keep the old arrays.
import type { RangeSweep } from './range-sweep.js';

const EMPTY = new Int32Array(0);

/** Append-only range starts and values; see the file comment. */
export class ChunkArena {
  /** Range starts relative to their bucket (paired: starts and values interleaved). */
  starts: Int32Array;
  /** Range values (empty when paired). */
  values: Int32Array;
  /** Entries filled. */
  used = 0;
  /** Whether starts and values are interleaved in `starts`. */
  readonly paired: boolean;

  /** @param paired - interleave (start, value) pairs in one array */
  constructor(capacity: number, paired = false) {
    const cap = Math.max(16, capacity);
    this.paired = paired;
    this.starts = new Int32Array(paired ? 2 * cap : cap);
    this.values = paired ? EMPTY : new Int32Array(cap);
  }

  /** The range count minus one of the chunk at entry `off`. */
  last(off: number): number {
    return this.paired ? this.starts[2 * off]! : this.starts[off]!;
  }

  /** Drops spare capacity (for a table that will not be updated). */
  trim(): void {
    const width = this.paired ? 2 : 1;
    if (this.starts.length === width * this.used) return;
    this.starts = this.starts.slice(0, width * this.used);
    if (!this.paired) this.values = this.values.slice(0, this.used);
  }

  /** Makes room for `extra` more entries. */
  reserve(extra: number): void {
    const width = this.paired ? 2 : 1;
    const need = this.used + extra;
    const have = this.starts.length / width;
    if (need <= have) return;
    const cap = Math.max(need, have * 2);
    const s = new Int32Array(width * cap);
    s.set(this.starts.subarray(0, width * this.used));
    this.starts = s;
    if (this.paired) return;
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
    let w = off + 1;
    if (arena.paired) {
      as[2 * off] = end - j - 1;
      as[2 * off + 1] = first;
      for (; q < end; q++, w++) {
        as[2 * w] = starts[q]! - bs;
        as[2 * w + 1] = values[q]!;
      }
    } else {
      const av = arena.values;
      as[off] = end - j - 1;
      av[off] = first;
      for (; q < end; q++, w++) {
        as[w] = starts[q]! - bs;
        av[w] = values[q]!;
      }
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
