// lookupRange for Lpm4: the value of an address and the span of addresses around it that share
// that value, read off the range table without allocating.
//
// Inside a bucket the answer is the range the search ends at: [s_i, s_{i+1} - 1] relative to
// the bucket (the bucket's ends for its first and last range, or for an inline entry). When the
// range reaches a bucket edge it may continue into the neighbours: a bucket whose entry is the
// same value inline continues it whole; a chunk continues it over its edge ranges of that value
// and ends it there. At most RANGE_SCAN buckets are scanned on each side; a range cut there is
// correct but not maximal.
//
//   bucket:      b-2          b-1           b            b+1
//   dir:       [ chunk ...v ][ v inline ][ chunk v|w|v ][ chunk v|u ]
//   range of the last v of b:          lo ─────────────────────── hi (ends before u)

/** The fields of an Lpm4 that lookupRange reads and writes (kept structural: no import cycle). */
export interface RangeTable {
  readonly shift: number;
  readonly lowMask: number;
  readonly dir: Int32Array;
  readonly starts: Int32Array;
  readonly values: Int32Array;
  readonly pairs: Int32Array;
  rangeLo: number;
  rangeHi: number;
}

/** The most neighbouring buckets lookupRange scans on each side of an address's bucket. */
export const RANGE_SCAN = 64;

/** The range count minus one of the chunk at entry `off`. */
function lastOf(t: RangeTable, paired: boolean, off: number): number {
  return paired ? t.pairs[2 * off]! : t.starts[off]!;
}

/** The start (relative to its bucket) of range `i` of the chunk at `off`; range 0 starts at 0. */
function startOf(t: RangeTable, paired: boolean, off: number, i: number): number {
  if (i === 0) return 0;
  return paired ? t.pairs[2 * (off + i)]! : t.starts[off + i]!;
}

/** The value of range `i` of the chunk at `off`. */
function valueOf(t: RangeTable, paired: boolean, off: number, i: number): number {
  return paired ? t.pairs[2 * (off + i) + 1]! : t.values[off + i]!;
}

/**
 * The value `t.lookup(addr)` returns; sets `t.rangeLo`/`t.rangeHi` to the addresses around
 * `addr` with that value (maximal unless cut after RANGE_SCAN buckets on a side).
 */
export function lookupRange4(t: RangeTable, addr: number, paired: boolean): number {
  addr >>>= 0;
  const shift = t.shift;
  const size = 2 ** shift;
  const dir = t.dir;
  const b = addr >>> shift;
  const base = b * size;
  const e = dir[b]!;
  let v: number;
  let lo: number;
  let hi: number;
  if (e >= -1) {
    v = e;
    lo = base;
    hi = base + size - 1;
  } else {
    const off = -e - 2;
    const low = addr & t.lowMask;
    const last = lastOf(t, paired, off);
    let i = 0;
    let len = last + 1;
    while (len > 1) {
      const half = len >>> 1;
      i += half & ~((low - startOf(t, paired, off, i + half)) >> 31);
      len -= half;
    }
    v = valueOf(t, paired, off, i);
    let first = i;
    while (first > 0 && valueOf(t, paired, off, first - 1) === v) first--;
    let end = i;
    while (end < last && valueOf(t, paired, off, end + 1) === v) end++;
    lo = base + startOf(t, paired, off, first);
    hi = end < last ? base + startOf(t, paired, off, end + 1) - 1 : base + size - 1;
    if (first > 0 && end < last) {
      t.rangeLo = lo;
      t.rangeHi = hi;
      return v;
    }
  }
  if (lo === base) lo = scanLeft(t, paired, b, v, lo);
  if (hi === base + size - 1) hi = scanRight(t, paired, b, v, hi);
  t.rangeLo = lo;
  t.rangeHi = hi;
  return v;
}

/** Extends a range of value `v` that starts at bucket b's first address `lo` leftwards. */
function scanLeft(t: RangeTable, paired: boolean, b: number, v: number, lo: number): number {
  const size = 2 ** t.shift;
  const stop = Math.max(0, b - RANGE_SCAN);
  for (let j = b - 1; j >= stop; j--) {
    const e = t.dir[j]!;
    if (e >= -1) {
      if (e !== v) return lo;
      lo = j * size;
      continue;
    }
    const off = -e - 2;
    let i = lastOf(t, paired, off);
    if (valueOf(t, paired, off, i) !== v) return lo;
    while (i > 0 && valueOf(t, paired, off, i - 1) === v) i--;
    lo = j * size + startOf(t, paired, off, i);
    if (i > 0) return lo;
  }
  return lo;
}

/** Extends a range of value `v` that ends at bucket b's last address `hi` rightwards. */
function scanRight(t: RangeTable, paired: boolean, b: number, v: number, hi: number): number {
  const size = 2 ** t.shift;
  const stop = Math.min(t.dir.length - 1, b + RANGE_SCAN);
  for (let j = b + 1; j <= stop; j++) {
    const e = t.dir[j]!;
    if (e >= -1) {
      if (e !== v) return hi;
      hi = (j + 1) * size - 1;
      continue;
    }
    const off = -e - 2;
    const last = lastOf(t, paired, off);
    if (valueOf(t, paired, off, 0) !== v) return hi;
    let i = 0;
    while (i < last && valueOf(t, paired, off, i + 1) === v) i++;
    if (i < last) return j * size + startOf(t, paired, off, i + 1) - 1;
    hi = (j + 1) * size - 1;
  }
  return hi;
}
