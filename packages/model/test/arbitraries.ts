/**
 * fast-check arbitraries of AWS and Azure networks with route sets, built from small integers so
 * that shrinking gives readable counterexamples. Prefixes are canonical text.
 */
import fc from 'fast-check';
import type { NextHop, Route, Topology } from '@cloudroute/model';
import { awsVpc, azureHub, network, site, topology } from './fixtures.js';
import { pfx } from './oracle.js';

/** Any IPv4 prefix. */
export const anyPrefix = fc
  .tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([a, l]) => pfx(a, l));

/** A prefix inside `base` (text) with length in [base length, 32]. */
export function prefixInside(baseNet: number, baseLen: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: baseLen, max: 32 }))
    .map(([a, l]) =>
      pfx(
        ((baseNet >>> 0) | (a & (baseLen === 0 ? 0xffffffff : ~((0xffffffff << (32 - baseLen)) >>> 0)))) >>>
          0,
        l,
      ),
    );
}

/**
 * Up to `maxLength` items of `item`, each paired with a distinct number in [min, max]: the rule
 * numbers of an AWS network ACL, the priorities of an Azure NSG.
 */
export function numbered<T>(
  item: fc.Arbitrary<T>,
  min: number,
  max: number,
  maxLength: number,
): fc.Arbitrary<[number, T][]> {
  return fc.uniqueArray(fc.tuple(fc.integer({ min, max }), item), { selector: (e) => e[0], maxLength });
}

// ---------------------------------------------------------------------------------------------
// AWS
// ---------------------------------------------------------------------------------------------

export const AWS_TARGETS = [
  'igw',
  'nat',
  'eni',
  'eni-missing',
  'vgw',
  'peering',
  'blackhole',
  'igw-missing',
] as const;
export type AwsTarget = (typeof AWS_TARGETS)[number];

export interface AwsCase {
  readonly topology: Topology;
  /** VPC 10.x.0.0/16. */
  readonly vpcCidr: string;
  readonly subnets: readonly string[];
  readonly routes: readonly Route[];
}

export function awsHop(target: AwsTarget, subnets: readonly string[], pick: number): NextHop {
  switch (target) {
    case 'igw':
      return { type: 'igw', gateway: 'igw1' };
    case 'igw-missing':
      return { type: 'igw', gateway: 'igw-gone' };
    case 'nat':
      return { type: 'nat', gateway: 'nat1' };
    case 'eni': {
      const s = subnets[pick % subnets.length]!;
      return { type: 'eni', ip: s.replace(/\.0\/24$/, '.10') };
    }
    case 'eni-missing':
      return { type: 'eni', ip: '192.0.2.77' };
    case 'vgw':
      return { type: 'vgw', gateway: 'vgw1' };
    case 'peering':
      return { type: 'peering', gateway: 'pcx1' };
    case 'blackhole':
      return { type: 'blackhole' };
  }
}

const routeSpec = fc.record({
  mode: fc.constantFrom('subnet', 'inside', 'vpc', 'outside'),
  addr: fc.nat({ max: 0xffffffff }),
  len: fc.integer({ min: 0, max: 32 }),
  target: fc.constantFrom(...AWS_TARGETS),
  pick: fc.nat({ max: 7 }),
});

/**
 * A VPC 10.x.0.0/16 with 1–4 /24 subnets (each with an appliance at .10, source/destination check
 * off), an IGW, a NAT gateway, a VGW with propagation on the subnets' table, a peering `pcx1`, and
 * a site advertising random prefixes over BGP: static routes at, inside and outside the VPC
 * CIDR, with targets of every kind (missing ones included).
 */
