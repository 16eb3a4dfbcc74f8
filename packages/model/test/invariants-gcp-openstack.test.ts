/**
 * GCP and OpenStack invariants of PROVIDERS.md section 5 as fast-check properties (pinned seeds):
 * 26, 28, 29, 33, 37, 41 (37's rejected updates: packages/engine/test/invariant-37.test.ts). The refusal clause of 26 is covered by validate.test.ts
 * (`GCP-R12: a static route … is refused`); here its two other clauses.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { effectiveRoutes, forwardingTables, validateTopology } from '@cloudroute/model';
import type { ForwardingTable, Host, Network, NetworkState, Route, Topology } from '@cloudroute/model';
import { prefixInside, runs } from './arbitraries.js';
import { gcpHaVpn, network, site, stateOf, topology } from './fixtures.js';
import { addrIn, containsPrefix, lookup, pfx, prefix4, tableById } from './oracle.js';

const TEN = 10 << 24;
const table = (s: NetworkState, id: string): ForwardingTable => tableById(forwardingTables(s), id);
const hosts: Host[] = [
  { name: 'vm1', subnet: 'app', ip: '10.20.0.10' },
  { name: 'fw1', subnet: 'app', ip: '10.20.0.5', ipForwarding: true },
  { name: 'fw2', subnet: 'app', ip: '10.20.0.6', ipForwarding: true },
];
const corp = (extra: Partial<Network> = {}): Network =>
  network({
    name: 'corp',
    provider: 'gcp',
    subnets: [{ name: 'app', cidr: '10.20.0.0/24', region: 'us-central1' }],
    hosts,
    ...extra,
  });
const codes = (t: Topology, rule: string): number =>
  validateTopology(t).filter((d) => d.severity === 'error' && d.code === rule).length;

describe('GCP invariants (PROVIDERS.md §5)', () => {
  test('invariant 26 (GCP-R12): a subnet over a static route, or a BGP prefix inside a subnet, leaves the route INACTIVE', () => {
    fc.assert(
      fc.property(prefixInside(TEN, 8), fc.integer({ min: 8, max: 24 }), (p, sublen) => {
        // The subnet is "expanded" to a random range around 10.20.0.0 (created over the route).
        const sub = pfx(prefix4('10.20.0.0/24').net, sublen);
        const inside = containsPrefix(sub, p);
        const t = topology({
          networks: [
            corp({
              subnets: [{ name: 'app', cidr: sub, region: 'us-central1' }],
              routes: [{ name: 'static', prefix: p, nextHop: { type: 'instance', host: 'fw1' } }],
              gateways: gcpHaVpn('rtr1', 'havpn1'),
            }),
          ],
          sites: [
            site({
              name: 'lab',
              cidrs: ['192.168.0.0/16'],
              asn: 65010,
              advertise: [{ prefix: p, med: 100 }],
            }),
          ],
          connections: [{ name: 'lab-vpn', between: ['corp/havpn1', 'lab'], bgp: true }],
        });
        const app = table(stateOf(t), 'corp/app');
        for (const source of ['STATIC', 'DYNAMIC']) {
          const r = app.routes.find((x) => x.source === source && x.prefix === p);
          expect(r, `${source} ${p} in ${sub}`).toBeDefined();
          if (inside)
            expect(r).toMatchObject({
              state: 'INACTIVE',
              reason: 'conflicts-with-subnet-route',
              selected: false,
            });
          else expect(r!.state).toBe('ACTIVE');
        }
        if (inside) expect(lookup(app, addrIn(p, 7))?.source).toBe('SUBNET');
      }),
      runs(2601),
    );
  });

  const customRoute = fc
    .tuple(prefixInside(TEN, 8), fc.integer({ min: 0, max: 2000 }), fc.constantFrom('fw1', 'fw2'))
    .filter(([p]) => !containsPrefix(p, '10.20.0.0/24') && !containsPrefix('10.20.0.0/24', p))
    .map(([prefix, priority, host]): Route => ({ prefix, priority, nextHop: { type: 'instance', host } }));

  test('invariant 28 (GCP-R9): a less specific custom route, or an equal one of higher priority value, never changes the lookup', () => {
    fc.assert(
      fc.property(
        fc.array(customRoute, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('fw1', 'fw2'),
        (routes, seed, extraPriority, shorter, host) => {
          const dst = addrIn(routes[seed % routes.length]!.prefix, seed);
          const before = lookup(table(stateOf(topology({ networks: [corp({ routes })] })), 'corp/app'), dst);
          expect(before).toBeDefined();
          const len = prefix4(before!.prefix).len;
          const add = (r: Route): ReturnType<typeof lookup> =>
            lookup(
              table(stateOf(topology({ networks: [corp({ routes: [...routes, r] })] })), 'corp/app'),
              dst,
            );
          const hop = { type: 'instance' as const, host };
          // Strictly less specific (never inside the subnet: it contains the chosen prefix, outside the subnet).
          const wider = pfx(dst, Math.max(0, len - shorter));
          if (prefix4(wider).len < len && !containsPrefix(wider, '10.20.0.0/24'))
            expect(add({ prefix: wider, priority: extraPriority, nextHop: hop })?.action).toEqual(
              before!.action,
            );
          // Equal prefix with a strictly higher priority value.
          if (before!.source === 'STATIC' && before!.priority !== undefined && before!.priority < 65535)
            expect(
              add({
                prefix: before!.prefix,
                priority: before!.priority + 1 + (extraPriority % 100),
                nextHop: hop,
              })?.action,
            ).toEqual(before!.action);
        },
      ),
      runs(2801),
    );
  });

  test('invariant 29 (GCP-R4, GCP-R7): a tagged route never affects VMs without its tags nor VPN ingress; an untagged VM sees the subnet routes', () => {
    const tag = fc.constantFrom<string>('a', 'b', 'c');
    fc.assert(
      fc.property(
        fc.uniqueArray(tag, { maxLength: 2 }),
        fc.uniqueArray(tag, { maxLength: 3 }),
        fc.integer({ min: 0, max: 32 }),
        fc.nat(),
        (routeTags, vmTags, len, a) => {
          const prefix = pfx(a, len);
          fc.pre(!containsPrefix(prefix, '10.20.0.0/24') && !containsPrefix('10.20.0.0/24', prefix));
          const tagged: Route = {
            name: 'tagged',
            prefix,
            priority: 0,
            tags: routeTags.length > 0 ? routeTags : ['a'],
            nextHop: { type: 'instance', host: 'fw1' },
          };
          const t = (vmT: string[]): Topology =>
            topology({
              networks: [
                corp({
                  hosts: [...hosts, { name: 'vm2', subnet: 'app', ip: '10.20.0.20', tags: vmT }],
                  routes: [tagged],
                  gateways: gcpHaVpn('rtr1', 'havpn1'),
                }),
              ],
              sites: [site({ name: 'lab', cidrs: ['192.168.0.0/16'], asn: 65010 })],
              connections: [{ name: 'lab-vpn', between: ['corp/havpn1', 'lab'], bgp: true }],
            });
          const s = stateOf(t(vmTags));
          const matches = tagged.tags!.some((x) => vmTags.includes(x));
          const vm2 = effectiveRoutes(s, 'corp/vm2').routes;
          const untagged = effectiveRoutes(stateOf(t([])), 'corp/vm2').routes;
          expect(vm2.some((r) => r.name === 'tagged')).toBe(matches);
          if (!matches) expect(vm2).toEqual(untagged);
          expect(untagged).toEqual(effectiveRoutes(s, 'corp/vm1').routes);
          const dst = addrIn(prefix, a);
          for (const id of ['corp/app', 'corp/havpn1']) {
            const tb = table(s, id);
            expect(tb.routes.some((r) => r.name === 'tagged')).toBe(false);
            expect(lookup(tb, dst)?.action).not.toEqual({
              kind: 'appliance',
              ip: '10.20.0.5',
              host: 'corp/fw1',
            });
          }
        },
      ),
      runs(2901),
    );
  });

  test('invariant 33 (GCP-R23): tagged, internet-gateway routes and PBRs are never exported; custom routes iff both sides agree; subnets always; no transit', () => {
    const exported = fc.record({
      tagged: fc.boolean(),
      internet: fc.boolean(),
      third: fc.integer({ min: 0, max: 255 }),
    });
    fc.assert(
      fc.property(
        fc.array(exported, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<'none' | 'a-to-b' | 'b-to-a' | 'both'>('none', 'a-to-b', 'b-to-a', 'both'),
        fc.boolean(),
        (specs, mode, bcPeered) => {
          const uniq = [...new Map(specs.map((x) => [x.third, x])).values()];
          const routes: Route[] = uniq.map((x) => ({
            name: `r${x.third}`,
            prefix: `172.16.${x.third}.0/24`,
            ...(x.tagged ? { tags: ['t'] } : {}),
            nextHop: x.internet
              ? { type: 'gateway', gateway: 'default-internet-gateway' }
              : { type: 'instance', host: 'fw1' },
          }));
          const t = topology({
            networks: [
              corp({
                routes,
                policyRoutes: [
                  {
                    name: 'pbr',
                    priority: 10,
                    match: { dst: '172.17.0.0/16' },
                    nextHop: { type: 'defaultRouting' },
                  },
                ],
              }),
              network({
                name: 'b',
                provider: 'gcp',
                subnets: [{ name: 'bs', cidr: '10.40.0.0/24', region: 'us-central1' }],
              }),
              network({
                name: 'c',
                provider: 'gcp',
                subnets: [{ name: 'cs', cidr: '10.60.0.0/24', region: 'us-central1' }],
              }),
            ],
            peerings: [
              { between: ['corp', 'b'], customRoutes: mode },
              ...(bcPeered
                ? [{ between: ['b', 'c'] as [string, string], customRoutes: 'both' as const }]
                : []),
            ],
          });
          const tables = forwardingTables(stateOf(t));
          const bs = tableById(tables, 'b/bs');
          const exports = mode === 'a-to-b' || mode === 'both';
          for (const [k, x] of uniq.entries()) {
            const seen = bs.routes.some((r) => r.prefix === routes[k]!.prefix);
            expect(seen).toBe(exports && !x.tagged && !x.internet);
          }
          expect(bs.routes.some((r) => r.source === 'POLICY_BASED' || r.prefix === '172.17.0.0/16')).toBe(
            false,
          );
          expect(bs.routes.some((r) => r.source === 'PEERING_SUBNET' && r.prefix === '10.20.0.0/24')).toBe(
            true,
          );
          if (bcPeered) {
            const cs = tableById(tables, 'c/cs');
            expect(cs.routes.some((r) => r.prefix.startsWith('172.16.') || r.prefix === '10.20.0.0/24')).toBe(
              false,
            );
          }
        },
      ),
      runs(3301),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// OpenStack
// ---------------------------------------------------------------------------------------------

const osNet = (extra: Partial<Network> = {}): Network =>
  network({
    name: 'app',
    provider: 'openstack',
    subnets: [
      { name: 'app-sub', cidr: '192.168.10.0/24', gatewayIp: '192.168.10.1' },
      { name: 'other-sub', cidr: '192.168.11.0/24', gatewayIp: '192.168.11.1' },
    ],
    ...extra,
  });
const pairsOf = (n: number): { ip: string }[] =>
  Array.from({ length: n }, (_, i) => ({ ip: `10.0.${i}.0/24` }));

describe('OpenStack invariants (PROVIDERS.md §5)', () => {
  test('invariant 37 (OS-R7, OS-R8): pairs and security groups need port security, at most 10 pairs — validation', () => {
    fc.assert(
      fc.property(
        fc.option(fc.boolean(), { nil: undefined }),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 2 }),
        (netSec, portSec, nPairs, nGroups) => {
          const groups = Array.from({ length: nGroups }, (_, i) => `sg${i}`);
          const t = topology({
            networks: [
              osNet({
                ...(netSec === undefined ? {} : { portSecurity: netSec }),
                hosts: [
                  {
                    name: 'h',
                    subnet: 'app-sub',
                    ip: '192.168.10.5',
                    ...(portSec === undefined ? {} : { portSecurity: portSec }),
                    allowedAddressPairs: pairsOf(nPairs),
                    securityGroups: groups,
                  },
                ],
              }),
            ],
          });
          const security = portSec ?? netSec ?? true;
          const r8 = (!security && nPairs > 0 ? 1 : 0) + (!security && nGroups > 0 ? 1 : 0);
          expect(codes(t, 'OS-R8')).toBe(r8);
          expect(codes(t, 'OS-R7')).toBe(nPairs > 10 ? 1 : 0);
        },
      ),
      runs(3701),
    );
  });

  test('invariant 41 (OS-R15): a floating IP is accepted iff its subnet is on a router whose gateway is on an external network', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom('app-sub', 'other-sub', 'none'),
        fc.constantFrom('public', 'private', 'none'),
        (hasRouter, iface, gwNet) => {
          const t = topology({
            networks: [
              osNet({
                hosts: [{ name: 'web', subnet: 'app-sub', ip: '192.168.10.10', publicIp: true }],
                gateways: hasRouter
                  ? [
                      {
                        name: 'r1',
                        kind: 'router',
                        interfaces: iface === 'none' ? [] : [iface],
                        ...(gwNet === 'none' ? {} : { externalGateway: { network: gwNet } }),
                      },
                    ]
                  : [],
              }),
              network({
                name: 'public',
                provider: 'openstack',
                external: true,
                subnets: [{ name: 'pub', cidr: '203.0.113.0/24' }],
              }),
              network({
                name: 'private',
                provider: 'openstack',
                subnets: [{ name: 'p', cidr: '172.31.0.0/24' }],
              }),
            ],
          });
          const ok = hasRouter && iface === 'app-sub' && gwNet === 'public';
          expect(codes(t, 'OS-R15')).toBe(ok ? 0 : 1);
        },
      ),
      runs(4101),
    );
  });
});
