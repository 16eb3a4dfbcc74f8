// Over 400 lines: the cases of one subject (filters-parse), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Traffic filters in the scenario format (FILTERS.md "Filter objects", "Flows"): every field is
 * read, defaulted and normalised into the model's filter types (model/src/filters/types.ts), and a
 * scenario without them loads exactly as before (invariant 55).
 */
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '@cloudroute/model';
import type { Network } from '@cloudroute/model';
import { scenarioJsonSchema } from '../src/index.js';
import { normaliseProtocol, parsePortRange } from '../src/schema/filters.js';
import { EXAMPLE_NAMES, edit, example, load } from './helpers.js';
import { FILTERED } from './filters-fixture.js';
// The deny-internet NSG rule builder the engine's filter tests use (AZ-R26), its defaults the parsed ones.
import { nsgRule } from '../../engine/test/filters-fixtures.js';

function network(text: string, name: string): Network {
  const r = load(text);
  expect(r.problems).toEqual([]);
  const n = r.scenario?.topology.networks.find((x) => x.name === name);
  if (n === undefined) throw new Error(`no network ${name}`);
  return n;
}

describe('the filtered fixture', () => {
  it('loads without a problem or a warning', () => {
    const r = load(FILTERED);
    expect(r.lines).toEqual([]);
    expect(r.scenario?.firewall).toBe('rules');
    expect(r.scenario?.topology.firewall).toBe('rules');
    expect(r.scenario?.topology.serviceTags).toEqual({ Storage: ['20.60.0.0/16'] });
  });
});

describe('AWS: prefix lists, security groups, network ACLs (AWS-R35..R40)', () => {
  const prod = network(FILTERED, 'prod');

  it('keeps prefix lists, names and associations as written', () => {
    expect(prod.prefixLists).toEqual([{ name: 'corp', cidrs: ['192.168.0.0/16'] }]);
    expect(prod.subnets[0]).toEqual({ name: 'web', cidr: '10.0.1.0/24', networkAcl: 'web-acl' });
    expect(prod.subnets[1]?.defaultHost).toEqual({ securityGroups: ['db-sg'] });
    expect(prod.hosts[0]?.securityGroups).toEqual(['web-sg']);
  });

  it("writes a new group's allow-all outbound rule when there is no `outbound` key; `outbound: []` stays empty", () => {
    expect(prod.securityGroups?.[0]).toEqual({
      name: 'web-sg',
      inbound: [
        { protocol: 'tcp', port: { lo: 443, hi: 443 }, cidr: '0.0.0.0/0' },
        { protocol: 'tcp', port: { lo: 22, hi: 22 }, prefixList: 'corp' },
      ],
      outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
    });
    expect(prod.securityGroups?.[1]).toEqual({
      name: 'db-sg',
      inbound: [{ name: 'pg', protocol: 'tcp', port: { lo: 5432, hi: 5432 }, securityGroup: 'web-sg' }],
      outbound: [],
    });
  });

  it('gives a group without `inbound` no inbound rule', () => {
    const n = network(
      edit(
        FILTERED,
        '{ name: db-sg, inbound: [ { name: pg, protocol: tcp, port: 5432, securityGroup: web-sg } ], outbound: [] }',
        '{ name: db-sg }',
      ),
      'prod',
    );
    expect(n.securityGroups?.[1]).toEqual({
      name: 'db-sg',
      inbound: [],
      outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
    });
  });

  it('reads NACL entries with ranges and protocol numbers', () => {
    // Both of web-acl's entries are rule 100, allowing from or to anywhere.
    const anywhere100 = { ruleNumber: 100, cidr: '0.0.0.0/0', action: 'allow' } as const;
    expect(prod.networkAcls).toEqual([
      {
        name: 'web-acl',
        inbound: [{ ...anywhere100, protocol: 'tcp', port: { lo: 1024, hi: 65535 } }],
        outbound: [{ ...anywhere100, protocol: 'all' }],
      },
    ]);
    const n = network(
      edit(
        FILTERED,
        'outbound: [ { ruleNumber: 100, protocol: all, cidr: 0.0.0.0/0, action: allow } ]',
        'default: true\n        outbound: [ { ruleNumber: 100, protocol: "-1", cidr: 0.0.0.0/0, action: allow }, { ruleNumber: 110, protocol: "17", port: 53, cidr: 10.0.0.0/8, action: deny }, { ruleNumber: 120, protocol: 1, icmpType: 8, icmpCode: -1, cidr: 10.0.0.0/8, action: deny }, { ruleNumber: 130, protocol: 50, cidr: 10.0.0.0/8, action: allow } ]',
      ),
      'prod',
    );
    expect(n.networkAcls?.[0]?.default).toBe(true);
    expect(n.networkAcls?.[0]?.outbound).toEqual([
      { ...anywhere100, protocol: 'all' },
      { ruleNumber: 110, protocol: 'udp', port: { lo: 53, hi: 53 }, cidr: '10.0.0.0/8', action: 'deny' },
      { ruleNumber: 120, protocol: 'icmp', icmpType: 8, cidr: '10.0.0.0/8', action: 'deny' },
      { ruleNumber: 130, protocol: 50, cidr: '10.0.0.0/8', action: 'allow' },
    ]);
  });

  it('a network `firewall` overrides the top level', () => {
    const n = network(
      edit(FILTERED, '    provider: aws\n', '    provider: aws\n    firewall: none\n'),
      'prod',
    );
    expect(n.firewall).toBe('none');
  });
});

