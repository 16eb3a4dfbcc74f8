// Over 400 lines: the cases of one subject (filters-reducer), one describe block per rule or concern; a split would scatter one rule book section.
import { describe, expect, it } from 'vitest';
import type { NetworkState, NsgRule } from '@cloudroute/model';
import type { Transition } from '../src/index.js';
import { initialState } from '../src/index.js';
import { profile } from './fixtures.js';
import { apply, filtered, net, nsgRule, state } from './filters-fixtures.js';

function refused(t: Transition, rule: string, before: NetworkState, message?: RegExp): void {
  expect(t.rejections.map((r) => r.rule)).toEqual([rule]);
  expect(t.applied).toBe(false);
  expect(t.state).toBe(before);
  expect(t.rejections[0]?.index).toBe(3);
  if (message) expect(t.rejections[0]?.message).toMatch(message);
}

function applied(t: Transition): NetworkState {
  expect(t.rejections).toEqual([]);
  expect(t.applied).toBe(true);
  return t.state;
}

const sg = (s: NetworkState, netName: string, name: string) =>
  net(s, netName).securityGroups?.find((g) => g.name === name);
const acl = (s: NetworkState, name: string) => net(s, 'prod').networkAcls?.find((a) => a.name === name);
const nsg = (s: NetworkState, name: string) =>
  net(s, 'hub').networkSecurityGroups?.find((g) => g.name === name);

