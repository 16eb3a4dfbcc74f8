/**
 * Rules the model implements that no other test named (the rule book's check,
 * scripts/check-rule-ids.mjs, asks every modelled rule id for a test that cites it).
 */
import { describe, expect, test } from 'vitest';
import { advertisedTo, effectiveRoutes } from '@cloudroute/model';
import type { Network, Topology } from '@cloudroute/model';
import { azureHub, gcpHaVpn, network, site, stateOf, tableOf, tgwNetwork, topology } from './fixtures.js';
import { ip4, lookup } from './oracle.js';

describe('AWS transit gateway tables', () => {
  const hub = (routes: { prefix: string; attachment: string }[], vpcCidrs: readonly string[]): Topology =>
    topology({
      networks: [
        tgwNetwork('hub', {
          attachments: [
            ...vpcCidrs.map((_, i) => ({
              name: `a${i}`,
              network: `v${i}`,
              routeTable: 'rt',
              propagations: ['rt'],
            })),
            { name: 'vpn', connection: 'dc-vpn', routeTable: 'rt', propagations: ['rt'] },
          ],
          routeTables: [{ name: 'rt', routes }],
        }),
        ...vpcCidrs.map((c, i) => network({ name: `v${i}`, provider: 'aws', cidrs: [c] })),
      ],
      // The data centre advertises 10.1.0.0/16 (v0's CIDR) and 10.200.0.0/16 over BGP.
      sites: [site({ name: 'dc', cidrs: ['10.1.0.0/16', '10.200.0.0/16'], asn: 65000 })],
      connections: [{ name: 'dc-vpn', between: ['hub/tgw', 'dc'], bgp: true }],
    });

  test('AWS-R31: most specific first; at equal prefix static > VPC-propagated > VPN-propagated, the losers not selected', () => {
    const t = hub([{ prefix: '10.0.0.0/8', attachment: 'a1' }], ['10.1.0.0/16', '10.2.0.0/16']);
    const rt = tableOf(t, 'hub/tgw#rt');
    // 10.1.0.0/16: v0's propagated CIDR and the data centre's BGP route; the VPC wins.
    const at = rt.routes.filter((r) => r.prefix === '10.1.0.0/16');
    expect(at.map((r) => [r.nextHopType, r.selected])).toEqual([
      ['vpc', true],
      ['vpn', false],
    ]);
    expect(at.find((r) => !r.selected)?.rule).toBe('AWS-R31');
    expect(lookup(rt, ip4('10.1.2.3'))?.action).toEqual({ kind: 'peering', network: 'v0', peering: 'a0' });
    // The static /8 is less specific than both propagated /16s: it carries only the rest of 10/8.
    expect(lookup(rt, ip4('10.2.0.1'))?.action).toEqual({ kind: 'peering', network: 'v1', peering: 'a1' });
    expect(lookup(rt, ip4('10.9.0.1'))?.action).toEqual({ kind: 'peering', network: 'v1', peering: 'a1' });
    expect(lookup(rt, ip4('10.200.0.1'))?.action).toEqual({ kind: 'connection', connection: 'dc-vpn' });
    // A static route of equal prefix beats the VPC-propagated one.
    const pinned = hub([{ prefix: '10.1.0.0/16', attachment: 'a1' }], ['10.1.0.0/16', '10.2.0.0/16']);
    const rt2 = tableOf(pinned, 'hub/tgw#rt');
    expect(lookup(rt2, ip4('10.1.2.3'))?.action).toEqual({ kind: 'peering', network: 'v1', peering: 'a1' });
  });

  test('AWS-R32: a VPC whose CIDR equals an already attached VPC’s does not get it propagated', () => {
    const t = hub([], ['10.5.0.0/16', '10.5.0.0/16', '10.6.0.0/16']);
    const rt = tableOf(t, 'hub/tgw#rt');
    const vpc = rt.routes.filter((r) => r.nextHopType === 'vpc').map((r) => [r.prefix, r.name]);
    expect(vpc).toEqual([
      ['10.5.0.0/16', 'a0'],
      ['10.6.0.0/16', 'a2'],
    ]);
    expect(lookup(rt, ip4('10.5.0.1'))?.action).toEqual({ kind: 'peering', network: 'v0', peering: 'a0' });
  });
});

