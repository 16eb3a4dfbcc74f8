/**
 * `cloudroute run`: the scenario's flows over its horizon, whole or as one shard's part.
 */
import { simulateParallel } from '../parallel.js';
import { runResult, type RunResult } from '../result.js';
import { simSource, type SimScenario } from '../sim-scenario.js';
import { foldTimeline, type Timeline } from '../simulate.js';
import type { Expectation, FlowGroup } from '../spec.js';
import { reportScenario, shardSlice, type Counts, type JobOptions } from './job.js';
import { partDoc, type PartDocument } from './part.js';

/** Everything `merge` needs to finish a run besides the counts. */
interface RunMeta {
  readonly scenario: string;
  readonly seed: number;
  readonly horizon: number;
  readonly flows: readonly FlowGroup[];
  readonly expect: readonly Expectation[];
  readonly rejected: Timeline['rejected'];
  readonly events: Timeline['events'];
}

/** A run's part: its counts and what `merge` needs to finish it. */
export interface RunPayload extends Counts {
  readonly meta: RunMeta;
}

/** `cloudroute run`: the whole result, or shard k/n's part. */
export async function runJob(sc: SimScenario, opts: JobOptions): Promise<RunResult | PartDocument> {
  const input = simSource(sc);
  // The events and refusals of the run, and the states for this thread's share (worker threads
  // replay the timeline themselves).
  const timeline: Timeline = foldTimeline(input);
  const { rejected, events } = timeline;
  const r = await simulateParallel(input, shardSlice(sc.flows, opts.shard), opts.workers, {
    timeline,
    ...(opts.progress ? { progress: opts.progress } : {}),
    // Shard k/n tracks the exact coverage of groups k, k + n, … (merge takes each from its part).
    coverage: sc.flows.map((_, gi) => !opts.shard || gi % opts.shard.n === opts.shard.k),
  });
  const meta: RunMeta = {
    scenario: sc.name,
    seed: sc.seed,
    horizon: sc.horizon,
    flows: sc.flows,
    expect: sc.expect,
    rejected,
    events,
  };
  const payload: RunPayload = {
    meta,
    times: r.times,
    counts: r.counts,
    ...(r.filterLoss ? { filterLoss: r.filterLoss } : {}),
    ...(r.coverage ? { coverage: r.coverage } : {}),
  };
  return opts.shard
    ? partDoc('run', sc, opts.shard, { scenario: reportScenario(sc) }, payload)
    : finishRun(payload);
}

/** The run document from a whole run's payload. */
export function finishRun(p: RunPayload): RunResult {
  return runResult({
    ...p.meta,
    times: p.times,
    counts: p.counts,
    ...(p.filterLoss ? { filterLoss: p.filterLoss } : {}),
    ...(p.coverage ? { coverage: p.coverage } : {}),
  });
}
