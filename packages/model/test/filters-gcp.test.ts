// Over 400 lines: the cases of one subject (filters-gcp), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * GCP VPC firewall rules compiled into filter programs (PROVIDERS.md §3.9, GCP-R25..R30; FILTERS.md):
 * decisions of hand-built states through `firstMatch`. The property against a naive oracle
 * (invariants 52, 53) is in filters-gcp-oracle.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { PROTO_ICMP, PROTO_UDP, compileFilters } from '@cloudroute/model';
import type { FirewallRule, Host, Network, Topology } from '@cloudroute/model';
import { network, stateOf, topology } from './fixtures.js';
import { decide, tcp, verdict } from './decide.js';

const rule = (r: Partial<FirewallRule> & Pick<FirewallRule, 'name'>): FirewallRule => ({
  direction: 'INGRESS',
  priority: 1000,
  ...r,
});

const HOSTS: Host[] = [
  { name: 'web', subnet: 'app', ip: '10.20.0.10', tags: ['web'] },
  { name: 'db', subnet: 'app', ip: '10.20.0.20', tags: ['db'], serviceAccount: 'db-sa' },
  { name: 'plain', subnet: 'app', ip: '10.20.0.30' },
  { name: 'fw', subnet: 'app', ip: '10.20.0.5', ipForwarding: true, tags: ['fw'] },
];

function corp(rules: FirewallRule[], extra: Partial<Network> = {}): Network {
  return network({
    name: 'corp',
    provider: 'gcp',
    subnets: [
      { name: 'app', cidr: '10.20.0.0/24', region: 'us-central1' },
      { name: 'batch', cidr: '10.30.0.0/24', region: 'us-central1', defaultHost: { tags: ['batch'] } },
    ],
    hosts: HOSTS,
    firewallRules: rules,
    ...extra,
  });
}

function checks(rules: FirewallRule[], extra: Partial<Network> = {}, t: Partial<Topology> = {}) {
  return compileFilters(stateOf(topology({ firewall: 'rules', networks: [corp(rules, extra)], ...t })));
}

