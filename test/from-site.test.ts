// Over 400 lines: the cases of one subject (from-site), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Traffic from on-premises (DESIGN.md "Flows." and "`trace`", added 2026-12), end to end, for
 * every lesson scenario with a site: traces from the site into the cloud and from the cloud to
 * the site, flow groups from the site (`run` availability), each expected verdict derived from
 * the rules and written out here, and the reference simulator's answers equal to the product's.
 *
 * The site's table (`site:<name>`) holds its cidrs, its static routes and what the cloud
 * advertised to it over BGP (only while a session is up) or, over a static connection, the
 * connection's cloud ranges; the gateway then takes the packet into the cloud (Azure: the
 * GatewaySubnet's table on the gateway's ingress; AWS: the VGW's table, the VPC's local route;
 * GCP: the network's routes at the VPN gateway).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOrThrow, simInputOf } from './scenario-input.js';
import { simulateSlice, stateAt, trace } from '@cloudroute/sim';
import { generateFlows, resolveGroup } from '../packages/sim/src/flows.js';
import { referenceCounts, referenceTrace } from '../packages/sim/test/reference/index.js';
import { cli } from './helpers.js';

interface TraceCase {
  readonly from: string;
  readonly to: string;
  readonly at: string;
  /** `delivered`, or the drop reason. */
  readonly verdict: string;
  /** The tables the packet was looked up in, in order (the crossings between them left out). */
  readonly lookups: readonly string[];
  /** The route hops[0] took (prefix and next hop type), null when none matched. */
  readonly first: string | null;
  /** Why, from the rules. */
  readonly why: string;
}

interface SiteGroup {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** `run` availability, from the rules. */
  readonly availability: number;
  readonly why: string;
}

interface Lesson {
  readonly file: string;
  readonly traces: readonly TraceCase[];
  readonly groups: readonly SiteGroup[];
}

