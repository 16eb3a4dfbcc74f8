/**
 * Exact coverage (DESIGN.md "Exact coverage"): the address boundaries of a forwarding plane that
 * are not route tables. A walk's decisions that look at an address other than through a table's
 * longest-prefix match (subnet and host membership, allowed address pairs, policy-based routes,
 * appliance next-hop addresses, filter address sets, the public/private split, site ranges) change
 * only where one of these boundaries lies; table lookups narrow further by the table's own ranges
 * (`Lpm4.lookupRange`). So between two consecutive cuts, and inside one range of every table a
 * walk consults, every address is forwarded alike: a destination (or source) class.
 *
 * A cut at `x` means "a new segment starts at x"; a range [lo, hi] gives cuts lo and hi + 1.
 */
import type { NetworkState } from '@cloudroute/model';
import { parsePrefix4 } from '../internal/lpm-adapter.js';
import { Act } from './codes.js';
import type { ForwardingPlane } from './compile.js';
import type { Resolved } from './tables.js';
import { derivedSegments, fitted, Interning, SegmentWriter } from './action-segments.js';

const TOP = 2 ** 32;

/** The special-purpose ranges `isPublicIpv4` and GCP-R24's internal range tell apart. */
const FIXED: readonly (readonly [number, number])[] = [
  [0x00000000, 0x00ffffff], // 0/8
  [0x0a000000, 0x0affffff], // 10/8
  [0x0a800000, 0x0affffff], // 10.128/9 (GCP-R24)
  [0x64400000, 0x647fffff], // 100.64/10
  [0x7f000000, 0x7fffffff], // 127/8
  [0xa9fe0000, 0xa9feffff], // 169.254/16
  [0xac100000, 0xac1fffff], // 172.16/12
  [0xc0a80000, 0xc0a8ffff], // 192.168/16
  [0xe0000000, 0xffffffff], // 224/3
];

/** Sorted, distinct cuts of plane `p` (see the file comment). */
export function planeCuts(p: ForwardingPlane): Float64Array {
  const out: number[] = [];
  const range = (lo: number, hi: number): void => {
    if (!(lo >= 0) || !(hi >= lo)) return;
    out.push(lo);
    if (hi + 1 < TOP) out.push(hi + 1);
  };
  for (const [lo, hi] of FIXED) range(lo, hi);
  for (let s = 0; s < p.subnetBase.length; s++) range(p.subnetBase[s]!, p.subnetLast[s]!);
  for (let h = 0; h < p.hostIp.length; h++) range(p.hostIp[h]!, p.hostIp[h]!);
  for (let k = 0; k < p.pairLo.length; k++) range(p.pairLo[k]!, p.pairHi[k]!);
  for (let k = 0; k < p.memberLo.length; k++) range(p.memberLo[k]!, p.memberHi[k]!);
  for (let t = 0; t < p.tables.length; t++) {
    const base = p.tableBase[t]!;
    // Policy-based routes (GCP-R8) match on source and destination ranges.
    for (let k = p.tableLpmEnd[t]!; k < p.tablePolicyEnd[t]!; k++) {
      range(p.routeDstLo[k]!, p.routeDstHi[k]!);
      range(p.routeSrcLo[k]!, p.routeSrcHi[k]!);
    }
    // An appliance next hop addressed itself is delivered there (the walk compares addresses).
    for (let k = base; k < p.tableLpmEnd[t]!; k++)
      if (p.routeKind[k] === Act.Appliance) range(p.routeIp[k]!, p.routeIp[k]!);
  }
  p.filters?.addressCuts(range);
  stateCuts(p.state, range);
  out.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < out.length; i++) if (n === 0 || out[i] !== out[n - 1]) out[n++] = out[i]!;
  return Float64Array.from(out.slice(0, n));
}

/**
 * Every IPv4 address or prefix written anywhere in the state outside route lists (site and subnet
 * cidrs, secondary addresses, service tags, peer addresses): a superset of what the walk compares,
 * so a boundary the compiled plane keeps elsewhere is not missed.
 */
