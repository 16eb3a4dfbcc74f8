/**
 * The reference simulator's filters (packages/sim/test/reference/filters.ts) on hand-built states:
 * what FILTERS.md's table and PROVIDERS.md Part II say each provider checks, where, in which order,
 * and what decides — before any comparison with the product. Topologies are written as the model
 * holds them (normalised filter objects), so these tests need neither the scenario loader nor the
 * product's filter compilers.
 */
import { describe, expect, it } from 'vitest';
import type { Network } from '@cloudroute/model';
import { awsVpc, azureHub, network as net } from '../packages/model/test/fixtures.js';
import { referenceTrace, type RefTraceOptions } from '../packages/sim/test/reference/index.js';
import { expectFirewallDrop } from './firewall-drop.js';
import { ruledState as state } from './hand-state.js';

const tcp = (port: number): RefTraceOptions => ({ protocol: 'tcp', port });
const brief = (r: ReturnType<typeof referenceTrace>): string[] =>
  r.checks.map((c) => `${c.phase} ${c.at} ${c.kind} ${c.direction} ${c.object}#${c.rule} ${c.action}`);

/** The AWS VPC `vpc` (10.0.0.0/16) with two subnets and a host in each; `extra` adds filters. */
function aws(extra: Partial<Network> = {}, hosts?: Network['hosts']): Network {
  return awsVpc({
    subnets: [
      { name: 'web', cidr: '10.0.1.0/24' },
      { name: 'db', cidr: '10.0.2.0/24' },
    ],
    hosts: hosts ?? [
      { name: 'web1', subnet: 'web', ip: '10.0.1.10' },
      { name: 'db1', subnet: 'db', ip: '10.0.2.10' },
    ],
    ...extra,
  });
}

describe('reference filters: AWS (AWS-R35..R43)', () => {
  it('AWS-R36, AWS-R41: default SGs and the default NACL: four NACL checks between two subnets (invariant 47)', () => {
    const r = referenceTrace(state([aws()]), 'vpc/web1', '10.0.2.10', tcp(5432));
    expect(r.verdict).toBe('delivered');
    expect(brief(r)).toEqual([
      'request vpc/web1 securityGroup outbound vpc/default#outbound[0] allow',
      'request vpc/web networkAcl outbound vpc/default#100 allow',
      'request vpc/db networkAcl inbound vpc/default#100 allow',
      'request vpc/db1 securityGroup inbound vpc/default#inbound[0] allow',
      'reply vpc/db networkAcl outbound vpc/default#100 allow',
      'reply vpc/web networkAcl inbound vpc/default#100 allow',
    ]);
    expect(r.checks.at(-3)!.hop).toBe(r.hops.length);
  });

  it('AWS-R35: an SG allows only what a rule of one of its groups allows; none: implicit-deny at the host', () => {
    const s = state([
      aws(
        {
          securityGroups: [
            {
              name: 'db-sg',
              inbound: [{ name: 'pg', protocol: 'tcp', port: { lo: 5432, hi: 5432 }, cidr: '10.0.1.0/24' }],
            },
          ],
        },
        [
          { name: 'web1', subnet: 'web', ip: '10.0.1.10' },
          { name: 'db1', subnet: 'db', ip: '10.0.2.10', securityGroups: ['db-sg'] },
        ],
      ),
    ]);
    const ok = referenceTrace(s, 'vpc/web1', '10.0.2.10', tcp(5432));
    expect(ok.verdict).toBe('delivered');
    expect(brief(ok)).toContain('request vpc/db1 securityGroup inbound vpc/db-sg#pg allow');
    const no = referenceTrace(s, 'vpc/web1', '10.0.2.10', tcp(22));
    expectFirewallDrop(no, {
      at: 'vpc/db1',
      object: 'vpc/db1',
      rule: 'implicit-deny',
      phase: 'request',
    });
    // A flow of any protocol is matched only by all-protocol rules (FILTERS.md "Flows").
    expect(referenceTrace(s, 'vpc/web1', '10.0.2.10').reason).toBe('firewall');
  });

  it('AWS-R40, AWS-R42: a NACL without ephemeral ports outbound drops the reply; lowest number first', () => {
    const acl = {
      name: 'db-acl',
      inbound: [
        {
          ruleNumber: 100,
          protocol: 'tcp' as const,
          port: { lo: 5432, hi: 5432 },
          cidr: '0.0.0.0/0',
          action: 'allow' as const,
        },
      ],
      outbound: [
        {
          ruleNumber: 50,
          protocol: 'tcp' as const,
          port: { lo: 40000, hi: 65535 },
          cidr: '0.0.0.0/0',
          action: 'allow' as const,
        },
        {
          ruleNumber: 100,
          protocol: 'tcp' as const,
          port: { lo: 1024, hi: 65535 },
          cidr: '0.0.0.0/0',
          action: 'deny' as const,
        },
      ],
    };
    const net0 = aws({ networkAcls: [acl] });
    const s = state([
      { ...net0, subnets: [net0.subnets[0]!, { ...net0.subnets[1]!, networkAcl: 'db-acl' }] },
    ]);
    const r = referenceTrace(s, 'vpc/web1', '10.0.2.10', tcp(5432));
    expectFirewallDrop(r, {
      at: 'vpc/db',
      object: 'vpc/db-acl',
      rule: '100',
      phase: 'reply',
      direction: 'outbound',
    });
    // Source ports inside rule 50's range: rule 50 allows the reply first (AWS-R42, invariant 48).
    const narrow = referenceTrace(s, 'vpc/web1', '10.0.2.10', {
      ...tcp(5432),
      sourcePorts: { lo: 49152, hi: 65535 },
    });
    expect(narrow.verdict).toBe('delivered');
    // Same subnet: no NACL at all (AWS-R41, invariant 46).
    const same = referenceTrace(s, 'vpc/db', '10.0.2.10', tcp(5432));
    expect(same.checks.some((c) => c.kind === 'networkAcl')).toBe(false);
  });
});

