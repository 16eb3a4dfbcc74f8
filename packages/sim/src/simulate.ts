/**
 * Connectivity over time for a slice of every flow group: replay the timeline, compile a
 * forwarding plane at each distinct moment, and re-forward only the flows whose interned path
 * crossed a table or entity that changed. Outcomes are kept as per-interval counts per reason,
 * which add up across slices, so workers and shards merge by summation.
 */
import { replay, type ChaosSpec, type EngineEvent, type Rejection, type TimelineAction } from '@cloudroute/engine';
import type { NetworkState, ProviderProfile, Topology } from '@cloudroute/model';
import { ForwardingPlane, NodeRegistry } from './plane/compile.js';
import { PathTable } from './plane/paths.js';
import { Walker } from './plane/walk.js';
import { OUTCOME_COUNT } from './plane/codes.js';
import { generateFlows, mix32, resolveGroup } from './flows.js';
import type { FlowGroup } from './spec.js';

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
}

export interface Timeline {
  readonly moments: readonly { readonly time: number; readonly state: NetworkState }[];
  readonly events: readonly EngineEvent[];
  readonly rejected: readonly Rejection[];
}

/** Replays the timeline and keeps the last state of every distinct moment within the horizon. */
export function foldTimeline(input: TimelineSource): Timeline {
  const { topology, profile, timeline, horizon, seed, chaos } = input;
  const { initial, steps } = replay({ topology, profile, timeline, horizon, seed, ...(chaos ? { chaos } : {}) });
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
  p.connName.forEach((_, c) => sig.set(p.connNode[c]!, p.connUp[c]));
  p.hostPath.forEach((_, h) => sig.set(p.hostNode[h]!, `${p.hostForwards[h]}${p.hostPublic[h]}:${p.hostTable[h]}`));
  p.subnetPath.forEach((_, s) => sig.set(p.subnetNode[s]!, `${p.subnetPublic[s]}:${p.subnetTable[s]}`));
  return sig;
}

function changedNodes(prev: Map<number, unknown>, next: Map<number, unknown>, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (const [k, v] of next) if (prev.get(k) !== v) out[k] = 1;
  for (const k of prev.keys()) if (!next.has(k)) out[k] = 1;
  return out;
}

/** Simulates flows `slice[g]` of every group through the timeline. */
export function simulateSlice(
  input: SimInput,
  slice: Slice,
  timeline: Timeline = foldTimeline(input),
  options: { readonly histories?: boolean; readonly progress?: (fraction: number) => void } = {},
): SliceResult {
  const registry = new NodeRegistry();
  const paths = new PathTable();
  const groups = input.flows.map((f) => resolveGroup(input.topology, f));
  const K = timeline.moments.length;
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
      history: new Uint32Array(n),
      /** Flows per outcome right now, kept up to date as flows change. */
      current: new Int32Array(OUTCOME_COUNT),
      /** The group's flows bucketed by path id: `order[bucketStart[b] .. bucketStart[b + 1])` are on `bucketPath[b]`. */
      buckets: { path: new Int32Array(0), start: new Int32Array(1), order: new Int32Array(n) } as Buckets,
    };
  });
  let prevSig: Map<number, unknown> | undefined;
  let affected = new Uint8Array(0);
  for (let k = 0; k < K; k++) {
    const { time, state: ns } = timeline.moments[k]!;
    const plane = new ForwardingPlane(ns, registry);
    const walker = new Walker(plane);
    const sig = signatures(plane);
    const all = prevSig === undefined;
    if (prevSig) {
      const changed = changedNodes(prevSig, sig, registry.keys.length);
      if (affected.length < paths.size) affected = new Uint8Array(paths.size * 2);
      paths.affected(changed, affected);
    }
    prevSig = sig;
    groups.forEach((g, gi) => {
      const st = state[gi]!;
      const { buckets } = st;
      const srcSubnet = plane.subnetIndex.get(g.source.subnet) ?? -1;
      const fixedHost = g.source.host ? (plane.hostIndex.get(g.source.host) ?? -1) : -1;
      const byIp = srcSubnet >= 0 ? plane.hostByIp[plane.subnetNet[srcSubnet]!] : undefined;
      let moved = all;
      const step = (f: number): void => {
        const src = st.src[f]!;
        const host = fixedHost >= 0 ? fixedHost : (byIp?.get(src) ?? -1);
        const o = walker.forward(srcSubnet, host, st.dst[f]!, null, src);
        const pid = paths.intern(walker.path, walker.pathLen);
        if (pid !== st.path[f]) moved = true;
        st.path[f] = pid;
        if (all || o !== st.outcome[f]) {
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
          if (affected[buckets.path[b]!] !== 1) continue;
          for (let i = buckets.start[b]!, end = buckets.start[b + 1]!; i < end; i++) step(buckets.order[i]!);
        }
      }
      if (moved) st.buckets = bucketByPath(st.path, st.n, buckets.order);
      const row = counts[gi]!;
      const base = k * OUTCOME_COUNT;
      for (let o = 0; o < OUTCOME_COUNT; o++) row[base + o] = st.current[o]!;
    });
    options.progress?.((k + 1) / K);
  }
  const times = timeline.moments.map((m) => m.time);
  return options.histories ? { times, counts, histories: state.map((st) => st.history) } : { times, counts };
}


interface Buckets {
  readonly path: Int32Array;
  readonly start: Int32Array;
  readonly order: Int32Array;
}

/** Groups flows by path id (a counting sort): the flows of each path, in flow order. */
function bucketByPath(path: Int32Array, n: number, order: Int32Array): Buckets {
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
  const slots = new Int32Array(n);
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
