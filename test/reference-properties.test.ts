/**
 * Generated scenarios on all four providers against the reference simulator (issue 13):
 *
 * - `run`: per group and moment the outcome counts of `simulateSlice` equal the reference's, and
 *   so does the result of `runJob` with 1 and 2 workers and of k/n shards merged by `mergeParts`;
 *   flow by flow, single-flow slices give the reference's outcome at every moment;
 * - `trace`: for sampled flows and moments, the product's verdict, reason and hops (node, route
 *   chosen, routes beaten) are the reference's, and the verdict is the flow's outcome in `run`;
 * - `diff`: for what-if pairs, `changedFlows` per group is the reference's.
 *
 * The documents come from packages/sim/test/reference/arbitraries.ts and go through the product's own loader
 * (every one must be valid). Seeds are pinned; `CLOUDROUTE_DEEP=1` (`pnpm test:deep`) scales the
 * runs to more than 20,000 cases. The counts compared are printed at the end.
 */
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '@cloudroute/scenario';
import { loadOrThrow, simInputOf, simScenarioOf } from './scenario-input.js';
import {
  OUTCOMES,
  diffJob,
  foldTimeline,
  mergeParts,
  runJob,
  simulateSlice,
  stateAt,
  trace,
  type DiffResult,
  type PartDocument,
  type SimInput,
  type SimScenario,
  type TraceRoute,
} from '@cloudroute/sim';
import { generateFlows, resolveGroup } from '../packages/sim/src/flows.js';
import { runResult } from '../packages/sim/src/result.js';
import {
  FILTERED_MIXES,
  MIXES,
  scenarioArbitrary,
  variantArbitrary,
  type Mix,
  type ScenarioDoc,
} from '../packages/sim/test/reference/arbitraries.js';
import {
  referenceChangedFlows,
  referenceCounts,
  referenceOutcomes,
  referenceTrace,
  type RefRoute,
  type RefTraceOptions,
} from '../packages/sim/test/reference/index.js';
import { DEEP } from './deep.js';

/** Default: 7 mixes × 36 scenarios + 40 what-if pairs = 292 cases; deep: 70 times as many (20,440). */
const SCALE = DEEP ? 70 : 1;
const RUN_CASES = 36 * SCALE;
const DIFF_CASES = 40 * SCALE;
/** Filtered mixes (FILTERS.md): 7 × 5 scenarios + 6 what-if pairs by default. */
/** `CLOUDROUTE_FILTER_SCALE=n` scales the filtered cases alone (a longer run without the whole deep tier). */
const FILTER_SCALE = Number(process.env['CLOUDROUTE_FILTER_SCALE'] ?? '') || SCALE;
const FILTERED_CASES = 5 * FILTER_SCALE;
const FILTERED_DIFF_CASES = 6 * FILTER_SCALE;

/** Milliseconds spent loading, in the product and in the reference (printed, never asserted). */
const clock = { load: 0, product: 0, reference: 0 };
function timed<T>(k: keyof typeof clock, f: () => T): T {
  const t = performance.now();
  try {
    return f();
  } finally {
    clock[k] += performance.now() - t;
  }
}
async function timedAsync<T>(k: keyof typeof clock, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await f();
  } finally {
    clock[k] += performance.now() - t;
  }
}

const stats = {
  scenarios: 0,
  flows: 0,
  moments: 0,
  flowMoments: 0,
  singleFlows: 0,
  sharded: 0,
  traces: 0,
  diffs: 0,
  rejected: 0,
  filterChecks: 0,
};

/** Flow-moments per outcome, and refusals per rule id, over the scenarios compared. */
const outcomeTally = new Map<string, number>();
const rules = new Map<string, number>();
const tally = (m: ReadonlyMap<string, number>): string =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

