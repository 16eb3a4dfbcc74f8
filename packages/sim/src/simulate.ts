/**
 * Connectivity over time for a slice of every flow group: replay the timeline, compile a
 * forwarding plane at each distinct moment, and forward what changed. Outcomes are kept as
 * per-interval counts per reason, which add up across slices, so workers and shards merge by
 * summation.
 *
 * Flows are forwarded by class (classes.ts): each group's traffic is cut into source, port and
 * destination classes the plane treats alike, the sampled flows are sorted into them once, and a
 * class's outcome counts for all its flows; a moment walks again only the classes whose path crossed
 * a node that changed. Where a flow's own history matters (`existingConnections: keep`, AWS-R39 and
 * AZ-R29, and the per-flow histories of `diff`), flows are forwarded one by one (flow-engine.ts).
 *
 * `firewall: rules` (FILTERS.md): each flow carries its group's protocol, its own destination port
 * (flow k of a range: `lo + k mod (hi − lo + 1)`, no draw) and the group's source ports; the plane's
 * filter checks record a node per network (`filters:<net>`) whose signature changes with any of that
 * network's programs or associations, so a filter change forwards again every class or flow that met
 * it. A flow dropped by a filter counts against the run-level id of the deciding rule, per rule and
 * interval (filter-loss.ts), for the outage's `filter`.
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
import { OUTCOME_COUNT } from './plane/codes.js';
import { flowPacket, flowsOf, resolveGroup } from './flows.js';
import { FilterLoss } from './filter-loss.js';
import type { GroupCoverage } from './coverage.js';
import { ClassFlows } from './class-flows.js';
import { ClassTracker } from './classes.js';
import { FlowEngine } from './flow-engine.js';
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
  /** With `moments`: the moments [from, to) this slice simulated (its coverage holds those). */
  readonly stretch?: readonly [number, number];
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

/**
 * The prefixes whose selected route (prefix and action) is in one table and not the other. A
 * compiled table holds one route per prefix, and the model reuses route and action objects
 * across states: an action is compared as text only when the objects differ.
 */
function changedPrefixes(
  a: ForwardingPlane['tables'][number],
  b: ForwardingPlane['tables'][number],
): string[] {
  const before = new Map<string, CandidateRoute>();
  for (let i = 0; i < a.lpmCount; i++) before.set(a.routes[i]!.prefix, a.routes[i]!);
  const now = new Set<string>();
  for (let i = 0; i < b.lpmCount; i++) now.add(b.routes[i]!.prefix);
  // A prefix twice in one table (not made by the model): compare (prefix, action) pairs.
  if (before.size !== a.lpmCount || now.size !== b.lpmCount) return changedPairs(a, b);
  const out: string[] = [];
  for (let i = 0; i < b.lpmCount; i++) {
    const r = b.routes[i]!;
    const o = before.get(r.prefix);
    if (o === undefined) out.push(r.prefix);
    else if (o !== r && o.action !== r.action && JSON.stringify(o.action) !== JSON.stringify(r.action))
      out.push(r.prefix);
  }
  for (const p of before.keys()) if (!now.has(p)) out.push(p);
  return out;
}

/** {@link changedPrefixes} by (prefix, action) text, whatever the tables hold. */
function changedPairs(a: ForwardingPlane['tables'][number], b: ForwardingPlane['tables'][number]): string[] {
  const key = (r: CandidateRoute): string => `${r.prefix} ${JSON.stringify(r.action)}`;
  const ka = new Set(a.routes.slice(0, a.lpmCount).map(key));
  const kb = new Set(b.routes.slice(0, b.lpmCount).map(key));
  const out: string[] = [];
  for (const r of a.routes.slice(0, a.lpmCount)) if (!kb.has(key(r))) out.push(r.prefix);
  for (const r of b.routes.slice(0, b.lpmCount)) if (!ka.has(key(r))) out.push(r.prefix);
  return out;
}

/**
 * {@link routeDiff} of small tables, by build core (plane/tables.ts `twinOf`): the subnets that
 * share a route table change alike, so the prefixes of one pair of contents are compared once.
 */
