/**
 * A small multi-cloud topology with filter objects (FILTERS.md "Filter objects") for the filter
 * timeline tests: AWS groups, a prefix list and a NACL; an Azure NSG; GCP firewall rules; Neutron
 * groups.
 */
import type { NetworkState, NeutronRule, NsgRule, Topology } from '@cloudroute/model';
import { eventOfAction, initialState, reduce } from '../src/index.js';
import type { TimelineAction, Transition } from '../src/index.js';
import { network, profile } from './fixtures.js';

/** A Neutron IPv4 TCP ingress rule (OS-R18) for one port from `remoteIpPrefix`. */
const tcpIngress = (port: number, remoteIpPrefix: string): NeutronRule => ({
  direction: 'ingress',
  ethertype: 'IPv4',
  protocol: 'tcp',
  portRangeMin: port,
  portRangeMax: port,
  remoteIpPrefix,
});

export function filtered(): Topology {
  return {
    firewall: 'rules',
    networks: [
      network('prod', 'aws', {
        cidrs: ['10.0.0.0/16'],
        subnets: [
          { name: 'web', cidr: '10.0.1.0/24', networkAcl: 'web-acl' },
          { name: 'db', cidr: '10.0.2.0/24' },
        ],
        routeTables: [{ name: 'main', main: true, routes: [] }],
        hosts: [
          { name: 'web1', subnet: 'web', ip: '10.0.1.10', securityGroups: ['web-sg'] },
          { name: 'db1', subnet: 'db', ip: '10.0.2.10' },
        ],
        prefixLists: [{ name: 'corp', cidrs: ['192.168.0.0/16'] }],
        securityGroups: [
          {
            name: 'web-sg',
            inbound: [
              { protocol: 'tcp', port: { lo: 443, hi: 443 }, cidr: '0.0.0.0/0' },
              { name: 'ssh', protocol: 'tcp', port: { lo: 22, hi: 22 }, prefixList: 'corp' },
            ],
            outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
          },
          // No outbound key: a new group's allow-all outbound rule (AWS-R35).
          { name: 'app-sg', inbound: [] },
          {
            name: 'db-sg',
            inbound: [{ name: 'pg', protocol: 'tcp', port: { lo: 5432, hi: 5432 }, securityGroup: 'web-sg' }],
            outbound: [],
          },
        ],
        networkAcls: [
          {
            name: 'web-acl',
            inbound: [
              {
                ruleNumber: 100,
                protocol: 'tcp',
                port: { lo: 1024, hi: 65535 },
                cidr: '0.0.0.0/0',
                action: 'allow',
              },
              {
                ruleNumber: 200,
                protocol: 'tcp',
                port: { lo: 443, hi: 443 },
                cidr: '0.0.0.0/0',
                action: 'allow',
              },
            ],
            outbound: [{ ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }],
          },
        ],
      }),
      network('shared', 'aws', {
        cidrs: ['10.9.0.0/16'],
        subnets: [{ name: 'svc', cidr: '10.9.1.0/24' }],
        routeTables: [{ name: 'main', main: true, routes: [] }],
        securityGroups: [{ name: 'svc-sg', inbound: [], outbound: [] }],
      }),
      network('hub', 'azure', {
        cidrs: ['10.1.0.0/16'],
        subnets: [
          { name: 'app', cidr: '10.1.1.0/24', networkSecurityGroup: 'app-nsg' },
          { name: 'GatewaySubnet', cidr: '10.1.255.0/27' },
        ],
        hosts: [{ name: 'vm1', subnet: 'app', ip: '10.1.1.4' }],
        networkSecurityGroups: [
          {
            name: 'app-nsg',
            securityRules: [
              {
                name: 'allow-https',
                priority: 100,
                direction: 'Inbound',
                access: 'Allow',
                protocol: 'Tcp',
                source: ['*'],
                destination: ['*'],
                sourcePorts: [{ lo: 0, hi: 65535 }],
                destinationPorts: [{ lo: 443, hi: 443 }],
              },
            ],
          },
          { name: 'nic-nsg', securityRules: [] },
        ],
      }),
      network('corp', 'gcp', {
        subnets: [{ name: 'west', cidr: '10.128.0.0/20', region: 'europe-west1' }],
        hosts: [{ name: 'vm', subnet: 'west', ip: '10.128.0.2', tags: ['web'] }],
        firewallRules: [
          {
            name: 'allow-ssh',
            direction: 'INGRESS',
            priority: 1000,
            allow: [{ protocol: 'tcp', ports: [{ lo: 22, hi: 22 }] }],
            sourceRanges: ['35.235.240.0/20'],
          },
        ],
      }),
      network('app', 'openstack', {
        subnets: [{ name: 'app-sub', cidr: '192.168.10.0/24' }],
        hosts: [
          { name: 'srv1', subnet: 'app-sub', ip: '192.168.10.11', securityGroups: ['web'] },
          { name: 'srv2', subnet: 'app-sub', ip: '192.168.10.12' },
        ],
        securityGroups: [
          { name: 'web', rules: [tcpIngress(80, '0.0.0.0/0')] },
          { name: 'batch', rules: [] },
        ],
      }),
    ],
    sites: [],
    connections: [],
    peerings: [{ between: ['prod', 'shared'] }],
  };
}

export const state = (): NetworkState => initialState(filtered(), profile);

export type Act = TimelineAction extends infer A ? (A extends TimelineAction ? Omit<A, 'at'> : never) : never;

export function apply(s: NetworkState, action: Act, at = 60): Transition {
  return reduce(s, eventOfAction({ ...action, at }, 'timeline', 3));
}

export const net = (s: NetworkState, name: string) => {
  const n = s.topology.networks.find((x) => x.name === name);
  if (!n) throw new Error(`no network ${name}`);
  return n;
};

/** An Azure NSG rule (AZ-R26): deny-internet, outbound at priority 200, unless `over` says otherwise. */
export const nsgRule = (over: Partial<NsgRule>): NsgRule => ({
  name: 'deny-internet',
  priority: 200,
  direction: 'Outbound',
  access: 'Deny',
  protocol: '*',
  source: ['*'],
  destination: ['Internet'],
  sourcePorts: [{ lo: 0, hi: 65535 }],
  destinationPorts: [{ lo: 0, hi: 65535 }],
  ...over,
});
