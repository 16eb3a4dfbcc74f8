/**
 * The schema's fast path for long route lists (`fast-routes.ts`, issue 14) against the schema it
 * stands in for: a route the hand check accepts is accepted by the schema with the same output
 * (fields in the same order); and on the example scenarios with long generated route lists (valid
 * routes, with now and then an arbitrary one: bad prefixes, names, next hops, extra fields) the
 * parse with the fast path gives the same success, output and issues as the schema alone, and
 * leaves the data as it was. Pinned seeds.
 */
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastRoutes, parseWithFastRoutes } from '../src/fast-routes.js';
import { awsRouteTable, azureRouteTable, gcpRoute, siteRoute } from '../src/schema/routes.js';
import { scenarioSchema } from '../src/schema/scenario.js';
import { example } from './helpers.js';

const SEED = 1414;

const validPrefix = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([a, len]) => {
    const net = len === 0 ? 0 : (a >>> (32 - len)) << (32 - len);
    const o = [net >>> 24, (net >>> 16) & 255, (net >>> 8) & 255, net & 255];
    return `${o.join('.')}/${len}`;
  });

const anyPrefix = fc.oneof(
  validPrefix,
  fc.constantFrom(
    '10.0.0.1/24',
    '010.0.0.0/8',
    '10.0.0.0/08',
    '10.0.0.0/33',
    '256.0.0.0/8',
    '10.0.0.0',
    '2001:db8::/32',
    '::/0',
    '10.0.0.0/ 8',
    ' 10.0.0.0/8',
    '',
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.constant(null),
);

const validName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/);
const anyName = fc.oneof(
  validName,
  fc.constantFrom('', 'a b', 'a/b', 'x'.repeat(128), 'x'.repeat(129), 'tab\there', 'ünï', 'a\u00a0b'),
  fc.integer(),
  fc.constant(null),
);

