// Over 400 lines: the flow loop and its bookkeeping (buckets, filter loss, coverage hooks) of one simulation; forwarding flows by class will replace most of it (issue 14).
/**
 * Connectivity over time for a slice of every flow group: replay the timeline, compile a
 * forwarding plane at each distinct moment, and re-forward only the flows whose interned path
 * crossed a table or entity that changed. Outcomes are kept as per-interval counts per reason,
 * which add up across slices, so workers and shards merge by summation.
 *
 * `firewall: rules` (FILTERS.md): each flow carries its group's protocol, its own destination port
 * (flow k of a range: `lo + k mod (hi − lo + 1)`, no draw) and the group's source ports; the plane's
 * filter checks record a node per network (`filters:<net>`) whose signature changes with any of that
 * network's programs or associations, so a filter change re-forwards every flow that met it. A
 * flow dropped by a filter keeps the run-level id of the deciding rule (`rule`), counted per rule
 * and interval (filter-loss.ts) for the outage's `filter`.
 *
 * `filters.existingConnections: keep` (AWS-R39, AZ-R29), exactly: a flow re-forwarded at moment k
 * whose outcome at the previous moment was `delivered` is an established connection. It is walked
 * once with every stateful program (AWS security groups, Azure NSGs, GCP firewall rules, stateful
 * Neutron groups) passing; if that walk delivers it along the very path (the same nodes) it had
 * before, it stays delivered. Otherwise (its path changed, a route or a stateless filter — a NACL,
 * a stateless Neutron group — now drops it) it is judged as a new connection by the rules of the
 * moment. A flow dropped once is a new connection when it comes back. The first moment and
 * `reevaluate` (the default) judge every flow by the rules of the moment.
 */
import {
  replay,
  type ChaosSpec,
  type EngineEvent,
  type Rejection,
  type TimelineAction,
} from '@cloudroute/engine';
import type { CandidateRoute, NetworkState, ProviderProfile, Topology } from '@cloudroute/model';
import { parsePrefix4 } from './internal/lpm-adapter.js';
import { ForwardingPlane, NodeRegistry } from './plane/compile.js';
import { PathTable } from './plane/paths.js';
import { Walker } from './plane/walk.js';
import { DELIVERED, OUTCOME_COUNT, outcomeCode } from './plane/codes.js';

const FIREWALL = outcomeCode('firewall');
import { flowPacket, generateFlows, mix32, resolveGroup } from './flows.js';
import { FilterLoss } from './filter-loss.js';
import { CoverageTracker, type CoverageChange, type GroupCoverage } from './coverage.js';
import { planeCuts } from './plane/cuts.js';
import type { FlowGroup } from './spec.js';

/** What one simulation replays: the scenario's forwarding parts, and a chaos repetition when there is one. */
export interface SimInput {
  readonly topology: Topology;
  readonly profile: ProviderProfile;
  readonly timeline: readonly TimelineAction[];
  readonly horizon: number;
  readonly seed: number;
  readonly flows: readonly FlowGroup[];
  /** One chaos repetition merged into the timeline by the engine. */
  readonly chaos?: { readonly spec: ChaosSpec; readonly run: number };
}

type TimelineSource = Pick<SimInput, 'topology' | 'profile' | 'timeline' | 'horizon' | 'seed' | 'chaos'>;

/** Flow index ranges to simulate, per group: `[start, end)`. */
export type Slice = readonly (readonly [number, number])[];

/** Outcome counts of a slice: `counts[g][k * OUTCOME_COUNT + outcome]` flows during interval k. */
export interface SliceResult {
  /** Interval start times; interval k is [times[k], times[k + 1] or horizon). */
  readonly times: readonly number[];
  readonly counts: readonly number[][];
  /** Per group, per flow of the slice: a hash of the flow's outcome history (with `histories: true`). */
  readonly histories?: readonly Uint32Array[];
  /**
   * `firewall: rules`: per group, flows dropped by each filter rule (`"<object>#<rule>"`) during
   * each interval (`[k]`); present only when some rule dropped a flow (filter-loss.ts).
   */
  readonly filterLoss?: readonly Readonly<Record<string, readonly number[]>>[];
  /**
   * With `coverage`: per group, its exact coverage (coverage.ts) when this slice tracked it (null
   * otherwise); the caller gives each group to exactly one part of any split.
   */
  readonly coverage?: readonly (GroupCoverage | null)[];
}

/** A replayed timeline: the last state of each distinct moment within the horizon, the events and the refusals. */
export interface Timeline {
  readonly moments: readonly { readonly time: number; readonly state: NetworkState }[];
  readonly events: readonly EngineEvent[];
  readonly rejected: readonly Rejection[];
}