describe('reference filters: Azure (AZ-R25..R31)', () => {
  /** The VNet `hub` (10.0.0.0/16): web1 in subnet web, app1 in subnet app; web-nsg on subnet web and on app1's NIC. */
  const az = (nsgRules: NonNullable<Network['networkSecurityGroups']>): Network =>
    azureHub({
      subnets: [
        { name: 'web', cidr: '10.0.1.0/24', networkSecurityGroup: 'web-nsg' },
        { name: 'app', cidr: '10.0.2.0/24' },
      ],
      hosts: [
        { name: 'web1', subnet: 'web', ip: '10.0.1.10' },
        { name: 'app1', subnet: 'app', ip: '10.0.2.10', networkSecurityGroup: 'web-nsg' },
      ],
      networkSecurityGroups: nsgRules,
    });
  const deny22 = {
    name: 'no-ssh',
    priority: 100,
    direction: 'Inbound' as const,
    access: 'Deny' as const,
    protocol: 'Tcp' as const,
    source: ['*'],
    destination: ['*'],
    sourcePorts: [{ lo: 0, hi: 65535 }],
    destinationPorts: [{ lo: 22, hi: 22 }],
  };

  it('AZ-R27, AZ-R28: NIC then subnet outbound; subnet then NIC inbound; defaults allow VirtualNetwork', () => {
    const s = state([az([{ name: 'web-nsg', securityRules: [deny22] }])]);
    const r = referenceTrace(s, 'hub/web1', '10.0.2.10', tcp(443));
    expect(r.verdict).toBe('delivered');
    expect(brief(r)).toEqual([
      'request hub/web networkSecurityGroup Outbound hub/web-nsg#AllowVnetOutBound allow',
      'request hub/app1 networkSecurityGroup Inbound hub/web-nsg#AllowVnetInBound allow',
    ]);
    const d = referenceTrace(s, 'hub/web1', '10.0.2.10', tcp(22));
    expect(d.filter).toMatchObject({ at: 'hub/app1', object: 'hub/web-nsg', rule: 'no-ssh' });
  });

  it('AZ-R27: outbound to Internet allowed by default; inbound from Internet denied', () => {
    const s = state([az([{ name: 'web-nsg', securityRules: [] }])]);
    const out = referenceTrace(s, 'hub/web1', '8.8.8.8', tcp(443));
    expect(out.checks.map((c) => c.rule)).toEqual(['AllowInternetOutBound']);
  });
});