describe('filterRule on AWS security groups (AWS-R35)', () => {
  it('add appends to the direction given; the other direction and the old state are untouched', () => {
    const s = state();
    const rule = { protocol: 'tcp' as const, port: { lo: 8080, hi: 8080 }, cidr: '10.0.0.0/16' };
    const t = apply(s, { do: 'filterRule.add', securityGroup: 'prod/web-sg', direction: 'inbound', rule });
    const next = applied(t);
    expect(sg(next, 'prod', 'web-sg')?.inbound).toHaveLength(3);
    expect(sg(next, 'prod', 'web-sg')?.inbound?.[2]).toEqual(rule);
    expect(sg(next, 'prod', 'web-sg')?.outbound).toEqual(sg(s, 'prod', 'web-sg')?.outbound);
    expect(sg(s, 'prod', 'web-sg')?.inbound).toHaveLength(2);
    // Filters change no route: nothing to recompile in the forwarding plane.
    expect(t.touched).toEqual([]);

    const out = applied(
      apply(s, { do: 'filterRule.add', securityGroup: 'prod/db-sg', direction: 'outbound', rule }),
    );
    expect(sg(out, 'prod', 'db-sg')?.outbound).toEqual([rule]);
  });

  it('replace matches the name; remove by name or by a rule equal to an unnamed one', () => {
    const s = state();
    const ssh = { name: 'ssh', protocol: 'tcp' as const, port: { lo: 22, hi: 22 }, cidr: '192.168.0.0/16' };
    const r1 = applied(
      apply(s, { do: 'filterRule.replace', securityGroup: 'prod/web-sg', direction: 'inbound', rule: ssh }),
    );
    expect(sg(r1, 'prod', 'web-sg')?.inbound?.[1]).toEqual(ssh);

    const r2 = applied(
      apply(s, { do: 'filterRule.remove', securityGroup: 'prod/web-sg', direction: 'inbound', name: 'ssh' }),
    );
    expect(sg(r2, 'prod', 'web-sg')?.inbound?.map((r) => r.name ?? r.cidr)).toEqual(['0.0.0.0/0']);

    // Key order and absent fields do not matter to the equality.
    const r3 = applied(
      apply(s, {
        do: 'filterRule.remove',
        securityGroup: 'prod/web-sg',
        direction: 'inbound',
        rule: { cidr: '0.0.0.0/0', port: { hi: 443, lo: 443 }, protocol: 'tcp' },
      }),
    );
    expect(sg(r3, 'prod', 'web-sg')?.inbound?.map((r) => r.name)).toEqual(['ssh']);
  });

  it('AWS-R35: a group without an outbound list keeps its allow-all rule when one is added', () => {
    const s = state();
    const rule = { protocol: 'tcp' as const, port: { lo: 443, hi: 443 }, cidr: '10.0.0.0/8' };
    const a = applied(
      apply(s, { do: 'filterRule.add', securityGroup: 'prod/app-sg', direction: 'outbound', rule }),
    );
    expect(sg(a, 'prod', 'app-sg')?.outbound).toEqual([{ protocol: 'all', cidr: '0.0.0.0/0' }, rule]);
    const r = applied(
      apply(s, {
        do: 'filterRule.remove',
        securityGroup: 'prod/app-sg',
        direction: 'outbound',
        rule: { protocol: 'all', cidr: '0.0.0.0/0' },
      }),
    );
    expect(sg(r, 'prod', 'app-sg')?.outbound).toEqual([]);
  });

  it('a missing rule, group, name or direction is rejected, never thrown', () => {
    const s = state();
    const rule = { protocol: 'tcp' as const, cidr: '10.0.0.0/8' };
    refused(
      apply(s, { do: 'filterRule.remove', securityGroup: 'prod/web-sg', direction: 'inbound', name: 'nope' }),
      'not-found',
      s,
      /no rule nope/,
    );
    refused(
      apply(s, {
        do: 'filterRule.remove',
        securityGroup: 'prod/web-sg',
        direction: 'outbound',
        rule: { protocol: 'tcp', cidr: '0.0.0.0/0' },
      }),
      'not-found',
      s,
    );
    refused(
      apply(s, {
        do: 'filterRule.replace',
        securityGroup: 'prod/web-sg',
        direction: 'inbound',
        rule: { ...rule, name: 'x' },
      }),
      'not-found',
      s,
    );
    refused(
      apply(s, { do: 'filterRule.replace', securityGroup: 'prod/web-sg', direction: 'inbound', rule }),
      'invalid-value',
      s,
      /by name/,
    );
    refused(
      apply(s, { do: 'filterRule.add', securityGroup: 'prod/nope-sg', direction: 'inbound', rule }),
      'not-found',
      s,
    );
    refused(
      apply(s, { do: 'filterRule.add', securityGroup: 'prod/web-sg', rule }),
      'invalid-target',
      s,
      /direction/,
    );
    refused(
      apply(s, { do: 'filterRule.add', securityGroup: 'hub/app-nsg', direction: 'inbound', rule }),
      'invalid-target',
      s,
    );
    refused(
      apply(s, {
        do: 'filterRule.add',
        securityGroup: 'prod/web-sg',
        direction: 'inbound',
        rule: { protocol: 'tcp', port: { lo: 443, hi: 443 }, cidr: '0.0.0.0/0' },
      }),
      'already-exists',
      s,
    );
  });

  it('AWS-R35: a rule needs exactly one peer; AWS-R37/R38: referenced groups and lists must exist', () => {
    const s = state();
    const add = (rule: object) =>
      apply(s, {
        do: 'filterRule.add',
        securityGroup: 'prod/db-sg',
        direction: 'inbound',
        rule: rule as { protocol: 'tcp' },
      });
    refused(add({ protocol: 'tcp', cidr: '10.0.0.0/8', securityGroup: 'web-sg' }), 'AWS-R35', s);
    refused(add({ protocol: 'tcp' }), 'AWS-R35', s);
    refused(add({ protocol: 'tcp', prefixList: 'nope' }), 'not-found', s, /prefix list/);
    refused(add({ protocol: 'tcp', prefixList: 'shared/corp' }), 'not-found', s, /prefix list/);
    applied(add({ protocol: 'tcp', prefixList: 'prod/corp' }));
    refused(add({ protocol: 'tcp', securityGroup: 'nope' }), 'not-found', s);
    refused(add({ protocol: 'tcp', securityGroup: 'hub/app-nsg' }), 'not-found', s);
    applied(add({ protocol: 'tcp', securityGroup: 'shared/svc-sg' })); // a peered VPC's group
    applied(add({ protocol: 'tcp', securityGroup: 'default' }));
  });

  it('AWS-R36: the default group is implicit; a change writes it with its documented rules first', () => {
    const s = state();
    const rule = { name: 'mgmt', protocol: 'tcp' as const, port: { lo: 22, hi: 22 }, cidr: '10.0.0.0/8' };
    const next = applied(
      apply(s, { do: 'filterRule.add', securityGroup: 'prod/default', direction: 'inbound', rule }),
    );
    expect(sg(next, 'prod', 'default')).toEqual({
      name: 'default',
      inbound: [{ protocol: 'all', securityGroup: 'default' }, rule],
      outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
    });
    expect(sg(s, 'prod', 'default')).toBeUndefined();
  });

  it('AWS-R44: more than 60 rules in a direction is a warning, not a refusal', () => {
    let s = state();
    for (let p = 1; p <= 58; p++) {
      s = applied(
        apply(s, {
          do: 'filterRule.add',
          securityGroup: 'prod/web-sg',
          direction: 'inbound',
          rule: { protocol: 'tcp', port: { lo: 1000 + p, hi: 1000 + p }, cidr: '10.0.0.0/8' },
        }),
      );
    }
    const t = apply(s, {
      do: 'filterRule.add',
      securityGroup: 'prod/web-sg',
      direction: 'inbound',
      rule: { protocol: 'udp', cidr: '10.0.0.0/8' },
    });
    applied(t);
    expect(t.notes.map((n) => [n.rule, n.severity])).toEqual([['AWS-R44', 'warning']]);
  });
});

