/**
 * The provider route and port refusals the engine records as rejections (AWS-R3, AWS-R4, AWS-R8,
 * AWS-R13, AZ-R5, AZ-R6, AZ-R10, AZ-R11, GCP-R3, GCP-R5, GCP-R12, OS-R7, OS-R8, OS-R14), and the
 * prefix text they read (host bits, a leading zero in the length, IPv6, bare addresses).
 */
import { describe, expect, it } from 'vitest';
import { formatPrefix } from '@cloudroute/lpm';
import {
  awsNewCidrRefusal,
  awsRouteRefusal,
  azureRouteRefusal,
  azureRouteWarnings,
  gcpRouteRefusal,
  openstackExtraRouteRefusal,
  openstackPortRefusal,
  parseLooseAddress,
  parseLoosePrefix,
} from '@cloudroute/model';
import type {
  Connection,
  Gateway,
  Network,
  NetworkState,
  NextHop,
  Peering,
  Route,
  Subnet,
} from '@cloudroute/model';

function net(n: Partial<Network> & Pick<Network, 'name' | 'provider'>): Network {
  return { cidrs: [], subnets: [], routeTables: [], hosts: [], gateways: [], ...n };
}

function state(
  networks: Network[],
  more: { peerings?: Peering[]; connections?: Connection[] } = {},
): NetworkState {
  return {
    time: 0,
    topology: { networks, sites: [], connections: more.connections ?? [], peerings: more.peerings ?? [] },
    gateways: {},
    tunnels: {},
    sessions: {},
    adverts: {},
  } as unknown as NetworkState;
}

const route = (prefix: string, nextHop: NextHop, extra: Partial<Route> = {}): Route => ({
  prefix,
  nextHop,
  ...extra,
});

const dest = (text: string) => parseLoosePrefix(text)!;

describe('parseLoosePrefix: event and topology text', () => {
  it('clears host bits and says so; reads a leading zero in the length; a bare address is a host prefix', () => {
    expect(parseLoosePrefix('10.1.1.5/24')).toMatchObject({ family: 4, length: 24, hostBits: true });
    expect(formatPrefix(dest('10.1.1.5/24'))).toBe('10.1.1.0/24');
    expect(formatPrefix(dest('10.0.0.0/08'))).toBe('10.0.0.0/8');
    expect(parseLoosePrefix('10.0.0.0/08')?.hostBits).toBe(false);
    expect(formatPrefix(dest('10.0.1.7'))).toBe('10.0.1.7/32');
    expect(formatPrefix(dest('2001:DB8::1/32'))).toBe('2001:db8::/32');
    expect(parseLoosePrefix('2001:db8::1/32')?.hostBits).toBe(true);
    expect(formatPrefix(dest('fd00:ec2::5'))).toBe('fd00:ec2::5/128');
  });
  it('refuses malformed text', () => {
    for (const t of [
      'bogus',
      '10.0.0.0/33',
      '10.0.0.256/24',
      ' 10.0.0.0/16',
      '10.0.0.0/16/1',
      '10.0.0.0/',
      '10.0.0.0/0016',
    ])
      expect(parseLoosePrefix(t), t).toBeUndefined();
    expect(parseLooseAddress('10.0.1.1/32')).toBeUndefined();
    expect(parseLooseAddress('10.0.1.1')?.length).toBe(32);
  });
});

