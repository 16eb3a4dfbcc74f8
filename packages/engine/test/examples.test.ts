/**
 * The timelines of the contract examples (shared/examples/*.yaml), on fixtures with the same
 * objects: every action is accepted, except the AWS-R4 lesson of the AWS example.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../src/index.js';
import type { TimelineAction } from '../src/index.js';
import { MIN, awsVpc, azureHub, gcpOpenstack, input } from './fixtures.js';

const azureTimeline: TimelineAction[] = [
  { at: 10 * MIN, do: 'bgp.advertise', site: 'dc1', prefixes: ['0.0.0.0/0'], asPath: [65010, 65010] },
  { at: 40 * MIN, do: 'bgp.withdraw', site: 'dc1', prefixes: ['0.0.0.0/0'] },
  {
    at: 45 * MIN,
    do: 'route.add',
    routeTable: 'hub/web-rt',
    route: { name: 'to-branch', prefix: '172.16.8.0/22', nextHop: { type: 'VirtualNetworkGateway' } },
  },
  {
    at: 50 * MIN,
    do: 'route.replace',
    routeTable: 'hub/web-rt',
    route: { name: 'to-spoke', prefix: '10.2.0.0/16', nextHop: { type: 'None' } },
  },
  { at: 55 * MIN, do: 'route.remove', routeTable: 'hub/web-rt', name: 'to-branch' },
  { at: 60 * MIN, do: 'propagation.set', routeTable: 'hub/web-rt', enabled: false },
  { at: 65 * MIN, do: 'propagation.set', routeTable: 'hub/web-rt', enabled: true },
  { at: 70 * MIN, do: 'routeTable.associate', subnet: 'hub/nva', routeTable: 'hub/web-rt' },
  { at: 75 * MIN, do: 'routeTable.associate', subnet: 'hub/nva', routeTable: null },
  { at: 80 * MIN, do: 'tunnel.down', connection: 'branch-vpn' },
  { at: 85 * MIN, do: 'tunnel.up', connection: 'branch-vpn' },
  { at: 90 * MIN, do: 'bgp.session.down', connection: 'dc1-vpn', tunnel: 1 },
  { at: 95 * MIN, do: 'bgp.session.up', connection: 'dc1-vpn', tunnel: 1 },
  { at: 100 * MIN, do: 'gateway.failover', gateway: 'hub/vng1', planned: true },
  { at: 105 * MIN, do: 'host.update', host: 'hub/nva1', set: { ipForwarding: false } },
  { at: 110 * MIN, do: 'host.update', host: 'hub/nva1', set: { ipForwarding: true } },
  { at: 115 * MIN, do: 'subnet.update', subnet: 'hub/private', set: { defaultOutboundAccess: true } },
  { at: 120 * MIN, do: 'route.remove', site: 'dc1', prefix: '10.1.255.5/32' },
  { at: 125 * MIN, do: 'route.add', site: 'dc1', route: { prefix: '10.1.255.5/32', via: 'dc1-vpn' } },
  { at: 130 * MIN, do: 'gateway.update', gateway: 'hub/vng1', set: { sku: 'VpnGw3' } },
];

const awsTimeline: TimelineAction[] = [
  { at: 10 * MIN, do: 'bgp.advertise', site: 'dc', prefixes: ['0.0.0.0/0'] },
  {
    at: 20 * MIN,
    do: 'route.add',
    routeTable: 'prod/private-rt',
    route: { prefix: '172.20.2.128/25', nextHop: { type: 'eni', ip: '172.20.9.10' } },
  },
  { at: 30 * MIN, do: 'host.update', host: 'prod/fw1', set: { sourceDestCheck: true } },
  { at: 40 * MIN, do: 'host.update', host: 'prod/fw1', set: { sourceDestCheck: false } },
  { at: 50 * MIN, do: 'tunnel.down', connection: 'dc-vpn', tunnel: 0 },
  { at: 55 * MIN, do: 'tunnel.down', connection: 'dc-vpn', tunnel: 1 },
  { at: 60 * MIN, do: 'tunnel.up', connection: 'dc-vpn' },
  { at: 70 * MIN, do: 'gateway.delete', gateway: 'prod/nat1' },
  {
    at: 75 * MIN,
    do: 'gateway.create',
    network: 'prod',
    gateway: { name: 'nat2', kind: 'nat', subnet: 'public' },
  },
  {
    at: 80 * MIN,
    do: 'route.replace',
    routeTable: 'prod/private-rt',
    route: { prefix: '0.0.0.0/0', nextHop: { type: 'nat', gateway: 'nat2' } },
  },
];

const gcpTimeline: TimelineAction[] = [
  {
    at: 10 * MIN,
    do: 'route.add',
    network: 'corp',
    route: {
      name: 'lab-wide',
      prefix: '10.50.0.0/16',
      priority: 10200,
      nextHop: { type: 'vpnTunnel', connection: 'lab-vpn' },
    },
  },
  { at: 20 * MIN, do: 'bgp.withdraw', site: 'dc1', prefixes: ['10.50.0.0/16'] },
  { at: 30 * MIN, do: 'bgp.advertise', site: 'dc1', prefixes: ['10.50.0.0/16'], med: 100 },
  { at: 40 * MIN, do: 'network.update', network: 'corp', set: { routingMode: 'global' } },
  { at: 50 * MIN, do: 'host.update', host: 'corp/fw1', set: { running: false } },
  { at: 55 * MIN, do: 'host.update', host: 'corp/fw1', set: { running: true } },
  {
    at: 60 * MIN,
    do: 'host.update',
    host: 'app/fw2',
    port: 'data/data-sub',
    set: { allowedAddressPairs: [] },
  },
  {
    at: 70 * MIN,
    do: 'host.update',
    host: 'app/fw2',
    port: 'data/data-sub',
    set: { allowedAddressPairs: [{ ip: '192.168.10.0/24' }] },
  },
  { at: 80 * MIN, do: 'subnet.update', subnet: 'app/app-sub', set: { hostRoutes: [] } },
  { at: 90 * MIN, do: 'network.update', network: 'data', set: { portSecurity: false } },
];

const rejected = (tl: TimelineAction[], topo: Parameters<typeof input>[0]): string[] =>
  replay(input(topo, tl, 3 * 3600)).steps.flatMap((s) =>
    s.rejections.map((r) => `${r.index ?? '?'}:${r.rule}`),
  );

describe('contract example timelines', () => {
  it('azure-hub: every action is accepted; the hold timer and failover facts follow', () => {
    expect(rejected(azureTimeline, azureHub())).toEqual([]);
    const facts = replay(input(azureHub(), azureTimeline, 3 * 3600)).steps.filter(
      (s) => s.event.origin === 'engine',
    );
    expect(facts.map((s) => [s.time, s.event.label])).toEqual([
      [95 * MIN, 'dc1-vpn tunnel 1: BGP session established (1 prefix learned)'],
      [100 * MIN + 15, 'hub/vng1 failover completed'],
      [100 * MIN + 15, 'dc1-vpn tunnel 0: BGP session established (1 prefix learned)'],
      [
        123 * MIN,
        'dc1-vpn tunnel 1: BGP session dropped (hold timer expired: AZ-R21 peer unreachable: dc1 has no route via dc1-vpn to 10.1.255.5)',
      ],
      [125 * MIN, 'dc1-vpn tunnel 1: BGP session established (1 prefix learned)'],
      // AZ-R18: the VpnGw2 → VpnGw3 resize is in place for 45 min, then a planned switchover (AZ-R20: instance 0).
      [175 * MIN, 'hub/vng1 upgraded to VpnGw3'],
      [175 * MIN + 15, 'hub/vng1 failover completed'],
      [175 * MIN + 15, 'dc1-vpn tunnel 0: BGP session established (1 prefix learned)'],
    ]);
  });

  it('aws-vpc: only the AWS-R4 lesson is refused', () => {
    expect(rejected(awsTimeline, awsVpc())).toEqual(['1:AWS-R4']);
  });

  it('gcp-openstack: every action is accepted', () => {
    expect(rejected(gcpTimeline, gcpOpenstack())).toEqual([]);
  });
});
