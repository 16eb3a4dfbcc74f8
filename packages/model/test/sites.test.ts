/**
 * On-premises site tables: connected, static, learned over BGP from each cloud's gateway (AWS
 * VGW and TGW, Azure, GCP), static connections, internet egress.
 */
import { describe, expect, test } from 'vitest';
import {
  advertisedTo,
  effectiveRoutes,
  forwardingTables,
  gatewayIngressTable,
  learnedPrefixes,
} from '@cloudroute/model';
import type { ForwardingTable, NetworkState, Topology } from '@cloudroute/model';
import {
  awsVpc,
  azureHub,
  gcpHaVpn,
  network,
  site,
  stateOf,
  tableOf,
  tgwNetwork,
  topology,
} from './fixtures.js';
import { ip4, lookup, tableById } from './oracle.js';

const siteTable = (s: NetworkState, name: string): ForwardingTable =>
  tableById(forwardingTables(s), `site:${name}`);

const hybrid: Topology = topology({
  networks: [
    awsVpc({
      subnets: [{ name: 'a', cidr: '10.0.1.0/24' }],
      gateways: [{ name: 'vgw1', kind: 'vgw', asn: 64512 }],
    }),
    azureHub({
      cidrs: ['10.1.0.0/16'],
      subnets: [{ name: 'GatewaySubnet', cidr: '10.1.255.0/27' }],
      gateways: [{ name: 'vng', kind: 'vpn' }],
    }),
    network({
      name: 'corp',
      provider: 'gcp',
      subnets: [
        { name: 'us', cidr: '10.20.0.0/24', region: 'us-central1' },
        { name: 'eu', cidr: '10.30.0.0/24', region: 'europe-west1' },
      ],
      gateways: gcpHaVpn('rtr', 'ha'),
    }),
  ],
  sites: [
    site({
      name: 'dc1',
      cidrs: ['192.168.0.0/16'],
      asn: 65010,
      internetEgress: true,
      routes: [
        { prefix: '172.16.0.0/12', via: 'to-aws' },
        { prefix: '192.168.0.0/16', via: 'to-azure' },
      ],
    }),
    site({ name: 'dc2', cidrs: ['172.20.0.0/16'], asn: 65020 }),
  ],
  connections: [
    { name: 'to-aws', between: ['vpc/vgw1', 'dc1'], bgp: true },
    { name: 'to-azure', between: ['hub/vng', 'dc1'], bgp: true },
    { name: 'to-gcp', between: ['corp/ha', 'dc1'], bgp: true },
    { name: 'dc2-static', between: ['hub/vng', 'dc2'], bgp: false },
  ],
});

describe('site tables', () => {
  test('connected, static (configured), learned from VGW / VNG / Cloud Router, internet egress', () => {
    const v = effectiveRoutes(stateOf(hybrid), 'site:dc1');
    expect(v.routes.map((r) => [r.prefix, r.source, r.state, r.nextHopType, r.name ?? ''])).toEqual([
      ['0.0.0.0/0', 'static', 'active', 'internet', 'internet'],
      ['10.0.0.0/16', 'bgp', 'active', 'connection', 'to-aws'], // AWS VGW: the VPC CIDRs
      ['10.1.0.0/16', 'bgp', 'active', 'connection', 'to-azure'], // Azure: VNet prefixes …
      ['10.20.0.0/24', 'bgp', 'active', 'connection', 'to-gcp'], // GCP-R16/R18: regional mode, the router's region only
      ['172.16.0.0/12', 'static', 'active', 'connection', 'to-aws'],
      ['172.20.0.0/16', 'bgp', 'active', 'connection', 'to-azure'], // … and the other sites' prefixes (AZ-R22)
      ['192.168.0.0/16', 'connected', 'active', 'site', ''],
      ['192.168.0.0/16', 'static', 'inactive', 'connection', 'to-azure'],
    ]);
    expect(v.routes.find((r) => r.prefix === '10.1.0.0/16')?.asPath).toEqual([65515]);
    // dc2 is on a static connection: its static routes to Azure are the VNet's address space.
    const dc2 = siteTable(stateOf(hybrid), 'dc2');
    expect(lookup(dc2, ip4('10.1.2.3'))?.action).toEqual({ kind: 'connection', connection: 'dc2-static' });
    expect(lookup(dc2, ip4('8.8.8.8'))).toBeUndefined();
  });

  test('a down session removes what was learned over it; GCP global mode advertises every region', () => {
    const s = stateOf(hybrid, {
      sessions: {
        'to-aws': [
          { adminUp: true, established: false },
          { adminUp: false, established: false },
        ],
      },
    });
    expect(siteTable(s, 'dc1').routes.some((r) => r.prefix === '10.0.0.0/16')).toBe(false);
    expect(learnedPrefixes(s, 'to-aws')).toEqual([]);
    const global: Topology = {
      ...hybrid,
      networks: hybrid.networks.map((n) => (n.name === 'corp' ? { ...n, routingMode: 'global' } : n)),
    };
    expect(advertisedTo(stateOf(global), 'corp/ha', 'to-gcp').map((a) => a.prefix)).toEqual([
      '10.20.0.0/24',
      '10.30.0.0/24',
    ]);
  });

  test('a learned 0.0.0.0/0 takes over from the internet-egress default (one selected route per prefix)', () => {
    const s = stateOf(hybrid, { adverts: { 'vpc/vgw1': [{ prefix: '0.0.0.0/0' }] } });
    const t = siteTable(s, 'dc1');
    expect(t.routes.filter((r) => r.prefix === '0.0.0.0/0').map((r) => [r.source, r.selected])).toEqual([
      ['static', false],
      ['bgp', true],
    ]);
  });

  test('learned routes at the cloud end: BGP adverts with the site ASN first, static cidrs', () => {
    const s = stateOf(hybrid, {
      adverts: { dc1: [{ prefix: '192.168.0.0/16', asPath: [65010, 65010], med: 5 }] },
    });
    expect(learnedPrefixes(s, 'to-azure')).toEqual([
      {
        prefix: '192.168.0.0/16',
        origin: 'bgp',
        asPath: [65010, 65010, 65010],
        med: 5,
        connection: 'to-azure',
      },
    ]);
    expect(learnedPrefixes(s, 'dc2-static')).toEqual([
      { prefix: '172.20.0.0/16', origin: 'static', asPath: [], connection: 'dc2-static' },
    ]);
    // AZ-R22 / lesson 6 context: prepending is honoured at the Azure gateway's own table.
    const gw = tableOf(hybrid, 'hub/vng');
    expect(lookup(gw, ip4('172.20.1.1'))?.action).toEqual({ kind: 'connection', connection: 'dc2-static' });
  });
});

