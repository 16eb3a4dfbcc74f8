// Over 400 lines: the cases of one subject (filters-errors), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Bad filter input (FILTERS.md "Validation"): every problem names its place, the rule id where a
 * provider rule forbids it, and what to fix; warnings are printed and do not fail. Each case is an
 * edit of the valid fixture, so the failing input is in the case itself.
 */
import { describe, expect, it } from 'vitest';
import { edit, load } from './helpers.js';
import { FILTERED } from './filters-fixture.js';

/** [what, from, to, every problem and warning formatted] */
type Case = readonly [string, string, string, readonly string[]];

const errors: Case[] = [
  [
    'AWS-R36: an instance with no security group',
    'securityGroups: [web-sg] }',
    'securityGroups: [] }',
    [
      'f.yaml:21:72: an AWS network interface has at least one security group — name one (`[default]` is the VPC default group) or remove `securityGroups` [AWS-R36]',
    ],
  ],
  [
    'AWS-R36: an implicit instance with no security group',
    'defaultHost: { securityGroups: [db-sg] }',
    'defaultHost: { securityGroups: [] }',
    [
      'f.yaml:11:71: an AWS network interface has at least one security group — name one (`[default]` is the VPC default group) or remove `securityGroups` [AWS-R36]',
    ],
  ],
  [
    'AWS-R40: a NACL rule number out of range',
    'ruleNumber: 100, protocol: tcp',
    'ruleNumber: 32767, protocol: tcp',
    ['f.yaml:19:34: rule number 32767 is outside 1–32766 — use a number from 1 to 32766 [AWS-R40]'],
  ],
  [
    'AWS-R40: a NACL rule number repeated in a direction',
    'outbound: [ { ruleNumber: 100, protocol: all, cidr: 0.0.0.0/0, action: allow } ]',
    'outbound: [ { ruleNumber: 100, protocol: all, cidr: 0.0.0.0/0, action: allow }, { ruleNumber: 100, protocol: tcp, cidr: 10.0.0.0/8, action: deny } ]',
    [
      'f.yaml:20:103: outbound rule number 100 of network ACL web-acl is used twice (the first at line 20) — number each entry of a direction once [AWS-R40]',
    ],
  ],
  [
    'AWS-R40: two default NACLs',
    '      - name: web-acl\n',
    '      - { name: base, default: true }\n      - name: web-acl\n        default: true\n',
    [
      'f.yaml:20:18: network ACLs base and web-acl are both `default` — a VPC has one default network ACL [AWS-R40]',
    ],
  ],
  [
    'AWS-R35: a rule without a peer',
    '{ protocol: tcp, port: 443, cidr: 0.0.0.0/0 }',
    '{ protocol: tcp, port: 443 }',
    [
      'f.yaml:15:20: a security group rule names its peer — give exactly one of `cidr`, `prefixList`, `securityGroup` [AWS-R35]',
    ],
  ],
  [
    'AWS-R35: a rule with two peers',
    '{ protocol: tcp, port: 443, cidr: 0.0.0.0/0 }',
    '{ protocol: tcp, port: 443, cidr: 0.0.0.0/0, prefixList: corp }',
    [
      'f.yaml:15:77: a security group rule has exactly one peer — remove all but one of `cidr`, `prefixList` [AWS-R35]',
    ],
  ],
  [
    'a port on an all-protocol NACL entry',
    '{ ruleNumber: 100, protocol: all, cidr',
    '{ ruleNumber: 100, protocol: all, port: 80, cidr',
    ['f.yaml:20:61: `port` is for tcp and udp — protocol all has no ports; remove it [AWS-R40]'],
  ],
  [
    'an unknown prefix list',
    'prefixList: corp }',
    'prefixList: crop }',
    ['f.yaml:15:106: unknown prefix list `crop` in network prod — known: corp'],
  ],
  [
    'an unknown security group in a rule',
    'securityGroup: web-sg }',
    'securityGroup: web-sgg }',
    [
      'f.yaml:16:89: unknown security group `web-sgg` in network prod; did you mean `web-sg`? — known: web-sg, db-sg, default',
    ],
  ],
  [
    "a group of another provider's network",
    'securityGroup: web-sg }',
    'securityGroup: hub/web-sg }',
    ['f.yaml:16:89: network hub is an Azure network — name a security group of an AWS network'],
  ],
  [
    'an unknown network ACL',
    'networkAcl: web-acl }',
    'networkAcl: web-ac }',
    ['f.yaml:10:53: unknown network ACL `web-ac` in network prod; did you mean `web-acl`? — known: web-acl'],
  ],
  [
    'an unknown group on an instance',
    'securityGroups: [web-sg] }',
    'securityGroups: [websg] }',
    [
      'f.yaml:21:73: unknown security group `websg` in network prod; did you mean `web-sg`? — known: web-sg, db-sg, default',
    ],
  ],
  [
    'an unknown NSG',
    'networkSecurityGroup: app-nsg }\n      - { name: GatewaySubnet',
    'networkSecurityGroup: ap-nsg }\n      - { name: GatewaySubnet',
    [
      'f.yaml:26:63: unknown network security group `ap-nsg` in network hub; did you mean `app-nsg`? — known: app-nsg',
    ],
  ],
  [
    'AZ-R26: a priority out of range',
    'priority: 200,',
    'priority: 4097,',
    ['f.yaml:32:46: priority 4097 is outside 100–4096 — use a number from 100 to 4096 [AZ-R26]'],
  ],
  [
    'AZ-R26: a priority repeated in a direction',
    'priority: 200,',
    'priority: 100,',
    [
      'f.yaml:32:46: outbound priority 100 of NSG app-nsg is used twice (the first at line 31) — give each rule of a direction its own priority [AZ-R26]',
    ],
  ],
  [
    'AZ-R26: a rule name repeated in an NSG',
    '{ name: deny-internet,',
    '{ name: allow-storage,',
    [
      'f.yaml:32:21: rule name `allow-storage` is used twice in NSG app-nsg (the first at line 31) — rule names are unique in an NSG; rename one [AZ-R26]',
    ],
  ],
  [
    'a misspelt built-in service tag',
    'destination: Internet }',
    'destination: Interne }',
    [
      'f.yaml:32:99: unknown service tag `Interne`; did you mean `Internet`? — known: *, Internet, VirtualNetwork, AzureLoadBalancer, AzureCloud, Storage — declare its prefixes under top-level `serviceTags:` (e.g. `Interne: [20.60.0.0/16]`), or write a CIDR [AZ-R30]',
    ],
  ],
  [
    'an undeclared service tag',
    'destination: Storage,',
    'destination: Sql,',
    [
      'f.yaml:31:115: unknown service tag `Sql` — known: *, Internet, VirtualNetwork, AzureLoadBalancer, AzureCloud, Storage — declare its prefixes under top-level `serviceTags:` (e.g. `Sql: [20.60.0.0/16]`), or write a CIDR [AZ-R30]',
    ],
  ],
  [
    'an undeclared service tag spelt in hex letters',
    'destination: Storage,',
    'destination: Face,',
    [
      'f.yaml:31:115: unknown service tag `Face` — known: *, Internet, VirtualNetwork, AzureLoadBalancer, AzureCloud, Storage — declare its prefixes under top-level `serviceTags:` (e.g. `Face: [20.60.0.0/16]`), or write a CIDR [AZ-R30]',
    ],
  ],
  [
    'a built-in tag declared',
    'Storage: [20.60.0.0/16]',
    'Storage: [20.60.0.0/16]\n  VirtualNetwork: [10.0.0.0/8]',
    [
      'f.yaml:5:3: `VirtualNetwork` is a built-in service tag computed from the topology — remove it from `serviceTags` [AZ-R30]',
    ],
  ],
  [
    'GCP-R26: both allow and deny',
    'deny: [ { protocol: all } ] }',
    'deny: [ { protocol: all } ], allow: [ { protocol: tcp } ] }',
    ['f.yaml:40:100: a firewall rule has `allow` or `deny`, not both — split it into two rules [GCP-R26]'],
  ],
  [
    'GCP-R26: neither allow nor deny',
    'allow: [ { protocol: tcp, ports: ["22"] } ], targetTags',
    'targetTags',
    ['f.yaml:39:9: a firewall rule needs `allow` or `deny` — give exactly one [GCP-R26]'],
  ],
  [
    'GCP-R26: a source on an EGRESS rule',
    'destinationRanges: [10.0.0.0/8]',
    'destinationRanges: [10.0.0.0/8], sourceRanges: [10.0.0.0/8]',
    [
      'f.yaml:40:108: `sourceRanges` is for INGRESS rules — an EGRESS rule matches `destinationRanges`; remove it [GCP-R26]',
    ],
  ],
  [
    'GCP-R26: an INGRESS rule without a source',
    '{ name: allow-ssh, sourceRanges: [0.0.0.0/0],',
    '{ name: allow-ssh,',
    [
      'f.yaml:39:9: an INGRESS rule needs a source — give `sourceRanges`, `sourceTags` or `sourceServiceAccounts` (`sourceRanges: [0.0.0.0/0]` for any) [GCP-R26]',
    ],
  ],
  [
    'GCP-R26: service accounts with tags',
    'targetTags: [web] }',
    'targetServiceAccounts: [a], targetTags: [web] }',
    ['f.yaml:39:123: target service accounts cannot be combined with target tags — use one kind [GCP-R26]'],
  ],
  [
    'GCP-R26: ports on a protocol other than tcp and udp',
    'deny: [ { protocol: all } ]',
    'deny: [ { protocol: sctp, ports: ["1"] } ]',
    ['f.yaml:40:127: ports apply to tcp and udp only — remove `ports` from protocol 132 [GCP-R26]'],
  ],
  [
    'GCP-R26: a priority out of range',
    'priority: 900',
    'priority: 70000',
    ['f.yaml:40:56: priority 70000 is outside 0–65535 — use a number from 0 to 65535 [GCP-R26]'],
  ],
  [
    'GCP-R26: ports on ICMP',
    'deny: [ { protocol: all } ]',
    'deny: [ { protocol: icmp, ports: ["1"] } ]',
    ['f.yaml:40:127: ports apply to tcp and udp only — remove `ports` from protocol icmp [GCP-R26]'],
  ],
  [
    'OS-R19: two remotes in a Neutron rule',
    'remoteGroup: default }',
    'remoteGroup: default, remoteIpPrefix: 10.0.0.0/8 }',
    [
      'f.yaml:50:48: a rule has `remoteIpPrefix` or `remoteGroup`, not both — split it into two rules [OS-R19]',
    ],
  ],
  [
    'an unknown remote group',
    'remoteGroup: default }',
    'remoteGroup: webb }',
    ['f.yaml:50:48: unknown security group `webb` in network lab; did you mean `web`? — known: web, default'],
  ],
  [
    'an unknown group on an OpenStack host',
    'securityGroups: [web, default]',
    'securityGroups: [web, dflt]',
    ['f.yaml:52:85: unknown security group `dflt` in network lab — known: web, default'],
  ],
  [
    'a duplicate security group name',
    '{ name: db-sg, inbound',
    '{ name: web-sg, inbound',
    [
      'f.yaml:11:72: unknown security group `db-sg` in network prod — known: web-sg, default',
      'f.yaml:16:17: duplicate security group name `web-sg` in network prod — the first is at line 14; rename one',
    ],
  ],
  [
    'an unknown protocol',
    'protocol: tcp, port: 443, cidr',
    'protocol: tcpp, port: 443, cidr',
    [
      'f.yaml:15:32: `tcpp` is not a protocol; did you mean `tcp`? — write `tcp`, `udp`, `icmp`, `all` (or `-1`), or a protocol number from 0 to 255',
    ],
  ],
  [
    'a port range that runs backwards',
    'port: 1024-65535',
    'port: 65535-1024',
    ['f.yaml:19:60: the range `65535-1024` runs backwards — write the lower port first (`1024-65535`)'],
  ],
  [
    'a flow port without a protocol',
    'protocol: tcp, port: 443, count: 2',
    'port: 443, count: 2',
    [
      'f.yaml:54:59: `port` needs `protocol: tcp` or `protocol: udp` — add the protocol',
      'f.yaml:54:13: warning: flow group https has no protocol, so only all-protocol rules match it, but network prod filters by protocol — give the flows a `protocol` (and `port`) [FLOW-ANY]',
    ],
  ],
  [
    'a flow port on ICMP',
    'protocol: tcp, port: 443, count: 2',
    'protocol: icmp, port: 443, count: 2',
    ['f.yaml:54:75: `port` is for tcp and udp — an icmp flow has no ports; remove it'],
  ],
  [
    'a misspelt field of a group, with a did-you-mean',
    '{ name: db-sg, inbound:',
    '{ name: db-sg, inbond:',
    ['f.yaml:16:24: unknown field `inbond`; did you mean `inbound`?'],
  ],
];

