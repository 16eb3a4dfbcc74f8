// Over 400 lines: run, diff and chaos share their shard, part and merge code here; one file per job is the next split (issue 15).
/**
 * The simulator's three jobs, `run`, `diff` and `chaos`, each either whole or as shard `k` of `n`
 * (a partial document that `merge` combines into exactly the whole one).
 */
import { createHash } from 'node:crypto';
import { chaosParallel, part, simulateParallel } from './parallel.js';
import { runResult, groupResult, round9, type RunResult } from './result.js';
import { mergeFilterLoss, type FilterLossRows } from './filter-loss.js';
import { simSource, type ReportScenario, type SimScenario } from './sim-scenario.js';
import { foldTimeline, type Slice, type Timeline } from './simulate.js';
import type { Expectation, FlowGroup } from './spec.js';
import type { GroupCoverage } from './coverage.js';

/** Shard `k` of `n` (0 ≤ k < n): a contiguous part of every group's flows, or of the chaos runs. */
export interface Shard {
  readonly k: number;
  readonly n: number;
}

/** How a job runs: worker threads, an optional shard, progress. */
export interface JobOptions {
  readonly workers: number;
  readonly shard?: Shard;
  /** Called with the fraction done (0..1) as the simulation advances. */
  readonly progress?: (fraction: number) => void;
}

/** The scenarios of a job as the report reads them (`other`: the B side of a diff). */
export interface ReportContext {
  readonly scenario: ReportScenario;
  readonly other?: ReportScenario;
}

/**
 * A shard's partial result; `merge` refuses parts whose `fingerprint`, `command` or `n` differ,
 * and a part whose content does not match its `checksum` (edited or damaged).
 */
export interface PartDocument {
  /** The document's kind in memory (as `cloudroute`); not printed (`toJson` leaves it out). */
  readonly kind: 'part';
  readonly cloudroute: 'part';
  readonly command: 'run' | 'diff' | 'chaos';
  readonly scenario: string;
  readonly seed: number;
  readonly fingerprint: string;
  readonly shard: Shard;
  /** What `merge --out` needs to write the report the unsharded command writes. */
  readonly report: ReportContext;
  readonly payload: unknown;
  /** SHA-256 (hex) of every other field, as `partChecksum` computes it. */
  readonly checksum: string;
}

/**
 * The checksum of a part: SHA-256 of its fields (all but `checksum`) as JSON, in a fixed order.
 * A part read back from its printed JSON gives the same text, so any edit of the file shows.
 */
