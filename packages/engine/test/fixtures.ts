/**
 * Small topologies for the engine's tests, one per provider family, shaped like the contract
 * examples (shared/examples), built with {@link network}, and a profile equal to the model's default.
 */
import { defaultProfile } from '@cloudroute/model';
import type { Network, Provider, ProviderProfile, Topology } from '@cloudroute/model';
import type { TimelineAction, TimelineInput } from '../src/index.js';

/** The model's default profile: the engine's tests time their lifecycles by its documented values. */
export const profile: ProviderProfile = defaultProfile;

/** A network's fields besides its name and provider, written in {@link Network}'s order (the built object's). */
type NetworkParts = Partial<Omit<Network, 'name' | 'provider'>>;

/** Network `name` of `provider` with `parts`; no address space, subnets, tables, hosts or gateways otherwise. */
export function network(name: string, provider: Provider, parts: NetworkParts = {}): Network {
  return { name, provider, cidrs: [], subnets: [], routeTables: [], hosts: [], gateways: [], ...parts };
}

/** An Azure hub: active-active VNG (default peer IPs 10.1.255.4/.5), a BGP site peering from a loopback, a static branch. */
export function azureHub(
  opts: {
    activeActive?: boolean;
    sku?: string;
    vpnType?: 'RouteBased' | 'PolicyBased';
    siteRoutes?: boolean;
  } = {},
): Topology {
  const aa = opts.activeActive ?? true;
  return {
    networks: [
      network('hub', 'azure', {
        cidrs: ['10.1.0.0/16'],
        subnets: [
          { name: 'web', cidr: '10.1.1.0/24', routeTable: 'web-rt' },
          { name: 'nva', cidr: '10.1.2.0/24' },
          { name: 'private', cidr: '10.1.3.0/24', defaultOutboundAccess: false },
          { name: 'GatewaySubnet', cidr: '10.1.255.0/27', routeTable: 'gw-rt' },
        ],
        routeTables: [
          {
            name: 'web-rt',
            propagateGatewayRoutes: true,
            routes: [
              {
                name: 'to-spoke',
                prefix: '10.2.0.0/16',
                nextHop: { type: 'VirtualAppliance', ip: '10.1.2.4' },
              },
            ],
          },
          { name: 'gw-rt', routes: [] },
        ],
        hosts: [
          { name: 'nva1', subnet: 'nva', ip: '10.1.2.4', ipForwarding: true },
          { name: 'web1', subnet: 'web', ip: '10.1.1.10' },
        ],
        gateways: [
          {
            name: 'vng1',
            kind: 'vpn',
            vpnType: opts.vpnType ?? 'RouteBased',
            sku: opts.sku ?? 'VpnGw2',
            activeActive: aa,
            asn: 65515,
          },
        ],
      }),
      network('spoke', 'azure', { cidrs: ['10.2.0.0/16'], subnets: [{ name: 'app', cidr: '10.2.1.0/24' }] }),
    ],
    sites: [
      {
        name: 'dc1',
        cidrs: ['192.168.0.0/16'],
        asn: 65010,
        bgpPeerIp: '192.168.255.1',
        routes:
          opts.siteRoutes === false
            ? []
            : [
                { prefix: '10.1.255.4/32', via: 'dc1-vpn' },
                { prefix: '10.1.255.5/32', via: 'dc1-vpn' },
              ],
      },
      { name: 'branch', cidrs: ['172.16.8.0/22'] },
    ],
    connections: [
      { name: 'dc1-vpn', between: ['hub/vng1', 'dc1'], bgp: true },
      { name: 'branch-vpn', between: ['hub/vng1', 'branch'], bgp: false },
    ],
    peerings: [{ between: ['hub', 'spoke'] }],
  };
}