describe('AWS transit gateway', () => {
  const tgw: Topology = topology({
    networks: [
      tgwNetwork('net', {
        attachments: [
          { name: 'vpc-a', network: 'a', routeTable: 'spokes', propagations: ['onprem'] },
          { name: 'vpc-b', network: 'b', routeTable: 'spokes', propagations: ['onprem'] },
          { name: 'vpn', connection: 'dc-vpn', routeTable: 'onprem', propagations: ['spokes'] },
        ],
        routeTables: [
          { name: 'spokes', routes: [{ prefix: '10.66.0.0/16', blackhole: true }] },
          { name: 'onprem', routes: [{ prefix: '10.3.0.0/16', attachment: 'vpc-a' }] },
        ],
      }),
      network({
        name: 'a',
        provider: 'aws',
        cidrs: ['10.1.0.0/16'],
        subnets: [{ name: 's', cidr: '10.1.0.0/24' }],
        routeTables: [
          {
            name: 'm',
            main: true,
            routes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'tgw', gateway: 'net/tgw' } }],
          },
        ],
      }),
      network({ name: 'b', provider: 'aws', cidrs: ['10.2.0.0/16'] }),
    ],
    sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'], asn: 65000 })],
    connections: [{ name: 'dc-vpn', between: ['net/tgw', 'dc'], bgp: true }],
  });

  test('AWS-R29..R31: propagation, association, the VPC route to the TGW names the ingress attachment', () => {
    const tables = forwardingTables(stateOf(tgw));
    const spokes = tableById(tables, 'net/tgw#spokes');
    expect(lookup(spokes, ip4('192.168.1.1'))?.action).toEqual({ kind: 'connection', connection: 'dc-vpn' });
    expect(lookup(spokes, ip4('10.66.0.1'))?.action).toEqual({ kind: 'drop', reason: 'blackhole' });
    expect(lookup(spokes, ip4('10.2.0.1'))).toBeUndefined(); // spokes do not propagate into spokes
    const onprem = tableById(tables, 'net/tgw#onprem');
    expect(lookup(onprem, ip4('10.2.0.1'))?.action).toEqual({
      kind: 'peering',
      network: 'b',
      peering: 'vpc-b',
    });
    const a = tableById(tables, 'a/s');
    const hop = lookup(a, ip4('192.168.1.1'))?.action;
    expect(hop).toEqual({ kind: 'gateway', gateway: 'net/tgw', attachment: 'vpc-a' });
    expect(gatewayIngressTable(tgw, 'net/tgw', 'vpc-a')).toBe('net/tgw#spokes');
    expect(gatewayIngressTable(tgw, 'net/tgw', 'dc-vpn')).toBe('net/tgw#onprem');
  });

  test('the TGW advertises its VPN attachment’s associated table, without blackholes (AWS-R25)', () => {
    expect(advertisedTo(stateOf(tgw), 'net/tgw', 'dc-vpn').map((a) => [a.prefix, a.asPath])).toEqual([
      ['10.3.0.0/16', [64512]],
      ['10.1.0.0/16', [64512]],
      ['10.2.0.0/16', [64512]],
    ]);
    const dc = tableOf(tgw, 'site:dc');
    expect(lookup(dc, ip4('10.2.3.4'))?.action).toEqual({ kind: 'connection', connection: 'dc-vpn' });
  });
});
