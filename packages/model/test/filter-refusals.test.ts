import { describe, expect, it } from 'vitest';
import * as model from '@cloudroute/model';
import type { FirewallRule, NetworkAclEntry, NsgRule, Topology } from '@cloudroute/model';
import { network, topology } from './fixtures.js';

const entry = (ruleNumber: number): NetworkAclEntry => ({
  ruleNumber,
  protocol: 'all',
  cidr: '0.0.0.0/0',
  action: 'allow',
});

const nsg = (name: string, priority: number, direction: NsgRule['direction'] = 'Inbound'): NsgRule => ({
  name,
  priority,
  direction,
  access: 'Allow',
  protocol: '*',
  source: ['*'],
  destination: ['*'],
  sourcePorts: [{ lo: 0, hi: 65535 }],
  destinationPorts: [{ lo: 0, hi: 65535 }],
});

const fw: FirewallRule = {
  name: 'allow-ssh',
  direction: 'INGRESS',
  priority: 1000,
  allow: [{ protocol: 'tcp', ports: [{ lo: 22, hi: 22 }] }],
  sourceRanges: ['35.235.240.0/20'],
};

describe('AWS filter refusals', () => {
  it('AWS-R36: an empty group list is refused; absent means default', () => {
    expect(model.awsSecurityGroupsRefusal([], 'prod/web1')?.rule).toBe('AWS-R36');
    expect(model.awsSecurityGroupsRefusal(undefined, 'prod/web1')).toBeUndefined();
    expect(model.awsSecurityGroupsRefusal(['default'], 'prod/web1')).toBeUndefined();
  });

  it('AWS-R35: exactly one peer, ports in range', () => {
    expect(model.awsSecurityGroupRuleRefusal({ protocol: 'tcp', cidr: '10.0.0.0/8' })).toBeUndefined();
    expect(model.awsSecurityGroupRuleRefusal({ protocol: 'tcp' })?.rule).toBe('AWS-R35');
    expect(
      model.awsSecurityGroupRuleRefusal({ protocol: 'tcp', cidr: '10.0.0.0/8', prefixList: 'pl' })?.rule,
    ).toBe('AWS-R35');
    expect(
      model.awsSecurityGroupRuleRefusal({ protocol: 'tcp', port: { lo: 10, hi: 70000 }, cidr: '10.0.0.0/8' })
        ?.rule,
    ).toBe('AWS-R35');
  });

  it('AWS-R40: numbers 1-32766, one entry per number and direction', () => {
    expect(model.awsNaclEntryRefusal(entry(1), [])).toBeUndefined();
    expect(model.awsNaclEntryRefusal(entry(32766), [])).toBeUndefined();
    expect(model.awsNaclEntryRefusal(entry(0), [])?.rule).toBe('AWS-R40');
    expect(model.awsNaclEntryRefusal(entry(32767), [])?.rule).toBe('AWS-R40');
    expect(model.awsNaclEntryRefusal(entry(1.5), [])?.rule).toBe('AWS-R40');
    expect(model.awsNaclEntryRefusal(entry(100), [entry(100)])?.message).toMatch(/already used/);
    expect(model.awsNaclEntriesRefusal([entry(100), entry(200)])).toBeUndefined();
    expect(model.awsNaclEntriesRefusal([entry(100), entry(200), entry(100)])?.rule).toBe('AWS-R40');
  });
});

describe('Azure filter refusals', () => {
  it('AZ-R26: priority 100-4096, unique per direction; names unique (any case)', () => {
    expect(model.azureNsgRuleRefusal(nsg('a', 100), [])).toBeUndefined();
    expect(model.azureNsgRuleRefusal(nsg('a', 4096), [])).toBeUndefined();
    expect(model.azureNsgRuleRefusal(nsg('a', 99), [])?.rule).toBe('AZ-R26');
    expect(model.azureNsgRuleRefusal(nsg('a', 4097), [])?.rule).toBe('AZ-R26');
    expect(model.azureNsgRuleRefusal(nsg('a', 100), [nsg('b', 100)])?.rule).toBe('AZ-R26');
    expect(model.azureNsgRuleRefusal(nsg('a', 100), [nsg('b', 100, 'Outbound')])).toBeUndefined();
    expect(model.azureNsgRuleRefusal(nsg('A', 200), [nsg('a', 100)])?.message).toMatch(/name/);
    expect(model.azureNsgRulesRefusal([nsg('a', 100), nsg('b', 100, 'Outbound')])).toBeUndefined();
    expect(model.azureNsgRulesRefusal([nsg('a', 100), nsg('b', 100)])?.rule).toBe('AZ-R26');
  });
});