/** An AWS VPC: public and private subnets, an appliance subnet, IGW, NAT, VGW to a BGP site, a peer VPC. */
export function awsVpc(): Topology {
  return {
    networks: [
      network('prod', 'aws', {
        cidrs: ['172.20.0.0/16'],
        subnets: [
          { name: 'public', cidr: '172.20.1.0/24', routeTable: 'public-rt' },
          { name: 'app', cidr: '172.20.2.0/24', routeTable: 'private-rt' },
          { name: 'inspect', cidr: '172.20.9.0/24' },
        ],
        routeTables: [
          { name: 'main', main: true, routes: [] },
          { name: 'public-rt', routes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw1' } }] },
          {
            name: 'private-rt',
            propagateGatewayRoutes: true,
            routes: [
              { prefix: '0.0.0.0/0', nextHop: { type: 'nat', gateway: 'nat1' } },
              { prefix: '10.60.0.0/16', nextHop: { type: 'peering', gateway: 'prod-shared' } },
            ],
          },
        ],
        hosts: [
          { name: 'fw1', subnet: 'inspect', ip: '172.20.9.10', sourceDestCheck: false },
          { name: 'api1', subnet: 'app', ip: '172.20.2.20' },
        ],
        gateways: [
          { name: 'igw1', kind: 'igw' },
          { name: 'nat1', kind: 'nat', subnet: 'public' },
          { name: 'vgw1', kind: 'vgw', asn: 64512 },
        ],
      }),
      network('shared', 'aws', {
        cidrs: ['10.60.0.0/16'],
        subnets: [{ name: 'tools', cidr: '10.60.1.0/24' }],
      }),
    ],
    sites: [{ name: 'dc', cidrs: ['10.99.0.0/16'], asn: 65001 }],
    connections: [{ name: 'dc-vpn', between: ['prod/vgw1', 'dc'], bgp: true }],
    peerings: [{ name: 'prod-shared', between: ['prod', 'shared'] }],
  };
}

/** A GCP network with HA and Classic VPN beside an OpenStack project with an appliance between two networks. */
export function gcpOpenstack(): Topology {
  return {
    networks: [
      network('corp', 'gcp', {
        subnets: [
          { name: 'app', cidr: '10.20.0.0/24', region: 'us-central1', secondaryCidrs: ['10.30.0.0/20'] },
          { name: 'east', cidr: '10.21.0.0/24', region: 'us-east1' },
        ],
        hosts: [
          { name: 'vm1', subnet: 'app', ip: '10.20.0.10', tags: ['egress-fw'] },
          { name: 'fw1', subnet: 'app', ip: '10.20.0.5', ipForwarding: true },
        ],
        gateways: [
          { name: 'rtr1', kind: 'cloudRouter', region: 'us-central1', asn: 64514, keepalive: 20 },
          { name: 'havpn1', kind: 'haVpn', region: 'us-central1', router: 'rtr1' },
          { name: 'cvpn1', kind: 'classicVpn', region: 'us-central1' },
        ],
        routes: [
          {
            name: 'lab',
            prefix: '10.50.200.0/24',
            priority: 1000,
            nextHop: { type: 'vpnTunnel', connection: 'lab-vpn' },
          },
        ],
      }),
      network('app', 'openstack', {
        subnets: [{ name: 'app-sub', cidr: '192.168.10.0/24', gatewayIp: '192.168.10.1' }],
        hosts: [
          { name: 'web1', subnet: 'app-sub', ip: '192.168.10.10' },
          {
            name: 'fw2',
            ipForwarding: true,
            ports: [
              { subnet: 'app-sub', ip: '192.168.10.254', allowedAddressPairs: [{ ip: '192.168.20.0/24' }] },
              {
                subnet: 'data/data-sub',
                ip: '192.168.20.254',
                allowedAddressPairs: [{ ip: '192.168.10.0/24' }],
              },
            ],
          },
        ],
        gateways: [
          {
            name: 'r1',
            kind: 'router',
            interfaces: ['app-sub'],
            routes: [{ prefix: '10.99.0.0/16', nextHop: { type: 'ip', ip: '192.168.10.254' } }],
          },
        ],
        portSecurity: true,
      }),
      network('data', 'openstack', {
        subnets: [{ name: 'data-sub', cidr: '192.168.20.0/24', gatewayIp: null }],
        hosts: [{ name: 'db1', subnet: 'data-sub', ip: '192.168.20.10' }],
        portSecurity: true,
      }),
    ],
    sites: [
      { name: 'dc1', cidrs: ['10.50.0.0/17'], asn: 65010, advertise: [{ prefix: '10.50.0.0/16', med: 100 }] },
      { name: 'lab', cidrs: ['10.50.200.0/24'] },
    ],
    connections: [
      { name: 'dc1-ha', between: ['corp/havpn1', 'dc1'], bgp: true },
      { name: 'lab-vpn', between: ['corp/cvpn1', 'lab'], bgp: false },
    ],
    peerings: [],
  };
}

export function input(
  topology: Topology,
  timeline: readonly TimelineAction[],
  horizon = 3 * 3600,
): TimelineInput {
  return { topology, profile, timeline, horizon, seed: 42 };
}

export const MIN = 60;

/** The Azure hub and the AWS VPC side by side (distinct names): the property tests' world. */
export function hybrid(): Topology {
  const a = azureHub();
  const b = awsVpc();
  return {
    networks: [...a.networks, ...b.networks],
    sites: [...a.sites, ...b.sites],
    connections: [...a.connections, ...b.connections],
    peerings: [...a.peerings, ...b.peerings],
  };
}
