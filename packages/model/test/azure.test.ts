// Over 400 lines: the cases of one subject (azure), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Azure rules (PROVIDERS.md 2.x), the Azure invariants 13–23 of PROVIDERS.md section 5, and the
 * "Routing example" of the UDR overview (AZ-UDR) as golden tables.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  advertisedTo,
  checkGatewayUpdate,
  defaultProfile,
  effectiveRoutes,
  forwardingTables,
  gatewayBgpPeerIps,
  learnedPrefixes,
  validateTopology,
} from '@cloudroute/model';
import type { ForwardingTable, RouteRow, Topology } from '@cloudroute/model';
import { azureCase, runs } from './arbitraries.js';
import { checkFiveReserved } from './reserved.js';
import { azureHub, network, site, stateOf, tableOf, topology } from './fixtures.js';
import {
  addrIn,
  contains,
  containsPrefix,
  fmt4,
  lookup,
  overlaps,
  pfx,
  prefix4,
  wellFormed,
} from './oracle.js';

const appTable = (t: Topology): ForwardingTable => tableOf(t, 'hub/app');
const VNET_RANGES = ['10.0.0.0/16', '10.1.0.0/16'];
const rank: Record<string, number> = { User: 0, VirtualNetworkGateway: 1, Default: 2 };

describe('Azure invariants (PROVIDERS.md §5)', () => {
  test('every table is well formed: at most one selected route per prefix, each with an action', () => {
    fc.assert(
      fc.property(azureCase, (c) => {
        for (const t of forwardingTables(stateOf(c.topology))) expect(wellFormed(t)).toBeUndefined();
      }),
      runs(113),
    );
  });

  test('invariant 13 (AZ-R8): equal prefixes UDR ≻ BGP ≻ System; the others Invalid; total and insertion-independent', () => {
    fc.assert(
      fc.property(azureCase, (c) => {
        const table = appTable(c.topology);
        const byPrefix = new Map<string, typeof table.routes>();
        for (const r of table.routes) byPrefix.set(r.prefix, [...(byPrefix.get(r.prefix) ?? []), r]);
        for (const [prefix, rs] of byPrefix) {
          // A BGP route at or inside a VNet / peered range never wins (AZ-R8 note): out of the contest.
          const contest = rs.filter(
            (r) =>
              !(r.source === 'VirtualNetworkGateway' && VNET_RANGES.some((v) => containsPrefix(v, prefix))),
          );
          const selected = rs.filter((r) => r.selected);
          expect(selected.length).toBe(contest.length > 0 ? 1 : 0);
          if (selected.length === 0) continue;
          expect(rank[selected[0]!.source]).toBe(Math.min(...contest.map((r) => rank[r.source]!)));
          expect(selected[0]!.state).toBe('Active');
          for (const r of rs) if (!r.selected) expect(r.state).toBe('Invalid');
        }
        // Insertion order does not matter.
        const hub = c.topology.networks[0]!;
        const reversed: Topology = {
          ...c.topology,
          networks: [
            { ...hub, routeTables: [{ ...hub.routeTables[0]!, routes: [...c.udrs].reverse() }] },
            ...c.topology.networks.slice(1),
          ],
        };
        const key = (t: ForwardingTable): string[] =>
          t.routes
            .filter((r) => r.selected)
            .map((r) => `${r.prefix} ${r.source} ${r.nextHopType}`)
            .sort();
        expect(key(appTable(reversed))).toEqual(key(table));
      }),
      runs(13),
    );
  });

  test('invariant 14 (AZ-R8 note): inside a VNet or peered range without a covering UDR the next hop is VnetLocal or VNetPeering, even against more specific BGP routes', () => {
    fc.assert(
      fc.property(azureCase, fc.nat({ max: 0xffffffff }), fc.boolean(), (c, seed, spoke) => {
        const dst = addrIn(spoke ? '10.1.0.0/16' : '10.0.0.0/16', seed);
        fc.pre(!c.udrs.some((u) => contains(u.prefix, dst)));
        const hit = lookup(appTable(c.topology), dst);
        expect(hit?.nextHopType).toBe(spoke ? 'VNetPeering' : 'VnetLocal');
      }),
      runs(14),
    );
  });

  test('invariant 15 (AZ-R1, AZ-R2): None routes for 10/8, 172.16/12, 192.168/16, 100.64/10 — VnetLocal when a VNet range equals one, absent when a range contains one', () => {
    const candidates = [
      '10.0.0.0/8',
      '10.0.0.0/7',
      '10.5.0.0/16',
      '172.16.0.0/12',
      '172.0.0.0/8',
      '172.16.4.0/24',
      '192.168.0.0/16',
      '192.168.7.0/24',
      '100.64.0.0/10',
      '100.0.0.0/8',
      '20.0.0.0/16',
    ];
    const reserved = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];
    const ranges = fc
      .subarray(candidates, { minLength: 1 })
      .filter((rs) => rs.every((a, i) => rs.every((b, j) => i === j || !overlaps(a, b))));
    fc.assert(
      fc.property(ranges, fc.nat({ max: 0xffffffff }), (cidrs, seed) => {
        const t = topology({
          networks: [
            network({
              name: 'hub',
              provider: 'azure',
              cidrs,
              subnets: [{ name: 'app', cidr: pfx(prefix4(cidrs[0]!).net, 29) }],
            }),
          ],
        });
        const table = appTable(t);
        for (const q of reserved) {
          const at = table.routes.filter((r) => r.prefix === q);
          if (cidrs.includes(q)) expect(at.map((r) => r.nextHopType)).toEqual(['VnetLocal']);
          else if (cidrs.some((v) => containsPrefix(v, q) && v !== q)) expect(at).toEqual([]);
          else {
            expect(at.map((r) => r.nextHopType)).toEqual(['None']);
            // dst in Q outside every VNet range and with no more specific route: dropped.
            const dst = addrIn(q, seed);
            if (!cidrs.some((v) => contains(v, dst)))
              expect(lookup(table, dst)?.action).toEqual({ kind: 'drop', reason: 'none-route' });
          }
        }
      }),
      runs(15),
    );
  });

  test('invariant 16 (AZ-R10): with propagation disabled no VirtualNetworkGateway route appears (static prefixes included); on GatewaySubnet it is flagged', () => {
    fc.assert(
      fc.property(azureCase, (c) => {
        const propagate = c.topology.networks[0]!.routeTables[0]!.propagateGatewayRoutes !== false;
        const view = effectiveRoutes(stateOf(c.topology), 'hub/app');
        const gw = view.routes.filter((r) => r.source === 'VirtualNetworkGateway');
        if (!propagate) expect(gw).toEqual([]);
        // The static site's prefixes (local network gateway) are always learned: present when propagating.
        else for (const p of c.statics) expect(gw.map((r) => r.prefix)).toContain(p);
        // Subnets without a table always propagate.
        expect(
          effectiveRoutes(stateOf(c.topology), 'hub/other').routes.some(
            (r) => r.source === 'VirtualNetworkGateway',
          ),
        ).toBe(true);
      }),
      runs(16),
    );
    const t = topology({
      networks: [
        azureHub({
          subnets: [{ name: 'GatewaySubnet', cidr: '10.0.255.0/27', routeTable: 'gw-rt' }],
          routeTables: [{ name: 'gw-rt', propagateGatewayRoutes: false, routes: [] }],
          gateways: [{ name: 'vng', kind: 'vpn' }],
        }),
      ],
    });
    expect(validateTopology(t)).toMatchObject([
      {
        severity: 'warning',
        code: 'AZ-R10',
        path: ['networks', 0, 'routeTables', 0, 'propagateGatewayRoutes'],
      },
    ]);
  });

  test('invariant 17 (AZ-R9): a UDR covering the local subnet diverts same-subnet traffic unless a subnet VnetLocal UDR is more specific', () => {
    // The model owns the table (no same-subnet bypass, contrast AWS-R9); `sim` looks every
    // Azure packet up, same-subnet ones included (AZ-R14).
    fc.assert(
      fc.property(fc.nat({ max: 255 }), fc.boolean(), (host, keepLocal) => {
        const routes = [
          { prefix: '10.0.0.0/16', nextHop: { type: 'VirtualAppliance' as const, ip: '10.0.100.4' } },
        ];
        if (keepLocal) routes.push({ prefix: '10.0.1.0/24', nextHop: { type: 'VnetLocal' } as never });
        const t = topology({
          networks: [
            azureHub({
              subnets: [
                { name: 'app', cidr: '10.0.1.0/24', routeTable: 'rt' },
                { name: 'nva', cidr: '10.0.100.0/24' },
              ],
              routeTables: [{ name: 'rt', routes }],
              hosts: [{ name: 'nva1', subnet: 'nva', ip: '10.0.100.4', ipForwarding: true }],
            }),
          ],
        });
        const hit = lookup(appTable(t), (0x0a000100 | host) >>> 0);
        expect(hit?.action).toEqual(
          keepLocal
            ? { kind: 'local', network: 'hub' }
            : { kind: 'appliance', ip: '10.0.100.4', host: 'hub/nva1' },
        );
      }),
      runs(17),
    );
  });

  test('invariant 18 (AZ-R12): base+0..3 and broadcast are reserved; the default gateway is base+1', () => {
    // ICMP silence and the virtual MAC (AZ-R13, AZ-R14) belong to `sim`.
    checkFiveReserved('azure', 8, 29, 18);
  });

  test('invariant 19 (AZ-R17, AZ-R18, AZ-R23): vpnType never changes in place; Basic never resizes, no downgrade, no Gen1 → Gen2; the ASN may change', () => {
    const skus = ['Basic', 'VpnGw1', 'VpnGw2', 'VpnGw3', 'VpnGw4', 'VpnGw1AZ', 'VpnGw2AZ', 'VpnGw5AZ'];
    fc.assert(
      fc.property(
        fc.constantFrom('RouteBased', 'PolicyBased'),
        fc.constantFrom('RouteBased', 'PolicyBased'),
        fc.constantFrom(...skus),
        fc.constantFrom(...skus),
        fc.boolean(),
        (t0, t1, s0, s1, recreate) => {
          const gw = { name: 'vng', kind: 'vpn' as const, vpnType: t0 as 'RouteBased', sku: s0 };
          const typeChange = checkGatewayUpdate('azure', gw, { vpnType: t1 }, recreate);
          expect(typeChange?.rule).toBe(t0 !== t1 && !recreate ? 'AZ-R17' : undefined);
          const skuChange = checkGatewayUpdate('azure', gw, { sku: s1 }, recreate);
          const tier = (s: string): number => (s === 'Basic' ? 0 : Number(s[5]));
          const az = (s: string): boolean => s.endsWith('AZ');
          // Generation 1 (VpnGw1) → Generation 2 (VpnGw4, VpnGw5) is a migration; AZ → non-AZ a downgrade.
          const crossGen = tier(s0) === 1 && tier(s1) >= 4;
          const refused =
            !recreate &&
            s0 !== s1 &&
            (s0 === 'Basic' || tier(s1) < tier(s0) || (az(s0) && !az(s1)) || crossGen);
          expect(skuChange?.rule).toBe(refused ? 'AZ-R18' : undefined);
          expect(checkGatewayUpdate('azure', gw, { asn: 65010 })).toBeUndefined();
        },
      ),
      runs(19),
    );
  });

  test('invariant 20 (AZ-R22): never 0.0.0.0/0 nor a prefix overlapping a VNet prefix advertised to a peer; > 4,000 received prefixes drop the session', () => {
    fc.assert(
      fc.property(azureCase, (c) => {
        const t: Topology = {
          ...c.topology,
          sites: [
            ...c.topology.sites,
            site({ name: 'listener', cidrs: ['192.168.60.0/24'], asn: 65020, advertise: [] }),
          ],
          connections: [
            ...c.topology.connections,
            { name: 'bgp2', between: ['hub/vng', 'listener'], bgp: true },
          ],
        };
        const s = stateOf(t);
        for (const conn of ['bgp1', 'bgp2']) {
          const sent = advertisedTo(s, 'hub/vng', conn);
          for (const a of sent) {
            expect(a.prefix).not.toBe('0.0.0.0/0');
            if (a.prefix !== '10.0.0.0/16') expect(overlaps(a.prefix, '10.0.0.0/16')).toBe(false);
            expect(a.asPath[0]).toBe(65515);
          }
        }
        // What bgpsite advertised, filtered, reaches the listener, as BGP routes in its table.
        const expected = new Set(c.adverts.filter((p) => p !== '0.0.0.0/0' && !overlaps(p, '10.0.0.0/16')));
        const sent = new Set(advertisedTo(s, 'hub/vng', 'bgp2').map((a) => a.prefix));
        for (const p of expected) expect(sent.has(p)).toBe(true);
        const listener = tableOf(t, 'site:listener');
        for (const p of expected)
          expect(listener.routes.some((r) => r.prefix === p && r.source === 'bgp')).toBe(true);
      }),
      runs(20),
    );
    const many = Array.from({ length: defaultProfile.azure.maxPrefixesFromPeer + 1 }, (_, i) => ({
      prefix: `172.${16 + (i >> 8)}.${i & 255}.0/24`,
    }));
    const t = topology({
      networks: [
        azureHub({
          subnets: [{ name: 'GatewaySubnet', cidr: '10.0.255.0/27' }],
          gateways: [{ name: 'vng', kind: 'vpn' }],
        }),
      ],
      sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'], asn: 65010, advertise: many })],
      connections: [{ name: 'c', between: ['hub/vng', 'dc'], bgp: true }],
    });
    expect(learnedPrefixes(stateOf(t), 'c')).toEqual([]);
    expect(validateTopology(t).map((d) => `${d.code} ${d.severity}`)).toEqual(['AZ-R22 warning']);
  });

  test('invariant 21 (AZ-R21): custom APIPA BGP addresses only in 169.254.21.0–169.254.22.255', () => {
    // Who initiates the session (never Azure towards an APIPA peer) belongs to `engine`.
    fc.assert(
      fc.property(fc.nat({ max: 0xffff }), (lo) => {
        const ip = fmt4((0xa9fe0000 | lo) >>> 0);
        const t = topology({
          networks: [
            azureHub({
              subnets: [{ name: 'GatewaySubnet', cidr: '10.0.255.0/27' }],
              gateways: [{ name: 'vng', kind: 'vpn', bgpPeerIps: [ip] }],
            }),
          ],
        });
        const ok = lo >= 0x1500 && lo <= 0x16ff;
        expect(validateTopology(t).some((d) => d.code === 'AZ-R21')).toBe(!ok);
        expect(gatewayBgpPeerIps(t, 'hub/vng')).toEqual([ip]);
      }),
      runs(21),
    );
  });

  test('invariant 22 (AZ-R19): failover durations: planned within 10–15 s, unplanned at most 180 s', () => {
    // The model owns the profile; `engine` schedules the failover from it.
    expect(defaultProfile.azure.failoverPlanned).toBeGreaterThanOrEqual(10);
    expect(defaultProfile.azure.failoverPlanned).toBeLessThanOrEqual(15);
    expect(defaultProfile.azure.failoverUnplanned).toBeLessThanOrEqual(180);
  });

  test('invariant 22 (AZ-R19): during a failover gateway routes stay; while provisioning or deleted they disappear', () => {
    fc.assert(
      fc.property(
        azureCase,
        fc.constantFrom('ready', 'failing-over', 'provisioning', 'deleted'),
        (c, phase) => {
          const s = stateOf(c.topology, { gateways: { 'hub/vng': { phase, since: 0, generation: 0 } } });
          const has = effectiveRoutes(s, 'hub/other').routes.some(
            (r) => r.source === 'VirtualNetworkGateway',
          );
          expect(has).toBe(phase === 'ready' || phase === 'failing-over');
        },
      ),
      runs(122),
    );
  });

  test('invariant 23 (AZ-R15): routing keeps 0.0.0.0/0 → Internet whatever defaultOutboundAccess says', () => {
    // The model owns the route; `sim` completes the invariant (no public source ⇒ no egress).
    fc.assert(
      fc.property(fc.boolean(), (doa) => {
        const t = topology({
          networks: [
            azureHub({
              subnets: [{ name: 'app', cidr: '10.0.1.0/24', defaultOutboundAccess: doa }],
            }),
          ],
        });
        expect(lookup(appTable(t), 0x08080808)?.action).toEqual({ kind: 'internet' });
      }),
      runs(23),
    );
  });
});