export const awsCase: fc.Arbitrary<AwsCase> = fc
  .record({
    x: fc.integer({ min: 0, max: 255 }),
    thirds: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
    routes: fc.array(routeSpec, { maxLength: 8 }),
    adverts: fc.array(
      fc.record({
        mode: fc.constantFrom('subnet', 'inside', 'vpc', 'outside'),
        addr: fc.nat({ max: 0xffffffff }),
        len: fc.integer({ min: 0, max: 32 }),
        pick: fc.nat({ max: 7 }),
      }),
      { maxLength: 8 },
    ),
    propagate: fc.boolean(),
    main: fc.boolean(),
  })
  .map(({ x, thirds, routes, adverts, propagate, main }) => {
    const vpcCidr = `10.${x}.0.0/16`;
    const subnets = thirds.map((t) => `10.${x}.${t}.0/24`);
    const vpcNet = (10 * 256 + x) * 65536;
    const place = (r: { mode: string; addr: number; len: number; pick: number }): string => {
      switch (r.mode) {
        case 'subnet':
          return subnets[r.pick % subnets.length]!;
        case 'inside':
          return pfx((vpcNet | (r.addr & 0xffff)) >>> 0, Math.max(17, r.len));
        case 'vpc':
          return vpcCidr;
        default:
          return pfx(r.addr, r.len);
      }
    };
    const rs: Route[] = routes.map((r, i) => {
      let prefix: string;
      switch (r.mode) {
        case 'subnet':
          prefix = subnets[r.pick % subnets.length]!;
          break;
        case 'inside':
          prefix = pfx((vpcNet | (r.addr & 0xffff)) >>> 0, Math.max(17, r.len));
          break;
        case 'vpc':
          prefix = vpcCidr;
          break;
        case 'outside':
          prefix = pfx(r.addr, r.len);
          break;
      }
      return { name: `r${i}`, prefix, nextHop: awsHop(r.target, subnets, r.pick) };
    });
    const t = topology({
      networks: [
        awsVpc({
          cidrs: [vpcCidr],
          subnets: subnets.map((cidr, i) =>
            main ? { name: `s${i}`, cidr } : { name: `s${i}`, cidr, routeTable: 'rt' },
          ),
          routeTables: [{ name: 'rt', main, propagateGatewayRoutes: propagate, routes: rs }],
          hosts: subnets.map((cidr, i) => ({
            name: `eni${i}`,
            subnet: `s${i}`,
            ip: cidr.replace(/\.0\/24$/, '.10'),
            sourceDestCheck: false,
          })),
          gateways: [
            { name: 'igw1', kind: 'igw' },
            { name: 'nat1', kind: 'nat', subnet: 's0' },
            { name: 'vgw1', kind: 'vgw', asn: 64512 },
          ],
        }),
        network({
          name: 'peer',
          provider: 'aws',
          cidrs: ['172.31.0.0/16'],
          subnets: [{ name: 'p0', cidr: '172.31.0.0/24' }],
        }),
      ],
      sites: [
        site({
          name: 'dc',
          cidrs: ['192.168.0.0/16'],
          asn: 65001,
          advertise: adverts.map((a) => ({ prefix: place(a) })),
        }),
      ],
      connections: [{ name: 'vpn1', between: ['vpc/vgw1', 'dc'], bgp: true }],
      peerings: [{ name: 'pcx1', between: ['vpc', 'peer'] }],
    });
    return { topology: t, vpcCidr, subnets, routes: rs };
  });

// ---------------------------------------------------------------------------------------------
// Azure
// ---------------------------------------------------------------------------------------------

export const AZ_HOPS = [
  'VirtualAppliance',
  'VirtualAppliance-missing',
  'VirtualNetworkGateway',
  'VnetLocal',
  'Internet',
  'None',
] as const;
export type AzHop = (typeof AZ_HOPS)[number];

export function azHop(h: AzHop): NextHop {
  switch (h) {
    case 'VirtualAppliance':
      return { type: 'VirtualAppliance', ip: '10.0.100.4' };
    case 'VirtualAppliance-missing':
      return { type: 'VirtualAppliance', ip: '10.0.100.99' };
    case 'VirtualNetworkGateway':
      return { type: 'VirtualNetworkGateway' };
    case 'VnetLocal':
      return { type: 'VnetLocal' };
    case 'Internet':
      return { type: 'Internet' };
    case 'None':
      return { type: 'None' };
  }
}

