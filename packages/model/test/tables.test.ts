/**
 * forwardingTables as a whole: every kind of table, identity-stable memoisation (immer keeps
 * unchanged objects identical), the effectiveRoutes contract, and large site tables.
 */
import { describe, expect, test } from 'vitest';
import {
  effectiveRoutes,
  findHostByIp,
  forwardingTable,
  forwardingTables,
  routesTargets,
  subnetOf,
} from '@cloudroute/model';
import type { Site, Topology } from '@cloudroute/model';
import { awsVpc, azureHub, site, stateOf, topology } from './fixtures.js';
import { wellFormed } from './oracle.js';

const base: Topology = topology({
  networks: [
    awsVpc({
      subnets: [{ name: 'a', cidr: '10.0.1.0/24' }],
      gateways: [{ name: 'vgw1', kind: 'vgw' }],
      hosts: [{ name: 'h', subnet: 'a', ip: '10.0.1.5' }],
    }),
    azureHub({
      subnets: [
        { name: 'web', cidr: '10.0.1.0/24' },
        { name: 'GatewaySubnet', cidr: '10.0.255.0/27' },
      ],
      gateways: [{ name: 'vng', kind: 'vpn' }],
      hosts: [{ name: 'h', subnet: 'web', ip: '10.0.1.5' }],
    }),
  ],
  sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'], asn: 65000 })],
  connections: [
    { name: 'c1', between: ['vpc/vgw1', 'dc'], bgp: true },
    { name: 'c2', between: ['hub/vng', 'dc'], bgp: true },
  ],
});

describe('forwardingTables', () => {
  test('one table per subnet, gateway and site, each well formed', () => {
    const tables = forwardingTables(stateOf(base));
    expect(tables.map((t) => `${t.kind} ${t.id}`)).toEqual([
      'subnet vpc/a',
      'gateway vpc/vgw1',
      'subnet hub/web',
      'subnet hub/GatewaySubnet',
      'gateway hub/vng',
      'site site:dc',
    ]);
    for (const t of tables) expect(wellFormed(t)).toBeUndefined();
    // One table alone is the same memoised object.
    for (const t of tables) expect(forwardingTable(stateOf(base), t.id)).toBe(t);
    expect(forwardingTable(stateOf(base), 'vpc/nope')).toBeUndefined();
  });

  test('unchanged inputs give identical table objects; a change rebuilds only what it touches', () => {
    const s0 = stateOf(base);
    const t0 = forwardingTables(s0);
    expect(forwardingTables(stateOf(base))).toEqual(t0);
    forwardingTables(s0).forEach((t, i) => expect(t).toBe(t0[i]));
    // The site withdraws everything: the VGW's and Azure's learned routes change; the AWS subnet
    // (propagation off, AWS-R27) and the site's own table do not.
    const s1 = stateOf(base, { adverts: { dc: [] } });
    const t1 = forwardingTables(s1);
    const same = t1.map((t, i) => t === t0[i]);
    expect(same).toEqual([true, false, false, false, false, true]);
    // Editing the Azure network leaves the AWS tables identical to the previous state's (memos
    // keep the last result per object).
    const before = forwardingTables(s0);
    const hub = base.networks[1]!;
    const edited: Topology = {
      ...base,
      networks: [base.networks[0]!, { ...hub, routeTables: [{ name: 'rt', routes: [] }] }],
    };
    const t2 = forwardingTables(stateOf(edited));
    expect(t2[0]).toBe(before[0]);
    expect(t2[1]).toBe(before[1]);
  });

  test('large site tables are built once per Site object; a BGP change reuses the configured routes', () => {
    const routes = Array.from({ length: 200_000 }, (_, i) => ({
      prefix: `${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`,
      via: 'c1',
    }));
    const big: Site = site({ name: 'dc', cidrs: ['192.168.0.0/16'], asn: 65000, routes });
    const t = { ...base, sites: [big] };
    const a = forwardingTables(stateOf(t)).at(-1)!;
    expect(a.routes.length).toBe(200_000 + 1 + 2);
    const b = forwardingTables(stateOf(t, { sessions: { c2: [{ adminUp: true, established: false }] } })).at(
      -1,
    )!;
    expect(b).not.toBe(a);
    expect(b.routes.length).toBe(200_000 + 1 + 1);
    for (const i of [0, 1, 99_999, 200_000]) expect(b.routes[i]).toBe(a.routes[i]);
    expect(wellFormed(b)).toBeUndefined();
  });
});

describe('effectiveRoutes and helpers', () => {
  test('an unknown target returns an error value with suggestions, never throws', () => {
    const v = effectiveRoutes(stateOf(base), 'vpc/aa');
    expect(v.routes).toEqual([]);
    expect(v.error?.code).toBe('unknown-target');
    expect(v.error?.suggestions[0]).toBe('vpc/a');
    expect(effectiveRoutes(stateOf(base), 'garbage').error?.code).toBe('unknown-target');
  });

  test('a host target shows its subnet table; DESIGN `routes` shape', () => {
    const s = { ...stateOf(base), time: 600 };
    const v = effectiveRoutes(s, 'vpc/h');
    expect(v).toMatchObject({ subnet: 'vpc/h', at: 600 });
    expect(v.routes).toEqual(effectiveRoutes(s, 'vpc/a').routes);
    expect(routesTargets(s)).toContain('site:dc');
  });

  test('findHostByIp and subnetOf keep overlapping private spaces apart', () => {
    expect(findHostByIp(base, '10.0.1.5')?.path).toBe('vpc/h');
    expect(findHostByIp(base, '10.0.1.5', ['hub'])?.path).toBe('hub/h');
    expect(findHostByIp(stateOf(base), '10.0.1.6')).toBeUndefined();
    expect(subnetOf(base, 'hub', '10.0.255.9')?.name).toBe('GatewaySubnet');
    expect(subnetOf(base, 'hub', '10.0.7.9')).toBeUndefined();
  });
});