const LESSONS: readonly Lesson[] = [
  {
    file: 'lesson-1-bgp-default-route.yaml',
    traces: [
      {
        from: 'dc1',
        to: '10.1.1.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:dc1', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: 'the Azure gateway advertises the VNet range over BGP; at the gateway the GatewaySubnet table delivers',
      },
      {
        from: '192.168.1.5',
        to: '10.1.1.10',
        at: '10m',
        verdict: 'delivered',
        lookups: ['site:dc1', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: "an address in dc1's cidrs starts at dc1; the site's own 0/0 advert changes only the cloud's tables",
      },
      {
        from: 'dc1',
        to: '10.2.1.10',
        at: '0s',
        verdict: 'no-route',
        lookups: ['site:dc1'],
        first: null,
        why: 'dc1 peers only with the Azure hub, which advertises its own range: no route to the VPC, no internet egress',
      },
      {
        from: 'dc2',
        to: '10.2.1.10',
        at: '40m',
        verdict: 'delivered',
        lookups: ['site:dc2', 'vpc/vgw1'],
        first: '10.2.0.0/16 connection',
        why: "the VGW advertises the VPC range; at the VGW the VPC's local route delivers",
      },
      {
        from: 'hub/web',
        to: '192.168.1.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['hub/web', 'hub/vng1', 'site:dc1'],
        first: '192.168.0.0/16 VirtualNetworkGateway',
        why: 'the reverse direction: the site range learned over BGP, delivered at the site',
      },
    ],
    groups: [
      { name: 'dc1-to-hub-web', from: 'dc1', to: '10.1.1.0/24', availability: 1, why: 'BGP up all along' },
      { name: 'dc2-to-vpc-web', from: 'dc2', to: '10.2.1.0/24', availability: 1, why: 'BGP up all along' },
      { name: 'dc1-to-vpc', from: 'dc1', to: '10.2.1.0/24', availability: 0, why: 'no route at dc1' },
    ],
  },
  {
    file: 'lesson-1-no-advert.yaml',
    traces: [
      {
        from: 'dc1',
        to: '10.1.1.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:dc1', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: 'as lesson 1',
      },
      {
        from: 'vpc/web',
        to: '172.16.0.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['vpc/web', 'vpc/vgw1', 'site:dc2'],
        first: '172.16.0.0/16 vgw',
        why: 'propagated from the VGW into private-rt (AWS-R27), delivered at dc2',
      },
    ],
    groups: [{ name: 'dc1-to-hub-web', from: 'dc1', to: '10.1.1.0/24', availability: 1, why: 'BGP up' }],
  },
  {
    file: 'lesson-2-local-route.yaml',
    traces: [
      {
        from: 'dc',
        to: '10.10.2.10',
        at: '30m',
        verdict: 'delivered',
        lookups: ['site:dc', 'vpc/vgw1'],
        first: '10.10.0.0/16 connection',
        why: "traffic entering by the VGW takes the VPC's local route (AWS-R5); app-rt's routes to the appliance apply only to the app and db subnets' own traffic",
      },
      {
        from: 'dc',
        to: '10.20.1.10',
        at: '0s',
        verdict: 'no-route',
        lookups: ['site:dc'],
        first: null,
        why: 'no connection to the Azure VNet',
      },
      {
        from: 'vpc/app',
        to: '192.168.0.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['vpc/app', 'vpc/vgw1', 'site:dc'],
        first: '192.168.0.0/16 vgw',
        why: 'the reverse direction: propagated (AWS-R27)',
      },
    ],
    groups: [
      { name: 'dc-to-db', from: 'dc', to: '10.10.2.0/24', availability: 1, why: 'the VPC local route' },
      { name: 'dc-to-azure', from: 'dc', to: '10.20.2.0/24', availability: 0, why: 'no route at dc' },
    ],
  },
  {
    file: 'lesson-5-vpn-gateway-recreate.yaml',
    traces: [
      {
        from: 'branch',
        to: '10.1.1.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:branch', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: "a static connection: the site routes the VNet's range into the tunnel",
      },
      {
        from: 'branch',
        to: '10.1.1.10',
        at: '20m',
        verdict: 'tunnel-down',
        lookups: ['site:branch'],
        first: '10.1.0.0/16 connection',
        why: 'the gateway is deleted and created again (AZ-R17): its tunnels are down while it provisions',
      },
      {
        from: 'branch',
        to: '10.1.1.10',
        at: '65m',
        verdict: 'delivered',
        lookups: ['site:branch', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: 'provisioned 45 minutes after the recreate',
      },
      {
        from: 'dc',
        to: '10.2.1.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:dc', 'vpc/vgw1'],
        first: '10.2.0.0/16 connection',
        why: "the VGW advertises the VPC range whatever the subnets' propagation (AWS-R27 is about the route tables)",
      },
      {
        from: 'vpc/app',
        to: '172.20.0.10',
        at: '0s',
        verdict: 'no-route',
        lookups: ['vpc/app'],
        first: null,
        why: 'the reverse direction waits for propagation on app-rt (AWS-R27), at 30m',
      },
    ],
    groups: [
      {
        name: 'branch-to-app',
        from: 'branch',
        to: '10.1.1.0/24',
        availability: (20 + 115) / 180,
        why: 'cut from the recreate at 20m until the gateway is provisioned at 65m',
      },
      {
        name: 'dc-to-app',
        from: 'dc',
        to: '10.2.1.0/24',
        availability: 1,
        why: 'the VGW advertises from the start',
      },
    ],
  },
  {
    file: 'lesson-6-active-active-bgp.yaml',
    traces: [
      {
        from: 'dc1',
        to: '10.1.1.10',
        at: '0s',
        verdict: 'no-route',
        lookups: ['site:dc1'],
        first: null,
        why: "no session is up: the site has no route to the gateway's BGP peer addresses, so it has learned nothing",
      },
      {
        from: 'dc1',
        to: '10.1.1.10',
        at: '20m',
        verdict: 'delivered',
        lookups: ['site:dc1', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: "a route to instance 0's peer address: its session comes up and the site learns the VNet range",
      },
      {
        from: '192.168.255.1',
        to: '10.1.1.10',
        at: '40m',
        verdict: 'no-route',
        lookups: ['site:dc1'],
        first: null,
        why: "tunnel 0 down, instance 1's peer address not routed yet: no session, the learned routes are withdrawn",
      },
      {
        from: 'dc1',
        to: '10.1.1.10',
        at: '50m',
        verdict: 'delivered',
        lookups: ['site:dc1', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: "instance 1's session is up",
      },
    ],
    groups: [
      {
        name: 'dc1-to-web',
        from: 'dc1',
        to: '10.1.1.0/24',
        availability: (20 + 70) / 120,
        why: 'delivered in [20m, 40m) and [50m, 2h)',
      },
    ],
  },
  {
    file: 'lesson-9-gcp-routing-order.yaml',
    traces: [
      {
        from: 'dc1',
        to: '10.20.0.11',
        at: '60m',
        verdict: 'delivered',
        lookups: ['site:dc1', 'corp/havpn1'],
        first: '10.20.0.0/24 connection',
        why: "the Cloud Router advertises its region's subnets (GCP-R18); the tag-scoped policy route applies to tagged VMs, not to traffic from a tunnel (GCP-R8), so the stopped firewall does not matter",
      },
      {
        from: 'dc1',
        to: '10.21.0.10',
        at: '0s',
        verdict: 'no-route',
        lookups: ['site:dc1'],
        first: null,
        why: 'regional dynamic routing: the us-central1 router does not advertise the us-east1 subnet (GCP-R16, GCP-R18)',
      },
      {
        from: 'dc1',
        to: '10.21.0.10',
        at: '80m',
        verdict: 'delivered',
        lookups: ['site:dc1', 'corp/havpn1'],
        first: '10.21.0.0/24 connection',
        why: 'global dynamic routing from 80m: every subnet is advertised',
      },
      {
        from: 'lab',
        to: '10.20.0.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:lab', 'corp/cvpn1'],
        first: '10.20.0.0/24 connection',
        why: 'Classic VPN, static: the site routes the network’s subnets into the tunnel',
      },
      {
        from: 'corp/vm1',
        to: '10.50.1.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['corp/app', 'site:dc1'],
        first: '10.50.0.0/16 bgp-peer',
        why: 'the reverse direction: the advertised 10.50.0.0/16 (MED 100)',
      },
    ],
    groups: [
      {
        name: 'dc1-to-app',
        from: 'dc1',
        to: '10.20.0.0/24',
        availability: 1,
        why: 'same region as the router',
      },
      {
        name: 'dc1-to-east',
        from: 'dc1',
        to: '10.21.0.0/24',
        availability: 40 / 120,
        why: 'advertised only once routing is global, at 80m',
      },
    ],
  },
  {
    file: 'cross-provider-same-design.yaml',
    traces: [
      {
        from: 'dc-aws',
        to: '10.1.2.10',
        at: '10m',
        verdict: 'delivered',
        lookups: ['site:dc-aws', 'aws/vgw1'],
        first: '10.1.0.0/16 connection',
        why: 'AWS: the VGW advertises the VPC range',
      },
      {
        from: 'dc-azure',
        to: '10.2.2.10',
        at: '10m',
        verdict: 'delivered',
        lookups: ['site:dc-azure', 'azure/GatewaySubnet'],
        first: '10.2.0.0/16 connection',
        why: 'Azure: the VNet range, then the GatewaySubnet table',
      },
      {
        from: 'dc-gcp',
        to: '10.3.2.10',
        at: '10m',
        verdict: 'delivered',
        lookups: ['site:dc-gcp', 'gcp/havpn1'],
        first: '10.3.2.0/24 connection',
        why: 'GCP: the Cloud Router advertises each subnet',
      },
      {
        from: 'dc-openstack',
        to: '10.4.2.10',
        at: '0s',
        verdict: 'no-route',
        lookups: ['site:dc-openstack'],
        first: null,
        why: 'no connection reaches the OpenStack site',
      },
      {
        from: 'azure/app',
        to: '192.168.2.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['azure/app', 'azure/vng1', 'site:dc-azure'],
        first: '192.168.2.0/24 VirtualNetworkGateway',
        why: 'the reverse direction',
      },
    ],
    groups: [
      { name: 'dc-aws-in', from: 'dc-aws', to: '10.1.2.0/24', availability: 1, why: 'BGP up' },
      { name: 'dc-azure-in', from: 'dc-azure', to: '10.2.2.0/24', availability: 1, why: 'BGP up' },
      { name: 'dc-gcp-in', from: 'dc-gcp', to: '10.3.2.0/24', availability: 1, why: 'BGP up' },
      {
        name: 'dc-openstack-in',
        from: 'dc-openstack',
        to: '10.4.2.0/24',
        availability: 0,
        why: 'no connection',
      },
    ],
  },
  {
    file: 'chaos-tunnel-flaps.yaml',
    traces: [
      {
        from: 'dc',
        to: '10.1.1.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:dc', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: 'BGP over the active-active gateway',
      },
      {
        from: 'dc',
        to: '192.168.50.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:dc', 'hub/GatewaySubnet', 'hub/vng1', 'site:branch'],
        first: '192.168.50.0/24 connection',
        why: "site to site through the hub: the gateway advertises the branch's range over BGP, then routes it to the branch's connection",
      },
    ],
    groups: [{ name: 'dc-to-app', from: 'dc', to: '10.1.1.0/24', availability: 1, why: 'no timeline' }],
  },
  {
    file: 'hub-and-spoke-gateway-transit.yaml',
    traces: [
      {
        from: 'dc1',
        to: '10.1.1.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:dc1', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: "gateway transit (AZ-R34..R37): the hub gateway advertises the spokes' ranges; GatewaySubnet's peering route delivers in spoke1",
      },
      {
        from: 'dc1',
        to: '10.1.1.10',
        at: '30m',
        verdict: 'no-route',
        lookups: ['site:dc1'],
        first: null,
        why: 'the hub gateway is recreated (AZ-R17): its BGP session is down and the site has withdrawn what it learned',
      },
      {
        from: 'dc1',
        to: '10.1.1.10',
        at: '75m',
        verdict: 'delivered',
        lookups: ['site:dc1', 'hub/GatewaySubnet'],
        first: '10.1.0.0/16 connection',
        why: 'provisioned 45 minutes later',
      },
      {
        from: 'dc1',
        to: '10.2.2.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:dc1', 'hub/GatewaySubnet'],
        first: '10.2.0.0/16 connection',
        why: 'inbound reaches the subnet that does not propagate gateway routes: its table decides only its own traffic',
      },
      {
        from: 'spoke2/isolated',
        to: '192.168.0.10',
        at: '0s',
        verdict: 'none-route',
        lookups: ['spoke2/isolated'],
        first: '192.168.0.0/16 None',
        why: 'the reverse direction: without gateway routes the default None route for 192.168.0.0/16 drops it',
      },
    ],
    groups: [
      {
        name: 'dc1-to-spoke1',
        from: 'dc1',
        to: '10.1.1.0/24',
        availability: (30 + 45) / 120,
        why: 'cut from the recreate at 30m until 75m',
      },
      {
        name: 'dc1-to-isolated',
        from: 'dc1',
        to: '10.2.2.0/24',
        availability: (30 + 45) / 120,
        why: 'inbound is delivered while the hub gateway is up',
      },
    ],
  },
  {
    file: 'udr-overview-example.yaml',
    traces: [
      {
        from: 'onprem',
        to: '10.0.1.10',
        at: '0s',
        verdict: 'delivered',
        lookups: ['site:onprem', 'vnet1/GatewaySubnet'],
        first: '10.0.0.0/16 connection',
        why: "a static connection to vnet1: the GatewaySubnet has no UDR, so the VNet route delivers (Subnet1's UDRs apply only to Subnet1's own traffic)",
      },
      {
        from: 'onprem',
        to: '10.1.0.10',
        at: '0s',
        verdict: 'no-route',
        lookups: ['site:onprem'],
        first: null,
        why: 'the peered vnet2 is not reachable from on-premises without gateway transit',
      },
    ],
    groups: [
      {
        name: 'onprem-to-subnet2',
        from: 'onprem',
        to: '10.0.1.0/24',
        availability: 1,
        why: 'static connection',
      },
      { name: 'onprem-to-vnet2', from: 'onprem', to: '10.1.0.0/24', availability: 0, why: 'no transit' },
    ],
  },
];