const smallDiffs = new WeakMap<object, { readonly to: object; readonly ranges: Float64Array | undefined }>();

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
  if (b.patchedFrom === a && b.changedPrefixes) return prefixRanges(b.changedPrefixes);
  if (a.lpmCount > SMALL_DIFF || b.lpmCount > SMALL_DIFF) return undefined;
  const hit = smallDiffs.get(a.core);
  if (hit && hit.to === b.core) return hit.ranges;
  const ranges = prefixRanges(changedPrefixes(a, b));
  smallDiffs.set(a.core, { to: b.core, ranges });
  return ranges;
}

/** The address ranges [lo, hi, lo, hi, …] of IPv4 prefixes (others skipped). */
function prefixRanges(prefixes: readonly string[]): Float64Array {
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
    /** DESIGN.md "Exact coverage": per group, whether this slice reports its coverage. */
    readonly coverage?: readonly boolean[];
    readonly progress?: (fraction: number) => void;
    /** Forward every flow one by one (flow-engine.ts) even where classes would do: the oracle of the class engine's tests. */
    readonly byFlow?: boolean;
    /**
     * Only moments [from, to) of the timeline (class engine only, see {@link timeSplittable}): the
     * first is forwarded from scratch, the counts of the others stay 0, and coverage holds these
     * moments only. The parts of a timeline add up to the whole run (parallel.ts).
     */
    readonly moments?: readonly [number, number];
    /**
     * With `moments`: walk them from the end back (`-1`, 1 by default), each moment taken only
     * while `claim[0]`, shared with a thread walking the same stretch the other way, stays
     * positive (Atomics): the two meet wherever their speeds put them. The result's `stretch`
     * says which moments this call did.
     */
    readonly direction?: 1 | -1;
    readonly claim?: Int32Array;
  } = {},
): SliceResult {
  const registry = new NodeRegistry();
  const paths = new PathTable();
  const groups = input.flows.map((f) => resolveGroup(input.topology, f));
  const packets = input.flows.map((f) => flowPacket(f, input.profile));
  const K = timeline.moments.length;
  const loss = new FilterLoss(groups.length, K);
  // AWS-R39, AZ-R29: an established connection keeps passing stateful filters (flow-engine.ts).
  const keep = input.profile.filters.existingConnections === 'keep';
  const histories = options.histories === true;
  // Flows are forwarded by class (classes.ts) unless their own history matters (flow-engine.ts).
  const byFlow = keep || histories || options.byFlow === true;
  const counts = groups.map(() => new Array<number>(K * OUTCOME_COUNT).fill(0));
  const engines = groups.map((g, gi) => {
    const [start, end] = slice[gi] ?? [0, 0];
    const n = Math.max(0, end - start);
    const covered = options.coverage?.[gi] === true;
    if (n === 0 && !covered) return null;
    const { src, dst } = flowsOf(g, input.topology, input.seed, start, end);
    const flows = byFlow ? new FlowEngine(start, src, dst, packets[gi]!, histories) : null;
    const classFlows = byFlow ? null : new ClassFlows(src, dst, start);
    const classes = classFlows || covered ? new ClassTracker(g, packets[gi]!, classFlows, covered) : null;
    return { flows, classes };
  });
  const covering = engines.some((e) => e?.classes);
  let prevCuts: Float64Array | undefined;
  let prevPortCuts: Float64Array | undefined;
  const scratch = { slots: new Int32Array(0) };
  let prevSig: Map<number, unknown> | undefined;
  let affected = new Uint8Array(0);
  const [from, to] = options.moments ?? [0, K];
  const end = Math.min(to, K);
  const back = options.direction === -1;
  if (byFlow && (from > 0 || back)) throw new Error('internal: a flow-by-flow run cannot start mid-timeline');
  let done = 0;
  for (let k = back ? end - 1 : from; back ? k >= from : k < end; k += back ? -1 : 1) {
    if (options.claim && Atomics.sub(options.claim, 0, 1) <= 0) break;
    done++;
    const { time, state: ns } = timeline.moments[k]!;
    const plane = new ForwardingPlane(ns, registry);
    const walker = new Walker(plane);
    const sig = signatures(plane);
    const all = prevSig === undefined;
    let narrow: (Float64Array | undefined)[] = [];
    if (prevSig) {
      const { changed, ranges } = changedNodes(prevSig, sig, registry.keys.length);
      if (affected.length < paths.size) affected = new Uint8Array(paths.size * 2);
      paths.affected(changed, affected);
      narrow = paths.narrowing(changed, ranges, affected);
    }
    prevSig = sig;
    const cuts = covering ? planeCuts(plane) : undefined;
    const portCuts = covering ? filterPortCuts(plane) : undefined;
    // New address or port cuts can split a class: each group checks whether its classes did.
    const recompute =
      all ||
      (cuts !== undefined && prevCuts !== undefined && !sameCuts(cuts, prevCuts)) ||
      (portCuts !== undefined && prevPortCuts !== undefined && !sameCuts(portCuts, prevPortCuts));
    prevCuts = cuts;
    prevPortCuts = portCuts;
    const ruleOf = (program: number, entry: number): number => loss.ruleOf(plane, program, entry);
    groups.forEach((g, gi) => {
      const e = engines[gi];
      const row = counts[gi]!;
      if (!e) return;
      const srcSubnet = plane.subnetIndex.get(g.source.subnet) ?? -1;
      const fixedHost = g.source.host ? (plane.hostIndex.get(g.source.host) ?? -1) : -1;
      const srcSite = g.source.site ? (plane.siteIndex.get(g.source.site.site) ?? -1) : -1;
      const byIp = srcSubnet >= 0 ? plane.hostByIp[plane.subnetNet[srcSubnet]!] : undefined;
      const at = { srcSubnet, fixedHost, srcSite, byIp };
      e.flows?.step(
        { plane, walker, paths, at, time, all, affected, narrow, keep, loss, group: gi },
        scratch,
      );
      e.classes?.step(
        { plane, walker, cuts: cuts!, at, paths, ruleOf },
        all ? undefined : { affected, narrow },
        recompute,
      );
      const current = e.flows ? e.flows.current : e.classes!.counts;
      if (!e.flows && e.classes) loss.set(gi, e.classes.rules);
      const base = k * OUTCOME_COUNT;
      for (let o = 0; o < OUTCOME_COUNT; o++) row[base + o] = current[o]!;
      loss.snapshot(gi, k);
    });
    options.progress?.(done / (end - from));
  }
  const times = timeline.moments.map((m) => m.time);
  const filterLoss = loss.result();
  const stretch = back ? ([end - done, end] as const) : ([from, from + done] as const);
  return {
    times,
    counts,
    ...(options.moments ? { stretch } : {}),
    ...(histories ? { histories: engines.map((e) => e?.flows?.history ?? new Uint32Array(0)) } : {}),
    ...(filterLoss ? { filterLoss } : {}),
    ...(options.coverage
      ? {
          coverage: engines.map((e, gi) => {
            if (!options.coverage?.[gi]) return null;
            const c = e!.classes!.result();
            // Walked backwards: the figures in time order.
            return back ? { delivered: c.delivered.slice().reverse(), lost: c.lost.slice().reverse() } : c;
          }),
        }
      : {}),
  };
}

/**
 * Whether a run's moments can be simulated apart (simulateSlice `moments`): with the class engine a
 * moment's outcome depends on that moment's plane alone; a flow's own history (`existingConnections:
 * keep`, AWS-R39 and AZ-R29, or per-flow histories) ties each moment to the ones before.
 */
export function timeSplittable(input: SimInput, histories: boolean): boolean {
  return !histories && input.profile.filters.existingConnections !== 'keep';
}

/** The filters' port bounds, sorted and distinct (port classes split there). */
function filterPortCuts(plane: ForwardingPlane): Float64Array {
  const out: number[] = [];
  plane.filters?.portCuts(out);
  return Float64Array.from([...new Set(out)].sort((a, b) => a - b));
}

function sameCuts(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The network state at virtual time `t` (after every event at or before `t`). */
export function stateAt(input: TimelineSource, t: number): NetworkState {
  const { moments } = foldTimeline({ ...input, horizon: Math.max(input.horizon, t + 1) });
  let state = moments[0]!.state;
  for (const m of moments) if (m.time <= t) state = m.state;
  return state;
}