const wrongProvider: Case[] = [
  [
    'Azure NSGs on an AWS network',
    '    prefixLists: [ { name: corp',
    '    networkSecurityGroups: []\n    prefixLists: [ { name: corp',
    [
      'f.yaml:12:5: `networkSecurityGroups` is not an AWS network field — AWS filters are `securityGroups` (with `inbound`/`outbound`), `networkAcls` and `prefixLists`',
    ],
  ],
  [
    'an OpenStack group on AWS',
    '{ name: db-sg, inbound:',
    '{ name: db-sg, rules: [], inbound:',
    [
      'f.yaml:16:24: `rules` is an OpenStack field — an AWS security group takes: name, inbound, outbound, description, id',
    ],
  ],
  [
    'security groups on an Azure host',
    'ip: 10.1.1.4, networkSecurityGroup: app-nsg',
    'ip: 10.1.1.4, securityGroups: [a]',
    [
      'f.yaml:34:54: `securityGroups` is an AWS and OpenStack field — on Azure a NIC takes one `networkSecurityGroup`',
    ],
  ],
  [
    'a network ACL on an Azure subnet',
    '{ name: app, cidr: 10.1.1.0/24, networkSecurityGroup: app-nsg }',
    '{ name: app, cidr: 10.1.1.0/24, networkAcl: app-nsg }',
    ['f.yaml:26:41: `networkAcl` is an AWS field — on Azure a subnet takes `networkSecurityGroup`'],
  ],
  [
    'an AWS defaultHost field on GCP',
    'defaultHost: { tags: [web] }',
    'defaultHost: { securityGroups: [web] }',
    [
      'f.yaml:37:84: `securityGroups` is an AWS and OpenStack field — a GCP defaultHost takes: tags, serviceAccount',
    ],
  ],
  [
    'an NSG of an AWS network named from Azure',
    'networkSecurityGroup: app-nsg }\n      - { name: GatewaySubnet',
    'networkSecurityGroup: prod/web-sg }\n      - { name: GatewaySubnet',
    ['f.yaml:26:63: network prod is an AWS network — an NSG belongs to an Azure network'],
  ],
];