export function partChecksum(doc: Omit<PartDocument, 'kind' | 'checksum'>): string {
  const text = JSON.stringify([
    doc.cloudroute,
    doc.command,
    doc.scenario,
    doc.seed,
    doc.fingerprint,
    doc.shard,
    doc.report,
    doc.payload,
  ]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function reportScenario(sc: SimScenario): ReportScenario {
  return sc.description === undefined ? { name: sc.name } : { name: sc.name, description: sc.description };
}

/** A stable fingerprint of everything that decides a result (scenario content and seed). */
export function fingerprint(...docs: readonly unknown[]): string {
  const text = JSON.stringify(docs);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

function fullSlice(flows: readonly FlowGroup[]): Slice {
  return flows.map((f) => [0, f.count] as const);
}

function shardSlice(flows: readonly FlowGroup[], shard: Shard | undefined): Slice {
  if (!shard) return fullSlice(flows);
  return flows.map((f) => part(f.count, shard.k, shard.n));
}

// ------------------------------------------------------------------------------------------------
// run

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

interface Counts {
  readonly times: readonly number[];
  readonly counts: readonly (readonly number[])[];
  /** `firewall: rules`: flows per deciding filter rule per interval (filter-loss.ts), when any. */
  readonly filterLoss?: readonly FilterLossRows[];
  /** DESIGN.md "Exact coverage" (run only): per group, from the one part that tracked it. */
  readonly coverage?: readonly (GroupCoverage | null)[];
}

interface RunPayload extends Counts {
  readonly meta: RunMeta;
}

/** `cloudroute run`: the whole result, or shard k/n's part. */
export async function runJob(sc: SimScenario, opts: JobOptions): Promise<RunResult | PartDocument> {
  const input = simSource(sc);
  // The events and refusals of the run; the states themselves are only kept for a
  // single-threaded run (worker threads replay the timeline themselves).
  let timeline: Timeline | undefined = foldTimeline(input);
  const { rejected, events } = timeline;
  if (opts.workers > 1) timeline = undefined;
  const r = await simulateParallel(input, shardSlice(sc.flows, opts.shard), opts.workers, {
    ...(timeline ? { timeline } : {}),
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

function finishRun(p: RunPayload): RunResult {
  return runResult({
    ...p.meta,
    times: p.times,
    counts: p.counts,
    ...(p.filterLoss ? { filterLoss: p.filterLoss } : {}),
    ...(p.coverage ? { coverage: p.coverage } : {}),
  });
}

function sumCounts(ps: readonly Counts[]): Counts {
  const first = ps[0]!;
  const filterLoss = mergeFilterLoss(
    ps.map((p) => p.filterLoss),
    first.counts.length,
  );
  return {
    times: first.times,
    counts: first.counts.map((row, g) => row.map((_, i) => ps.reduce((acc, p) => acc + p.counts[g]![i]!, 0))),
    ...(filterLoss ? { filterLoss } : {}),
    ...(first.coverage
      ? { coverage: first.coverage.map((_, g) => ps.find((p) => p.coverage?.[g])?.coverage?.[g] ?? null) }
      : {}),
  };
}

// ------------------------------------------------------------------------------------------------
// diff

/** One what-if's figures for a group in a diff. */
export interface DiffSide {
  readonly availability: number;
  readonly lostFlowSeconds: number;
}

/** The `diff` document: per group, both what-ifs' figures and the flows whose outcome changed. */
export interface DiffResult {
  /** The document's kind, for switching on results in memory; not printed (`toJson` leaves it out). */
  readonly kind: 'diff';
  readonly a: string;
  readonly b: string;
  readonly seed: number;
  readonly groups: readonly {
    readonly name: string;
    readonly a: DiffSide | null;
    readonly b: DiffSide | null;
    /** Flows whose outcome over time differs between the two what-ifs. */
    readonly changedFlows: number;
  }[];
}

interface DiffMeta {
  readonly name: string;
  readonly horizon: number;
  readonly flows: readonly FlowGroup[];
}

interface DiffPayload {
  readonly meta: { readonly a: DiffMeta; readonly b: DiffMeta; readonly seed: number };
  readonly a: Counts;
  readonly b: Counts;
  readonly changed: readonly number[];
}

function groupNames(a: DiffMeta, b: DiffMeta): string[] {
  const names = a.flows.map((f) => f.name);
  for (const f of b.flows) if (!names.includes(f.name)) names.push(f.name);
  return names;
}

/**
 * The slices of a diff's two sides. A flow is its group's name and its index, so both sides are
 * cut by the same index ranges: shard k of a group is part k of the larger of its two counts,
 * clamped to each side's own count. Flow i of A then always meets flow i of B, and a side's flows
 * beyond the other's count fall in the same shard as the unsharded diff sees them.
 */
function diffSlices(a: SimScenario, b: SimScenario, shard: Shard | undefined): [Slice, Slice] {
  if (!shard) return [fullSlice(a.flows), fullSlice(b.flows)];
  const cut = (own: readonly FlowGroup[], other: readonly FlowGroup[]): Slice =>
    own.map((f) => {
      const count = Math.max(f.count, other.find((g) => g.name === f.name)?.count ?? 0);
      const [s, e] = part(count, shard.k, shard.n);
      return [Math.min(s, f.count), Math.min(e, f.count)] as const;
    });
  return [cut(a.flows, b.flows), cut(b.flows, a.flows)];
}

/** `cloudroute diff`: both what-ifs over the same flows, and the flows whose outcome changed. */
export async function diffJob(
  a: SimScenario,
  b: SimScenario,
  opts: JobOptions,
): Promise<DiffResult | PartDocument> {
  const [sa, sb] = diffSlices(a, b, opts.shard);
  const [ra, rb] = [
    await simulateParallel(simSource(a), sa, opts.workers, { histories: true }),
    await simulateParallel(simSource(b), sb, opts.workers, { histories: true }),
  ];
  const changed = groupNames(a, b).map((name) => {
    const ia = a.flows.findIndex((f) => f.name === name);
    const ib = b.flows.findIndex((f) => f.name === name);
    const ha = ia >= 0 ? ra.histories![ia]! : new Uint32Array(0);
    const hb = ib >= 0 ? rb.histories![ib]! : new Uint32Array(0);
    let n = Math.abs(ha.length - hb.length);
    for (let i = 0, m = Math.min(ha.length, hb.length); i < m; i++) if (ha[i] !== hb[i]) n++;
    return n;
  });
  const meta = (sc: SimScenario): DiffMeta => ({ name: sc.name, horizon: sc.horizon, flows: sc.flows });
  const payload: DiffPayload = {
    meta: { a: meta(a), b: meta(b), seed: a.seed },
    a: { times: ra.times, counts: ra.counts },
    b: { times: rb.times, counts: rb.counts },
    changed,
  };
  return opts.shard
    ? partDoc('diff', a, opts.shard, { scenario: reportScenario(a), other: reportScenario(b) }, payload, b)
    : finishDiff(payload);
}

function finishDiff(p: DiffPayload): DiffResult {
  const { a, b } = p.meta;
  const side = (sc: DiffMeta, r: Counts, name: string): DiffSide | null => {
    const gi = sc.flows.findIndex((f) => f.name === name);
    if (gi < 0) return null;
    const g = groupResult(sc.flows[gi]!, r.times, r.counts[gi]!, sc.horizon);
    return { availability: g.availability, lostFlowSeconds: g.lostFlowSeconds };
  };
  return {
    kind: 'diff',
    a: a.name,
    b: b.name,
    seed: p.meta.seed,
    groups: groupNames(a, b).map((name, i) => ({
      name,
      a: side(a, p.a, name),
      b: side(b, p.b, name),
      changedFlows: p.changed[i] ?? 0,
    })),
  };
}

// ------------------------------------------------------------------------------------------------
// chaos

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

interface ChaosPayload {
  readonly meta: { readonly scenario: string; readonly seed: number; readonly groups: readonly string[] };
  readonly runs: number;
  readonly results: ChaosRuns;
}

/** Nearest-rank percentile of sorted values. */
function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function finishChaos(p: ChaosPayload): ChaosResult {
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

// ------------------------------------------------------------------------------------------------
// parts and merge

function partDoc(
  command: PartDocument['command'],
  sc: SimScenario,
  shard: Shard,
  report: ReportContext,
  payload: unknown,
  ...extra: unknown[]
): PartDocument {
  const { chaos, ...rest } = sc;
  const doc: Omit<PartDocument, 'kind' | 'checksum'> = {
    cloudroute: 'part',
    command,
    scenario: sc.name,
    seed: sc.seed,
    fingerprint: fingerprint(
      command,
      rest,
      chaos ?? null,
      shard.n,
      ...extra.map((e) => (typeof e === 'object' ? fingerprint(e) : e)),
    ),
    shard,
    report,
    payload,
  };
  return { kind: 'part', ...doc, checksum: partChecksum(doc) };
}

/** A whole job's result, as `run`, `diff`, `chaos` and `merge` print it. */
export type SimResult = RunResult | DiffResult | ChaosResult;

/** Parts that cannot be merged (another job, a missing or repeated shard, an edited part): bad input. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/**
 * Combines the parts of one sharded job into the document the unsharded job prints. Refuses a
 * part whose content does not match its checksum, parts of different jobs, a missing or repeated
 * shard, or a different shard count. The report context (`doc.report`) is the same in every part.
 */
export function mergeParts(
  parts: readonly { readonly file: string; readonly doc: PartDocument }[],
): SimResult {
  if (parts.length === 0) throw new MergeError('no parts given');
  const first = parts[0]!.doc;
  const seen = new Map<number, string>();
  for (const { file, doc } of parts) {
    if (doc.checksum !== partChecksum(doc))
      throw new MergeError(
        `${file}: the part does not match its checksum (it was edited, damaged or made by another version of cloudroute) — regenerate it with \`cloudroute ${doc.command} … --shard ${doc.shard.k}/${doc.shard.n}\``,
      );
    if (doc.shard.n !== first.shard.n)
      throw new MergeError(
        `${file}: shard ${doc.shard.k}/${doc.shard.n} is from a split into ${doc.shard.n}, not ${first.shard.n}`,
      );
    if (doc.command !== first.command || doc.fingerprint !== first.fingerprint)
      throw new MergeError(
        `${file}: belongs to another job (${doc.command} of ${doc.scenario}, seed ${doc.seed}) than ${parts[0]!.file} (${first.command} of ${first.scenario}, seed ${first.seed})`,
      );
    const dup = seen.get(doc.shard.k);
    if (dup !== undefined)
      throw new MergeError(`${file}: shard ${doc.shard.k}/${doc.shard.n} is repeated (also in ${dup})`);
    seen.set(doc.shard.k, file);
  }
  const missing = Array.from({ length: first.shard.n }, (_, k) => k).filter((k) => !seen.has(k));
  if (missing.length)
    throw new MergeError(
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${first.shard.n}`).join(', ')}`,
    );
  const ordered = [...parts].sort((x, y) => x.doc.shard.k - y.doc.shard.k).map((p) => p.doc.payload);
  switch (first.command) {
    case 'run': {
      const rs = ordered as RunPayload[];
      return finishRun({ meta: rs[0]!.meta, ...sumCounts(rs) });
    }
    case 'diff': {
      const ds = ordered as DiffPayload[];
      return finishDiff({
        meta: ds[0]!.meta,
        a: sumCounts(ds.map((d) => d.a)),
        b: sumCounts(ds.map((d) => d.b)),
        changed: ds[0]!.changed.map((_, g) => ds.reduce((acc, d) => acc + d.changed[g]!, 0)),
      });
    }
    case 'chaos': {
      const cs = ordered as ChaosPayload[];
      return finishChaos({ meta: cs[0]!.meta, runs: cs[0]!.runs, results: cs.flatMap((c) => c.results) });
    }
  }
}