describe('reference filters: GCP (GCP-R26..R30)', () => {
  const gcp = (rules: NonNullable<Network['firewallRules']>): Network =>
    net({
      name: 'corp',
      provider: 'gcp',
      subnets: [{ name: 'a', cidr: '10.2.1.0/24', region: 'us-central1' }],
      hosts: [
        { name: 'vm1', subnet: 'a', ip: '10.2.1.10' },
        { name: 'vm2', subnet: 'a', ip: '10.2.1.11', tags: ['db'] },
      ],
      firewallRules: rules,
    });

  it('GCP-R27: implied allow egress and deny ingress; a targeted allow; deny wins a tie (GCP-R26)', () => {
    expect(brief(referenceTrace(state([gcp([])]), 'corp/vm1', '10.2.1.11', tcp(5432)))).toEqual([
      'request corp/vm1 firewallRule EGRESS corp#implied-allow-egress allow',
      'request corp/vm2 firewallRule INGRESS corp#implied-deny-ingress deny',
    ]);
    const allow = {
      name: 'pg',
      direction: 'INGRESS' as const,
      priority: 1000,
      allow: [{ protocol: 'tcp' as const, ports: [{ lo: 5432, hi: 5432 }] }],
      sourceRanges: ['10.2.1.0/24'],
      targetTags: ['db'],
    };
    const s = state([gcp([allow])]);
    expect(referenceTrace(s, 'corp/vm1', '10.2.1.11', tcp(5432)).verdict).toBe('delivered');
    // vm1 has no tag `db`: the rule does not apply to it (GCP-R29, invariant 53).
    expect(referenceTrace(s, 'corp/vm2', '10.2.1.10', tcp(5432)).reason).toBe('firewall');
    const deny = { ...allow, name: 'zz-deny', allow: undefined, deny: [{ protocol: 'all' as const }] };
    const { allow: _a, ...denyRule } = deny;
    const tie = referenceTrace(state([gcp([allow, denyRule])]), 'corp/vm1', '10.2.1.11', tcp(5432));
    expect(tie.filter).toMatchObject({ rule: 'zz-deny', object: 'corp' });
  });
});

describe('reference filters: OpenStack (OS-R18..R22)', () => {
  const os = (stateful: boolean): Network =>
    net({
      name: 'app',
      provider: 'openstack',
      subnets: [{ name: 's', cidr: '10.3.1.0/24' }],
      hosts: [
        { name: 'vm1', subnet: 's', ip: '10.3.1.10', securityGroups: ['web'] },
        { name: 'vm2', subnet: 's', ip: '10.3.1.11', securityGroups: ['web'] },
      ],
      securityGroups: [
        {
          name: 'web',
          stateful,
          rules: [
            { direction: 'ingress', protocol: 'tcp', portRangeMin: 80, portRangeMax: 80 },
            { direction: 'egress', protocol: 'tcp', portRangeMin: 80, portRangeMax: 80 },
          ],
        },
      ],
    });

  it('OS-R21: a stateless group checks the reply; a stateful one does not', () => {
    const stateful = referenceTrace(state([os(true)]), 'app/vm1', '10.3.1.11', tcp(80));
    expect(stateful.verdict).toBe('delivered');
    expect(brief(stateful)).toEqual([
      'request app/vm1:0 securityGroup egress app/web#egress[0] allow',
      'request app/vm2:0 securityGroup ingress app/web#ingress[0] allow',
    ]);
    const stateless = referenceTrace(state([os(false)]), 'app/vm1', '10.3.1.11', tcp(80));
    expectFirewallDrop(stateless, {
      at: 'app/vm2:0',
      phase: 'reply',
      direction: 'egress',
      rule: 'implicit-deny',
    });
  });

  it('OS-R11, OS-R23: the implicit default group admits its members and sends anything', () => {
    const n = net({
      name: 'app',
      provider: 'openstack',
      subnets: [{ name: 's', cidr: '10.3.1.0/24' }],
      hosts: [
        { name: 'vm1', subnet: 's', ip: '10.3.1.10' },
        { name: 'vm2', subnet: 's', ip: '10.3.1.11' },
      ],
    });
    const r = referenceTrace(state([n]), 'app/vm1', '10.3.1.11', tcp(22));
    expect(r.verdict).toBe('delivered');
    expect(r.checks.map((c) => c.object)).toEqual(['app/default', 'app/default']);
  });

  it('FILTERS.md: `firewall: none` checks nothing', () => {
    const r = referenceTrace(state([os(false)], { firewall: 'none' }), 'app/vm1', '10.3.1.11', tcp(22));
    expect(r.verdict).toBe('delivered');
    expect(r.checks).toEqual([]);
  });
});
