/**
 * DESIGN.md "Exact coverage" (issue 14): `addressAvailability` and `lostRanges` come from classes
 * (packages/sim/src/coverage.ts). The oracle here forwards every (source, destination) address pair
 * of a group one by one at every moment of the timeline, with the same walker and no narrowing,
 * and the class computation must give the same delivered fraction and the same lost addresses.
 * Groups whose pairs are too many to enumerate, `to: internet`, and groups whose walk picks an
 * ECMP member or ILB backend by the flow hash (measured at sample points, not exact) are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '@cloudroute/scenario';
import { runJob, simSource, simulateSlice, type RunResult } from '@cloudroute/sim';
import { destinationDomain } from '../packages/sim/src/coverage.js';
import { flowPacket, resolveGroup } from '../packages/sim/src/flows.js';
import { foldTimeline, type SimInput } from '../packages/sim/src/simulate.js';
import { ForwardingPlane, NodeRegistry } from '../packages/sim/src/plane/compile.js';
import { Walker } from '../packages/sim/src/plane/walk.js';
import { DELIVERED, UNMODELLED } from '../packages/sim/src/plane/codes.js';
import { simScenarioOf } from './scenario-input.js';

const BUDGET = 150_000;
let moments = 0;

function scenarioFiles(): string[] {
  return readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `scenarios/${f}`);
}

function inPairs(pairs: readonly number[], x: number): boolean {
  for (let i = 0; i < pairs.length; i += 2) if (x >= pairs[i]! && x <= pairs[i + 1]!) return true;
  return false;
}

/** Every address of sorted pairs. */
function* addresses(pairs: readonly number[]): Generator<number> {
  for (let i = 0; i < pairs.length; i += 2) for (let a = pairs[i]!; a <= pairs[i + 1]!; a++) yield a;
}

describe('exact coverage equals forwarding every address (oracle: enumeration)', () => {
  for (const file of scenarioFiles()) {
    it(file, () => {
      const loaded = loadScenario(readFileSync(file, 'utf8'), file);
      const input = simSource(simScenarioOf(loaded.scenario!)) as SimInput;
      const timeline = foldTimeline(input);
      const slice = input.flows.map((f) => [0, f.count] as const);
      const r = simulateSlice(input, slice, timeline, { coverage: input.flows.map(() => true) });
      let checked = 0;
      input.flows.forEach((f, gi) => {
        const g = resolveGroup(input.topology, f);
        const pk = flowPacket(f, input.profile);
        if (g.internet || g.source.site) return;
        const dst = destinationDomain(g);
        let dn = 0;
        for (let i = 0; i < dst.length; i += 2) dn += dst[i + 1]! - dst[i]! + 1;
        const u = g.source.usable;
        if (dn * u.size > BUDGET) return;
        const cov = r.coverage![gi]!;
        let hashed = false;
        const got: number[] = [];
        timeline.moments.forEach((m, k) => {
          const plane = new ForwardingPlane(m.state, new NodeRegistry());
          const w = new Walker(plane);
          if (w.fw && pk.portSpan > 1) return;
          w.fw?.setPacket(pk.protocol, pk.sourceLo, pk.sourceHi, pk.portLo, pk.portHi);
          const srcSubnet = plane.subnetIndex.get(g.source.subnet) ?? -1;
          const fixedHost = g.source.host ? (plane.hostIndex.get(g.source.host) ?? -1) : -1;
          const byIp = srcSubnet >= 0 ? plane.hostByIp[plane.subnetNet[srcSubnet]!] : undefined;
          let good = 0;
          const lost = new Set<number>();
          for (let s = u.base; s < u.base + u.size; s++) {
            const host = fixedHost >= 0 ? fixedHost : (byIp?.get(s) ?? -1);
            for (const d of addresses(dst)) {
              w.narrow = true;
              w.spanLo = d;
              w.spanHi = d;
              w.hashed = false;
              const o = w.forward(srcSubnet, host, d, null, s, -1);
              w.narrow = false;
              hashed ||= w.hashed;
              if (o === DELIVERED) good++;
              else if (o !== UNMODELLED) lost.add(d);
            }
          }
          if (hashed) return;
          got.push(k);
          expect(cov.delivered[k], `${f.name} at moment ${k}`).toBeCloseTo(good / (dn * u.size), 12);
          for (const d of addresses(dst))
            expect(inPairs(cov.lost[k]!, d), `${f.name} at moment ${k}: ${d} lost`).toBe(lost.has(d));
        });
        checked += got.length;
      });
      moments += checked;
    });
  }
  it('checked classes against enumeration at some moments of the files above', () => {
    expect(moments).toBeGreaterThan(20);
  });
});

describe('exact coverage in the run document', () => {
  it('is the same for any number of workers and shards (byte-identical)', async () => {
    const file = 'scenarios/lesson-1-bgp-default-route.yaml';
    const sc = simScenarioOf(loadScenario(readFileSync(file, 'utf8'), file).scenario!);
    const one = (await runJob(sc, { workers: 1 })) as RunResult;
    const g = one.groups.find((x) => x.name === 'azure-web-internet')!;
    // AZ-R10: the on-prem default route takes the subnet's internet away for 30 of 120 minutes.
    expect(g.addressAvailability).toBe(0.75);
    expect(g.outages[0]!.lostRanges![0]).toBe('1.0.0.0/8');
    expect(g.outages[0]!.moreLostRanges).toBeGreaterThan(0);
    const two = await runJob(sc, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });
});
