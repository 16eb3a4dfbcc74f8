// Over 400 lines: the cases of one subject (filters-azure), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Azure network security groups compiled into filter programs (PROVIDERS.md 2.5, AZ-R25..R33;
 * invariants 49–51): each rule's decision through `firstMatch`, service tags, and the compiled
 * NSG decision against a naive oracle written from the PROVIDERS.md text.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ANY_PROTOCOL,
  PROTO_ICMP,
  PROTO_TCP,
  PROTO_UDP,
  azureInternetRanges,
  azureServiceTagRanges,
  azureVirtualNetworkRanges,
  compileFilters,
  defaultProfile,
  firstMatch,
} from '@cloudroute/model';
import type { Network, NsgRule, Topology } from '@cloudroute/model';
import { azureHub, network, site, stateOf, topology } from './fixtures.js';
import { contains, ip4 } from './oracle.js';
import { decide, tcp, verdict } from './decide.js';
import { numbered } from './arbitraries.js';

const ALL = [{ lo: 0, hi: 65535 }];

function rule(init: Partial<NsgRule> & Pick<NsgRule, 'name' | 'priority' | 'direction' | 'access'>): NsgRule {
  return {
    protocol: '*',
    source: ['*'],
    destination: ['*'],
    sourcePorts: ALL,
    destinationPorts: ALL,
    ...init,
  };
}

/** `app-nsg`'s outbound deny of the Internet tag, below the allow of Storage (AZ-R31). */
const DENY_INTERNET = rule({
  name: 'deny-internet',
  priority: 200,
  direction: 'Outbound',
  access: 'Deny',
  destination: ['Internet'],
});

function hub(extra: Partial<Network> = {}): Network {
  return azureHub({
    cidrs: ['10.1.0.0/16'],
    subnets: [
      { name: 'app', cidr: '10.1.1.0/24', networkSecurityGroup: 'app-nsg', routeTable: 'rt' },
      { name: 'data', cidr: '10.1.2.0/24' },
      {
        name: 'iso',
        cidr: '10.1.3.0/24',
        networkSecurityGroup: 'app-nsg',
        defaultHost: { networkSecurityGroup: 'nic-nsg' },
      },
      { name: 'GatewaySubnet', cidr: '10.1.255.0/27' },
    ],
    routeTables: [
      {
        name: 'rt',
        routes: [{ prefix: '172.20.0.0/16', nextHop: { type: 'VirtualAppliance', ip: '10.1.2.4' } }],
      },
    ],
    gateways: [{ name: 'vng', kind: 'vpn' }],
    networkSecurityGroups: [
      {
        name: 'app-nsg',
        securityRules: [
          DENY_INTERNET,
          rule({
            name: 'allow-storage',
            priority: 100,
            direction: 'Outbound',
            access: 'Allow',
            destination: ['Storage'],
          }),
          rule({
            name: 'allow-web',
            priority: 300,
            direction: 'Inbound',
            access: 'Allow',
            protocol: 'Tcp',
            source: ['Internet'],
            destinationPorts: [
              { lo: 443, hi: 443 },
              { lo: 8443, hi: 8443 },
            ],
          }),
          rule({
            name: 'deny-ssh',
            priority: 110,
            direction: 'Inbound',
            access: 'Deny',
            protocol: 'Tcp',
            destinationPorts: [{ lo: 22, hi: 22 }],
          }),
        ],
      },
      { name: 'nic-nsg', securityRules: [] },
    ],
    hosts: [
      { name: 'vm1', subnet: 'app', ip: '10.1.1.10', networkSecurityGroup: 'spoke/spoke-nsg' },
      { name: 'vm2', subnet: 'app', ip: '10.1.1.11' },
    ],
    ...extra,
  });
}

/** The hub with `app-nsg` holding only `rules` (the subnets app and iso carry it). */
function hubWith(rules: NsgRule[], extra: Partial<Network> = {}): Network {
  return hub({ networkSecurityGroups: [{ name: 'app-nsg', securityRules: rules }], ...extra });
}

const spoke = network({
  name: 'spoke',
  provider: 'azure',
  cidrs: ['10.2.0.0/16'],
  subnets: [{ name: 'a', cidr: '10.2.0.0/24' }],
  networkSecurityGroups: [
    {
      name: 'spoke-nsg',
      securityRules: [
        rule({
          name: 'deny-8080',
          priority: 100,
          direction: 'Inbound',
          access: 'Deny',
          protocol: 'Tcp',
          destinationPorts: [{ lo: 8080, hi: 8080 }],
        }),
      ],
    },
  ],
});

