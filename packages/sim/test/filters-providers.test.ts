/**
 * `firewall: rules` end to end through the model's compilers and the data plane, per provider:
 * Azure subnet and NIC NSGs (AZ-R25..R28), GCP priorities and targets (GCP-R26..R30), Neutron
 * stateful and stateless groups (OS-R18..R22), AWS-R37 references past an appliance. Traces show
 * the checks in path order.
 */
import { describe, expect, it } from 'vitest';
import type { NsgRule, Provider, Topology } from '@cloudroute/model';
import { trace } from '../src/trace.js';
import { CORP_APP, network, stateOf, topologyOf } from './fixtures.js';

const ALL = [{ lo: 0, hi: 65535 }];
const nsgRule = (
  r: Partial<NsgRule> & Pick<NsgRule, 'name' | 'priority' | 'direction' | 'access'>,
): NsgRule => ({
  protocol: '*',
  source: ['*'],
  destination: ['*'],
  sourcePorts: ALL,
  destinationPorts: ALL,
  ...r,
});
/** A topology under `firewall: rules` of the one network `name` (see `network`). */
const world = (name: string, provider: Provider, parts: Parameters<typeof network>[2]): Topology =>
  topologyOf([network(name, provider, parts)], { firewall: 'rules' });
const line = (c: {
  phase: string;
  at: string;
  direction: string;
  action: string;
  object: string;
  rule: string;
}): string => `${c.phase} ${c.at} ${c.direction.toLowerCase()} ${c.action} ${c.object}#${c.rule}`;

describe('Azure NSGs in the data plane (AZ-R25..R28)', () => {
  const hub = (): Topology =>
    world('hub', 'azure', {
      cidrs: ['10.1.0.0/16'],
      subnets: [
        { name: 'app', cidr: '10.1.1.0/24', networkSecurityGroup: 'app-nsg' },
        { name: 'db', cidr: '10.1.2.0/24', networkSecurityGroup: 'db-nsg' },
      ],
      hosts: [
        { name: 'vm1', subnet: 'app', ip: '10.1.1.10', networkSecurityGroup: 'nic-nsg' },
        { name: 'vm2', subnet: 'app', ip: '10.1.1.11' },
        { name: 'db1', subnet: 'db', ip: '10.1.2.10' },
      ],
      networkSecurityGroups: [
        { name: 'nic-nsg', securityRules: [] },
        {
          name: 'app-nsg',
          securityRules: [
            nsgRule({
              name: 'no-http',
              priority: 100,
              direction: 'Inbound',
              access: 'Deny',
              protocol: 'Tcp',
              destinationPorts: [{ lo: 80, hi: 80 }],
            }),
          ],
        },
        {
          name: 'db-nsg',
          securityRules: [
            nsgRule({
              name: 'no-ssh',
              priority: 100,
              direction: 'Inbound',
              access: 'Deny',
              protocol: 'Tcp',
              destinationPorts: [{ lo: 22, hi: 22 }],
            }),
          ],
        },
      ],
    });

  it('AZ-R28: NIC then subnet outbound, subnet then NIC inbound; a stateful NSG checks no reply', () => {
    const t = trace(stateOf(hub()), 'hub/vm1', '10.1.2.10', { protocol: 'tcp', port: 443 });
    expect(t.verdict).toBe('delivered');
    expect(t.filters!.map(line)).toEqual([
      'request hub/vm1 outbound allow hub/nic-nsg#AllowVnetOutBound',
      'request hub/app outbound allow hub/app-nsg#AllowVnetOutBound',
      'request hub/db inbound allow hub/db-nsg#AllowVnetInBound',
    ]);
  });

  it('AZ-R26: the lowest priority number decides: a deny of port 22 on the destination subnet', () => {
    const t = trace(stateOf(hub()), 'hub/vm1', '10.1.2.10', { protocol: 'tcp', port: 22 });
    expect(t.reason).toBe('firewall');
    expect(t.filter).toMatchObject({ object: 'hub/db-nsg', rule: 'no-ssh', phase: 'request', at: 'hub/db' });
    expect(t.filter!.direction.toLowerCase()).toBe('inbound');
  });

  it('AZ-R28: the subnet NSG applies within the subnet too (contrast AWS-R41)', () => {
    const t = trace(stateOf(hub()), 'hub/vm1', '10.1.1.11', { protocol: 'tcp', port: 80 });
    expect(t.reason).toBe('firewall');
    expect(t.filter).toMatchObject({ object: 'hub/app-nsg', rule: 'no-http', at: 'hub/app' });
    expect(trace(stateOf(hub()), 'hub/vm1', '10.1.1.11', { protocol: 'tcp', port: 443 }).verdict).toBe(
      'delivered',
    );
  });
});

