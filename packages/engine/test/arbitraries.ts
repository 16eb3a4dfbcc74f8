/** fast-check arbitraries of timeline actions over the `hybrid()` fixture (valid and refused ones). */
import fc from 'fast-check';
import type { TimelineAction } from '../src/index.js';

const conns = ['dc1-vpn', 'branch-vpn', 'dc-vpn'] as const;
const tunnel = fc.option(fc.constantFrom(0, 1), { nil: undefined });
const prefixes = fc.subarray(['0.0.0.0/0', '10.77.0.0/16', '192.168.0.0/16', '10.1.0.0/16', '10.99.0.0/16'], {
  minLength: 1,
});
const peerRoute = fc.constantFrom('10.1.255.4/32', '10.1.255.5/32');
const rtPrefix = fc.constantFrom(
  '10.50.0.0/16',
  '172.20.2.128/25',
  '172.20.1.0/24',
  '0.0.0.0/0',
  '10.2.0.0/16',
);

type Act = TimelineAction extends infer A ? (A extends TimelineAction ? Omit<A, 'at'> : never) : never;

export const action: fc.Arbitrary<Act> = fc.oneof(
  fc
    .tuple(fc.constantFrom('tunnel.down' as const, 'tunnel.up' as const), fc.constantFrom(...conns), tunnel)
    .map(([d, connection, t]): Act =>
      t === undefined ? { do: d, connection } : { do: d, connection, tunnel: t },
    ),
  fc
    .tuple(
      fc.constantFrom('bgp.session.down' as const, 'bgp.session.up' as const),
      fc.constantFrom(...conns),
      tunnel,
    )
    .map(([d, connection, t]): Act =>
      t === undefined ? { do: d, connection } : { do: d, connection, tunnel: t },
    ),
  fc.record({
    do: fc.constantFrom('bgp.advertise' as const, 'bgp.withdraw' as const),
    site: fc.constantFrom('dc1', 'dc', 'branch'),
    prefixes,
  }),
  peerRoute.map((prefix): Act => ({ do: 'route.remove', site: 'dc1', prefix })),
  peerRoute.map((prefix): Act => ({ do: 'route.add', site: 'dc1', route: { prefix, via: 'dc1-vpn' } })),
  rtPrefix.map((prefix): Act => ({
    do: 'route.add',
    routeTable: 'hub/web-rt',
    route: { prefix, nextHop: { type: 'VirtualAppliance', ip: '10.1.2.4' } },
  })),
  rtPrefix.map((prefix): Act => ({ do: 'route.remove', routeTable: 'hub/web-rt', prefix })),
  rtPrefix.map((prefix): Act => ({
    do: 'route.add',
    routeTable: 'prod/private-rt',
    route: { prefix, nextHop: { type: 'eni', ip: '172.20.9.10' } },
  })),
  rtPrefix.map((prefix): Act => ({ do: 'route.remove', routeTable: 'prod/private-rt', prefix })),
  fc.boolean().map((planned): Act => ({ do: 'gateway.failover', gateway: 'hub/vng1', planned })),
  fc
    .record({ sku: fc.constantFrom('VpnGw1', 'VpnGw3', 'Basic'), recreate: fc.boolean() })
    .map(({ sku, recreate }): Act => ({ do: 'gateway.update', gateway: 'hub/vng1', set: { sku }, recreate })),
  fc.record({ asn: fc.constantFrom(64512, 64600), recreate: fc.boolean() }).map(({ asn, recreate }): Act => ({
    do: 'gateway.update',
    gateway: 'prod/vgw1',
    set: { asn },
    recreate,
  })),
  fc.constant<Act>({ do: 'gateway.delete', gateway: 'prod/nat1' }),
  fc.constant<Act>({
    do: 'gateway.create',
    network: 'prod',
    gateway: { name: 'nat1', kind: 'nat', subnet: 'public' },
  }),
  fc.boolean().map((ipForwarding): Act => ({ do: 'host.update', host: 'hub/nva1', set: { ipForwarding } })),
  fc
    .boolean()
    .map((sourceDestCheck): Act => ({ do: 'host.update', host: 'prod/fw1', set: { sourceDestCheck } })),
  fc.boolean().map((enabled): Act => ({ do: 'propagation.set', routeTable: 'hub/gw-rt', enabled })),
);

/** A timeline of up to `max` actions within `horizon` seconds, whole seconds (ties are likely). */
export function timeline(horizon: number, max = 25): fc.Arbitrary<TimelineAction[]> {
  return fc.array(
    fc.tuple(fc.integer({ min: 0, max: horizon }), action).map(([at, a]) => ({ ...a, at })),
    { maxLength: max },
  );
}