describe('filterRule on AWS network ACLs (AWS-R40)', () => {
  const entry = {
    ruleNumber: 150,
    protocol: 'tcp' as const,
    port: { lo: 22, hi: 22 },
    cidr: '0.0.0.0/0',
    action: 'deny' as const,
  };

  it('add keeps number order; replace and remove match ruleNumber', () => {
    const s = state();
    const a = applied(
      apply(s, { do: 'filterRule.add', networkAcl: 'prod/web-acl', direction: 'inbound', rule: entry }),
    );
    expect(acl(a, 'web-acl')?.inbound.map((e) => e.ruleNumber)).toEqual([100, 150, 200]);
    expect(acl(a, 'web-acl')?.outbound).toEqual(acl(s, 'web-acl')?.outbound);

    const r = applied(
      apply(a, {
        do: 'filterRule.replace',
        networkAcl: 'prod/web-acl',
        direction: 'inbound',
        rule: { ...entry, action: 'allow' },
      }),
    );
    expect(acl(r, 'web-acl')?.inbound[1]?.action).toBe('allow');

    const d = applied(
      apply(a, {
        do: 'filterRule.remove',
        networkAcl: 'prod/web-acl',
        direction: 'inbound',
        ruleNumber: 100,
      }),
    );
    expect(acl(d, 'web-acl')?.inbound.map((e) => e.ruleNumber)).toEqual([150, 200]);
    refused(
      apply(s, {
        do: 'filterRule.remove',
        networkAcl: 'prod/web-acl',
        direction: 'outbound',
        ruleNumber: 200,
      }),
      'not-found',
      s,
    );
    refused(
      apply(s, { do: 'filterRule.replace', networkAcl: 'prod/web-acl', direction: 'inbound', rule: entry }),
      'not-found',
      s,
    );
  });

  it('AWS-R40: a number out of 1-32766, or already used in that direction, is rejected', () => {
    const s = state();
    const add = (ruleNumber: number, direction: 'inbound' | 'outbound' = 'inbound') =>
      apply(s, {
        do: 'filterRule.add',
        networkAcl: 'prod/web-acl',
        direction,
        rule: { ...entry, ruleNumber },
      });
    refused(add(0), 'AWS-R40', s, /out of range/);
    refused(add(32767), 'AWS-R40', s, /out of range/);
    refused(add(200), 'AWS-R40', s, /already used/);
    applied(add(200, 'outbound')); // numbers are per direction
    applied(add(32766));
    refused(
      apply(s, {
        do: 'filterRule.replace',
        networkAcl: 'prod/web-acl',
        direction: 'inbound',
        rule: { ...entry, ruleNumber: 100, port: { lo: 2, hi: 1 } },
      }),
      'AWS-R40',
      s,
    );
  });

  it('AWS-R44: more than 20 entries in a direction, the * rule counted, is a warning', () => {
    let s = state();
    let t = apply(s, {
      do: 'filterRule.add',
      networkAcl: 'prod/web-acl',
      direction: 'outbound',
      rule: entry,
    });
    // 1 declared + 18 added + * = 20 rules: the default quota, no warning.
    for (let n = 1; n <= 18; n++) {
      s = applied(t);
      expect(t.notes).toEqual([]);
      t = apply(s, {
        do: 'filterRule.add',
        networkAcl: 'prod/web-acl',
        direction: 'outbound',
        rule: { ...entry, ruleNumber: 1000 + n },
      });
    }
    applied(t);
    expect(t.notes.map((n) => [n.rule, n.severity])).toEqual([['AWS-R44', 'warning']]);
  });

  it('the default NACL is implicit: an allow-all rule 100 written on first change', () => {
    const s = state();
    const next = applied(
      apply(s, { do: 'filterRule.add', networkAcl: 'prod/default', direction: 'outbound', rule: entry }),
    );
    const all = { ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' };
    expect(acl(next, 'default')).toEqual({
      name: 'default',
      default: true,
      inbound: [all],
      outbound: [all, entry],
    });
    refused(
      apply(s, { do: 'filterRule.add', networkAcl: 'prod/nope', direction: 'outbound', rule: entry }),
      'not-found',
      s,
    );
    refused(
      apply(s, { do: 'filterRule.add', networkAcl: 'corp/x', direction: 'outbound', rule: entry }),
      'invalid-target',
      s,
    );
  });
});

describe('filterRule on Azure NSGs (AZ-R26)', () => {
  it('add, replace and remove by name', () => {
    const s = state();
    const a = applied(
      apply(s, { do: 'filterRule.add', networkSecurityGroup: 'hub/app-nsg', rule: nsgRule({}) }),
    );
    expect(nsg(a, 'app-nsg')?.securityRules.map((r) => r.name)).toEqual(['allow-https', 'deny-internet']);
    const r = applied(
      apply(a, {
        do: 'filterRule.replace',
        networkSecurityGroup: 'hub/app-nsg',
        rule: nsgRule({ name: 'allow-https', priority: 110, direction: 'Inbound', access: 'Allow' }),
      }),
    );
    expect(nsg(r, 'app-nsg')?.securityRules[0]?.priority).toBe(110);
    const d = applied(
      apply(a, { do: 'filterRule.remove', networkSecurityGroup: 'hub/app-nsg', name: 'allow-https' }),
    );
    expect(nsg(d, 'app-nsg')?.securityRules.map((x) => x.name)).toEqual(['deny-internet']);
    refused(
      apply(s, { do: 'filterRule.remove', networkSecurityGroup: 'hub/app-nsg', name: 'x' }),
      'not-found',
      s,
    );
    refused(
      apply(s, { do: 'filterRule.add', networkSecurityGroup: 'hub/none', rule: nsgRule({}) }),
      'not-found',
      s,
    );
  });

  it('AZ-R26: priority outside 100-4096, or used in the same direction, or a name used, is rejected', () => {
    const s = state();
    const add = (over: Partial<NsgRule>) =>
      apply(s, { do: 'filterRule.add', networkSecurityGroup: 'hub/app-nsg', rule: nsgRule(over) });
    refused(add({ priority: 99 }), 'AZ-R26', s, /out of range/);
    refused(add({ priority: 4097 }), 'AZ-R26', s, /out of range/);
    refused(add({ priority: 100, direction: 'Inbound' }), 'AZ-R26', s, /allow-https/);
    refused(add({ name: 'Allow-HTTPS', priority: 300 }), 'AZ-R26', s, /name/);
    applied(add({ priority: 100 })); // Outbound: another direction
    // A replace may keep its own priority.
    applied(
      apply(s, {
        do: 'filterRule.replace',
        networkSecurityGroup: 'hub/app-nsg',
        rule: nsgRule({ name: 'allow-https', priority: 100, direction: 'Inbound' }),
      }),
    );
  });
});

describe('filterRule on GCP firewall rules (GCP-R26)', () => {
  const rule = {
    name: 'deny-db',
    direction: 'INGRESS' as const,
    priority: 900,
    deny: [{ protocol: 'tcp' as const, ports: [{ lo: 5432, hi: 5432 }] }],
    sourceRanges: ['0.0.0.0/0'],
  };

  it('add, replace and remove by name on the network', () => {
    const s = state();
    const a = applied(apply(s, { do: 'filterRule.add', network: 'corp', rule }));
    expect(net(a, 'corp').firewallRules?.map((r) => r.name)).toEqual(['allow-ssh', 'deny-db']);
    const r = applied(
      apply(a, { do: 'filterRule.replace', network: 'corp', rule: { ...rule, priority: 800 } }),
    );
    expect(net(r, 'corp').firewallRules?.[1]?.priority).toBe(800);
    const d = applied(apply(a, { do: 'filterRule.remove', network: 'corp', name: 'allow-ssh' }));
    expect(net(d, 'corp').firewallRules?.map((x) => x.name)).toEqual(['deny-db']);
    refused(apply(a, { do: 'filterRule.add', network: 'corp', rule }), 'already-exists', a);
    refused(apply(s, { do: 'filterRule.remove', network: 'corp', name: 'deny-db' }), 'not-found', s);
    refused(apply(s, { do: 'filterRule.add', network: 'prod', rule }), 'invalid-target', s);
  });

  it('GCP-R26: rule shape, and direction is immutable', () => {
    const s = state();
    const add = (r: object) => apply(s, { do: 'filterRule.add', network: 'corp', rule: { ...rule, ...r } });
    refused(add({ allow: [{ protocol: 'tcp' }] }), 'GCP-R26', s, /exactly one of allow and deny/);
    refused(add({ deny: undefined }), 'GCP-R26', s, /exactly one/);
    refused(add({ priority: 65536 }), 'GCP-R26', s, /priority/);
    refused(add({ sourceRanges: undefined }), 'GCP-R26', s, /INGRESS rule needs/);
    refused(add({ targetTags: ['web'], targetServiceAccounts: ['sa'] }), 'GCP-R26', s, /service accounts/);
    applied(add({ direction: 'EGRESS', sourceRanges: undefined, destinationRanges: ['0.0.0.0/0'] }));
    refused(
      apply(s, {
        do: 'filterRule.replace',
        network: 'corp',
        rule: { name: 'allow-ssh', direction: 'EGRESS', priority: 1000, allow: [{ protocol: 'tcp' }] },
      }),
      'GCP-R26',
      s,
      /immutable/,
    );
  });
});

describe('OpenStack security groups (OS-R19, OS-R21, OS-R8)', () => {
  const ssh = {
    direction: 'ingress' as const,
    ethertype: 'IPv4' as const,
    protocol: 'tcp' as const,
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: '10.0.0.0/8',
  };

  it('add appends a rule; remove matches a rule by value', () => {
    const s = state();
    const a = applied(apply(s, { do: 'filterRule.add', securityGroup: 'app/web', rule: ssh }));
    expect(sg(a, 'app', 'web')?.rules).toHaveLength(2);
    refused(apply(a, { do: 'filterRule.add', securityGroup: 'app/web', rule: ssh }), 'already-exists', a);
    const d = applied(apply(a, { do: 'filterRule.remove', securityGroup: 'app/web', rule: { ...ssh } }));
    expect(sg(d, 'app', 'web')?.rules).toEqual(sg(s, 'app', 'web')?.rules);
    refused(apply(s, { do: 'filterRule.remove', securityGroup: 'app/web', rule: ssh }), 'not-found', s);
    refused(apply(s, { do: 'filterRule.replace', securityGroup: 'app/web', rule: ssh }), 'invalid-value', s);
    refused(
      apply(s, { do: 'filterRule.add', securityGroup: 'app/web', direction: 'inbound', rule: ssh }),
      'invalid-target',
      s,
    );
  });

  it('OS-R19: two remotes, or an address of the other family, are rejected', () => {
    const s = state();
    refused(
      apply(s, { do: 'filterRule.add', securityGroup: 'app/web', rule: { ...ssh, remoteGroup: 'web' } }),
      'OS-R19',
      s,
      /not both/,
    );
    refused(
      apply(s, {
        do: 'filterRule.add',
        securityGroup: 'app/web',
        rule: { ...ssh, remoteIpPrefix: '2001:db8::/32' },
      }),
      'OS-R19',
      s,
    );
    refused(
      apply(s, {
        do: 'filterRule.add',
        securityGroup: 'app/web',
        rule: { direction: 'ingress', remoteGroup: 'ghost' },
      }),
      'not-found',
      s,
    );
    applied(
      apply(s, {
        do: 'filterRule.add',
        securityGroup: 'app/web',
        rule: { direction: 'ingress', remoteGroup: 'web' },
      }),
    );
  });

  it('OS-R21: stateful changes only while no port uses the group', () => {
    const s = state();
    refused(
      apply(s, { do: 'filter.update', securityGroup: 'app/web', set: { stateful: false } }),
      'OS-R21',
      s,
      /in use by app\/srv1/,
    );
    // srv2 has no group of its own: it uses the project's default (OS-R18).
    refused(
      apply(s, { do: 'filter.update', securityGroup: 'app/default', set: { stateful: false } }),
      'OS-R21',
      s,
      /app\/srv2/,
    );
    const next = applied(
      apply(s, { do: 'filter.update', securityGroup: 'app/batch', set: { stateful: false } }),
    );
    expect(sg(next, 'app', 'batch')?.stateful).toBe(false);
    // Once no port uses it, the change goes through.
    const moved = applied(
      apply(s, { do: 'host.update', host: 'app/srv1', set: { securityGroups: ['batch'] } }),
    );
    expect(
      sg(
        applied(apply(moved, { do: 'filter.update', securityGroup: 'app/web', set: { stateful: false } })),
        'app',
        'web',
      )?.stateful,
    ).toBe(false);
    // An unchanged value is no change.
    applied(apply(s, { do: 'filter.update', securityGroup: 'app/web', set: { stateful: true } }));
    refused(
      apply(s, {
        do: 'filter.update',
        securityGroup: 'prod/web-sg',
        direction: 'inbound',
        set: { stateful: false },
      }),
      'invalid-target',
      s,
    );
  });

  it('the default group is implicit, with the OS-R11 rules', () => {
    const s = state();
    const next = applied(apply(s, { do: 'filterRule.add', securityGroup: 'app/default', rule: ssh }));
    expect(sg(next, 'app', 'default')?.rules).toEqual([
      { direction: 'egress', ethertype: 'IPv4' },
      { direction: 'egress', ethertype: 'IPv6' },
      { direction: 'ingress', ethertype: 'IPv4', remoteGroup: 'default' },
      { direction: 'ingress', ethertype: 'IPv6', remoteGroup: 'default' },
      ssh,
    ]);
  });

  it("OS-R23: `default` is the project's, edited where it is declared whatever network is written", () => {
    const topo = filtered();
    const ops = {
      name: 'ops',
      provider: 'openstack' as const,
      cidrs: [],
      subnets: [{ name: 'ops-sub', cidr: '192.168.20.0/24' }],
      routeTables: [],
      hosts: [],
      gateways: [],
      securityGroups: [{ name: 'default', rules: [] }],
    };
    const s = initialState({ ...topo, networks: [...topo.networks, ops] }, profile);
    const next = applied(apply(s, { do: 'filterRule.add', securityGroup: 'app/default', rule: ssh }));
    expect(sg(next, 'ops', 'default')?.rules).toEqual([ssh]);
    expect(sg(next, 'app', 'default')).toBeUndefined();
    // app/srv2 (no group of its own) uses it: OS-R21.
    refused(
      apply(s, { do: 'filter.update', securityGroup: 'ops/default', set: { stateful: false } }),
      'OS-R21',
      s,
      /app\/srv2/,
    );
  });

  it('OS-R8 is unchanged: no port security while the port has groups', () => {
    const s = state();
    refused(apply(s, { do: 'host.update', host: 'app/srv1', set: { portSecurity: false } }), 'OS-R8', s);
    applied(
      apply(s, { do: 'host.update', host: 'app/srv1', set: { portSecurity: false, securityGroups: [] } }),
    );
    refused(
      apply(s, { do: 'host.update', host: 'app/srv1', set: { securityGroups: ['ghost'] } }),
      'not-found',
      s,
    );
  });
});

describe('associations: host.update and subnet.update', () => {
  it("AWS-R36: an ENI keeps at least one group; groups must be its VPC's", () => {
    const s = state();
    refused(
      apply(s, { do: 'host.update', host: 'prod/web1', set: { securityGroups: [] } }),
      'AWS-R36',
      s,
      /at least one/,
    );
    refused(
      apply(s, { do: 'host.update', host: 'prod/web1', set: { securityGroups: ['svc-sg'] } }),
      'not-found',
      s,
    );
    const next = applied(
      apply(s, { do: 'host.update', host: 'prod/db1', set: { securityGroups: ['db-sg', 'default'] } }),
    );
    expect(net(next, 'prod').hosts[1]?.securityGroups).toEqual(['db-sg', 'default']);
    // null: back to the default group.
    const back = applied(apply(s, { do: 'host.update', host: 'prod/web1', set: { securityGroups: null } }));
    expect(net(back, 'prod').hosts[0]).not.toHaveProperty('securityGroups');
    const many = apply(s, {
      do: 'host.update',
      host: 'prod/web1',
      set: { securityGroups: ['web-sg', 'db-sg', 'default', 'web-sg', 'db-sg', 'default'] },
    });
    applied(many);
    expect(many.notes.map((n) => n.rule)).toEqual(['AWS-R44']);
  });

  it('Azure NIC NSG, GCP tags and service account', () => {
    const s = state();
    const a = applied(
      apply(s, { do: 'host.update', host: 'hub/vm1', set: { networkSecurityGroup: 'nic-nsg' } }),
    );
    expect(net(a, 'hub').hosts[0]?.networkSecurityGroup).toBe('nic-nsg');
    refused(
      apply(s, { do: 'host.update', host: 'hub/vm1', set: { networkSecurityGroup: 'ghost' } }),
      'not-found',
      s,
    );
    const g = applied(
      apply(s, { do: 'host.update', host: 'corp/vm', set: { tags: ['db'], serviceAccount: 'db-sa' } }),
    );
    expect(net(g, 'corp').hosts[0]).toMatchObject({ tags: ['db'], serviceAccount: 'db-sa' });
    refused(apply(s, { do: 'host.update', host: 'corp/vm', set: { serviceAccount: 7 } }), 'invalid-value', s);
    refused(
      apply(s, { do: 'host.update', host: 'hub/vm1', set: { securityGroups: ['x'] } }),
      'wrong-provider-field',
      s,
    );
  });

  it('subnet.update: networkAcl, networkSecurityGroup (AZ-R32 on GatewaySubnet) and defaultHost', () => {
    const s = state();
    const a = applied(apply(s, { do: 'subnet.update', subnet: 'prod/db', set: { networkAcl: 'web-acl' } }));
    expect(net(a, 'prod').subnets[1]?.networkAcl).toBe('web-acl');
    const b = applied(apply(s, { do: 'subnet.update', subnet: 'prod/web', set: { networkAcl: null } }));
    expect(net(b, 'prod').subnets[0]).not.toHaveProperty('networkAcl');
    refused(
      apply(s, { do: 'subnet.update', subnet: 'prod/db', set: { networkAcl: 'ghost' } }),
      'not-found',
      s,
    );

    const gw = apply(s, {
      do: 'subnet.update',
      subnet: 'hub/GatewaySubnet',
      set: { networkSecurityGroup: 'app-nsg' },
    });
    applied(gw);
    expect(gw.notes.map((n) => [n.rule, n.severity])).toEqual([['AZ-R32', 'warning']]);
    refused(
      apply(s, { do: 'subnet.update', subnet: 'hub/app', set: { networkSecurityGroup: 'ghost' } }),
      'not-found',
      s,
    );

    const dh = applied(
      apply(s, {
        do: 'subnet.update',
        subnet: 'prod/db',
        set: { defaultHost: { securityGroups: ['db-sg'] } },
      }),
    );
    expect(net(dh, 'prod').subnets[1]?.defaultHost).toEqual({ securityGroups: ['db-sg'] });
    refused(
      apply(s, { do: 'subnet.update', subnet: 'prod/db', set: { defaultHost: { securityGroups: [] } } }),
      'AWS-R36',
      s,
    );
    refused(
      apply(s, { do: 'subnet.update', subnet: 'prod/db', set: { defaultHost: { tags: ['x'] } } }),
      'unknown-field',
      s,
    );
    applied(apply(s, { do: 'subnet.update', subnet: 'corp/west', set: { defaultHost: { tags: ['web'] } } }));
    applied(
      apply(s, {
        do: 'subnet.update',
        subnet: 'app/app-sub',
        set: { defaultHost: { securityGroups: ['batch'] } },
      }),
    );
  });
});
