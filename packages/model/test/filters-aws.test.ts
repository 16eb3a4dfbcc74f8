// Over 400 lines: the cases of one subject (filters-aws), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * AWS security groups and network ACLs compiled into filter programs (PROVIDERS.md 1.7,
 * AWS-R34..R44; invariants 44, 45): each rule's decision through `firstMatch`, and the compiled
 * NACL and SG decisions against naive oracles written from the PROVIDERS.md text.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ANY_PROTOCOL,
  PROTO_ICMP,
  PROTO_TCP,
  PROTO_UDP,
  allows,
  awsSecurityGroupMembers,
  compileFilters,
  firstMatch,
  isSecurityGroupReference,
} from '@cloudroute/model';
import type { Network, NetworkAclEntry, SecurityGroup, SecurityGroupRule, Topology } from '@cloudroute/model';
import { network, stateOf, topology } from './fixtures.js';
import { contains, ip4 } from './oracle.js';
import { decide, tcp, verdict } from './decide.js';
import { numbered } from './arbitraries.js';

function prod(extra: Partial<Network> = {}): Network {
  return network({
    name: 'prod',
    provider: 'aws',
    cidrs: ['10.0.0.0/16'],
    subnets: [
      { name: 'web', cidr: '10.0.1.0/24', networkAcl: 'web-acl' },
      { name: 'db', cidr: '10.0.2.0/24', defaultHost: { securityGroups: ['db-sg'] } },
      { name: 'app', cidr: '10.0.3.0/24' },
    ],
    prefixLists: [{ name: 'corp', cidrs: ['192.168.0.0/16'] }],
    securityGroups: [
      {
        name: 'web-sg',
        inbound: [
          { protocol: 'tcp', port: { lo: 443, hi: 443 }, cidr: '0.0.0.0/0' },
          { protocol: 'tcp', port: { lo: 22, hi: 22 }, prefixList: 'corp' },
        ],
        outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
      },
      {
        name: 'db-sg',
        inbound: [{ name: 'pg', protocol: 'tcp', port: { lo: 5432, hi: 5432 }, securityGroup: 'web-sg' }],
        outbound: [],
      },
      { name: 'mon-sg', inbound: [{ protocol: 'icmp', icmpType: 8, cidr: '10.0.0.0/16' }], outbound: [] },
    ],
    networkAcls: [
      {
        name: 'web-acl',
        inbound: [
          {
            ruleNumber: 200,
            protocol: 'tcp',
            port: { lo: 0, hi: 65535 },
            cidr: '0.0.0.0/0',
            action: 'allow',
          },
          { ruleNumber: 100, protocol: 'tcp', port: { lo: 22, hi: 22 }, cidr: '0.0.0.0/0', action: 'deny' },
          { ruleNumber: 50, protocol: 'all', cidr: '2001:db8::/32', action: 'allow' },
        ],
        outbound: [
          {
            ruleNumber: 100,
            protocol: 'tcp',
            port: { lo: 1024, hi: 65535 },
            cidr: '0.0.0.0/0',
            action: 'allow',
          },
        ],
      },
    ],
    hosts: [
      { name: 'web1', subnet: 'web', ip: '10.0.1.10', securityGroups: ['web-sg'] },
      { name: 'web2', subnet: 'web', ip: '10.0.1.11', securityGroups: ['web-sg', 'mon-sg'] },
      { name: 'db1', subnet: 'db', ip: '10.0.2.5', securityGroups: ['db-sg'] },
      { name: 'db9', subnet: 'db', ip: '10.0.2.9' },
      { name: 'app1', subnet: 'app', ip: '10.0.3.7' },
      { name: 'app2', subnet: 'app', ip: '10.0.3.8' },
    ],
    ...extra,
  });
}

const checksOf = (t: Topology) => compileFilters(stateOf(t));
const rules = (...networks: Network[]) => checksOf(topology({ firewall: 'rules', networks }));