describe('protocols and ports', () => {
  it.each([
    [-1, 'all'],
    ['-1', 'all'],
    ['all', 'all'],
    ['*', 'all'],
    ['ALL', 'all'],
    [6, 'tcp'],
    ['6', 'tcp'],
    ['TCP', 'tcp'],
    [17, 'udp'],
    ['17', 'udp'],
    [1, 'icmp'],
    ['1', 'icmp'],
    ['icmp', 'icmp'],
    [50, 50],
    ['esp', 50],
    ['ah', 51],
    ['47', 47],
    [0, 0],
  ] as const)('protocol %j is %j', (input, expected) => {
    expect(normaliseProtocol(input)).toBe(expected);
  });

  it.each([256, -2, 'tcpp', '', 1.5, true])('%j is no protocol', (input) => {
    expect(normaliseProtocol(input)).toBeUndefined();
  });

  it('reads ports and ranges, refuses the rest', () => {
    expect(parsePortRange(443)).toEqual({ lo: 443, hi: 443 });
    expect(parsePortRange('443')).toEqual({ lo: 443, hi: 443 });
    expect(parsePortRange('1024-65535')).toEqual({ lo: 1024, hi: 65535 });
    expect(parsePortRange('0-0')).toEqual({ lo: 0, hi: 0 });
    expect(parsePortRange(65536)).toMatch(/outside 0–65535/);
    expect(parsePortRange('2000-1000')).toMatch(
      /runs backwards — write the lower port first \(`1000-2000`\)/,
    );
    expect(parsePortRange('http')).toMatch(/is not a port/);
    expect(parsePortRange(1.5)).toMatch(/is not a port/);
  });
});

describe('Azure NSGs (AZ-R25..R27)', () => {
  const hub = network(FILTERED, 'hub');

  it('normalises protocol case, addresses and ports into lists with defaults', () => {
    expect(hub.networkSecurityGroups?.[0]?.securityRules).toEqual([
      nsgRule({
        name: 'allow-storage',
        priority: 100,
        access: 'Allow',
        protocol: 'Tcp',
        destination: ['Storage'],
        destinationPorts: [{ lo: 443, hi: 443 }],
      }),
      nsgRule({}),
      nsgRule({
        name: 'web-in',
        priority: 100,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        source: ['10.0.0.0/16', '10.2.0.0/16'],
        destination: ['*'],
        destinationPorts: [
          { lo: 80, hi: 80 },
          { lo: 8000, hi: 8080 },
        ],
      }),
    ]);
    expect(hub.subnets[0]?.networkSecurityGroup).toBe('app-nsg');
    expect(hub.hosts[0]?.networkSecurityGroup).toBe('app-nsg');
  });

  it('accepts lower-case directions and access, an address, `"*"` ports and an NSG of another VNet', () => {
    const text = edit(
      edit(
        FILTERED,
        '{ name: deny-internet, priority: 200, direction: Outbound, access: Deny, destination: Internet }',
        '{ name: deny-internet, priority: 200, direction: outbound, access: deny, protocol: udp, destination: 10.9.0.1, sourcePorts: "*", destinationPorts: ["*"] }',
      ),
      '{ name: GatewaySubnet, cidr: 10.1.255.0/27 }',
      '{ name: GatewaySubnet, cidr: 10.1.255.0/27 }\n      - { name: other, cidr: 10.1.2.0/24, networkSecurityGroup: hub/app-nsg, defaultHost: { networkSecurityGroup: app-nsg } }',
    );
    const n = network(text, 'hub');
    expect(n.networkSecurityGroups?.[0]?.securityRules[1]).toEqual(
      nsgRule({ protocol: 'Udp', destination: ['10.9.0.1'] }),
    );
    expect(n.subnets[2]).toEqual({
      name: 'other',
      cidr: '10.1.2.0/24',
      networkSecurityGroup: 'hub/app-nsg',
      defaultHost: { networkSecurityGroup: 'app-nsg' },
    });
  });
});

