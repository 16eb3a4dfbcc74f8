/**
 * Product defects found by the reference simulator (packages/sim/test/reference/README.md lists
 * every disagreement and its settlement). Each case is a small scenario and the product's answer
 * the rules give; each failed before its fix.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, type Scenario } from '@cloudroute/scenario';
import {
  foldTimeline,
  OUTCOMES,
  simulateSlice,
  stateAt,
  trace,
  type FlowGroup,
  type SimInput,
} from '@cloudroute/sim';

function scenario(yaml: string): Scenario {
  const r = loadScenario(yaml, 'case.yaml');
  if (!r.scenario) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

/** What the simulator takes of a scenario (no chaos), with `flows`. */
function input(sc: Scenario, flows: readonly FlowGroup[] = sc.flows): SimInput {
  const { topology, profile, timeline, horizon, seed } = sc;
  return { topology, profile, timeline, horizon, seed, flows };
}

function at(sc: Scenario, t: number): ReturnType<typeof stateAt> {
  return stateAt(input(sc), t);
}

/** The nodes a trace went through, as one line. */
const path = (t: ReturnType<typeof trace>): string => t.hops.map((h) => h.node).join(' → ');

const TGW = (bgp: boolean): string => `
name: tgw-vpn
horizon: 1h
networks:
  - name: hubvpc
    provider: aws
    cidrs: [10.1.0.0/16]
    subnets: [ { name: a, cidr: 10.1.1.0/24, routeTable: rt } ]
    routeTables:
      - { name: rt, main: true, routes: [ { prefix: 192.168.0.0/16, nextHop: { type: tgw, gateway: tgw1 } } ] }
    gateways:
      - name: tgw1
        kind: tgw
        attachments:
          - { name: hub-att, network: hubvpc, routeTable: main, propagations: [main] }
          - { name: spoke-att, network: spokevpc, routeTable: main, propagations: [main] }
          - { name: vpn-att, connection: dc-vpn, routeTable: main, propagations: [main] }
        routeTables:
          - { name: main, routes: [ { prefix: 192.168.0.0/16, attachment: vpn-att } ] }
  - name: spokevpc
    provider: aws
    cidrs: [10.2.0.0/16]
    subnets: [ { name: b, cidr: 10.2.1.0/24, routeTable: rt } ]
    routeTables:
      - { name: rt, main: true, routes: [ { prefix: 192.168.0.0/16, nextHop: { type: tgw, gateway: hubvpc/tgw1 } } ] }
sites:
  - { name: dc, cidrs: [192.168.0.0/16], asn: 65001 }
connections:
  - { name: dc-vpn, between: [hubvpc/tgw1, dc], bgp: ${bgp} }
timeline:
  - { at: 10m, do: bgp.session.down, connection: dc-vpn }
  - { at: 20m, do: bgp.session.up, connection: dc-vpn }
  - { at: 30m, do: bgp.session.down, connection: dc-vpn, tunnel: 0 }
`;

