/**
 * Tables keep their identity while what they are made from does not change (forwarding-tables.ts):
 * the simulator forwards again only what crossed a table that is a new object, so a table must be
 * new whenever its content is, and should stay the same object otherwise. Every table is also
 * compared with one built from a structured clone of the state (no memo can answer it).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sameData } from '../src/internal/memo.js';
import { forwardingTables } from '@cloudroute/model';
import type { ForwardingTable, NetworkState, Topology } from '@cloudroute/model';
import { awsVpc, gcpHaVpn, network, site, stateOf, topology } from './fixtures.js';

const byId = (s: NetworkState): Map<string, ForwardingTable> =>
  new Map(forwardingTables(s).map((t) => [t.id, t]));

/** The tables of `s` as a memo-free build makes them. */
const fresh = (s: NetworkState): Map<string, ForwardingTable> => byId(structuredClone(s));

const estate: Topology = topology({
  networks: [
    awsVpc({
      name: 'shop',
      cidrs: ['10.1.0.0/16'],
      subnets: [
        { name: 'a', cidr: '10.1.1.0/24', routeTable: 'private' },
        { name: 'b', cidr: '10.1.2.0/24', routeTable: 'private' },
        { name: 'c', cidr: '10.1.3.0/24' },
      ],
      routeTables: [
        { name: 'main', main: true, routes: [] },
        { name: 'private', routes: [{ prefix: '10.9.0.0/16', nextHop: { type: 'blackhole' } }] },
      ],
    }),
    network({
      name: 'corp',
      provider: 'gcp',
      subnets: [{ name: 'app', cidr: '10.20.0.0/24', region: 'us-central1' }],
      hosts: [{ name: 'tagged', subnet: 'app', ip: '10.20.0.11', tags: ['egress'] }],
      gateways: gcpHaVpn('cr', 'vpn'),
    }),
    network({
      name: 'stack',
      provider: 'openstack',
      subnets: [{ name: 'guests', cidr: '192.168.10.0/24', gatewayIp: '192.168.10.1' }],
      gateways: [{ name: 'r1', kind: 'router', interfaces: ['guests'] }],
    }),
  ],
  sites: [site({ name: 'dc', cidrs: ['10.70.0.0/16'], asn: 65010 })],
  connections: [{ name: 'dc-vpn', between: ['corp/vpn', 'dc'], bgp: true, tunnels: 2 }],
});

describe('table identity across states (forwarding-tables.ts)', () => {
  const up = stateOf(estate);
  const idle = { adminUp: true, established: false };
  const down = stateOf(estate, { sessions: { 'dc-vpn': [idle, idle] } });
  const upAgain = stateOf(estate, { sessions: {} });

  test('every table equals a memo-free build of its state', () => {
    for (const s of [up, down, upAgain, up]) {
      const memo = byId(s);
      for (const [id, t] of fresh(s)) expect(memo.get(id), id).toEqual(t);
    }
  });

  test('OpenStack tables are made from the topology alone: the same objects while it is the same (OS-R1, OS-R12)', () => {
    const a = byId(up);
    const b = byId(down);
    expect(b.get('stack/guests')).toBe(a.get('stack/guests'));
    expect(b.get('stack/r1')).toBe(a.get('stack/r1'));
    const moved: Topology = {
      ...estate,
      networks: estate.networks.map((n) =>
        n.name === 'stack'
          ? {
              ...n,
              subnets: n.subnets.map((s) => ({
                ...s,
                hostRoutes: [{ prefix: '10.9.0.0/16', nextHop: { type: 'ip' as const, ip: '192.168.10.9' } }],
              })),
            }
          : n,
      ),
    };
    const c = byId(stateOf(moved));
    expect(c.get('stack/guests')).not.toBe(a.get('stack/guests'));
    expect(c.get('stack/guests')).toEqual(fresh(stateOf(moved)).get('stack/guests'));
  });

  test('a GCP table is a new object when its routes change, the same one when a state change leaves them alone (GCP-R7)', () => {
    const a = byId(up);
    const b = byId(down);
    // Both BGP sessions down: the dynamic routes learned over them go (GCP-R7), so the tables change.
    expect(JSON.stringify(b.get('corp/app'))).not.toBe(JSON.stringify(a.get('corp/app')));
    expect(b.get('corp/app')).not.toBe(a.get('corp/app'));
    // Up again in a new state object: the same content as before, so the table it replaced stays.
    const c = byId(upAgain);
    expect(c.get('corp/app')).toEqual(a.get('corp/app'));
    // Another state object whose changes leave the routes alone: the same tables.
    const d = byId({ ...upAgain, tunnels: {} });
    expect(d.get('corp/app')).toBe(c.get('corp/app'));
    expect(d.get('corp/tagged')).toBe(c.get('corp/tagged'));
    expect(d.get('corp/vpn')).toBe(c.get('corp/vpn'));
  });

  test('AWS-R10: the subnets of a VPC that use one route table get one routes array; another table, another', () => {
    const a = byId(up);
    expect(a.get('shop/b')!.routes).toBe(a.get('shop/a')!.routes);
    expect(a.get('shop/c')!.routes).not.toBe(a.get('shop/a')!.routes);
    expect(a.get('shop/a')!.id).toBe('shop/a');
    expect(a.get('shop/b')!.id).toBe('shop/b');
    expect(a.get('shop/a')).toEqual({ ...fresh(up).get('shop/a'), id: 'shop/a' });
  });
});

/** JSON text with every object's keys sorted: equal for values equal in content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

describe('sameData (the content comparison of StableMemo)', () => {
  test('equal exactly when the canonical JSON texts are equal (oracle)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
        expect(sameData(a, b)).toBe(canonical(a) === canonical(b));
        expect(sameData(a, structuredClone(a))).toBe(true);
      }),
      { seed: 20261208, numRuns: 500 },
    );
  });

  test('a value and a copy with one leaf changed differ', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ prefix: fc.string(), med: fc.integer() }), { minLength: 1 }),
        fc.nat(),
        (routes, k) => {
          const i = k % routes.length;
          const changed = routes.map((r, j) => (j === i ? { ...r, med: r.med + 1 } : r));
          expect(sameData({ routes }, { routes: changed })).toBe(false);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});