function topologyRanges(topology: NetworkState['topology']): Float64Array {
  const found: number[] = [];
  const range = (lo: number, hi: number): void => {
    found.push(lo, hi);
  };
  const seen = new Set<unknown>();
  const visit = (x: unknown, key: string): void => {
    if (typeof x === 'string') {
      if (x.length < 7 || x.length > 18 || !/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(x)) return;
      const q = parsePrefix4(x);
      if (q) range(q.network, q.network + 2 ** (32 - q.length) - 1);
      return;
    }
    if (typeof x !== 'object' || x === null || seen.has(x)) return;
    seen.add(x);
    if (key === 'routes') return; // route tables: narrowed by their compiled ranges
    if (Array.isArray(x)) for (const v of x) visit(v, key);
    else for (const [k, v] of Object.entries(x)) visit(v, k);
  };
  visit(topology, '');
  return Float64Array.from(found);
}

/** The topology's address ranges (topologyRanges), once per topology object: a plane per moment asks. */
const rangesOfTopology = new WeakMap<object, Float64Array>();

function stateCuts(state: NetworkState, range: (lo: number, hi: number) => void): void {
  let found = rangesOfTopology.get(state.topology);
  if (!found) rangesOfTopology.set(state.topology, (found = topologyRanges(state.topology)));
  for (let i = 0; i < found.length; i += 2) range(found[i]!, found[i + 1]!);
}

/**
 * The segment of `cuts` holding `a`, clipped to [lo, hi]: writes its bounds into `out[0]`, `out[1]`.
 */
export function segmentOf(cuts: Float64Array, a: number, lo: number, hi: number, out: Float64Array): void {
  const s = segmentIndex(cuts, a);
  const start = s > 0 ? cuts[s - 1]! : 0;
  const end = s < cuts.length ? cuts[s]! - 1 : TOP - 1;
  out[0] = Math.max(start, lo);
  out[1] = Math.min(end, hi);
}

/** The index of the segment of `cuts` holding `x` (segment s is [cuts[s − 1], cuts[s])). */
export function segmentIndex(cuts: Float64Array, x: number): number {
  let l = 0;
  let h = cuts.length - 1;
  let at = -1;
  while (l <= h) {
    const m = (l + h) >> 1;
    if (cuts[m]! <= x) {
      at = m;
      l = m + 1;
    } else h = m - 1;
  }
  return at + 1;
}

/**
 * {@link segmentIndex} when at least `from` cuts are known to be ≤ x, galloping forward: a run of
 * ascending searches costs the cuts it passes, not a full search each.
 */
export function segmentIndexFrom(cuts: Float64Array, x: number, from: number): number {
  const n = cuts.length;
  if (from >= n || cuts[from]! > x) return from;
  // cuts[lo] ≤ x; find the first index > lo whose cut exceeds x.
  let lo = from;
  let step = 1;
  let hi = lo + step;
  while (hi < n && cuts[hi]! <= x) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > n) hi = n;
  // cuts[lo] ≤ x < cuts[hi] (or hi = n).
  while (hi - lo > 1) {
    const m = (lo + hi) >>> 1;
    if (cuts[m]! <= x) lo = m;
    else hi = m;
  }
  return lo + 1;
}

const tableCutMemo = new WeakMap<object, Float64Array>();

/** A build's prefixes: routes[0, lpmCount) of a compiled table. */
interface PrefixBuild {
  readonly routes: readonly { readonly prefix: string }[];
  readonly lpmCount: number;
  /** Shared by the builds of the same content (tables.ts `twinOf`): their memos are keyed by it. */
  readonly core?: object;
}

/** The memo key of a build: its core, which builds of the same content share. */
const keyOf = (build: PrefixBuild): object => build.core ?? build;

/**
 * The cuts of one compiled table: the first address of every route prefix of its longest-prefix
 * match and the address after its last. Between two consecutive cuts the set of prefixes holding
 * an address does not change, so neither does the table's answer (exact and O(log n), where the
 * range table's own `lookupRange` may stop at a bucket). Kept per build (tables are immutable).
 */