/** Replays the timeline and keeps the last state of every distinct moment within the horizon. */
export function foldTimeline(input: TimelineSource): Timeline {
  const { topology, profile, timeline, horizon, seed, chaos } = input;
  const { initial, steps } = replay({
    topology,
    profile,
    timeline,
    horizon,
    seed,
    ...(chaos ? { chaos } : {}),
  });
  const moments: { time: number; state: NetworkState }[] = [{ time: 0, state: initial }];
  const events: EngineEvent[] = [];
  const rejected: Rejection[] = [];
  for (const s of steps) {
    if (s.time >= input.horizon) break;
    events.push(s.event);
    rejected.push(...s.rejections);
    const last = moments[moments.length - 1]!;
    if (last.time === s.time) last.state = s.state;
    else moments.push({ time: s.time, state: s.state });
  }
  return { moments, events, rejected };
}

/** What each node of a plane looks like, to find what changed between two moments. */
function signatures(p: ForwardingPlane): Map<number, unknown> {
  const sig = new Map<number, unknown>();
  p.tables.forEach((t, i) => sig.set(p.tableNode[i]!, t));
  p.gwPath.forEach((_, g) => sig.set(p.gwNode[g]!, p.gwReady[g]));
  p.connName.forEach((_, c) => sig.set(p.connNode[c]!, p.connDrop[c]));
  p.hostPath.forEach((_, h) =>
    sig.set(p.hostNode[h]!, `${p.hostForwards[h]}${p.hostPublic[h]}:${p.hostTable[h]}`),
  );
  p.subnetPath.forEach((_, s) => sig.set(p.subnetNode[s]!, `${p.subnetPublic[s]}:${p.subnetTable[s]}`));
  // `firewall: rules`: one node per network, changed when any of its programs or associations did.
  const f = p.filters;
  if (f) p.networks.forEach((_, n) => sig.set(f.netNode[n]!, f.netSig[n]));
  return sig;
}

/**
 * What changed between two moments: `changed[node]` is 1 for every node whose signature differs.
 * For a table whose routes changed at a few prefixes only, `ranges` holds those prefixes' address
 * ranges: a flow whose destination lies outside all of them makes the same decision there as
 * before (longest-prefix match only depends on the routes that contain the destination).
 */
function changedNodes(
  prev: Map<number, unknown>,
  next: Map<number, unknown>,
  size: number,
): { changed: Uint8Array; ranges: Map<number, Float64Array> } {
  const changed = new Uint8Array(size);
  const ranges = new Map<number, Float64Array>();
  for (const [k, v] of next) {
    const before = prev.get(k);
    if (before === v) continue;
    changed[k] = 1;
    const r = isBuild(before) && isBuild(v) ? routeDiff(before, v) : undefined;
    if (r) ranges.set(k, r);
  }
  for (const k of prev.keys()) if (!next.has(k)) changed[k] = 1;
  return { changed, ranges };
}

function isBuild(x: unknown): x is ForwardingPlane['tables'][number] {
  return typeof x === 'object' && x !== null && 'lpm' in x && 'routes' in x;
}

const SMALL_DIFF = 5_000;

/** The address ranges [lo, hi, lo, hi, …] of the prefixes whose routes differ, or undefined when unknown. */
function routeDiff(
  a: ForwardingPlane['tables'][number],
  b: ForwardingPlane['tables'][number],
): Float64Array | undefined {
  // GCP and OpenStack walks consult more than the table (policy routes, ILB backends, ports):
  // their tables are re-forwarded whole.
  const provider = b.table.provider;
  if (provider === 'gcp' || provider === 'openstack' || a.policy.length > 0 || b.policy.length > 0)
    return undefined;
  let prefixes: string[];
  if (b.patchedFrom === a && b.changedPrefixes) prefixes = [...b.changedPrefixes];
  else if (a.lpmCount <= SMALL_DIFF && b.lpmCount <= SMALL_DIFF) {
    const key = (r: CandidateRoute): string => `${r.prefix} ${JSON.stringify(r.action)}`;
    const ka = new Set(a.routes.slice(0, a.lpmCount).map(key));
    const kb = new Set(b.routes.slice(0, b.lpmCount).map(key));
    prefixes = [];
    for (const r of a.routes.slice(0, a.lpmCount)) if (!kb.has(key(r))) prefixes.push(r.prefix);
    for (const r of b.routes.slice(0, b.lpmCount)) if (!ka.has(key(r))) prefixes.push(r.prefix);
  } else return undefined;
  const out = new Float64Array(prefixes.length * 2);
  let n = 0;
  for (const text of prefixes) {
    const p = parsePrefix4(text);
    if (!p) continue;
    out[n++] = p.network;
    out[n++] = p.network + 2 ** (32 - p.length) - 1;
  }
  return out.subarray(0, n);
}

