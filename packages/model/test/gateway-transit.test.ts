/**
 * Azure gateway transit, hub and spoke (AZ-R34..R37): the spokes' tables, the hub gateway's
 * table and advertisements, the refusals at load, and the routes over the hub gateway's life.
 */
import { describe, expect, test } from 'vitest';
import {
  advertisedTo,
  forwardingTables,
  transitHubOf,
  transitRefusesGatewayIn,
  transitRefusesHubChange,
  validateTopology,
} from '@cloudroute/model';
import type { Gateway, Network, NetworkState, Peering, Topology } from '@cloudroute/model';
import { azureHub, network, site, stateOf, topology } from './fixtures.js';
import { ip4, lookup, tableById } from './oracle.js';

const VNG: Gateway = { name: 'vng1', kind: 'vpn', vpnType: 'RouteBased', sku: 'VpnGw2', activeActive: true };

function hubAndSpokes(
  opts: {
    hubGateway?: Gateway | null;
    spokeGateway?: boolean;
    peerings?: readonly Peering[];
    bgp?: boolean;
    spoke2Propagates?: boolean;
  } = {},
): Topology {
  const hub = azureHub({
    subnets: [
      { name: 'app', cidr: '10.0.1.0/24' },
      { name: 'GatewaySubnet', cidr: '10.0.255.0/27' },
    ],
    gateways: opts.hubGateway === null ? [] : [opts.hubGateway ?? VNG],
  });
  const spoke = (n: number, extra: Partial<Network> = {}): Network =>
    network({
      name: `spoke${n}`,
      provider: 'azure',
      cidrs: [`10.${n}.0.0/16`],
      subnets: [{ name: 'app', cidr: `10.${n}.1.0/24`, routeTable: 'rt' }],
      routeTables: [
        { name: 'rt', routes: [], propagateGatewayRoutes: n === 2 ? (opts.spoke2Propagates ?? true) : true },
      ],
      ...extra,
    });
  return topology({
    networks: [
      hub,
      spoke(
        1,
        opts.spokeGateway
          ? {
              subnets: [
                { name: 'app', cidr: '10.1.1.0/24' },
                { name: 'GatewaySubnet', cidr: '10.1.255.0/27' },
              ],
              gateways: [{ name: 'own', kind: 'vpn', sku: 'VpnGw1' }],
            }
          : {},
      ),
      spoke(2),
    ],
    sites: [site({ name: 'dc1', cidrs: ['192.168.0.0/16'], asn: 65010 })],
    connections:
      opts.hubGateway === null
        ? []
        : [{ name: 'dc1-vpn', between: ['hub/vng1', 'dc1'], bgp: opts.bgp ?? true }],
    peerings: opts.peerings ?? [
      { between: ['hub', 'spoke1'], gatewayTransit: true },
      { between: ['hub', 'spoke2'], gatewayTransit: true },
    ],
  });
}

const table = (s: NetworkState, id: string) => tableById(forwardingTables(s), id);

describe('AZ-R34 / AZ-R35: the spokes use the hub gateway', () => {
  test('AZ-R35: a spoke subnet learns the hub gateway routes, source VirtualNetworkGateway, next hop the hub gateway', () => {
    const s = stateOf(hubAndSpokes());
    const r = lookup(table(s, 'spoke1/app'), ip4('192.168.3.4'));
    expect(r).toMatchObject({
      prefix: '192.168.0.0/16',
      source: 'VirtualNetworkGateway',
      nextHopType: 'VirtualNetworkGateway',
      action: { kind: 'gateway', gateway: 'hub/vng1' },
    });
    expect(transitHubOf(s.topology, 'spoke1')?.path).toBe('hub/vng1');
  });

  test('AZ-R35 / AZ-R10: a spoke table with gateway route propagation disabled does not get them', () => {
    const s = stateOf(hubAndSpokes({ spoke2Propagates: false }));
    const r = lookup(table(s, 'spoke2/app'), ip4('192.168.3.4'));
    expect(r?.nextHopType).toBe('None');
    expect(table(s, 'spoke2/app').routes.some((x) => x.source === 'VirtualNetworkGateway')).toBe(false);
  });

  test('AZ-R34: without gatewayTransit a peered VNet learns nothing from the hub gateway', () => {
    const s = stateOf(
      hubAndSpokes({ peerings: [{ between: ['hub', 'spoke1'] }, { between: ['hub', 'spoke2'] }] }),
    );
    expect(lookup(table(s, 'spoke1/app'), ip4('192.168.3.4'))?.nextHopType).toBe('None');
    expect(advertisedTo(s, 'hub/vng1', 'dc1-vpn').map((a) => a.prefix)).toEqual(['10.0.0.0/16']);
  });

  test('AZ-R35: the hub gateway advertises the spokes to its BGP peers, and the site routes them into the tunnel', () => {
    const s = stateOf(hubAndSpokes());
    expect(advertisedTo(s, 'hub/vng1', 'dc1-vpn').map((a) => a.prefix)).toEqual([
      '10.0.0.0/16',
      '10.1.0.0/16',
      '10.2.0.0/16',
    ]);
    expect(lookup(table(s, 'site:dc1'), ip4('10.2.1.9'))).toMatchObject({
      prefix: '10.2.0.0/16',
      action: { kind: 'connection', connection: 'dc1-vpn' },
    });
  });

  test('AZ-R35: over a static connection the site is configured with the spokes too', () => {
    const s = stateOf(hubAndSpokes({ bgp: false }));
    expect(lookup(table(s, 'site:dc1'), ip4('10.1.1.9'))).toMatchObject({
      prefix: '10.1.0.0/16',
      source: 'static',
    });
    expect(lookup(table(s, 'spoke1/app'), ip4('192.168.0.9'))?.action).toEqual({
      kind: 'gateway',
      gateway: 'hub/vng1',
    });
  });

  test('AZ-R34: the hub gateway reaches the spokes over their peerings; a learned route inside a spoke never takes it', () => {
    const t = hubAndSpokes();
    const s = stateOf({
      ...t,
      sites: [site({ name: 'dc1', cidrs: ['192.168.0.0/16', '10.1.5.0/24'], asn: 65010 })],
    });
    const gw = table(s, 'hub/vng1');
    expect(lookup(gw, ip4('10.1.5.1'))?.action).toEqual({ kind: 'peering', network: 'spoke1' });
    expect(lookup(gw, ip4('10.2.1.1'))?.action).toEqual({ kind: 'peering', network: 'spoke2' });
    expect(lookup(gw, ip4('192.168.1.1'))?.action).toEqual({ kind: 'connection', connection: 'dc1-vpn' });
  });

  test('AZ-R34: a UDR VirtualNetworkGateway in a spoke names the hub gateway', () => {
    const t = hubAndSpokes();
    const spoke1 = t.networks[1]!;
    const withUdr: Network = {
      ...spoke1,
      routeTables: [
        {
          name: 'rt',
          routes: [{ prefix: '172.16.0.0/12', nextHop: { type: 'VirtualNetworkGateway' } }],
        },
      ],
    };
    const s = stateOf({ ...t, networks: [t.networks[0]!, withUdr, t.networks[2]!] });
    expect(lookup(table(s, 'spoke1/app'), ip4('172.16.0.1'))?.action).toEqual({
      kind: 'gateway',
      gateway: 'hub/vng1',
    });
  });
});

