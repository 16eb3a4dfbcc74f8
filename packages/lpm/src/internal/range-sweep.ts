// RangeSweep: turns nested intervals of a 32-bit word space (prefixes, in prefix order) into
// the flat list of ranges a lookup table stores: each range starts where the longest
// covering interval changes, and adjacent ranges with the same value are merged.
//
// Memory layout (scratch, reused between sweeps, grown by doubling):
//
//   starts:  Float64Array  range i covers [starts[i], starts[i+1]) (uint32 values, ascending)
//   values:  Int32Array    the value in effect over range i (-1: none; <= -2: a child node)
//   stack:   open intervals, innermost last: hi (Float64Array) and value (Int32Array)

/** Sweeps nested intervals over one span into merged ranges; see the file comment. */
export class RangeSweep {
  /** Range starts, ascending; valid up to `count`. */
  starts = new Float64Array(256);
  /** Range values; valid up to `count`. */
  values = new Int32Array(256);
  /** The number of ranges produced so far. */
  count = 0;
  private readonly stackHi = new Float64Array(72);
  private readonly stackV = new Int32Array(72);
  private sp = 0;
  private fallback = -1;
  private hi = 0;

  /** Starts a sweep of the span [lo, hi] where `fallback` applies outside every interval. */
  begin(lo: number, hi: number, fallback: number): void {
    this.count = 0;
    this.sp = 0;
    this.fallback = fallback;
    this.hi = hi;
    this.emit(lo, fallback);
  }

  private emit(at: number, v: number): void {
    let n = this.count;
    if (n > 0 && this.starts[n - 1] === at) n--;
    if (n > 0 && this.values[n - 1] === v) {
      this.count = n;
      return;
    }
    if (n === this.starts.length) {
      const s = new Float64Array(n * 2);
      s.set(this.starts);
      this.starts = s;
      const v2 = new Int32Array(n * 2);
      v2.set(this.values);
      this.values = v2;
    }
    this.starts[n] = at;
    this.values[n] = v;
    this.count = n + 1;
  }

  private closeBefore(x: number): void {
    while (this.sp > 0 && this.stackHi[this.sp - 1]! < x) {
      const h = this.stackHi[--this.sp]!;
      this.emit(h + 1, this.sp > 0 ? this.stackV[this.sp - 1]! : this.fallback);
    }
  }

  /** Adds the interval [lo, hi] (inside the span, after every interval starting before it). */
  add(lo: number, hi: number, value: number): void {
    this.closeBefore(lo);
    this.emit(lo, value);
    this.stackHi[this.sp] = hi;
    this.stackV[this.sp] = value;
    this.sp++;
  }

  /** The value in effect at `x` given the intervals added so far (x must not go backwards). */
  valueAt(x: number): number {
    this.closeBefore(x);
    return this.sp > 0 ? this.stackV[this.sp - 1]! : this.fallback;
  }

  /** Closes every open interval; `starts`/`values` then hold `count` ranges covering the span. */
  end(): void {
    while (this.sp > 0) {
      const h = this.stackHi[--this.sp]!;
      if (h < this.hi) this.emit(h + 1, this.sp > 0 ? this.stackV[this.sp - 1]! : this.fallback);
    }
  }
}
