/**
 * One table's decision in a walk: GCP policy-based routes first (GCP-R8), then longest prefix
 * match (narrowing the exact-coverage span when asked), then the flow's ECMP member (GCP-R10).
 */
import { Act } from './codes.js';
import { actionCuts, maskMin, segmentIndex, tableCuts } from './cuts.js';
import type { HopRecorder } from './hop-recorder.js';
import type { Walker } from './walk.js';

/** A 32-bit hash of a flow (source, destination): GCP-R10 / ILB backend choice, same flow → same pick. */
export function flowHash(src: number, dst: number): number {
  let x = Math.imul((src | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ dst;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * One table's decision: GCP policy-based routes first (GCP-R8, invariant 24), then longest
 * prefix match, then the flow's ECMP member when the route has several (GCP-R10). Returns a
 * global route index, or -1.
 */
export function lookup(w: Walker, t: number, dst: number, rec: HopRecorder | null): number {
  const p = w.p;
  const base = p.tableBase[t]!;
  const end = p.tablePolicyEnd[t]!;
  let skipped = -1;
  for (let k = p.tableLpmEnd[t]!; k < end; k++) {
    if (dst < p.routeDstLo[k]! || dst > p.routeDstHi[k]!) continue;
    if (w.srcLo < p.routeSrcLo[k]! || w.srcHi > p.routeSrcHi[k]!) continue;
    if (p.routeKind[k] === Act.SkipPolicy) {
      skipped = k;
      break;
    }
    rec?.lookup(t, k - base);
    rec?.note(
      'policy',
      `policy-based route ${p.tables[t]!.routes[k - base]!.name ?? ''} matches the source and destination: it is evaluated before every other route (GCP-R8)`,
    );
    return k;
  }
  const r = w.narrow ? lookupAction(w, t, dst) : p.tables[t]!.lpm.lookup(dst);
  const i = r < 0 ? -1 : base + r;
  const n = i < 0 ? 0 : p.routeEcmpCount[i]!;
  if (n >= 2) w.hashed = true;
  const k = n < 2 ? 0 : w.ecmpHash % n;
  const m = n < 2 ? i : p.routeEcmpFirst[i]! + k;
  // GCP-R10: the hop shows the member the flow took (its equals are among the routes it beat).
  rec?.lookup(t, m < 0 ? -1 : m - base);
  if (skipped >= 0)
    rec?.note(
      'policy',
      `policy-based route ${p.tables[t]!.routes[skipped - base]!.name ?? ''} (defaultRouting) matches: the remaining policy-based routes are skipped (GCP-R8)`,
    );
  if (rec && n >= 2) {
    const c = p.tables[t]!.routes[m - base]!;
    const hop = c.nextHopIp ?? (c.action?.kind === 'connection' ? c.action.connection : c.nextHopType);
    rec.note(
      'ecmp',
      `ECMP: ${n} equal routes for ${c.prefix}; the flow hash picks member ${k + 1} of ${n}, route ${c.name ?? c.prefix} via ${hop} (GCP-R10)`,
    );
  }
  return m;
}

/**
 * Table t's longest-prefix match, narrowing the span to the range of destinations the table
 * forwards alike (cuts.ts actionCuts: a walk reads a route's kind, target and next-hop address,
 * never its prefix, outside OpenStack's own lookup).
 */
function lookupAction(w: Walker, t: number, dst: number): number {
  // One search gives the segment and a route standing for every route chosen in it.
  const seg = actionCuts(w.p, t);
  const mask = w.mask;
  if (mask !== null && seg.act !== null) {
    // One action here already (a loop back to a table the mask was split at): nothing to split or narrow.
    if (mask.oneAction(seg, t)) return seg.reps[segmentIndex(seg.cuts, dst)]!;
    // Many segments in the span: split the mask by action instead (span-mask.ts).
    const a = segmentIndex(seg.cuts, w.spanLo);
    const b = segmentIndex(seg.cuts, w.spanHi);
    if (b - a + 1 >= maskMin()) {
      const at = segmentIndex(seg.cuts, dst);
      mask.split(seg, t, at, w.spanLo, w.spanHi, w.extent);
      w.spanLo = w.extent[0]!;
      w.spanHi = w.extent[1]!;
      return seg.reps[at]!;
    }
  }
  return seg.reps[narrowTo(w, seg.cuts, dst) + 1]!;
}

/** Table t's longest-prefix match, narrowing the span to the table's range holding `dst`. */
export function lookupRange(w: Walker, t: number, dst: number): number {
  const build = w.p.tables[t]!;
  // The segment of the table's prefix boundaries holding dst (cuts.ts tableCuts).
  narrowTo(w, tableCuts(build), dst);
  return build.lpm.lookup(dst);
}

/** Narrows the walker's span to the segment of sorted `cuts` holding `dst`; the last cut ≤ dst (-1: none). */
function narrowTo(w: Walker, cuts: Float64Array, dst: number): number {
  const s = segmentIndex(cuts, dst);
  const lo = s > 0 ? cuts[s - 1]! : 0;
  const hi = s < cuts.length ? cuts[s]! - 1 : 0xffffffff;
  if (lo > w.spanLo) w.spanLo = lo;
  if (hi < w.spanHi) w.spanHi = hi;
  return s - 1;
}
