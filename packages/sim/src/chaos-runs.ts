/**
 * Chaos repetitions: each run replays the timeline with the run's seeded faults merged in
 * (engine `chaosActions(spec, horizon, seed, run)`) and measures every group. Runs are
 * independent, so worker threads and shards take contiguous ranges of them.
 */
import type { ChaosSpec } from '@cloudroute/engine';
import { groupResult } from './result.js';
import type { SimSource } from './sim-scenario.js';
import { simulateSlice } from './simulate.js';

/** The parts of a scenario a chaos run needs (plain data: it crosses to worker threads). */
export type ChaosInput = SimSource & { readonly spec: ChaosSpec };

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
