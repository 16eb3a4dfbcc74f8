/**
 * The product against the reference simulator (packages/sim/test/reference), for every scenario
 * of `scenarios/`, flow counts capped: (1) `simulateSlice` counts equal the reference's at every
 * moment, and a sample of flows agree one by one (single-flow slices); (2) `runJob` with 1 and 2
 * workers, and its three shards summed, equal the reference; (3) `trace` gives the reference's
 * verdict, reason and hops (node and route) for a sample of (from, to) pairs at every moment.
 *
 * It lives in the top-level test/ because it loads scenario files (`@cloudroute/scenario` is to
 * the right of `@cloudroute/sim` in the layering, which package tests must respect).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '@cloudroute/scenario';
import { loadOrThrow, simInputOf } from './scenario-input.js';
import {
  foldTimeline,
  mergeParts,
  OUTCOMES,
  runJob,
  simulateSlice,
  trace,
  type PartDocument,
  type RunResult,
} from '@cloudroute/sim';
import { generateFlows, resolveGroup } from '../packages/sim/src/flows.js';
import { groupResult } from '../packages/sim/src/result.js';
import {
  referenceCounts,
  referenceMoments,
  referenceOutcomes,
  referenceTrace,
} from '../packages/sim/test/reference/index.js';

/** At most this many flows of each group are compared. */
const CAP = 300;
/** Flows of each group compared one by one (single-flow slices), and flows per group whose destination is traced. */
const SAMPLE = 12;
const TRACED = 2;

