/**
 * Fuzzing `loadScenario` with 10,000 documents over five properties (pinned seeds): broken fields
 * of valid scenarios, cut and spliced texts, random text, random structures and deep nesting.
 * Whatever the input, nothing escapes as an exception, and every failure is a located problem.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario } from '../src/index.js';
import { EXAMPLE_NAMES, example } from './helpers.js';

const SEED = 20_251_125;

const SMALL = [
  `name: a
horizon: 1h
networks:
  - name: prod
    provider: aws
    cidrs: [172.20.0.0/16]
    subnets: [ { name: app, cidr: 172.20.2.0/24, routeTable: rt } ]
    hosts: [ { name: api1, subnet: app, ip: 172.20.2.20, sourceDestCheck: false } ]
    gateways: [ { name: gw, kind: igw }, { name: v, kind: vgw, asn: 64512 } ]
    routeTables: [ { name: rt, routes: [ { prefix: 0.0.0.0/0, nextHop: { type: igw, gateway: gw } } ] } ]
sites: [ { name: dc, cidrs: [10.9.0.0/16], asn: 65001 } ]
connections: [ { name: c, between: [prod/v, dc], bgp: true } ]
flows: [ { name: f, from: prod/app, to: dc, count: 10 } ]
timeline:
  - { at: 10m, do: tunnel.down, connection: c, tunnel: 0 }
  - { at: 20m, do: host.update, host: prod/api1, set: { sourceDestCheck: true } }
expect: [ { flows: f, during: [0s, 1h], reachable: 1 } ]
`,
  `name: b
networks:
  - name: hub
    provider: azure
    cidrs: [10.1.0.0/16]
    subnets: [ { name: web, cidr: 10.1.1.0/24, routeTable: rt }, { name: GatewaySubnet, cidr: 10.1.255.0/27 } ]
    routeTables: [ { name: rt, routes: [ { name: r, prefix: 10.2.0.0/16, nextHop: { type: VirtualAppliance, ip: 10.1.1.4 } } ] } ]
    hosts: [ { name: nva, subnet: web, ip: 10.1.1.4, ipForwarding: true } ]
    gateways: [ { name: vng, kind: vpn, activeActive: true } ]
timeline: [ { at: 5m, do: gateway.update, gateway: hub/vng, set: { sku: VpnGw2 } } ]
chaos: { runs: 3, faults: [ { kind: gateway.failover, gateway: hub/vng, mtbf: 30d } ] }
profile: { azure: { vpnGatewayProvisioning: 30m } }
`,
  `name: c
networks:
  - name: corp
    provider: gcp
    subnets: [ { name: app, cidr: 10.20.0.0/24, region: us-central1 } ]
    routes: [ { name: r, prefix: 10.50.0.0/16, priority: 900, nextHop: { type: instance, host: fw } } ]
    hosts: [ { name: fw, subnet: app, ip: 10.20.0.5, ipForwarding: true, tags: [x] } ]
    gateways: [ { name: rtr, kind: cloudRouter, region: us-central1, asn: 64514 } ]
  - name: os
    provider: openstack
    subnets: [ { name: s, cidr: 192.168.10.0/24, hostRoutes: [ { prefix: 10.0.0.0/8, nextHop: { type: ip, ip: 192.168.10.9 } } ] } ]
    hosts: [ { name: h, ports: [ { subnet: s, ip: 192.168.10.9, allowedAddressPairs: [ { ip: 10.0.0.0/8 } ] } ] } ]
timeline: [ { at: 1m, do: network.update, network: corp, set: { routingMode: global } } ]
`,
];

/** Every path of a value (objects and arrays), in a stable order. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** A copy of `data` with the value at `path` replaced (`undefined`: the field removed). */
function replaced(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(data))
    return (data as unknown[])
      .map((v, i) => (i === head ? replaced(v, rest, value) : v))
      .filter((v) => v !== undefined);
  const o = { ...(data as Record<string, unknown>) };
  const next = replaced(o[head as string], rest, value);
  if (next === undefined) delete o[head as string];
  else o[head as string] = next;
  return o;
}

