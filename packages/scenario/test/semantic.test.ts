// Over 400 lines: the cases of one subject (semantic), one describe block per rule or concern; a split would scatter one rule book section.
import { describe, expect, it } from 'vitest';
import { awsWithGateways, edit, example, load } from './helpers.js';

const aws = example('aws-vpc');
const azure = example('azure-hub');
const gcp = example('gcp-openstack');

/**
 * [what, a file, the text to replace in it, its replacement, every problem and warning of the
 * edited file as printed: formatted, one a line]
 */
type Case = readonly [string, string, string, string, string];

const references: Case[] = [
  [
    'a GCP vpnTunnel next hop to an HA VPN connection (GCP-R5)',
    gcp,
    'connection: lab-vpn } }\n      - { name: egress',
    'connection: dc1-ha } }\n      - { name: egress',
    'f.yaml:16:102: connection `dc1-ha` is not a Classic VPN tunnel of network corp — a `vpnTunnel` next hop is a Classic VPN tunnel (HA VPN routes are dynamic) [GCP-R5]',
  ],
  [
    'an unknown GCP instance next hop',
    gcp,
    'host: fw1 }',
    'host: fw9 }',
    'f.yaml:17:114: unknown host `fw9` in network corp; did you mean `fw1`? — known: vm1, vm2, fw1',
  ],
  [
    'an ilb next hop with both gateway and ip',
    gcp,
    'nextHop: { type: ilb, gateway: fw-ilb }',
    'nextHop: { type: ilb, gateway: fw-ilb, ip: 10.20.0.7 }',
    'f.yaml:19:98: an `ilb` next hop names the load balancer by `gateway` or by `ip` — give exactly one',
  ],
  [
    'an HA VPN whose router is not a Cloud Router',
    gcp,
    'router: rtr1 }\n      - { name: cvpn1',
    'router: cvpn1 }\n      - { name: cvpn1',
    'f.yaml:26:67: gateway `cvpn1` is a classicVpn — `router` names a cloudRouter gateway',
  ],
  [
    'a router on a network that is not external (OS-R13)',
    gcp,
    'externalGateway: { network: public',
    'externalGateway: { network: data',
    'f.yaml:50:37: network data is not external — mark it `external: true` or choose an external network [OS-R13]',
  ],
  [
    'an OpenStack host without an address',
    gcp,
    '{ name: web1, subnet: app-sub, ip: 192.168.10.10 }',
    '{ name: web1 }',
    'f.yaml:40:9: host web1 has no address — give it `subnet` and `ip`, or `ports`',
  ],
  [
    "an OpenStack host on its subnet's gateway address (OS-R2)",
    gcp,
    'ip: 192.168.10.10 }',
    'ip: 192.168.10.1 }',
    'f.yaml:40:44: 192.168.10.1 is the gateway address of subnet app-sub (OS-R2) — give host web1 another address',
  ],
  [
    'an unknown router interface',
    gcp,
    'interfaces: [app-sub]',
    'interfaces: [app-sub, nope]',
    'f.yaml:49:31: unknown subnet `nope` in network app — known: app-sub',
  ],
  [
    'a connection ending at an internet gateway',
    aws,
    'between: [prod/vgw1, dc]',
    'between: [prod/igw1, dc]',
    'f.yaml:40:31: connection dc-vpn ends at prod/igw1, an igw — a connection ends at a VPN gateway (vgw, tgw, vpn, haVpn, classicVpn)',
  ],
  [
    'a peering with an unknown network',
    azure,
    'between: [hub, spoke] }',
    'between: [hub, nowhere] }',
    'f.yaml:45:22: unknown network `nowhere` — known: hub, spoke',
  ],
  [
    "a site route via another site's connection",
    azure,
    '- { prefix: 10.1.255.5/32, via: dc1-vpn }\n  - name: branch',
    '- { prefix: 10.1.255.5/32, via: branch-vpn }\n  - name: branch',
    'f.yaml:38:39: connection `branch-vpn` does not end at site dc1 — route via one of its connections: dc1-vpn',
  ],
  [
    'an unknown peering next hop',
    aws,
    'gateway: prod-shared }',
    'gateway: prod-sharde }',
    'f.yaml:22:72: unknown peering `prod-sharde`; did you mean `prod-shared`? — known: prod-shared',
  ],
  [
    'two main route tables (AWS-R10)',
    edit(aws, '- name: public-rt\n', '- name: public-rt\n        main: true\n'),
    '- name: private-rt\n',
    '- name: private-rt\n        main: true\n',
    'f.yaml:19:15: route tables public-rt and private-rt are both `main` — a VPC has one main table [AWS-R10]',
  ],
];

