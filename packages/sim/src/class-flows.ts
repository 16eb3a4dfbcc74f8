/**
 * A group's sampled flows sorted by class, then by destination (classes.ts): position `p` of
 * `order`/`dst` is one flow, and the flows of class `c` are positions `[start[c], start[c + 1])`
 * in ascending destination order. The flows of a class inside a destination span are then found
 * by two binary searches, so counting a span's flows costs O(log n) whatever their number.
 *
 * The sort is a least-significant-digit radix sort (two 16-bit passes over the destination, one
 * counting pass over the class): O(n), stable, no comparison callbacks (issue 14: 10M flows).
 */

const RADIX = 65536;
/** Below this many flows, a comparison sort (the radix sort clears 65,536 counts per pass). */
const SMALL = 4096;

/** 2^21: the flow indices a key sort can hold (larger slices sort few flows by comparison). */
const FLOW_SPAN = 2 ** 21;
/** The small sort's keys, reused. */
let keyScratch = new Float64Array(SMALL);

/** Slices of at most this many flows keep their last sort (see {@link ClassFlows.assign}). */
const KEEP_SORT = 65_536;

/**
 * The last sort of a slice's flows, by their source array (flows.ts `flowsOf` hands a chaos job's
 * runs the same arrays): read only, as every sort makes new arrays.
 */
const lastSorts = new WeakMap<
  Uint32Array,
  {
    readonly classes: number;
    readonly classOf: Int32Array;
    readonly order: Int32Array<ArrayBuffer>;
    readonly dst: Uint32Array<ArrayBuffer>;
    readonly start: Int32Array<ArrayBuffer>;
    readonly loose: Int32Array<ArrayBuffer>;
    readonly looseDst: Uint32Array<ArrayBuffer>;
  }
>();

