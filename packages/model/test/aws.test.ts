// Over 400 lines: the cases of one subject (aws), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * AWS rules (PROVIDERS.md 1.x) and the AWS invariants 1–12 of PROVIDERS.md section 5.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  AWS_RESERVED_DESTINATIONS,
  checkGatewayUpdate,
  effectiveRoutes,
  forwardingTables,
  gatewayIngressTable,
  subnetOf,
  tunnelCount,
  validateTopology,
} from '@cloudroute/model';
import type { ForwardingTable, Network, Route, Topology } from '@cloudroute/model';
import { AWS_TARGETS, anyPrefix, awsCase, awsHop, runs, type AwsCase } from './arbitraries.js';
import { checkFiveReserved } from './reserved.js';
import { awsVpc, network, site, stateOf, tableOf, tablesOf, tgwNetwork, topology } from './fixtures.js';
import { addrIn, contains, containsPrefix, fmt4, lookup, pfx, prefix4, wellFormed } from './oracle.js';

function subnetTables(c: AwsCase, t: Topology = c.topology): ForwardingTable[] {
  return tablesOf(
    t,
    c.subnets.map((_, i) => `vpc/s${i}`),
  );
}

function withRoutes(c: AwsCase, routes: readonly Route[]): Topology {
  const [vpc, ...rest] = c.topology.networks;
  const v = vpc!;
  return { ...c.topology, networks: [{ ...v, routeTables: [{ ...v.routeTables[0]!, routes }] }, ...rest] };
}

const refusedByR4 = (c: AwsCase, r: Route): boolean => {
  if (!containsPrefix(c.vpcCidr, r.prefix)) return false;
  const isSubnet = c.subnets.includes(r.prefix) || r.prefix === c.vpcCidr;
  return !(isSubnet && (r.nextHop.type === 'nat' || r.nextHop.type === 'eni'));
};