describe('AZ-UDR "Routing example" (virtual-networks-udr-overview.md, ms.date 05/27/2023)', () => {
  // Virtual-network-1 10.0.0.0/16 (Subnet1, Subnet2, the NVA at 10.0.100.4), peered with
  // Virtual-network-2 (10.1.0.0/16 and 10.2.0.0/16), a VPN gateway learning the on-premises
  // 10.10.0.0/16 over BGP, and the route table of Subnet1 with the six UDRs of the example.
  const example = topology({
    networks: [
      azureHub({
        name: 'Virtual-network-1',
        subnets: [
          { name: 'Subnet1', cidr: '10.0.0.0/24', routeTable: 'Subnet1-rt' },
          { name: 'Subnet2', cidr: '10.0.1.0/24' },
          { name: 'DMZ', cidr: '10.0.100.0/24' },
          { name: 'GatewaySubnet', cidr: '10.0.255.0/27' },
        ],
        routeTables: [
          {
            name: 'Subnet1-rt',
            routes: [
              {
                name: 'Within-VNet1',
                prefix: '10.0.0.0/16',
                nextHop: { type: 'VirtualAppliance', ip: '10.0.100.4' },
              },
              { name: 'Within-Subnet1', prefix: '10.0.0.0/24', nextHop: { type: 'VnetLocal' } },
              { name: 'ToVNet2-1-Drop', prefix: '10.1.0.0/16', nextHop: { type: 'None' } },
              { name: 'ToVNet2-2-Drop', prefix: '10.2.0.0/16', nextHop: { type: 'None' } },
              {
                name: 'To-On-Prem',
                prefix: '10.10.0.0/16',
                nextHop: { type: 'VirtualAppliance', ip: '10.0.100.4' },
              },
              {
                name: 'Default-NVA',
                prefix: '0.0.0.0/0',
                nextHop: { type: 'VirtualAppliance', ip: '10.0.100.4' },
              },
            ],
          },
        ],
        hosts: [{ name: 'nva', subnet: 'DMZ', ip: '10.0.100.4', ipForwarding: true }],
        gateways: [{ name: 'vng', kind: 'vpn', vpnType: 'RouteBased', sku: 'VpnGw1' }],
      }),
      network({
        name: 'Virtual-network-2',
        provider: 'azure',
        cidrs: ['10.1.0.0/16', '10.2.0.0/16'],
        subnets: [{ name: 'a', cidr: '10.1.0.0/24' }],
      }),
    ],
    sites: [site({ name: 'on-premises', cidrs: ['10.10.0.0/16'], asn: 65010 })],
    connections: [{ name: 'vpn', between: ['Virtual-network-1/vng', 'on-premises'], bgp: true }],
    peerings: [{ between: ['Virtual-network-1', 'Virtual-network-2'] }],
  });
  const row = (r: RouteRow): string[] => [
    r.prefix,
    r.source,
    r.state,
    r.nextHopType,
    r.nextHopIp ?? '',
    r.name ?? '',
  ];

  test('the example is valid (no diagnostics)', () => {
    expect(validateTopology(example)).toEqual([]);
  });

  test('Subnet1: the doc table IDs 1–9, 11, 12 (ID 10, a service endpoint, is not modelled); the None routes are removed', () => {
    const view = effectiveRoutes(stateOf(example), 'Virtual-network-1/Subnet1');
    expect(view.routes.map(row)).toEqual([
      ['10.0.0.0/16', 'Default', 'Invalid', 'VnetLocal', '', ''], // ID1
      ['10.1.0.0/16', 'Default', 'Invalid', 'VNetPeering', '', ''], // ID4
      ['10.2.0.0/16', 'Default', 'Invalid', 'VNetPeering', '', ''], // ID5
      ['0.0.0.0/0', 'Default', 'Invalid', 'Internet', '', ''], // ID11
      // ID8: the doc's table prints its source as "Default"; its BGP section says the source is
      // "Virtual network gateway", the effective-routes value.
      ['10.10.0.0/16', 'VirtualNetworkGateway', 'Invalid', 'VirtualNetworkGateway', '', ''],
      ['0.0.0.0/0', 'User', 'Active', 'VirtualAppliance', '10.0.100.4', 'Default-NVA'], // ID12
      ['10.0.0.0/16', 'User', 'Active', 'VirtualAppliance', '10.0.100.4', 'Within-VNet1'], // ID2
      ['10.0.0.0/24', 'User', 'Active', 'VnetLocal', '', 'Within-Subnet1'], // ID3
      ['10.1.0.0/16', 'User', 'Active', 'None', '', 'ToVNet2-1-Drop'], // ID6
      ['10.2.0.0/16', 'User', 'Active', 'None', '', 'ToVNet2-2-Drop'], // ID7
      ['10.10.0.0/16', 'User', 'Active', 'VirtualAppliance', '10.0.100.4', 'To-On-Prem'], // ID9
    ]);
  });

  test('Subnet2: default, peering and gateway routes, all Active (172.16.0.0/12 added: the example predates it, AZ-R2 note)', () => {
    const view = effectiveRoutes(stateOf(example), 'Virtual-network-1/Subnet2');
    expect(view.routes.map(row)).toEqual([
      ['10.0.0.0/16', 'Default', 'Active', 'VnetLocal', '', ''],
      ['10.1.0.0/16', 'Default', 'Active', 'VNetPeering', '', ''],
      ['10.2.0.0/16', 'Default', 'Active', 'VNetPeering', '', ''],
      ['0.0.0.0/0', 'Default', 'Active', 'Internet', '', ''],
      ['10.0.0.0/8', 'Default', 'Active', 'None', '', ''],
      ['100.64.0.0/10', 'Default', 'Active', 'None', '', ''],
      ['172.16.0.0/12', 'Default', 'Active', 'None', '', ''],
      ['192.168.0.0/16', 'Default', 'Active', 'None', '', ''],
      ['10.10.0.0/16', 'VirtualNetworkGateway', 'Active', 'VirtualNetworkGateway', '', ''],
    ]);
  });

  test('the example forwards as its explanations say', () => {
    const s1 = tableOf(example, 'Virtual-network-1/Subnet1');
    const nva = { kind: 'appliance', ip: '10.0.100.4', host: 'Virtual-network-1/nva' };
    expect(lookup(s1, 0x0a000005)?.action).toEqual({ kind: 'local', network: 'Virtual-network-1' }); // ID3: within Subnet1
    expect(lookup(s1, 0x0a000105)?.action).toEqual(nva); // ID2: rest of the VNet through the NVA
    expect(lookup(s1, 0x0a010203)?.action).toEqual({ kind: 'drop', reason: 'none-route' }); // ID6
    expect(lookup(s1, 0x0a0a0101)?.action).toEqual(nva); // ID9
    expect(lookup(s1, 0x08080808)?.action).toEqual(nva); // ID12
    expect(lookup(s1, 0xac100001)?.action).toEqual(nva); // None routes removed: 172.16/12 goes to the NVA too
    const s2 = tableOf(example, 'Virtual-network-1/Subnet2');
    expect(lookup(s2, 0x0a010203)?.action).toEqual({ kind: 'peering', network: 'Virtual-network-2' });
    expect(lookup(s2, 0x0a0a0101)?.action).toEqual({ kind: 'gateway', gateway: 'Virtual-network-1/vng' });
    expect(lookup(s2, 0x0a050505)?.action).toEqual({ kind: 'drop', reason: 'none-route' });
  });
});