const validGcpHop = fc.oneof(
  validName.map((host) => ({ type: 'instance', host })),
  fc.constant({ type: 'gateway', gateway: 'default-internet-gateway' }),
  validName.map((connection) => ({ type: 'vpnTunnel', connection })),
);
const anyGcpHop = fc.oneof(
  validGcpHop,
  fc.record(
    {
      type: fc.constantFrom('instance', 'gateway', 'vpnTunnel', 'address', 'ilb', 'igw', 'Instance'),
      host: anyName,
      gateway: fc.oneof(anyName, fc.constant('default-internet-gateway')),
      connection: anyName,
      ip: fc.constantFrom('10.0.0.1', '10.0.0.0/8'),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, 'instance', []),
);

const validAwsHop = fc.oneof(
  fc.constantFrom({ type: 'local' }, { type: 'blackhole' }),
  fc
    .tuple(fc.constantFrom('igw', 'nat', 'vgw', 'vpce', 'peering'), validName)
    .map(([type, gateway]) => ({ type, gateway })),
);
const anyAwsHop = fc.oneof(
  validAwsHop,
  fc.record(
    {
      type: fc.constantFrom('local', 'blackhole', 'igw', 'nat', 'tgw', 'eni', 'opaque', 'instance'),
      gateway: anyName,
      ip: fc.constantFrom('10.0.0.1', 'x'),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, 'igw'),
);

const anyPriority = fc.oneof(
  fc.integer({ min: 0, max: 65_535 }),
  fc.constantFrom(-1, 65_536, 1.5, '5', null, Number.NaN),
);

const validGcpRoute = fc.record(
  {
    name: validName,
    prefix: validPrefix,
    priority: fc.integer({ min: 0, max: 65_535 }),
    tags: fc.array(validName, { maxLength: 3 }),
    nextHop: validGcpHop,
  },
  { requiredKeys: ['prefix', 'nextHop'] },
);
const anyGcpRoute = fc.oneof(
  validGcpRoute,
  fc.record(
    {
      name: anyName,
      prefix: anyPrefix,
      priority: anyPriority,
      tags: fc.oneof(fc.array(anyName, { maxLength: 3 }), anyName),
      nextHop: anyGcpHop,
      nmae: validName,
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, 'route', []),
);

const validAwsRoute = fc.record(
  { name: validName, prefix: validPrefix, nextHop: validAwsHop },
  { requiredKeys: ['prefix', 'nextHop'] },
);
const anyAwsRoute = fc.oneof(
  validAwsRoute,
  fc.record(
    { name: anyName, prefix: anyPrefix, nextHop: anyAwsHop, priority: anyPriority },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, 'route'),
);

const validAzureHop = fc.oneof(
  fc.constantFrom(
    { type: 'VirtualNetworkGateway' },
    { type: 'VnetLocal' },
    { type: 'Internet' },
    { type: 'None' },
  ),
  fc
    .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255))
    .map((o) => ({ type: 'VirtualAppliance', ip: o.join('.') })),
);
const anyAzureHop = fc.oneof(
  validAzureHop,
  fc.record(
    {
      type: fc.constantFrom(
        'VirtualAppliance',
        'VnetLocal',
        'Internet',
        'None',
        'opaque',
        'virtualappliance',
      ),
      ip: fc.constantFrom(
        '10.0.0.4',
        '010.0.0.4',
        '10.0.0.256',
        '10.0.0',
        '10.0.0.4/32',
        '::1',
        ' 10.0.0.4',
        '',
      ),
      kind: fc.constant('firewall'),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, 'Internet'),
);
const validAzureRoute = fc.record(
  { name: validName, prefix: validPrefix, nextHop: validAzureHop },
  { requiredKeys: ['prefix', 'nextHop'] },
);
const anyAzureRoute = fc.oneof(
  validAzureRoute,
  fc.record({ name: anyName, prefix: anyPrefix, nextHop: anyAzureHop, via: validName }, { requiredKeys: [] }),
  fc.constantFrom(null, 'route'),
);

const validSiteRoute = fc.record(
  { name: validName, prefix: validPrefix, via: validName },
  { requiredKeys: ['prefix', 'via'] },
);
const anySiteRoute = fc.oneof(
  validSiteRoute,
  fc.record({ name: anyName, prefix: anyPrefix, via: anyName, nextHop: validAwsHop }, { requiredKeys: [] }),
  fc.constantFrom(null, 'route', []),
);

/** Same value and same field order. */
function expectSame(a: unknown, b: unknown): void {
  expect(a).toEqual(b);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
}

describe('fast route checks', () => {
  it('a GCP route the hand check accepts, the schema accepts with the same output', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyGcpRoute, (route) => {
        const fast = fastRoutes.gcpRoute(route);
        if (fast === undefined) return;
        accepted++;
        const zod = gcpRoute.safeParse(route);
        expect(zod.success).toBe(true);
        expectSame(fast, zod.data);
      }),
      { seed: SEED, numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  it('an AWS route the hand check accepts, the schema accepts with the same output', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyAwsRoute, (route) => {
        const fast = fastRoutes.awsRoute(route);
        if (fast === undefined) return;
        accepted++;
        const zod = awsRouteTable.safeParse({ name: 'rt', routes: [route] });
        expect(zod.success).toBe(true);
        expectSame([fast], zod.data?.routes);
      }),
      { seed: SEED + 1, numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  it('an Azure route the hand check accepts, the schema accepts with the same output', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyAzureRoute, (route) => {
        const fast = fastRoutes.azureRoute(route);
        if (fast === undefined) return;
        accepted++;
        const zod = azureRouteTable.safeParse({ name: 'rt', routes: [route] });
        expect(zod.success).toBe(true);
        expectSame([fast], zod.data?.routes);
      }),
      { seed: SEED + 6, numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  it("a site's route the hand check accepts, the schema accepts with the same output", () => {
    let accepted = 0;
    fc.assert(
      fc.property(anySiteRoute, (route) => {
        const fast = fastRoutes.siteRoute(route);
        if (fast === undefined) return;
        accepted++;
        const zod = siteRoute.safeParse(route);
        expect(zod.success).toBe(true);
        expectSame(fast, zod.data);
      }),
      { seed: SEED + 4, numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });
});

/** Long lists of valid routes, now and then with an arbitrary route in them. */
const longList = (valid: fc.Arbitrary<unknown>, any: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> =>
  fc
    .tuple(
      fc.array(valid, { minLength: fastRoutes.MIN_ROUTES, maxLength: fastRoutes.MIN_ROUTES + 8 }),
      fc.option(fc.tuple(any, fc.nat()), { freq: 2 }),
    )
    .map(([routes, odd]) => {
      if (odd === null) return routes;
      const copy = routes.slice();
      copy.splice(odd[1] % (copy.length + 1), 0, odd[0]);
      return copy;
    });

function scenarioWith(
  name: 'aws-vpc' | 'gcp-openstack',
  provider: string,
  put: (network: Record<string, unknown>) => void,
): unknown {
  const data = parse(example(name)) as { networks: Record<string, unknown>[] };
  for (const n of data.networks) if (n.provider === provider) put(n);
  return data;
}

function expectSameParse(data: unknown): boolean {
  const before = structuredClone(data);
  const fast = parseWithFastRoutes(data, (d) => scenarioSchema.safeParse(d));
  expect(data).toEqual(before);
  const zod = scenarioSchema.safeParse(data);
  expect(fast.success).toBe(zod.success);
  if (zod.success) expectSame(fast.data, zod.data);
  else expect(fast.error?.issues).toEqual(zod.error.issues);
  return zod.success;
}

describe('parse with fast routes', () => {
  it('gives what the schema gives, on GCP networks with long route lists', () => {
    let ok = 0;
    fc.assert(
      fc.property(longList(validGcpRoute, anyGcpRoute), fc.boolean(), (routes, typo) => {
        const data = scenarioWith('gcp-openstack', 'gcp', (n) => {
          n.routes = routes;
          // An error elsewhere in the network: its message must not change with the fast path.
          if (typo) n.subnet = [];
        });
        if (expectSameParse(data)) ok++;
      }),
      { seed: SEED + 2, numRuns: 60 },
    );
    expect(ok).toBeGreaterThan(10);
  });

  it("gives what the schema gives, on sites' long route lists", () => {
    let ok = 0;
    fc.assert(
      fc.property(longList(validSiteRoute, anySiteRoute), fc.boolean(), (routes, typo) => {
        const data = parse(example('azure-hub')) as { sites: Record<string, unknown>[] };
        for (const site of data.sites) {
          site.routes = routes;
          // An error elsewhere in the site: its message must not change with the fast path.
          if (typo) site.asn = 'x';
        }
        if (expectSameParse(data)) ok++;
      }),
      { seed: SEED + 5, numRuns: 60 },
    );
    expect(ok).toBeGreaterThan(10);
  });

  it('gives what the schema gives, on Azure route tables with long route lists', () => {
    let ok = 0;
    fc.assert(
      fc.property(longList(validAzureRoute, anyAzureRoute), (routes) => {
        const data = parse(example('azure-hub')) as { networks: Record<string, unknown>[] };
        for (const n of data.networks) {
          if (n.provider !== 'azure') continue;
          if (!Array.isArray(n.routeTables)) n.routeTables = [{ name: 'many' }];
          for (const t of n.routeTables as Record<string, unknown>[]) t.routes = routes;
        }
        if (expectSameParse(data)) ok++;
      }),
      { seed: SEED + 7, numRuns: 60 },
    );
    expect(ok).toBeGreaterThan(10);
  });

  it('gives what the schema gives, on AWS route tables with long route lists', () => {
    let ok = 0;
    fc.assert(
      fc.property(longList(validAwsRoute, anyAwsRoute), (routes) => {
        const data = scenarioWith('aws-vpc', 'aws', (n) => {
          if (!Array.isArray(n.routeTables)) n.routeTables = [{ name: 'many' }];
          for (const t of n.routeTables as Record<string, unknown>[]) t.routes = routes;
        });
        if (expectSameParse(data)) ok++;
      }),
      { seed: SEED + 3, numRuns: 60 },
    );
    expect(ok).toBeGreaterThan(10);
  });
});
