/**
 * A patched table build's action segments (plane/action-segments.ts) are derived from its parent's:
 * the parent's outside the prefixes the patch changed, computed again inside them. The oracle is
 * the computation from scratch over the build's own prefixes: at every moment of estates whose
 * large site table is patched at every change, the kept or derived segments must have the same
 * cuts and chosen routes, and action ids that name the same actions (a one-to-one renaming).
 */
import { describe, expect, it } from 'vitest';
import { ForwardingPlane, NodeRegistry } from '../packages/sim/src/plane/compile.js';
import { actionCuts, segmentsFromScratch, type ActionSegments } from '../packages/sim/src/plane/cuts.js';
import { foldTimeline } from '../packages/sim/src/simulate.js';
import { estate } from '../benchmarks/lib/estate.js';
import { loadOrThrow, simInputOf } from './scenario-input.js';

function expectAlike(got: ActionSegments, want: ActionSegments): void {
  expect(got.cuts).toEqual(want.cuts);
  expect(got.reps).toEqual(want.reps);
  expect(got.act === null).toBe(want.act === null);
  if (!got.act || !want.act) return;
  const forth = new Map<number, number>();
  const back = new Map<number, number>();
  let renamed = got.act.length === want.act.length;
  for (let s = 0; renamed && s < got.act.length; s++) {
    const a = got.act[s]!;
    const b = want.act[s]!;
    renamed = (forth.get(a) ?? b) === b && (back.get(b) ?? a) === a;
    forth.set(a, b);
    back.set(b, a);
  }
  expect(renamed).toBe(true);
}

describe('action segments of patched builds (oracle: computed from scratch)', () => {
  for (const seed of [4, 7])
    it(`generated estate ${seed}: a site table of 25,000 prefixes, every moment`, () => {
      const e = estate({ networks: 10, sitePrefixes: 25_000, flows: 1000, groups: 10, events: 30, seed });
      const input = simInputOf(loadOrThrow(JSON.stringify(e.doc), 'estate.json'));
      const registry = new NodeRegistry();
      let patched = 0;
      for (const { state } of foldTimeline(input).moments) {
        const p = new ForwardingPlane(state, registry);
        const t = p.tables.findIndex((b) => b.lpmCount >= 20_000);
        expect(t).toBeGreaterThanOrEqual(0);
        if (p.tables[t]!.patchedFrom) patched++;
        expectAlike(actionCuts(p, t), segmentsFromScratch(p, t));
      }
      expect(patched).toBeGreaterThan(10);
    });
});
