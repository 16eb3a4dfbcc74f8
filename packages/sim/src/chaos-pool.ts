/**
 * Chaos runs over threads (issue 14, "Both cores"). The calling thread works too: with `workers`
 * = n it starts n − 1 worker threads and takes runs itself meanwhile, so one worker's start-up
 * (loading the engine and the simulator, compiling them) is never waited for, and nothing is
 * waited for at all when the calling thread finishes every run before a worker is ready. Runs
 * are dealt one at a time from a shared counter (chaos-runs.ts `claimRuns`): a thread that starts
 * late or gets slower runs takes fewer, so all threads finish within one run of each other.
 * Results go back to run order, so the output is byte-identical for any number of threads.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  chaosRuns,
  claimRuns,
  type ChaosInput,
  type ChaosRunResult,
  type ClaimedRuns,
} from './chaos-runs.js';

const workerUrl = new URL('./worker.js', import.meta.url);

/** A chaos job for a worker thread (worker.ts): take runs from `claim` until none is left. */
export interface ChaosClaimJob {
  readonly chaos: ChaosInput;
  readonly from: number;
  readonly total: number;
  /** Int32Array over a SharedArrayBuffer: [next run to take, runs finished]. */
  readonly claim: Int32Array;
}

/** Options of {@link chaosPool}. */
export interface ChaosPoolOptions {
  readonly progress?: (fraction: number) => void;
  /**
   * Whether the calling thread takes runs too (default true). False leaves every run to the
   * worker threads (tests use it to check their results).
   */
  readonly inThread?: boolean;
}

/**
 * The worker's command line without module loader hooks (`--import`, `--require`, `--loader`):
 * the worker entry is compiled JavaScript, and the hooks a TypeScript runner installs for the main
 * thread would only slow every worker's start. Undefined (inherit) when there are none.
 */
function withoutLoaderHooks(): string[] | undefined {
  const hooks = ['--import', '--require', '-r', '--loader', '--experimental-loader'];
  const args = process.execArgv;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (hooks.includes(a)) i++;
    else if (!hooks.some((h) => a.startsWith(`${h}=`))) out.push(a);
  }
  return out.length === args.length ? undefined : out;
}

/** A worker thread on worker.js, without loader hooks when the command line allows it. */
function newWorker(): Worker {
  const execArgv = withoutLoaderHooks();
  if (execArgv) {
    try {
      return new Worker(workerUrl, { execArgv });
    } catch {
      // Options a worker cannot be given explicitly (V8 flags) are still inherited by default.
    }
  }
  return new Worker(workerUrl);
}

/** Starts a worker on a claim job; resolves with the runs it took. */
function startWorker(
  job: ChaosClaimJob,
  progress: () => void,
): { done: Promise<ClaimedRuns>; stop: () => void } {
  const w = newWorker();
  let settled = false;
  const done = new Promise<ClaimedRuns>((resolve, reject) => {
    w.on('message', (m: { progress?: true; result?: ClaimedRuns }) => {
      if (m.progress) progress();
      if (m.result) {
        settled = true;
        resolve(m.result);
        void w.terminate();
      }
    });
    w.once('error', (e) => {
      settled = true;
      reject(e);
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`chaos worker exited with code ${code} before its result`));
    });
  });
  w.postMessage(job);
  return {
    done,
    stop: () => {
      settled = true;
      void w.terminate();
    },
  };
}

/** Chaos runs [from, to) over up to `workers` threads (this one included), in run order. */
export async function chaosPool(
  input: ChaosInput,
  from: number,
  to: number,
  workers: number,
  options: ChaosPoolOptions = {},
): Promise<ChaosRunResult[]> {
  const { progress } = options;
  const total = to - from;
  const inThread = options.inThread ?? true;
  const n = Math.max(1, Math.min(workers, total));
  const compiled = existsSync(fileURLToPath(workerUrl));
  if ((n === 1 && inThread) || !compiled) {
    return chaosRuns(input, from, to, (done) => progress?.(done / Math.max(1, total)));
  }
  const claim = new Int32Array(new SharedArrayBuffer(8));
  const report = (): void => progress?.(Atomics.load(claim, 1) / total);
  const job: ChaosClaimJob = { chaos: input, from, total, claim };
  const pool = Array.from({ length: inThread ? n - 1 : n }, () => startWorker(job, report));
  const out = new Array<ChaosRunResult>(total);
  const place = (c: ClaimedRuns): void => c.taken.forEach((i, k) => (out[i] = c.results[k]!));
  // Worker errors surface when awaited below; until then they must not count as unhandled.
  const all = Promise.all(pool.map((p) => p.done));
  all.catch(() => undefined);
  let mine = 0;
  if (inThread) {
    try {
      mine = claimRuns(input, from, total, claim, (i, r) => {
        out[i] = r;
        report();
      }).taken.length;
    } catch (e) {
      for (const p of pool) p.stop();
      throw e;
    }
  }
  if (mine === total) {
    // Every run was taken here: the workers took none (and can take none), so they are not awaited.
    for (const p of pool) p.stop();
    return out;
  }
  for (const c of await all) place(c);
  report();
  return out;
}