function world(h: Network = hub(), extra: Partial<Topology> = {}): Topology {
  return topology({
    firewall: 'rules',
    networks: [h, spoke],
    peerings: [{ between: ['hub', 'spoke'] }],
    sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'] })],
    connections: [{ name: 'dc-vpn', between: ['hub/vng', 'dc'], bgp: false }],
    serviceTags: { Storage: ['20.60.0.0/16'], Sql: ['20.40.0.0/16'] },
    ...extra,
  });
}

const checks = (t: Topology = world()) => compileFilters(stateOf(t));

describe('Azure NSG programs (AZ-R25..R29)', () => {
  test('AZ-R25: a subnet or NIC without an NSG has no program; implicit instances have no NIC NSG unless defaultHost names one', () => {
    const c = checks();
    expect(c.subnet('hub', 'data', 'in')).toBeUndefined();
    expect(c.host('hub', 'vm2', 0, 'out')).toBeUndefined();
    expect(c.defaultHost('hub', 'app', 'in')).toBeUndefined();
    expect(c.defaultHost('hub', 'iso', 'in')?.defaultObject).toBe('hub/nic-nsg');
    expect(c.subnet('hub', 'app', 'in')?.kind).toBe('networkSecurityGroup');
    // `net/nsg` reaches another VNet's NSG.
    const nic = c.host('hub', 'vm1', 0, 'in')!;
    expect(verdict(nic, tcp('10.1.2.9', '10.1.1.10', 8080))).toBe('deny spoke/spoke-nsg deny-8080');
    expect(checks(topology({ networks: [hub()] })).subnet('hub', 'app', 'in')).toBeUndefined();
  });

  test('AZ-R26: custom rules by priority; the first match stops processing', () => {
    const inbound = checks().subnet('hub', 'app', 'in')!;
    expect(inbound.direction).toBe('Inbound');
    expect(inbound.entries.map((e) => e.rule)).toEqual([
      'deny-ssh',
      'allow-web',
      'allow-web',
      'AllowVnetInBound',
      'AllowAzureLoadBalancerInBound',
      'DenyAllInBound',
    ]);
    // From inside the VNet, SSH meets deny-ssh (110) before AllowVnetInBound (65000).
    expect(decide(inbound, tcp('10.1.2.9', '10.1.1.10', 22)).rule).toBe('deny-ssh');
    expect(verdict(inbound, tcp('203.0.113.5', '10.1.1.10', 8443))).toBe('allow hub/app-nsg allow-web');
    expect(decide(inbound, tcp('203.0.113.5', '10.1.1.10', 8080)).rule).toBe('DenyAllInBound');
    expect(
      decide(inbound, { proto: PROTO_UDP, src: '203.0.113.5', dst: '10.1.1.10', dp: [443, 443] }).allow,
    ).toBe(false);
  });

  test('AZ-R26: port lists are merged; a packet range spanning two adjacent ranges of one rule matches', () => {
    const h = hubWith([
      rule({
        name: 'split',
        priority: 100,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Udp',
        source: ['203.0.113.0/24', '198.51.100.7'],
        sourcePorts: [
          { lo: 1024, hi: 40000 },
          { lo: 40001, hi: 65535 },
        ],
        destinationPorts: [
          { lo: 53, hi: 53 },
          { lo: 123, hi: 123 },
        ],
      }),
    ]);
    const inbound = checks(world(h)).subnet('hub', 'app', 'in')!;
    expect(inbound.entries.filter((e) => e.rule === 'split')).toHaveLength(2);
    const udp = (src: string, port: number) => ({
      proto: PROTO_UDP,
      src,
      dst: '10.1.1.10',
      dp: [port, port] as const,
    });
    expect(decide(inbound, udp('203.0.113.5', 123)).rule).toBe('split');
    expect(decide(inbound, udp('198.51.100.7', 53)).rule).toBe('split');
    expect(decide(inbound, udp('198.51.100.8', 53)).rule).toBe('DenyAllInBound');
    expect(decide(inbound, udp('203.0.113.5', 124)).rule).toBe('DenyAllInBound');
  });

  test('AZ-R26: protocols Tcp, Udp, Icmp, Esp, Ah and `*`', () => {
    const protos = ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'] as const;
    const h = hubWith(
      protos.map((p, i) =>
        rule({
          name: `p-${p}`,
          priority: 100 + i,
          direction: 'Inbound',
          access: 'Allow',
          protocol: p,
          source: [`198.51.100.${i}`],
        }),
      ),
    );
    const inbound = checks(world(h)).subnet('hub', 'app', 'in')!;
    const numbers = [PROTO_TCP, PROTO_UDP, PROTO_ICMP, 50, 51, ANY_PROTOCOL];
    protos.forEach((p, i) => {
      const proto = numbers[i]!;
      const pk = {
        proto,
        src: `198.51.100.${i}`,
        dst: '10.1.1.10',
        sp: [0, 0] as const,
        dp: [8, 8] as const,
      };
      expect(decide(inbound, pk).rule).toBe(`p-${p}`);
    });
    // `*` matches a packet of any protocol; `Tcp` does not match UDP.
    expect(decide(inbound, { proto: PROTO_UDP, src: '198.51.100.0', dst: '10.1.1.10' }).rule).toBe(
      'DenyAllInBound',
    );
  });

  test('AZ-R26: ports narrow TCP and UDP only: a `*` rule with a port list matches every ICMP packet; `Any` is `*`', () => {
    const h = hubWith([
      rule({
        name: 'web-any',
        priority: 100,
        direction: 'Inbound',
        access: 'Allow',
        source: ['Any'],
        destinationPorts: [{ lo: 80, hi: 80 }],
      }),
    ]);
    const inbound = checks(world(h)).subnet('hub', 'app', 'in')!;
    const icmp = {
      proto: PROTO_ICMP,
      src: '203.0.113.5',
      dst: '10.1.1.10',
      sp: [0, 0] as const,
      dp: [8, 8] as const,
    };
    expect(decide(inbound, icmp).rule).toBe('web-any');
    expect(decide(inbound, tcp('203.0.113.5', '10.1.1.10', 80)).rule).toBe('web-any');
    expect(decide(inbound, tcp('203.0.113.5', '10.1.1.10', 81)).rule).toBe('DenyAllInBound');
    // A flow of any protocol is matched only by an all-port rule.
    expect(decide(inbound, { proto: ANY_PROTOCOL, src: '203.0.113.5', dst: '10.1.1.10' }).rule).toBe(
      'DenyAllInBound',
    );
  });

  test('AZ-R27, invariant 50: the defaults allow VirtualNetwork both ways and the internet out, deny the internet in', () => {
    const h = hubWith([]);
    const c = checks(world(h));
    const inbound = c.subnet('hub', 'app', 'in')!;
    const outbound = c.subnet('hub', 'app', 'out')!;
    expect(outbound.entries.map((e) => e.rule)).toEqual([
      'AllowVnetOutBound',
      'AllowInternetOutBound',
      'DenyAllOutBound',
    ]);
    const any = (src: string, dst: string) => ({ proto: ANY_PROTOCOL, src, dst, sp: [0, 65535] as const });
    for (const peer of ['10.1.2.9', '10.2.0.9', '192.168.7.7', '172.20.1.1', '168.63.129.16'])
      expect(decide(inbound, any(peer, '10.1.1.10')).rule).toBe('AllowVnetInBound');
    expect(verdict(inbound, any('203.0.113.5', '10.1.1.10'))).toBe('deny hub/app-nsg DenyAllInBound');
    expect(decide(outbound, any('10.1.1.10', '10.2.0.9')).rule).toBe('AllowVnetOutBound');
    expect(decide(outbound, any('10.1.1.10', '203.0.113.5')).rule).toBe('AllowInternetOutBound');
    // Neither VirtualNetwork nor Internet: a private address nothing connects.
    expect(decide(outbound, any('10.1.1.10', '10.77.0.1')).rule).toBe('DenyAllOutBound');
    expect(decide(inbound, any('168.63.129.16', '10.1.1.10')).allow).toBe(true);
  });

  test('AZ-R28: the subnet and the NIC have separate programs, each NSG compiled where it is met', () => {
    const c = checks();
    expect(c.subnet('hub', 'app', 'in')!.defaultObject).toBe('hub/app-nsg');
    expect(c.host('hub', 'vm1', 0, 'in')!.defaultObject).toBe('spoke/spoke-nsg');
    expect(c.subnet('hub', 'iso', 'in')).not.toBe(c.subnet('hub', 'app', 'in'));
  });

  test('AZ-R29: NSGs are stateful', () => {
    expect(checks().subnet('hub', 'app', 'out')!.stateful).toBe(true);
    expect(checks().host('hub', 'vm1', 0, 'in')!.stateful).toBe(true);
  });
});

