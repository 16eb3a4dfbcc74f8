/**
 * What the simulator's jobs (`run`, `diff`, `chaos`) share: how a job runs (workers, shard), the
 * report context, fingerprints, the flow slices of a shard, and the counts a part carries.
 */
import { part } from '../parallel.js';
import { mergeFilterLoss, type FilterLossRows } from '../filter-loss.js';
import type { ReportScenario, SimScenario } from '../sim-scenario.js';
import type { Slice } from '../simulate.js';
import type { FlowGroup } from '../spec.js';
import type { GroupCoverage } from '../coverage.js';

/** Shard `k` of `n` (0 ≤ k < n): a contiguous part of every group's flows, or of the chaos runs. */
export interface Shard {
  readonly k: number;
  readonly n: number;
}

/** How a job runs: worker threads, an optional shard, progress. */
export interface JobOptions {
  readonly workers: number;
  readonly shard?: Shard;
  /** Called with the fraction done (0..1) as the simulation advances. */
  readonly progress?: (fraction: number) => void;
}

/** The scenarios of a job as the report reads them (`other`: the B side of a diff). */
export interface ReportContext {
  readonly scenario: ReportScenario;
  readonly other?: ReportScenario;
}

/** The scenario as the report names it. */
export function reportScenario(sc: SimScenario): ReportScenario {
  return sc.description === undefined ? { name: sc.name } : { name: sc.name, description: sc.description };
}

/** A stable fingerprint of everything that decides a result (scenario content and seed). */
export function fingerprint(...docs: readonly unknown[]): string {
  const text = JSON.stringify(docs);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

/** Every flow of every group. */
export function fullSlice(flows: readonly FlowGroup[]): Slice {
  return flows.map((f) => [0, f.count] as const);
}

/** The flows of `shard` (all of them without one): a contiguous part of each group. */
export function shardSlice(flows: readonly FlowGroup[], shard: Shard | undefined): Slice {
  if (!shard) return fullSlice(flows);
  return flows.map((f) => part(f.count, shard.k, shard.n));
}

/** Flows per outcome per interval, per group (a part's or the whole job's), and what comes with them. */
export interface Counts {
  readonly times: readonly number[];
  readonly counts: readonly (readonly number[])[];
  /** `firewall: rules`: flows per deciding filter rule per interval (filter-loss.ts), when any. */
  readonly filterLoss?: readonly FilterLossRows[];
  /** DESIGN.md "Exact coverage" (run only): per group, from the one part that tracked it. */
  readonly coverage?: readonly (GroupCoverage | null)[];
}

/** The counts of a job from its parts' (coverage: each group from the part that tracked it). */
export function sumCounts(ps: readonly Counts[]): Counts {
  const first = ps[0]!;
  const filterLoss = mergeFilterLoss(
    ps.map((p) => p.filterLoss),
    first.counts.length,
  );
  return {
    times: first.times,
    counts: first.counts.map((row, g) => row.map((_, i) => ps.reduce((acc, p) => acc + p.counts[g]![i]!, 0))),
    ...(filterLoss ? { filterLoss } : {}),
    ...(first.coverage
      ? { coverage: first.coverage.map((_, g) => ps.find((p) => p.coverage?.[g])?.coverage?.[g] ?? null) }
      : {}),
  };
}