describe('AZ-R36: transit refusals', () => {
  const errors = (t: Topology) =>
    validateTopology(t)
      .filter((d) => d.severity === 'error')
      .map((d) => ({ code: d.code, path: d.path.join('.') }));

  test('a valid hub and spoke has no error', () => {
    expect(errors(hubAndSpokes())).toEqual([]);
  });

  test('AZ-R36: a spoke with a gateway of its own is refused at its peering', () => {
    expect(errors(hubAndSpokes({ spokeGateway: true }))).toEqual([
      { code: 'AZ-R36', path: 'peerings.0.gatewayTransit' },
    ]);
  });

  test('AZ-R36: a hub without a gateway, or with a Basic one, is refused', () => {
    expect(errors(hubAndSpokes({ hubGateway: null }))).toEqual([
      { code: 'AZ-R36', path: 'peerings.0.gatewayTransit' },
      { code: 'AZ-R36', path: 'peerings.1.gatewayTransit' },
    ]);
    expect(
      errors(hubAndSpokes({ hubGateway: { name: 'vng1', kind: 'vpn', sku: 'Basic' } })).filter(
        (e) => e.code === 'AZ-R36',
      ),
    ).toEqual([
      { code: 'AZ-R36', path: 'peerings.0.gatewayTransit' },
      { code: 'AZ-R36', path: 'peerings.1.gatewayTransit' },
    ]);
  });

  test('AZ-R36: a second transit peering of one spoke is refused', () => {
    const t = hubAndSpokes();
    const hub2 = network({
      name: 'hub2',
      provider: 'azure',
      cidrs: ['10.9.0.0/16'],
      subnets: [{ name: 'GatewaySubnet', cidr: '10.9.255.0/27' }],
      gateways: [{ name: 'vng2', kind: 'vpn', sku: 'VpnGw1' }],
    });
    const two = {
      ...t,
      networks: [...t.networks, hub2],
      peerings: [...t.peerings, { between: ['hub2', 'spoke1'] as const, gatewayTransit: true }],
    };
    expect(errors(two)).toEqual([{ code: 'AZ-R36', path: 'peerings.2.gatewayTransit' }]);
  });

  test('AZ-R36: timeline refusals name the spokes', () => {
    const t = hubAndSpokes();
    expect(transitRefusesGatewayIn(t, 'spoke1')).toMatch(/uses the remote gateway of hub/);
    expect(transitRefusesGatewayIn(t, 'hub')).toBeUndefined();
    expect(transitRefusesHubChange(t, 'hub', 'delete')).toMatch(/spoke1, spoke2/);
    expect(transitRefusesHubChange(t, 'hub', 'basic')).toMatch(/Basic/);
    expect(transitRefusesHubChange(t, 'spoke1', 'delete')).toBeUndefined();
  });
});

describe('AZ-R37: the spokes follow the hub gateway over time', () => {
  test('AZ-R37: while the hub gateway is provisioned the transit routes leave the spokes and the site forgets them', () => {
    const t = hubAndSpokes();
    const s = stateOf(t, {
      gateways: { 'hub/vng1': { phase: 'provisioning', since: 0, generation: 1, until: 2700 } },
    });
    for (const id of ['hub/app', 'spoke1/app', 'spoke2/app'])
      expect(table(s, id).routes.some((r) => r.source === 'VirtualNetworkGateway')).toBe(false);
    expect(lookup(table(s, 'site:dc1'), ip4('10.1.1.1'))).toBeUndefined();
    const ready = stateOf(t);
    expect(lookup(table(ready, 'spoke2/app'), ip4('192.168.0.1'))?.source).toBe('VirtualNetworkGateway');
  });
});