describe('Azure service tags (AZ-R30, AZ-R31)', () => {
  const state = stateOf(world());
  const h = state.topology.networks[0]!;
  const app = h.subnets[0]!;
  const data = h.subnets[1]!;
  const has = (r: readonly number[] | null, a: string) =>
    r === null || (contains('0.0.0.0/0', ip4(a)) && inR(r, ip4(a)));
  const inR = (r: readonly number[], a: number) => {
    for (let k = 0; k < r.length; k += 2) if (a >= r[k]! && a <= r[k + 1]!) return true;
    return false;
  };

  test("AZ-R30: VirtualNetwork = the VNet, peered VNets, the gateway's on-premises prefixes, the subnet's UDR prefixes and the host VIP", () => {
    const vnet = azureVirtualNetworkRanges(state, h, app);
    for (const a of ['10.1.0.1', '10.2.255.1', '192.168.100.1', '172.20.9.9', '168.63.129.16'])
      expect(has(vnet, a)).toBe(true);
    for (const a of ['10.3.0.1', '203.0.113.5', '168.63.129.17']) expect(has(vnet, a)).toBe(false);
    // UDR prefixes are the subnet's own table's: `data` has none.
    expect(has(azureVirtualNetworkRanges(state, h, data), '172.20.9.9')).toBe(false);
    // The profile option turns the UDR term off.
    const off = stateOf(world(), {
      profile: {
        ...defaultProfile,
        azure: { ...defaultProfile.azure, virtualNetworkTagIncludesRoutes: false },
      },
    });
    expect(
      has(
        azureVirtualNetworkRanges(off, off.topology.networks[0]!, off.topology.networks[0]!.subnets[0]),
        '172.20.9.9',
      ),
    ).toBe(false);
  });

  test('AZ-R30, AZ-R10: a subnet whose table disables gateway route propagation does not see the on-premises prefixes in VirtualNetwork', () => {
    const noProp = hub({
      routeTables: [
        {
          name: 'rt',
          propagateGatewayRoutes: false,
          routes: [{ prefix: '172.20.0.0/16', nextHop: { type: 'VirtualAppliance', ip: '10.1.2.4' } }],
        },
      ],
    });
    const st = stateOf(world(noProp));
    const net = st.topology.networks[0]!;
    const vnet = azureVirtualNetworkRanges(st, net, net.subnets[0]);
    expect(has(vnet, '192.168.100.1')).toBe(false);
    expect(has(vnet, '172.20.9.9')).toBe(true);
    // `data` has no table: it receives the gateway's routes.
    expect(has(azureVirtualNetworkRanges(st, net, net.subnets[1]), '192.168.100.1')).toBe(true);
    const c = compileFilters(st);
    const pk = { proto: ANY_PROTOCOL, src: '192.168.7.7', dst: '10.1.1.10', sp: [0, 65535] as const };
    expect(decide(c.subnet('hub', 'app', 'in'), pk).rule).toBe('DenyAllInBound');
    // With the option off, no route adds anything: neither the gateway's prefixes nor UDRs.
    const off = stateOf(world(), {
      profile: {
        ...defaultProfile,
        azure: { ...defaultProfile.azure, virtualNetworkTagIncludesRoutes: false },
      },
    });
    const offNet = off.topology.networks[0]!;
    for (const sub of [offNet.subnets[0], offNet.subnets[1], undefined]) {
      const r = azureVirtualNetworkRanges(off, offNet, sub);
      expect(has(r, '192.168.100.1')).toBe(false);
      expect(has(r, '10.2.0.1') && has(r, '168.63.129.16')).toBe(true);
    }
  });

  test('AZ-R30: tag contents follow the routes the gateway learns at time t (same topology, new adverts)', () => {
    const t = world(hub(), {
      sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'], asn: 65010 })],
      connections: [{ name: 'dc-vpn', between: ['hub/vng', 'dc'], bgp: true }],
    });
    const before = stateOf(t);
    const after = stateOf(t, { adverts: { dc: [{ prefix: '172.31.0.0/16' }] } });
    const pk = { proto: ANY_PROTOCOL, src: '172.31.1.1', dst: '10.1.1.10', sp: [0, 65535] as const };
    expect(decide(compileFilters(before).subnet('hub', 'app', 'in'), pk).rule).toBe('DenyAllInBound');
    expect(decide(compileFilters(after).subnet('hub', 'app', 'in'), pk).rule).toBe('AllowVnetInBound');
    expect(decide(compileFilters(before).subnet('hub', 'app', 'in'), pk).rule).toBe('DenyAllInBound');
  });

  test('AZ-R30: a 0.0.0.0/0 UDR makes VirtualNetwork everything, so AllowVnet* admits the internet', () => {
    const h2 = hubWith([], {
      routeTables: [
        {
          name: 'rt',
          routes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'VirtualAppliance', ip: '10.1.2.4' } }],
        },
      ],
    });
    const inbound = checks(world(h2)).subnet('hub', 'app', 'in')!;
    expect(
      decide(inbound, { proto: ANY_PROTOCOL, src: '203.0.113.5', dst: '10.1.1.10', sp: [0, 65535] }).rule,
    ).toBe('AllowVnetInBound');
  });

  test('AZ-R30, invariant 51: Internet is public unicast outside the own and peered VNets; every tag and AzureCloud lie inside it', () => {
    const internet = azureInternetRanges(state, h);
    for (const a of ['203.0.113.5', '20.60.1.1', '168.63.129.16']) expect(has(internet, a)).toBe(true);
    for (const a of [
      '10.1.1.1',
      '10.9.9.9',
      '192.168.1.1',
      '100.64.0.1',
      '127.0.0.1',
      '169.254.1.1',
      '224.0.0.1',
      '0.1.2.3',
    ])
      expect(has(internet, a)).toBe(false);
    const cloud = azureServiceTagRanges(state, h, app, 'AzureCloud')!;
    expect(cloud).toEqual([ip4('20.40.0.0'), ip4('20.40.255.255'), ip4('20.60.0.0'), ip4('20.60.255.255')]);
    for (const tag of ['Storage', 'Sql', 'AzureCloud']) {
      const r = azureServiceTagRanges(state, h, app, tag)!;
      for (let k = 0; k < r.length; k += 2)
        expect(inR(internet, r[k]!) && inR(internet, r[k + 1]!)).toBe(true);
    }
    expect(azureServiceTagRanges(state, h, app, 'AzureLoadBalancer')).toEqual([
      ip4('168.63.129.16'),
      ip4('168.63.129.16'),
    ]);
    expect(azureServiceTagRanges(state, h, app, '*')).toBeNull();
    expect(azureServiceTagRanges(state, h, app, 'storage')).toEqual(
      azureServiceTagRanges(state, h, app, 'Storage'),
    );
  });

  test('AZ-R31: denying Internet also denies Azure services, unless a lower-numbered rule allows their tag', () => {
    const outbound = checks().subnet('hub', 'app', 'out')!;
    expect(verdict(outbound, tcp('10.1.1.10', '20.60.3.3', 443))).toBe('allow hub/app-nsg allow-storage');
    expect(verdict(outbound, tcp('10.1.1.10', '20.40.3.3', 1433))).toBe('deny hub/app-nsg deny-internet');
    expect(decide(outbound, tcp('10.1.1.10', '203.0.113.5', 443)).rule).toBe('deny-internet');
    expect(decide(outbound, tcp('10.1.1.10', '10.2.0.5', 443)).rule).toBe('AllowVnetOutBound');
  });

  test("AZ-R32, AZ-R33: a GatewaySubnet NSG and a thousand rules compile like any other (warnings are validation's)", () => {
    const many = Array.from({ length: 1001 }, (_, i) =>
      rule({
        name: `r${i}`,
        priority: 100 + i,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        destinationPorts: [{ lo: i, hi: i }],
      }),
    );
    const h2 = hub({
      subnets: [{ name: 'GatewaySubnet', cidr: '10.1.255.0/27', networkSecurityGroup: 'gw-nsg' }],
      networkSecurityGroups: [{ name: 'gw-nsg', securityRules: many }],
    });
    const p = checks(world(h2)).subnet('hub', 'GatewaySubnet', 'in')!;
    expect(p.entries).toHaveLength(1001 + 3);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the compiled NSG decision equals a naive oracle (AZ-R26/R27 text: sort by priority,
// the first rule whose protocol, ports, source and destination all match decides).
// ---------------------------------------------------------------------------------------------

const addrChoices = [
  '10.1.1.10',
  '10.2.0.9',
  '192.168.3.3',
  '20.60.1.1',
  '203.0.113.5',
  '168.63.129.16',
  '10.77.0.1',
];
const elementArb = fc.constantFrom(
  '*',
  'VirtualNetwork',
  'Internet',
  'Storage',
  'AzureCloud',
  'AzureLoadBalancer',
  '10.1.0.0/16',
  '203.0.113.0/24',
  '10.2.0.9',
);
const portsArb = fc.oneof(
  fc.constant(ALL),
  fc.array(
    fc.tuple(fc.nat(30), fc.nat(30)).map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) })),
    { minLength: 1, maxLength: 3 },
  ),
);
const ruleArb = fc.record({
  access: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'),
  protocol: fc.constantFrom<NsgRule['protocol']>('Tcp', 'Udp', 'Icmp', '*'),
  source: fc.array(elementArb, { minLength: 1, maxLength: 2 }),
  destination: fc.array(elementArb, { minLength: 1, maxLength: 2 }),
  sourcePorts: portsArb,
  destinationPorts: portsArb,
});

