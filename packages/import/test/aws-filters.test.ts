/**
 * `import aws` of filters (FILTERS.md "Importers", AWS-R34..R40) on a hand-written fixture that
 * carries each trap: an SG permission with several ranges, an IPv6 range, a prefix list (known and
 * not) and a peered VPC's group; SG `IpProtocol` names and `-1` against NACL `Protocol` numbers;
 * ICMP type/code in `FromPort`/`ToPort`; the implicit 32767/32768 entries; a subnet in no NACL's
 * Associations; interface groups, one of them not in the input; a NAT-gateway interface.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAws } from '@cloudroute/import';
import { fixtureFiles, scenarioOf } from './helpers.js';

type Doc = Record<string, unknown>;
const files = fixtureFiles('aws-filters');
const result = importAws(files);
const warnings = result.warnings.map(formatWarning);
const networks = result.document['networks'] as Doc[];
const net = (name: string): Doc => networks.find((n) => n['name'] === name)!;
const list = (d: Doc, key: string): Doc[] => (d[key] as Doc[] | undefined) ?? [];
const sg = (n: string, g: string): Doc => list(net(n), 'securityGroups').find((x) => x['name'] === g)!;
const acl = (n: string, a: string): Doc => list(net(n), 'networkAcls').find((x) => x['name'] === a)!;

describe('import aws: security groups (describe-security-groups)', () => {
  it('one rule per IpRanges, Ipv6Ranges, PrefixListIds and UserIdGroupPairs entry; ports as n or lo-hi', () => {
    expect(sg('app', 'web-servers')['inbound']).toEqual([
      { protocol: 'tcp', port: 443, cidr: '0.0.0.0/0' },
      { protocol: 'tcp', port: 443, cidr: '198.51.100.0/24' },
      { protocol: 'tcp', port: 443, cidr: '::/0' },
      { protocol: 'tcp', port: 443, prefixList: 'corp-offices' },
      { protocol: 'tcp', port: '1024-65535', cidr: '10.20.0.0/16' },
      // AWS-R37: a peered VPC's group is `net/sg`.
      { protocol: 'tcp', port: 22, securityGroup: 'shared/db' },
      // ICMP FromPort/ToPort are type and code; -1 is all (not written).
      { protocol: 'icmp', icmpType: 8, cidr: '10.0.0.0/8' },
      { protocol: 'icmp', icmpType: 3, icmpCode: 4, cidr: '0.0.0.0/0' },
    ]);
  });

  it('IpProtocol "-1" is all, a number stays a number; a same-VPC group is referenced by name', () => {
    expect(sg('app', 'db')['inbound']).toEqual([
      { protocol: 'tcp', port: 5432, securityGroup: 'web-servers' },
      { protocol: 50, cidr: '10.10.0.0/16' },
    ]);
    expect(sg('app', 'db')['outbound']).toEqual([{ protocol: 'all', cidr: '0.0.0.0/0' }]);
    // The default group's self-reference.
    expect(sg('app', 'default')['inbound']).toEqual([{ protocol: 'all', securityGroup: 'default' }]);
  });

  it('an empty IpPermissionsEgress is written `outbound: []` (no egress), not left to the default', () => {
    expect(sg('app', 'web-servers')['outbound']).toEqual([]);
    expect(result.text).toMatch(/^ {8}outbound: \[\]$/m);
  });

  it('names: GroupName made valid, `default` stays `default`, the same GroupName in two VPCs, ids kept', () => {
    expect(list(net('app'), 'securityGroups').map((g) => [g['name'], g['id']])).toEqual([
      ['default', 'sg-0appdefault'],
      ['web-servers', 'sg-0web'],
      ['db', 'sg-0db'],
    ]);
    expect(list(net('shared'), 'securityGroups').map((g) => [g['name'], g['id']])).toEqual([
      ['default', 'sg-0shareddefault'],
      ['db', 'sg-0tools'],
    ]);
  });

  it('the prefix list a rule names is declared with its CIDRs; one without CIDRs is warned and its rule skipped', () => {
    expect(net('app')['prefixLists']).toEqual([
      { name: 'corp-offices', id: 'pl-0corp', cidrs: ['192.168.0.0/16', '172.16.5.0/24'] },
    ]);
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /SecurityGroups\.json: \$\.SecurityGroups\[1\]\.IpPermissions\[5\]: security group sg-0web: prefix list pl-0unknown has no CIDRs in the input — rule skipped/,
      ),
    );
    expect(JSON.stringify(sg('app', 'web-servers'))).not.toContain('udp');
  });

  it("hosts get their interfaces' groups; a group not in the input is warned; a NAT-gateway interface is no host", () => {
    const hosts = list(net('app'), 'hosts').map((h) => [h['name'], h['securityGroups']]);
    expect(hosts).toEqual([
      ['web1', ['web-servers']],
      ['db1', ['db', 'default']],
      // Its only group is not in the input: no `securityGroups` (AWS-R36 forbids []): the default.
      ['ops1', undefined],
      // A load balancer's interface lists no group: no `securityGroups` either, with a warning.
      ['eni-0nlb', undefined],
    ]);
    expect(list(net('shared'), 'hosts').map((h) => h['securityGroups'])).toEqual([['db']]);
    expect(warnings).toContainEqual(
      expect.stringContaining('network interface eni-0ops1: security group sg-0gone not in the input'),
    );
    expect(warnings).toContainEqual(
      "aws-filters/NetworkInterfaces.json: $.NetworkInterfaces[4]: network interface eni-0nlb lists no security group — written without `securityGroups`, so it is in its VPC's default group [AWS-R36]",
    );
    expect(JSON.stringify(result.document)).not.toContain('10.10.1.99');
  });
});

describe('import aws: network ACLs (describe-network-acls)', () => {
  it('Protocol number strings, PortRange, IcmpTypeCode, Egress; in rule-number order; 32767/32768 not written', () => {
    expect(acl('app', 'db-acl')).toEqual({
      name: 'db-acl',
      id: 'acl-0db',
      inbound: [
        { ruleNumber: 100, protocol: 'tcp', port: 5432, cidr: '10.20.0.0/16', action: 'deny' },
        { ruleNumber: 110, protocol: 'tcp', port: 5432, cidr: '10.10.1.0/24', action: 'allow' },
        { ruleNumber: 120, protocol: 'icmp', icmpType: 8, cidr: '10.10.0.0/16', action: 'allow' },
      ],
      outbound: [
        { ruleNumber: 100, protocol: 'tcp', port: '1024-65535', cidr: '10.10.0.0/16', action: 'allow' },
        { ruleNumber: 200, protocol: 'udp', port: 53, cidr: '0.0.0.0/0', action: 'allow' },
      ],
    });
    const def = acl('app', 'acl-0appdefault');
    expect(def['default']).toBe(true);
    expect(def['inbound']).toEqual([
      { ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' },
    ]);
    expect(result.text).not.toMatch(/3276[78]/);
  });

  it("Associations give the subnets' networkAcl; a subnet in none gets the default NACL, with a warning", () => {
    expect(list(net('app'), 'subnets').map((s) => [s['name'], s['networkAcl']])).toEqual([
      ['web', 'acl-0appdefault'],
      ['db', 'db-acl'],
      ['ops', 'acl-0appdefault'],
    ]);
    expect(warnings).toContainEqual(
      "subnet subnet-0ops is in no network ACL's Associations: it uses vpc-0app's default network ACL acl-0appdefault [AWS-R40]",
    );
  });
});

describe('import aws: the scenario with filters', () => {
  it('says `firewall: rules` at the top, noted once; no "not modelled" note for groups and ACLs', () => {
    expect(result.document['firewall']).toBe('rules');
    expect(result.text).toMatch(/^horizon: 1h\nfirewall: rules\nnetworks:/m);
    expect(warnings.filter((w) => w.startsWith('filters imported'))).toEqual([
      'filters imported (5 security groups, 3 network ACLs): `firewall: rules` written, so flows are evaluated with them — set `firewall: none` to see routing alone',
    ]);
    expect(warnings.join('\n')).not.toMatch(/not modelled/);
  });

  it('validates, and the loaded topology has the groups, ACLs and associations', () => {
    const sc = scenarioOf(result.text);
    expect(sc.firewall).toBe('rules');
    const app = sc.topology.networks.find((n) => n.name === 'app')!;
    expect(app.securityGroups?.map((g) => g.name)).toEqual(['default', 'web-servers', 'db']);
    expect(app.networkAcls?.map((a) => a.name)).toEqual(['acl-0appdefault', 'db-acl']);
    expect(app.subnets.find((s) => s.name === 'db')?.networkAcl).toBe('db-acl');
    expect(app.hosts.find((h) => h.name === 'db1')?.securityGroups).toEqual(['db', 'default']);
  });

  it('an export without groups or ACLs is written as before: no `firewall`', () => {
    const plain = importAws(fixtureFiles('aws-public-subnet'));
    expect(plain.document['firewall']).toBeUndefined();
    expect(plain.text).not.toMatch(/firewall|securityGroups|networkAcl/);
  });
});
