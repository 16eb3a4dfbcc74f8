/**
 * The compiled plane and the walker across a timeline: the simulator re-forwards only the flows
 * whose path crossed something that changed, so every kind of state the walk reads (OpenStack
 * ports and pairs, ILB backends, policy routes) must reach a node of the path. Checked against a
 * naive evaluation that forwards every flow at every moment.
 */
import { describe, expect, it } from 'vitest';
import type { TimelineAction } from '@cloudroute/engine';
import { defaultProfile } from '@cloudroute/model';
import { OUTCOME_COUNT, OUTCOMES } from '../src/plane/codes.js';
import { ForwardingPlane, NodeRegistry } from '../src/plane/compile.js';
import { Walker } from '../src/plane/walk.js';
import { foldTimeline, simulateSlice, type SimInput } from '../src/simulate.js';
import { generateFlows, resolveGroup } from '../src/flows.js';
import {
  appSub,
  CORP_APP,
  CORP_APPLIANCES,
  CORP_CLIENT,
  CORP_EAST,
  dataNetwork,
  fw1,
  network,
  topologyOf,
} from './fixtures.js';

const gcp = network('corp', 'gcp', {
  subnets: [CORP_APP, CORP_EAST],
  hosts: [CORP_CLIENT, ...CORP_APPLIANCES],
  gateways: [{ name: 'ilb', kind: 'ilb', region: 'us-central1', backends: ['fwa', 'fwb', 'fwc'] }],
  routes: [],
  policyRoutes: [
    {
      name: 'inspect',
      priority: 10,
      tags: ['client'],
      match: { dst: '10.21.0.0/24' },
      nextHop: { type: 'ilb', gateway: 'ilb' },
    },
  ],
});

const app = network('app', 'openstack', {
  subnets: [appSub()],
  hosts: [{ name: 'web1', subnet: 'app-sub', ip: '192.168.10.10' }, fw1()],
});

const topology = topologyOf([gcp, app, dataNetwork()]);

const timeline: TimelineAction[] = [
  // OpenStack: pairs off and on (egress-source), then the app port's pairs (ingress-destination, OVN).
  { at: 600, do: 'host.update', host: 'app/fw1', port: 'data/data-sub', set: { allowedAddressPairs: [] } },
  {
    at: 1200,
    do: 'host.update',
    host: 'app/fw1',
    port: 'data/data-sub',
    set: { allowedAddressPairs: [{ ip: '192.168.10.0/24' }] },
  },
  {
    at: 1800,
    do: 'host.update',
    host: 'app/fw1',
    port: 'app-sub',
    set: { allowedAddressPairs: [{ ip: '192.168.20.10' }] },
  },
  {
    at: 2400,
    do: 'host.update',
    host: 'app/fw1',
    port: 'app-sub',
    set: { allowedAddressPairs: [], portSecurity: false },
  },
  { at: 3000, do: 'subnet.update', subnet: 'app/app-sub', set: { hostRoutes: [] } },
  // GCP: backends stop and come back; the one that carries a flow is not always the one that changes.
  { at: 600, do: 'host.update', host: 'corp/fwb', set: { running: false } },
  { at: 1200, do: 'host.update', host: 'corp/fwa', set: { ipForwarding: false } },
  { at: 1800, do: 'host.update', host: 'corp/fwc', set: { running: false } },
  { at: 2400, do: 'host.update', host: 'corp/fwb', set: { running: true } },
  { at: 3000, do: 'host.update', host: 'corp/fwb', set: { running: false } },
];

const input: SimInput = {
  topology,
  profile: defaultProfile,
  timeline,
  horizon: 3600,
  seed: 11,
  flows: [
    { name: 'client-east', from: 'corp/client', to: '10.21.0.0/24', count: 400 },
    { name: 'web-db', from: 'app/app-sub', to: '192.168.20.0/24', count: 400 },
    { name: 'web1-db1', from: 'app/web1', to: '192.168.20.10/32', count: 50 },
    { name: 'db-web', from: 'data/data-sub', to: '192.168.10.0/24', count: 400 },
  ],
};