describe('GCP firewall rules (GCP-R26)', () => {
  it('defaults direction INGRESS and priority 1000, reads ports strings as ranges', () => {
    const corp = network(FILTERED, 'corp');
    expect(corp.firewallRules).toEqual([
      {
        name: 'allow-ssh',
        direction: 'INGRESS',
        priority: 1000,
        sourceRanges: ['0.0.0.0/0'],
        allow: [{ protocol: 'tcp', ports: [{ lo: 22, hi: 22 }] }],
        targetTags: ['web'],
      },
      {
        name: 'deny-out',
        direction: 'EGRESS',
        priority: 900,
        destinationRanges: ['10.0.0.0/8'],
        deny: [{ protocol: 'all' }],
      },
    ]);
    expect(corp.hosts[0]).toMatchObject({ tags: ['web'], serviceAccount: 'app' });
    expect(corp.subnets[0]?.defaultHost).toEqual({ tags: ['web'] });
  });

  it('reads port ranges, several protocols, service accounts and `disabled`', () => {
    const corp = network(
      edit(
        FILTERED,
        '{ name: allow-ssh, sourceRanges: [0.0.0.0/0], allow: [ { protocol: tcp, ports: ["22"] } ], targetTags: [web] }',
        '{ name: allow-ssh, sourceServiceAccounts: [app], allow: [ { protocol: tcp, ports: ["22", "1000-2000", 443] }, { protocol: icmp }, { protocol: "esp" } ], targetServiceAccounts: [db], disabled: true }',
      ),
      'corp',
    );
    expect(corp.firewallRules?.[0]).toEqual({
      name: 'allow-ssh',
      direction: 'INGRESS',
      priority: 1000,
      sourceServiceAccounts: ['app'],
      allow: [
        {
          protocol: 'tcp',
          ports: [
            { lo: 22, hi: 22 },
            { lo: 1000, hi: 2000 },
            { lo: 443, hi: 443 },
          ],
        },
        { protocol: 'icmp' },
        { protocol: 50 },
      ],
      targetServiceAccounts: ['db'],
      disabled: true,
    });
  });
});

describe('OpenStack security groups (OS-R18..R23)', () => {
  it('keeps rules as Neutron writes them: absent protocol, ports and remote mean any', () => {
    const lab = network(FILTERED, 'lab');
    expect(lab.securityGroups).toEqual([
      {
        name: 'web',
        stateful: false,
        rules: [
          {
            direction: 'ingress',
            protocol: 'tcp',
            portRangeMin: 80,
            portRangeMax: 80,
            remoteIpPrefix: '0.0.0.0/0',
          },
          { direction: 'ingress', remoteGroup: 'default' },
          { direction: 'egress' },
        ],
      },
    ]);
    expect(lab.hosts[0]?.securityGroups).toEqual(['web', 'default']);
  });

  it("resolves ports' groups by name or `net/group`; a null protocol is any", () => {
    const text = edit(
      edit(FILTERED, '{ direction: egress }', '{ direction: egress, protocol: null, ethertype: IPv4 }'),
      '    hosts: [ { name: web1, subnet: lab-sub, ip: 192.168.10.5, securityGroups: [web, default] } ]',
      '    hosts:\n      - { name: web1, ports: [ { subnet: lab-sub, ip: 192.168.10.5, securityGroups: [lab/web] } ] }',
    );
    const lab = network(text, 'lab');
    expect(lab.securityGroups?.[0]?.rules?.[2]).toEqual({ direction: 'egress', ethertype: 'IPv4' });
    expect(lab.hosts[0]?.ports?.[0]?.securityGroups).toEqual(['lab/web']);
  });
});