describe('Azure property (invariant 51)', () => {
  test('AZ-R30, AZ-R31, invariant 51: declared tags lie in Internet; a deny of Internet with an allow of T below it admits exactly T', () => {
    // Public prefixes (first octet 11–99, never 10/8 nor the VNets) of length 16 or 24.
    const publicPrefix = fc
      .tuple(fc.integer({ min: 11, max: 99 }), fc.nat(255), fc.nat(255), fc.boolean())
      .map(([a, b, c, wide]) => (wide ? `${a}.${b}.0.0/16` : `${a}.${b}.${c}.0/24`));
    fc.assert(
      fc.property(fc.array(publicPrefix, { minLength: 1, maxLength: 3 }), fc.nat(), (prefixes, pick) => {
        const t = world(
          hubWith([
            rule({
              name: 'allow-t',
              priority: 100,
              direction: 'Outbound',
              access: 'Allow',
              destination: ['T'],
            }),
            DENY_INTERNET,
          ]),
          { serviceTags: { T: prefixes } },
        );
        const st = stateOf(t);
        const h = st.topology.networks[0]!;
        const internet = azureInternetRanges(st, h);
        const tag = azureServiceTagRanges(st, h, h.subnets[0], 'T')!;
        for (let k = 0; k < tag.length; k += 2)
          for (const a of [tag[k]!, tag[k + 1]!]) {
            let inside = false;
            for (let j = 0; j < internet.length; j += 2)
              if (a >= internet[j]! && a <= internet[j + 1]!) inside = true;
            expect(inside).toBe(true);
          }
        const out = compileFilters(st).subnet('hub', 'app', 'out')!;
        // A public destination, half the time inside one of T's prefixes: allowed by allow-t there, else denied.
        const inside = ip4(prefixes[pick % prefixes.length]!.split('/')[0]!) + 7;
        const dst =
          pick % 2 === 0 ? inside : ((pick % 89) + 11) * 0x1000000 + ((pick >>> 8) & 0xffff) * 0x100 + 7;
        const i = firstMatch(out, PROTO_TCP, ip4('10.1.1.10'), dst, 40000, 40000, 443, 443);
        const inT = prefixes.some((p) => contains(p, dst));
        expect(out.entries[i]!.rule).toBe(inT ? 'allow-t' : 'deny-internet');
      }),
      { seed: 5151, numRuns: 200 },
    );
  });
});