afterAll(() => {
  console.log(
    `reference properties: ${stats.scenarios} scenarios, ${stats.flows} flows, ${stats.moments} moments, ` +
      `${stats.flowMoments} flow-moments compared in counts; ${stats.singleFlows} single flows; ` +
      `${stats.sharded} sharded runs; ` +
      `${stats.traces} traces (${stats.filterChecks} filter checks); ${stats.diffs} diff pairs; ${stats.rejected} rejected timeline changes; time: load ${Math.round(clock.load)} ms, ` +
      `product ${Math.round(clock.product)} ms, reference ${Math.round(clock.reference)} ms`,
  );
  console.log(`outcomes (flow-moments): ${tally(outcomeTally)}`);
  console.log(`rejected by rule: ${tally(rules)}`);
});

/** Loads a generated document with the product's loader; a generated document must be valid. */
function load(doc: ScenarioDoc): Scenario {
  return loadOrThrow(JSON.stringify(doc, null, 1), `generated ${doc.name}.json`);
}

const simScenario = simScenarioOf;
const simInput = simInputOf;

/** fast-check parameters: pinned seed, runs, and a short shrink. */
const params = (seed: number, numRuns: number): fc.Parameters<unknown> => ({
  seed,
  numRuns,
  endOnFailure: false,
});

/** The outcome per moment from a single-flow slice's counts. */
function singleOutcomes(counts: readonly number[], moments: number): string[] {
  return Array.from({ length: moments }, (_, k) => {
    const row = counts.slice(k * OUTCOMES.length, (k + 1) * OUTCOMES.length);
    const o = row.indexOf(1);
    return o < 0 ? `(none: ${row.join(',')})` : OUTCOMES[o]!;
  });
}

/** The flow of each group checked alone (`slice[g]`), and the reference's outcomes of it per moment. */
interface SingleFlows {
  readonly slice: readonly (readonly [number, number])[];
  readonly outcomes: ReadonlyMap<number, readonly string[]>;
}

interface Prepared {
  readonly sc: SimScenario;
  readonly input: SimInput;
  readonly timeline: ReturnType<typeof foldTimeline>;
}

function prepare(doc: ScenarioDoc): Prepared {
  const sc = simScenario(timed('load', () => load(doc)));
  const input = simInput(sc);
  return { sc, input, timeline: foldTimeline(input) };
}

