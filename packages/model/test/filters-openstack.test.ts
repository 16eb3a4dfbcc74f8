// Over 400 lines: the cases of one subject (filters-openstack), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Neutron security groups compiled into filter programs (PROVIDERS.md §4.5, OS-R18..R23; FILTERS.md):
 * decisions of hand-built states through `firstMatch`, and invariant 44 (order independence and
 * union) as a fast-check property with a pinned seed.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP, compileFilters } from '@cloudroute/model';
import type { Host, Network, NeutronRule, SecurityGroup, Topology } from '@cloudroute/model';
import { network, stateOf, topology } from './fixtures.js';
import { decide, tcp, verdict } from './decide.js';
import type { Packet } from './decide.js';

const WEB: SecurityGroup = {
  name: 'web',
  rules: [
    {
      direction: 'ingress',
      protocol: 'tcp',
      portRangeMin: 443,
      portRangeMax: 443,
      remoteIpPrefix: '0.0.0.0/0',
    },
    { direction: 'ingress', ethertype: 'IPv6', protocol: 'tcp', portRangeMin: 80, portRangeMax: 80 },
    {
      direction: 'ingress',
      protocol: 'tcp',
      portRangeMin: 80,
      portRangeMax: 80,
      remoteIpPrefix: '10.0.0.0/8',
    },
    { direction: 'egress' },
  ],
};
const DB: SecurityGroup = {
  name: 'db',
  rules: [
    { direction: 'ingress', protocol: 'tcp', portRangeMin: 5432, portRangeMax: 5432, remoteGroup: 'web' },
  ],
};

function app(extra: Partial<Network> = {}): Network {
  return network({
    name: 'app',
    provider: 'openstack',
    subnets: [
      { name: 'front', cidr: '10.10.1.0/24' },
      { name: 'back', cidr: '10.10.2.0/24', defaultHost: { securityGroups: ['db'] } },
    ],
    hosts: [
      { name: 'web1', subnet: 'front', ip: '10.10.1.10', securityGroups: ['web'] },
      {
        name: 'web2',
        subnet: 'front',
        ip: '10.10.1.11',
        securityGroups: ['web'],
        allowedAddressPairs: [{ ip: '10.10.1.128/28' }],
      },
      { name: 'db1', subnet: 'back', ip: '10.10.2.10', securityGroups: ['db'] },
      { name: 'plain', subnet: 'front', ip: '10.10.1.30' },
      { name: 'open', subnet: 'front', ip: '10.10.1.31', portSecurity: false },
    ],
    securityGroups: [WEB, DB],
    ...extra,
  });
}

const checksOf = (networks: Network[], t: Partial<Topology> = {}) =>
  compileFilters(stateOf(topology({ firewall: 'rules', networks, ...t })));

