/**
 * Filter changes on the timeline (FILTERS.md "Timeline"): `filterRule.add`, `filterRule.replace`,
 * `filterRule.remove`, `filter.update`, and the filter fields of `host.update` / `subnet.update`,
 * built into the engine's actions with rules normalised as in the topology. The loader refuses
 * what is malformed in itself (a rule invalid on its own, a target of the wrong provider); what
 * depends on the state at that time (a repeated number, a missing name, `securityGroups: []`) is
 * left to the engine, which rejects it.
 */
import { describe, expect, it } from 'vitest';
import { load } from './helpers.js';
import { FILTERED } from './filters-fixture.js';

const withTimeline = (...actions: string[]): string =>
  `${FILTERED}timeline:\n${actions.map((a) => `  - ${a}\n`).join('')}`;

describe('filter actions are built into engine actions', () => {
  it('normalises each rule in its target vocabulary', () => {
    const r = load(
      withTimeline(
        '{ at: 1m, do: filterRule.add, securityGroup: prod/web-sg, direction: inbound, rule: { name: http, protocol: "6", port: 80, cidr: 10.0.0.0/8 } }',
        '{ at: 2m, do: filterRule.replace, networkAcl: prod/web-acl, direction: outbound, rule: { ruleNumber: 100, protocol: -1, cidr: 0.0.0.0/0, action: deny } }',
        '{ at: 3m, do: filterRule.add, networkSecurityGroup: hub/app-nsg, rule: { name: x, priority: 300, direction: inbound, access: deny, source: Internet } }',
        '{ at: 4m, do: filterRule.add, network: corp, rule: { name: dns, allow: [ { protocol: udp, ports: [53] } ], sourceTags: [web] } }',
        '{ at: 5m, do: filterRule.add, securityGroup: lab/web, rule: { direction: ingress, protocol: "17", portRangeMin: 53, portRangeMax: 53 } }',
      ),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario?.timeline).toEqual([
      {
        at: 60,
        do: 'filterRule.add',
        securityGroup: 'prod/web-sg',
        direction: 'inbound',
        rule: { name: 'http', protocol: 'tcp', port: { lo: 80, hi: 80 }, cidr: '10.0.0.0/8' },
      },
      {
        at: 120,
        do: 'filterRule.replace',
        networkAcl: 'prod/web-acl',
        direction: 'outbound',
        rule: { ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'deny' },
      },
      {
        at: 180,
        do: 'filterRule.add',
        networkSecurityGroup: 'hub/app-nsg',
        rule: {
          name: 'x',
          priority: 300,
          direction: 'Inbound',
          access: 'Deny',
          protocol: '*',
          source: ['Internet'],
          destination: ['*'],
          sourcePorts: [{ lo: 0, hi: 65535 }],
          destinationPorts: [{ lo: 0, hi: 65535 }],
        },
      },
      {
        at: 240,
        do: 'filterRule.add',
        network: 'corp',
        rule: {
          name: 'dns',
          direction: 'INGRESS',
          priority: 1000,
          allow: [{ protocol: 'udp', ports: [{ lo: 53, hi: 53 }] }],
          sourceTags: ['web'],
        },
      },
      {
        at: 300,
        do: 'filterRule.add',
        securityGroup: 'lab/web',
        rule: { direction: 'ingress', protocol: 'udp', portRangeMin: 53, portRangeMax: 53 },
      },
    ]);
  });

  it('builds removals by name, number or rule, and `filter.update`', () => {
    const r = load(
      withTimeline(
        '{ at: 1m, do: filterRule.remove, networkSecurityGroup: hub/app-nsg, name: deny-internet }',
        '{ at: 2m, do: filterRule.remove, networkAcl: prod/web-acl, direction: inbound, ruleNumber: 100 }',
        '{ at: 3m, do: filterRule.remove, securityGroup: prod/web-sg, direction: inbound, rule: { protocol: tcp, port: 443, cidr: 0.0.0.0/0 } }',
        '{ at: 4m, do: filter.update, securityGroup: lab/web, set: { stateful: true } }',
      ),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario?.timeline).toEqual([
      { at: 60, do: 'filterRule.remove', networkSecurityGroup: 'hub/app-nsg', name: 'deny-internet' },
      { at: 120, do: 'filterRule.remove', networkAcl: 'prod/web-acl', direction: 'inbound', ruleNumber: 100 },
      {
        at: 180,
        do: 'filterRule.remove',
        securityGroup: 'prod/web-sg',
        direction: 'inbound',
        rule: { protocol: 'tcp', port: { lo: 443, hi: 443 }, cidr: '0.0.0.0/0' },
      },
      { at: 240, do: 'filter.update', securityGroup: 'lab/web', set: { stateful: true } },
    ]);
  });

  it('accepts filter associations in host.update and subnet.update', () => {
    const r = load(
      withTimeline(
        '{ at: 1m, do: host.update, host: prod/web1, set: { securityGroups: [db-sg, default] } }',
        '{ at: 2m, do: subnet.update, subnet: prod/web, set: { networkAcl: web-acl, defaultHost: { securityGroups: [web-sg] } } }',
        '{ at: 3m, do: subnet.update, subnet: hub/app, set: { networkSecurityGroup: app-nsg } }',
        '{ at: 4m, do: host.update, host: hub/vm1, set: { networkSecurityGroup: app-nsg } }',
        '{ at: 5m, do: host.update, host: corp/vm1, set: { tags: [a], serviceAccount: b } }',
        '{ at: 6m, do: host.update, host: lab/web1, set: { securityGroups: [web] } }',
      ),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario?.timeline.map((a) => ('set' in a ? a.set : undefined))).toEqual([
      { securityGroups: ['db-sg', 'default'] },
      { networkAcl: 'web-acl', defaultHost: { securityGroups: ['web-sg'] } },
      { networkSecurityGroup: 'app-nsg' },
      { networkSecurityGroup: 'app-nsg' },
      { tags: ['a'], serviceAccount: 'b' },
      { securityGroups: ['web'] },
    ]);
  });

  it('lets state-dependent refusals through to the engine (AWS-R36, AWS-R40, replace of a missing name)', () => {
    const r = load(
      withTimeline(
        '{ at: 1m, do: host.update, host: prod/web1, set: { securityGroups: [] } }',
        '{ at: 2m, do: filterRule.add, networkAcl: prod/web-acl, direction: inbound, rule: { ruleNumber: 100, protocol: tcp, cidr: 10.0.0.0/8, action: deny } }',
        '{ at: 3m, do: filterRule.replace, networkSecurityGroup: hub/app-nsg, rule: { name: nope, priority: 100, direction: Inbound, access: Deny } }',
        '{ at: 4m, do: filterRule.remove, network: corp, name: nope }',
      ),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario?.timeline).toHaveLength(4);
  });
});

