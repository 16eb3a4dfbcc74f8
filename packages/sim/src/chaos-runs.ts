/**
 * Chaos repetitions: each run replays the timeline with the run's seeded faults merged in
 * (engine `chaosActions(spec, horizon, seed, run)`) and measures every group. Runs are
 * independent, so worker threads and shards take contiguous ranges of them.
 */
import type { ChaosSpec, TimelineAction } from '@cloudroute/engine';
import type { ProviderProfile, Topology } from '@cloudroute/model';
import { groupResult } from './result.js';
import { simulateSlice } from './simulate.js';
import type { Expectation, FlowGroup } from './spec.js';

/** The parts of a scenario a chaos run needs (plain data: it crosses to worker threads). */
export interface ChaosInput {
  readonly topology: Topology;
  readonly profile: ProviderProfile;
  readonly timeline: readonly TimelineAction[];
  readonly horizon: number;
  readonly seed: number;
  readonly flows: readonly FlowGroup[];
  readonly expect?: readonly Expectation[];
  readonly spec: ChaosSpec;
}

/** Per run, per group: [availability, maxOutageSeconds]. */
export type ChaosRunResult = readonly (readonly [number, number])[];

/** Runs [from, to) one after another in this thread. */
export function chaosRuns(
  input: ChaosInput,
  from: number,
  to: number,
  progress?: (done: number) => void,
): ChaosRunResult[] {
  const out: ChaosRunResult[] = [];
  const slice = input.flows.map((f) => [0, f.count] as const);
  for (let run = from; run < to; run++) {
    const { spec, ...rest } = input;
    const r = simulateSlice({ ...rest, chaos: { spec, run } }, slice);
    out.push(
      input.flows.map((f, gi) => {
        const g = groupResult(f, r.times, r.counts[gi]!, input.horizon);
        return [g.availability, g.maxOutageSeconds] as const;
      }),
    );
    progress?.(run - from + 1);
  }
  return out;
}