describe('flows and the profile', () => {
  it('builds protocol, port and sourcePorts into the flow group; absent stays absent', () => {
    const text = edit(
      FILTERED,
      '  - { name: https, from: prod/web, to: 10.0.2.0/24, protocol: tcp, port: 443, count: 2 }',
      '  - { name: https, from: prod/web, to: 10.0.2.0/24, protocol: tcp, port: 443, count: 2 }\n  - { name: ntp, from: prod/web, to: 10.0.2.0/24, protocol: udp, port: 120-125, sourcePorts: 49152-65535, count: 3 }\n  - { name: ping, from: prod/web, to: 10.0.2.0/24, protocol: icmp, count: 1 }\n  - { name: any, from: prod/web, to: internet, protocol: any, count: 1 }',
    );
    const r = load(text);
    expect(r.problems).toEqual([]);
    expect(r.scenario?.flows).toEqual([
      {
        name: 'https',
        from: 'prod/web',
        to: '10.0.2.0/24',
        protocol: 'tcp',
        port: { lo: 443, hi: 443 },
        count: 2,
      },
      {
        name: 'ntp',
        from: 'prod/web',
        to: '10.0.2.0/24',
        protocol: 'udp',
        port: { lo: 120, hi: 125 },
        sourcePorts: { lo: 49152, hi: 65535 },
        count: 3,
      },
      { name: 'ping', from: 'prod/web', to: '10.0.2.0/24', protocol: 'icmp', count: 1 },
      { name: 'any', from: 'prod/web', to: 'internet', protocol: 'any', count: 1 },
    ]);
    expect(Object.keys(r.scenario?.flows[2] ?? {})).not.toContain('port');
  });

  it('merges the filter profile options over the defaults', () => {
    const r = load(
      edit(
        FILTERED,
        'firewall: rules\n',
        'firewall: rules\nprofile:\n  flows: { sourcePorts: 1024-65535 }\n  filters: { existingConnections: keep }\n  azure: { virtualNetworkTagIncludesRoutes: false, gatewaySubnetNsg: ignored }\n',
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.scenario?.profile.flows).toEqual({ sourcePorts: { lo: 1024, hi: 65535 } });
    expect(r.scenario?.profile.filters).toEqual({ existingConnections: 'keep' });
    expect(r.scenario?.profile.azure).toEqual({
      ...defaultProfile.azure,
      virtualNetworkTagIncludesRoutes: false,
      gatewaySubnetNsg: 'ignored',
    });
  });

  it('keeps the defaults when a profile sets other options', () => {
    const r = load(
      edit(FILTERED, 'firewall: rules\n', 'firewall: rules\nprofile: { bgpSessionEstablish: 5s }\n'),
    );
    expect(r.scenario?.profile.flows).toEqual({ sourcePorts: { lo: 32768, hi: 61000 } });
    expect(r.scenario?.profile.filters).toEqual({ existingConnections: 'reevaluate' });
    expect(r.scenario?.profile.azure.gatewaySubnetNsg).toBe('breaks');
    expect(r.scenario?.profile.azure.virtualNetworkTagIncludesRoutes).toBe(true);
  });
});

describe('invariant 55: nothing changes where filters are absent', () => {
  it.each(EXAMPLE_NAMES)('%s has no filter field in its topology, flows or profile', (name) => {
    const r = load(example(name));
    expect(r.problems).toEqual([]);
    const s = r.scenario;
    const text = JSON.stringify([s?.topology, s?.flows]);
    for (const key of [
      'serviceTags',
      'prefixLists',
      'networkAcls',
      'networkAcl',
      'networkSecurityGroups',
      'networkSecurityGroup',
      'firewallRules',
      'defaultHost',
      'serviceAccount',
      '"protocol"',
      'sourcePorts',
    ])
      expect(text).not.toContain(key);
    expect(s?.profile.flows).toEqual(defaultProfile.flows);
    expect(s?.profile.filters).toEqual(defaultProfile.filters);
  });
});

describe('the JSON Schema', () => {
  it('accepts the filtered fixture and a timeline of filter actions', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(scenarioJsonSchema());
    const text = `${FILTERED}timeline:\n  - { at: 1m, do: filterRule.add, securityGroup: prod/web-sg, direction: inbound, rule: { protocol: "6", port: 80, cidr: 10.0.0.0/8 } }\n  - { at: 2m, do: filterRule.remove, networkAcl: prod/web-acl, direction: inbound, ruleNumber: 100 }\n  - { at: 3m, do: filter.update, securityGroup: lab/web, set: { stateful: true } }\n`;
    const ok = validate(parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('refuses a filter list on the wrong provider', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(scenarioJsonSchema());
    expect(
      validate(
        parse(
          edit(
            FILTERED,
            '    prefixLists: [ { name: corp',
            '    firewallRules: []\n    prefixLists: [ { name: corp',
          ),
        ),
      ),
    ).toBe(false);
  });
});