const deep = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : [deep(depth - 1, leaf)]);

const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1, 2 ** 53 + 2, -0, 1e-300, 100_000_001),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '10m',
    '-5m',
    '1.5h',
    '600',
    '10.0.0.0/33',
    '10.0.0.1/8',
    'prod/nope',
    'x/y/z',
    'internet',
    'VirtualAppliance',
    'igw',
    '',
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 1, max: 120 }).map((d) => deep(d, 'x')),
);

/** The document as JSON or YAML text (a removed document is an empty file). */
const asText = (value: unknown, json: boolean): string =>
  value === undefined
    ? ''
    : json
      ? JSON.stringify(value)
      : stringify(value, { aliasDuplicateObjects: false });

/** The invariants for any text. */
function check(text: string): void {
  const r = loadScenario(text, 'fuzz.yaml');
  const lines = text.split('\n').length;
  for (const p of [...r.problems, ...r.warnings]) {
    expect(p.file).toBe('fuzz.yaml');
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.code).not.toBe('internal-error');
    expect(formatProblem(p)).not.toMatch(/[\r\n]/);
  }
  if (r.scenario === undefined) expect(r.problems.length).toBeGreaterThan(0);
  else expect(r.problems).toEqual([]);
}

const smallData = SMALL.map((t) => parse(t) as unknown);
const smallPaths = smallData.map((d) => paths(d));

describe('loadScenario under fuzzing (10,000 documents)', () => {
  it('survives a broken field in a valid scenario (4,000)', () => {
    fc.assert(
      fc.property(fc.nat(SMALL.length - 1), fc.nat(), badValue, fc.boolean(), (b, at, value, json) => {
        const all = smallPaths[b]!;
        check(asText(replaced(smallData[b], all[at % all.length]!, value), json));
      }),
      { seed: SEED, numRuns: 4000 },
    );
  });

  it('survives cut and spliced texts (2,500)', () => {
    const texts = [...SMALL, ...SMALL.map((t) => JSON.stringify(parse(t)))];
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.nat(),
        fc.nat(40),
        fc.string({ unit: 'binary', maxLength: 12 }),
        (b, at, del, insert) => {
          const t = texts[b]!;
          const i = at % (t.length + 1);
          check(t.slice(0, i) + insert + t.slice(i + del));
        },
      ),
      { seed: SEED + 1, numRuns: 2500 },
    );
  });

  it('survives random text, YAML-ish and unicode (2,200)', () => {
    const yamlish = fc.string({
      unit: fc.constantFrom(...'{}[]:,-&*!|>?%@`\'"#\n\t aZ09./'.split('')),
      maxLength: 120,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          yamlish,
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ unit: 'grapheme-composite', maxLength: 60 }),
        ),
        check,
      ),
      { seed: SEED + 2, numRuns: 2200 },
    );
  });

  it('survives random structures and deep nesting (1,000)', () => {
    const nested = fc
      .tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('[', '{"a":', '- ', 'a:\n '))
      .map(([n, open]) =>
        open === '['
          ? '['.repeat(n) + ']'.repeat(n)
          : open === '{"a":'
            ? `${open.repeat(n)}1${'}'.repeat(n)}`
            : open.repeat(n) + 'x',
      );
    const structure = fc
      .tuple(fc.jsonValue({ maxDepth: 6 }), fc.boolean())
      .map(([v, json]) => asText({ name: 'r', networks: v, timeline: v }, json));
    fc.assert(
      fc.property(
        fc.oneof(
          nested,
          structure,
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        ),
        check,
      ),
      {
        seed: SEED + 3,
        numRuns: 1000,
      },
    );
  });

  it('survives broken fields in the contract examples (300)', () => {
    const data = EXAMPLE_NAMES.map((n) => parse(example(n)) as unknown);
    const all = data.map((d) => paths(d));
    fc.assert(
      fc.property(fc.nat(data.length - 1), fc.nat(), badValue, (b, at, value) => {
        check(asText(replaced(data[b], all[b]![at % all[b]!.length]!, value), false));
      }),
      { seed: SEED + 4, numRuns: 300 },
    );
  });
});
