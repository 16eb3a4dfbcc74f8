/**
 * Worker-thread entry: simulates one slice of the flows and posts the counts back.
 * Each worker replays the timeline itself: the fold is deterministic, so every worker sees the
 * same states and only the flows differ.
 */
import { parentPort } from 'node:worker_threads';
import { chaosRuns, type ChaosInput } from './chaos-runs.js';
import { simulateSlice, type SimInput, type Slice } from './simulate.js';

interface FlowJob {
  readonly input: SimInput;
  readonly slice: Slice;
  readonly histories: boolean;
  readonly coverage: readonly boolean[] | undefined;
}

interface ChaosJob {
  readonly chaos: ChaosInput;
  readonly from: number;
  readonly to: number;
}

parentPort?.on('message', (job: FlowJob | ChaosJob) => {
  if ('chaos' in job) {
    const results = chaosRuns(job.chaos, job.from, job.to, (done) =>
      parentPort?.postMessage({ progress: done / (job.to - job.from) }),
    );
    parentPort?.postMessage({ result: results });
    return;
  }
  let last = 0;
  const r = simulateSlice(job.input, job.slice, undefined, {
    histories: job.histories,
    ...(job.coverage ? { coverage: job.coverage } : {}),
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