function sameInts(a: Int32Array, b: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The flows of one group (or slice of it), sorted by class and destination. */
export class ClassFlows {
  /** Position → flow index (into the slice's `src`/`dst`). */
  order = new Int32Array(0);
  /** Position → destination (ascending within a class). */
  dst = new Uint32Array(0);
  /** Class c holds positions [start[c], start[c + 1]). */
  start = new Int32Array(1);
  /** Flows in no class (outside every source class): forwarded one by one. */
  loose = new Int32Array(0);
  /** The destination of each loose flow. */
  looseDst = new Uint32Array(0);
  /**
   * The destination of each flow of the slice, until the first sort: then `order` and `dst` (and
   * the loose flows') hold them, and a later sort puts them back together (4 bytes a flow less).
   */
  private byFlow: Uint32Array | null;

  constructor(
    /** Source address of each flow of the slice. */
    readonly src: Uint32Array,
    /** Destination address of each flow of the slice. */
    flowDst: Uint32Array,
    /** The group-level index of the slice's flow 0 (a flow's port depends on it). */
    readonly first: number,
  ) {
    this.byFlow = flowDst;
  }

  /** The destination of each flow of the slice, from the sorted positions and the loose flows. */
  private destinations(): Uint32Array {
    if (this.byFlow) return this.byFlow;
    const out = new Uint32Array(this.n);
    for (let p = 0; p < this.order.length; p++) out[this.order[p]!] = this.dst[p]!;
    for (let i = 0; i < this.loose.length; i++) out[this.loose[i]!] = this.looseDst[i]!;
    return out;
  }

  /** Flows in the slice. */
  get n(): number {
    return this.src.length;
  }

  /**
   * Sorts the flows by `classOf[f]` (0 ≤ class < classes; -1: loose), then by destination.
   * `classOf` is scratch the caller fills; it is not kept.
   */
  assign(classOf: Int32Array, classes: number): void {
    const n = this.n;
    // The same flows sorted into the same classes as before (a chaos job's runs): the last sort.
    const last = n <= KEEP_SORT ? lastSorts.get(this.src) : undefined;
    if (last && last.classes === classes && sameInts(last.classOf, classOf, n)) {
      this.order = last.order;
      this.dst = last.dst;
      this.start = last.start;
      this.loose = last.loose;
      this.looseDst = last.looseDst;
      this.byFlow = null;
      return;
    }
    this.sortInto(classOf, classes);
    if (n <= KEEP_SORT)
      lastSorts.set(this.src, {
        classes,
        classOf: classOf.slice(0, n),
        order: this.order,
        dst: this.dst,
        start: this.start,
        loose: this.loose,
        looseDst: this.looseDst,
      });
  }

  /** {@link assign}'s sort. */
  private sortInto(classOf: Int32Array, classes: number): void {
    const n = this.n;
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    let m = 0;
    let looseCount = 0;
    for (let f = 0; f < n; f++) {
      if (classOf[f]! >= 0) a[m++] = f;
      else looseCount++;
    }
    const loose = new Int32Array(looseCount);
    looseCount = 0;
    for (let f = 0; f < n; f++) if (classOf[f]! < 0) loose[looseCount++] = f;
    const dst = this.destinations();
    if (m < SMALL && n > FLOW_SPAN) {
      a.subarray(0, m).sort((x, y) => dst[x]! - dst[y]! || x - y);
      this.byClass(a, b, m, classOf, classes, loose, dst);
      return;
    }
    if (m < SMALL) {
      // Few flows (chaos runs, small groups): a numeric sort of (destination, flow) keys beats
      // clearing the radix counts (and a comparison callback). A flow index fits in 21 bits and a
      // destination in 32: the key is exact in a double.
      if (keyScratch.length < m) keyScratch = new Float64Array(Math.max(m, 2 * keyScratch.length));
      const keys = keyScratch.subarray(0, m);
      for (let i = 0; i < m; i++) keys[i] = dst[a[i]!]! * FLOW_SPAN + a[i]!;
      keys.sort();
      for (let i = 0; i < m; i++) a[i] = keys[i]! % FLOW_SPAN;
      this.byClass(a, b, m, classOf, classes, loose, dst);
      return;
    }
    // Two 16-bit passes over the destination: a ← low half, b ← high half (stable).
    const count = new Int32Array(RADIX + 1);
    for (let i = 0; i < m; i++) count[(dst[a[i]!]! & 0xffff) + 1]!++;
    for (let r = 0; r < RADIX; r++) count[r + 1]! += count[r]!;
    for (let i = 0; i < m; i++) {
      const f = a[i]!;
      b[count[dst[f]! & 0xffff]!++] = f;
    }
    count.fill(0);
    for (let i = 0; i < m; i++) count[(dst[b[i]!]! >>> 16) + 1]!++;
    for (let r = 0; r < RADIX; r++) count[r + 1]! += count[r]!;
    for (let i = 0; i < m; i++) {
      const f = b[i]!;
      a[count[dst[f]! >>> 16]!++] = f;
    }
    this.byClass(a, b, m, classOf, classes, loose, dst);
  }

  /** Sorts `a[0..m)` (ascending destinations) by class into `b`, stably, and keeps the result. */
  private byClass(
    a: Int32Array<ArrayBuffer>,
    b: Int32Array<ArrayBuffer>,
    m: number,
    classOf: Int32Array,
    classes: number,
    loose: Int32Array<ArrayBuffer>,
    dst: Uint32Array,
  ): void {
    // By class (counting sort, stable: destinations stay ascending within a class).
    const start = new Int32Array(classes + 1);
    for (let i = 0; i < m; i++) start[classOf[a[i]!]! + 1]!++;
    for (let c = 0; c < classes; c++) start[c + 1]! += start[c]!;
    const fill = start.slice(0, classes);
    const order = b.subarray(0, m);
    for (let i = 0; i < m; i++) {
      const f = a[i]!;
      order[fill[classOf[f]!]!++] = f;
    }
    // `a` is done with: its buffer takes the sorted destinations (one n-sized array less at the
    // peak of a large group's sort).
    const sorted = new Uint32Array(a.buffer, 0, m);
    for (let p = 0; p < m; p++) sorted[p] = dst[order[p]!]!;
    this.order = order;
    this.dst = sorted;
    this.start = start;
    this.loose = loose;
    this.looseDst = Uint32Array.from(loose, (f) => dst[f]!);
    this.byFlow = null;
  }

  /**
   * {@link lowerBound} searching forward from position `from` (≤ the answer), galloping: a run of
   * ascending searches costs the flows it passes, not a full search each.
   */
  lowerBoundFrom(c: number, x: number, from: number): number {
    const end = this.start[c + 1]!;
    const d = this.dst;
    if (from >= end || d[from]! >= x) return from;
    let lo = from + 1;
    let step = 1;
    while (lo < end && d[lo]! < x) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(lo, end);
    lo = Math.max(from + 1, lo - (step >> 1));
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first position of class `c` whose destination is ≥ `x` (class end when none). */
  lowerBound(c: number, x: number): number {
    let lo = this.start[c]!;
    let hi = this.start[c + 1]!;
    const d = this.dst;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