const warnings: Case[] = [
  [
    'AZ-R32: an NSG on the GatewaySubnet',
    '{ name: GatewaySubnet, cidr: 10.1.255.0/27 }',
    '{ name: GatewaySubnet, cidr: 10.1.255.0/27, networkSecurityGroup: app-nsg }',
    [
      'f.yaml:27:75: warning: an NSG on the GatewaySubnet stops the VPN gateway: it then forwards nothing (profile `azure.gatewaySubnetNsg: breaks`) — remove the NSG from GatewaySubnet [AZ-R32]',
    ],
  ],
  [
    'AWS-R44: more than five groups on an interface',
    'securityGroups: [web-sg] }',
    'securityGroups: [web-sg, db-sg, default, web-sg, db-sg, default] }',
    [
      'f.yaml:21:72: warning: 6 security groups on one network interface — the quota is 5 (adjustable to 16); raise it with AWS or merge groups [AWS-R44]',
    ],
  ],
  [
    'FLOW-ANY: a flow without protocol meets protocol-specific rules',
    'protocol: tcp, port: 443, count: 2',
    'count: 2',
    [
      'f.yaml:54:13: warning: flow group https has no protocol, so only all-protocol rules match it, but network prod filters by protocol — give the flows a `protocol` (and `port`) [FLOW-ANY]',
    ],
  ],
  [
    'FILTERS-OFF: filters under `firewall: none`',
    'firewall: rules',
    'firewall: none',
    [
      'f.yaml:12:5: warning: network prod declares filters, but its firewall is `none`: they are validated, not evaluated — set `firewall: rules` (top level or on the network) to apply them [FILTERS-OFF]',
      'f.yaml:28:5: warning: network hub declares filters, but its firewall is `none`: they are validated, not evaluated — set `firewall: rules` (top level or on the network) to apply them [FILTERS-OFF]',
      'f.yaml:38:5: warning: network corp declares filters, but its firewall is `none`: they are validated, not evaluated — set `firewall: rules` (top level or on the network) to apply them [FILTERS-OFF]',
      'f.yaml:45:5: warning: network lab declares filters, but its firewall is `none`: they are validated, not evaluated — set `firewall: rules` (top level or on the network) to apply them [FILTERS-OFF]',
    ],
  ],
  [
    'FILTERS-OFF: one network switched off by its own `firewall`',
    '    provider: gcp\n',
    '    provider: gcp\n    firewall: none\n',
    [
      'f.yaml:39:5: warning: network corp declares filters, but its firewall is `none`: they are validated, not evaluated — set `firewall: rules` (top level or on the network) to apply them [FILTERS-OFF]',
    ],
  ],
];

