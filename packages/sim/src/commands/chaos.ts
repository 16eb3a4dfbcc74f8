/**
 * `cloudroute chaos`: seeded repetitions of the horizon with the scenario's `chaos:` faults, and
 * the distribution of each group's availability and worst outage over them.
 */
import { chaosParallel, part } from '../parallel.js';
import { round9 } from '../result.js';
import { simSource, type SimScenario } from '../sim-scenario.js';
import { reportScenario, type JobOptions } from './job.js';
import { partDoc, type PartDocument } from './part.js';

/** The `chaos` document: per group, the distribution of availability and worst outage over the runs. */
export interface ChaosResult {
  /** The document's kind, for switching on results in memory; not printed (`toJson` leaves it out). */
  readonly kind: 'chaos';
  readonly scenario: string;
  readonly seed: number;
  readonly runs: number;
  readonly groups: readonly {
    readonly name: string;
    readonly availability: {
      readonly mean: number;
      readonly p50: number;
      readonly p5: number;
      readonly p1: number;
      readonly min: number;
    };
    readonly maxOutageSeconds: {
      readonly p50: number;
      readonly p95: number;
      readonly p99: number;
      readonly max: number;
    };
  }[];
}

/** Per run, per group: [availability, maxOutageSeconds]. */
type ChaosRuns = readonly (readonly (readonly [number, number])[])[];

/** `cloudroute chaos`: `runs` seeded repetitions of the horizon with the `chaos:` faults. */
export async function chaosJob(
  sc: SimScenario,
  runs: number,
  opts: JobOptions,
): Promise<ChaosResult | PartDocument> {
  const spec = sc.chaos ?? { runs, faults: [] };
  const [start, end] = opts.shard ? part(runs, opts.shard.k, opts.shard.n) : [0, runs];
  const out = await chaosParallel({ ...simSource(sc), spec }, start, end, opts.workers, opts.progress);
  const payload: ChaosPayload = {
    meta: { scenario: sc.name, seed: sc.seed, groups: sc.flows.map((f) => f.name) },
    runs,
    results: out,
  };
  return opts.shard
    ? partDoc('chaos', sc, opts.shard, { scenario: reportScenario(sc) }, payload, runs)
    : finishChaos(payload);
}

/** A chaos part: its runs' results per group. */
export interface ChaosPayload {
  readonly meta: { readonly scenario: string; readonly seed: number; readonly groups: readonly string[] };
  readonly runs: number;
  readonly results: ChaosRuns;
}

/** Nearest-rank percentile of sorted values. */
function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The chaos document from the results of every run. */
export function finishChaos(p: ChaosPayload): ChaosResult {
  const { results } = p;
  return {
    kind: 'chaos',
    scenario: p.meta.scenario,
    seed: p.meta.seed,
    runs: p.runs,
    groups: p.meta.groups.map((name, gi) => {
      const av = results.map((r) => r[gi]![0]).sort((x, y) => x - y);
      const mo = results.map((r) => r[gi]![1]).sort((x, y) => x - y);
      const mean = av.length ? av.reduce((a, x) => a + x, 0) / av.length : 1;
      return {
        name,
        availability: {
          mean: round9(mean),
          p50: pct(av, 50),
          p5: pct(av, 5),
          p1: pct(av, 1),
          min: av[0] ?? 1,
        },
        maxOutageSeconds: {
          p50: pct(mo, 50),
          p95: pct(mo, 95),
          p99: pct(mo, 99),
          max: mo[mo.length - 1] ?? 0,
        },
      };
    }),
  };
}