/** Simulates flows `slice[g]` of every group through the timeline. */
export function simulateSlice(
  input: SimInput,
  slice: Slice,
  timeline: Timeline = foldTimeline(input),
  options: {
    readonly histories?: boolean;
    /** DESIGN.md "Exact coverage": per group, whether this slice tracks its classes. */
    readonly coverage?: readonly boolean[];
    readonly progress?: (fraction: number) => void;
  } = {},
): SliceResult {
  const registry = new NodeRegistry();
  const paths = new PathTable();
  const groups = input.flows.map((f) => resolveGroup(input.topology, f));
  const packets = input.flows.map((f) => flowPacket(f, input.profile));
  const K = timeline.moments.length;
  const loss = new FilterLoss(groups.length, K);
  // AWS-R39, AZ-R29: an established connection keeps passing stateful filters (see FilterWalk.keep).
  const keep = input.profile.filters.existingConnections === 'keep';
  const counts = groups.map(() => new Array<number>(K * OUTCOME_COUNT).fill(0));
  // Per group flow state.
  const state = groups.map((g, gi) => {
    const [start, end] = slice[gi] ?? [0, 0];
    const n = Math.max(0, end - start);
    const src = new Uint32Array(n);
    const dst = new Uint32Array(n);
    generateFlows(g, input.seed, start, end, src, dst);
    return {
      start,
      n,
      src,
      dst,
      outcome: new Uint8Array(n),
      path: new Int32Array(n),
      /** `firewall: rules`: the run-level id of the rule that dropped the flow, -1 when none. */
      rule: new Int32Array(n).fill(-1),
      history: new Uint32Array(options.histories ? n : 0),
      /** Flows per outcome right now, kept up to date as flows change. */
      current: new Int32Array(OUTCOME_COUNT),
      /** The group's flows bucketed by path id: `order[bucketStart[b] .. bucketStart[b + 1])` are on `bucketPath[b]`. */
      buckets: emptyBuckets(n),
    };
  });
  const keepHistory = options.histories === true;
  // DESIGN.md "Exact coverage": the groups this slice tracks (each group by exactly one part of a split).
  const trackers = groups.map((g, gi) =>
    options.coverage?.[gi] === true ? new CoverageTracker(g, packets[gi]!) : null,
  );
  const covering = trackers.some((t) => t !== null);
  let prevCuts: Float64Array | undefined;
  const scratch = { slots: new Int32Array(0) };
  let prevSig: Map<number, unknown> | undefined;
  let affected = new Uint8Array(0);
  for (let k = 0; k < K; k++) {
    const { time, state: ns } = timeline.moments[k]!;
    const plane = new ForwardingPlane(ns, registry);
    const walker = new Walker(plane);
    const sig = signatures(plane);
    const all = prevSig === undefined;
    let narrow: (Float64Array | undefined)[] = [];
    let changedNow: CoverageChange | undefined;
    if (prevSig) {
      const { changed, ranges } = changedNodes(prevSig, sig, registry.keys.length);
      changedNow = { changed, ranges };
      if (affected.length < paths.size) affected = new Uint8Array(paths.size * 2);
      paths.affected(changed, affected);
      narrow = paths.narrowing(changed, ranges, affected);
    }
    prevSig = sig;
    const cuts = covering ? planeCuts(plane) : undefined;
    // New cuts can split a class: every group's classes are recomputed.
    if (cuts && prevCuts && !sameCuts(cuts, prevCuts)) changedNow = undefined;
    prevCuts = cuts;
    groups.forEach((g, gi) => {
      const st = state[gi]!;
      const { buckets } = st;
      const srcSubnet = plane.subnetIndex.get(g.source.subnet) ?? -1;
      const fixedHost = g.source.host ? (plane.hostIndex.get(g.source.host) ?? -1) : -1;
      const srcSite = g.source.site ? (plane.siteIndex.get(g.source.site.site) ?? -1) : -1;
      const byIp = srcSubnet >= 0 ? plane.hostByIp[plane.subnetNet[srcSubnet]!] : undefined;
      const fw = walker.fw;
      const pk = packets[gi]!;
      let moved = all;
      const step = (f: number): void => {
        const src = st.src[f]!;
        const host = fixedHost >= 0 ? fixedHost : (byIp?.get(src) ?? -1);
        let o = -1;
        let pid = -1;
        if (fw) {
          const port = pk.portSpan > 1 ? pk.portLo + ((st.start + f) % pk.portSpan) : pk.portLo;
          fw.setPacket(pk.protocol, pk.sourceLo, pk.sourceHi, port, pk.portSpan > 1 ? port : pk.portHi);
          if (keep && !all && st.outcome[f] === DELIVERED) {
            // Established: delivered again if its path is unchanged with the stateful filters passed.
            fw.keep = true;
            o = walker.forward(srcSubnet, host, st.dst[f]!, null, src, srcSite);
            fw.keep = false;
            pid = paths.intern(walker.path, walker.pathLen);
            if (o !== DELIVERED || pid !== st.path[f]) o = -1;
          }
        }
        if (o < 0) {
          o = walker.forward(srcSubnet, host, st.dst[f]!, null, src, srcSite);
          pid = paths.intern(walker.path, walker.pathLen);
        }
        if (fw) {
          const r =
            o === FIREWALL && fw.dropProgram >= 0 ? loss.ruleOf(plane, fw.dropProgram, fw.dropEntry) : -1;
          if (r !== st.rule[f]) {
            loss.move(gi, st.rule[f]!, r);
            st.rule[f] = r;
          }
        }
        if (pid !== st.path[f]) moved = true;
        st.path[f] = pid;
        if (all || o !== st.outcome[f]) {
          if (keepHistory)
            st.history[f] = mix32(st.history[f]! ^ Math.imul(time + 1, 0x9e3779b1) ^ (o << 24));
          if (!all) st.current[st.outcome[f]!]!--;
          st.current[o]!++;
          st.outcome[f] = o;
        }
      };
      if (all) for (let f = 0; f < st.n; f++) step(f);
      else {
        // Only the flows on a path that crossed something that changed.
        for (let b = 0; b < buckets.path.length; b++) {
          const pid = buckets.path[b]!;
          if (affected[pid] !== 1) continue;
          const only = narrow[pid];
          for (let i = buckets.start[b]!, end = buckets.start[b + 1]!; i < end; i++) {
            const f = buckets.order[i]!;
            if (only === undefined || inRanges(only, st.dst[f]!)) step(f);
          }
        }
      }
      if (moved) st.buckets = bucketByPath(st.path, st.n, buckets.order, scratch);
      trackers[gi]?.step(plane, walker, cuts!, { srcSubnet, fixedHost, srcSite, byIp }, changedNow);
      const row = counts[gi]!;
      const base = k * OUTCOME_COUNT;
      for (let o = 0; o < OUTCOME_COUNT; o++) row[base + o] = st.current[o]!;
      loss.snapshot(gi, k);
    });
    options.progress?.((k + 1) / K);
  }
  const times = timeline.moments.map((m) => m.time);
  const filterLoss = loss.result();
  return {
    times,
    counts,
    ...(options.histories ? { histories: state.map((st) => st.history) } : {}),
    ...(filterLoss ? { filterLoss } : {}),
    ...(options.coverage ? { coverage: trackers.map((t) => t?.result() ?? null) } : {}),
  };
}