describe('AWS route refusals', () => {
  const vpc = net({
    name: 'vpc',
    provider: 'aws',
    cidrs: ['10.0.0.0/16'],
    subnets: [{ name: 'app', cidr: '10.0.1.0/24' }],
    gateways: [{ name: 'nat1', kind: 'nat' }],
    routeTables: [{ name: 'rt', routes: [route('192.168.0.0/24', { type: 'nat', gateway: 'nat1' })] }],
  });
  const st = state([vpc]);
  const refusal = (r: Route) => awsRouteRefusal(st, vpc, r, dest(r.prefix))?.rule;

  it('AWS-R8: reserved destinations and anything inside them, IPv6 included', () => {
    expect(refusal(route('169.254.169.0/24', { type: 'nat', gateway: 'nat1' }))).toBe('AWS-R8');
    expect(refusal(route('fd00:ec2::5/128', { type: 'nat', gateway: 'nat1' }))).toBe('AWS-R8');
    expect(refusal(route('169.254.0.0/16', { type: 'nat', gateway: 'nat1' }))).toBeUndefined();
  });
  it('AWS-R3 / AWS-R4: only a whole subnet CIDR to nat or eni inside the VPC CIDR; local only on the VPC CIDR', () => {
    expect(refusal(route('10.0.1.0/24', { type: 'nat', gateway: 'nat1' }))).toBeUndefined();
    expect(refusal(route('10.0.1.0/25', { type: 'nat', gateway: 'nat1' }))).toBe('AWS-R4');
    expect(refusal(route('10.0.1.0/24', { type: 'igw', gateway: 'nat1' }))).toBe('AWS-R4');
    expect(refusal(route('10.0.0.0/16', { type: 'igw', gateway: 'igw1' }))).toBe('AWS-R3');
    expect(refusal(route('10.0.0.0/16', { type: 'local' }))).toBeUndefined();
    expect(refusal(route('192.168.1.0/24', { type: 'local' }))).toBe('AWS-R3');
  });
  it('AWS-R12: targets must exist', () => {
    expect(refusal(route('0.0.0.0/0', { type: 'igw', gateway: 'igw1' }))).toBe('not-found');
    expect(refusal(route('0.0.0.0/0', { type: 'eni', ip: '10.0.1.999' }))).toBe('invalid-value');
  });
  it('AWS-R13: a new CIDR may not cover a route destination', () => {
    expect(awsNewCidrRefusal(vpc, '192.168.0.0/16')?.rule).toBe('AWS-R13');
    expect(awsNewCidrRefusal(vpc, '192.168.0.0/25')).toBeUndefined();
    expect(awsNewCidrRefusal(vpc, 'bogus')?.rule).toBe('invalid-prefix');
  });
});

describe('Azure route refusals and warnings', () => {
  const vnet = net({
    name: 'hub',
    provider: 'azure',
    cidrs: ['10.1.0.0/16'],
    subnets: [{ name: 'GatewaySubnet', cidr: '10.1.255.0/27', routeTable: 'gw-rt' }],
    hosts: [{ name: 'nva', ip: '10.1.0.4' }],
  });
  const table = { name: 'gw-rt', routes: [] };
  const st = state([vnet]);

  it('AZ-R5 next hop types, AZ-R11 routes per table', () => {
    expect(azureRouteRefusal(table, route('0.0.0.0/0', { type: 'igw', gateway: 'x' }), 1)?.rule).toBe(
      'invalid-next-hop',
    );
    expect(azureRouteRefusal(table, route('0.0.0.0/0', { type: 'Internet' }), 401)?.rule).toBe('AZ-R11');
    expect(azureRouteRefusal(table, route('0.0.0.0/0', { type: 'Internet' }), 400)).toBeUndefined();
  });
  it('AZ-R6, AZ-R5, AZ-R10 warnings, in that order; ::/0 counts as a default route', () => {
    const r = route('0.0.0.0/0', { type: 'VirtualAppliance', ip: '10.1.0.9' });
    expect(azureRouteWarnings(st, vnet, table, r, dest(r.prefix)).map((w) => w.rule)).toEqual([
      'AZ-R6',
      'AZ-R10',
    ]);
    const v6 = route('::/0', { type: 'VirtualNetworkGateway' });
    expect(azureRouteWarnings(st, vnet, table, v6, dest(v6.prefix)).map((w) => w.rule)).toEqual([
      'AZ-R5',
      'AZ-R10',
    ]);
    const known = route('10.2.0.0/16', { type: 'VirtualAppliance', ip: '10.1.0.4' });
    expect(azureRouteWarnings(st, vnet, table, known, dest(known.prefix))).toEqual([]);
  });
});