function text(file: string): string {
  return readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8');
}

/** The lesson's text with the site groups added at the top of `flows:`. */
function withGroups(file: string, groups: readonly SiteGroup[]): string {
  const lines = groups.map((g) => `  - { name: ${g.name}, from: ${g.from}, to: ${g.to}, count: 200 }\n`);
  const t = text(file);
  expect(t).toMatch(/^flows:\n/m);
  return t.replace(/^flows:\n/m, `flows:\n${lines.join('')}`);
}

const load = loadOrThrow;
const input = simInputOf;

function seconds(at: string): number {
  const m = /^(\d+)(s|m)$/.exec(at)!;
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
}

describe('traffic from on-premises, every lesson with a site', () => {
  for (const lesson of LESSONS) {
    describe(lesson.file, () => {
      it('traces from the site and to it: verdicts, the site table first, the cloud tables after', async () => {
        const path = `scenarios/${lesson.file}`;
        for (const c of lesson.traces) {
          const r = await cli(['trace', path, '--from', c.from, '--to', c.to, '--at', c.at, '--json']);
          expect({ ...c, code: r.code, stderr: r.stderr.includes('error') ? r.stderr : '' }).toMatchObject({
            code: 0,
            stderr: '',
          });
          const t = JSON.parse(r.stdout) as {
            verdict: string;
            reason?: string;
            hops: { node: string; route: { prefix: string; nextHopType: string } | null }[];
          };
          const got = {
            verdict: t.verdict === 'delivered' ? 'delivered' : t.reason,
            lookups: t.hops.filter((h, i) => i === 0 || h.route !== null).map((h) => h.node),
            first: t.hops[0]!.route ? `${t.hops[0]!.route.prefix} ${t.hops[0]!.route.nextHopType}` : null,
          };
          expect({ from: c.from, to: c.to, at: c.at, ...got }).toEqual({
            from: c.from,
            to: c.to,
            at: c.at,
            verdict: c.verdict,
            lookups: c.lookups,
            first: c.first,
          });
        }
      });

      it('the reference simulator gives the same verdicts and hops', () => {
        const sc = load(text(lesson.file), lesson.file);
        for (const c of lesson.traces) {
          const state = stateAt(input(sc), seconds(c.at));
          const p = trace(state, c.from, c.to);
          const r = referenceTrace(state, c.from, c.to);
          const view = (hops: readonly { node: string; route: { prefix: string } | null }[]): string[] =>
            hops.map((h) => `${h.node} ${h.route?.prefix ?? '-'}`);
          expect({ ...c, verdict: p.reason ?? p.verdict, hops: view(p.hops) }).toEqual({
            ...c,
            verdict: r.reason ?? r.verdict,
            hops: view(r.hops),
          });
        }
      });

      it('flow groups from the site: run availability as the rules say, counts equal the reference', async () => {
        const source = withGroups(lesson.file, lesson.groups);
        const path = `site-groups-${lesson.file}`;
        const r = await cli(['run', path, '--json'], { files: { [path]: source } });
        expect(r.stderr).not.toMatch(/error/);
        const run = JSON.parse(r.stdout) as { groups: { name: string; availability: number }[] };
        for (const g of lesson.groups) {
          const got = run.groups.find((x) => x.name === g.name);
          expect({ group: g.name, availability: got?.availability }).toEqual({
            group: g.name,
            availability: expect.closeTo(g.availability, 9) as unknown,
          });
        }
        const sc = load(source, path);
        const inp = input({
          ...sc,
          flows: sc.flows.filter((f) => lesson.groups.some((g) => g.name === f.name)),
        });
        const slice = inp.flows.map((f) => [0, f.count] as const);
        const ref = referenceCounts(inp, slice);
        const got = simulateSlice(inp, slice);
        expect(got.times).toEqual(ref.times);
        expect(got.counts).toEqual(ref.counts);
      });
    });
  }
});