const addresses: Case[] = [
  [
    'overlapping subnets',
    aws,
    '{ name: inspect, cidr: 172.20.9.0/24 }',
    '{ name: inspect, cidr: 172.20.0.0/20 }',
    'f.yaml:12:32: subnet inspect (172.20.0.0/20) overlaps subnet public (172.20.1.0/24) of network prod — give each subnet a range of its own',
  ],
  [
    'a repeated host address',
    aws,
    '{ name: api1, subnet: app, ip: 172.20.2.20 }',
    '{ name: api1, subnet: public, ip: 172.20.1.10 }',
    'f.yaml:27:43: 172.20.1.10 is already the address of host bastion — give host api1 an address of its own',
  ],
  [
    'an Azure host on a reserved address (AZ-R12)',
    azure,
    'ip: 10.1.1.10',
    'ip: 10.1.1.255',
    'f.yaml:22:40: 10.1.1.255 is reserved in subnet web (10.1.1.0/24): Azure keeps the first four addresses and the last — use 10.1.1.4 to 10.1.1.254 [AZ-R12]',
  ],
  [
    'a host outside its subnet',
    aws,
    'ip: 172.20.2.20',
    'ip: 172.20.3.20',
    'f.yaml:27:40: 172.20.3.20 is outside subnet app (172.20.2.0/24) — pick an address inside it or change the subnet',
  ],
  [
    'a duplicate subnet name',
    aws,
    '{ name: inspect, cidr',
    '{ name: app, cidr',
    'f.yaml:12:17: duplicate subnet name `app` in network prod — the first is at line 11; rename one\nf.yaml:26:30: unknown subnet `inspect` in network prod — known: public, app',
  ],
];

const timeline: Case[] = [
  [
    '`network:` on an AWS network',
    aws,
    'do: route.add, routeTable: prod/private-rt',
    'do: route.add, network: prod',
    "f.yaml:51:40: `network:` targets a GCP network's routes — prod is an AWS network; use `routeTable: net/table`",
  ],
  [
    'two route targets',
    aws,
    'do: route.add, routeTable: prod/private-rt',
    'do: route.add, routeTable: prod/private-rt, site: dc',
    'f.yaml:51:5: a route action names one place: `routeTable`, `site`, `network` or `gateway` — remove all but one of routeTable, site',
  ],
  [
    'an Azure next hop type on an AWS table',
    aws,
    'route: { prefix: 172.20.2.128/25, nextHop: { type: eni, ip: 172.20.9.10 } }',
    'route: { prefix: 172.20.2.128/25, nextHop: { type: VirtualAppliance, ip: 172.20.9.10 } }',
    'f.yaml:51:111: `VirtualAppliance` is an Azure next hop — on AWS use `{ type: eni, ip: ... }`',
  ],
  [
    'a gateway named before the timeline creates it',
    aws,
    'at: 80m, do: route.replace',
    'at: 72m, do: route.replace',
    'f.yaml:59:123: gateway `nat2` does not exist yet at 1h12m (created at 1h15m) — move this action after its creation',
  ],
  [
    'a gateway used after its delete',
    aws,
    'at: 75m, do: gateway.create, network: prod, gateway: { name: nat2, kind: nat, subnet: public }',
    'at: 75m, do: gateway.delete, gateway: prod/nat1',
    'f.yaml:58:45: gateway `prod/nat1` no longer exists at 1h15m (deleted at 1h10m) — move the action before the delete or create it again\nf.yaml:59:123: unknown gateway `nat2` in network prod; did you mean `nat1`? — known: igw1, nat1, vgw1',
  ],
  [
    'a gateway kind of another provider created by the timeline',
    aws,
    'gateway: { name: nat2, kind: nat, subnet: public }',
    'gateway: { name: nat2, kind: vpn }',
    'f.yaml:58:80: `vpn` is an Azure gateway kind — on AWS use `kind: vgw`\nf.yaml:59:123: gateway `nat2` is a vpn — a `nat` next hop names a nat gateway',
  ],
  [
    'a BGP session action on a static connection',
    azure,
    'do: bgp.session.down, connection: dc1-vpn',
    'do: bgp.session.down, connection: branch-vpn',
    'f.yaml:63:50: connection `branch-vpn` has no BGP session (`bgp: false`) — use `tunnel.down`/`tunnel.up`, or set `bgp: true`',
  ],
  [
    'a tunnel the connection does not have',
    azure,
    'connection: dc1-vpn, tunnel: 1 }\n  - { at: 95m',
    'connection: dc1-vpn, tunnel: 2 }\n  - { at: 95m',
    'f.yaml:63:67: connection `dc1-vpn` has 2 tunnels (0 to 1) — pick one of them',
  ],
  [
    'an advertisement from both a site and a gateway',
    azure,
    'do: bgp.withdraw, site: dc1,',
    'do: bgp.withdraw, site: dc1, gateway: hub/vng1,',
    'f.yaml:53:5: a BGP advertisement comes from a `site` or a `gateway` — give exactly one',
  ],
  [
    'a failover of an internet gateway',
    aws,
    'do: gateway.delete, gateway: prod/nat1',
    'do: gateway.failover, gateway: prod/igw1',
    'f.yaml:57:47: gateway `prod/igw1` is an igw — only VPN gateways fail over (vgw, tgw, vpn, haVpn, classicVpn)',
  ],
];