describe('AWS security groups (AWS-R34..R38, AWS-R43)', () => {
  test('AWS-R34, AWS-R43: groups act at the interface (host, defaultHost), the ACL at the subnet', () => {
    const c = rules(prod());
    expect(c.host('prod', 'web1', 0, 'in')?.kind).toBe('securityGroup');
    expect(c.defaultHost('prod', 'db', 'in')?.kind).toBe('securityGroup');
    expect(c.subnet('prod', 'web', 'in')?.kind).toBe('networkAcl');
    expect(c.host('prod', 'web1', 0, 'out')?.direction).toBe('outbound');
    expect(c.subnet('prod', 'web', 'in')?.direction).toBe('inbound');
    // Unknown names and filtering off: nothing filters.
    expect(c.host('prod', 'nobody', 0, 'in')).toBeUndefined();
    const off = checksOf(topology({ networks: [prod()] }));
    expect(off.mode('prod')).toBe('none');
    expect(off.host('prod', 'web1', 0, 'in')).toBeUndefined();
    expect(off.subnet('prod', 'web', 'in')).toBeUndefined();
  });

  test('AWS-R35: allow rules only; the first rule that matches is reported, nothing matching is the implicit deny', () => {
    const web1In = rules(prod()).host('prod', 'web1', 0, 'in')!;
    expect(web1In.entries.every((e) => e.allow)).toBe(true);
    expect(verdict(web1In, tcp('203.0.113.9', '10.0.1.10', 443))).toBe('allow prod/web-sg inbound[0]');
    // Port 22 only from the corp prefix list (AWS-R38).
    expect(verdict(web1In, tcp('203.0.113.9', '10.0.1.10', 22))).toBe('deny prod/web1 implicit-deny');
    expect(decide(web1In, tcp('192.168.4.4', '10.0.1.10', 22)).rule).toBe('inbound[1]');
    // UDP 443 is not TCP 443; a flow of any protocol needs an all-protocol rule.
    expect(
      decide(web1In, { proto: PROTO_UDP, src: '203.0.113.9', dst: '10.0.1.10', dp: [443, 443] }).allow,
    ).toBe(false);
    expect(decide(web1In, { proto: ANY_PROTOCOL, src: '203.0.113.9', dst: '10.0.1.10' }).allow).toBe(false);
    expect(web1In.stateful).toBe(true);
    expect(web1In.defaultAllow).toBe(false);
  });

  test('AWS-R35: the rules of every group on the interface are merged, in host order then rule order', () => {
    const web2In = rules(prod()).host('prod', 'web2', 0, 'in')!;
    expect(web2In.entries.map((e) => `${e.object}#${e.rule}`)).toEqual([
      'prod/web-sg#inbound[0]',
      'prod/web-sg#inbound[1]',
      'prod/mon-sg#inbound[0]',
    ]);
    // ICMP: type 8 (echo request) from inside the VPC; code any; a reply (type 0) is not allowed by this rule.
    expect(
      decide(web2In, { proto: PROTO_ICMP, src: '10.0.3.7', dst: '10.0.1.11', dp: [8, 8], sp: [0, 0] }).rule,
    ).toBe('inbound[0]');
    expect(
      decide(web2In, { proto: PROTO_ICMP, src: '10.0.3.7', dst: '10.0.1.11', dp: [0, 0], sp: [0, 0] }).allow,
    ).toBe(false);
  });

  test('AWS-R35: `all` and protocols other than TCP/UDP/ICMP cover every port; ICMP type and code -1 mean all', () => {
    const sg = (r: SecurityGroupRule): SecurityGroup => ({ name: 'x', inbound: [r], outbound: [] });
    const prog = (r: SecurityGroupRule) =>
      rules(
        prod({
          securityGroups: [sg(r)],
          hosts: [{ name: 'h', subnet: 'app', ip: '10.0.3.4', securityGroups: ['x'] }],
        }),
      ).host('prod', 'h', 0, 'in')!;
    const gre = prog({ protocol: 47, port: { lo: 5, hi: 5 }, cidr: '0.0.0.0/0' });
    expect(
      decide(gre, { proto: 47, src: '1.2.3.4', dst: '10.0.3.4', dp: [0, 65535], sp: [0, 65535] }).allow,
    ).toBe(true);
    const icmpAll = prog({ protocol: 'icmp', icmpType: -1, icmpCode: -1, cidr: '0.0.0.0/0' });
    for (const type of [0, 3, 8, 11])
      expect(
        decide(icmpAll, { proto: PROTO_ICMP, src: '1.2.3.4', dst: '10.0.3.4', dp: [type, type], sp: [0, 0] })
          .allow,
      ).toBe(true);
    const all = prog({ protocol: 'all', cidr: '0.0.0.0/0' });
    expect(decide(all, { proto: ANY_PROTOCOL, src: '1.2.3.4', dst: '10.0.3.4', sp: [0, 65535] }).allow).toBe(
      true,
    );
    // An IPv6 CIDR never matches the IPv4 plane.
    expect(prog({ protocol: 'all', cidr: '::/0' }).entries).toEqual([]);
    // Outbound rules match the destination, inbound the source.
    const out = rules(prod()).host('prod', 'web1', 0, 'out')!;
    expect(out.entries[0]!.src).toBeNull();
  });

  test('AWS-R36: a host without groups has `default`: inbound from its members only, outbound to all', () => {
    const c = rules(prod());
    const app1In = c.host('prod', 'app1', 0, 'in')!;
    expect(verdict(app1In, tcp('10.0.3.8', '10.0.3.7', 80))).toBe('allow prod/default inbound[0]');
    // Members: hosts without groups, and implicit instances of subnets whose defaultHost is `default`.
    expect(decide(app1In, tcp('10.0.3.99', '10.0.3.7', 80)).allow).toBe(true);
    // Not members: web1 (web-sg), db1 (db-sg), the db subnet's implicit instances (db-sg), the internet.
    for (const src of ['10.0.1.10', '10.0.2.5', '10.0.2.77', '203.0.113.1'])
      expect(verdict(app1In, tcp(src, '10.0.3.7', 80))).toBe('deny prod/app1 implicit-deny');
    const app1Out = c.host('prod', 'app1', 0, 'out')!;
    expect(decide(app1Out, tcp('10.0.3.7', '203.0.113.1', 443)).allow).toBe(true);
    // The db subnet's implicit instances carry db-sg: its outbound is empty.
    const dbDefaultOut = c.defaultHost('prod', 'db', 'out')!;
    expect(verdict(dbDefaultOut, tcp('10.0.2.77', '10.0.3.7', 80))).toBe('deny prod/db implicit-deny');
  });

  test('AWS-R36: a declared group named `default` replaces the implicit one', () => {
    const own: SecurityGroup = {
      name: 'default',
      inbound: [{ protocol: 'tcp', port: { lo: 80, hi: 80 }, cidr: '0.0.0.0/0' }],
      outbound: [],
    };
    const c = rules(prod({ securityGroups: [own] }));
    const app1In = c.host('prod', 'app1', 0, 'in')!;
    expect(decide(app1In, tcp('203.0.113.1', '10.0.3.7', 80)).allow).toBe(true);
    expect(decide(app1In, tcp('10.0.3.8', '10.0.3.7', 81)).allow).toBe(false);
    expect(decide(c.host('prod', 'app1', 0, 'out'), tcp('10.0.3.7', '203.0.113.1', 80)).allow).toBe(false);
  });

  test('AWS-R37: a group reference matches the private addresses of the group members, hosts and implicit instances', () => {
    const c = rules(prod());
    const db1In = c.host('prod', 'db1', 0, 'in')!;
    expect(verdict(db1In, tcp('10.0.1.10', '10.0.2.5', 5432))).toBe('allow prod/db-sg pg');
    expect(decide(db1In, tcp('10.0.1.11', '10.0.2.5', 5432)).allow).toBe(true);
    // Another address of the web subnet is an implicit instance with `default`, not web-sg.
    expect(decide(db1In, tcp('10.0.1.12', '10.0.2.5', 5432)).allow).toBe(false);
    expect(isSecurityGroupReference(db1In.entries[0]!)).toBe(true);
    expect(isSecurityGroupReference(c.host('prod', 'web1', 0, 'in')!.entries[0]!)).toBe(false);
    // db-sg's members: db1, and the db subnet's implicit instances except db9 (which carries `default`).
    const members = awsSecurityGroupMembers(prod(), 'db-sg');
    expect(members).toEqual([ip4('10.0.2.0'), ip4('10.0.2.8'), ip4('10.0.2.10'), ip4('10.0.2.255')]);
  });

  test("AWS-R37: `net/sg` reaches a peered VPC's group; without the peering the rule matches nothing", () => {
    const shared = network({
      name: 'shared',
      provider: 'aws',
      cidrs: ['10.9.0.0/16'],
      subnets: [{ name: 's', cidr: '10.9.0.0/24' }],
      securityGroups: [{ name: 'client', inbound: [], outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }] }],
      hosts: [{ name: 'c1', subnet: 's', ip: '10.9.0.4', securityGroups: ['client'] }],
    });
    const withRef = prod({
      securityGroups: [
        {
          name: 'svc',
          inbound: [{ name: 'from-shared', protocol: 'all', securityGroup: 'shared/client' }],
          outbound: [],
        },
      ],
      hosts: [{ name: 'h', subnet: 'app', ip: '10.0.3.4', securityGroups: ['svc'] }],
    });
    const peered = compileFilters(
      stateOf(
        topology({
          firewall: 'rules',
          networks: [withRef, shared],
          peerings: [{ between: ['prod', 'shared'] }],
        }),
      ),
    ).host('prod', 'h', 0, 'in')!;
    expect(decide(peered, tcp('10.9.0.4', '10.0.3.4', 80)).rule).toBe('from-shared');
    expect(decide(peered, tcp('10.9.0.5', '10.0.3.4', 80)).allow).toBe(false);
    const stale = compileFilters(stateOf(topology({ firewall: 'rules', networks: [withRef, shared] }))).host(
      'prod',
      'h',
      0,
      'in',
    )!;
    expect(decide(stale, tcp('10.9.0.4', '10.0.3.4', 80)).allow).toBe(false);
  });

  test("AWS-R35: a group without an `outbound` list has a new group's allow-all rule; `outbound: []` allows nothing", () => {
    const c = rules(
      prod({
        securityGroups: [
          { name: 'fresh', inbound: [] },
          { name: 'closed', inbound: [], outbound: [] },
        ],
        hosts: [
          { name: 'f', subnet: 'app', ip: '10.0.3.4', securityGroups: ['fresh'] },
          { name: 'c', subnet: 'app', ip: '10.0.3.5', securityGroups: ['closed'] },
        ],
      }),
    );
    expect(decide(c.host('prod', 'f', 0, 'out'), tcp('10.0.3.4', '198.51.100.1', 443)).rule).toBe(
      'outbound[0]',
    );
    expect(decide(c.host('prod', 'c', 0, 'out'), tcp('10.0.3.5', '198.51.100.1', 443)).rule).toBe(
      'implicit-deny',
    );
    expect(decide(c.host('prod', 'f', 0, 'in'), tcp('10.0.3.9', '10.0.3.4', 443)).allow).toBe(false);
  });

  test("AWS-R38: a prefix-list rule matches the list's CIDRs", () => {
    const web1In = rules(prod()).host('prod', 'web1', 0, 'in')!;
    expect(decide(web1In, tcp('192.168.200.1', '10.0.1.10', 22)).allow).toBe(true);
    expect(decide(web1In, tcp('192.169.0.1', '10.0.1.10', 22)).allow).toBe(false);
    // `net/list` names another network's list.
    const other = network({
      name: 'ops',
      provider: 'aws',
      cidrs: ['10.8.0.0/16'],
      prefixLists: [{ name: 'vpn', cidrs: ['172.16.0.0/12'] }],
    });
    const h = rules(
      prod({
        securityGroups: [{ name: 'x', inbound: [{ protocol: 'all', prefixList: 'ops/vpn' }], outbound: [] }],
        hosts: [{ name: 'h', subnet: 'app', ip: '10.0.3.4', securityGroups: ['x'] }],
      }),
      other,
    ).host('prod', 'h', 0, 'in')!;
    expect(decide(h, tcp('172.20.0.1', '10.0.3.4', 80)).allow).toBe(true);
    expect(decide(h, tcp('192.168.0.1', '10.0.3.4', 80)).allow).toBe(false);
  });

  test('AWS-R44: quotas never refuse: six groups of 61 rules compile every rule', () => {
    const groups: SecurityGroup[] = Array.from({ length: 6 }, (_, g) => ({
      name: `g${g}`,
      inbound: Array.from({ length: 61 }, (_, r) => ({
        protocol: 'tcp',
        port: { lo: r, hi: r },
        cidr: '0.0.0.0/0',
      })),
      outbound: [],
    }));
    const c = rules(
      prod({
        securityGroups: groups,
        hosts: [{ name: 'h', subnet: 'app', ip: '10.0.3.4', securityGroups: groups.map((g) => g.name) }],
      }),
    );
    expect(c.host('prod', 'h', 0, 'in')!.entries).toHaveLength(6 * 61);
  });
});