const files = readdirSync(new URL('../scenarios/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function load(file: string): Scenario {
  const path = `scenarios/${file}`;
  return loadOrThrow(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'), path);
}

/** The scenario with every group capped at CAP flows. */
function capped(sc: Scenario): Scenario {
  return { ...sc, flows: sc.flows.map((f) => ({ ...f, count: Math.min(f.count, CAP) })) };
}

const input = simInputOf;

/** Readable rows of counts: `t=<time> <outcome>=<n> …` per moment. */
function rows(times: readonly number[], counts: readonly number[]): string[] {
  return times.map((t, k) => {
    const parts = OUTCOMES.flatMap((o, i) => {
      const n = counts[k * OUTCOMES.length + i]!;
      return n ? [`${o}=${n}`] : [];
    });
    return `t=${t} ${parts.join(' ')}`;
  });
}

describe('the product against the reference simulator', () => {
  for (const file of files) {
    describe(file, () => {
      const sc = capped(load(file));
      const inp = input(sc);
      const slice = sc.flows.map((f) => [0, f.count] as const);

      it('simulateSlice counts equal the reference at every moment', () => {
        const ref = referenceCounts(inp, slice);
        const got = simulateSlice(inp, slice);
        expect(got.times).toEqual(ref.times);
        sc.flows.forEach((f, g) =>
          expect({ group: f.name, rows: rows(got.times, got.counts[g]!) }).toEqual({
            group: f.name,
            rows: rows(ref.times, ref.counts[g]!),
          }),
        );
      });

      it('a sample of flows agree one by one (single-flow slices)', () => {
        sc.flows.forEach((f, g) => {
          const ref = referenceOutcomes(inp, g, 0, Math.min(SAMPLE, f.count));
          const timeline = foldTimeline(inp);
          for (let i = 0; i < Math.min(SAMPLE, f.count); i++) {
            const one = sc.flows.map((_, h) => (h === g ? ([i, i + 1] as const) : ([0, 0] as const)));
            const got = simulateSlice(inp, one, timeline);
            const outcomes = got.times.map((_, k) =>
              OUTCOMES.find((_o, c) => got.counts[g]![k * OUTCOMES.length + c] === 1),
            );
            expect({ group: f.name, flow: i, outcomes }).toEqual({
              group: f.name,
              flow: i,
              outcomes: ref.map((row) => row[i]),
            });
          }
        });
      });

      it('runJob with 1 and 2 workers, and its shards k/3 summed, equal the reference', async () => {
        const ref = referenceCounts(inp, slice);
        const one = (await runJob(sc, { workers: 1 })) as RunResult;
        const two = (await runJob(sc, { workers: 2 })) as RunResult;
        expect(two).toEqual(one);
        // The exact coverage of one whole-run tracking (proven against enumeration in
        // exact-coverage.test.ts); workers and shards must not change it.
        const { coverage } = simulateSlice(inp, slice, undefined, { coverage: sc.flows.map(() => true) });
        expect(one.groups).toEqual(
          // With filters, a firewall outage names the rule with the most lost flow-seconds (filterLoss).
          sc.flows.map((f, g) =>
            groupResult(f, ref.times, ref.counts[g]!, sc.horizon, ref.filterLoss?.[g], coverage?.[g]),
          ),
        );
        const parts: { file: string; doc: PartDocument }[] = [];
        for (let k = 0; k < 3; k++)
          parts.push({
            file: `part${k}`,
            doc: (await runJob(sc, { workers: 1, shard: { k, n: 3 } })) as PartDocument,
          });
        const payloads = parts.map((p) => p.doc.payload as { times: number[]; counts: number[][] });
        const summed = sc.flows.map((_, g) =>
          ref.counts[g]!.map((_n, i) => payloads.reduce((acc, p) => acc + p.counts[g]![i]!, 0)),
        );
        expect(payloads[0]!.times).toEqual(ref.times);
        expect(summed).toEqual(ref.counts);
        expect(mergeParts(parts)).toEqual(one);
      });

      it('trace gives the reference verdict, reason and hops for a sample of (from, to) pairs at every moment', () => {
        const pairs = tracePairs(sc);
        for (const { time, state } of referenceMoments(inp))
          for (const [from, to] of pairs) {
            const got = trace(state, from, to);
            const ref = referenceTrace(state, from, to);
            expect({ time, from, to, ...shape(got) }).toEqual({ time, from, to, ...shape(ref) });
            // `firewall: rules`: the filter checks too (FILTERS.md "Output").
            expect({ time, from, to, filters: got.filters ?? [], filter: got.filter }).toEqual({
              time,
              from,
              to,
              filters: ref.checks,
              filter: ref.filter,
            });
          }
      });
    });
  }
});

interface Traced {
  readonly verdict: string;
  readonly reason?: string | undefined;
  readonly hops: readonly {
    readonly node: string;
    readonly route: { prefix: string; source: string; nextHopType: string; nextHopIp?: string } | null;
    readonly beat: readonly { prefix: string; source: string; nextHopType: string; nextHopIp?: string }[];
  }[];
}

/** What both traces are compared on: verdict, reason, each hop's table, route and beaten routes. */
function shape(t: Traced): Record<string, unknown> {
  const route = (r: {
    prefix: string;
    source: string;
    nextHopType: string;
    nextHopIp?: string;
  }): unknown => ({
    prefix: r.prefix,
    source: r.source,
    nextHopType: r.nextHopType,
    nextHopIp: r.nextHopIp,
  });
  return {
    verdict: t.verdict,
    reason: t.reason,
    hops: t.hops.map((h) => ({ node: h.node, route: h.route && route(h.route), beat: h.beat.map(route) })),
  };
}

/**
 * (from, to) pairs to trace: every group's source, and the first hosts and subnets of the
 * topology, towards the first destinations of every group, every host's address and an internet
 * address.
 */
function tracePairs(sc: Scenario): [string, string][] {
  const froms = new Set<string>(sc.flows.map((f) => f.from));
  const tos = new Set<string>(['8.8.8.8']);
  for (const n of sc.topology.networks) {
    for (const s of n.subnets.slice(0, 3)) froms.add(`${n.name}/${s.name}`);
    for (const h of n.hosts.slice(0, 3)) {
      froms.add(`${n.name}/${h.name}`);
      const ip = h.ip ?? h.ports?.[0]?.ip;
      if (ip !== undefined) tos.add(ip);
    }
  }
  sc.flows.forEach((f) => {
    const n = Math.min(TRACED, f.count);
    const src = new Uint32Array(n);
    const dst = new Uint32Array(n);
    generateFlows(resolveGroup(sc.topology, f), sc.seed, 0, n, src, dst);
    for (const d of dst) tos.add([d >>> 24, (d >>> 16) & 255, (d >>> 8) & 255, d & 255].join('.'));
  });
  return [...froms].flatMap((from) => [...tos].map((to): [string, string] => [from, to]));
}