describe('bad filter input: located, with the rule id and the fix', () => {
  it.each([...errors, ...wrongProvider])('%s', (_what, from, to, expected) => {
    const r = load(edit(FILTERED, from, to));
    expect(r.lines).toEqual(expected);
    if (r.problems.length > 0) expect(r.scenario).toBeUndefined();
  });
});

describe('filter warnings: printed, the scenario still loads', () => {
  it.each(warnings)('%s', (_what, from, to, expected) => {
    const r = load(edit(FILTERED, from, to));
    expect(r.lines).toEqual(expected);
    expect(r.problems).toEqual([]);
    expect(r.scenario).toBeDefined();
  });
});

describe('OS-R23: one default group per scenario', () => {
  /** The filtered scenario with network lab redefining `default`, and a second network lab2 (`lab2`: its last line). */
  const withLab2 = (lab2: string): string =>
    edit(
      edit(
        FILTERED,
        '    securityGroups:\n      - name: web\n',
        '    securityGroups:\n      - { name: default }\n      - name: web\n',
      ),
      'flows:\n',
      `  - name: lab2\n    provider: openstack\n    subnets: [ { name: s2, cidr: 192.168.20.0/24 } ]\n${lab2}\nflows:\n`,
    );

  it('refuses a second network redefining `default`', () => {
    const text = withLab2('    securityGroups: [ { name: default, rules: [ { direction: egress } ] } ]');
    expect(load(text).lines).toEqual([
      'f.yaml:57:31: the `default` security group is already defined (line 46) — OpenStack networks share one default group (one project); define it once [OS-R23]',
    ]);
  });

  it('accepts one network redefining it and another naming `net/default`', () => {
    const text = withLab2(
      '    hosts: [ { name: h, subnet: s2, ip: 192.168.20.5, securityGroups: [lab/web, lab/default, default] } ]',
    );
    expect(load(text).lines).toEqual([]);
  });
});