describe('AWS invariants (PROVIDERS.md §5)', () => {
  test('every table is well formed: at most one selected route per prefix, each with an action', () => {
    fc.assert(
      fc.property(awsCase, (c) => {
        for (const t of forwardingTables(stateOf(c.topology))) expect(wellFormed(t)).toBeUndefined();
      }),
      runs(101),
    );
  });

  test('invariant 1 (AWS-R1, AWS-R4, AWS-R5): local dominance inside the VPC CIDR', () => {
    fc.assert(
      fc.property(awsCase, fc.nat({ max: 0xffffffff }), (c, seed) => {
        const dst = addrIn(c.vpcCidr, seed);
        for (const table of subnetTables(c)) {
          const hit = lookup(table, dst);
          // The exact-subnet nat/eni route covering dst, else an AWS-R3 replacement of the local target, else local.
          const bySubnet = c.routes.find(
            (r) =>
              c.subnets.includes(r.prefix) &&
              addrIn(r.prefix, dst) === dst &&
              (r.nextHop.type === 'nat' || r.nextHop.type === 'eni'),
          );
          const byVpc = c.routes.find(
            (r) => r.prefix === c.vpcCidr && (r.nextHop.type === 'nat' || r.nextHop.type === 'eni'),
          );
          const expected = bySubnet ?? byVpc;
          if (expected) {
            expect(hit?.prefix).toBe(expected.prefix);
            expect(hit?.source).toBe('static');
          } else {
            expect(hit?.nextHopType).toBe('local');
            expect(hit?.action).toEqual({ kind: 'local', network: 'vpc' });
          }
          // AWS-R5: no propagated route is ever selected inside the VPC CIDR.
          for (const r of table.routes)
            if (r.source === 'propagated' && containsPrefix(c.vpcCidr, r.prefix))
              expect(r.selected).toBe(false);
        }
      }),
      runs(1),
    );
  });

  test('invariant 2 (AWS-R4): a route inside the VPC CIDR is refused unless it is a whole subnet CIDR to nat/eni', () => {
    fc.assert(
      fc.property(awsCase, (c) => {
        const diags = validateTopology(c.topology).filter((d) => d.code === 'AWS-R4');
        c.routes.forEach((r, k) => {
          const refused = diags.some((d) => d.path[4] === 'routes' && d.path[5] === k);
          expect(refused).toBe(refusedByR4(c, r));
          if (refused) {
            expect(diags.find((d) => d.path[5] === k)!.severity).toBe('error');
            expect(diags.find((d) => d.path[5] === k)!.path).toEqual([
              'networks',
              0,
              'routeTables',
              0,
              'routes',
              k,
              'prefix',
            ]);
          }
        });
      }),
      runs(2),
    );
  });

  test('invariant 3 (AWS-R2): adding a strictly less specific route never changes the lookup', () => {
    fc.assert(
      fc.property(
        awsCase,
        fc.nat({ max: 0xffffffff }),
        fc.nat(),
        fc.constantFrom(...AWS_TARGETS),
        fc.boolean(),
        (c, seed, cut, target, inVpc) => {
          const dst = inVpc ? addrIn(c.vpcCidr, seed) : seed >>> 0;
          const before = subnetTables(c).map((t) => lookup(t, dst));
          const routes = [...c.routes];
          const widened = before.map((hit) => {
            if (!hit) return undefined;
            const len = prefix4(hit.prefix).len;
            if (len === 0) return undefined;
            return pfx(dst, cut % len);
          });
          const add = widened.find((p) => p !== undefined);
          fc.pre(add !== undefined && !routes.some((r) => r.prefix === add));
          // Only test tables whose current match is strictly longer than the new route.
          const t2 = withRoutes(c, [...routes, { prefix: add, nextHop: awsHop(target, c.subnets, seed) }]);
          const after = subnetTables(c, t2).map((t) => lookup(t, dst));
          before.forEach((hit, i) => {
            if (hit && prefix4(hit.prefix).len > prefix4(add).len) {
              expect(after[i]?.prefix).toBe(hit.prefix);
              expect(after[i]?.action).toEqual(hit.action);
            }
          });
        },
      ),
      runs(3),
    );
  });

  test('invariant 4 (AWS-R6): at equal prefix a static route beats the propagated one; removing it restores the propagated route', () => {
    const staticTargets = ['igw', 'nat', 'eni', 'vgw', 'peering'] as const;
    fc.assert(
      fc.property(
        awsCase,
        fc.tuple(fc.nat({ max: 0xffff }), fc.integer({ min: 16, max: 30 })),
        fc.constantFrom(...staticTargets),
        fc.nat(),
        (c, [lo, len], target, seed) => {
          // P outside every VPC: 192.168.x.x, learned from the site.
          const p = pfx((0xc0a80000 | lo) >>> 0, len);
          const vpc = c.topology.networks[0]!;
          const rt = vpc.routeTables[0]!;
          const others = rt.routes.filter((r) => r.prefix !== p);
          const mk = (routes: readonly Route[]): Topology => ({
            ...c.topology,
            networks: [
              { ...vpc, routeTables: [{ ...rt, propagateGatewayRoutes: true, routes }] },
              ...c.topology.networks.slice(1),
            ],
            sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'], asn: 65001, advertise: [{ prefix: p }] })],
          });
          const s = { prefix: p, name: 'S', nextHop: awsHop(target, c.subnets, seed) };
          const withS = subnetTables(c, mk([...others, s]));
          const withoutS = subnetTables(c, mk(others));
          for (const t of withS) {
            const at = t.routes.filter((r) => r.prefix === p);
            expect(at.find((r) => r.selected)?.name).toBe('S');
            const r = at.find((x) => x.source === 'propagated')!;
            expect(r.selected).toBe(false);
            expect(r.rule).toBe('AWS-R6');
          }
          for (const t of withoutS) {
            const sel = t.routes.find((r) => r.prefix === p && r.selected)!;
            expect(sel.source).toBe('propagated');
            expect(sel.action).toEqual({ kind: 'gateway', gateway: 'vpc/vgw1' });
          }
        },
      ),
      runs(4),
    );
  });

  test('invariant 5 (AWS-R9): a whole-subnet route for the source subnet is accepted; same-subnet addresses map to one subnet', () => {
    // The model owns: the route is accepted and installed, and subnetOf() names the source's
    // subnet for both ends. `sim` completes the invariant: it delivers same-subnet traffic at
    // layer 2 without consulting the table.
    fc.assert(
      fc.property(
        awsCase,
        fc.nat(),
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 0xffffffff }),
        (c, pick, a, b) => {
          const own = c.subnets[pick % c.subnets.length]!;
          const i = c.subnets.indexOf(own);
          const t2 = withRoutes(c, [
            {
              prefix: own,
              name: 'self',
              nextHop: { type: 'eni', ip: c.subnets[(i + 1) % c.subnets.length]!.replace(/\.0\/24$/, '.10') },
            },
          ]);
          expect(validateTopology(t2).filter((d) => d.severity === 'error')).toEqual([]);
          const src = fmt4(addrIn(own, a));
          const dst = fmt4(addrIn(own, b));
          expect(subnetOf(t2, 'vpc', src)?.name).toBe(`s${i}`);
          expect(subnetOf(t2, 'vpc', dst)?.name).toBe(`s${i}`);
          const table = tableOf(t2, `vpc/s${i}`);
          expect(table.routes.find((r) => r.name === 'self')?.selected).toBe(true);
        },
      ),
      runs(5),
    );
  });

  test('invariant 6 (AWS-R8): routes inside 169.254.168.0/22 are refused and never selected; broader ones are accepted', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1023 }),
        fc.integer({ min: 22, max: 32 }),
        fc.integer({ min: 0, max: 21 }),
        (lo, len, wide) => {
          const inside = pfx((0xa9fea800 | lo) >>> 0, len);
          const broader = pfx(0xa9fea800, wide);
          const t = topology({
            networks: [
              awsVpc({
                subnets: [{ name: 's', cidr: '10.0.0.0/24' }],
                gateways: [{ name: 'igw1', kind: 'igw' }],
                routeTables: [
                  {
                    name: 'rt',
                    main: true,
                    routes: [
                      { prefix: inside, nextHop: { type: 'igw', gateway: 'igw1' } },
                      { prefix: broader, nextHop: { type: 'igw', gateway: 'igw1' } },
                    ],
                  },
                ],
              }),
            ],
          });
          const r8 = validateTopology(t).filter((d) => d.code === 'AWS-R8');
          expect(r8.map((d) => d.path[5])).toEqual([0]);
          const table = tableOf(t, 'vpc/s');
          expect(table.routes.find((r) => r.prefix === inside && r.source === 'static')?.selected).toBe(
            false,
          );
          // `sim` completes: packets to AWS_RESERVED_DESTINATIONS are never forwarded, even by the broader route.
          expect(AWS_RESERVED_DESTINATIONS).toContain('169.254.168.0/22');
        },
      ),
      runs(6),
    );
  });

  test('invariant 7 (AWS-R15): only a route to an existing internet gateway leads to the internet', () => {
    // The model owns the route: no AWS table has an implicit internet route (contrast AZ-R1), and
    // an `internet` action comes only from a selected igw route. `sim` completes the invariant
    // with the public IP / NAT checks (AWS-R15, AWS-R16).
    fc.assert(
      fc.property(awsCase, (c) => {
        for (const t of subnetTables(c))
          for (const r of t.routes)
            if (r.action?.kind === 'internet') {
              expect(r.nextHopType).toBe('igw');
              expect(r.state).toBe('active');
            }
        const noIgw = withRoutes(
          c,
          c.routes.filter((r) => r.nextHop.type !== 'igw'),
        );
        for (const t of subnetTables(c, noIgw))
          expect(t.routes.some((r) => r.action?.kind === 'internet')).toBe(false);
      }),
      runs(7),
    );
  });

  test('invariant 8 (AWS-R25): VGW equal-prefix order static ≻ BGP, shorter AS path, lower MED with the same first AS; total and insertion-independent', () => {
    const conn = fc.record({
      bgp: fc.boolean(),
      asn: fc.constantFrom(65001, 65002),
      path: fc.array(fc.constantFrom(64600, 64601, 64602), { maxLength: 3 }),
      med: fc.nat({ max: 3 }),
      up: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(conn, { minLength: 1, maxLength: 5 }), fc.nat(), (conns, rot) => {
        const P = '172.20.0.0/16';
        const build = (order: number[]): ForwardingTable => {
          const t = topology({
            networks: [
              awsVpc({
                gateways: [{ name: 'vgw1', kind: 'vgw' }],
              }),
            ],
            sites: order.map((i) =>
              site({
                name: `site${i}`,
                cidrs: [P],
                asn: conns[i]!.asn,
                advertise: [{ prefix: P, asPath: conns[i]!.path, med: conns[i]!.med }],
              }),
            ),
            connections: order.map((i) => ({
              name: `c${i}`,
              between: ['vpc/vgw1', `site${i}`] as const,
              bgp: conns[i]!.bgp,
            })),
          });
          const tunnels = Object.fromEntries(
            order.map((i) => [`c${i}`, [{ up: conns[i]!.up }, { up: conns[i]!.up }]]),
          );
          return tableOf(t, 'vpc/vgw1', { tunnels });
        };
        const ids = conns.map((_, i) => i);
        const rotated = ids.map((_, k) => ids[(k + rot) % ids.length]!).reverse();
        const a = build(ids);
        const b = build(rotated);
        const winA = a.routes.filter((r) => r.prefix === P && r.selected);
        const winB = b.routes.filter((r) => r.prefix === P && r.selected);
        expect(winA).toHaveLength(1);
        expect(winB.map((r) => r.name)).toEqual(winA.map((r) => r.name));
        const w = conns[Number(winA[0]!.name!.slice(1))]!;
        const healthy = conns.filter((c) => c.up);
        const pool = healthy.length > 0 ? healthy : conns;
        expect(w.up).toBe(healthy.length > 0); // AWS-R25 (newer text): healthy tunnels first
        if (pool.some((c) => !c.bgp)) expect(w.bgp).toBe(false);
        else {
          const len = (c: typeof w): number => 1 + c.path.length;
          expect(len(w)).toBe(Math.min(...pool.map(len)));
          for (const c of pool)
            if (len(c) === len(w) && c.asn === w.asn) expect(w.med).toBeLessThanOrEqual(c.med);
        }
      }),
      runs(8),
    );
  });

  test('invariant 9 (AWS-R29): every attachment is looked up in its one associated table; a blackhole match drops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('rtA', 'rtB'), { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.record({
            prefix: fc.oneof(anyPrefix, fc.constantFrom('10.1.0.0/16', '10.1.2.0/24')),
            blackhole: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 0xffffffff }),
        (assoc, statics, pick, seed) => {
          const vpcs = assoc.map((_, i) =>
            network({
              name: `v${i}`,
              provider: 'aws',
              cidrs: [`10.${i + 1}.0.0/16`],
              subnets: [{ name: 's', cidr: `10.${i + 1}.0.0/24` }],
            }),
          );
          const hub = tgwNetwork('hub', {
            attachments: assoc.map((rt, i) => ({
              name: `a${i}`,
              network: `v${i}`,
              routeTable: rt,
              propagations: ['rtA'],
            })),
            routeTables: [
              {
                name: 'rtA',
                routes: statics.map((s) =>
                  s.blackhole
                    ? { prefix: s.prefix, blackhole: true }
                    : { prefix: s.prefix, attachment: 'a0' },
                ),
              },
              { name: 'rtB', routes: [] },
            ],
          });
          const t = topology({ networks: [hub, ...vpcs] });
          assoc.forEach((rt, i) => expect(gatewayIngressTable(t, 'hub/tgw', `v${i}`)).toBe(`hub/tgw#${rt}`));
          const table = tableOf(t, 'hub/tgw#rtA');
          expect(wellFormed(table)).toBeUndefined();
          // Two destinations in three lie in a static or propagated prefix, so that most runs
          // exercise the rule, not the empty table.
          const vpcCidrs = assoc.map((_, i) => `10.${i + 1}.0.0/16`);
          const pool = [...statics.map((x) => x.prefix), ...vpcCidrs];
          const dst = pick % 3 === 0 ? seed >>> 0 : addrIn(pool[pick % pool.length]!, seed);
          const hit = lookup(table, dst);
          // The oracle, from AWS-R29/R30 and invariant 9: rtA holds the statics and every VPC's
          // propagated CIDR (each attachment propagates into rtA); the longest matching prefix
          // wins; at equal prefix a static beats the propagated route (AWS-R30), the first static
          // of a prefix decides, and a blackhole drops whatever shorter routes exist.
          const matching = [
            ...statics
              .filter((x) => contains(x.prefix, dst))
              .map((x) => ({ ...x, static: true, len: prefix4(x.prefix).len })),
            ...vpcCidrs
              .map((prefix, i) => ({ prefix, attachment: `a${i}`, static: false, len: 16 }))
              .filter((x) => contains(x.prefix, dst)),
          ];
          const best = Math.max(-1, ...matching.map((x) => x.len));
          const want =
            matching.find((x) => x.len === best && x.static) ?? matching.find((x) => x.len === best);
          if (want === undefined) {
            expect(hit).toBeUndefined();
            return;
          }
          expect(hit?.prefix).toBe(want.prefix);
          if ('blackhole' in want) {
            expect(hit?.source).toBe('static');
            expect(hit?.action?.kind === 'drop').toBe(want.blackhole);
            if (!want.blackhole) expect(hit?.name).toBe('a0');
          } else {
            expect(hit?.source).toBe('propagated');
            expect(hit?.action?.kind).not.toBe('drop');
            expect(hit?.name).toBe(want.attachment);
          }
        },
      ),
      runs(9),
    );
  });

  test('invariant 10 (AWS-R30): a static TGW route shadows the propagated one of equal prefix; removing it restores it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.boolean(), (x, blackhole) => {
        const cidr = `10.${x}.0.0/16`;
        const mk = (
          routes: { prefix: string; blackhole?: boolean; attachment?: string }[],
        ): ForwardingTable =>
          tableOf(
            topology({
              networks: [
                tgwNetwork('hub', {
                  attachments: [
                    { name: 'a', network: 'v', routeTable: 'rt', propagations: ['rt'] },
                    { name: 'b', network: 'w', routeTable: 'rt' },
                  ],
                  routeTables: [{ name: 'rt', routes }],
                }),
                network({ name: 'v', provider: 'aws', cidrs: [cidr] }),
                network({ name: 'w', provider: 'aws', cidrs: ['172.16.0.0/16'] }),
              ],
            }),
            'hub/tgw#rt',
          );
        const s = blackhole ? { prefix: cidr, blackhole: true } : { prefix: cidr, attachment: 'b' };
        const shadowed = mk([s]);
        const at = shadowed.routes.filter((r) => r.prefix === cidr);
        expect(at.filter((r) => r.selected).map((r) => r.source)).toEqual(['static']);
        expect(at.find((r) => r.source === 'propagated')?.rule).toBe('AWS-R30');
        const restored = mk([]);
        expect(restored.routes.filter((r) => r.prefix === cidr && r.selected).map((r) => r.source)).toEqual([
          'propagated',
        ]);
        expect(mk([])).toEqual(restored); // removing again changes nothing
      }),
      runs(10),
    );
  });

  test('invariant 11 (AWS-R21, AWS-R23, AWS-R24): VGW ASN fixed, two tunnels per VPN, one VGW per VPC', () => {
    // The model owns the refusals; the engine applies them to timeline changes.
    fc.assert(
      fc.property(
        fc.integer({ min: 64512, max: 65534 }),
        fc.integer({ min: 64512, max: 65534 }),
        fc.boolean(),
        (a, b, recreate) => {
          const refusal = checkGatewayUpdate(
            'aws',
            { name: 'vgw1', kind: 'vgw', asn: a },
            { asn: b },
            recreate,
          );
          if (a === b || recreate) expect(refusal).toBeUndefined();
          else expect(refusal?.rule).toBe('AWS-R21');
        },
      ),
      runs(11),
    );
    const t = topology({
      networks: [
        awsVpc({
          gateways: [
            { name: 'vgw1', kind: 'vgw' },
            { name: 'vgw2', kind: 'vgw' },
          ],
        }),
      ],
      sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'], asn: 65000 })],
      connections: [
        { name: 'c', between: ['vpc/vgw1', 'dc'], bgp: true },
        { name: 'c1', between: ['vpc/vgw1', 'dc'], bgp: true, tunnels: 1 },
      ],
    });
    expect(tunnelCount(t, 'c')).toBe(2);
    const codes = validateTopology(t).map((d) => `${d.code} ${d.severity}`);
    expect(codes).toContain('AWS-R24 error');
    expect(codes).toContain('AWS-R23 error');
  });

  test('invariant 12 (AWS-R18): base+0..3 and the last address are reserved; the router is base+1', () => {
    checkFiveReserved('aws', 16, 28, 12);
  });
});