/** The properties of `run` for one generated scenario. */
async function checkRun({ sc, input, timeline }: Prepared, pick: number): Promise<SingleFlows> {
  const K = timeline.moments.length;
  const full = sc.flows.map((f) => [0, f.count] as const);
  const product = timed('product', () => simulateSlice(input, full, timeline));
  const ref = timed('reference', () => referenceCounts(input));
  expect(product.times).toEqual(ref.times);
  sc.flows.forEach((f, g) =>
    expect({ group: f.name, counts: product.counts[g] }).toEqual({ group: f.name, counts: ref.counts[g] }),
  );
  // run, whole (1 and 2 workers) and sharded, is the result the reference's counts make, with the
  // exact coverage of one whole-run tracking (proven against enumeration in exact-coverage.test.ts):
  // splitting the run over workers and shards must not change it.
  const { coverage } = simulateSlice(input, full, timeline, { coverage: sc.flows.map(() => true) });
  const expected = runResult({
    scenario: sc.name,
    seed: sc.seed,
    horizon: sc.horizon,
    flows: sc.flows,
    expect: sc.expect,
    rejected: timeline.rejected,
    events: timeline.events,
    times: ref.times,
    counts: ref.counts,
    ...(ref.filterLoss ? { filterLoss: ref.filterLoss } : {}),
    ...(coverage ? { coverage } : {}),
  });
  expect(await timedAsync('product', () => runJob(sc, { workers: 1 }))).toEqual(expected);
  // With so few flows every worker count takes one thread; 2 workers and shards on a share of the cases.
  if (pick % 4 === 0) expect(await timedAsync('product', () => runJob(sc, { workers: 2 }))).toEqual(expected);
  if (pick % 3 === 0) {
    const n = 2 + (pick % 4);
    const parts: { file: string; doc: PartDocument }[] = [];
    for (let k = 0; k < n; k++)
      parts.push({
        file: `part-${k}.json`,
        doc: (await timedAsync('product', () => runJob(sc, { workers: 1, shard: { k, n } }))) as PartDocument,
      });
    expect(mergeParts(parts.reverse())).toEqual(expected);
    stats.sharded++;
  }
  // Flow by flow: one flow of every group in a single-flow slice against the reference's outcome
  // of that flow at every moment (the reference's counts of the same slice, and for one group its
  // `referenceOutcomes` too).
  const slice = sc.flows.map((f, g) => {
    const i = (pick * 7 + g * 13) % f.count;
    return [i, i + 1] as const;
  });
  const one = timed('product', () => simulateSlice(input, slice, timeline));
  const refOne = timed('reference', () => referenceCounts(input, slice));
  const outcomes = new Map<number, readonly string[]>();
  sc.flows.forEach((f, g) => {
    const [i] = slice[g]!;
    const want = singleOutcomes(refOne.counts[g]!, K);
    outcomes.set(g, want);
    expect({ group: f.name, flow: i, outcomes: singleOutcomes(one.counts[g]!, K) }).toEqual({
      group: f.name,
      flow: i,
      outcomes: want,
    });
    stats.singleFlows++;
  });
  const g = pick % sc.flows.length;
  const [i] = slice[g]!;
  const rows = timed('reference', () => referenceOutcomes(input, g, i, i + 1));
  expect(rows.map((row) => row[0])).toEqual(outcomes.get(g));
  stats.scenarios++;
  stats.moments += K;
  stats.rejected += timeline.rejected.length;
  for (const r of timeline.rejected) rules.set(r.rule, (rules.get(r.rule) ?? 0) + 1);
  for (const row of product.counts)
    row.forEach((c, x) => {
      const o = OUTCOMES[x % OUTCOMES.length]!;
      if (c > 0) outcomeTally.set(o, (outcomeTally.get(o) ?? 0) + c);
    });
  for (const f of sc.flows) {
    stats.flows += f.count;
    stats.flowMoments += f.count * K;
  }
  return { slice, outcomes };
}

const routeView = (r: TraceRoute | RefRoute): RefRoute => ({
  prefix: r.prefix,
  source: r.source,
  nextHopType: r.nextHopType,
  ...(r.nextHopIp !== undefined ? { nextHopIp: r.nextHopIp } : {}),
});

/** A hop as the product's and the reference's traces both give it. */
interface ViewedHop {
  readonly node: string;
  readonly route: TraceRoute | RefRoute | null;
  readonly beat: readonly (TraceRoute | RefRoute)[];
}

/** What the product's and the reference's traces must agree on: verdict, hops (route chosen, routes beaten), checks. */
function traceView(
  t: { verdict: string; reason?: string; hops: readonly ViewedHop[]; filter?: unknown },
  checks: readonly unknown[],
) {
  return {
    verdict: t.verdict,
    reason: t.reason,
    hops: t.hops.map((h) => ({
      node: h.node,
      route: h.route && routeView(h.route),
      beat: h.beat.map(routeView),
    })),
    filters: checks,
    filter: t.filter,
  };
}