describe('GCP firewall rules as programs (FILTERS.md, GCP-R25..R30)', () => {
  test('GCP-R27: with no rule, the implied rules decide: ingress denied, egress allowed, both named and held by the network', () => {
    const c = checks([]);
    const inn = c.host('corp', 'web', 0, 'in')!;
    const out = c.host('corp', 'web', 0, 'out')!;
    expect(verdict(inn, tcp('10.20.0.30', '10.20.0.10', 443))).toBe('deny corp implied-deny-ingress');
    expect(verdict(out, tcp('10.20.0.10', '8.8.8.8', 443))).toBe('allow corp implied-allow-egress');
    expect([inn.kind, inn.direction, out.direction]).toEqual(['firewallRule', 'INGRESS', 'EGRESS']);
  });

  test('GCP-R27: under rules the `default` network has no pre-populated rules unless declared (only the implied ones)', () => {
    const c = compileFilters(
      stateOf(topology({ firewall: 'rules', networks: [{ ...corp([]), name: 'default' }] })),
    );
    // default-allow-internal (10.128.0.0/9) is not assumed: the implied deny decides.
    expect(decide(c.host('default', 'web', 0, 'in'), tcp('10.128.0.9', '10.20.0.10', 22)).rule).toBe(
      'implied-deny-ingress',
    );
  });

  test('GCP-R28: programs are stateful; GCP-R25: a subnet filters nothing of its own', () => {
    const c = checks([rule({ name: 'in', allow: [{ protocol: 'all' }], sourceRanges: ['0.0.0.0/0'] })]);
    expect(c.host('corp', 'web', 0, 'in')!.stateful).toBe(true);
    expect(c.host('corp', 'web', 0, 'out')!.stateful).toBe(true);
    expect(c.subnet('corp', 'app', 'in')).toBeUndefined();
  });

  test('GCP-R26: the lowest priority value decides; a deny wins a tie with an allow whatever the declaration order', () => {
    const allow900 = rule({
      name: 'allow-https',
      priority: 900,
      allow: [{ protocol: 'tcp', ports: [{ lo: 443, hi: 443 }] }],
      sourceRanges: ['0.0.0.0/0'],
    });
    const deny1000 = rule({
      name: 'deny-all',
      priority: 1000,
      deny: [{ protocol: 'all' }],
      sourceRanges: ['0.0.0.0/0'],
    });
    const allow1000 = rule({
      name: 'allow-ssh',
      priority: 1000,
      allow: [{ protocol: 'tcp', ports: [{ lo: 22, hi: 22 }] }],
      sourceRanges: ['0.0.0.0/0'],
    });
    for (const order of [
      [allow900, deny1000, allow1000],
      [allow1000, deny1000, allow900],
    ]) {
      const p = checks(order).host('corp', 'web', 0, 'in');
      expect(decide(p, tcp('203.0.113.7', '10.20.0.10', 443))).toMatchObject({
        allow: true,
        rule: 'allow-https',
      });
      expect(decide(p, tcp('203.0.113.7', '10.20.0.10', 22))).toMatchObject({
        allow: false,
        rule: 'deny-all',
      });
    }
  });

  test('GCP-R31: only VPC firewall rules are evaluated, the implied actions last — a declared rule at 65535 still precedes them', () => {
    const c = checks([
      rule({
        name: 'last-allow',
        priority: 65535,
        allow: [{ protocol: 'all' }],
        sourceRanges: ['0.0.0.0/0'],
      }),
      rule({
        name: 'last-deny',
        direction: 'EGRESS',
        priority: 65535,
        deny: [{ protocol: 'all' }],
        destinationRanges: ['0.0.0.0/0'],
      }),
    ]);
    expect(decide(c.host('corp', 'web', 0, 'in'), tcp('1.2.3.4', '10.20.0.10', 80))).toMatchObject({
      allow: true,
      rule: 'last-allow',
    });
    expect(decide(c.host('corp', 'web', 0, 'out'), tcp('10.20.0.10', '1.2.3.4', 80))).toMatchObject({
      allow: false,
      rule: 'last-deny',
    });
    expect(c.host('corp', 'web', 0, 'in')!.entries.map((e) => e.rule)).toEqual(['last-allow']);
  });

  test('GCP-R26: a disabled rule is as if it did not exist', () => {
    const c = checks([
      rule({
        name: 'deny',
        priority: 10,
        deny: [{ protocol: 'all' }],
        sourceRanges: ['0.0.0.0/0'],
        disabled: true,
      }),
      rule({ name: 'allow', allow: [{ protocol: 'all' }], sourceRanges: ['0.0.0.0/0'] }),
    ]);
    expect(decide(c.host('corp', 'web', 0, 'in'), tcp('1.2.3.4', '10.20.0.10', 80)).rule).toBe('allow');
  });

  test('GCP-R26: protocols and ports — tcp/udp port lists and ranges, icmp, numbers, all; a flow without protocol meets only `all` rules', () => {
    const c = checks([
      rule({
        name: 'mixed',
        allow: [
          {
            protocol: 'tcp',
            ports: [
              { lo: 22, hi: 22 },
              { lo: 1000, hi: 2000 },
            ],
          },
          { protocol: 'udp' },
          { protocol: 'icmp' },
          { protocol: 50 },
        ],
        sourceRanges: ['0.0.0.0/0'],
      }),
    ]);
    const p = c.host('corp', 'web', 0, 'in');
    const from = '198.51.100.1';
    expect(decide(p, tcp(from, '10.20.0.10', 22)).allow).toBe(true);
    expect(decide(p, tcp(from, '10.20.0.10', 1500)).allow).toBe(true);
    expect(decide(p, tcp(from, '10.20.0.10', 2001)).allow).toBe(false);
    expect(decide(p, { protocol: PROTO_UDP, src: from, dst: '10.20.0.10', port: 53 }).allow).toBe(true);
    expect(decide(p, { protocol: PROTO_ICMP, src: from, dst: '10.20.0.10' }).allow).toBe(true);
    expect(decide(p, { protocol: 50, src: from, dst: '10.20.0.10' }).allow).toBe(true);
    expect(decide(p, { src: from, dst: '10.20.0.10' }).allow).toBe(false); // FILTERS.md: `any` needs an all-protocol rule
    const all = checks([rule({ name: 'all', allow: [{ protocol: 'all' }], sourceRanges: ['0.0.0.0/0'] })]);
    expect(decide(all.host('corp', 'web', 0, 'in'), { src: from, dst: '10.20.0.10' }).allow).toBe(true);
  });

  test('GCP-R26 / invariant 53: target tags and service accounts select VMs; a rule without targets applies to all', () => {
    const c = checks([
      rule({
        name: 'web-in',
        allow: [{ protocol: 'tcp', ports: [{ lo: 80, hi: 80 }] }],
        sourceRanges: ['0.0.0.0/0'],
        targetTags: ['web'],
      }),
      rule({
        name: 'db-in',
        allow: [{ protocol: 'tcp', ports: [{ lo: 5432, hi: 5432 }] }],
        sourceRanges: ['0.0.0.0/0'],
        targetServiceAccounts: ['db-sa'],
      }),
      rule({
        name: 'ssh-in',
        allow: [{ protocol: 'tcp', ports: [{ lo: 22, hi: 22 }] }],
        sourceRanges: ['35.235.240.0/20'],
      }),
    ]);
    const ext = '35.235.240.9';
    expect(decide(c.host('corp', 'web', 0, 'in'), tcp(ext, '10.20.0.10', 80)).allow).toBe(true);
    expect(decide(c.host('corp', 'plain', 0, 'in'), tcp(ext, '10.20.0.30', 80)).allow).toBe(false);
    expect(decide(c.host('corp', 'db', 0, 'in'), tcp(ext, '10.20.0.20', 5432)).allow).toBe(true);
    expect(decide(c.host('corp', 'web', 0, 'in'), tcp(ext, '10.20.0.10', 5432)).allow).toBe(false);
    for (const h of ['web', 'db', 'plain'])
      expect(decide(c.host('corp', h, 0, 'in'), tcp(ext, '10.20.0.1', 22)).allow).toBe(true);
    // A VM's default service account is `default` (GCP-R29).
    const sa = checks([
      rule({
        name: 'sa',
        allow: [{ protocol: 'all' }],
        sourceRanges: ['0.0.0.0/0'],
        targetServiceAccounts: ['default'],
      }),
    ]);
    expect(decide(sa.host('corp', 'plain', 0, 'in'), tcp(ext, '10.20.0.30', 1)).allow).toBe(true);
    expect(decide(sa.host('corp', 'db', 0, 'in'), tcp(ext, '10.20.0.20', 1)).allow).toBe(false);
  });

  test("GCP-R29: source tags and accounts match the internal addresses of the network's VMs carrying them, and nothing else", () => {
    const c = checks([
      rule({
        name: 'from-web',
        allow: [{ protocol: 'tcp', ports: [{ lo: 5432, hi: 5432 }] }],
        sourceTags: ['web'],
        targetTags: ['db'],
      }),
      rule({
        name: 'from-db-sa',
        allow: [{ protocol: 'tcp', ports: [{ lo: 6379, hi: 6379 }] }],
        sourceServiceAccounts: ['db-sa'],
      }),
    ]);
    const db = c.host('corp', 'db', 0, 'in');
    expect(decide(db, tcp('10.20.0.10', '10.20.0.20', 5432))).toMatchObject({
      allow: true,
      rule: 'from-web',
    });
    expect(decide(db, tcp('10.20.0.30', '10.20.0.20', 5432)).allow).toBe(false); // an untagged VM
    expect(decide(db, tcp('10.20.0.99', '10.20.0.20', 5432)).allow).toBe(false); // an implicit instance, no tags
    expect(decide(db, tcp('192.0.2.10', '10.20.0.20', 5432)).allow).toBe(false); // the internet
    expect(decide(c.host('corp', 'web', 0, 'in'), tcp('10.20.0.20', '10.20.0.10', 6379)).allow).toBe(true);
  });

  test('GCP-R26: a source or destination list written empty matches nothing (it does not mean any)', () => {
    const c = checks([
      rule({ name: 'empty-src', allow: [{ protocol: 'all' }], sourceRanges: [] }),
      rule({ name: 'empty-dst', direction: 'EGRESS', deny: [{ protocol: 'all' }], destinationRanges: [] }),
    ]);
    expect(decide(c.host('corp', 'web', 0, 'in'), tcp('1.2.3.4', '10.20.0.10', 1)).rule).toBe(
      'implied-deny-ingress',
    );
    expect(decide(c.host('corp', 'web', 0, 'out'), tcp('10.20.0.10', '1.2.3.4', 1)).rule).toBe(
      'implied-allow-egress',
    );
  });

  test('GCP-R29: source ranges and tags are alternatives (a packet matching either matches)', () => {
    const c = checks([
      rule({ name: 'r', allow: [{ protocol: 'all' }], sourceRanges: ['192.0.2.0/24'], sourceTags: ['web'] }),
    ]);
    const p = c.host('corp', 'plain', 0, 'in');
    expect(decide(p, tcp('192.0.2.7', '10.20.0.30', 1)).allow).toBe(true);
    expect(decide(p, tcp('10.20.0.10', '10.20.0.30', 1)).allow).toBe(true);
    expect(decide(p, tcp('10.20.0.20', '10.20.0.30', 1)).allow).toBe(false);
  });

  test("GCP-R29: a subnet's implicit instances carry its defaultHost tags (source and target), minus the declared VMs", () => {
    const hosts: Host[] = [...HOSTS, { name: 'b1', subnet: 'batch', ip: '10.30.0.7' }];
    const c = checks(
      [
        rule({ name: 'from-batch', allow: [{ protocol: 'all' }], sourceTags: ['batch'] }),
        rule({
          name: 'to-batch',
          allow: [{ protocol: 'tcp', ports: [{ lo: 9000, hi: 9000 }] }],
          sourceRanges: ['0.0.0.0/0'],
          targetTags: ['batch'],
        }),
      ],
      { hosts },
    );
    const web = c.host('corp', 'web', 0, 'in');
    expect(decide(web, tcp('10.30.0.50', '10.20.0.10', 1)).allow).toBe(true);
    expect(decide(web, tcp('10.30.0.7', '10.20.0.10', 1)).allow).toBe(false); // b1 is a VM without the tag
    expect(decide(c.defaultHost('corp', 'batch', 'in'), tcp('1.1.1.1', '10.30.0.50', 9000))).toMatchObject({
      allow: true,
      rule: 'to-batch',
    });
    expect(verdict(c.defaultHost('corp', 'app', 'in'), tcp('1.1.1.1', '10.20.0.50', 9000))).toBe(
      'deny corp implied-deny-ingress',
    );
  });

  test('GCP-R26: egress rules match destination ranges; ingress rules with destination ranges match the destination too', () => {
    const c = checks([
      rule({
        name: 'no-smtp',
        direction: 'EGRESS',
        deny: [{ protocol: 'tcp', ports: [{ lo: 25, hi: 25 }] }],
        destinationRanges: ['0.0.0.0/0'],
      }),
      rule({
        name: 'block-10',
        direction: 'EGRESS',
        priority: 500,
        deny: [{ protocol: 'all' }],
        destinationRanges: ['10.99.0.0/16'],
      }),
      rule({
        name: 'to-vip',
        allow: [{ protocol: 'all' }],
        sourceRanges: ['0.0.0.0/0'],
        destinationRanges: ['10.20.0.200/32'],
      }),
    ]);
    const out = c.host('corp', 'fw', 0, 'out');
    expect(decide(out, tcp('10.20.0.5', '8.8.8.8', 25))).toMatchObject({ allow: false, rule: 'no-smtp' });
    expect(decide(out, tcp('10.20.0.5', '10.99.1.1', 443))).toMatchObject({ allow: false, rule: 'block-10' });
    expect(decide(out, tcp('10.20.0.5', '8.8.8.8', 443)).rule).toBe('implied-allow-egress');
    const inn = c.host('corp', 'fw', 0, 'in');
    expect(decide(inn, tcp('1.2.3.4', '10.20.0.200', 80)).allow).toBe(true);
    expect(decide(inn, tcp('1.2.3.4', '10.20.0.5', 80)).allow).toBe(false);
  });

  test('GCP-R30: a forwarding VM has an ingress and an egress program for packets that are not its own', () => {
    const c = checks([
      rule({ name: 'fw-in', allow: [{ protocol: 'all' }], sourceRanges: ['10.0.0.0/8'], targetTags: ['fw'] }),
      rule({
        name: 'fw-out',
        direction: 'EGRESS',
        deny: [{ protocol: 'all' }],
        destinationRanges: ['192.168.0.0/16'],
        targetTags: ['fw'],
      }),
    ]);
    // A packet from 10.1.1.1 to 172.16.0.9 crossing fw (10.20.0.5): neither address is the VM's.
    expect(decide(c.host('corp', 'fw', 0, 'in'), tcp('10.1.1.1', '172.16.0.9', 80)).allow).toBe(true);
    expect(decide(c.host('corp', 'fw', 0, 'out'), tcp('10.1.1.1', '192.168.3.3', 80)).allow).toBe(false);
    expect(decide(c.host('corp', 'fw', 0, 'out'), tcp('10.1.1.1', '172.16.0.9', 80)).allow).toBe(true);
  });

  test("GCP-R25: rules and source tags are the network's own; other networks, modes and unknown names compile nothing", () => {
    const other = network({
      name: 'edge',
      provider: 'gcp',
      subnets: [{ name: 'e', cidr: '10.40.0.0/24', region: 'us-central1' }],
      hosts: [{ name: 'web', subnet: 'e', ip: '10.40.0.10', tags: ['web'] }],
      firewallRules: [rule({ name: 'edge-all', allow: [{ protocol: 'all' }], sourceRanges: ['0.0.0.0/0'] })],
    });
    const c = compileFilters(
      stateOf(
        topology({
          firewall: 'rules',
          networks: [
            corp([rule({ name: 'from-web', allow: [{ protocol: 'all' }], sourceTags: ['web'] })]),
            other,
          ],
          peerings: [{ between: ['corp', 'edge'] }],
        }),
      ),
    );
    const plain = c.host('corp', 'plain', 0, 'in');
    expect(decide(plain, tcp('10.20.0.10', '10.20.0.30', 1)).allow).toBe(true);
    expect(decide(plain, tcp('10.40.0.10', '10.20.0.30', 1)).allow).toBe(false); // the peer's `web` VM
    expect(decide(c.host('edge', 'web', 0, 'in'), tcp('10.20.0.30', '10.40.0.10', 1)).rule).toBe('edge-all');
    expect(c.host('corp', 'nobody', 0, 'in')).toBeUndefined();
    expect(c.defaultHost('corp', 'nowhere', 'in')).toBeUndefined();
    const none = compileFilters(stateOf(topology({ networks: [corp([])] })));
    expect(none.host('corp', 'web', 0, 'in')).toBeUndefined();
    const pd = compileFilters(stateOf(topology({ firewall: 'provider-default', networks: [corp([])] })));
    expect(pd.host('corp', 'web', 0, 'in')).toBeUndefined();
    const override = compileFilters(stateOf(topology({ networks: [corp([], { firewall: 'rules' })] })));
    expect(override.mode('corp')).toBe('rules');
    expect(override.host('corp', 'web', 0, 'in')?.defaultRule).toBe('implied-deny-ingress');
  });
});