describe('AWS-R37: a group of another VPC', () => {
  const shared =
    '  - name: shared\n    provider: aws\n    cidrs: [10.9.0.0/16]\n    securityGroups: [ { name: svc } ]\nflows:\n';
  const text = edit(
    edit(FILTERED, 'flows:\n', shared),
    'securityGroup: web-sg }',
    'securityGroup: shared/svc }',
  );

  it('warns when the VPCs are not peered', () => {
    expect(load(text).lines).toEqual([
      'f.yaml:16:89: warning: network shared is not peered with prod — a rule matches a group of its own or a peered VPC only, so this one matches nothing; peer the VPCs or use a `cidr` [AWS-R37]',
    ]);
  });

  it('accepts it over a peering', () => {
    expect(load(`${text}peerings: [ { between: [prod, shared] } ]\n`).lines).toEqual([]);
  });

  it('refuses an unknown group of the other VPC', () => {
    expect(
      load(`${edit(text, 'shared/svc', 'shared/svcc')}peerings: [ { between: [prod, shared] } ]\n`).lines,
    ).toEqual([
      'f.yaml:16:89: unknown security group `shared/svcc`; did you mean `shared/svc`? — known: shared/svc, shared/default',
    ]);
  });
});

describe('did you mean, in filter vocabularies', () => {
  it.each([
    [
      'protocol: tcp, port: 443, cidr',
      'protocol: udq, port: 443, cidr',
      'f.yaml:15:32: `udq` is not a protocol; did you mean `udp`? — write `tcp`, `udp`, `icmp`, `all` (or `-1`), or a protocol number from 0 to 255',
    ],
    [
      'direction: Outbound, access: Deny',
      'direction: Outbond, access: Deny',
      'f.yaml:32:62: `Outbond` is not a direction; did you mean `Outbound`? — use one of Inbound, Outbound',
    ],
    [
      'firewall: rules',
      'firewall: rule',
      'f.yaml:2:11: the text `rule` is not allowed for `firewall`; did you mean `rules`? — use one of none, provider-default, rules',
    ],
  ])('%s → %s', (from, to, expected) => {
    expect(load(edit(FILTERED, from, to)).lines).toEqual([expected]);
  });
});
