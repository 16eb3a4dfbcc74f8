// Over 400 lines: the cases of one subject (reducer), one describe block per rule or concern; a split would scatter one rule book section.
import { applyPatches } from 'immer';
import { describe, expect, it } from 'vitest';
import type { NetworkState } from '@cloudroute/model';
import { eventOfAction, initialState, reduce } from '../src/index.js';
import type { TimelineAction, Transition } from '../src/index.js';
import { awsVpc, azureHub, gcpOpenstack, profile } from './fixtures.js';

type Act = TimelineAction extends infer A ? (A extends TimelineAction ? Omit<A, 'at'> : never) : never;

function apply(state: NetworkState, action: Act, at = 60): Transition {
  return reduce(state, eventOfAction({ ...action, at }, 'timeline', 7));
}

function refused(t: Transition, rule: string, before: NetworkState): void {
  expect(t.applied).toBe(false);
  expect(t.state).toBe(before);
  expect(t.rejections.map((r) => r.rule)).toEqual([rule]);
  expect(t.rejections[0]?.index).toBe(7);
  expect(t.touched).toEqual([]);
  expect(t.scheduled).toEqual([]);
}

const aws = (): NetworkState => initialState(awsVpc(), profile);
const azure = (): NetworkState => initialState(azureHub(), profile);
const gcpos = (): NetworkState => initialState(gcpOpenstack(), profile);

const routesOf = (s: NetworkState, net: string, rt: string): readonly string[] =>
  s.topology.networks
    .find((n) => n.name === net)
    ?.routeTables.find((t) => t.name === rt)
    ?.routes.map((r) => r.prefix) ?? [];