describe('GCP route refusals', () => {
  const vpc = net({
    name: 'vpc',
    provider: 'gcp',
    subnets: [{ name: 'a', cidr: '10.2.0.0/24', secondaryCidrs: ['10.3.0.0/20'] }],
    gateways: [{ name: 'havpn', kind: 'haVpn' }],
    routes: [route('0.0.0.0/0', { type: 'gateway', gateway: 'default-internet-gateway' }, { name: 'r1' })],
  });
  const peer = net({ name: 'peer', provider: 'gcp', subnets: [{ name: 'b', cidr: '10.9.0.0/16' }] });
  const conn = { name: 'c1', between: ['vpc/havpn', 'site'] } as unknown as Connection;
  const st = state([vpc, peer], { peerings: [{ name: 'p', between: ['vpc', 'peer'] }] });
  const refusal = (r: Route, replacing?: string, c?: Connection) =>
    gcpRouteRefusal(st, vpc, r, dest(r.prefix), replacing, c)?.rule;
  const igw: NextHop = { type: 'gateway', gateway: 'default-internet-gateway' };

  it('GCP-R12: not as or more specific than a local or peered subnet range (secondary ranges too)', () => {
    expect(refusal(route('10.2.0.0/25', igw))).toBe('GCP-R12');
    expect(refusal(route('10.3.1.0/24', igw))).toBe('GCP-R12');
    expect(refusal(route('10.9.1.0/24', igw))).toBe('GCP-R12');
    expect(refusal(route('10.2.0.0/23', igw))).toBeUndefined();
  });
  it('GCP-R3 priority and names, GCP-R5 next hops', () => {
    expect(refusal(route('8.8.8.0/24', igw, { priority: 65536 }))).toBe('GCP-R3');
    expect(refusal(route('8.8.8.0/24', igw, { name: 'r1' }))).toBe('already-exists');
    expect(refusal(route('8.8.8.0/24', igw, { name: 'r1' }), 'r1')).toBeUndefined();
    expect(refusal(route('8.8.8.0/24', { type: 'gateway', gateway: 'other' }))).toBe('GCP-R5');
    expect(refusal(route('8.8.8.0/24', { type: 'vpnTunnel', connection: 'c1' }), undefined, conn)).toBe(
      'GCP-R5',
    );
    expect(refusal(route('8.8.8.0/24', { type: 'vpnTunnel', connection: 'c9' }))).toBe('not-found');
  });
});

describe('OpenStack refusals', () => {
  const sub: Subnet = { name: 's1', cidr: '10.5.0.0/24' };
  const router: Gateway = { name: 'r', kind: 'router', interfaces: ['s1'] };
  const extra = (ip: string, count = 1, subs: Subnet[] = [sub]) =>
    openstackExtraRouteRefusal(router, route('10.8.0.0/16', { type: 'ip', ip }), count, subs)?.message;

  it('OS-R14: the nexthop lies on an interface subnet and is not the router itself', () => {
    expect(extra('10.5.0.9')).toBeUndefined();
    expect(extra('10.5.0.1')).toMatch(/used by router r itself/);
    expect(extra('10.5.0.9', 1, [{ ...sub, gatewayIp: '10.5.0.9' }])).toMatch(/itself/);
    expect(extra('10.6.0.9')).toMatch(/not connected/);
    expect(extra('10.5.0.9', 31)).toMatch(/Neutron allows 30/);
  });
  it('OS-R7 / OS-R8 on a port after an update', () => {
    const port = {
      label: 'n/h',
      portSecurity: true,
      allowedAddressPairs: [{ ip: '10.5.0.5/24' }],
      securityGroups: undefined,
      ip: '10.5.0.7',
      mac: undefined,
    };
    expect(openstackPortRefusal(port, true)).toBeUndefined();
    expect(openstackPortRefusal({ ...port, portSecurity: false }, true)?.rule).toBe('OS-R8');
    expect(openstackPortRefusal({ ...port, allowedAddressPairs: [{ ip: '10.5.0.7/32' }] }, true)?.rule).toBe(
      'OS-R7',
    );
    expect(openstackPortRefusal({ ...port, allowedAddressPairs: [{ ip: 'bogus' }] }, true)?.rule).toBe(
      'invalid-value',
    );
  });
});