describe('site sources', () => {
  const source = text('udr-overview-example.yaml')
    .replace('cidrs: [10.10.0.0/16] }', 'cidrs: [10.10.0.0/16, 10.11.0.0/30] }')
    .replace(/^flows:\n/m, 'flows:\n  - { name: from-onprem, from: onprem, to: 10.0.1.0/24, count: 4000 }\n');
  const sc = load(source, 'two-cidrs.yaml');
  const g = resolveGroup(
    sc.topology,
    sc.flows.find((f) => f.name === 'from-onprem')!,
  );

  function draw(seed: number, start: number, end: number): Uint32Array {
    const src = new Uint32Array(end - start);
    generateFlows(g, seed, start, end, src, new Uint32Array(end - start));
    return src;
  }

  it("are drawn from the site's cidrs, weighted by size, a pure function of seed, group and flow index", () => {
    const all = draw(1, 0, 4000);
    const in16 = [...all].filter((a) => a >>> 16 === ((10 << 8) | 10)).length;
    const in30 = [...all].filter((a) => a >>> 2 === ((10 << 24) | (11 << 16)) >>> 2).length;
    expect(in16 + in30).toBe(4000); // nothing outside the cidrs
    expect(in30).toBeLessThan(5); // 4 of 65,540 addresses
    expect(new Set(all).size).toBeGreaterThan(3800);
    // Any split (workers, shards) draws the same addresses; another seed others.
    expect([...draw(1, 0, 1234), ...draw(1, 1234, 4000)]).toEqual([...all]);
    expect([...draw(1, 3999, 4000)]).toEqual([all[3999]]);
    expect([...draw(2, 0, 4000)]).not.toEqual([...all]);
  });

  it('trace --from an address in a second cidr starts at the site', () => {
    const state = stateAt(input(sc), 0);
    const t = trace(state, '10.11.0.2', '10.0.1.10');
    expect(t.verdict).toBe('delivered');
    expect(t.hops[0]!.node).toBe('site:onprem');
  });
});