export function tableCuts(build: PrefixBuild): Float64Array {
  let cuts = tableCutMemo.get(keyOf(build));
  if (cuts) return cuts;
  const out = new Float64Array(2 * build.lpmCount);
  let n = 0;
  for (let i = 0; i < build.lpmCount; i++) n = prefixCuts(build.routes[i]!.prefix, out, n);
  cuts = distinct(out.subarray(0, n).sort());
  tableCutMemo.set(keyOf(build), cuts);
  return cuts;
}

/** Writes the cuts of `prefix` (its first address, and the one after its last) at out[n]; the new n. */
function prefixCuts(prefix: string, out: Float64Array, n: number): number {
  const q = parsePrefix4(prefix);
  if (!q) return n;
  out[n++] = q.network;
  const end = q.network + 2 ** (32 - q.length);
  if (end < TOP) out[n++] = end;
  return n;
}

/** The distinct values of sorted `a`, as a new array. */
function distinct(a: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (n === 0 || a[i] !== a[n - 1]) a[n++] = a[i]!;
  return a.slice(0, n);
}

const candidateMemo = new WeakMap<object, Float64Array>();

/**
 * A patched build's nearest ancestor whose cuts and segments were asked for, and every prefix
 * changed since (table-patch.ts {@link carryCuts}).
 */
interface PatchedFrom {
  readonly cutsFrom?: { readonly from: object; readonly changed: readonly string[] };
}

/**
 * The ancestor a patched build's cuts and segments derive from: its parent when the parent's were
 * asked for, else the parent's own ancestor with the prefixes changed since, so the chain holds
 * across moments whose walks never reached the table (and keeps one older build alive at most).
 */
export function carryCuts<B extends { cutsFrom?: { readonly from: B; readonly changed: readonly string[] } }>(
  parent: B,
  child: B,
  changed: readonly string[],
): void {
  const before = candidateMemo.has(parent) ? undefined : parent.cutsFrom;
  child.cutsFrom = before
    ? { from: before.from, changed: [...before.changed, ...changed] }
    : { from: parent, changed };
  delete parent.cutsFrom;
}

/**
 * A superset of a build's cuts, for {@link actionCuts} (which joins segments that forward alike, so
 * a cut more changes nothing): a patched build's are its parent's plus the cuts of the prefixes
 * the patch changed, a sorted merge instead of parsing and sorting every prefix again. Removed
 * prefixes keep their cuts; a build that is not patched starts again from {@link tableCuts}.
 */
function candidateCuts(build: PrefixBuild & PatchedFrom): Float64Array {
  let cuts = candidateMemo.get(build);
  if (cuts) return cuts;
  const parent = build.cutsFrom ? candidateMemo.get(build.cutsFrom.from) : undefined;
  if (parent && build.cutsFrom) {
    const changed = new Float64Array(2 * build.cutsFrom.changed.length);
    let n = 0;
    for (const p of build.cutsFrom.changed) n = prefixCuts(p, changed, n);
    const add = changed.subarray(0, n).sort();
    const out = new Float64Array(parent.length + n);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < parent.length || j < n) {
      const x = j >= n || (i < parent.length && parent[i]! <= add[j]!) ? parent[i++]! : add[j++]!;
      if (k === 0 || out[k - 1] !== x) out[k++] = x;
    }
    cuts = fitted(out, k);
  } else cuts = tableCuts(build);
  candidateMemo.set(build, cuts);
  return cuts;
}

/**
 * A table's segments of alike forwarding: segment s is [cuts[s − 1], cuts[s]) (segment 0 starts at
 * 0), and `reps[s]` is the table-local index of a route chosen in it (-1: none), standing for all.
 */
export interface ActionSegments {
  readonly cuts: Float64Array;
  readonly reps: Int32Array;
  /**
   * The action of every segment as a small id (segments of one id forward alike: same route kind,
   * target and next-hop address), for a span mask to split a walk by (span-mask.ts); null when
   * the table has fewer segments than a mask would split at.
   */
  readonly act: Int32Array | null;
  /** Number of distinct action ids. */
  readonly actions: number;
}

/** Fewest segments of a table in a span for a walk to split its span mask there (span-mask.ts). */
let maskMinSegments = 64;

/** The table size (in segments) from which walks split their span mask (tests set 2 to cover every table). */
export function setMaskMinSegments(n: number): void {
  maskMinSegments = n;
}