describe('AWS network ACLs (AWS-R39..R42)', () => {
  test('AWS-R40: the lowest-numbered matching entry decides, else `*` denies', () => {
    const aclIn = rules(prod()).subnet('prod', 'web', 'in')!;
    expect(aclIn.entries.map((e) => e.rule)).toEqual(['100', '200']); // the IPv6 entry never matches IPv4
    expect(verdict(aclIn, tcp('203.0.113.1', '10.0.1.10', 22))).toBe('deny prod/web-acl 100');
    expect(verdict(aclIn, tcp('203.0.113.1', '10.0.1.10', 443))).toBe('allow prod/web-acl 200');
    expect(verdict(aclIn, { proto: PROTO_UDP, src: '203.0.113.1', dst: '10.0.1.10', dp: [53, 53] })).toBe(
      'deny prod/web-acl *',
    );
  });

  test('AWS-R40: without an association, the `default: true` ACL; without one, the implicit default allows all', () => {
    const c = rules(prod());
    const implicit = c.subnet('prod', 'app', 'out')!;
    expect(verdict(implicit, { proto: ANY_PROTOCOL, src: '10.0.3.7', dst: '8.8.8.8', sp: [0, 65535] })).toBe(
      'allow prod/default 100',
    );
    const marked = rules(
      prod({
        networkAcls: [
          { name: 'locked', default: true, inbound: [], outbound: [] },
          { name: 'web-acl', inbound: [], outbound: [] },
        ],
      }),
    );
    expect(verdict(marked.subnet('prod', 'app', 'in'), tcp('10.0.1.1', '10.0.3.7', 80))).toBe(
      'deny prod/locked *',
    );
    expect(marked.subnet('prod', 'web', 'in')!.defaultObject).toBe('prod/web-acl');
  });

  test('AWS-R39, AWS-R42: ACLs are stateless, groups stateful; a reply needs its whole ephemeral range allowed', () => {
    const c = rules(prod());
    expect(c.subnet('prod', 'web', 'out')!.stateful).toBe(false);
    expect(c.host('prod', 'web1', 0, 'out')!.stateful).toBe(true);
    const aclOut = c.subnet('prod', 'web', 'out')!;
    // The reply of a request from 203.0.113.9 (ports 32768–61000) to web1:443 leaves on those ports.
    const reply = (sp: readonly [number, number]) => ({
      proto: PROTO_TCP,
      src: '10.0.1.10',
      dst: '203.0.113.9',
      sp: [443, 443] as const,
      dp: sp,
    });
    expect(decide(aclOut, reply([32768, 61000])).allow).toBe(true);
    expect(decide(aclOut, reply([1024, 65535])).allow).toBe(true);
    expect(decide(aclOut, reply([1000, 65535])).allow).toBe(false);
  });

  test("AWS-R41: every subnet, a NAT gateway's too, has its ACL program in both directions", () => {
    const c = rules(prod({ gateways: [{ name: 'nat1', kind: 'nat', subnet: 'web' }] }));
    for (const s of ['web', 'db', 'app'])
      for (const d of ['in', 'out'] as const) expect(c.subnet('prod', s, d)?.kind).toBe('networkAcl');
    expect(c.subnet('prod', 'nowhere', 'in')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties against naive oracles (the PROVIDERS.md text: sort + first match; SG any-match).
// ---------------------------------------------------------------------------------------------

const SLASH = [0, 8, 16, 24, 32];
const cidrArb = fc
  .tuple(
    fc.constantFrom(...SLASH),
    fc.constantFrom(ip4('10.0.0.0'), ip4('10.0.1.0'), ip4('203.0.113.0'), ip4('0.0.0.0')),
    fc.nat(255),
  )
  .map(([len, base, low]) => {
    const a = (base + low) >>> 0;
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    const n = (a & mask) >>> 0;
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${len}`;
  });
const protoArb = fc.constantFrom<'all' | 'tcp' | 'udp' | 'icmp' | 47>('all', 'tcp', 'udp', 'icmp', 47);
const portArb = fc
  .tuple(fc.nat(70), fc.nat(70))
  .map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) }));
const icmpTypeArb = fc.integer({ min: -1, max: 9 });
// `port` and `icmpType` are absent (not undefined) when not drawn.
const entryArb = fc.record(
  {
    protocol: protoArb,
    port: portArb,
    icmpType: icmpTypeArb,
    cidr: cidrArb,
    action: fc.constantFrom<'allow' | 'deny'>('allow', 'deny'),
  },
  { requiredKeys: ['protocol', 'cidr', 'action'] },
);
const packetArb = fc.record({
  proto: fc.constantFrom(ANY_PROTOCOL, PROTO_TCP, PROTO_UDP, PROTO_ICMP, 47),
  addr: fc.constantFrom(ip4('10.0.0.5'), ip4('10.0.1.9'), ip4('203.0.113.7'), ip4('8.8.8.8')),
  port: fc.nat(70),
  wide: fc.boolean(),
});

/** PROVIDERS.md AWS-R35/R40, read naively: does a rule's protocol and port admit the packet? */
function ruleAdmits(
  r: {
    protocol: 'all' | 'tcp' | 'udp' | 'icmp' | number;
    port?: { lo: number; hi: number };
    icmpType?: number;
  },
  proto: number,
  dLo: number,
  dHi: number,
): boolean {
  const num =
    r.protocol === 'all'
      ? -1
      : r.protocol === 'tcp'
        ? 6
        : r.protocol === 'udp'
          ? 17
          : r.protocol === 'icmp'
            ? 1
            : r.protocol;
  if (num === -1) return true; // all protocols, all ports
  if (num !== proto) return false;
  if (num === 6 || num === 17) return r.port === undefined || (r.port.lo <= dLo && dHi <= r.port.hi);
  if (num === 1)
    return r.icmpType === undefined || r.icmpType === -1 || (dLo === r.icmpType && dHi === r.icmpType);
  return true; // other protocols: all ports
}

const packetPorts = (pk: { proto: number; port: number; wide: boolean }): [number, number] =>
  pk.proto === ANY_PROTOCOL || pk.wide ? [0, pk.proto === PROTO_ICMP ? 255 : 65535] : [pk.port, pk.port];

describe('AWS properties (invariants 44, 45)', () => {
  test('AWS-R40, invariant 45: the compiled ACL decision equals the naive sort + first match', () => {
    fc.assert(
      fc.property(
        numbered(entryArb, 1, 32766, 8),
        fc.constantFrom<'in' | 'out'>('in', 'out'),
        packetArb,
        (list, dir, pk) => {
          const entries: NetworkAclEntry[] = list.map(([ruleNumber, e]) => ({ ruleNumber, ...e }));
          const acl = {
            name: 'a',
            inbound: dir === 'in' ? entries : [],
            outbound: dir === 'out' ? entries : [],
          };
          const p = rules(
            prod({ networkAcls: [acl], subnets: [{ name: 'x', cidr: '10.0.9.0/24', networkAcl: 'a' }] }),
          ).subnet('prod', 'x', dir)!;
          const [dLo, dHi] = packetPorts(pk);
          const [sLo, sHi] = pk.proto === PROTO_ICMP ? [0, 0] : [32768, 61000];
          const src = dir === 'in' ? pk.addr : ip4('10.0.9.1');
          const dst = dir === 'in' ? ip4('10.0.9.1') : pk.addr;
          const got = p ? allows(p, firstMatch(p, pk.proto, src, dst, sLo, sHi, dLo, dHi)) : undefined;
          const sorted = [...entries].sort((a, b) => a.ruleNumber - b.ruleNumber);
          const hit = sorted.find((e) => ruleAdmits(e, pk.proto, dLo, dHi) && contains(e.cidr, pk.addr));
          expect(got).toBe(hit ? hit.action === 'allow' : false);
        },
      ),
      { seed: 4501, numRuns: 400 },
    );
  });

  test('AWS-R35, invariant 44: an interface allows iff some rule of some group admits; order never matters', () => {
    const sgRuleArb = fc.record(
      { protocol: protoArb, port: portArb, icmpType: icmpTypeArb, cidr: cidrArb },
      { requiredKeys: ['protocol', 'cidr'] },
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(sgRuleArb, { maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        packetArb,
        fc.nat(),
        (groupsRules, pk, shuffle) => {
          const groups: SecurityGroup[] = groupsRules.map((rs, i) => ({
            name: `g${i}`,
            inbound: rs,
            outbound: [],
          }));
          const names = groups.map((g) => g.name);
          const rotated = [...names.slice(shuffle % names.length), ...names.slice(0, shuffle % names.length)];
          const reversed = groups.map((g) => ({ ...g, inbound: [...g.inbound!].reverse() }));
          const [dLo, dHi] = packetPorts(pk);
          const [sLo, sHi] = pk.proto === PROTO_ICMP ? [0, 0] : [32768, 61000];
          const verdict = (gs: SecurityGroup[], order: string[]): boolean => {
            const p = rules(
              prod({
                securityGroups: gs,
                hosts: [{ name: 'h', subnet: 'app', ip: '10.0.3.4', securityGroups: order }],
              }),
            ).host('prod', 'h', 0, 'in')!;
            return allows(p, firstMatch(p, pk.proto, pk.addr, ip4('10.0.3.4'), sLo, sHi, dLo, dHi));
          };
          const oracle = groupsRules.some((rs) =>
            rs.some((r) => ruleAdmits(r, pk.proto, dLo, dHi) && contains(r.cidr, pk.addr)),
          );
          expect(verdict(groups, names)).toBe(oracle);
          expect(verdict(reversed, rotated)).toBe(oracle);
        },
      ),
      { seed: 4402, numRuns: 300 },
    );
  });
});