const updates: Case[] = [
  [
    '`port` on an AWS host',
    aws,
    'host: prod/fw1, set: { sourceDestCheck: true }',
    'host: prod/fw1, port: inspect, set: { sourceDestCheck: true }',
    'f.yaml:52:49: `port` is an OpenStack field — AWS hosts have one interface; remove it',
  ],
  [
    'an unknown OpenStack port',
    gcp,
    'port: data/data-sub, set: { allowedAddressPairs: [] }',
    'port: data/other, set: { allowedAddressPairs: [] }',
    'f.yaml:85:54: unknown port `data/other` of host app/fw2 — known: app/app-sub, data/data-sub',
  ],
  [
    'an Azure field set on an AWS host',
    aws,
    'set: { sourceDestCheck: true }',
    'set: { ipForwarding: true }',
    'f.yaml:52:56: `ipForwarding` is an Azure, GCP and OpenStack field — on AWS use `sourceDestCheck: false`',
  ],
  [
    'a rename',
    aws,
    'set: { sourceDestCheck: true }',
    'set: { name: x }',
    'f.yaml:52:56: `name` cannot be set — a name is fixed; to rename, create a new object',
  ],
  [
    'a plain number for a duration field',
    azure,
    'set: { sku: VpnGw3 }',
    'set: { provisioning: 600 }',
    'f.yaml:71:77: `600` is a plain number — durations carry a unit (s, m, h, d): write `10m`',
  ],
  [
    'a misspelt value',
    gcp,
    'set: { routingMode: global }',
    'set: { routingMode: globl }',
    'f.yaml:82:71: the text `globl` is not allowed for `routingMode`; did you mean `global`? — use one of regional, global',
  ],
  [
    'an OpenStack field on an Azure subnet',
    azure,
    'set: { defaultOutboundAccess: true }',
    'set: { hostRoutes: [] }',
    'f.yaml:68:64: `hostRoutes` is an OpenStack field — an Azure subnet takes: name, cidr, routeTable, defaultOutboundAccess, networkSecurityGroup, defaultHost, id',
  ],
];