/** Every flow forwarded at every moment, no path interning. */
function naive(input: SimInput): number[][] {
  const { topology } = input;
  const tl = foldTimeline(input);
  const K = tl.moments.length;
  return input.flows.map((f) => {
    const g = resolveGroup(topology, f);
    const src = new Uint32Array(f.count);
    const dst = new Uint32Array(f.count);
    generateFlows(g, input.seed, 0, f.count, src, dst);
    const row = new Array<number>(K * OUTCOME_COUNT).fill(0);
    tl.moments.forEach((m, k) => {
      const plane = new ForwardingPlane(m.state, new NodeRegistry());
      const walker = new Walker(plane);
      const s = plane.subnetIndex.get(g.source.subnet) ?? -1;
      const fixed = g.source.host ? (plane.hostIndex.get(g.source.host) ?? -1) : -1;
      const byIp = plane.hostByIp[plane.subnetNet[s]!];
      for (let i = 0; i < f.count; i++) {
        const host = fixed >= 0 ? fixed : (byIp?.get(src[i]!) ?? -1);
        row[k * OUTCOME_COUNT + walker.forward(s, host, dst[i]!, null)]!++;
      }
    });
    return row;
  });
}

describe('forwarding plane over a timeline', () => {
  it('incremental re-forwarding equals forwarding every flow at every moment (ports, pairs, ILB backends)', () => {
    const r = simulateSlice(
      input,
      input.flows.map((f) => [0, f.count] as const),
    );
    expect(r.counts).toEqual(naive(input));
    // And the changes did change outcomes (the test is not vacuous).
    for (const row of r.counts) {
      const perMoment = [];
      for (let k = 0; k < r.times.length; k++)
        perMoment.push(row.slice(k * OUTCOME_COUNT, (k + 1) * OUTCOME_COUNT).join(','));
      expect(new Set(perMoment).size).toBeGreaterThan(1);
    }
  });

  it('a port change re-forwards layer-2 flows that met no table (OS-R1 with OS-R11 security groups)', () => {
    const fw: SimInput = {
      ...input,
      topology: {
        ...topology,
        firewall: 'provider-default',
        networks: topology.networks.map((n) =>
          n.name === 'app'
            ? {
                ...n,
                hosts: [...n.hosts, { name: 'web2', subnet: 'app-sub', ip: '192.168.10.20' }],
                // The engine refuses a host.update naming an undeclared group (not-found).
                securityGroups: [{ name: 'web', rules: [{ direction: 'egress' as const }] }],
              }
            : n,
        ),
      },
      timeline: [
        { at: 600, do: 'host.update', host: 'app/web2', set: { securityGroups: ['web'] } },
        { at: 1200, do: 'host.update', host: 'app/web2', set: { securityGroups: ['web', 'default'] } },
      ],
      flows: [{ name: 'web1-web2', from: 'app/web1', to: '192.168.10.20/32', count: 10 }],
    };
    const r = simulateSlice(fw, [[0, 10]]);
    expect(r.counts).toEqual(naive(fw));
    const firewall = OUTCOMES.indexOf('firewall');
    expect(r.times).toEqual([0, 600, 1200]);
    expect([0, 1, 2].map((k) => r.counts[0]![k * OUTCOME_COUNT + firewall])).toEqual([0, 10, 0]);
  });

  it('compiles per-port data: owners, port security, pairs as inclusive ranges', () => {
    const s = foldTimeline(input).moments[0]!.state;
    const p = new ForwardingPlane(s, new NodeRegistry());
    const fw = p.hostIndex.get('app/fw1')!;
    const owner = p.portOwner[fw]!;
    expect(p.ownerCount[owner]).toBe(2);
    const second = p.ownerFirst[owner]! + 1;
    expect(p.hostPath[second]).toBe('app/fw1');
    expect(p.subnetPath[p.hostSubnet[second]!]).toBe('data/data-sub');
    expect(p.portSecurity[fw]).toBe(1);
    expect([p.pairLo[p.pairStart[second]!], p.pairHi[p.pairStart[second]!]]).toEqual([
      0xc0a80a00, 0xc0a80aff,
    ]);
    // GCP: ILB backends and the policy route after the lpm routes of the client's table.
    const g = p.gwIndex.get('corp/ilb')!;
    expect(p.ilbStart[g + 1]! - p.ilbStart[g]!).toBe(3);
    const t = p.tableIndex.get('corp/client')!;
    expect(p.tableBase[t + 1]! - p.tableLpmEnd[t]!).toBe(1);
  });
});