/** `trace` for sampled flows of one generated scenario, at every moment. */
function checkTrace({ sc, input, timeline }: Prepared, pick: number, single: SingleFlows): void {
  sc.flows.forEach((f, g) => {
    if ((g + pick) % 2 === 1) return; // every other group
    const group = resolveGroup(sc.topology, f);
    const [i] = single.slice[g]!;
    const src = new Uint32Array(1);
    const dst = new Uint32Array(1);
    generateFlows(group, sc.seed, i, i + 1, src, dst);
    const ip = (a: number): string => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
    const from = group.source.host ?? ip(src[0]!);
    const to = ip(dst[0]!);
    // The flow's protocol and ports, as `trace --protocol --port --source-port` takes them.
    const options: RefTraceOptions = {
      ...(f.protocol !== undefined ? { protocol: f.protocol } : {}),
      ...(f.port !== undefined ? { port: f.port.lo + (i % (f.port.hi - f.port.lo + 1)) } : {}),
      ...(f.sourcePorts !== undefined ? { sourcePorts: f.sourcePorts } : {}),
    };
    const outcomes = single.outcomes.get(g)!;
    timeline.moments.forEach((m, k) => {
      // The last moment's state also comes through stateAt, as `cloudroute trace --at` takes it.
      const state = k === timeline.moments.length - 1 ? stateAt(input, m.time) : m.state;
      const p = timed('product', () => trace(state, from, to, options));
      const r = timed('reference', () => referenceTrace(m.state, from, to, options));
      const what = { group: f.name, flow: i, from, to, ...options, at: m.time };
      expect({ ...what, ...traceView(p, p.filters ?? []) }).toEqual({ ...what, ...traceView(r, r.checks) });
      stats.filterChecks += r.checks.length;
      // trace and run agree on the flow.
      expect({ ...what, outcome: p.reason ?? 'delivered' }).toEqual({ ...what, outcome: outcomes[k] });
      stats.traces++;
    });
  });
}

/** `diff` of a what-if pair: changed flows per group name. */
async function checkDiff(a: ScenarioDoc, b: ScenarioDoc): Promise<void> {
  const sa = simScenario(timed('load', () => load(a)));
  const sb = simScenario(timed('load', () => load(b)));
  const product = (await timedAsync('product', () => diffJob(sa, sb, { workers: 1 }))) as DiffResult;
  const ref = timed('reference', () => referenceChangedFlows(simInput(sa), simInput(sb)));
  expect(Object.fromEntries(product.groups.map((g) => [g.name, g.changedFlows]))).toEqual(
    Object.fromEntries(ref),
  );
  stats.diffs++;
}

/** The mixes by label, in the order of their seeds. */
const MIX_LABELS: readonly (readonly [string, keyof typeof MIXES])[] = [
  ['AWS', 'aws'],
  ['Azure', 'azure'],
  ['GCP', 'gcp'],
  ['OpenStack', 'openstack'],
  ['hybrid AWS + Azure + sites', 'hybrid'],
  ['GCP + OpenStack', 'gcpOpenstack'],
  ['all four providers', 'all'],
];

/** The mixes without filters (seeds 101–107) and with traffic filters (FILTERS.md; gen/filters.ts; 301–307). */
const RUN_TIERS: readonly (readonly [string, Record<keyof typeof MIXES, Mix>, number, number])[] = [
  ['', MIXES, 101, RUN_CASES],
  [' with traffic filters', FILTERED_MIXES, 301, FILTERED_CASES],
];

describe('generated scenarios against the reference simulator', () => {
  for (const [tier, mixes, firstSeed, cases] of RUN_TIERS)
    MIX_LABELS.forEach(([label, key], i) => {
      it(`run and trace equal the reference${tier} (${label})`, async () => {
        await fc.assert(
          fc.asyncProperty(scenarioArbitrary(mixes[key]), fc.nat(1000), async (doc, pick) => {
            const prepared = prepare(doc);
            checkTrace(prepared, pick, await checkRun(prepared, pick));
          }),
          params(firstSeed + i, cases),
        );
      }, 600_000);
    });

  it('diff with traffic filters: changed flows per group equal the reference (what-if pairs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(variantArbitrary(FILTERED_MIXES.hybrid), variantArbitrary(FILTERED_MIXES.all)),
        ({ a, b }) => checkDiff(a, b),
      ),
      params(202, FILTERED_DIFF_CASES),
    );
  }, 600_000);

  it('diff: changed flows per group equal the reference (what-if pairs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          variantArbitrary(MIXES.hybrid),
          variantArbitrary(MIXES.gcpOpenstack),
          variantArbitrary(MIXES.all),
        ),
        ({ a, b }) => checkDiff(a, b),
      ),
      params(201, DIFF_CASES),
    );
  }, 600_000);
});