describe('Neutron security groups as programs (FILTERS.md, OS-R18..R23)', () => {
  test("OS-R18: a port's groups are allow-only; nothing matching is dropped by `implicit-deny` of the port", () => {
    const c = checksOf([app()]);
    const p = c.host('app', 'web1', 0, 'in')!;
    expect([p.kind, p.direction, p.defaultAllow, p.defaultRule, p.defaultObject]).toEqual([
      'securityGroup',
      'ingress',
      false,
      'implicit-deny',
      'app/web1:0',
    ]);
    expect(p.entries.every((e) => e.allow)).toBe(true);
    expect(verdict(p, tcp('203.0.113.9', '10.10.1.10', 443))).toBe('allow app/web ingress[0]');
    expect(verdict(p, tcp('203.0.113.9', '10.10.1.10', 22))).toBe('deny app/web1:0 implicit-deny');
    expect(c.subnet('app', 'front', 'in')).toBeUndefined();
  });

  test('OS-R18: the rules of several groups are merged (union)', () => {
    const extra: SecurityGroup = {
      name: 'ssh',
      rules: [{ direction: 'ingress', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22 }],
    };
    const net = app({ securityGroups: [WEB, DB, extra] });
    const c = checksOf([
      {
        ...net,
        hosts: net.hosts.map((h) => (h.name === 'web1' ? { ...h, securityGroups: ['web', 'ssh'] } : h)),
      },
    ]);
    const p = c.host('app', 'web1', 0, 'in');
    expect(decide(p, tcp('1.2.3.4', '10.10.1.10', 22))).toMatchObject({
      allow: true,
      object: 'app/ssh',
      rule: 'ingress[0]',
    });
    expect(decide(p, tcp('1.2.3.4', '10.10.1.10', 443))).toMatchObject({ allow: true, object: 'app/web' });
  });

  test('OS-R19: ethertype IPv6 rules never match; remote prefix; no protocol = any protocol, no ports = every port', () => {
    const c = checksOf([app()]);
    const p = c.host('app', 'web1', 0, 'in');
    // ingress[1] is IPv6; ingress[2] (port 80) only from 10/8; the label counts the IPv6 rule.
    expect(decide(p, tcp('10.9.9.9', '10.10.1.10', 80))).toMatchObject({ allow: true, rule: 'ingress[2]' });
    expect(decide(p, tcp('192.0.2.1', '10.10.1.10', 80)).allow).toBe(false);
    const out = c.host('app', 'web1', 0, 'out');
    expect(decide(out, { src: '10.10.1.10', dst: '8.8.8.8' })).toMatchObject({
      allow: true,
      rule: 'egress[0]',
    });
    expect(decide(out, { protocol: PROTO_UDP, src: '10.10.1.10', dst: '8.8.8.8', port: 53 }).allow).toBe(
      true,
    );
  });

  test('OS-R19: tcp/udp port ranges, ICMP type and code in portRangeMin/Max, protocol numbers', () => {
    const g: SecurityGroup = {
      name: 'g',
      rules: [
        { direction: 'ingress', protocol: 'udp', portRangeMin: 1000, portRangeMax: 2000 },
        { direction: 'ingress', protocol: 'icmp', portRangeMin: 8, portRangeMax: 0 },
        { direction: 'ingress', protocol: 50 },
      ],
    };
    const net = app({ securityGroups: [WEB, DB, g] });
    const c = checksOf([
      { ...net, hosts: [{ name: 'h', subnet: 'front', ip: '10.10.1.50', securityGroups: ['g'] }] },
    ]);
    const p = c.host('app', 'h', 0, 'in');
    const from = '192.0.2.1';
    expect(decide(p, { protocol: PROTO_UDP, src: from, dst: '10.10.1.50', port: 1500 }).allow).toBe(true);
    expect(decide(p, { protocol: PROTO_UDP, src: from, dst: '10.10.1.50', port: 2500 }).allow).toBe(false);
    expect(decide(p, { protocol: PROTO_TCP, src: from, dst: '10.10.1.50', port: 1500 }).allow).toBe(false);
    expect(decide(p, { protocol: PROTO_ICMP, src: from, dst: '10.10.1.50' }).allow).toBe(true);
    expect(decide(p, { protocol: PROTO_ICMP, src: from, dst: '10.10.1.50', icmp: [0, 0] }).allow).toBe(false);
    expect(decide(p, { protocol: 50, src: from, dst: '10.10.1.50' }).allow).toBe(true);
    expect(decide(p, { src: from, dst: '10.10.1.50' }).allow).toBe(false); // a flow without protocol
    // icmp without type: every type and code.
    const any: SecurityGroup = { name: 'any-icmp', rules: [{ direction: 'ingress', protocol: 'icmp' }] };
    const c2 = checksOf([
      {
        ...net,
        securityGroups: [any],
        hosts: [{ name: 'h', subnet: 'front', ip: '10.10.1.50', securityGroups: ['any-icmp'] }],
      },
    ]);
    expect(
      decide(c2.host('app', 'h', 0, 'in'), {
        protocol: PROTO_ICMP,
        src: from,
        dst: '10.10.1.50',
        icmp: [3, 4],
      }).allow,
    ).toBe(true);
  });

  test('OS-R19: portRangeMin alone is one port; portRangeMax alone restricts nothing (tcp) or the ICMP code', () => {
    const g: SecurityGroup = {
      name: 'g',
      rules: [
        { direction: 'ingress', protocol: 'tcp', portRangeMin: 8080 },
        { direction: 'ingress', protocol: 'udp', portRangeMax: 99 },
        { direction: 'ingress', protocol: 'icmp', portRangeMax: 1 },
      ],
    };
    const c = checksOf([
      {
        ...app({ securityGroups: [g] }),
        hosts: [{ name: 'h', subnet: 'front', ip: '10.10.1.50', securityGroups: ['g'] }],
      },
    ]);
    const p = c.host('app', 'h', 0, 'in');
    const from = '192.0.2.1';
    expect(decide(p, tcp(from, '10.10.1.50', 8080)).allow).toBe(true);
    expect(decide(p, tcp(from, '10.10.1.50', 8081)).allow).toBe(false);
    expect(decide(p, { protocol: PROTO_UDP, src: from, dst: '10.10.1.50', port: 5000 }).allow).toBe(true);
    expect(decide(p, { protocol: PROTO_ICMP, src: from, dst: '10.10.1.50', icmp: [3, 1] }).allow).toBe(true);
    expect(decide(p, { protocol: PROTO_ICMP, src: from, dst: '10.10.1.50', icmp: [8, 0] }).allow).toBe(false);
  });

  test("OS-R20: a remote group matches its members' fixed IPs and allowed address pairs, and the implicit instances carrying it", () => {
    const c = checksOf([app()]);
    const db = c.host('app', 'db1', 0, 'in');
    expect(decide(db, tcp('10.10.1.10', '10.10.2.10', 5432))).toMatchObject({
      allow: true,
      object: 'app/db',
      rule: 'ingress[0]',
    });
    expect(decide(db, tcp('10.10.1.130', '10.10.2.10', 5432)).allow).toBe(true); // web2's pair 10.10.1.128/28
    expect(decide(db, tcp('10.10.1.30', '10.10.2.10', 5432)).allow).toBe(false); // plain: `default` only
    expect(decide(db, tcp('10.10.1.99', '10.10.2.10', 5432)).allow).toBe(false); // front's implicit instances: `default`
    // A remote group `db` admits back's implicit instances (defaultHost: db), not db1's neighbours outside it.
    const self: SecurityGroup = { name: 'db', rules: [{ direction: 'ingress', remoteGroup: 'db' }] };
    const c2 = checksOf([app({ securityGroups: [WEB, self] })]);
    const p2 = c2.host('app', 'db1', 0, 'in');
    expect(decide(p2, tcp('10.10.2.77', '10.10.2.10', 1)).allow).toBe(true);
    expect(decide(p2, tcp('10.10.1.77', '10.10.2.10', 1)).allow).toBe(false);
  });

  test('OS-R20: members on another OpenStack network count, by `net/group` reference too', () => {
    const ops = network({
      name: 'ops',
      provider: 'openstack',
      subnets: [{ name: 'o', cidr: '10.20.0.0/24' }],
      hosts: [{ name: 'bastion', subnet: 'o', ip: '10.20.0.5', securityGroups: ['app/web'] }],
    });
    const c = checksOf([app(), ops]);
    expect(decide(c.host('app', 'db1', 0, 'in'), tcp('10.20.0.5', '10.10.2.10', 5432)).allow).toBe(true);
    expect(decide(c.host('ops', 'bastion', 0, 'in'), tcp('1.1.1.1', '10.20.0.5', 443))).toMatchObject({
      allow: true,
      object: 'app/web',
    });
  });

  test('OS-R21: groups are stateful unless `stateful: false`; a port with a stateless group is stateless', () => {
    const sl: SecurityGroup = { name: 'sl', stateful: false, rules: [{ direction: 'egress' }] };
    const net = app({ securityGroups: [WEB, DB, sl] });
    const c = checksOf([
      {
        ...net,
        hosts: [
          { name: 'a', subnet: 'front', ip: '10.10.1.40', securityGroups: ['sl'] },
          { name: 'b', subnet: 'front', ip: '10.10.1.41', securityGroups: ['web', 'sl'] },
          { name: 'c', subnet: 'front', ip: '10.10.1.42', securityGroups: ['web'] },
        ],
      },
    ]);
    expect(c.host('app', 'a', 0, 'in')!.stateful).toBe(false);
    expect(c.host('app', 'b', 0, 'out')!.stateful).toBe(false);
    expect(c.host('app', 'c', 0, 'in')!.stateful).toBe(true);
  });

  test('OS-R22 / OS-R9: port security off (port, host or network) means no program; on with no group drops everything', () => {
    const net = app();
    const c = checksOf([net]);
    expect(c.host('app', 'open', 0, 'in')).toBeUndefined();
    expect(c.host('app', 'open', 0, 'out')).toBeUndefined();
    const off = checksOf([app({ portSecurity: false })]);
    expect(off.host('app', 'web1', 0, 'in')).toBeUndefined();
    expect(off.defaultHost('app', 'front', 'in')).toBeUndefined();
    const multi: Host = {
      name: 'multi',
      ports: [
        { subnet: 'front', ip: '10.10.1.60', securityGroups: ['web'] },
        { subnet: 'back', ip: '10.10.2.60', portSecurity: false },
        { subnet: 'back', ip: '10.10.2.61', securityGroups: [] },
      ],
    };
    const m = checksOf([{ ...net, hosts: [multi] }]);
    expect(decide(m.host('app', 'multi', 0, 'in'), tcp('1.1.1.1', '10.10.1.60', 443)).allow).toBe(true);
    expect(m.host('app', 'multi', 1, 'in')).toBeUndefined();
    const none = m.host('app', 'multi', 2, 'out')!;
    expect(none.entries).toEqual([]);
    expect(verdict(none, tcp('10.10.2.61', '1.1.1.1', 443))).toBe('deny app/multi:2 implicit-deny');
    expect(m.host('app', 'multi', 3, 'in')).toBeUndefined();
  });

  test('OS-R23 / OS-R11: the implicit `default` group — egress any, ingress only from its members, on every OpenStack network', () => {
    const ops = network({
      name: 'ops',
      provider: 'openstack',
      subnets: [{ name: 'o', cidr: '10.20.0.0/24' }],
      hosts: [{ name: 'm', subnet: 'o', ip: '10.20.0.5' }],
    });
    const c = checksOf([app(), ops]);
    const plain = c.host('app', 'plain', 0, 'in')!;
    expect(verdict(plain, tcp('10.20.0.5', '10.10.1.30', 22))).toBe('allow app/default ingress[0]');
    expect(decide(plain, tcp('10.10.1.99', '10.10.1.30', 22)).allow).toBe(true); // front's implicit instances use `default`
    expect(decide(plain, tcp('10.10.1.10', '10.10.1.30', 22)).allow).toBe(false); // web1 carries `web` only
    expect(decide(plain, tcp('10.10.2.99', '10.10.1.30', 22)).allow).toBe(false); // back's implicit instances: `db`
    expect(decide(plain, tcp('192.0.2.1', '10.10.1.30', 22)).allow).toBe(false);
    expect(decide(c.host('app', 'plain', 0, 'out'), { src: '10.10.1.30', dst: '192.0.2.1' })).toMatchObject({
      allow: true,
      object: 'app/default',
      rule: 'egress[0]',
    });
    expect(decide(c.host('ops', 'm', 0, 'in'), tcp('10.10.1.30', '10.20.0.5', 22))).toMatchObject({
      allow: true,
      object: 'ops/default',
    });
  });

  test('OS-R23: a network that declares `default` redefines it for the whole scenario', () => {
    const own: SecurityGroup = { name: 'default', rules: [{ direction: 'egress', protocol: 'tcp' }] };
    const ops = network({
      name: 'ops',
      provider: 'openstack',
      subnets: [{ name: 'o', cidr: '10.20.0.0/24' }],
      hosts: [{ name: 'm', subnet: 'o', ip: '10.20.0.5' }],
    });
    const c = checksOf([app({ securityGroups: [WEB, DB, own] }), ops]);
    const out = c.host('ops', 'm', 0, 'out');
    expect(decide(out, tcp('10.20.0.5', '1.1.1.1', 80))).toMatchObject({
      allow: true,
      object: 'app/default',
      rule: 'egress[0]',
    });
    expect(decide(out, { protocol: PROTO_UDP, src: '10.20.0.5', dst: '1.1.1.1', port: 53 }).allow).toBe(
      false,
    );
    expect(c.host('ops', 'm', 0, 'in')!.entries).toEqual([]);
  });

  test("OS-R18: a subnet's implicit instances use its defaultHost groups (else `default`), named after the subnet", () => {
    const c = checksOf([app()]);
    const back = c.defaultHost('app', 'back', 'in')!;
    expect(decide(back, tcp('10.10.1.10', '10.10.2.99', 5432))).toMatchObject({
      allow: true,
      object: 'app/db',
    });
    expect(verdict(back, tcp('10.10.1.10', '10.10.2.99', 22))).toBe('deny app/back implicit-deny');
    expect(decide(c.defaultHost('app', 'front', 'out'), tcp('10.10.1.99', '1.1.1.1', 1)).object).toBe(
      'app/default',
    );
    expect(c.defaultHost('app', 'nowhere', 'in')).toBeUndefined();
  });

  test('OS-R18: only `firewall: rules` compiles Neutron groups (provider-default keeps OS-R11 in the data plane)', () => {
    expect(
      compileFilters(stateOf(topology({ networks: [app()] }))).host('app', 'web1', 0, 'in'),
    ).toBeUndefined();
    expect(
      compileFilters(stateOf(topology({ firewall: 'provider-default', networks: [app()] }))).host(
        'app',
        'web1',
        0,
        'in',
      ),
    ).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Invariant 44: permutations of rules and groups, and the union of groups.
// ---------------------------------------------------------------------------------------------

const RANGES = ['0.0.0.0/0', '10.10.0.0/16', '10.10.1.0/24', '192.0.2.0/24'];
const ruleArb: fc.Arbitrary<NeutronRule> = fc
  .record({
    direction: fc.constantFrom<'ingress' | 'egress'>('ingress', 'egress'),
    protocol: fc.constantFrom<'tcp' | 'udp' | 'icmp' | undefined>('tcp', 'udp', 'icmp', undefined),
    port: fc.option(fc.integer({ min: 20, max: 25 }), { nil: undefined }),
    remote: fc.oneof(
      fc.constant<undefined>(undefined),
      fc.constantFrom(...RANGES).map((r) => ({ remoteIpPrefix: r })),
      fc.constantFrom('g0', 'g1', 'g2').map((g) => ({ remoteGroup: g })),
    ),
  })
  .map(({ direction, protocol, port, remote }) => ({
    direction,
    ...(protocol !== undefined ? { protocol } : {}),
    ...(port !== undefined && protocol !== undefined
      ? { portRangeMin: port, portRangeMax: protocol === 'icmp' ? 0 : port + 2 }
      : {}),
    ...(remote ?? {}),
  }));

const groupsArb = fc.tuple(
  ...['g0', 'g1', 'g2'].map((name) =>
    fc.array(ruleArb, { maxLength: 4 }).map((rules): SecurityGroup => ({ name, rules })),
  ),
);

// Peers other than `h` itself (10.10.1.5): its own membership changes with the groups it carries.
const POOL = ['10.10.1.6', '10.10.1.7', '10.10.1.99', '192.0.2.9', '198.51.100.1'];
const ALL: Packet[] = POOL.flatMap((a) =>
  ['10.10.1.7', '8.8.8.8'].flatMap((b) =>
    [PROTO_TCP, PROTO_UDP, PROTO_ICMP, undefined].flatMap((protocol) =>
      [21, 24].map((port): Packet => ({
        ...(protocol !== undefined ? { protocol } : {}),
        src: a,
        dst: b,
        port,
      })),
    ),
  ),
);

function netWith(groups: readonly SecurityGroup[], on: readonly string[]): Network {
  return network({
    name: 'n',
    provider: 'openstack',
    subnets: [{ name: 's', cidr: '10.10.1.0/24' }],
    hosts: [
      { name: 'h', subnet: 's', ip: '10.10.1.5', securityGroups: [...on] },
      { name: 'm1', subnet: 's', ip: '10.10.1.6', securityGroups: ['g1'] },
      { name: 'm2', subnet: 's', ip: '10.10.1.7', securityGroups: ['g2', 'g0'] },
    ],
    securityGroups: [...groups],
  });
}

const verdicts = (groups: readonly SecurityGroup[], on: readonly string[], dir: 'in' | 'out'): boolean[] => {
  const p = checksOf([netWith(groups, on)]).host('n', 'h', 0, dir);
  return ALL.map((x) => decide(p, x).allow);
};

describe('invariant 44 (OS-R18): Neutron groups are order-free unions', () => {
  test('invariant 44: permuting the rules of a group or the groups of a port never changes a verdict; allows(G1 ∪ G2) = allows(G1) ∨ allows(G2)', () => {
    fc.assert(
      fc.property(groupsArb, fc.boolean(), fc.infiniteStream(fc.nat()), (groups, ingress, rnd) => {
        const dir = ingress ? 'in' : 'out';
        const it = rnd[Symbol.iterator]();
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const a = [...xs];
          for (let i = a.length - 1; i > 0; i--) {
            const j = it.next().value! % (i + 1);
            [a[i], a[j]] = [a[j]!, a[i]!];
          }
          return a;
        };
        const base = verdicts(groups, ['g0', 'g1'], dir);
        const permuted = verdicts(
          groups.map((g) => ({ ...g, rules: shuffle(g.rules ?? []) })),
          ['g1', 'g0'],
          dir,
        );
        expect(permuted).toEqual(base);
        const g0 = verdicts(groups, ['g0'], dir);
        const g1 = verdicts(groups, ['g1'], dir);
        expect(base).toEqual(g0.map((v, i) => v || g1[i]!));
      }),
      { seed: 4444, numRuns: 200 },
    );
  });
});