describe('defects the reference simulator found', () => {
  it('AWS-R29: a VPC attached to a transit gateway reaches a site over the gateway’s VPN attachment', () => {
    const sc = scenario(TGW(true));
    const t = trace(at(sc, 0), 'spokevpc/b', '192.168.0.9');
    expect(t.verdict).toBe('delivered');
    expect(path(t)).toBe('spokevpc/b → hubvpc/tgw1#main → connection:dc-vpn → site:dc');
  });

  it('DESIGN "Timing": traffic uses only tunnels whose BGP session is up (session-down, active tunnels elsewhere)', () => {
    const sc = scenario(TGW(true));
    // Every session down, the tunnels up: a static route into the connection finds no usable tunnel.
    expect(trace(at(sc, 600), 'hubvpc/a', '192.168.0.9')).toMatchObject({
      verdict: 'dropped',
      reason: 'session-down',
    });
    // One session down, the other up: the other tunnel carries the traffic.
    expect(trace(at(sc, 1800), 'hubvpc/a', '192.168.0.9').verdict).toBe('delivered');
    // The run sees the change though the connection's tunnels never changed.
    const inp = input(sc, [{ name: 'hub-dc', from: 'hubvpc/a', to: 'dc', count: 10 }]);
    const r = simulateSlice(inp, [[0, 10]], foldTimeline(inp));
    expect(r.times).toEqual([0, 600, 1200, 1800]);
    const down = OUTCOMES.indexOf('session-down');
    expect(r.times.map((_, k) => r.counts[0]![k * OUTCOMES.length + down])).toEqual([0, 10, 0, 0]);
  });

  const GCP = `
name: gcp-cases
horizon: 1h
networks:
  - name: corp
    provider: gcp
    subnets:
      - { name: app, cidr: 10.10.0.0/24, region: us-central1, secondaryCidrs: [10.140.0.0/24] }
    hosts:
      - { name: vm1, subnet: app, ip: 10.10.0.10 }
    gateways:
      - { name: rtr1, kind: cloudRouter, region: us-central1, asn: 64514 }
      - { name: havpn1, kind: haVpn, region: us-central1, router: rtr1 }
  - name: other
    provider: gcp
    subnets: [ { name: o, cidr: 10.30.0.0/24, region: us-central1 } ]
sites:
  - { name: dc, cidrs: [10.50.0.0/16], asn: 65001 }
connections:
  - { name: dc-ha, between: [corp/havpn1, dc], bgp: true }
peerings:
  - { between: [corp, other], customRoutes: both }
`;

  it('GCP-R2(b): a subnet’s secondary range is delivered like its primary range', () => {
    const t = trace(at(scenario(GCP), 0), 'corp/vm1', '10.140.0.20');
    expect(t).toMatchObject({ verdict: 'delivered' });
    expect(t.hops[0]!.route).toMatchObject({ prefix: '10.140.0.0/24', source: 'SUBNET' });
  });

  it('GCP-R23: a dynamic route imported over a peering sends straight into the peer’s tunnel, with no lookup at its VPN gateway', () => {
    const t = trace(at(scenario(GCP), 0), 'other/o', '10.50.0.9');
    expect(t.verdict).toBe('delivered');
    expect(path(t)).toBe('other/o → connection:dc-ha → site:dc');
  });

  it('GCP-R10: a trace hop shows the ECMP member the flow took, and the route it tied with among those it beat', () => {
    const sc = scenario(`
name: gcp-ecmp
horizon: 1h
networks:
  - name: corp
    provider: gcp
    subnets: [ { name: app, cidr: 10.20.0.0/24, region: us-central1 } ]
    routes:
      - { name: to-fwa, prefix: 10.50.0.0/16, tags: [client], nextHop: { type: instance, host: fwa } }
      - { name: to-fwb, prefix: 10.50.0.0/16, tags: [client], nextHop: { type: instance, host: fwb } }
    hosts:
      - { name: client, subnet: app, ip: 10.20.0.10, tags: [client] }
      - { name: fwa, subnet: app, ip: 10.20.0.5, ipForwarding: true }
      - { name: fwb, subnet: app, ip: 10.20.0.6, ipForwarding: true }
`);
    const state = at(sc, 0);
    // Destinations whose flows take each member: the hop names the appliance the notes say forwards.
    const seen = new Set<string>();
    for (let d = 1; d < 40; d++) {
      const t = trace(state, 'corp/client', `10.50.1.${d}`);
      const first = t.hops[0]!;
      const forwarder = /corp\/(fw[ab]) forwards/.exec((first.notes ?? []).join(' '))![1]!;
      const ip = forwarder === 'fwa' ? '10.20.0.5' : '10.20.0.6';
      expect(first.route).toMatchObject({ prefix: '10.50.0.0/16', nextHopIp: ip });
      expect(first.beat.map((b) => b.nextHopIp)).toContain(ip === '10.20.0.5' ? '10.20.0.6' : '10.20.0.5');
      seen.add(forwarder);
    }
    expect(seen).toEqual(new Set(['fwa', 'fwb']));
  });
  it('FILTERS.md "Compatibility", OS-R11: a network’s own firewall mode overrides the top level for provider defaults (F6)', () => {
    const doc = (top: string, own: string): string => `
name: r
horizon: 1h
firewall: ${top}
networks:
  - name: os0
    provider: openstack
    firewall: ${own}
    subnets: [ { name: s, cidr: 10.10.1.0/24 } ]
    securityGroups: [ { name: web, rules: [ { direction: egress } ] } ]
    hosts: [ { name: web1, subnet: s, ip: 10.10.1.10, securityGroups: [web] } ]
flows: [ { name: f, from: os0/s, to: 10.10.1.10/32, count: 1 } ]
`;
    // The network filters nothing of its own: delivered, whatever the top level says.
    const a = trace(at(scenario(doc('provider-default', 'none')), 0), 'os0/s', '10.10.1.10');
    expect(a.verdict).toBe('delivered');
    // The network applies OS-R11: web1 is not in `default`, whose ingress admits only members.
    const b = trace(at(scenario(doc('none', 'provider-default')), 0), 'os0/s', '10.10.1.10');
    expect([b.verdict, b.reason]).toEqual(['dropped', 'firewall']);
  });
});
