/**
 * `cloudroute diff`: two what-ifs over the same flows, and the flows whose outcome changed.
 */
import { part, simulateParallel } from '../parallel.js';
import { groupResult } from '../result.js';
import { simSource, type SimScenario } from '../sim-scenario.js';
import type { Slice } from '../simulate.js';
import type { FlowGroup } from '../spec.js';
import { fullSlice, reportScenario, type Counts, type JobOptions, type Shard } from './job.js';
import { partDoc, type PartDocument } from './part.js';

/** One what-if's figures for a group in a diff. */
export interface DiffSide {
  readonly availability: number;
  readonly lostFlowSeconds: number;
}

/** The `diff` document: per group, both what-ifs' figures and the flows whose outcome changed. */
export interface DiffResult {
  /** The document's kind, for switching on results in memory; not printed (`toJson` leaves it out). */
  readonly kind: 'diff';
  readonly a: string;
  readonly b: string;
  readonly seed: number;
  readonly groups: readonly {
    readonly name: string;
    readonly a: DiffSide | null;
    readonly b: DiffSide | null;
    /** Flows whose outcome over time differs between the two what-ifs. */
    readonly changedFlows: number;
  }[];
}

interface DiffMeta {
  readonly name: string;
  readonly horizon: number;
  readonly flows: readonly FlowGroup[];
}

/** A diff's part: both sides' counts and the changed flows per group. */
export interface DiffPayload {
  readonly meta: { readonly a: DiffMeta; readonly b: DiffMeta; readonly seed: number };
  readonly a: Counts;
  readonly b: Counts;
  readonly changed: readonly number[];
}

function groupNames(a: DiffMeta, b: DiffMeta): string[] {
  const names = a.flows.map((f) => f.name);
  for (const f of b.flows) if (!names.includes(f.name)) names.push(f.name);
  return names;
}

/**
 * The slices of a diff's two sides. A flow is its group's name and its index, so both sides are
 * cut by the same index ranges: shard k of a group is part k of the larger of its two counts,
 * clamped to each side's own count. Flow i of A then always meets flow i of B, and a side's flows
 * beyond the other's count fall in the same shard as the unsharded diff sees them.
 */
function diffSlices(a: SimScenario, b: SimScenario, shard: Shard | undefined): [Slice, Slice] {
  if (!shard) return [fullSlice(a.flows), fullSlice(b.flows)];
  const cut = (own: readonly FlowGroup[], other: readonly FlowGroup[]): Slice =>
    own.map((f) => {
      const count = Math.max(f.count, other.find((g) => g.name === f.name)?.count ?? 0);
      const [s, e] = part(count, shard.k, shard.n);
      return [Math.min(s, f.count), Math.min(e, f.count)] as const;
    });
  return [cut(a.flows, b.flows), cut(b.flows, a.flows)];
}

/** `cloudroute diff`: both what-ifs over the same flows, and the flows whose outcome changed. */
export async function diffJob(
  a: SimScenario,
  b: SimScenario,
  opts: JobOptions,
): Promise<DiffResult | PartDocument> {
  const [sa, sb] = diffSlices(a, b, opts.shard);
  const [ra, rb] = [
    await simulateParallel(simSource(a), sa, opts.workers, { histories: true }),
    await simulateParallel(simSource(b), sb, opts.workers, { histories: true }),
  ];
  const changed = groupNames(a, b).map((name) => {
    const ia = a.flows.findIndex((f) => f.name === name);
    const ib = b.flows.findIndex((f) => f.name === name);
    const ha = ia >= 0 ? ra.histories![ia]! : new Uint32Array(0);
    const hb = ib >= 0 ? rb.histories![ib]! : new Uint32Array(0);
    let n = Math.abs(ha.length - hb.length);
    for (let i = 0, m = Math.min(ha.length, hb.length); i < m; i++) if (ha[i] !== hb[i]) n++;
    return n;
  });
  const meta = (sc: SimScenario): DiffMeta => ({ name: sc.name, horizon: sc.horizon, flows: sc.flows });
  const payload: DiffPayload = {
    meta: { a: meta(a), b: meta(b), seed: a.seed },
    a: { times: ra.times, counts: ra.counts },
    b: { times: rb.times, counts: rb.counts },
    changed,
  };
  return opts.shard
    ? partDoc('diff', a, opts.shard, { scenario: reportScenario(a), other: reportScenario(b) }, payload, b)
    : finishDiff(payload);
}

/** The diff document from a whole diff's payload. */
export function finishDiff(p: DiffPayload): DiffResult {
  const { a, b } = p.meta;
  const side = (sc: DiffMeta, r: Counts, name: string): DiffSide | null => {
    const gi = sc.flows.findIndex((f) => f.name === name);
    if (gi < 0) return null;
    const g = groupResult(sc.flows[gi]!, r.times, r.counts[gi]!, sc.horizon);
    return { availability: g.availability, lostFlowSeconds: g.lostFlowSeconds };
  };
  return {
    kind: 'diff',
    a: a.name,
    b: b.name,
    seed: p.meta.seed,
    groups: groupNames(a, b).map((name, i) => ({
      name,
      a: side(a, p.a, name),
      b: side(b, p.b, name),
      changedFlows: p.changed[i] ?? 0,
    })),
  };
}
