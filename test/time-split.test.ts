/**
 * Stretches of the timeline (issue 14, "Both cores"): with the class engine a moment's counts,
 * filter losses and exact coverage depend on that moment's plane alone, so worker threads each take
 * a stretch of moments (parallel.ts) and the merged stretches must equal the whole run exactly. The
 * oracle is the whole run in one call; stretches are cut at pinned and generated points, on every
 * shipped scenario, generated estates and generated scenarios of every provider mix. The CLI's
 * output is byte-identical for 1 and 2 workers on an estate large enough to be split.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simSource, simulateSlice, type SimInput } from '@cloudroute/sim';
import type { SliceResult } from '../packages/sim/src/simulate.js';
import { mergeSlices } from '../packages/sim/src/parallel.js';
import { foldTimeline, timeSplittable } from '../packages/sim/src/simulate.js';
import { FILTERED_MIXES, MIXES, scenarioArbitrary } from '../packages/sim/test/reference/arbitraries.js';
import { estate } from '../benchmarks/lib/estate.js';
import { toYaml } from '../benchmarks/lib/yaml-emit.js';
import { tempDir } from './helpers.js';
import { loadOrThrow, simInputOf, simScenarioOf } from './scenario-input.js';

/**
 * The whole run against the merged stretches [0, cuts[0]), [cuts[0], cuts[1]), … [last, K), every
 * other one walked from its end back; and against two walks of the whole timeline from both ends
 * that meet after `meet` moments (a shared claim, as two threads would share it).
 */
function stretchesAddUp(input: SimInput, cuts: readonly number[]): void {
  const timeline = foldTimeline(input);
  const K = timeline.moments.length;
  const slice = input.flows.map((g) => [0, g.count] as const);
  const coverage = input.flows.map(() => true);
  const whole = simulateSlice(input, slice, timeline, { coverage });
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < K), K];
  const parts = bounds.slice(1).map((to, i) =>
    simulateSlice(input, slice, timeline, {
      coverage,
      moments: [bounds[i]!, to] as const,
      direction: i % 2 === 0 ? 1 : -1,
    }),
  );
  // Later parts first: the merge puts them back in time order by their stretches.
  expectSame(mergeSlices(parts.reverse()), whole);
  const meet = Math.min(cuts[cuts.length >> 1] ?? 0, K);
  const claim = new Int32Array(new SharedArrayBuffer(4));
  claim[0] = meet;
  const forward = simulateSlice(input, slice, timeline, { coverage, moments: [0, K], direction: 1, claim });
  claim[0] = K - meet;
  const backward = simulateSlice(input, slice, timeline, { coverage, moments: [0, K], direction: -1, claim });
  expect(forward.stretch).toEqual([0, meet]);
  expect(backward.stretch).toEqual([meet, K]);
  expectSame(mergeSlices([backward, forward]), whole);
}

function expectSame(merged: SliceResult, whole: SliceResult): void {
  expect(merged.times).toEqual(whole.times);
  expect(merged.counts).toEqual(whole.counts);
  expect(merged.filterLoss).toEqual(whole.filterLoss);
  expect(merged.coverage).toEqual(whole.coverage);
}

describe('stretches of the timeline add up to the whole run (oracle: the whole run)', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
  for (const f of files)
    it(`scenarios/${f}`, () => {
      const input = simSource(
        simScenarioOf(loadOrThrow(readFileSync(`scenarios/${f}`, 'utf8'), f)),
      ) as SimInput;
      // AWS-R39, AZ-R29: under `existingConnections: keep` a flow's past decides; never split.
      if (!timeSplittable(input, false)) return;
      const K = foldTimeline(input).moments.length;
      stretchesAddUp(input, [Math.floor(K / 3), Math.floor((2 * K) / 3)]);
      // Every moment on its own.
      stretchesAddUp(
        input,
        Array.from({ length: K }, (_, k) => k),
      );
    });

  for (const [seed, sitePrefixes] of [
    [1, 300],
    [2, 300],
    [3, 300],
    // A patched site table: the stretch's first build is a full one, the whole run's a patch.
    [4, 25_000],
  ] as const)
    it(`generated estate ${seed}: a site table of ${sitePrefixes} prefixes`, () => {
      const e = estate({ networks: 10, sitePrefixes, flows: 4000, groups: 20, events: 20, seed });
      const input = simInputOf(loadOrThrow(JSON.stringify(e.doc), 'estate.json'));
      stretchesAddUp(input, [5, 6, 13, 20]);
    });

  const mixes = [...Object.values(MIXES), ...Object.values(FILTERED_MIXES)];
  mixes.forEach((mix, i) =>
    it(`generated scenarios: ${mix.label}`, () => {
      fc.assert(
        fc.property(scenarioArbitrary(mix), fc.array(fc.nat(12), { maxLength: 3 }), (doc, raw) => {
          const input = simInputOf(loadOrThrow(JSON.stringify(doc), `generated ${doc.name}.json`));
          if (!timeSplittable(input, false)) return;
          stretchesAddUp(
            input,
            [...new Set(raw)].sort((a, b) => a - b),
          );
        }),
        { seed: 9300 + i, numRuns: 10, endOnFailure: false },
      );
    }),
  );
});

describe('run --workers 2 takes stretches of the timeline', () => {
  it('prints byte for byte what --workers 1 prints (40,000 flows, 21 moments)', () => {
    const e = estate({ networks: 10, sitePrefixes: 300, flows: 40_000, groups: 20, events: 20, seed: 5 });
    const file = join(tempDir(), 'estate.yaml');
    writeFileSync(file, toYaml(e.doc));
    const bin = join(import.meta.dirname, '..', 'packages', 'cli', 'dist', 'bin.js');
    const run = (workers: string): string =>
      execFileSync(process.execPath, [bin, 'run', file, '--json', '--workers', workers], {
        encoding: 'utf8',
      });
    const one = run('1');
    expect(run('2')).toBe(one);
    expect(JSON.parse(one).groups.some((g: { outages: unknown[] }) => g.outages.length > 0)).toBe(true);
  }, 120_000);
});
