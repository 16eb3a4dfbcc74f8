/**
 * `compareRoutes`: the provider's own effective-routes export against the simulated table
 * (IMPORTERS.md 2.5: arrays of prefixes and next hops, open next-hop types; AWS: the subnet's
 * describe-route-tables entry).
 */
import { describe, expect, it } from 'vitest';
import { compareRoutes, importAws, importAzure, ImportInputError } from '@cloudroute/import';
import { fixture, fixtureFiles, routesAt, scenarioOf } from './helpers.js';

describe('compareRoutes, Azure show-effective-route-table', () => {
  const sc = scenarioOf(importAzure([...fixtureFiles('azure', 'cli'), ...fixtureFiles('azure', 'arm')]).text);
  const view = routesAt(sc, 'hub/web');
  const exp = fixture('effective-routes', 'web1-nic.json');
  const r = compareRoutes(view, exp.text, exp.path);

  it('expands prefix arrays, takes VNetGlobalPeering for VNetPeering, and lists each difference', () => {
    expect(r.provider).toBe('azure');
    expect(r.matched).toBe(9);
    expect(r.differences.map((d) => [d.kind, d.prefix])).toEqual([
      ['state', '10.2.0.0/16'],
      ['extra', '192.168.0.0/16'],
      ['missing', '25.33.80.0/20'],
      ['extra', '172.16.8.0/22'],
    ]);
    expect(r.text.split('\n')[0]).toBe(
      'hub/web vs effective-routes/web1-nic.json: 4 differences (9 routes alike)',
    );
  });

  it('accepts the REST shape (responses.200.body) and several next-hop addresses', () => {
    const rest = JSON.stringify({ responses: { '200': { body: JSON.parse(exp.text) as unknown } } });
    expect(compareRoutes(view, rest, 'rest.json').differences).toEqual(r.differences);
  });

  it('reports a next hop that differs', () => {
    const changed = exp.text.replace('"10.1.2.4"', '"10.1.2.5"');
    const d = compareRoutes(view, changed, 'x.json').differences.find((x) => x.kind === 'nextHop');
    expect(d).toMatchObject({
      prefix: '10.2.0.0/16',
      message: 'next hop 10.1.2.5 in the export, 10.1.2.4 in cloudroute',
    });
  });
});

describe('compareRoutes, AWS describe-route-tables', () => {
  const sc = scenarioOf(importAws(fixtureFiles('aws-multi-account')).text);
  const view = routesAt(sc, 'prod/app');
  const exp = fixture('effective-routes', 'prod-app-route-tables.json');

  it('picks the subnet’s table by its association and compares Origin, State and target', () => {
    const r = compareRoutes(view, exp.text, exp.path, { subnetId: 'subnet-0a1app' });
    expect(r.provider).toBe('aws');
    expect(r.differences.map((d) => [d.kind, d.prefix])).toEqual([
      ['missing', '10.99.0.0/16'],
      ['extra', '203.0.113.0/24'],
    ]);
    // A blackhole to a deleted NAT gateway matches cloudroute's blackhole route.
    expect(r.matched).toBe(6);
  });

  it('asks for the subnet’s own table when the export holds several and none is named', () => {
    expect(() => compareRoutes(view, exp.text, exp.path)).toThrow(ImportInputError);
    expect(() => compareRoutes(view, exp.text, exp.path)).toThrow('$.RouteTables: 2 route tables');
  });
});

describe('compareRoutes, bad input', () => {
  const view = { subnet: 'a/b', at: 0, routes: [] };
  it('refuses what is not JSON or not an effective-routes export, naming the file', () => {
    expect(() => compareRoutes(view, 'oops', 'x.json')).toThrow('x.json: $: not JSON');
    expect(() => compareRoutes(view, '{"Vpcs":[]}', 'x.json')).toThrow(
      'x.json: $: not an effective-routes export',
    );
  });
});