const flowsAndChaos: Case[] = [
  [
    'a flow to an unknown site',
    aws,
    'to: dc, count',
    'to: dcx, count',
    'f.yaml:47:42: unknown site `dcx`; did you mean `dc`? — known: dc',
  ],
  [
    'a flow to an address',
    aws,
    'to: 172.20.1.0/24, count',
    'to: 172.20.1.5, count',
    'f.yaml:46:45: `172.20.1.5` is an address, not a prefix — write `172.20.1.5/32`',
  ],
  [
    'a flow from an unknown subnet',
    aws,
    'from: prod/app, to: internet',
    'from: prod/appp, to: internet',
    'f.yaml:44:33: unknown subnet or host `prod/appp`; did you mean `prod/app`? — known: prod/public, prod/app, prod/inspect, prod/bastion, prod/fw1, prod/api1, shared/tools',
  ],
  [
    'a flow count above the cap',
    aws,
    'count: 10000',
    'count: 1000000000',
    'f.yaml:44:64: 1000000000 is above the maximum 100000000 for a flow count — lower it',
  ],
  [
    'an expectation of an unknown group',
    aws,
    'flows: app-shared, during',
    'flows: app-shard, during',
    'f.yaml:61:14: unknown flow group `app-shard`; did you mean `app-shared`? — known: app-internet, bastion-internet, app-public, app-dc, app-shared',
  ],
  [
    'an interval that runs backwards',
    azure,
    'during: [10m, 40m]',
    'during: [40m, 10m]',
    'f.yaml:73:36: `during` [40m, 10m] is empty or runs backwards — write [start, end] with start before end',
  ],
  [
    'a reachable fraction above 1',
    azure,
    'during: [10m, 40m], reachable: 0 }',
    'during: [10m, 40m], reachable: 1.5 }',
    'f.yaml:73:59: `reachable` is a fraction — use 0 (none) to 1 (all)',
  ],
  [
    'a chaos fault with an unknown connection and a zero mtbf',
    azure,
    'connection: branch-vpn, mtbf: 30d',
    'connection: branch-vpnn, mtbf: 0s',
    'f.yaml:79:40: unknown connection `branch-vpnn`; did you mean `branch-vpn`? — known: dc1-vpn, branch-vpn\nf.yaml:79:59: a mean time between failures of 0s — write a positive duration such as `30d`',
  ],
  [
    'a repair range that runs backwards',
    azure,
    'mttr: 5m..2h',
    'mttr: 2h..5m',
    'f.yaml:79:69: `2h..5m` runs backwards — write the shorter time first',
  ],
  [
    'a repair time on a failover fault',
    azure,
    'gateway: hub/vng1, mtbf: 90d }',
    'gateway: hub/vng1, mtbf: 90d, mttr: 5m }',
    'f.yaml:80:63: `mttr` is not a field of a `gateway.failover` fault — it belongs to `tunnel.down`, `bgp.session.down`, `host.update`; a `gateway.failover` fault takes: kind, gateway, mtbf',
  ],
];

describe.each([
  ['topology references', references],
  ['addresses', addresses],
  ['timeline', timeline],
  ['updates', updates],
  ['flows, expectations and chaos', flowsAndChaos],
] as const)('%s', (_, cases) => {
  it.each(cases)('%s', (_what, file, from, to, expected) => {
    const r = load(edit(file, from, to));
    expect(r.lines.join('\n')).toBe(expected);
    expect(r.scenario).toBeUndefined();
  });
});

// The case whose edit is a block of YAML: the same section, its own test.
describe('topology references', () => {
  it('transit gateway attachments and routes', () => {
    const r = load(
      awsWithGateways(
        `      - name: tgw1
        kind: tgw
        attachments:
          - { name: a1, network: prod, routeTable: rt1 }
          - { name: a2, network: shared, routeTable: rt2, propagations: [rt1] }
          - { name: a3, connection: dc-vpn }
        routeTables:
          - name: rt1
            routes: [ { prefix: 10.0.0.0/8, attachment: a4 }, { prefix: 10.1.0.0/16, blackhole: true, attachment: a1 } ]`,
      ),
    );
    expect(r.lines).toEqual([
      'f.yaml:36:54: unknown transit gateway route table `rt2` in tgw1; did you mean `rt1`? — known: rt1',
      'f.yaml:37:37: connection `dc-vpn` does not end at prod/tgw1 — set its `between` to [prod/tgw1, ...]',
      'f.yaml:40:57: unknown attachment `a4` in tgw1; did you mean `a1`? — known: a1, a2, a3',
      'f.yaml:40:63: a transit gateway route goes to an `attachment` or is `blackhole: true` — give exactly one',
    ]);
    expect(r.scenario).toBeUndefined();
  });
});

