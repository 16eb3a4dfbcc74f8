/**
 * Splitting flows over worker threads and shards. A group's flows [0, count) are cut into
 * contiguous ranges; every range draws the same flows it would in a whole run (flows.ts), and
 * counts add up, so the merged result is byte-identical for any number of workers or shards.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { chaosPool } from './chaos-pool.js';
import type { ChaosInput, ChaosRunResult } from './chaos-runs.js';
import { simulateSlice, type SimInput, type Slice, type SliceResult, type Timeline } from './simulate.js';
import { mergeFilterLoss } from './filter-loss.js';

/** Part `k` of `n` of [0, count): balanced contiguous ranges (the first `count % n` get one more). */
export function part(count: number, k: number, n: number): readonly [number, number] {
  const q = Math.floor(count / n);
  const r = count % n;
  const start = k * q + Math.min(k, r);
  return [start, start + q + (k < r ? 1 : 0)];
}

/** Cuts every group's range `outer[g]` into `n` parts and returns part `k`. */
export function subSlice(outer: Slice, k: number, n: number): Slice {
  return outer.map(([s, e]) => {
    const [a, b] = part(e - s, k, n);
    return [s + a, s + b] as const;
  });
}

const workerUrl = new URL('./worker.js', import.meta.url);

/** Adds slice results (same timeline) together; histories are concatenated in slice order. */
export function mergeSlices(parts: readonly SliceResult[]): SliceResult {
  const first = parts[0]!;
  const counts = first.counts.map((row, g) => {
    const sum = row.slice();
    for (const p of parts.slice(1)) p.counts[g]!.forEach((v, i) => (sum[i]! += v));
    return sum;
  });
  const filterLoss = mergeFilterLoss(
    parts.map((p) => p.filterLoss),
    counts.length,
  );
  // Exact coverage: exactly one part holds each group's (the one with its flow 0).
  const coverage = first.coverage
    ? first.coverage.map((_, g) => parts.find((p) => p.coverage?.[g])?.coverage?.[g] ?? null)
    : undefined;
  const loss = { ...(filterLoss ? { filterLoss } : {}), ...(coverage ? { coverage } : {}) };
  if (!first.histories) return { times: first.times, counts, ...loss };
  const histories = first.histories.map((_, g) => {
    const all = parts.map((p) => p.histories![g]!);
    const out = new Uint32Array(all.reduce((a, h) => a + h.length, 0));
    let o = 0;
    for (const h of all) {
      out.set(h, o);
      o += h.length;
    }
    return out;
  });
  return { times: first.times, counts, histories, ...loss };
}

/**
 * Simulates `slice` with up to `workers` threads (1 = in this thread). Falls back to this thread
 * when the compiled worker is not available (running from sources in tests).
 */
export async function simulateParallel(
  input: SimInput,
  slice: Slice,
  workers: number,
  options: {
    readonly histories?: boolean;
    /** DESIGN.md "Exact coverage" (run only): per group, whether this call tracks its classes. */
    readonly coverage?: readonly boolean[];
    readonly timeline?: Timeline;
    readonly progress?: (fraction: number) => void;
  } = {},
): Promise<SliceResult> {
  const total = slice.reduce((a, [s, e]) => a + (e - s), 0);
  const n = Math.max(1, Math.min(workers, Math.ceil(total / 20_000)));
  if (n === 1 || !existsSync(fileURLToPath(workerUrl))) {
    return simulateSlice(input, slice, options.timeline, {
      histories: options.histories ?? false,
      ...(options.coverage ? { coverage: options.coverage } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    });
  }
  // Flows forwarded by class (classes.ts) cost per group, not per flow: with enough groups each
  // worker takes whole groups, dealt round-robin, so no class is walked twice. The per-flow engine
  // (histories) and runs of few groups cut every group's flows instead.
  const wholeGroups = options.histories !== true && slice.length >= 2 * n;
  const jobs = Array.from({ length: n }, (_, k) =>
    wholeGroups ? slice.map((r, g) => (g % n === k ? r : ([0, 0] as const))) : subSlice(slice, k, n),
  );
  // Exact coverage costs per group, not per flow: the covered groups are dealt round-robin.
  const covered = options.coverage;
  const coverageOf = (k: number): boolean[] | undefined => {
    if (!covered) return undefined;
    if (wholeGroups) return covered.map((c, g) => c && g % n === k);
    let seen = 0;
    return covered.map((c) => c && seen++ % n === k);
  };
  const done = new Array<number>(n).fill(0);
  const report = (k: number, f: number): void => {
    done[k] = f;
    options.progress?.(done.reduce((a, x) => a + x, 0) / n);
  };
  // Jobs 1.. go to worker threads, started first; job 0 runs in this thread meanwhile (one input
  // copy fewer, and no thread idle).
  const others = jobs
    .slice(1)
    .map((slice, i) =>
      workerJob<SliceResult>(
        { input, slice, histories: options.histories ?? false, coverage: coverageOf(i + 1) },
        (f) => report(i + 1, f),
      ),
    );
  const cover = coverageOf(0);
  const own = simulateSlice(input, jobs[0]!, options.timeline, {
    histories: options.histories ?? false,
    ...(cover ? { coverage: cover } : {}),
    progress: (f) => report(0, f),
  });
  return mergeSlices([own, ...(await Promise.all(others))]);
}

/** Runs a worker job and resolves with its result, reporting progress (0..1). */
function workerJob<T>(job: unknown, progress: (f: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w = new Worker(workerUrl);
    w.on('message', (m: { progress?: number; result?: T }) => {
      if (m.progress !== undefined) progress(m.progress);
      if (m.result !== undefined) {
        resolve(m.result);
        void w.terminate();
      }
    });
    w.once('error', reject);
    w.postMessage(job);
  });
}

/**
 * Chaos runs [from, to) over up to `workers` threads, this one included, in run order
 * (chaos-pool.ts: runs dealt one at a time from a shared counter).
 */
export function chaosParallel(
  input: ChaosInput,
  from: number,
  to: number,
  workers: number,
  progress?: (fraction: number) => void,
): Promise<ChaosRunResult[]> {
  return chaosPool(input, from, to, workers, progress ? { progress } : {});
}