describe('Azure optional system routes', () => {
  test('AZ-R4: peering adds one VNetPeering route per peer range to every subnet; the VPN gateway adds its prefixes as VirtualNetworkGateway', () => {
    const hubNet = azureHub({
      cidrs: ['10.1.0.0/16'],
      subnets: [
        { name: 'a', cidr: '10.1.1.0/24' },
        { name: 'b', cidr: '10.1.2.0/24' },
        { name: 'GatewaySubnet', cidr: '10.1.255.0/27' },
      ],
      gateways: [{ name: 'vng', kind: 'vpn' }],
    });
    const spoke = network({
      name: 'spoke',
      provider: 'azure',
      cidrs: ['10.2.0.0/16', '10.3.0.0/16'],
      subnets: [{ name: 's', cidr: '10.2.0.0/24' }],
    });
    const t = topology({
      networks: [hubNet, spoke],
      sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'] })],
      connections: [{ name: 'dc-s2s', between: ['hub/vng', 'dc'], bgp: false }],
      peerings: [{ between: ['hub', 'spoke'] }],
    });
    for (const subnet of ['hub/a', 'hub/b']) {
      const rows = effectiveRoutes(stateOf(t), subnet).routes;
      const peering = rows.filter((r) => r.nextHopType === 'VNetPeering').map((r) => r.prefix);
      expect(peering).toEqual(['10.2.0.0/16', '10.3.0.0/16']);
      const gateway = rows.filter((r) => r.source === 'VirtualNetworkGateway');
      expect(gateway.map((r) => [r.prefix, r.state])).toEqual([['192.168.0.0/16', 'Active']]);
    }
    // Without the peering, no VNetPeering route.
    const alone = effectiveRoutes(stateOf({ ...t, peerings: [] }), 'hub/a').routes;
    expect(alone.some((r) => r.nextHopType === 'VNetPeering')).toBe(false);
  });
});

describe('GCP route model', () => {
  const corp = (extra: Partial<Network> = {}): Network =>
    network({
      name: 'corp',
      provider: 'gcp',
      subnets: [
        { name: 'app', cidr: '10.20.0.0/24', region: 'us-central1', secondaryCidrs: ['10.21.0.0/24'] },
        { name: 'web', cidr: '10.22.0.0/24', region: 'us-central1' },
        { name: 'eu', cidr: '10.30.0.0/24', region: 'europe-west1' },
      ],
      hosts: [{ name: 'fw', subnet: 'app', ip: '10.20.0.5', ipForwarding: true }],
      routes: [{ name: 'to-fw', prefix: '172.16.0.0/12', nextHop: { type: 'instance', host: 'fw' } }],
      ...extra,
    });
  const rows = (t: Topology, target: string) =>
    effectiveRoutes(stateOf(t), target).routes.map((r) => [r.prefix, r.source, r.nextHopType, r.priority]);

  test('GCP-R1: one routing table per network — every subnet of a region sees the same routes, with no route table or association', () => {
    const t = topology({ networks: [corp()] });
    expect(t.networks[0]!.routeTables).toEqual([]);
    expect(rows(t, 'corp/app')).toEqual(rows(t, 'corp/web'));
    expect(rows(t, 'corp/app')).toEqual(rows(t, 'corp/eu'));
    expect(lookup(tableOf(t, 'corp/web'), ip4('172.16.1.1'))?.action).toEqual({
      kind: 'appliance',
      ip: '10.20.0.5',
      host: 'corp/fw',
    });
  });

  test('GCP-R2: the route types — the default route (priority 1000), a subnet route per subnet range (primary and secondary), custom static routes', () => {
    const t = topology({ networks: [corp()] });
    // The view lists subnet routes first (they are evaluated first, GCP-R9), then custom routes.
    expect(rows(t, 'corp/app')).toEqual([
      ['10.20.0.0/24', 'SUBNET', 'network', 0],
      ['10.21.0.0/24', 'SUBNET', 'network', 0],
      ['10.22.0.0/24', 'SUBNET', 'network', 0],
      ['10.30.0.0/24', 'SUBNET', 'network', 0],
      ['0.0.0.0/0', 'STATIC', 'default-internet-gateway', 1000],
      ['172.16.0.0/12', 'STATIC', 'instance', 1000],
    ]);
    // The default route can be removed (GCP-R15); the subnet routes cannot.
    const noDefault = rows(topology({ networks: [corp({ defaultRoute: false })] }), 'corp/app');
    expect(noDefault.map((r) => r[0])).toEqual([
      '10.20.0.0/24',
      '10.21.0.0/24',
      '10.22.0.0/24',
      '10.30.0.0/24',
      '172.16.0.0/12',
    ]);
  });

  test("GCP-R18: a Cloud Router advertises the network's subnet ranges its routing mode selects, secondary ranges included", () => {
    const t = (mode: 'regional' | 'global'): Topology =>
      topology({
        networks: [
          corp({
            routingMode: mode,
            gateways: gcpHaVpn('rtr', 'ha'),
          }),
        ],
        sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'], asn: 65010 })],
        connections: [{ name: 'to-gcp', between: ['corp/ha', 'dc'], bgp: true }],
      });
    const adverts = (mode: 'regional' | 'global') =>
      advertisedTo(stateOf(t(mode)), 'corp/ha', 'to-gcp').map((a) => [a.prefix, a.asPath]);
    expect(adverts('regional')).toEqual([
      ['10.20.0.0/24', [64514]],
      ['10.21.0.0/24', [64514]],
      ['10.22.0.0/24', [64514]],
    ]);
    expect(adverts('global').map((a) => a[0])).toEqual([
      '10.20.0.0/24',
      '10.21.0.0/24',
      '10.22.0.0/24',
      '10.30.0.0/24',
    ]);
    // Custom static routes are not advertised by default.
    expect(adverts('global').some((a) => a[0] === '172.16.0.0/12')).toBe(false);
  });
});
