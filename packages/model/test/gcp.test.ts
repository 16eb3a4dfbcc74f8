/**
 * GCP routing (PROVIDERS.md 3.x) through the worked examples EX-GCP-1..6 and the rules they rest on.
 */
import { describe, expect, test } from 'vitest';
import { defaultProfile, effectiveRoutes, forwardingTables } from '@cloudroute/model';
import type { ForwardingTable, Network, NetworkState, Route, Topology } from '@cloudroute/model';
import { gcpHaVpn, network, site, stateOf, topology } from './fixtures.js';
import { ip4, lookup, tableById, wellFormed } from './oracle.js';

/** A static route to the VM `host` (next hop instance, GCP-R5) with its priority. */
const viaVm = (name: string, prefix: string, priority: number, host: string): Route => ({
  name,
  prefix,
  priority,
  nextHop: { type: 'instance', host },
});

const corp = (routes: Route[], extra: Partial<Network> = {}): Network =>
  network({
    name: 'corp',
    provider: 'gcp',
    subnets: [
      { name: 'app', cidr: '10.20.0.0/24', region: 'us-central1' },
      { name: 'eu', cidr: '10.30.0.0/24', region: 'europe-west1' },
    ],
    hosts: [
      { name: 'vm1', subnet: 'app', ip: '10.20.0.10' },
      { name: 'fw1', subnet: 'app', ip: '10.20.0.5', ipForwarding: true },
      { name: 'fw2', subnet: 'app', ip: '10.20.0.6', ipForwarding: true },
      { name: 'tagged', subnet: 'app', ip: '10.20.0.11', tags: ['egress-fw'] },
    ],
    routes,
    ...extra,
  });
const table = (s: NetworkState, id: string): ForwardingTable => tableById(forwardingTables(s), id);
const to = (t: ForwardingTable, ip: string) => lookup(t, ip4(ip));
const fw1 = { kind: 'appliance', ip: '10.20.0.5', host: 'corp/fw1' };
const fw2 = { kind: 'appliance', ip: '10.20.0.6', host: 'corp/fw2' };

