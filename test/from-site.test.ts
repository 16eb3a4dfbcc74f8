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

/**
 * A trace case from its one-line form: `from → to at moment`, and what it must give: `verdict via
 * table > table…, first route <prefix> <next hop type>` (`first route none` when none matched).
 */
function traceCase(query: string, expected: string, why: string): TraceCase {
  const q = /^(\S+) → (\S+) at (\d+[sm])$/.exec(query);
  const e = /^(\S+) via (.+), first route (.+)$/.exec(expected);
  if (!q || !e) throw new Error(`not a trace case: ${query}: ${expected}`);
  const first = e[3]!;
  return {
    from: q[1]!,
    to: q[2]!,
    at: q[3]!,
    verdict: e[1]!,
    lookups: e[2]!.split(' > '),
    first: first === 'none' ? null : first,
    why,
  };
}

/** A flow group from the site from its one-line form `name: from → to`, and its `run` availability. */
function siteGroup(group: string, availability: number, why: string): SiteGroup {
  const g = /^(\S+): (\S+) → (\S+)$/.exec(group);
  if (!g) throw new Error(`not a site group: ${group}`);
  return { name: g[1]!, from: g[2]!, to: g[3]!, availability, why };
}

const LESSONS: readonly Lesson[] = [
  {
    file: 'lesson-1-bgp-default-route.yaml',
    traces: [
      traceCase(
        'dc1 → 10.1.1.10 at 0s',
        'delivered via site:dc1 > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        'the Azure gateway advertises the VNet range over BGP; at the gateway the GatewaySubnet table delivers',
      ),
      traceCase(
        '192.168.1.5 → 10.1.1.10 at 10m',
        'delivered via site:dc1 > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        "an address in dc1's cidrs starts at dc1; the site's own 0/0 advert changes only the cloud's tables",
      ),
      traceCase(
        'dc1 → 10.2.1.10 at 0s',
        'no-route via site:dc1, first route none',
        'dc1 peers only with the Azure hub, which advertises its own range: no route to the VPC, no internet egress',
      ),
      traceCase(
        'dc2 → 10.2.1.10 at 40m',
        'delivered via site:dc2 > vpc/vgw1, first route 10.2.0.0/16 connection',
        "the VGW advertises the VPC range; at the VGW the VPC's local route delivers",
      ),
      traceCase(
        'hub/web → 192.168.1.10 at 0s',
        'delivered via hub/web > hub/vng1 > site:dc1, first route 192.168.0.0/16 VirtualNetworkGateway',
        'the reverse direction: the site range learned over BGP, delivered at the site',
      ),
    ],
    groups: [
      siteGroup('dc1-to-hub-web: dc1 → 10.1.1.0/24', 1, 'BGP up all along'),
      siteGroup('dc2-to-vpc-web: dc2 → 10.2.1.0/24', 1, 'BGP up all along'),
      siteGroup('dc1-to-vpc: dc1 → 10.2.1.0/24', 0, 'no route at dc1'),
    ],
  },
  {
    file: 'lesson-1-no-advert.yaml',
    traces: [
      traceCase(
        'dc1 → 10.1.1.10 at 0s',
        'delivered via site:dc1 > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        'as lesson 1',
      ),
      traceCase(
        'vpc/web → 172.16.0.10 at 0s',
        'delivered via vpc/web > vpc/vgw1 > site:dc2, first route 172.16.0.0/16 vgw',
        'propagated from the VGW into private-rt (AWS-R27), delivered at dc2',
      ),
    ],
    groups: [siteGroup('dc1-to-hub-web: dc1 → 10.1.1.0/24', 1, 'BGP up')],
  },
  {
    file: 'lesson-2-local-route.yaml',
    traces: [
      traceCase(
        'dc → 10.10.2.10 at 30m',
        'delivered via site:dc > vpc/vgw1, first route 10.10.0.0/16 connection',
        "traffic entering by the VGW takes the VPC's local route (AWS-R5); app-rt's routes to the appliance apply only to the app and db subnets' own traffic",
      ),
      traceCase(
        'dc → 10.20.1.10 at 0s',
        'no-route via site:dc, first route none',
        'no connection to the Azure VNet',
      ),
      traceCase(
        'vpc/app → 192.168.0.10 at 0s',
        'delivered via vpc/app > vpc/vgw1 > site:dc, first route 192.168.0.0/16 vgw',
        'the reverse direction: propagated (AWS-R27)',
      ),
    ],
    groups: [
      siteGroup('dc-to-db: dc → 10.10.2.0/24', 1, 'the VPC local route'),
      siteGroup('dc-to-azure: dc → 10.20.2.0/24', 0, 'no route at dc'),
    ],
  },
  {
    file: 'lesson-5-vpn-gateway-recreate.yaml',
    traces: [
      traceCase(
        'branch → 10.1.1.10 at 0s',
        'delivered via site:branch > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        "a static connection: the site routes the VNet's range into the tunnel",
      ),
      traceCase(
        'branch → 10.1.1.10 at 20m',
        'tunnel-down via site:branch, first route 10.1.0.0/16 connection',
        'the gateway is deleted and created again (AZ-R17): its tunnels are down while it provisions',
      ),
      traceCase(
        'branch → 10.1.1.10 at 65m',
        'delivered via site:branch > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        'provisioned 45 minutes after the recreate',
      ),
      traceCase(
        'dc → 10.2.1.10 at 0s',
        'delivered via site:dc > vpc/vgw1, first route 10.2.0.0/16 connection',
        "the VGW advertises the VPC range whatever the subnets' propagation (AWS-R27 is about the route tables)",
      ),
      traceCase(
        'vpc/app → 172.20.0.10 at 0s',
        'no-route via vpc/app, first route none',
        'the reverse direction waits for propagation on app-rt (AWS-R27), at 30m',
      ),
    ],
    groups: [
      siteGroup(
        'branch-to-app: branch → 10.1.1.0/24',
        (20 + 115) / 180,
        'cut from the recreate at 20m until the gateway is provisioned at 65m',
      ),
      siteGroup('dc-to-app: dc → 10.2.1.0/24', 1, 'the VGW advertises from the start'),
    ],
  },
  {
    file: 'lesson-6-active-active-bgp.yaml',
    traces: [
      traceCase(
        'dc1 → 10.1.1.10 at 0s',
        'no-route via site:dc1, first route none',
        "no session is up: the site has no route to the gateway's BGP peer addresses, so it has learned nothing",
      ),
      traceCase(
        'dc1 → 10.1.1.10 at 20m',
        'delivered via site:dc1 > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        "a route to instance 0's peer address: its session comes up and the site learns the VNet range",
      ),
      traceCase(
        '192.168.255.1 → 10.1.1.10 at 40m',
        'no-route via site:dc1, first route none',
        "tunnel 0 down, instance 1's peer address not routed yet: no session, the learned routes are withdrawn",
      ),
      traceCase(
        'dc1 → 10.1.1.10 at 50m',
        'delivered via site:dc1 > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        "instance 1's session is up",
      ),
    ],
    groups: [
      siteGroup('dc1-to-web: dc1 → 10.1.1.0/24', (20 + 70) / 120, 'delivered in [20m, 40m) and [50m, 2h)'),
    ],
  },
  {
    file: 'lesson-9-gcp-routing-order.yaml',
    traces: [
      traceCase(
        'dc1 → 10.20.0.11 at 60m',
        'delivered via site:dc1 > corp/havpn1, first route 10.20.0.0/24 connection',
        "the Cloud Router advertises its region's subnets (GCP-R18); the tag-scoped policy route applies to tagged VMs, not to traffic from a tunnel (GCP-R8), so the stopped firewall does not matter",
      ),
      traceCase(
        'dc1 → 10.21.0.10 at 0s',
        'no-route via site:dc1, first route none',
        'regional dynamic routing: the us-central1 router does not advertise the us-east1 subnet (GCP-R16, GCP-R18)',
      ),
      traceCase(
        'dc1 → 10.21.0.10 at 80m',
        'delivered via site:dc1 > corp/havpn1, first route 10.21.0.0/24 connection',
        'global dynamic routing from 80m: every subnet is advertised',
      ),
      traceCase(
        'lab → 10.20.0.10 at 0s',
        'delivered via site:lab > corp/cvpn1, first route 10.20.0.0/24 connection',
        'Classic VPN, static: the site routes the network’s subnets into the tunnel',
      ),
      traceCase(
        'corp/vm1 → 10.50.1.10 at 0s',
        'delivered via corp/app > site:dc1, first route 10.50.0.0/16 bgp-peer',
        'the reverse direction: the advertised 10.50.0.0/16 (MED 100)',
      ),
    ],
    groups: [
      siteGroup('dc1-to-app: dc1 → 10.20.0.0/24', 1, 'same region as the router'),
      siteGroup(
        'dc1-to-east: dc1 → 10.21.0.0/24',
        40 / 120,
        'advertised only once routing is global, at 80m',
      ),
    ],
  },
  {
    file: 'cross-provider-same-design.yaml',
    traces: [
      traceCase(
        'dc-aws → 10.1.2.10 at 10m',
        'delivered via site:dc-aws > aws/vgw1, first route 10.1.0.0/16 connection',
        'AWS: the VGW advertises the VPC range',
      ),
      traceCase(
        'dc-azure → 10.2.2.10 at 10m',
        'delivered via site:dc-azure > azure/GatewaySubnet, first route 10.2.0.0/16 connection',
        'Azure: the VNet range, then the GatewaySubnet table',
      ),
      traceCase(
        'dc-gcp → 10.3.2.10 at 10m',
        'delivered via site:dc-gcp > gcp/havpn1, first route 10.3.2.0/24 connection',
        'GCP: the Cloud Router advertises each subnet',
      ),
      traceCase(
        'dc-openstack → 10.4.2.10 at 0s',
        'no-route via site:dc-openstack, first route none',
        'no connection reaches the OpenStack site',
      ),
      traceCase(
        'azure/app → 192.168.2.10 at 0s',
        'delivered via azure/app > azure/vng1 > site:dc-azure, first route 192.168.2.0/24 VirtualNetworkGateway',
        'the reverse direction',
      ),
    ],
    groups: [
      siteGroup('dc-aws-in: dc-aws → 10.1.2.0/24', 1, 'BGP up'),
      siteGroup('dc-azure-in: dc-azure → 10.2.2.0/24', 1, 'BGP up'),
      siteGroup('dc-gcp-in: dc-gcp → 10.3.2.0/24', 1, 'BGP up'),
      siteGroup('dc-openstack-in: dc-openstack → 10.4.2.0/24', 0, 'no connection'),
    ],
  },
  {
    file: 'chaos-tunnel-flaps.yaml',
    traces: [
      traceCase(
        'dc → 10.1.1.10 at 0s',
        'delivered via site:dc > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        'BGP over the active-active gateway',
      ),
      traceCase(
        'dc → 192.168.50.10 at 0s',
        'delivered via site:dc > hub/GatewaySubnet > hub/vng1 > site:branch, first route 192.168.50.0/24 connection',
        "site to site through the hub: the gateway advertises the branch's range over BGP, then routes it to the branch's connection",
      ),
    ],
    groups: [siteGroup('dc-to-app: dc → 10.1.1.0/24', 1, 'no timeline')],
  },
  {
    file: 'hub-and-spoke-gateway-transit.yaml',
    traces: [
      traceCase(
        'dc1 → 10.1.1.10 at 0s',
        'delivered via site:dc1 > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        "gateway transit (AZ-R34..R37): the hub gateway advertises the spokes' ranges; GatewaySubnet's peering route delivers in spoke1",
      ),
      traceCase(
        'dc1 → 10.1.1.10 at 30m',
        'no-route via site:dc1, first route none',
        'the hub gateway is recreated (AZ-R17): its BGP session is down and the site has withdrawn what it learned',
      ),
      traceCase(
        'dc1 → 10.1.1.10 at 75m',
        'delivered via site:dc1 > hub/GatewaySubnet, first route 10.1.0.0/16 connection',
        'provisioned 45 minutes later',
      ),
      traceCase(
        'dc1 → 10.2.2.10 at 0s',
        'delivered via site:dc1 > hub/GatewaySubnet, first route 10.2.0.0/16 connection',
        'inbound reaches the subnet that does not propagate gateway routes: its table decides only its own traffic',
      ),
      traceCase(
        'spoke2/isolated → 192.168.0.10 at 0s',
        'none-route via spoke2/isolated, first route 192.168.0.0/16 None',
        'the reverse direction: without gateway routes the default None route for 192.168.0.0/16 drops it',
      ),
    ],
    groups: [
      siteGroup(
        'dc1-to-spoke1: dc1 → 10.1.1.0/24',
        (30 + 45) / 120,
        'cut from the recreate at 30m until 75m',
      ),
      siteGroup(
        'dc1-to-isolated: dc1 → 10.2.2.0/24',
        (30 + 45) / 120,
        'inbound is delivered while the hub gateway is up',
      ),
    ],
  },
  {
    file: 'udr-overview-example.yaml',
    traces: [
      traceCase(
        'onprem → 10.0.1.10 at 0s',
        'delivered via site:onprem > vnet1/GatewaySubnet, first route 10.0.0.0/16 connection',
        "a static connection to vnet1: the GatewaySubnet has no UDR, so the VNet route delivers (Subnet1's UDRs apply only to Subnet1's own traffic)",
      ),
      traceCase(
        'onprem → 10.1.0.10 at 0s',
        'no-route via site:onprem, first route none',
        'the peered vnet2 is not reachable from on-premises without gateway transit',
      ),
    ],
    groups: [
      siteGroup('onprem-to-subnet2: onprem → 10.0.1.0/24', 1, 'static connection'),
      siteGroup('onprem-to-vnet2: onprem → 10.1.0.0/24', 0, 'no transit'),
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