describe('GCP filter refusals', () => {
  it('GCP-R26: priority, one of allow/deny, an ingress source, no accounts with tags', () => {
    expect(model.gcpFirewallRuleRefusal(fw)).toBeUndefined();
    expect(model.gcpFirewallRuleRefusal({ ...fw, priority: -1 })?.rule).toBe('GCP-R26');
    expect(model.gcpFirewallRuleRefusal({ ...fw, deny: [{ protocol: 'all' }] })?.rule).toBe('GCP-R26');
    const { allow: _allow, ...neither } = fw;
    expect(model.gcpFirewallRuleRefusal(neither)?.rule).toBe('GCP-R26');
    const { sourceRanges: _src, ...noSource } = fw;
    expect(model.gcpFirewallRuleRefusal(noSource)?.message).toMatch(/INGRESS/);
    expect(model.gcpFirewallRuleRefusal({ ...noSource, sourceTags: ['web'] })).toBeUndefined();
    expect(model.gcpFirewallRuleRefusal({ ...noSource, direction: 'EGRESS' })).toBeUndefined();
    expect(
      model.gcpFirewallRuleRefusal({ ...fw, sourceTags: ['web'], targetServiceAccounts: ['sa@p'] })?.rule,
    ).toBe('GCP-R26');
    expect(model.gcpFirewallRuleChangeRefusal(fw, { ...fw, direction: 'EGRESS' })?.message).toMatch(
      /immutable/,
    );
    expect(model.gcpFirewallRuleChangeRefusal(fw, { ...fw, priority: 10 })).toBeUndefined();
  });
});

describe('OpenStack filter refusals', () => {
  it('OS-R19: one remote; ethertype matches the prefix; ports ordered', () => {
    expect(model.neutronRuleRefusal({ direction: 'ingress', remoteIpPrefix: '10.0.0.0/8' })).toBeUndefined();
    expect(
      model.neutronRuleRefusal({ direction: 'ingress', remoteIpPrefix: '10.0.0.0/8', remoteGroup: 'g' })
        ?.rule,
    ).toBe('OS-R19');
    expect(
      model.neutronRuleRefusal({ direction: 'ingress', ethertype: 'IPv6', remoteIpPrefix: '10.0.0.0/8' })
        ?.rule,
    ).toBe('OS-R19');
    expect(model.neutronRuleRefusal({ direction: 'ingress', portRangeMin: 90, portRangeMax: 80 })?.rule).toBe(
      'OS-R19',
    );
  });

  it('OS-R21: group users across networks, the implicit default included', () => {
    const topo: Topology = topology({
      networks: [
        network({
          name: 'a',
          provider: 'openstack',
          subnets: [{ name: 's', cidr: '192.168.1.0/24' }],
          securityGroups: [
            { name: 'web', rules: [] },
            { name: 'idle', rules: [] },
          ],
          hosts: [
            { name: 'h1', subnet: 's', ip: '192.168.1.5', securityGroups: ['web'] },
            { name: 'h2', subnet: 's', ip: '192.168.1.6' },
            { name: 'h3', subnet: 's', ip: '192.168.1.7', portSecurity: false },
          ],
        }),
        network({
          name: 'b',
          provider: 'openstack',
          subnets: [{ name: 's', cidr: '192.168.2.0/24' }],
          hosts: [{ name: 'h4', subnet: 's', ip: '192.168.2.5', securityGroups: ['a/web'] }],
        }),
      ],
    });
    const a = topo.networks[0]!;
    const web = a.securityGroups![0]!;
    const idle = a.securityGroups![1]!;
    expect(model.neutronGroupOwner(topo, 'web', 'b')).toBe('a');
    expect(model.neutronGroupOwner(topo, 'default', 'a')).toBeUndefined();
    expect(model.neutronGroupUsers(topo, a, web)).toEqual(['a/h1', 'b/h4']);
    expect(model.neutronGroupUsers(topo, a, idle)).toEqual([]);
    expect(model.neutronGroupUsers(topo, a, { name: 'default' })).toEqual(['a/h2']);
    expect(model.neutronStatefulRefusal(web, 'a/web', false, ['a/h1'])?.rule).toBe('OS-R21');
    expect(model.neutronStatefulRefusal(web, 'a/web', true, ['a/h1'])).toBeUndefined();
    expect(model.neutronStatefulRefusal(idle, 'a/idle', false, [])).toBeUndefined();
  });
});
