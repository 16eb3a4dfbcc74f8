/**
 * Chaos repetitions: each run replays the timeline with the run's seeded faults merged in
 * (engine `chaosActions(spec, horizon, seed, run)`) and measures every group. Runs are
 * independent: a run's result depends on the input and its number only, so any thread may
 * compute any run and the results, put back in run order, are the same for any split.
 */
import type { ChaosSpec } from '@cloudroute/engine';
import { groupResult } from './result.js';
import type { SimSource } from './sim-scenario.js';
import { simulateSlice, type Slice } from './simulate.js';

/** The parts of a scenario a chaos run needs (plain data: it crosses to worker threads). */
export type ChaosInput = SimSource & { readonly spec: ChaosSpec };

/** Per run, per group: [availability, maxOutageSeconds]. */
export type ChaosRunResult = readonly (readonly [number, number])[];

/** Every group's whole range of flows: the same for every run, made once per thread. */
function wholeSlice(input: ChaosInput): Slice {
  return input.flows.map((f) => [0, f.count] as const);
}

/** Run number `run` of the chaos repetitions, in this thread. */
function chaosRun(input: ChaosInput, slice: Slice, run: number): ChaosRunResult {
  const { spec, ...rest } = input;
  const r = simulateSlice({ ...rest, chaos: { spec, run } }, slice);
  return input.flows.map((f, gi) => {
    const g = groupResult(f, r.times, r.counts[gi]!, input.horizon);
    return [g.availability, g.maxOutageSeconds] as const;
  });
}

/** Runs [from, to) one after another in this thread. */
export function chaosRuns(
  input: ChaosInput,
  from: number,
  to: number,
  progress?: (done: number) => void,
): ChaosRunResult[] {
  const out: ChaosRunResult[] = [];
  const slice = wholeSlice(input);
  for (let run = from; run < to; run++) {
    out.push(chaosRun(input, slice, run));
    progress?.(run - from + 1);
  }
  return out;
}

/**
 * The runs a thread took from a shared counter, and their results (`results[i]` is run
 * `from + taken[i]`).
 */
export interface ClaimedRuns {
  readonly taken: Int32Array;
  readonly results: ChaosRunResult[];
}

/**
 * Runs [from, from + total) shared between threads: `claim[0]` is the next run to take (offset from
 * `from`), `claim[1]` the runs finished by all threads. Each thread takes one run at a time with
 * `Atomics.add` until none is left, so a thread that starts late or runs slower simply takes fewer
 * (no imbalance, no messages per run). `ran` is called after each run this thread finished.
 */
export function claimRuns(
  input: ChaosInput,
  from: number,
  total: number,
  claim: Int32Array,
  ran?: (offset: number, result: ChaosRunResult) => void,
): ClaimedRuns {
  const slice = wholeSlice(input);
  const taken: number[] = [];
  const results: ChaosRunResult[] = [];
  for (;;) {
    const i = Atomics.add(claim, 0, 1);
    if (i >= total) break;
    const r = chaosRun(input, slice, from + i);
    taken.push(i);
    results.push(r);
    Atomics.add(claim, 1, 1);
    ran?.(i, r);
  }
  return { taken: Int32Array.from(taken), results };
}