describe('AWS route priority examples (AWS-live route-tables-priority, AWS-S2S VPNRoutingTypes)', () => {
  const vpc = (routes: readonly Route[], extra: Partial<Network> = {}): Network =>
    awsVpc({
      subnets: [{ name: 'app', cidr: '10.0.1.0/24' }],
      routeTables: [{ name: 'main', main: true, propagateGatewayRoutes: true, routes }],
      gateways: [
        { name: 'igw1', kind: 'igw' },
        { name: 'vgw1', kind: 'vgw' },
      ],
      ...extra,
    });
  const onprem = (prefixes: string[]) =>
    site({
      name: 'dc',
      cidrs: ['192.168.0.0/16'],
      asn: 65000,
      advertise: prefixes.map((prefix) => ({ prefix })),
    });

  test('AWS-R6: 172.31.0.0/16 static to a peering beats the same prefix propagated from the VGW', () => {
    const t = topology({
      networks: [
        vpc([{ prefix: '172.31.0.0/16', nextHop: { type: 'peering', gateway: 'pcx-1' } }]),
        network({ name: 'peer', provider: 'aws', cidrs: ['172.31.0.0/16'] }),
      ],
      sites: [onprem(['172.31.0.0/16'])],
      connections: [{ name: 'vpn', between: ['vpc/vgw1', 'dc'], bgp: true }],
      peerings: [{ name: 'pcx-1', between: ['vpc', 'peer'] }],
    });
    const v = effectiveRoutes(stateOf(t), 'vpc/app');
    expect(v.routes.map((r) => [r.prefix, r.source, r.nextHopType, r.rule])).toEqual([
      ['10.0.0.0/16', 'local', 'local', undefined],
      ['172.31.0.0/16', 'static', 'peering', undefined],
      ['172.31.0.0/16', 'propagated', 'vgw', 'AWS-R6'],
    ]);
  });

  test('AWS-R5: the local route beats a more specific propagated route; lesson 1: a propagated 0.0.0.0/0 loses to the static IGW default', () => {
    const t = topology({
      networks: [vpc([{ prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw1' } }])],
      sites: [onprem(['10.0.1.0/24', '0.0.0.0/0'])],
      connections: [{ name: 'vpn', between: ['vpc/vgw1', 'dc'], bgp: true }],
    });
    const table = tableOf(t, 'vpc/app');
    expect(lookup(table, 0x0a000105)?.nextHopType).toBe('local');
    expect(table.routes.find((r) => r.prefix === '10.0.1.0/24')).toMatchObject({
      source: 'propagated',
      selected: false,
      rule: 'AWS-R5',
    });
    expect(lookup(table, 0x08080808)?.action).toEqual({ kind: 'internet', gateway: 'vpc/igw1' });
  });

  test('AWS-R27: propagated routes appear only where propagation is on', () => {
    const t = (on: boolean): Topology =>
      topology({
        networks: [
          vpc([], { routeTables: [{ name: 'main', main: true, propagateGatewayRoutes: on, routes: [] }] }),
        ],
        sites: [onprem(['192.168.0.0/16'])],
        connections: [{ name: 'vpn', between: ['vpc/vgw1', 'dc'], bgp: true }],
      });
    expect(effectiveRoutes(stateOf(t(true)), 'vpc/app').routes.map((r) => r.source)).toEqual([
      'local',
      'propagated',
    ]);
    expect(effectiveRoutes(stateOf(t(false)), 'vpc/app').routes.map((r) => r.source)).toEqual(['local']);
  });

  test('AWS-R12: a route to a deleted NAT gateway or ENI is a blackhole that drops; a provisioning gateway stays active', () => {
    const routes: Route[] = [
      { prefix: '0.0.0.0/0', nextHop: { type: 'nat', gateway: 'nat1' } },
      { prefix: '172.16.0.0/12', nextHop: { type: 'eni', ip: '10.0.9.9' } },
      { prefix: '192.168.0.0/16', nextHop: { type: 'vgw', gateway: 'vgw1' } },
    ];
    const t = topology({
      networks: [
        vpc(routes, {
          gateways: [
            { name: 'nat1', kind: 'nat', subnet: 'app' },
            { name: 'vgw1', kind: 'vgw' },
          ],
        }),
      ],
    });
    const table = tableOf(t, 'vpc/app', {
      gateways: {
        'vpc/nat1': { phase: 'deleted', since: 0, generation: 0 },
        'vpc/vgw1': { phase: 'provisioning', since: 0, generation: 1 },
      },
    });
    for (const p of ['0.0.0.0/0', '172.16.0.0/12'])
      expect(table.routes.find((r) => r.prefix === p)).toMatchObject({
        state: 'blackhole',
        selected: true,
        rule: 'AWS-R12',
        action: { kind: 'drop', reason: 'blackhole' },
      });
    expect(table.routes.find((r) => r.prefix === '192.168.0.0/16')).toMatchObject({
      state: 'active',
      action: { kind: 'gateway', gateway: 'vpc/vgw1' },
    });
  });

  test('AWS-R10: a subnet without an association uses the main table, else local routes only', () => {
    const t = topology({
      networks: [
        awsVpc({
          cidrs: ['10.0.0.0/16', '10.1.0.0/16'],
          subnets: [
            { name: 'a', cidr: '10.0.1.0/24' },
            { name: 'b', cidr: '10.0.2.0/24', routeTable: 'custom' },
          ],
          gateways: [{ name: 'igw1', kind: 'igw' }],
          routeTables: [
            { name: 'custom', routes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw1' } }] },
          ],
        }),
      ],
    });
    expect(effectiveRoutes(stateOf(t), 'vpc/a').routes.map((r) => r.prefix)).toEqual([
      '10.0.0.0/16',
      '10.1.0.0/16',
    ]);
    expect(effectiveRoutes(stateOf(t), 'vpc/b').routes.map((r) => r.prefix)).toEqual([
      '10.0.0.0/16',
      '10.1.0.0/16',
      '0.0.0.0/0',
    ]);
  });

  test('AWS-R14: at most maxPropagatedRoutes propagated routes are installed, the first in address order', () => {
    const prefixes = Array.from({ length: 120 }, (_, i) => `172.${16 + (i >> 8)}.${i & 255}.0/24`).reverse();
    const t = topology({
      networks: [vpc([])],
      sites: [onprem(prefixes)],
      connections: [{ name: 'vpn', between: ['vpc/vgw1', 'dc'], bgp: true }],
    });
    const props = effectiveRoutes(stateOf(t), 'vpc/app').routes.filter((r) => r.source === 'propagated');
    expect(props).toHaveLength(100);
    expect(props[0]!.prefix).toBe('172.16.0.0/24');
    expect(props[99]!.prefix).toBe('172.16.99.0/24');
  });
});