function sameCuts(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Is `a` in one of the sorted, disjoint [lo, hi] pairs? (binary search) */
function inRanges(r: Float64Array, a: number): boolean {
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a < r[2 * mid]!) hi = mid - 1;
    else if (a > r[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

function emptyBuckets(n: number): Buckets {
  return { path: new Int32Array(0), start: new Int32Array(1), order: new Int32Array(n) };
}

interface Buckets {
  readonly path: Int32Array;
  readonly start: Int32Array;
  readonly order: Int32Array;
}

/** Groups flows by path id (a counting sort): the flows of each path, in flow order. */
function bucketByPath(
  path: Int32Array,
  n: number,
  order: Int32Array,
  scratch: { slots: Int32Array },
): Buckets {
  const slot = new Map<number, number>();
  const ids: number[] = [];
  for (let f = 0; f < n; f++) {
    const p = path[f]!;
    if (!slot.has(p)) {
      slot.set(p, ids.length);
      ids.push(p);
    }
  }
  const start = new Int32Array(ids.length + 1);
  if (scratch.slots.length < n) scratch.slots = new Int32Array(n);
  const slots = scratch.slots;
  for (let f = 0; f < n; f++) {
    const b = slot.get(path[f]!)!;
    slots[f] = b;
    start[b + 1]!++;
  }
  for (let b = 0; b < ids.length; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, ids.length);
  for (let f = 0; f < n; f++) order[fill[slots[f]!]!++] = f;
  return { path: Int32Array.from(ids), start, order };
}

/** The network state at virtual time `t` (after every event at or before `t`). */
export function stateAt(input: TimelineSource, t: number): NetworkState {
  const { moments } = foldTimeline({ ...input, horizon: Math.max(input.horizon, t + 1) });
  let state = moments[0]!.state;
  for (const m of moments) if (m.time <= t) state = m.state;
  return state;
}
