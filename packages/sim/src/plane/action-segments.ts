/**
 * Writing a table's action segments (cuts.ts `actionCuts`): in address order, a new segment starts
 * where the chosen route's kind, target or next-hop address changes, and every segment keeps the
 * route chosen at its start (`reps`) and a small action id (`act`).
 *
 * A patched build (table-patch.ts) differs from its parent (or the nearest ancestor whose segments
 * were computed) only inside the prefixes changed since: longest-prefix match at an address depends only on the routes whose prefixes hold it,
 * and a surviving route keeps its index. So its segments are the parent's outside those prefixes
 * and computed again inside them ({@link derivedSegments}): the same segments, starts and `reps` a
 * full computation gives, at the cost of the change instead of the table's 500,000 prefixes. The
 * action ids go on from the parent's numbering (equal actions, equal ids).
 */
import { mergePairs } from '../address-ranges.js';
import { parsePrefix4 } from '../internal/lpm-adapter.js';
import type { ForwardingPlane } from './compile.js';
import { segmentIndex, type ActionSegments } from './cuts.js';

const TOP = 2 ** 32;

/** Action ids by (kind, target, next-hop address): one number each while targets are few enough. */
export class Interning {
  constructor(
    private readonly numeric = new Map<number, number>(),
    private readonly nested = new Map<string, number>(),
    public actions = 0,
  ) {}

  /** The id of table-local route `r` (-1: none) of the table at `base` in plane `p`. */
  idOf(p: ForwardingPlane, base: number, r: number): number {
    const i = r < 0 ? -1 : base + r;
    const k = i < 0 ? -1 : p.routeEcmpCount[i]! >= 2 ? -2 : p.routeKind[i]!;
    const g = i < 0 ? -1 : k === -2 ? i : p.routeTarget[i]!;
    const a = i < 0 || k === -2 ? -1 : p.routeIp[i]!;
    const kg = k + 2 + 64 * (g + 1);
    let id: number | undefined;
    if (kg < 2 ** 20 && a >= -1 && a < TOP) {
      const key = kg * 2 ** 33 + a + 1;
      id = this.numeric.get(key);
      if (id === undefined) this.numeric.set(key, (id = this.actions++));
    } else {
      const key = `${kg}/${a}`;
      id = this.nested.get(key);
      if (id === undefined) this.nested.set(key, (id = this.actions++));
    }
    return id;
  }

  /** A copy that numbers new actions on from this one's. */
  copy(): Interning {
    return new Interning(new Map(this.numeric), new Map(this.nested), this.actions);
  }
}

/** Segments in address order, joined while the action id stays the same. */
export class SegmentWriter {
  private readonly cuts: Float64Array<ArrayBuffer>;
  private readonly reps: Int32Array<ArrayBuffer>;
  private readonly ids: Int32Array<ArrayBuffer>;
  private n = 0;
  private segs = 0;
  private last = -1;

  /** @param capacity - at least the number of segments that will be added */
  constructor(capacity: number) {
    this.cuts = new Float64Array(capacity);
    this.reps = new Int32Array(capacity + 1);
    this.ids = new Int32Array(capacity + 1);
  }

  /** A segment from `start` on, chosen route `r`, action `id`; joins the previous when `id` is its. */
  add(start: number, r: number, id: number): void {
    if (this.segs > 0 && id === this.last) return;
    if (start > 0) this.cuts[this.n++] = start;
    this.reps[this.segs] = r;
    this.ids[this.segs++] = id;
    this.last = id;
  }

  /** The segments; `act` only from `maskMin` segments on (span-mask.ts). */
  result(actions: number, maskMin: number): ActionSegments {
    const act = this.segs >= maskMin ? fitted(this.ids, this.segs) : null;
    return { cuts: fitted(this.cuts, this.n), reps: fitted(this.reps, this.segs), act, actions };
  }
}

/**
 * The first `n` values of `a`: a view when they fill most of it (a large table's segments: no
 * second copy of megabytes), else a copy that lets the spare room go.
 */
export function fitted<T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(a: T, n: number): T {
  return (n >= a.length - (a.length >> 3) ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** The address ranges of `prefixes`, sorted and merged: inclusive [lo, hi] pairs. */
function changedRanges(prefixes: readonly string[]): number[] {
  const pairs: number[] = [];
  for (const text of prefixes) {
    const q = parsePrefix4(text);
    if (q) pairs.push(q.network, q.network + 2 ** (32 - q.length) - 1);
  }
  return mergePairs(pairs);
}

/** The first index of sorted `a` whose value is ≥ x. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m]! < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/**
 * The segments of table `t` of plane `p` (its build's lookup `lpm`), patched, through builds
 * changing the prefixes `changed`, from the build `parent` was computed for (same entity layout);
 * its candidate cuts are `cuts` (a superset of its prefix bounds), and `intern` numbers the
 * actions on from the parent's.
 */
export function derivedSegments(
  p: ForwardingPlane,
  t: number,
  lpm: { lookup(address: number): number },
  changed: readonly string[],
  parent: ActionSegments,
  cuts: Float64Array,
  intern: Interning,
  maskMin: number,
): ActionSegments {
  const ranges = changedRanges(changed);
  const base = p.tableBase[t]!;
  let inside = 0;
  for (let i = 0; i < ranges.length; i += 2)
    inside += lowerBound(cuts, ranges[i + 1]! + 1) - lowerBound(cuts, ranges[i]!);
  const w = new SegmentWriter(parent.reps.length + inside + ranges.length + 1);
  const fresh = (x: number): void => {
    const r = lpm.lookup(x);
    w.add(x, r, intern.idOf(p, base, r));
  };
  const P = parent.cuts;
  /** The parent's segments over [from, to): outside every changed prefix, they stand. */
  const copy = (from: number, to: number): void => {
    if (from >= to) return;
    let s = segmentIndex(P, from);
    // A segment the copy enters midway starts at `from`, with the route chosen there.
    if ((s === 0 ? 0 : P[s - 1]!) === from) w.add(from, parent.reps[s]!, parent.act![s]!);
    else fresh(from);
    for (s++; s < parent.reps.length && P[s - 1]! < to; s++)
      w.add(P[s - 1]!, parent.reps[s]!, parent.act![s]!);
  };
  let pos = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const lo = ranges[i]!;
    const hi = ranges[i + 1]!;
    copy(pos, lo);
    fresh(lo);
    for (let c = lowerBound(cuts, lo + 1); c < cuts.length && cuts[c]! <= hi; c++) fresh(cuts[c]!);
    pos = hi + 1;
  }
  copy(pos, TOP);
  return w.result(intern.actions, maskMin);
}