describe('AWS route refusals', () => {
  it('AWS-R4: a route more specific than the local route that is not a whole subnet CIDR is refused', () => {
    const s = aws();
    const t = apply(s, {
      do: 'route.add',
      routeTable: 'prod/private-rt',
      route: { prefix: '172.20.2.128/25', nextHop: { type: 'eni', ip: '172.20.9.10' } },
    });
    refused(t, 'AWS-R4', s);
    expect(t.rejections[0]).toMatchObject({ at: 60, action: 'route.add' });
    expect(t.rejections[0]?.message).toMatch(/whole subnet CIDR/);
  });

  it('AWS-R4: a whole subnet CIDR to an eni is accepted', () => {
    const s = aws();
    const t = apply(s, {
      do: 'route.add',
      routeTable: 'prod/private-rt',
      route: { prefix: '172.20.1.0/24', nextHop: { type: 'eni', ip: '172.20.9.10' } },
    });
    expect(t.applied).toBe(true);
    expect(routesOf(t.state, 'prod', 'private-rt')).toContain('172.20.1.0/24');
    expect(t.touched).toEqual(['prod/app', 'prod/igw1', 'prod/nat1', 'prod/vgw1']);
  });

  it('AWS-R4: a whole subnet CIDR to an internet gateway is refused', () => {
    const s = aws();
    const t = apply(s, {
      do: 'route.add',
      routeTable: 'prod/private-rt',
      route: { prefix: '172.20.1.0/24', nextHop: { type: 'igw', gateway: 'igw1' } },
    });
    refused(t, 'AWS-R4', s);
  });

  it('AWS-R8: routes into 169.254.168.0/22 are refused, broader ones accepted', () => {
    const s = aws();
    const bad = apply(s, {
      do: 'route.add',
      routeTable: 'prod/public-rt',
      route: { prefix: '169.254.169.0/24', nextHop: { type: 'igw', gateway: 'igw1' } },
    });
    refused(bad, 'AWS-R8', s);
    const v6 = apply(s, {
      do: 'route.add',
      routeTable: 'prod/public-rt',
      route: { prefix: 'fd00:ec2::/40', nextHop: { type: 'igw', gateway: 'igw1' } },
    });
    refused(v6, 'AWS-R8', s);
    const ok = apply(s, {
      do: 'route.add',
      routeTable: 'prod/public-rt',
      route: { prefix: '169.254.0.0/16', nextHop: { type: 'igw', gateway: 'igw1' } },
    });
    expect(ok.applied).toBe(true);
  });

  it('AWS-R3: the VPC CIDR route can point at a NAT gateway but not at an internet gateway', () => {
    const s = aws();
    refused(
      apply(s, {
        do: 'route.add',
        routeTable: 'prod/public-rt',
        route: { prefix: '172.20.0.0/16', nextHop: { type: 'igw', gateway: 'igw1' } },
      }),
      'AWS-R3',
      s,
    );
    expect(
      apply(s, {
        do: 'route.add',
        routeTable: 'prod/public-rt',
        route: { prefix: '172.20.0.0/16', nextHop: { type: 'nat', gateway: 'nat1' } },
      }).applied,
    ).toBe(true);
  });

  it('not-found: removing a route that does not exist is refused', () => {
    const s = aws();
    const t = apply(s, { do: 'route.remove', routeTable: 'prod/public-rt', prefix: '10.0.0.0/8' });
    refused(t, 'not-found', s);
    refused(apply(s, { do: 'route.remove', routeTable: 'prod/nope', prefix: '10.0.0.0/8' }), 'not-found', s);
    refused(
      apply(s, {
        do: 'route.add',
        routeTable: 'prod/public-rt',
        route: { prefix: '10.9.0.0/16', nextHop: { type: 'nat', gateway: 'nat9' } },
      }),
      'not-found',
      s,
    );
  });

  it('already-exists: a second route to the same prefix is refused; route.replace changes it', () => {
    const s = aws();
    refused(
      apply(s, {
        do: 'route.add',
        routeTable: 'prod/private-rt',
        route: { prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw1' } },
      }),
      'already-exists',
      s,
    );
    const t = apply(s, {
      do: 'route.replace',
      routeTable: 'prod/private-rt',
      route: { prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw1' } },
    });
    expect(t.applied).toBe(true);
    const rt = t.state.topology.networks[0]?.routeTables.find((x) => x.name === 'private-rt');
    expect(rt?.routes[0]).toEqual({ prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw1' } });
  });

  it('AWS-R12: a route to a deleted NAT gateway cannot be added', () => {
    const s1 = apply(aws(), { do: 'gateway.delete', gateway: 'prod/nat1' }).state;
    refused(
      apply(s1, {
        do: 'route.add',
        routeTable: 'prod/public-rt',
        route: { prefix: '10.9.0.0/16', nextHop: { type: 'nat', gateway: 'nat1' } },
      }),
      'not-found',
      s1,
    );
  });

  it('AWS-R21: a VGW ASN cannot change in place; with recreate it is a new VGW', () => {
    const s = aws();
    refused(apply(s, { do: 'gateway.update', gateway: 'prod/vgw1', set: { asn: 64600 } }), 'AWS-R21', s);
    const t = apply(s, { do: 'gateway.update', gateway: 'prod/vgw1', set: { asn: 64600 }, recreate: true });
    expect(t.applied).toBe(true);
    expect(t.state.gateways['prod/vgw1']).toMatchObject({
      phase: 'provisioning',
      generation: 1,
      until: 60 + 300,
    });
    expect(t.scheduled.map((e) => [e.type, e.at])).toEqual([['gateway.provisioned', 360]]);
  });

  it('AWS-R13: a new VPC CIDR may not contain a route destination', () => {
    const s = aws();
    refused(
      apply(s, { do: 'network.update', network: 'prod', set: { cidrs: ['172.20.0.0/16', '10.0.0.0/8'] } }),
      'AWS-R13',
      s,
    );
    expect(
      apply(s, { do: 'network.update', network: 'prod', set: { cidrs: ['172.20.0.0/16', '10.61.0.0/16'] } })
        .applied,
    ).toBe(true);
  });

  it('wrong-provider-field: ipForwarding on an AWS host is refused with a hint', () => {
    const s = aws();
    const t = apply(s, { do: 'host.update', host: 'prod/fw1', set: { ipForwarding: true } });
    refused(t, 'wrong-provider-field', s);
    expect(t.rejections[0]?.message).toMatch(/sourceDestCheck/);
  });
});

describe('Azure refusals and warnings', () => {
  it('AZ-R17: policy-based → route-based needs recreate', () => {
    const s = initialState(azureHub({ vpnType: 'PolicyBased', activeActive: false }), profile);
    const t = apply(s, { do: 'gateway.update', gateway: 'hub/vng1', set: { vpnType: 'RouteBased' } });
    refused(t, 'AZ-R17', s);
    expect(t.rejections[0]?.message).toMatch(/recreate: true/);
  });

  it('AZ-R18: a Basic SKU upgrade or a downgrade needs recreate; an upgrade is in place, over skuUpgrade', () => {
    const basic = initialState(azureHub({ sku: 'Basic', activeActive: false }), profile);
    refused(
      apply(basic, { do: 'gateway.update', gateway: 'hub/vng1', set: { sku: 'VpnGw1' } }),
      'AZ-R18',
      basic,
    );
    const s = azure();
    refused(apply(s, { do: 'gateway.update', gateway: 'hub/vng1', set: { sku: 'VpnGw1' } }), 'AZ-R18', s);
    refused(apply(s, { do: 'gateway.update', gateway: 'hub/vng1', set: { sku: 'Basic' } }), 'AZ-R18', s);
    const up = apply(s, { do: 'gateway.update', gateway: 'hub/vng1', set: { sku: 'VpnGw3' } });
    expect(up.applied).toBe(true);
    expect(up.state.gateways['hub/vng1']).toEqual({
      phase: 'ready',
      since: 0,
      generation: 0,
      until: 60 + profile.azure.skuUpgrade,
      upgradingTo: 'VpnGw3',
    });
    expect(up.state.tunnels['dc1-vpn']?.every((x) => x.up)).toBe(true);
    expect(up.scheduled.map((e) => [e.type, e.at])).toEqual([
      ['gateway.upgraded', 60 + profile.azure.skuUpgrade],
    ]);
  });

  it('AZ-R23: the gateway ASN may change in place, but not to a reserved ASN', () => {
    const s = azure();
    expect(apply(s, { do: 'gateway.update', gateway: 'hub/vng1', set: { asn: 65020 } }).applied).toBe(true);
    refused(apply(s, { do: 'gateway.update', gateway: 'hub/vng1', set: { asn: 65518 } }), 'AZ-R23', s);
  });

  it('AZ-R10: propagation off on the GatewaySubnet table is accepted with a warning', () => {
    const s = azure();
    const t = apply(s, { do: 'propagation.set', routeTable: 'hub/gw-rt', enabled: false });
    expect(t.applied).toBe(true);
    expect(t.notes.map((n) => [n.rule, n.severity])).toEqual([['AZ-R10', 'warning']]);
    expect(t.notes[0]?.index).toBe(7);
    expect(t.touched).toEqual(['hub/GatewaySubnet', 'hub/vng1']);
  });

  it('AZ-R6: a VirtualAppliance next hop that is no NIC is accepted with a warning', () => {
    const t = apply(azure(), {
      do: 'route.add',
      routeTable: 'hub/web-rt',
      route: { prefix: '10.3.0.0/16', nextHop: { type: 'VirtualAppliance', ip: '10.1.2.99' } },
    });
    expect(t.applied).toBe(true);
    expect(t.notes.map((n) => n.rule)).toEqual(['AZ-R6']);
  });

  it('AZ-R16 / AZ-R11: a VPN gateway needs GatewaySubnet, and a VNet has at most one', () => {
    const s = azure();
    refused(
      apply(s, { do: 'gateway.create', network: 'spoke', gateway: { name: 'vng2', kind: 'vpn' } }),
      'AZ-R16',
      s,
    );
    refused(
      apply(s, { do: 'gateway.create', network: 'hub', gateway: { name: 'vng2', kind: 'vpn' } }),
      'AZ-R11',
      s,
    );
  });

  it('route.remove by name and route.replace by name', () => {
    const s = azure();
    const r = apply(s, {
      do: 'route.replace',
      routeTable: 'hub/web-rt',
      route: { name: 'to-spoke', prefix: '10.2.0.0/16', nextHop: { type: 'None' } },
    });
    expect(r.state.topology.networks[0]?.routeTables[0]?.routes).toEqual([
      { name: 'to-spoke', prefix: '10.2.0.0/16', nextHop: { type: 'None' } },
    ]);
    const d = apply(r.state, { do: 'route.remove', routeTable: 'hub/web-rt', name: 'to-spoke' });
    expect(d.state.topology.networks[0]?.routeTables[0]?.routes).toEqual([]);
    expect(d.touched).toEqual(['hub/vng1', 'hub/web']);
  });

  it('invalid-prefix: host bits set are refused with the canonical prefix as a hint', () => {
    const s = azure();
    const t = apply(s, { do: 'bgp.advertise', site: 'dc1', prefixes: ['10.9.1.5/16'] });
    refused(t, 'invalid-prefix', s);
    expect(t.rejections[0]?.message).toMatch(/10\.9\.0\.0\/16/);
  });

  it('not-found: withdrawing a prefix that is not advertised is refused', () => {
    const s = azure();
    refused(apply(s, { do: 'bgp.withdraw', site: 'dc1', prefixes: ['0.0.0.0/0'] }), 'not-found', s);
    refused(apply(s, { do: 'bgp.advertise', site: 'dc9', prefixes: ['0.0.0.0/0'] }), 'not-found', s);
    refused(apply(s, { do: 'tunnel.down', connection: 'dc1-vpn', tunnel: 2 }), 'not-found', s);
    refused(apply(s, { do: 'bgp.session.down', connection: 'branch-vpn' }), 'not-bgp', s);
  });
});

describe('GCP and OpenStack refusals', () => {
  it('GCP-R12: a static route equal to or inside a subnet range is refused', () => {
    const s = gcpos();
    const add = (prefix: string): Transition =>
      apply(s, {
        do: 'route.add',
        network: 'corp',
        route: { name: `r-${prefix}`, prefix, nextHop: { type: 'address', ip: '10.20.0.5' } },
      });
    refused(add('10.20.0.0/24'), 'GCP-R12', s);
    refused(add('10.20.0.128/25'), 'GCP-R12', s);
    refused(add('10.30.1.0/24'), 'GCP-R12', s); // a secondary range
    expect(add('10.20.0.0/16').applied).toBe(true); // broader is fine
  });

  it('GCP-R5: HA VPN tunnels are not static route next hops', () => {
    const s = gcpos();
    refused(
      apply(s, {
        do: 'route.add',
        network: 'corp',
        route: { name: 'x', prefix: '10.70.0.0/16', nextHop: { type: 'vpnTunnel', connection: 'dc1-ha' } },
      }),
      'GCP-R5',
      s,
    );
  });

  it('OS-R8: port security off while the port keeps allowed address pairs is refused', () => {
    const s = gcpos();
    const t = apply(s, {
      do: 'host.update',
      host: 'app/fw2',
      port: 'data/data-sub',
      set: { portSecurity: false },
    });
    refused(t, 'OS-R8', s);
    // Pairs gone but the port still has the default security group (created with port security on).
    refused(
      apply(s, {
        do: 'host.update',
        host: 'app/fw2',
        port: 'data/data-sub',
        set: { portSecurity: false, allowedAddressPairs: [] },
      }),
      'OS-R8',
      s,
    );
    const ok = apply(s, {
      do: 'host.update',
      host: 'app/fw2',
      port: 'data/data-sub',
      set: { portSecurity: false, allowedAddressPairs: [], securityGroups: [] },
    });
    expect(ok.applied).toBe(true);
    expect(ok.state.topology.networks[1]?.hosts[1]?.ports?.[1]).toEqual({
      subnet: 'data/data-sub',
      ip: '192.168.20.254',
      allowedAddressPairs: [],
      portSecurity: false,
      securityGroups: [],
    });
    expect(ok.touched).toContain('data/data-sub');
    expect(ok.touched).toContain('app/app-sub');
  });

  it('OS-R7: more than 10 pairs, duplicates, or the port own IP are refused', () => {
    const s = gcpos();
    const set = (pairs: { ip: string }[]): Transition =>
      apply(s, { do: 'host.update', host: 'app/fw2', port: 'app-sub', set: { allowedAddressPairs: pairs } });
    refused(set(Array.from({ length: 11 }, (_, i) => ({ ip: `10.0.${i}.0/24` }))), 'OS-R7', s);
    refused(set([{ ip: '10.0.0.0/24' }, { ip: '10.0.0.0/24' }]), 'OS-R7', s);
    refused(set([{ ip: '192.168.10.254' }]), 'OS-R7', s);
    expect(set([{ ip: '0.0.0.0/0' }]).applied).toBe(true);
  });

  it('OS-R4: turning a network default off does not change existing ports', () => {
    const t = apply(gcpos(), { do: 'network.update', network: 'data', set: { portSecurity: false } });
    expect(t.applied).toBe(true);
    const nets = t.state.topology.networks;
    expect(nets[2]?.portSecurity).toBe(false);
    expect(nets[2]?.hosts[0]?.portSecurity).toBe(true); // db1, shorthand port on data
    expect(nets[1]?.hosts[1]?.ports?.[1]?.portSecurity).toBe(true); // fw2's port on data/data-sub
    expect(nets[1]?.hosts[1]?.ports?.[0]?.portSecurity).toBeUndefined(); // fw2's port on app: untouched
  });

  it('OS-R14: a router extra route must go to a connected address that is not the router', () => {
    const s = gcpos();
    const add = (ip: string): Transition =>
      apply(s, {
        do: 'route.add',
        gateway: 'app/r1',
        route: { prefix: '10.98.0.0/16', nextHop: { type: 'ip', ip } },
      });
    refused(add('192.168.20.254'), 'OS-R14', s);
    refused(add('192.168.10.1'), 'OS-R14', s);
    const ok = add('192.168.10.254');
    expect(ok.applied).toBe(true);
    expect(ok.touched).toEqual(['app/r1']);
  });

  it('subnet.update keeps gatewayIp: null (OS-R2) and refuses fields of other providers', () => {
    const s = gcpos();
    const t = apply(s, {
      do: 'subnet.update',
      subnet: 'app/app-sub',
      set: { gatewayIp: null, hostRoutes: [] },
    });
    expect(t.state.topology.networks[1]?.subnets[0]).toEqual({
      name: 'app-sub',
      cidr: '192.168.10.0/24',
      gatewayIp: null,
      hostRoutes: [],
    });
    refused(
      apply(s, { do: 'subnet.update', subnet: 'corp/app', set: { hostRoutes: [] } }),
      'wrong-provider-field',
      s,
    );
  });
});

describe('reducer', () => {
  it('never throws on a malformed event', () => {
    const s = azure();
    const t = reduce(s, {
      type: 'host.updated',
      at: 1,
      label: 'x',
      origin: 'timeline',
      host: 'hub/nva1',
      set: null,
    } as never);
    expect(t.applied).toBe(false);
    expect(t.rejections[0]?.rule).toBe('invalid-event');
  });

  it('returns immer patches on request', () => {
    const s = azure();
    const t = reduce(s, eventOfAction({ at: 5, do: 'tunnel.down', connection: 'branch-vpn' }), {
      patches: true,
    });
    expect(applyPatches(s, t.patches ?? [])).toEqual(t.state);
    expect(applyPatches(t.state, t.inversePatches ?? [])).toEqual(s);
    expect(t.state.tunnels['branch-vpn']).toEqual([
      { up: false, adminUp: false, reason: 'admin-down' },
      { up: false, adminUp: false, reason: 'admin-down' },
    ]);
  });
});
