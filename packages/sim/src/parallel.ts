/**
 * Splitting a run over worker threads and shards. A group's flows [0, count) are cut into
 * contiguous ranges; every range draws the same flows it would in a whole run (flows.ts), and
 * counts add up, so the merged result is byte-identical for any number of workers or shards.
 * Worker threads of a class-engine run share out the timeline instead: a moment's counts depend on
 * its plane alone, so each thread's rows are the whole run's for its moments and 0 elsewhere. Two
 * threads take one stretch from both ends and meet where their speeds put them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { chaosPool } from './chaos-pool.js';
import type { ChaosInput, ChaosRunResult } from './chaos-runs.js';
import {
  foldTimeline,
  simulateSlice,
  timeSplittable,
  type SimInput,
  type Slice,
  type SliceResult,
  type Timeline,
} from './simulate.js';
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

/** A thread's share of a timeline split (simulate.ts `moments`, `direction`, `claim`). */
export interface Stretch {
  readonly moments: readonly [number, number];
  readonly direction: 1 | -1;
  readonly claim: Int32Array;
}

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
  // Exact coverage: each group's is held by one part of a split of flows or groups, or by every
  // part of a split of the timeline, each for its own moments (put in time order).
  const inTime = parts.every((p) => p.stretch)
    ? parts.slice().sort((a, b) => a.stretch![0] - b.stretch![0])
    : parts;
  const coverage = first.coverage
    ? first.coverage.map((_, g) => {
        const held = inTime.flatMap((p) => (p.coverage?.[g] ? [p.coverage[g]] : []));
        if (held.length <= 1) return held[0] ?? null;
        return { delivered: held.flatMap((c) => c.delivered), lost: held.flatMap((c) => c.lost) };
      })
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
  const histories = options.histories ?? false;
  const n = Math.max(1, Math.min(workers, Math.ceil(total / 20_000)));
  if (n === 1 || !existsSync(fileURLToPath(workerUrl))) {
    return simulateSlice(input, slice, options.timeline, {
      histories,
      ...(options.coverage ? { coverage: options.coverage } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    });
  }
  // Flows forwarded by class (classes.ts) cost per plane and per change, not per flow: each thread
  // takes a stretch of the timeline, so every moment's plane is compiled and walked by one thread
  // only (each stretch but the first pays one walk from scratch). The per-flow engine (histories,
  // `existingConnections: keep`) and short timelines split the flows instead: whole groups dealt
  // round-robin when there are enough, else a part of every group's flows.
  const timeline = timeSplittable(input, histories) ? (options.timeline ?? foldTimeline(input)) : undefined;
  const byTime = timeline !== undefined && timeline.moments.length >= 4 * n;
  const wholeGroups = !byTime && !histories && slice.length >= 2 * n;
  const jobs = Array.from({ length: n }, (_, k) =>
    byTime
      ? slice
      : wholeGroups
        ? slice.map((r, g) => (g % n === k ? r : ([0, 0] as const)))
        : subSlice(slice, k, n),
  );
  // Threads 2s and 2s + 1 take stretch s of the timeline from both ends, meeting where their
  // speeds put them (a thread that starts later, or meets dearer moments, takes fewer).
  const stretches = Math.ceil(n / 2);
  const claims = byTime
    ? Array.from({ length: stretches }, (_, s) => {
        const [a, b] = part(timeline.moments.length, s, stretches);
        const claim = new Int32Array(new SharedArrayBuffer(4));
        claim[0] = b - a;
        return claim;
      })
    : [];
  const momentsOf = (k: number): Stretch | undefined =>
    byTime
      ? {
          moments: part(timeline.moments.length, k >> 1, stretches),
          direction: k % 2 === 0 ? 1 : -1,
          claim: claims[k >> 1]!,
        }
      : undefined;
  // Exact coverage costs per group, not per flow: the covered groups are dealt round-robin.
  const covered = options.coverage;
  const coverageOf = (k: number): readonly boolean[] | undefined => {
    if (!covered || byTime) return covered;
    if (wholeGroups) return covered.map((c, g) => c && g % n === k);
    let seen = 0;
    return covered.map((c) => c && seen++ % n === k);
  };
  const done = new Array<number>(n).fill(0);
  const report = (k: number, f: number): void => {
    done[k] = f;
    // A pair sharing a stretch does its moments between them: their fractions add up to 1.
    options.progress?.(done.reduce((a, x) => a + x, 0) / (byTime ? stretches : n));
  };
  // Jobs 1.. go to worker threads, started first; job 0 runs in this thread meanwhile (one input
  // copy fewer, and no thread idle).
  const others = jobs
    .slice(1)
    .map((slice, i) =>
      workerJob<SliceResult>(
        { input, slice, histories, coverage: coverageOf(i + 1), stretch: momentsOf(i + 1) },
        (f) => report(i + 1, f),
      ),
    );
  const cover = coverageOf(0);
  const stretch = momentsOf(0);
  const own = simulateSlice(input, jobs[0]!, options.timeline ?? timeline, {
    histories,
    ...(cover ? { coverage: cover } : {}),
    ...(stretch ?? {}),
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