describe('Azure property (invariant 49)', () => {
  test('AZ-R26, AZ-R27, invariant 49: the compiled NSG decision equals sort by priority + first match, defaults included', () => {
    const state = stateOf(world());
    const h = state.topology.networks[0]!;
    const app = h.subnets[0]!;
    const tagHas = (el: string, a: number): boolean => {
      const r = azureServiceTagRanges(state, h, app, el);
      if (r === null) return true;
      for (let k = 0; k < r.length; k += 2) if (a >= r[k]! && a <= r[k + 1]!) return true;
      return false;
    };
    fc.assert(
      fc.property(
        numbered(ruleArb, 100, 4096, 6),
        fc.constantFrom<'Inbound' | 'Outbound'>('Inbound', 'Outbound'),
        fc.record({
          proto: fc.constantFrom(ANY_PROTOCOL, PROTO_TCP, PROTO_UDP, PROTO_ICMP),
          src: fc.constantFrom(...addrChoices),
          dst: fc.constantFrom(...addrChoices),
          sp: fc.tuple(fc.nat(30), fc.nat(5)).map(([a, w]) => [a, a + w] as const),
          dp: fc.nat(30),
        }),
        (list, direction, pk) => {
          const custom: NsgRule[] = list.map(([priority, r], i) => ({
            name: `r${i}`,
            priority,
            direction,
            ...r,
          }));
          const t = world(hubWith(custom));
          const p = compileFilters(stateOf(t)).subnet('hub', 'app', direction === 'Inbound' ? 'in' : 'out')!;
          const dp: readonly [number, number] = pk.proto === ANY_PROTOCOL ? [0, 65535] : [pk.dp, pk.dp];
          const sp: readonly [number, number] = pk.proto === ANY_PROTOCOL ? [0, 65535] : pk.sp;
          const got = decide(p, { proto: pk.proto, src: pk.src, dst: pk.dst, sp, dp });
          // Oracle: PROVIDERS.md AZ-R26/AZ-R27 read naively.
          const defaults =
            direction === 'Inbound'
              ? [
                  {
                    name: 'AllowVnetInBound',
                    access: 'Allow',
                    source: ['VirtualNetwork'],
                    destination: ['VirtualNetwork'],
                  },
                  {
                    name: 'AllowAzureLoadBalancerInBound',
                    access: 'Allow',
                    source: ['AzureLoadBalancer'],
                    destination: ['0.0.0.0/0'],
                  },
                  { name: 'DenyAllInBound', access: 'Deny', source: ['*'], destination: ['*'] },
                ]
              : [
                  {
                    name: 'AllowVnetOutBound',
                    access: 'Allow',
                    source: ['VirtualNetwork'],
                    destination: ['VirtualNetwork'],
                  },
                  {
                    name: 'AllowInternetOutBound',
                    access: 'Allow',
                    source: ['0.0.0.0/0'],
                    destination: ['Internet'],
                  },
                  { name: 'DenyAllOutBound', access: 'Deny', source: ['*'], destination: ['*'] },
                ];
          const ordered = [
            ...[...custom].sort((a, b) => a.priority - b.priority),
            ...defaults.map((d) => ({
              ...d,
              protocol: '*' as const,
              sourcePorts: ALL,
              destinationPorts: ALL,
            })),
          ];
          const protoNum = { Tcp: PROTO_TCP, Udp: PROTO_UDP, Icmp: PROTO_ICMP, '*': ANY_PROTOCOL } as Record<
            string,
            number
          >;
          const within = (list: readonly { lo: number; hi: number }[], lo: number, hi: number) => {
            // the packet range lies inside the union of the list
            for (let x = lo; x <= hi; x++) if (!list.some((r) => r.lo <= x && x <= r.hi)) return false;
            return true;
          };
          const hit = ordered.find((r) => {
            const n = protoNum[r.protocol]!;
            if (n !== ANY_PROTOCOL && n !== pk.proto) return false;
            // Ports apply to TCP and UDP; an ICMP packet has none.
            const ported =
              (n === ANY_PROTOCOL || n === PROTO_TCP || n === PROTO_UDP) && pk.proto !== PROTO_ICMP;
            if (ported && !within(r.sourcePorts, sp[0], sp[1])) return false;
            if (ported && !within(r.destinationPorts, dp[0], dp[1])) return false;
            return (
              r.source.some((el) => tagHas(el, ip4(pk.src))) &&
              r.destination.some((el) => tagHas(el, ip4(pk.dst)))
            );
          });
          expect(got.rule).toBe(hit!.name);
          expect(got.allow).toBe(hit!.access === 'Allow');
        },
      ),
      { seed: 4926, numRuns: 400 },
    );
  });
});