/** {@link setMaskMinSegments}'s current value. */
export function maskMin(): number {
  return maskMinSegments;
}

/** Every segment of a table from its candidate cuts (one lookup per cut). */
function fullSegments(
  p: ForwardingPlane,
  t: number,
  lpm: { lookup(address: number): number },
  cuts: Float64Array,
  intern: Interning,
): ActionSegments {
  const base = p.tableBase[t]!;
  const w = new SegmentWriter(cuts.length);
  for (let j = -1; j < cuts.length; j++) {
    if (j < 0 && cuts.length > 0 && cuts[0] === 0) continue;
    const start = j < 0 ? 0 : cuts[j]!;
    const r = lpm.lookup(start);
    w.add(start, r, intern.idOf(p, base, r));
  }
  return w.result(intern.actions, maskMinSegments);
}

/** Table t's segments computed afresh from its own prefixes: what kept and derived segments must equal (tests). */
export function segmentsFromScratch(p: ForwardingPlane, t: number): ActionSegments {
  const build = p.tables[t]!;
  return fullSegments(p, t, build.lpm, tableCuts(build), new Interning());
}

const actionMemo = new WeakMap<ForwardingPlane, (ActionSegments | undefined)[]>();
/** Segments → the segments later derived from them (same action ids outside the changed prefixes). */
const successor = new WeakMap<ActionSegments, ActionSegments>();

/** The newest segments derived, directly or not, from `seg` (itself when none). */
export function newestSegments(seg: ActionSegments): ActionSegments {
  let s = seg;
  for (let next = successor.get(s); next; next = successor.get(s)) s = next;
  return s;
}

/** The action numbering of kept segments, for the segments of a build patched from theirs. */
const interning = new WeakMap<ActionSegments, Interning>();
const buildMemo = new WeakMap<object, { readonly resolved: Resolved; readonly segments: ActionSegments }>();
let lastPlane: ForwardingPlane | undefined;
let lastTables: (ActionSegments | undefined)[] = [];

/**
 * Where table t of plane `p` starts forwarding differently: the prefix cuts (tableCuts) at which
 * the chosen route's kind, target or next-hop address changes. Routes alike in those are alike to
 * a walk (which reads nothing else of them outside OpenStack's lookup), so a span needs no cut
 * between them: a thousand site prefixes learned through one gateway make one class, not a
 * thousand. A route with ECMP members (GCP-R10) is its own segment. Kept per plane (its route
 * targets are plane indices), computed on first use.
 */
export function actionCuts(p: ForwardingPlane, t: number): ActionSegments {
  // Every walk of a moment asks the same plane: one comparison instead of a WeakMap lookup.
  if (p !== lastPlane) {
    lastPlane = p;
    let tables = actionMemo.get(p);
    if (!tables) {
      tables = [];
      actionMemo.set(p, tables);
    }
    lastTables = tables;
  }
  const perTable = lastTables;
  const hit = perTable[t];
  if (hit) return hit;
  const build = p.tables[t]!;
  // The same build (or one of the same content) under the same resolved actions (routes.ts
  // resolveTable): the same segments.
  const kept = buildMemo.get(build.core);
  if (kept && kept.resolved === build.core.resolved && kept.resolved.layout === p.layout) {
    perTable[t] = kept.segments;
    return kept.segments;
  }
  const cuts = candidateCuts(build);
  const from = build.cutsFrom;
  const parent = from ? buildMemo.get(from.from.core) : undefined;
  let result: ActionSegments;
  let intern: Interning;
  const parentIntern = parent && interning.get(parent.segments);
  if (parent && parentIntern && parent.segments.act && parent.resolved.layout === p.layout && from) {
    intern = parentIntern.copy();
    result = derivedSegments(p, t, build.lpm, from.changed, parent.segments, cuts, intern, maskMinSegments);
    successor.set(parent.segments, result);
  } else {
    intern = new Interning();
    result = fullSegments(p, t, build.lpm, cuts, intern);
  }
  perTable[t] = result;
  if (build.core.resolved?.layout === p.layout) {
    buildMemo.set(build.core, { resolved: build.core.resolved, segments: result });
    interning.set(result, intern);
  }
  return result;
}