describe('Azure lessons (DESIGN.md)', () => {
  test('lesson 1 (AZ-R8): a BGP 0.0.0.0/0 beats the system Internet route; a UDR beats both', () => {
    const t = (udr: boolean): Topology =>
      topology({
        networks: [
          azureHub({
            cidrs: ['10.1.0.0/16'],
            subnets: [
              { name: 'web', cidr: '10.1.1.0/24', routeTable: 'rt' },
              { name: 'GatewaySubnet', cidr: '10.1.255.0/27' },
            ],
            routeTables: [
              { name: 'rt', routes: udr ? [{ prefix: '0.0.0.0/0', nextHop: { type: 'Internet' } }] : [] },
            ],
            gateways: [{ name: 'vng1', kind: 'vpn' }],
          }),
        ],
        sites: [
          site({
            name: 'dc1',
            cidrs: ['192.168.0.0/16'],
            asn: 65010,
            advertise: [{ prefix: '192.168.0.0/16' }, { prefix: '0.0.0.0/0' }],
          }),
        ],
        connections: [{ name: 'dc1-vpn', between: ['hub/vng1', 'dc1'], bgp: true }],
      });
    const web = (x: Topology): ForwardingTable => tableOf(x, 'hub/web');
    expect(lookup(web(t(false)), 0x08080808)?.action).toEqual({ kind: 'gateway', gateway: 'hub/vng1' });
    expect(web(t(false)).routes.find((r) => r.prefix === '0.0.0.0/0' && r.source === 'Default')?.state).toBe(
      'Invalid',
    );
    expect(lookup(web(t(true)), 0x08080808)?.action).toEqual({ kind: 'internet' });
    // The gateway's own table sends it on to the site over the connection.
    const gw = tableOf(t(false), 'hub/vng1');
    expect(lookup(gw, 0x08080808)?.action).toEqual({ kind: 'connection', connection: 'dc1-vpn' });
  });

  test('AZ-R6: a VirtualAppliance next hop that is no NIC stays Active and carries no host (the data plane drops it)', () => {
    const t = topology({
      networks: [
        azureHub({
          cidrs: ['10.1.0.0/16'],
          subnets: [{ name: 'web', cidr: '10.1.1.0/24', routeTable: 'rt' }],
          routeTables: [
            {
              name: 'rt',
              routes: [{ prefix: '10.2.0.0/16', nextHop: { type: 'VirtualAppliance', ip: '10.1.2.99' } }],
            },
          ],
        }),
      ],
    });
    const r = tableOf(t, 'hub/web').routes.find((x) => x.source === 'User')!;
    expect(r).toMatchObject({
      state: 'Active',
      selected: true,
      action: { kind: 'appliance', ip: '10.1.2.99' },
    });
    expect(r.action).not.toHaveProperty('host');
    const d = validateTopology(t);
    expect(d).toMatchObject([
      {
        severity: 'warning',
        code: 'AZ-R6',
        path: ['networks', 0, 'routeTables', 0, 'routes', 0, 'nextHop', 'ip'],
      },
    ]);
    expect(d[0]!.message).toContain('stays Active');
  });

  test('AZ-R21: gateway BGP peer addresses default to GatewaySubnet base+4 (+5 active-active)', () => {
    const mk = (aa: boolean): Topology =>
      topology({
        networks: [
          azureHub({
            cidrs: ['10.1.0.0/16'],
            subnets: [{ name: 'GatewaySubnet', cidr: '10.1.255.0/27' }],
            gateways: [{ name: 'vng', kind: 'vpn', activeActive: aa }],
          }),
        ],
      });
    expect(gatewayBgpPeerIps(mk(false), 'hub/vng')).toEqual(['10.1.255.4']);
    expect(gatewayBgpPeerIps(mk(true), 'hub/vng')).toEqual(['10.1.255.4', '10.1.255.5']);
  });
});
