// Over 400 lines: the cases of one subject (validate), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * validateTopology: one case per rule, the rule id as `code`, the JSON path, and messages that
 * say what to do ("… — …").
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { validateTopology } from '@cloudroute/model';
import type { Diagnostic, Network, Topology } from '@cloudroute/model';
import { anyPrefix, awsCase, azureCase, runs } from './arbitraries.js';
import { awsVpc, azureHub, network, site, topology } from './fixtures.js';

const codes = (t: Topology): string[] => validateTopology(t).map((d) => `${d.severity} ${d.code}`);
const only = (t: Topology, code: string): Diagnostic[] => validateTopology(t).filter((d) => d.code === code);

const aws = (extra: Partial<Network>): Network =>
  awsVpc({
    subnets: [{ name: 'a', cidr: '10.0.1.0/24' }],
    ...extra,
  });
const azure = (extra: Partial<Network>): Network =>
  azureHub({
    cidrs: ['10.1.0.0/16'],
    subnets: [
      { name: 'web', cidr: '10.1.1.0/24' },
      { name: 'GatewaySubnet', cidr: '10.1.255.0/27' },
    ],
    ...extra,
  });

describe('validateTopology', () => {
  test('never throws, and every message says what to do', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          awsCase.map((c) => c.topology),
          azureCase.map((c) => c.topology),
        ),
        (t) => {
          for (const d of validateTopology(t)) {
            expect(d.message).toMatch(/ — /);
            expect(['error', 'warning']).toContain(d.severity);
          }
        },
      ),
      runs(31),
    );
    const bad = topology({
      networks: [
        aws({
          cidrs: ['10.0.0.0/33'],
          routeTables: [{ name: 'rt', routes: [{ prefix: 'nope', nextHop: { type: 'local' } }] }],
        }),
      ],
    });
    expect(codes(bad)).toEqual(['error bad-prefix', 'error bad-prefix']);
    expect(validateTopology(bad)[1]!.path).toEqual(['networks', 0, 'routeTables', 0, 'routes', 0, 'prefix']);
  });

  test('subnets inside the network and not overlapping', () => {
    const t = topology({
      networks: [
        aws({
          subnets: [
            { name: 'a', cidr: '10.0.1.0/24' },
            { name: 'b', cidr: '10.0.1.128/25' },
            { name: 'c', cidr: '10.9.0.0/24' },
          ],
        }),
      ],
    });
    expect(codes(t)).toEqual(['error subnet-outside-network', 'error overlapping-subnets']);
  });

  describe('AWS', () => {
    test('AWS-R4: a more specific route that is not a whole subnet to nat/eni is refused', () => {
      const t = topology({
        networks: [
          aws({
            gateways: [
              { name: 'igw1', kind: 'igw' },
              { name: 'nat1', kind: 'nat', subnet: 'a' },
            ],
            routeTables: [
              {
                name: 'rt',
                routes: [
                  { prefix: '10.0.1.0/25', nextHop: { type: 'nat', gateway: 'nat1' } },
                  { prefix: '10.0.1.0/24', nextHop: { type: 'igw', gateway: 'igw1' } },
                  { prefix: '10.0.1.0/24', nextHop: { type: 'nat', gateway: 'nat1' } },
                  { prefix: '10.0.0.0/16', nextHop: { type: 'nat', gateway: 'nat1' } },
                ],
              },
            ],
          }),
        ],
      });
      expect(only(t, 'AWS-R4').map((d) => d.path[5])).toEqual([0, 1]);
      expect(only(t, 'AWS-R4')[0]!.message).toContain('whole subnet CIDR');
    });

    test('AWS-R13: VPC and subnet sizes /16–/28', () => {
      expect(
        codes(
          topology({
            networks: [aws({ cidrs: ['10.0.0.0/8'], subnets: [{ name: 'a', cidr: '10.0.1.0/29' }] })],
          }),
        ),
      ).toEqual(['error AWS-R13', 'error AWS-R13']);
    });

    test('AWS-R10: one main table; AWS-R14: more than 50 routes is a quota warning', () => {
      const routes = Array.from({ length: 51 }, (_, i) => ({
        prefix: `172.16.${i}.0/24`,
        nextHop: { type: 'blackhole' as const },
      }));
      const t = topology({
        networks: [
          aws({
            routeTables: [
              { name: 'a', main: true, routes },
              { name: 'b', main: true, routes: [] },
            ],
          }),
        ],
      });
      expect(codes(t)).toEqual(['error AWS-R10', 'warning AWS-R14']);
    });

    test('AWS-R12 / AWS-R9: missing targets are blackholes; an appliance must have source/destination check off', () => {
      const t = topology({
        networks: [
          aws({
            hosts: [{ name: 'fw', subnet: 'a', ip: '10.0.1.5' }],
            routeTables: [
              {
                name: 'rt',
                routes: [
                  { prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw-nope' } },
                  { prefix: '172.16.0.0/12', nextHop: { type: 'eni', ip: '10.0.1.99' } },
                  { prefix: '192.168.0.0/16', nextHop: { type: 'eni', ip: '10.0.1.5' } },
                ],
              },
            ],
          }),
        ],
      });
      expect(codes(t)).toEqual(['warning AWS-R12', 'warning AWS-R12', 'warning AWS-R9']);
    });

    test('AWS-R21, AWS-R22, AWS-R23, AWS-R24: ASNs, tunnels, one VGW', () => {
      const t = topology({
        networks: [
          aws({
            gateways: [
              { name: 'vgw1', kind: 'vgw', asn: 100 },
              { name: 'vgw2', kind: 'vgw' },
              { name: 'tgw', kind: 'tgw', asn: 7224 },
            ],
          }),
        ],
        sites: [
          site({ name: 'a', cidrs: ['192.168.1.0/24'], asn: 4200000001 }),
          site({ name: 'b', cidrs: ['192.168.2.0/24'], asn: 64512 }),
        ],
        connections: [
          { name: 'ca', between: ['vpc/vgw1', 'a'], bgp: true, tunnels: 1 },
          { name: 'cb', between: ['vpc/vgw2', 'b'], bgp: true },
        ],
      });
      expect(codes(t)).toEqual([
        'error AWS-R24',
        'error AWS-R21',
        'error AWS-R33',
        'error AWS-R23',
        'error AWS-R22',
        'error AWS-R21',
      ]);
      expect(validateTopology(t)[4]!.path).toEqual(['sites', 0, 'asn']);
    });
  });

  describe('Azure', () => {
    test('AZ-R16: a VPN gateway needs GatewaySubnet (/29 or larger) with nothing else in it', () => {
      expect(
        codes(
          topology({
            networks: [
              azure({
                subnets: [{ name: 'web', cidr: '10.1.1.0/24' }],
                gateways: [{ name: 'vng', kind: 'vpn' }],
              }),
            ],
          }),
        ),
      ).toEqual(['error AZ-R16']);
      const small = azure({
        subnets: [{ name: 'GatewaySubnet', cidr: '10.1.255.0/30' }],
        hosts: [{ name: 'vm', subnet: 'GatewaySubnet', ip: '10.1.255.1' }],
        gateways: [{ name: 'vng', kind: 'vpn' }],
      });
      expect(codes(topology({ networks: [small] }))).toEqual([
        'error AZ-R12',
        'error AZ-R16',
        'error AZ-R16',
      ]);
    });

    test('AZ-R6: appliance next hops — no NIC, no IP forwarding, inside the served subnet', () => {
      const t = topology({
        networks: [
          azure({
            subnets: [{ name: 'web', cidr: '10.1.1.0/24', routeTable: 'rt' }],
            hosts: [{ name: 'fw', subnet: 'web', ip: '10.1.1.4' }],
            routeTables: [
              {
                name: 'rt',
                routes: [
                  { prefix: '10.2.0.0/16', nextHop: { type: 'VirtualAppliance', ip: '10.1.9.9' } },
                  { prefix: '10.3.0.0/16', nextHop: { type: 'VirtualAppliance', ip: '10.1.1.4' } },
                ],
              },
            ],
          }),
        ],
      });
      const d = only(t, 'AZ-R6');
      expect(d.map((x) => `${x.severity} ${x.path[5]}`)).toEqual(['warning 0', 'warning 1', 'warning 1']);
      expect(d[0]!.message).toContain('next-hop-not-forwarding');
    });

    test('AZ-R6: an appliance in a peered VNet is a valid next hop', () => {
      const t = topology({
        networks: [
          azure({
            subnets: [{ name: 'web', cidr: '10.1.1.0/24', routeTable: 'rt' }],
            routeTables: [
              {
                name: 'rt',
                routes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'VirtualAppliance', ip: '10.9.0.4' } }],
              },
            ],
          }),
          network({
            name: 'hubfw',
            provider: 'azure',
            cidrs: ['10.9.0.0/16'],
            subnets: [{ name: 'fw', cidr: '10.9.0.0/24' }],
            hosts: [{ name: 'fw1', subnet: 'fw', ip: '10.9.0.4', ipForwarding: true }],
          }),
        ],
        peerings: [{ between: ['hub', 'hubfw'] }],
      });
      expect(validateTopology(t)).toEqual([]);
    });

    test('AZ-R5, AZ-R10, duplicate routes', () => {
      const t = topology({
        networks: [
          azure({
            subnets: [{ name: 'GatewaySubnet', cidr: '10.1.255.0/27', routeTable: 'rt' }],
            routeTables: [
              {
                name: 'rt',
                routes: [
                  { prefix: '0.0.0.0/0', nextHop: { type: 'VirtualNetworkGateway' } },
                  { prefix: '0.0.0.0/0', nextHop: { type: 'Internet' } },
                  { prefix: '10.5.0.0/16', nextHop: { type: 'igw', gateway: 'x' } },
                ],
              },
            ],
          }),
        ],
      });
      expect(codes(t)).toEqual([
        'warning AZ-R10',
        'warning AZ-R5',
        'error duplicate-route',
        'warning AZ-R10',
        'error AZ-R5',
      ]);
    });

    test('AZ-R18, AZ-R22, AZ-R23: BGP needs a route-based non-Basic gateway; prefix limit; reserved ASNs', () => {
      const many = Array.from({ length: 4001 }, (_, i) => ({
        prefix: `172.${16 + (i >> 8)}.${i & 255}.0/24`,
      }));
      const t = topology({
        networks: [
          azure({
            gateways: [{ name: 'vng', kind: 'vpn', vpnType: 'PolicyBased', sku: 'Basic', asn: 8075 }],
          }),
        ],
        sites: [
          site({ name: 'a', cidrs: ['192.168.1.0/24'], asn: 65517, advertise: many }),
          site({ name: 'b', cidrs: ['192.168.2.0/24'], asn: 8075, bgpPeerIp: '10.1.1.7' }),
        ],
        connections: [
          { name: 'ca', between: ['hub/vng', 'a'], bgp: true },
          { name: 'cb', between: ['hub/vng', 'b'], bgp: false },
        ],
      });
      expect(codes(t)).toEqual([
        'error AZ-R23',
        'error AZ-R18',
        'error AZ-R18',
        'error AZ-R23',
        'warning AZ-R22',
        'error AZ-R23',
        'error AZ-R21',
      ]);
    });

    test('AZ-R23: 65515 is the gateway default and fine on the gateway, refused on-premises', () => {
      const t = topology({
        networks: [azure({ gateways: [{ name: 'vng', kind: 'vpn', asn: 65515 }] })],
        sites: [site({ name: 'a', cidrs: ['192.168.1.0/24'], asn: 65515 })],
        connections: [{ name: 'ca', between: ['hub/vng', 'a'], bgp: true }],
      });
      expect(only(t, 'AZ-R23').map((d) => d.path)).toEqual([['sites', 0, 'asn']]);
    });
  });

  describe('GCP', () => {
    const gcp = (extra: Partial<Network>): Network =>
      network({
        name: 'corp',
        provider: 'gcp',
        subnets: [{ name: 'app', cidr: '10.20.0.0/24', region: 'us-central1' }],
        ...extra,
      });

    test('GCP-R12: a static route equal to or inside a local or peered subnet range is refused', () => {
      fc.assert(
        fc.property(anyPrefix, (p) => {
          const t = topology({
            networks: [
              gcp({
                routes: [{ prefix: p, nextHop: { type: 'gateway', gateway: 'default-internet-gateway' } }],
              }),
              gcp({ name: 'peer', subnets: [{ name: 'x', cidr: '10.30.0.0/16' }] }),
            ],
            peerings: [{ between: ['corp', 'peer'] }],
          });
          const [net, len] = p.split('/');
          const o = net!.split('.').map(Number);
          const inside = (a: number, b: number, l: number): boolean =>
            Number(len) >= l && o[0] === 10 && o[1] === a && (l < 24 || o[2] === b);
          expect(only(t, 'GCP-R12').length).toBe(inside(20, 0, 24) || inside(30, 0, 16) ? 1 : 0);
        }),
        runs(32),
      );
    });

    test('GCP-R3, GCP-R5, GCP-R6, GCP-R13, GCP-R19', () => {
      const t = topology({
        networks: [
          gcp({
            hosts: [{ name: 'vm', subnet: 'app', ip: '10.20.0.5' }],
            routes: [
              { prefix: '10.50.0.0/16', priority: 70000, nextHop: { type: 'instance', host: 'vm' } },
              { prefix: '10.51.0.0/16', nextHop: { type: 'vpnTunnel', connection: 'ha' } },
              { prefix: '10.52.0.0/16', nextHop: { type: 'address', ip: '10.20.0.77' } },
            ],
            gateways: [
              { name: 'r', kind: 'cloudRouter', asn: 15169, keepalive: 10 },
              { name: 'havpn', kind: 'haVpn', router: 'r' },
            ],
          }),
          gcp({ name: 'peer' }),
        ],
        sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'] })],
        connections: [{ name: 'ha', between: ['corp/havpn', 'dc'], bgp: true }],
        peerings: [{ between: ['corp', 'peer'] }],
      });
      expect(codes(t)).toEqual([
        'error GCP-R3',
        'warning GCP-R5',
        'error GCP-R5',
        'warning GCP-R6',
        'error GCP-R19',
        'error GCP-R19',
        'error GCP-R13',
      ]);
    });
  });

  describe('OpenStack', () => {
    const os = (extra: Partial<Network>): Network =>
      network({
        name: 'app',
        provider: 'openstack',
        subnets: [{ name: 'app-sub', cidr: '192.168.10.0/24', gatewayIp: '192.168.10.1' }],
        ...extra,
      });

    test('OS-R7, OS-R8: pairs and security groups need port security; at most 10 pairs; no duplicates', () => {
      const pairs = Array.from({ length: 11 }, (_, i) => ({ ip: `10.0.${i}.0/24` }));
      const t = topology({
        networks: [
          os({
            hosts: [
              {
                name: 'a',
                subnet: 'app-sub',
                ip: '192.168.10.5',
                portSecurity: false,
                allowedAddressPairs: [{ ip: '10.0.0.0/8' }],
                securityGroups: ['default'],
              },
              {
                name: 'b',
                ports: [
                  {
                    subnet: 'app-sub',
                    ip: '192.168.10.6',
                    allowedAddressPairs: [...pairs, { ip: '10.0.0.0/24' }, { ip: '192.168.10.6' }],
                  },
                ],
              },
            ],
          }),
        ],
      });
      expect(codes(t)).toEqual(['error OS-R8', 'error OS-R8', 'error OS-R7', 'error OS-R7', 'error OS-R7']);
      expect(validateTopology(t)[0]!.path).toEqual(['networks', 0, 'hosts', 0, 'allowedAddressPairs']);
      expect(validateTopology(t)[2]!.path).toEqual([
        'networks',
        0,
        'hosts',
        1,
        'ports',
        0,
        'allowedAddressPairs',
      ]);
    });

    test('OS-R14: extra-route next hops must be on a connected subnet and not the router itself; at most 30', () => {
      const routes = [
        { prefix: '10.99.0.0/16', nextHop: { type: 'ip' as const, ip: '192.168.10.254' } },
        { prefix: '10.98.0.0/16', nextHop: { type: 'ip' as const, ip: '172.16.0.1' } },
        { prefix: '10.97.0.0/16', nextHop: { type: 'ip' as const, ip: '192.168.10.1' } },
        ...Array.from({ length: 28 }, (_, i) => ({
          prefix: `10.${i}.0.0/16`,
          nextHop: { type: 'ip' as const, ip: '192.168.10.254' },
        })),
      ];
      const t = topology({
        networks: [os({ gateways: [{ name: 'r1', kind: 'router', interfaces: ['app-sub'], routes }] })],
      });
      expect(codes(t)).toEqual(['error OS-R14', 'error OS-R14', 'error OS-R14']);
      expect(validateTopology(t)[1]!.path).toEqual(['networks', 0, 'gateways', 0, 'routes', 1, 'nextHop']);
    });

    test('OS-R15: a floating IP needs a router with a gateway on an external network; OS-R2: gatewayIp inside the subnet', () => {
      const bad = topology({
        networks: [
          os({
            subnets: [{ name: 'app-sub', cidr: '192.168.10.0/24', gatewayIp: '10.0.0.1' }],
            hosts: [{ name: 'web', subnet: 'app-sub', ip: '192.168.10.10', publicIp: true }],
          }),
        ],
      });
      expect(codes(bad)).toEqual(['error OS-R2', 'error OS-R15']);
      const good = topology({
        networks: [
          os({
            hosts: [{ name: 'web', subnet: 'app-sub', ip: '192.168.10.10', publicIp: true }],
            gateways: [
              { name: 'r1', kind: 'router', interfaces: ['app-sub'], externalGateway: { network: 'public' } },
            ],
          }),
          network({
            name: 'public',
            provider: 'openstack',
            external: true,
            subnets: [{ name: 'pub', cidr: '203.0.113.0/24' }],
          }),
        ],
      });
      expect(validateTopology(good)).toEqual([]);
    });
  });
});
