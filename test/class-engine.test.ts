/**
 * Classes, not flows (issue 14): `simulateSlice` forwards sampled flows by class (classes.ts) and
 * must count exactly what forwarding every flow one by one counts (flow-engine.ts, the oracle):
 * per group and moment the outcome counts, and per filter rule the flows it dropped. Checked on
 * every shipped scenario, on generated scenarios of every provider mix (with and without
 * `firewall: rules`), and on slices that cut groups at arbitrary flows. Seeds are pinned;
 * `CLOUDROUTE_DEEP=1` runs 120 scenarios per mix (1,680 in all; passed when written).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simSource, simulateSlice, type SimInput } from '@cloudroute/sim';
import { setMaskMinSegments } from '../packages/sim/src/plane/cuts.js';
import { foldTimeline } from '../packages/sim/src/simulate.js';
import { FILTERED_MIXES, MIXES, scenarioArbitrary } from '../packages/sim/test/reference/arbitraries.js';
import { estate } from '../benchmarks/lib/estate.js';
import { DEEP } from './deep.js';
import { loadOrThrow, simInputOf, simScenarioOf } from './scenario-input.js';

function bothEngines(input: SimInput, slice: readonly (readonly [number, number])[]): void {
  const timeline = foldTimeline(input);
  const byClass = simulateSlice(input, slice, timeline);
  const byFlow = simulateSlice(input, slice, timeline, { byFlow: true });
  expect(byClass.times).toEqual(byFlow.times);
  expect(byClass.counts).toEqual(byFlow.counts);
  expect(byClass.filterLoss).toEqual(byFlow.filterLoss);
}

// Span masks (span-mask.ts) split a walk at tables of at least 64 segments; at 2, every table
// with a choice splits, so the small generated scenarios take that path too.
it('exact coverage is the same with span masks as without (generated estates)', () => {
  for (const seed of [1, 2, 3]) {
    const e = estate({ networks: 10, sitePrefixes: 300, flows: 4000, groups: 20, events: 20, seed });
    const input = simInputOf(loadOrThrow(JSON.stringify(e.doc), 'estate.json'));
    const timeline = foldTimeline(input);
    const slice = input.flows.map((g) => [0, g.count] as const);
    const coverage = input.flows.map(() => true);
    try {
      setMaskMinSegments(2);
      const masked = simulateSlice(input, slice, timeline, { coverage });
      setMaskMinSegments(Number.POSITIVE_INFINITY);
      const plain = simulateSlice(input, slice, timeline, { coverage });
      expect(masked.counts).toEqual(plain.counts);
      expect(masked.coverage).toEqual(plain.coverage);
    } finally {
      setMaskMinSegments(64);
    }
  }
});

describe.each([64, 2])(
  'forwarding by class counts what forwarding every flow counts (oracle: the per-flow engine; masks split at %i segments)',
  (maskMin) => {
    beforeAll(() => setMaskMinSegments(maskMin));
    afterAll(() => setMaskMinSegments(64));
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
    for (const f of files)
      it(`scenarios/${f}`, () => {
        const sc = loadOrThrow(readFileSync(`scenarios/${f}`, 'utf8'), f);
        const input = simSource(simScenarioOf(sc)) as SimInput;
        bothEngines(
          input,
          input.flows.map((g) => [0, g.count] as const),
        );
        // A slice from the middle of each group (workers and shards cut groups like this).
        bothEngines(
          input,
          input.flows.map((g) => [Math.floor(g.count / 3), Math.floor((2 * g.count) / 3)] as const),
        );
      });

    // A site whose own table has hundreds of prefixes through its connections, a default route
    // advertised over BGP: the shape that splits masks (the benchmark estate, small).
    for (const seed of [1, 2, 3])
      it(`generated estate ${seed}: a site table of 300 prefixes, 20 touching events`, () => {
        const e = estate({ networks: 10, sitePrefixes: 300, flows: 4000, groups: 20, events: 20, seed });
        const input = simInputOf(loadOrThrow(JSON.stringify(e.doc), 'estate.json'));
        bothEngines(
          input,
          input.flows.map((g) => [0, g.count] as const),
        );
      });

    // A site table of at least INCREMENTAL_MIN routes: every moment patches it from the previous
    // build, so walks read segments built on the parent's cuts and kept per build (plane/cuts.ts).
    it('generated estate 4: a site table of 25,000 prefixes, patched at every change', () => {
      const e = estate({ networks: 10, sitePrefixes: 25_000, flows: 4000, groups: 20, events: 20, seed: 4 });
      const input = simInputOf(loadOrThrow(JSON.stringify(e.doc), 'estate.json'));
      bothEngines(
        input,
        input.flows.map((g) => [0, g.count] as const),
      );
    });

    const mixes = [...Object.values(MIXES), ...Object.values(FILTERED_MIXES)];
    mixes.forEach((mix, i) =>
      it(`generated scenarios: ${mix.label}`, () => {
        fc.assert(
          fc.property(scenarioArbitrary(mix), (doc) => {
            const sc = loadOrThrow(JSON.stringify(doc), `generated ${doc.name}.json`);
            const input = simInputOf(sc);
            bothEngines(
              input,
              input.flows.map((g) => [0, g.count] as const),
            );
          }),
          { seed: 9100 + i, numRuns: DEEP ? 120 : 12, endOnFailure: false },
        );
      }),
    );
  },
);
