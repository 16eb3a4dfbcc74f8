/**
 * Worker-thread entry: simulates one slice of the flows and posts the counts back.
 * Each worker replays the timeline itself: the fold is deterministic, so every worker sees the
 * same states, and simulates its part of the flows or its stretch of the timeline. A chaos job takes runs from a counter shared with the
 * other threads until none is left (chaos-pool.ts) and posts the runs it took.
 */
import { parentPort } from 'node:worker_threads';
import type { ChaosClaimJob } from './chaos-pool.js';
import { claimRuns } from './chaos-runs.js';
import type { Stretch } from './parallel.js';
import { simulateSlice, type SimInput, type Slice } from './simulate.js';

interface FlowJob {
  readonly input: SimInput;
  readonly slice: Slice;
  readonly histories: boolean;
  readonly coverage: readonly boolean[] | undefined;
  /** A share of the timeline (parallel.ts), or the whole. */
  readonly stretch: Stretch | undefined;
}

parentPort?.on('message', (job: FlowJob | ChaosClaimJob) => {
  if ('chaos' in job) {
    // At most a hundred progress messages per job: the main thread reads the shared count.
    const every = Math.max(1, Math.floor(job.total / 100));
    let mine = 0;
    const result = claimRuns(job.chaos, job.from, job.total, job.claim, () => {
      if (++mine % every === 0) parentPort?.postMessage({ progress: true });
    });
    parentPort?.postMessage({ result });
    return;
  }
  let last = 0;
  const r = simulateSlice(job.input, job.slice, undefined, {
    histories: job.histories,
    ...(job.coverage ? { coverage: job.coverage } : {}),
    ...(job.stretch ?? {}),
    progress: (fraction) => {
      // At most a hundred progress messages per job.
      if (fraction - last >= 0.01 || fraction === 1) {
        last = fraction;
        parentPort?.postMessage({ progress: fraction });
      }
    },
  });
  parentPort?.postMessage({ result: r });
});