/** [what, action, every problem formatted] */
type Case = readonly [string, string, readonly string[]];

const refused: Case[] = [
  [
    'an AWS group without a direction',
    '{ at: 1m, do: filterRule.add, securityGroup: prod/web-sg, rule: { protocol: tcp, cidr: 10.0.0.0/8 } }',
    [
      'f.yaml:56:5: missing `direction` — an AWS security group rule is `inbound` or `outbound`; add `direction:`',
    ],
  ],
  [
    'an unknown target group',
    '{ at: 1m, do: filterRule.add, securityGroup: prod/web-sgx, direction: inbound, rule: { protocol: tcp, cidr: 10.0.0.0/8 } }',
    [
      'f.yaml:56:50: unknown security group `prod/web-sgx`; did you mean `prod/web-sg`? — known: prod/web-sg, prod/db-sg, prod/default',
    ],
  ],
  [
    'AWS-R35 in a timeline rule',
    '{ at: 1m, do: filterRule.add, securityGroup: prod/web-sg, direction: inbound, rule: { protocol: tcp, port: 80 } }',
    [
      'f.yaml:56:89: a security group rule names its peer — give exactly one of `cidr`, `prefixList`, `securityGroup` [AWS-R35]',
    ],
  ],
  [
    'an Azure target on an AWS network',
    '{ at: 1m, do: filterRule.add, networkSecurityGroup: prod/web-sg, rule: { protocol: tcp } }',
    [
      'f.yaml:56:35: `networkSecurityGroup` is not a filter of an AWS network (prod) — on AWS name `securityGroup: net/sg` or `networkAcl: net/acl` with `direction`',
    ],
  ],
  [
    'a GCP target on an AWS network',
    '{ at: 1m, do: filterRule.add, network: prod, rule: { name: x } }',
    [
      'f.yaml:56:35: `network` is not a filter of an AWS network (prod) — on AWS name `securityGroup: net/sg` or `networkAcl: net/acl` with `direction`',
    ],
  ],
  [
    'AWS-R40: a NACL entry number out of range',
    '{ at: 1m, do: filterRule.add, networkAcl: prod/web-acl, direction: inbound, rule: { ruleNumber: 0, protocol: tcp, cidr: 10.0.0.0/8, action: allow } }',
    ['f.yaml:56:101: rule number 0 is outside 1–32766 — use a number from 1 to 32766 [AWS-R40]'],
  ],
  [
    'GCP-R26 in a timeline rule',
    '{ at: 1m, do: filterRule.add, network: corp, rule: { name: x, allow: [ { protocol: udp } ], deny: [ { protocol: tcp } ], sourceRanges: [0.0.0.0/0] } }',
    ['f.yaml:56:103: a firewall rule has `allow` or `deny`, not both — split it into two rules [GCP-R26]'],
  ],
  [
    'OS-R19 in a timeline rule, and a direction on a Neutron target',
    '{ at: 1m, do: filterRule.add, securityGroup: lab/web, direction: inbound, rule: { direction: ingress, remoteGroup: web, remoteIpPrefix: 10.0.0.0/8 } }',
    [
      'f.yaml:56:59: `direction` is for AWS targets — a Neutron rule carries its own (`rule: { direction: ingress }`); remove it',
      'f.yaml:56:120: a rule has `remoteIpPrefix` or `remoteGroup`, not both — split it into two rules [OS-R19]',
    ],
  ],
  [
    'AZ-R26 in a timeline rule',
    '{ at: 1m, do: filterRule.add, networkSecurityGroup: hub/app-nsg, rule: { name: x, priority: 50, direction: Inbound, access: Deny } }',
    ['f.yaml:56:97: priority 50 is outside 100–4096 — use a number from 100 to 4096 [AZ-R26]'],
  ],
  [
    'an undeclared service tag in a timeline rule',
    '{ at: 1m, do: filterRule.add, networkSecurityGroup: hub/app-nsg, rule: { name: x, priority: 300, direction: Inbound, access: Deny, source: Sql } }',
    [
      'f.yaml:56:144: unknown service tag `Sql` — known: *, Internet, VirtualNetwork, AzureLoadBalancer, AzureCloud, Storage — declare its prefixes under top-level `serviceTags:` (e.g. `Sql: [20.60.0.0/16]`), or write a CIDR [AZ-R30]',
    ],
  ],
  [
    'an unknown prefix list in a timeline rule',
    '{ at: 1m, do: filterRule.add, securityGroup: prod/web-sg, direction: inbound, rule: { protocol: tcp, prefixList: corpp } }',
    ['f.yaml:56:118: unknown prefix list `corpp` in network prod; did you mean `corp`? — known: corp'],
  ],
  [
    'a NACL entry removed by name',
    '{ at: 1m, do: filterRule.remove, networkAcl: prod/web-acl, direction: inbound, name: x }',
    ['f.yaml:56:84: a network ACL entry has no name — name it by `ruleNumber`'],
  ],
  [
    'a removal naming nothing',
    '{ at: 1m, do: filterRule.remove, networkAcl: prod/web-acl, direction: inbound }',
    ['f.yaml:56:5: a rule to remove is named by one of `ruleNumber` or `rule` — add one'],
  ],
  [
    'filter.update on an NSG',
    '{ at: 1m, do: filter.update, networkSecurityGroup: hub/app-nsg, set: { stateful: true } }',
    [
      'f.yaml:56:74: `filter.update` changes an OpenStack security group (`set: { stateful }`) — other filters change rule by rule with `filterRule.*`',
    ],
  ],
  [
    'a misspelt filter.update field',
    '{ at: 1m, do: filter.update, securityGroup: lab/web, set: { statefull: true } }',
    ['f.yaml:56:65: unknown field `statefull`; did you mean `stateful`?'],
  ],
  [
    'two targets',
    '{ at: 1m, do: filterRule.add, securityGroup: prod/web-sg, network: corp, direction: inbound, rule: { protocol: tcp, cidr: 10.0.0.0/8 } }',
    [
      'f.yaml:56:5: a filter action names one filter: `securityGroup`, `networkAcl`, `networkSecurityGroup` or `network` — remove all but one of securityGroup, network',
    ],
  ],
  [
    'an unknown group in host.update',
    '{ at: 1m, do: host.update, host: prod/web1, set: { securityGroups: [nope] } }',
    ['f.yaml:56:73: unknown security group `nope` in network prod — known: web-sg, db-sg, default'],
  ],
  [
    'an unknown NACL in subnet.update',
    '{ at: 1m, do: subnet.update, subnet: prod/web, set: { networkAcl: nope } }',
    ['f.yaml:56:71: unknown network ACL `nope` in network prod — known: web-acl'],
  ],
  [
    'security groups on an Azure host.update',
    '{ at: 1m, do: host.update, host: hub/vm1, set: { securityGroups: [x] } }',
    [
      'f.yaml:56:54: `securityGroups` is an AWS and OpenStack field — on Azure a NIC takes one `networkSecurityGroup`',
    ],
  ],
];

describe('filter actions refused by the loader', () => {
  it.each(refused)('%s', (_what, action, expected) => {
    const r = load(withTimeline(action));
    expect(r.lines).toEqual(expected);
    expect(r.scenario).toBeUndefined();
  });

  it('warns of an NSG put on the GatewaySubnet by subnet.update (AZ-R32)', () => {
    const r = load(
      withTimeline(
        '{ at: 1m, do: subnet.update, subnet: hub/GatewaySubnet, set: { networkSecurityGroup: app-nsg } }',
      ),
    );
    expect(r.lines).toEqual([
      'f.yaml:56:90: warning: an NSG on the GatewaySubnet stops the VPN gateway: it then forwards nothing (profile `azure.gatewaySubnetNsg: breaks`) — remove the NSG from GatewaySubnet [AZ-R32]',
    ]);
    expect(r.scenario).toBeDefined();
  });
});
