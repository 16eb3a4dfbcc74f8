/**
 * GCP-R10 ECMP in the data plane (PROVIDERS.md invariant 27, third clause): routes left after
 * priority share traffic by a hash of the flow; a flow keeps its route whatever the order the
 * routes were inserted in, and flows spread over every equal route.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState } from '@cloudroute/engine';
import { defaultProfile } from '@cloudroute/model';
import type { NetworkState, Route, Topology } from '@cloudroute/model';
import { ForwardingPlane, NodeRegistry } from '../src/plane/compile.js';
import { Walker } from '../src/plane/walk.js';
import { trace } from '../src/trace.js';
import { CORP_APP, CORP_APPLIANCES, CORP_CLIENT, network, topologyOf } from './fixtures.js';

fc.configureGlobal({ seed: 20261125, numRuns: 60 });

const APPLIANCES = CORP_APPLIANCES.map((h) => h.name);

/** Tagged routes apply to `client` only (GCP-R4), so the appliances forward without looping. */
const route = (name: string, host: string, priority = 1000): Route => ({
  name,
  prefix: '10.50.0.0/16',
  priority,
  tags: ['client'],
  nextHop: { type: 'instance', host },
});

const EQUAL: readonly Route[] = [
  route('to-fwa', 'fwa'),
  route('to-fwb', 'fwb'),
  route('backup', 'fwc', 2000),
];

function topo(routes: readonly Route[]): Topology {
  return topologyOf([
    network('corp', 'gcp', {
      subnets: [CORP_APP],
      hosts: [CORP_CLIENT, ...CORP_APPLIANCES],
      routes,
      policyRoutes: [],
    }),
  ]);
}

const state = (routes: readonly Route[]): NetworkState => initialState(topo(routes), defaultProfile);

/** For each flow (source, destination), the appliance it crossed ('' when none). */
function appliancesOf(s: NetworkState, flows: readonly (readonly [number, number])[]): string[] {
  const plane = new ForwardingPlane(s, new NodeRegistry());
  const walker = new Walker(plane);
  const client = plane.hostIndex.get('corp/client')!;
  const subnet = plane.hostSubnet[client]!;
  return flows.map(([src, dst]) => {
    walker.forward(subnet, client, dst, null, src);
    const keys = Array.from(walker.path.subarray(0, walker.pathLen)).map((n) => plane.registry.keys[n]!);
    return APPLIANCES.find((a) => keys.includes(`host:corp/${a}`)) ?? '';
  });
}

const flow = fc.tuple(
  fc.integer({ min: 0x0a140000, max: 0x0a14ffff }), // sources 10.20.0.0/16
  fc.integer({ min: 0x0a320000, max: 0x0a32ffff }), // destinations 10.50.0.0/16
);

describe('GCP ECMP (GCP-R10, invariant 27)', () => {
  it('invariant 27: the same flow takes the same equal route whatever the routes’ insertion order', () => {
    const reference = state(EQUAL);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...EQUAL], { minLength: EQUAL.length }),
        fc.array(flow, { minLength: 1, maxLength: 40 }),
        (order, flows) => {
          const got = appliancesOf(state(order), flows);
          expect(got).toEqual(appliancesOf(reference, flows));
          // Only the equal routes carry traffic; the priority-2000 route never does.
          for (const a of got) expect(['fwa', 'fwb']).toContain(a);
        },
      ),
    );
  });

  it('invariant 27: over many flows every equal route is used', () => {
    const flows = fc.sample(flow, { numRuns: 400, seed: 7 });
    const got = appliancesOf(state(EQUAL), flows);
    const fwa = got.filter((a) => a === 'fwa').length;
    const fwb = got.filter((a) => a === 'fwb').length;
    expect(fwa + fwb).toBe(flows.length);
    expect(Math.min(fwa, fwb)).toBeGreaterThan(flows.length / 4);
    // Three equal routes: all three are used.
    const three = appliancesOf(state([...EQUAL.slice(0, 2), route('to-fwc', 'fwc')]), flows);
    expect(new Set(three)).toEqual(new Set(['fwa', 'fwb', 'fwc']));
  });

  it('a single best route has no ECMP choice: the lower priority value takes every flow', () => {
    const flows = fc.sample(flow, { numRuns: 50, seed: 3 });
    const got = appliancesOf(state([route('to-fwa', 'fwa', 900), route('to-fwb', 'fwb')]), flows);
    expect(new Set(got)).toEqual(new Set(['fwa']));
  });

  it('trace says which ECMP member the flow took', () => {
    const t = trace(state(EQUAL), 'corp/client', '10.50.1.9');
    const notes = t.hops.flatMap((h) => h.notes ?? []);
    const ecmp = notes.find((n) => n.startsWith('ECMP: 2 equal routes for 10.50.0.0/16'));
    expect(ecmp).toMatch(/member [12] of 2, route to-fw[ab] via 10\.20\.0\.[56] \(GCP-R10\)/);
    const taken = /route (to-fw[ab])/.exec(ecmp ?? '')![1]!;
    expect(notes).toContain(`corp/${taken.slice(3)} forwards`);
  });
});
