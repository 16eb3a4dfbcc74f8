/**
 * Keeps large runs light. A page of 100 groups with thousands of outages each cannot draw every
 * outage and every step of every delivered series: the chart is ~800 px wide, so anything finer
 * than a pixel is invisible anyway. Two reductions, both exact at the chart's resolution:
 *
 * - outages: neighbours closer than a gap are merged into one bar that says how many it holds
 *   (`count`), spans first start to last end, keeps the most flows lost at once and the reason
 *   with the most (approximate) lost flow-seconds; the gap doubles until the lane fits its budget;
 * - delivered series: per time bucket (one pixel or coarser), the value entering the bucket, its
 *   minimum, maximum and the value leaving it (an M4 envelope), so every dip stays visible.
 *
 * Small results pass through untouched: one bar per outage, every step drawn.
 */
import type { Outage } from '@cloudroute/sim';

/** A drawn outage bar: one outage, or `count` outages merged. */
export interface Bar {
  readonly start: number;
  readonly end: number;
  readonly flows: number;
  readonly reason: string;
  readonly count: number;
  /** A single outage's deciding filter rule (`object#rule`), FILTERS.md; merged bars have none. */
  readonly filter?: string;
}

function merge(group: readonly Bar[]): Bar {
  const first = group[0]!;
  if (group.length === 1) return first;
  const weight = new Map<string, number>();
  let flows = 0;
  let count = 0;
  for (const b of group) {
    flows = Math.max(flows, b.flows);
    count += b.count;
    weight.set(b.reason, (weight.get(b.reason) ?? 0) + (b.end - b.start) * b.flows);
  }
  let reason = first.reason;
  let best = -1;
  for (const [r, w] of weight)
    if (w > best) {
      best = w;
      reason = r;
    }
  return { start: first.start, end: group[group.length - 1]!.end, flows, reason, count };
}

/**
 * Outages as bars, at most `budget` of them: merges neighbours whose gap is at most `minGap`
 * seconds (one pixel), then doubles the gap until the lane fits. Outages are sorted by start.
 */
export function outageBars(outages: readonly Outage[], budget: number, minGap: number): Bar[] {
  let bars: Bar[] = outages.map((o) => ({
    start: o.start,
    end: o.end,
    flows: o.flows,
    reason: o.reason,
    count: 1,
    ...(o.filter === undefined ? {} : { filter: o.filter }),
  }));
  if (bars.length <= budget) return bars;
  let gap = Math.max(minGap, Number.MIN_VALUE);
  while (bars.length > Math.max(1, budget)) {
    const next: Bar[] = [];
    let run: Bar[] = [];
    for (const b of bars) {
      const last = run[run.length - 1];
      if (last && b.start - last.end > gap) {
        next.push(merge(run));
        run = [];
      }
      run.push(b);
    }
    if (run.length) next.push(merge(run));
    bars = next;
    gap *= 2;
  }
  return bars;
}

/** One drawing step of a delivered series: go to time `t` at the current value, then through `values`. */
export interface StepSegment {
  readonly t: number;
  /** Values taken at `t`, in order; the last is held until the next segment. */
  readonly values: readonly number[];
}

/**
 * A step series `[time, value]…` as drawing segments, at most about `buckets` of them over
 * `[0, horizon]`. Each bucket with several changes keeps its min and max (drawn as a vertical
 * stroke) and the value it ends on.
 */
export function stepSegments(
  series: readonly (readonly [number, number])[],
  horizon: number,
  buckets: number,
): StepSegment[] {
  if (series.length <= buckets || !(horizon > 0)) return series.map(([t, v]) => ({ t, values: [v] }));
  const width = horizon / Math.max(1, buckets);
  const out: StepSegment[] = [];
  let i = 0;
  while (i < series.length) {
    const [t0, v0] = series[i]!;
    const b = Math.floor(t0 / width);
    let j = i;
    let lo = v0;
    let hi = v0;
    while (j + 1 < series.length && Math.floor(series[j + 1]![0] / width) === b) {
      j++;
      const v = series[j]![1];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const last = series[j]![1];
    if (j === i) out.push({ t: t0, values: [v0] });
    else {
      const values = [v0];
      // Visit the extreme further from the start first so the stroke covers [lo, hi].
      if (Math.abs(lo - v0) > Math.abs(hi - v0)) values.push(lo, hi);
      else values.push(hi, lo);
      values.push(last);
      out.push({ t: t0, values: values.filter((v, k) => k === 0 || v !== values[k - 1]) });
    }
    i = j + 1;
  }
  return out;
}