describe('values and defaults', () => {
  it('defaults seed to 1, horizon to 1h, firewall to none, chaos runs to 100', () => {
    const s = load('name: d\nchaos: { faults: [] }\n').scenario!;
    expect([s.seed, s.horizon, s.firewall, s.chaos?.runs]).toEqual([1, 3600, 'none', 100]);
    expect(s.topology).toEqual({ networks: [], sites: [], connections: [], peerings: [], firewall: 'none' });
  });

  it('merges a profile block over the default profile, in seconds', () => {
    const s = load(
      'name: p\nprofile: { azure: { vpnGatewayProvisioning: 30m }, openstack: { firewallDriver: iptables }, bgpSessionEstablish: 5s }\n',
    ).scenario!;
    expect(s.profile.azure.vpnGatewayProvisioning).toBe(1800);
    expect(s.profile.azure.failoverPlanned).toBe(15);
    expect(s.profile.openstack.firewallDriver).toBe('iptables');
    expect(s.profile.bgpSessionEstablish).toBe(5);
  });

  it('refuses bad profile values', () => {
    expect(
      load('name: p\nprofile: { aws: { natProvisioning: 2 }, gcp: { stoppedNextHop: dropp } }\n').lines,
    ).toEqual([
      'f.yaml:2:36: `2` is a plain number — durations carry a unit (s, m, h, d): write `2s`',
      'f.yaml:2:64: the text `dropp` is not allowed for `stoppedNextHop`; did you mean `drop`? — use one of disregard, drop',
    ]);
  });

  it('canonicalises prefixes and addresses', () => {
    const s = load(
      'name: c\nsites: [ { name: s, cidrs: [2001:DB8:0:0::/32, 10.0.0.0/8], bgpPeerIp: 2001:db8:0:0:0:0:0:1 } ]\n',
    ).scenario!;
    expect(s.topology.sites[0]).toMatchObject({
      cidrs: ['2001:db8::/32', '10.0.0.0/8'],
      bgpPeerIp: '2001:db8::1',
    });
  });

  it('refuses wrong types, nulls and huge numbers with their places', () => {
    expect(load('name: 5\nseed: true\nhorizon: [1h]\nnetworks: { a: 1 }\nsites: null\n').lines).toEqual([
      'f.yaml:1:7: `name` must be text, not the number 5 — quote it: `"5"`',
      'f.yaml:2:7: expected a seed (a whole number from 0 to 9007199254740991), not `true` — write a plain number',
      'f.yaml:3:10: expected a duration, not a list — write e.g. `90s`, `10m`, `1h30m` or `30d`',
      'f.yaml:4:11: `networks` must be a list, not a mapping — write a list `[...]` or `- ` items',
      'f.yaml:5:8: `sites` must be a list, not null — write a list, e.g. `[ ... ]`',
    ]);
    expect(load('name: h\nseed: 1e400\nhorizon: 99999999999999999999d\n').lines).toEqual([
      'f.yaml:2:7: expected a seed (a whole number from 0 to 9007199254740991), not the number Infinity — write a plain number',
      'f.yaml:3:10: `99999999999999999999d` is longer than 100 years — write a shorter duration',
    ]);
    expect(load('name: h\nseed: 9007199254740993\n').lines).toEqual([
      'f.yaml:2:7: expected a seed (a whole number from 0 to 9007199254740991), not the number 9007199254740992 — write a plain number',
    ]);
  });

  it('refuses fractional and unitless durations with the fix', () => {
    expect(load('name: f\nhorizon: 1.5h\n').lines).toEqual([
      'f.yaml:2:10: `1.5h` is not a duration — use whole units, e.g. `1h30m` rather than `1.5h`',
    ]);
    expect(load('name: f\nhorizon: "90"\n').lines).toEqual([
      'f.yaml:2:10: `90` has no unit — write `90s`, `90m` or `90h`',
    ]);
  });
});
