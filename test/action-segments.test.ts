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

/** The estate with its timeline replaced by tunnels going down one connection after another. */
function tunnelsDown(seed: number): ReturnType<typeof estate>['doc'] {
  const e = estate({ networks: 10, sitePrefixes: 25_000, flows: 1000, groups: 10, events: 2, seed });
  const doc = e.doc as { connections: { name: string }[]; timeline: unknown[] };
  doc.timeline = doc.connections
    .slice(0, 9)
    .map((c, i) => ({ at: `${i + 1}m`, do: 'tunnel.down', connection: c.name }));
  return e.doc;
}

describe('action segments of patched builds (oracle: computed from scratch)', () => {
  // Every moment; and every third only, as when no walk reaches the table for a while (cuts.ts
  // carryCuts: the segments then derive from the last asked for, over every prefix changed since).
  for (const [seed, every] of [
    [4, 1],
    [7, 3],
  ] as const)
    it(`generated estate ${seed}: a site table of 25,000 prefixes, asked every ${every} moment(s)`, () => {
      const e = estate({ networks: 10, sitePrefixes: 25_000, flows: 1000, groups: 10, events: 30, seed });
      const input = simInputOf(loadOrThrow(JSON.stringify(e.doc), 'estate.json'));
      const registry = new NodeRegistry();
      let patched = 0;
      let carried = 0;
      foldTimeline(input).moments.forEach(({ state }, k) => {
        const p = new ForwardingPlane(state, registry);
        const t = p.tables.findIndex((b) => b.lpmCount >= 20_000);
        expect(t).toBeGreaterThanOrEqual(0);
        const b = p.tables[t]!;
        if (b.patchedFrom) patched++;
        if (b.cutsFrom && b.cutsFrom.from !== b.patchedFrom) carried++;
        if (k % every === 0) expectAlike(actionCuts(p, t), segmentsFromScratch(p, t));
      });
      expect(patched).toBeGreaterThan(10);
      if (every > 1) expect(carried).toBeGreaterThan(3);
    });

  // Each patch changes other prefixes (the routes via one more connection): a derivation that
  // missed the prefixes of the builds it carried over would keep their old actions.
  it('tunnels down one connection after another, asked every third moment', () => {
    const input = simInputOf(loadOrThrow(JSON.stringify(tunnelsDown(8)), 'estate.json'));
    const registry = new NodeRegistry();
    let carried = 0;
    foldTimeline(input).moments.forEach(({ state }, k) => {
      const p = new ForwardingPlane(state, registry);
      const t = p.tables.findIndex((b) => b.lpmCount >= 20_000);
      const b = p.tables[t]!;
      if (b.cutsFrom && b.cutsFrom.from !== b.patchedFrom) carried++;
      if (k % 3 === 0) expectAlike(actionCuts(p, t), segmentsFromScratch(p, t));
    });
    expect(carried).toBeGreaterThan(3);
  });

  // routes.ts: a patched build's routes are written after its parent's, which the last plane left
  // in the pooled arrays; the oracle is a plane of a structured clone of the state (no memo, no pool).
  it('a patched site table resolves as in a plane built from nothing, at every cut', () => {
    const input = simInputOf(loadOrThrow(JSON.stringify(tunnelsDown(9)), 'estate.json'));
    const registry = new NodeRegistry();
    let checked = 0;
    foldTimeline(input).moments.forEach(({ state }) => {
      const p = new ForwardingPlane(state, registry);
      const t = p.tables.findIndex((b) => b.lpmCount >= 20_000);
      const fresh = new ForwardingPlane(structuredClone(state), new NodeRegistry());
      const u = fresh.tables.findIndex((b) => b.lpmCount >= 20_000);
      const act = (q: ForwardingPlane, x: number, addr: number): string => {
        const r = q.tables[x]!.lpm.lookup(addr);
        const i = q.tableBase[x]! + r;
        return r < 0 ? 'none' : `${q.routeKind[i]} ${q.routeTarget[i]} ${q.routeIp[i]} ${q.routeLen[i]}`;
      };
      for (const c of [0, ...segmentsFromScratch(fresh, u).cuts]) {
        expect(act(p, t, c)).toBe(act(fresh, u, c));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(1000);
  });

  // tables.ts twinOf: the subnets of a network that use one route table get one routes array from
  // the model, and one build core (lpm, resolved actions, cuts, segments) in the plane.
  it('subnets sharing a route table share a build core; every table still has its own segments and actions', () => {
    const e = estate({ networks: 12, sitePrefixes: 2_000, flows: 1000, groups: 10, events: 20, seed: 5 });
    const input = simInputOf(loadOrThrow(JSON.stringify(e.doc), 'estate.json'));
    const registry = new NodeRegistry();
    let twins = 0;
    foldTimeline(input).moments.forEach(({ state }) => {
      const p = new ForwardingPlane(state, registry);
      const first = new Map<object, number>();
      p.tables.forEach((b, t) => {
        expectAlike(actionCuts(p, t), segmentsFromScratch(p, t));
        const u = first.get(b.core);
        if (u === undefined) return void first.set(b.core, t);
        twins++;
        // Same routes, same network: the same lookups and resolved actions at both tables' places.
        expect(b.table.routes).toBe(p.tables[u]!.table.routes);
        expect(p.tableNet[t]).toBe(p.tableNet[u]);
        const n = p.tableBase[t + 1]! - p.tableBase[t]!;
        const at = (a: ArrayLike<number>, x: number): number[] =>
          Array.from({ length: n }, (_, i) => a[p.tableBase[x]! + i]!);
        for (const a of [p.routeKind, p.routeTarget, p.routeIp, p.routeLen])
          expect(at(a, t)).toEqual(at(a, u));
      });
    });
    expect(twins).toBeGreaterThan(20);
  });
});
