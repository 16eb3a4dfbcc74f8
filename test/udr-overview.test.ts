/**
 * Acceptance: the "Routing example" of Azure's traffic-routing overview (PROVIDERS.md AZ-UDR),
 * written as scenarios/udr-overview-example.yaml, gives through `routes` the documentation's tables
 * for both subnets and through `trace` the same next hops.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const file = 'scenarios/udr-overview-example.yaml';

interface Row {
  prefix: string;
  source: string;
  state: string;
  nextHopType: string;
  nextHopIp?: string;
  name?: string;
}

async function routes(subnet: string): Promise<Row[]> {
  const r = await cli(['routes', file, '--subnet', subnet, '--json']);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { routes: Row[] };
  return doc.routes.map(({ prefix, source, state, nextHopType, nextHopIp, name }) => ({
    prefix,
    source,
    state,
    nextHopType,
    ...(nextHopIp ? { nextHopIp } : {}),
    ...(name ? { name } : {}),
  }));
}

const key = (r: Row): string =>
  `${r.prefix} ${r.source} ${r.state} ${r.nextHopType} ${r.nextHopIp ?? ''} ${r.name ?? ''}`;

describe('AZ-UDR routing example', () => {
  it('Subnet1: the documentation table, IDs 1–9 and 11–12 (ID 10, the service endpoint, is not modelled)', async () => {
    // The page lists the gateway route (ID 8) with source "Default"; the effective-routes view and
    // DESIGN.md name that source VirtualNetworkGateway.
    const expected: Row[] = [
      { prefix: '10.0.0.0/16', source: 'Default', state: 'Invalid', nextHopType: 'VnetLocal' },
      {
        prefix: '10.0.0.0/16',
        source: 'User',
        state: 'Active',
        nextHopType: 'VirtualAppliance',
        nextHopIp: '10.0.100.4',
        name: 'Within-VNet1',
      },
      {
        prefix: '10.0.0.0/24',
        source: 'User',
        state: 'Active',
        nextHopType: 'VnetLocal',
        name: 'Within-Subnet1',
      },
      { prefix: '10.1.0.0/16', source: 'Default', state: 'Invalid', nextHopType: 'VNetPeering' },
      { prefix: '10.2.0.0/16', source: 'Default', state: 'Invalid', nextHopType: 'VNetPeering' },
      { prefix: '10.1.0.0/16', source: 'User', state: 'Active', nextHopType: 'None', name: 'ToVNet2-1-Drop' },
      { prefix: '10.2.0.0/16', source: 'User', state: 'Active', nextHopType: 'None', name: 'ToVNet2-2-Drop' },
      {
        prefix: '10.10.0.0/16',
        source: 'VirtualNetworkGateway',
        state: 'Invalid',
        nextHopType: 'VirtualNetworkGateway',
      },
      {
        prefix: '10.10.0.0/16',
        source: 'User',
        state: 'Active',
        nextHopType: 'VirtualAppliance',
        nextHopIp: '10.0.100.4',
        name: 'To-On-Prem',
      },
      { prefix: '0.0.0.0/0', source: 'Default', state: 'Invalid', nextHopType: 'Internet' },
      {
        prefix: '0.0.0.0/0',
        source: 'User',
        state: 'Active',
        nextHopType: 'VirtualAppliance',
        nextHopIp: '10.0.100.4',
        name: 'Default-NVA',
      },
    ];
    // AZ-R2: the None routes were removed from Subnet1 by the 0.0.0.0/0 UDR.
    expect((await routes('vnet1/Subnet1')).map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('Subnet2: system, peering and gateway routes, all Active (plus 172.16.0.0/12, which AZ-R1 lists and the page omits)', async () => {
    const expected: Row[] = [
      { prefix: '10.0.0.0/16', source: 'Default', state: 'Active', nextHopType: 'VnetLocal' },
      { prefix: '10.1.0.0/16', source: 'Default', state: 'Active', nextHopType: 'VNetPeering' },
      { prefix: '10.2.0.0/16', source: 'Default', state: 'Active', nextHopType: 'VNetPeering' },
      {
        prefix: '10.10.0.0/16',
        source: 'VirtualNetworkGateway',
        state: 'Active',
        nextHopType: 'VirtualNetworkGateway',
      },
      { prefix: '0.0.0.0/0', source: 'Default', state: 'Active', nextHopType: 'Internet' },
      { prefix: '10.0.0.0/8', source: 'Default', state: 'Active', nextHopType: 'None' },
      { prefix: '100.64.0.0/10', source: 'Default', state: 'Active', nextHopType: 'None' },
      { prefix: '192.168.0.0/16', source: 'Default', state: 'Active', nextHopType: 'None' },
      { prefix: '172.16.0.0/12', source: 'Default', state: 'Active', nextHopType: 'None' },
    ];
    expect((await routes('vnet1/Subnet2')).map(key).sort()).toEqual(expected.map(key).sort());
  });

  const hops = async (
    from: string,
    to: string,
  ): Promise<{ verdict: string; reason?: string; path: string[] }> => {
    const r = await cli(['trace', file, '--from', from, '--to', to, '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as {
      verdict: string;
      reason?: string;
      hops: { node: string; route: Row | null }[];
    };
    return {
      verdict: t.verdict,
      ...(t.reason ? { reason: t.reason } : {}),
      path: t.hops.map(
        (h) =>
          `${h.node}: ${h.route?.nextHopType ?? '-'}${h.route?.nextHopIp ? ` ${h.route.nextHopIp}` : ''}`,
      ),
    };
  };

  it('trace: within Subnet1 stays in the subnet (ID3)', async () => {
    expect(await hops('vnet1/vm1', '10.0.0.20')).toEqual({
      verdict: 'delivered',
      path: ['vnet1/Subnet1: VnetLocal'],
    });
  });

  it('trace: Subnet1 to Subnet2 goes through the appliance (ID2)', async () => {
    expect(await hops('vnet1/vm1', '10.0.1.10')).toEqual({
      verdict: 'delivered',
      path: ['vnet1/Subnet1: VirtualAppliance 10.0.100.4', 'vnet1/DMZ: VnetLocal'],
    });
  });

  it('trace: Subnet1 to Virtual-network-2 is dropped (ID6, ID7)', async () => {
    expect(await hops('vnet1/vm1', '10.1.0.5')).toEqual({
      verdict: 'dropped',
      reason: 'none-route',
      path: ['vnet1/Subnet1: None'],
    });
    expect(await hops('vnet1/vm1', '10.2.0.5')).toEqual({
      verdict: 'dropped',
      reason: 'none-route',
      path: ['vnet1/Subnet1: None'],
    });
  });

  it('trace: Subnet1 to on-premises goes through the appliance, then the gateway (ID9)', async () => {
    const t = await hops('vnet1/vm1', '10.10.1.1');
    expect(t.verdict).toBe('delivered');
    expect(t.path.slice(0, 2)).toEqual([
      'vnet1/Subnet1: VirtualAppliance 10.0.100.4',
      'vnet1/DMZ: VirtualNetworkGateway',
    ]);
  });

  it('trace: Subnet1 to the internet goes through the appliance (ID12); Subnet2 goes straight out (ID11)', async () => {
    const t1 = await hops('vnet1/vm1', '8.8.8.8');
    expect(t1.path).toEqual(['vnet1/Subnet1: VirtualAppliance 10.0.100.4', 'vnet1/DMZ: Internet']);
    expect(await hops('vnet1/vm2', '8.8.8.8')).toEqual({
      verdict: 'delivered',
      path: ['vnet1/Subnet2: Internet'],
    });
  });

  it('trace: Subnet2 reaches Virtual-network-2 over the peering', async () => {
    expect(await hops('vnet1/vm2', '10.2.0.5')).toEqual({
      verdict: 'delivered',
      // Every gateway a hop: the named peering the packet crosses is a hop of its own, with no route.
      path: ['vnet1/Subnet2: VNetPeering', 'peering:vnet1-vnet2: -'],
    });
  });
});