describe('GCP firewall rules in the data plane (GCP-R26..R30)', () => {
  const corp = (): Topology =>
    world('corp', 'gcp', {
      subnets: [CORP_APP],
      hosts: [
        { name: 'a', subnet: 'app', ip: '10.20.0.10', tags: ['web'] },
        { name: 'b', subnet: 'app', ip: '10.20.0.11' },
      ],
      firewallRules: [
        {
          name: 'allow-web',
          direction: 'INGRESS',
          priority: 1000,
          allow: [{ protocol: 'tcp', ports: [{ lo: 80, hi: 80 }] }],
          sourceRanges: ['10.20.0.0/16'],
          targetTags: ['web'],
        },
        {
          name: 'deny-b',
          direction: 'INGRESS',
          priority: 900,
          deny: [{ protocol: 'tcp' }],
          sourceRanges: ['10.20.0.11/32'],
          targetTags: ['web'],
        },
      ],
    });

  it('GCP-R30: sender egress, receiver ingress; GCP-R26: the lower priority value decides', () => {
    const s = stateOf(corp());
    const ok = trace(s, '10.20.0.12', '10.20.0.10', { protocol: 'tcp', port: 80 });
    expect(ok.verdict).toBe('delivered');
    expect(ok.filters!.map((c) => `${c.direction} ${c.action} ${c.rule}`)).toEqual([
      'EGRESS allow implied-allow-egress',
      'INGRESS allow allow-web',
    ]);
    expect(trace(s, 'corp/b', '10.20.0.10', { protocol: 'tcp', port: 80 }).filter).toMatchObject({
      rule: 'deny-b',
    });
  });

  it('GCP-R29, invariant 53: a rule targeting a tag never admits a VM without it', () => {
    const t = trace(stateOf(corp()), 'corp/a', '10.20.0.11', { protocol: 'tcp', port: 80 });
    expect(t.filter).toMatchObject({ rule: 'implied-deny-ingress', direction: 'INGRESS', at: 'corp/b' });
  });
});

describe('Neutron groups in the data plane (OS-R18..R22)', () => {
  const app = (stateful: boolean): Topology =>
    world('app', 'openstack', {
      subnets: [{ name: 'app-sub', cidr: '192.168.10.0/24', gatewayIp: '192.168.10.1' }],
      hosts: [
        { name: 'vm1', subnet: 'app-sub', ip: '192.168.10.10', securityGroups: ['web'] },
        { name: 'vm2', subnet: 'app-sub', ip: '192.168.10.20', securityGroups: ['db'] },
      ],
      securityGroups: [
        { name: 'web', rules: [{ direction: 'egress' }] },
        {
          name: 'db',
          stateful,
          rules: [
            {
              direction: 'ingress',
              protocol: 'tcp',
              portRangeMin: 5432,
              portRangeMax: 5432,
              remoteIpPrefix: '192.168.10.0/24',
            },
          ],
        },
      ],
    });

  it('OS-R21: a stateless group without an egress rule drops the reply; a stateful one does not check it', () => {
    const stateless = trace(stateOf(app(false)), 'app/vm1', '192.168.10.20', { protocol: 'tcp', port: 5432 });
    expect(stateless.reason).toBe('firewall');
    expect(stateless.filter).toMatchObject({ phase: 'reply', direction: 'egress', at: 'app/vm2:0' });
    const stateful = trace(stateOf(app(true)), 'app/vm1', '192.168.10.20', { protocol: 'tcp', port: 5432 });
    expect(stateful.verdict).toBe('delivered');
    expect(stateful.filters!.map((c) => `${c.phase} ${c.at} ${c.direction} ${c.action}`)).toEqual([
      'request app/vm1:0 egress allow',
      'request app/vm2:0 ingress allow',
    ]);
  });

  it('OS-R18: traffic no rule matches is dropped at the port', () => {
    const t = trace(stateOf(app(true)), 'app/vm1', '192.168.10.20', { protocol: 'tcp', port: 22 });
    expect(t.filter).toMatchObject({ phase: 'request', direction: 'ingress', at: 'app/vm2:0' });
  });
});

describe('AWS security-group references on a path (AWS-R37)', () => {
  const vpc = (viaAppliance: boolean): Topology =>
    world('prod', 'aws', {
      cidrs: ['10.0.0.0/16'],
      subnets: [
        { name: 'web', cidr: '10.0.1.0/24', routeTable: 'web-rt' },
        { name: 'db', cidr: '10.0.2.0/24' },
        { name: 'mid', cidr: '10.0.3.0/24' },
      ],
      routeTables: [
        { name: 'main', main: true, routes: [] },
        {
          name: 'web-rt',
          routes: viaAppliance ? [{ prefix: '10.0.2.0/24', nextHop: { type: 'eni', ip: '10.0.3.10' } }] : [],
        },
      ],
      hosts: [
        { name: 'web1', subnet: 'web', ip: '10.0.1.10', securityGroups: ['web-sg'] },
        { name: 'db1', subnet: 'db', ip: '10.0.2.10', securityGroups: ['db-sg'] },
        { name: 'fw', subnet: 'mid', ip: '10.0.3.10', sourceDestCheck: false, securityGroups: ['fw-sg'] },
      ],
      securityGroups: [
        { name: 'web-sg', inbound: [] },
        {
          name: 'db-sg',
          inbound: [{ name: 'pg', protocol: 'tcp', port: { lo: 5432, hi: 5432 }, securityGroup: 'web-sg' }],
        },
        { name: 'fw-sg', inbound: [{ protocol: 'all', cidr: '10.0.0.0/16' }] },
      ],
    });

  it('AWS-R37: a reference to the source SG admits it directly, not through an appliance', () => {
    const direct = trace(stateOf(vpc(false)), 'prod/web1', '10.0.2.10', { protocol: 'tcp', port: 5432 });
    expect(direct.verdict).toBe('delivered');
    expect(direct.filters!.find((c) => c.at === 'prod/db1')).toMatchObject({
      at: 'prod/db1',
      rule: 'pg',
      action: 'allow',
    });
    const via = trace(stateOf(vpc(true)), 'prod/web1', '10.0.2.10', { protocol: 'tcp', port: 5432 });
    expect(via.reason).toBe('firewall');
    expect(via.filter).toMatchObject({ at: 'prod/db1', rule: 'implicit-deny', phase: 'request' });
    // The appliance's own groups were checked on the way, in and out (AWS-R43).
    expect(via.filters!.filter((c) => c.at === 'prod/fw').map((c) => c.direction)).toEqual([
      'inbound',
      'outbound',
    ]);
  });
});