/** Prefixes that often collide with Azure's system and VNet routes. */
const azurePrefix = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0.0.0.0/0',
      '10.0.0.0/8',
      '10.0.0.0/16',
      '10.0.1.0/24',
      '10.1.0.0/16',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '100.64.0.0/10',
      '10.10.0.0/16',
    ),
  },
  { weight: 2, arbitrary: prefixInside(0x0a000000, 8) },
  { weight: 1, arbitrary: anyPrefix },
);

export interface AzureCase {
  readonly topology: Topology;
  /** UDRs of `rt`, the table of hub/app. */
  readonly udrs: readonly Route[];
  readonly adverts: readonly string[];
  readonly statics: readonly string[];
}

/**
 * Hub VNet 10.0.0.0/16 (app 10.0.1.0/24 with table `rt`, nva 10.0.100.0/24 with an appliance at
 * 10.0.100.4, GatewaySubnet) peered with spoke 10.1.0.0/16; a VPN gateway with a BGP site
 * advertising random prefixes and a static site with random cidrs; random UDRs.
 */
export const azureCase: fc.Arbitrary<AzureCase> = fc
  .record({
    udrs: fc.uniqueArray(fc.record({ prefix: azurePrefix, hop: fc.constantFrom(...AZ_HOPS) }), {
      maxLength: 8,
      selector: (r) => r.prefix,
    }),
    adverts: fc.array(azurePrefix, { maxLength: 8 }),
    statics: fc.uniqueArray(fc.oneof(azurePrefix, fc.constant('10.20.0.0/16')), {
      minLength: 1,
      maxLength: 3,
    }),
    propagate: fc.boolean(),
  })
  .map(({ udrs, adverts, statics, propagate }) => {
    const routes: Route[] = udrs.map((u, i) => ({ name: `u${i}`, prefix: u.prefix, nextHop: azHop(u.hop) }));
    const t = topology({
      networks: [
        azureHub({
          subnets: [
            { name: 'app', cidr: '10.0.1.0/24', routeTable: 'rt' },
            { name: 'other', cidr: '10.0.2.0/24' },
            { name: 'nva', cidr: '10.0.100.0/24' },
            { name: 'GatewaySubnet', cidr: '10.0.255.0/27' },
          ],
          routeTables: [{ name: 'rt', propagateGatewayRoutes: propagate, routes }],
          hosts: [{ name: 'nva1', subnet: 'nva', ip: '10.0.100.4', ipForwarding: true }],
          gateways: [{ name: 'vng', kind: 'vpn', vpnType: 'RouteBased', sku: 'VpnGw2', asn: 65515 }],
        }),
        network({
          name: 'spoke',
          provider: 'azure',
          cidrs: ['10.1.0.0/16'],
          subnets: [{ name: 'a', cidr: '10.1.0.0/24' }],
        }),
      ],
      sites: [
        site({
          name: 'bgpsite',
          cidrs: ['192.168.50.0/24'],
          asn: 65010,
          advertise: adverts.map((prefix) => ({ prefix })),
        }),
        site({ name: 'staticsite', cidrs: statics }),
      ],
      connections: [
        { name: 'bgp1', between: ['hub/vng', 'bgpsite'], bgp: true },
        { name: 'static1', between: ['hub/vng', 'staticsite'], bgp: false },
      ],
      peerings: [{ between: ['hub', 'spoke'] }],
    });
    return { topology: t, udrs: routes, adverts, statics };
  });

/** Run options: pinned seeds (STYLE.md), 200 runs. */
export function runs(seed: number): { seed: number; numRuns: number } {
  return { seed, numRuns: 200 };
}