describe('bad site sources', () => {
  const base = text('lesson-1-bgp-default-route.yaml');

  it('a flow group from an unknown site is an error naming the sites', async () => {
    const bad = base.replace(
      /^flows:\n/m,
      'flows:\n  - { name: x, from: dc9, to: 10.1.1.0/24, count: 10 }\n',
    );
    const r = await cli(['validate', 'bad.yaml'], { files: { 'bad.yaml': bad } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+/);
    expect(r.stderr).toMatch(/dc9/);
    expect(r.stderr).toMatch(/dc1/);
  });

  it('a flow group from a site validates', async () => {
    const ok = base.replace(/^flows:\n/m, 'flows:\n  - { name: x, from: dc1, to: 10.1.1.0/24, count: 10 }\n');
    const r = await cli(['validate', 'ok.yaml'], { files: { 'ok.yaml': ok } });
    expect(r.code).toBe(0);
  });

  it('a flow group from a site without an IPv4 cidr is an error at its `from`, not a crash', async () => {
    const bad = base
      .replace('cidrs: [172.16.0.0/16]', 'cidrs: [fd00::/48]')
      .replace(/^flows:\n/m, 'flows:\n  - { name: x, from: dc2, to: 10.2.1.0/24, count: 10 }\n');
    for (const cmd of ['validate', 'run']) {
      const r = await cli([cmd, 'v6.yaml'], { files: { 'v6.yaml': bad } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/v6\.yaml:\d+:\d+: .*site `dc2` has no IPv4 cidr/);
      expect(r.stderr).not.toMatch(/RangeError|at .*\.js/);
    }
  });

  it('trace --from an address in no subnet or site says what to give, exit 2', async () => {
    const r = await cli([
      'trace',
      'scenarios/lesson-1-bgp-default-route.yaml',
      '--from',
      '8.8.8.8',
      '--to',
      '10.1.1.10',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from 8\.8\.8\.8: no subnet or site/);
  });
});