describe('GCP routing order (GCP-R9)', () => {
  test('EX-GCP-1 (GCP-R9 step 4): the more specific route wins before priority', () => {
    const t = topology({
      networks: [
        corp([
          { prefix: '10.0.0.0/16', priority: 1000, nextHop: { type: 'instance', host: 'fw1' } },
          { prefix: '10.0.0.0/24', priority: 1100, nextHop: { type: 'instance', host: 'fw2' } },
        ]),
      ],
    });
    expect(to(table(stateOf(t), 'corp/app'), '10.0.0.50')?.action).toEqual(fw2);
  });

  test('EX-GCP-2 (GCP-R9 step 7, GCP-R10): the lower priority value wins; at a tie one next hop is chosen deterministically', () => {
    const mk = (p1: number, p2: number, reversed = false): ForwardingTable => {
      const rs: Route[] = [viaVm('a', '10.5.0.0/16', p1, 'fw2'), viaVm('b', '10.5.0.0/16', p2, 'fw1')];
      return table(stateOf(topology({ networks: [corp(reversed ? rs.reverse() : rs)] })), 'corp/app');
    };
    expect(to(mk(500, 1000), '10.5.1.1')?.action).toEqual(fw2);
    expect(to(mk(1000, 500), '10.5.1.1')?.action).toEqual(fw1);
    // Tie: the first by next-hop name (fw1 < fw2), whatever the order; the other stays ACTIVE (ECMP in GCP).
    for (const rev of [false, true]) {
      const tie = mk(1000, 1000, rev);
      expect(to(tie, '10.5.1.1')?.action).toEqual(fw1);
      expect(tie.routes.find((r) => r.name === 'a')).toMatchObject({
        state: 'ACTIVE',
        selected: false,
        rule: 'GCP-R10',
      });
    }
  });

  test('GCP-R10: routes equal in prefix and priority are ECMP members of the one selected route', () => {
    const rs: Route[] = [
      viaVm('a', '10.5.0.0/16', 1000, 'fw2'),
      viaVm('b', '10.5.0.0/16', 1000, 'fw1'),
      viaVm('c', '10.5.0.0/16', 1001, 'fw1'),
    ];
    for (const order of [rs, [...rs].reverse(), [rs[1]!, rs[2]!, rs[0]!]]) {
      const t = table(stateOf(topology({ networks: [corp(order)] })), 'corp/app');
      const mine = t.routes.filter((r) => r.prefix === '10.5.0.0/16');
      expect(mine.filter((r) => r.selected)).toHaveLength(1);
      // Members in next-hop-name order (fw1 before fw2), the selected route's own action first.
      expect(mine.find((r) => r.selected)).toMatchObject({ name: 'b', action: fw1, ecmp: [fw1, fw2] });
      const a = mine.find((r) => r.name === 'a')!;
      expect(a).toMatchObject({ state: 'ACTIVE', selected: false, rule: 'GCP-R10' });
      expect(a.ecmp).toBeUndefined();
      expect(mine.find((r) => r.name === 'c')).toMatchObject({ selected: false, rule: 'GCP-R9' });
    }
    // A single best route has no members.
    const single = table(stateOf(topology({ networks: [corp([rs[0]!, rs[2]!])] })), 'corp/app');
    expect(single.routes.find((r) => r.selected && r.prefix === '10.5.0.0/16')?.ecmp).toBeUndefined();
  });

  const dynamic = (med: number, extra: Partial<Network> = {}, advertised = true): Topology =>
    topology({
      networks: [
        corp([viaVm('lab', '10.50.0.0/16', 1000, 'fw1')], {
          gateways: gcpHaVpn('rtr1', 'havpn1'),
          ...extra,
        }),
      ],
      sites: [
        site({
          name: 'lab',
          cidrs: ['10.50.0.0/16'],
          asn: 65010,
          advertise: advertised ? [{ prefix: '10.50.0.0/16', med }] : [],
        }),
      ],
      connections: [{ name: 'lab-vpn', between: ['corp/havpn1', 'lab'], bgp: true }],
    });

  test('EX-GCP-3 (GCP-R11): a BGP route with MED 100 beats a static of priority 1000; after the withdraw the static carries it', () => {
    expect(to(table(stateOf(dynamic(100)), 'corp/app'), '10.50.1.1')?.action).toEqual({
      kind: 'connection',
      connection: 'lab-vpn',
    });
    expect(to(table(stateOf(dynamic(100, {}, false)), 'corp/app'), '10.50.1.1')?.action).toEqual(fw1);
    const view = effectiveRoutes(stateOf(dynamic(100)), 'corp/app');
    expect(view.routes.find((r) => r.source === 'DYNAMIC')).toMatchObject({
      prefix: '10.50.0.0/16',
      priority: 100,
      nextHopType: 'bgp-peer',
      region: 'us-central1',
    });
  });

  test('GCP-R16 (invariant 30): in regional mode a dynamic route does not apply in another region; in global mode it does, at MED + cost', () => {
    const regional = stateOf(dynamic(100));
    expect(to(table(regional, 'corp/eu'), '10.50.1.1')?.action).toEqual(fw1);
    const global = stateOf(dynamic(100, { routingMode: 'global' }));
    const eu = effectiveRoutes(global, 'corp/eu').routes.find((r) => r.source === 'DYNAMIC');
    expect(eu?.priority).toBe(100 + 201);
    // EX-GCP-4: a static of priority 300 wins in the remote region and loses in the router's region.
    const p300 = dynamic(100, {
      routingMode: 'global',
      routes: [viaVm('s', '10.50.0.0/16', 300, 'fw1')],
    });
    expect(to(table(stateOf(p300), 'corp/eu'), '10.50.1.1')?.action).toEqual(fw1);
    expect(to(table(stateOf(p300), 'corp/app'), '10.50.1.1')?.action).toEqual({
      kind: 'connection',
      connection: 'lab-vpn',
    });
    // GCP-PRIO / invariant 31: a static ≥ 10200 never beats MED ≤ 200 in any region, whatever the cost.
    const high = dynamic(200, {
      routingMode: 'global',
      routes: [viaVm('s', '10.50.0.0/16', 10200, 'fw1')],
    });
    for (const cost of [201, 9999]) {
      const s = stateOf(high, {
        profile: { ...defaultProfile, gcp: { ...defaultProfile.gcp, interRegionCost: cost } },
      });
      for (const id of ['corp/app', 'corp/eu'])
        expect(to(table(s, id), '10.50.1.1')?.action?.kind).toBe('connection');
    }
  });

  test('EX-GCP-5 / GCP-R12 (invariant 25, 26): subnet routes win; custom routes inside them are INACTIVE', () => {
    const t = dynamic(0, {
      routes: [
        { name: 'old', prefix: '10.20.0.0/25', nextHop: { type: 'instance', host: 'fw1' } },
        viaVm('wide', '10.0.0.0/8', 0, 'fw1'),
      ],
    });
    const s = stateOf({
      ...t,
      sites: [
        site({ name: 'lab', cidrs: ['10.50.0.0/16'], asn: 65010, advertise: [{ prefix: '10.20.0.0/24' }] }),
      ],
    });
    const app = table(s, 'corp/app');
    expect(to(app, '10.20.0.7')?.action).toEqual({ kind: 'local', network: 'corp' });
    for (const r of app.routes.filter(
      (x) => x.source !== 'SUBNET' && (x.prefix === '10.20.0.0/25' || x.prefix === '10.20.0.0/24'),
    ))
      expect(r).toMatchObject({ state: 'INACTIVE', reason: 'conflicts-with-subnet-route', selected: false });
    expect(to(app, '10.99.0.1')?.action).toEqual(fw1);
  });

  test('EX-GCP-6 (GCP-R4, invariant 29): a tagged 0.0.0.0/0 applies to tagged VMs only, not to untagged VMs nor VPN traffic', () => {
    const t = dynamic(100, {
      routes: [
        {
          name: 'egress',
          prefix: '0.0.0.0/0',
          priority: 900,
          tags: ['egress-fw'],
          nextHop: { type: 'instance', host: 'fw1' },
        },
      ],
    });
    const s = stateOf(t);
    const tables = forwardingTables(s);
    expect(to(tableById(tables, 'corp/tagged'), '8.8.8.8')?.action).toEqual(fw1);
    expect(tableById(tables, 'corp/tagged').kind).toBe('guest');
    for (const id of ['corp/app', 'corp/havpn1'])
      expect(to(tableById(tables, id), '8.8.8.8')?.action).toEqual({
        kind: 'internet',
        gateway: 'default-internet-gateway',
      });
    expect(tables.some((x) => x.id === 'corp/vm1')).toBe(false);
    expect(effectiveRoutes(s, 'corp/vm1').routes).toEqual(effectiveRoutes(s, 'corp/app').routes);
    for (const x of tables) expect(wellFormed(x)).toBeUndefined();
  });

  test('GCP-R6 (invariant 32): a stopped next-hop VM is disregarded by default, or drops with gcp.stoppedNextHop: drop; a down Classic tunnel is ignored', () => {
    const t = topology({
      networks: [
        corp(
          [
            viaVm('via-vm', '10.60.0.0/16', 100, 'fw2'),
            viaVm('backup', '10.60.0.0/16', 500, 'fw1'),
            {
              name: 'tun',
              prefix: '10.70.0.0/16',
              priority: 100,
              nextHop: { type: 'vpnTunnel', connection: 'classic' },
            },
            viaVm('tun-backup', '10.70.0.0/16', 500, 'fw1'),
          ],
          { gateways: [{ name: 'cvpn', kind: 'classicVpn', region: 'us-central1' }] },
        ),
      ],
      sites: [site({ name: 'dc', cidrs: ['10.70.0.0/16'] })],
      connections: [{ name: 'classic', between: ['corp/cvpn', 'dc'], bgp: false }],
    });
    const stopped: Topology = {
      ...t,
      networks: [
        {
          ...t.networks[0]!,
          hosts: t.networks[0]!.hosts.map((h) => (h.name === 'fw2' ? { ...h, running: false } : h)),
        },
      ],
    };
    const s = stateOf(stopped, { tunnels: { classic: [{ up: false }] } });
    const app = table(s, 'corp/app');
    expect(to(app, '10.60.0.1')?.action).toEqual(fw1);
    expect(app.routes.find((r) => r.name === 'via-vm')).toMatchObject({
      state: 'INACTIVE',
      reason: 'next-hop-not-running',
    });
    expect(to(app, '10.70.0.1')?.action).toEqual(fw1);
    expect(app.routes.find((r) => r.name === 'tun')).toMatchObject({
      state: 'INACTIVE',
      reason: 'tunnel-down',
    });
    const drop = stateOf(stopped, {
      profile: { ...defaultProfile, gcp: { ...defaultProfile.gcp, stoppedNextHop: 'drop' } },
    });
    expect(to(table(drop, 'corp/app'), '10.60.0.1')?.action).toEqual({
      kind: 'drop',
      reason: 'next-hop-not-forwarding',
    });
    expect(to(table(stateOf(t), 'corp/app'), '10.70.0.1')?.action).toEqual({
      kind: 'connection',
      connection: 'classic',
    });
  });

  test('GCP-R8: policy-based routes are listed, never selected', () => {
    const t = topology({
      networks: [
        corp([], {
          policyRoutes: [
            {
              name: 'inspect',
              priority: 10,
              match: { src: '10.20.0.0/24', dst: '10.50.0.0/16' },
              nextHop: { type: 'ilb', gateway: 'fw-ilb' },
            },
          ],
          gateways: [{ name: 'fw-ilb', kind: 'ilb', backends: ['fw1'] }],
        }),
      ],
    });
    const r = table(stateOf(t), 'corp/app').routes.find((x) => x.source === 'POLICY_BASED');
    expect(r).toMatchObject({
      prefix: '10.50.0.0/16',
      selected: false,
      rule: 'GCP-R8',
      action: fw1,
      nextHopType: 'ilb',
    });
  });

  test('GCP-R15, GCP-R23: no default route without defaultRoute; peers exchange subnet routes always, custom routes when exported', () => {
    const t = (custom: 'none' | 'a-to-b' | 'b-to-a'): Topology =>
      topology({
        networks: [
          corp([], { defaultRoute: false }),
          network({
            name: 'peer',
            provider: 'gcp',
            subnets: [{ name: 'p', cidr: '10.40.0.0/24', region: 'us-central1' }],
            hosts: [{ name: 'nva', subnet: 'p', ip: '10.40.0.5', ipForwarding: true }],
            routes: [
              { name: 'to-lab', prefix: '10.90.0.0/16', nextHop: { type: 'instance', host: 'nva' } },
              {
                name: 'tagged',
                prefix: '10.91.0.0/16',
                tags: ['x'],
                nextHop: { type: 'instance', host: 'nva' },
              },
            ],
          }),
        ],
        peerings: [{ between: ['corp', 'peer'], customRoutes: custom }],
      });
    const app = (c: 'none' | 'a-to-b' | 'b-to-a'): ForwardingTable => table(stateOf(t(c)), 'corp/app');
    expect(to(app('none'), '8.8.8.8')).toBeUndefined();
    expect(to(app('none'), '10.40.0.9')?.action).toEqual({ kind: 'peering', network: 'peer' });
    expect(to(app('none'), '10.90.0.1')).toBeUndefined();
    expect(to(app('a-to-b'), '10.90.0.1')).toBeUndefined();
    expect(to(app('b-to-a'), '10.90.0.1')?.action).toEqual({
      kind: 'appliance',
      ip: '10.40.0.5',
      host: 'peer/nva',
    });
    expect(app('b-to-a').routes.find((r) => r.prefix === '10.90.0.0/16')?.source).toBe('PEERING_STATIC');
    expect(app('b-to-a').routes.some((r) => r.prefix === '10.91.0.0/16')).toBe(false);
  });
});
