/**
 * OpenStack guests' tables as DHCP sets them (OS-R1..R3) and Neutron routers' tables (OS-R12..R14).
 */
import { describe, expect, test } from 'vitest';
import { effectiveRoutes } from '@cloudroute/model';
import type { Network, Subnet, Topology } from '@cloudroute/model';
import { network, stateOf, tableOf, topology } from './fixtures.js';
import { ip4, lookup } from './oracle.js';

const app = (sub: Partial<Subnet> = {}, extra: Partial<Network> = {}): Network =>
  network({
    name: 'app',
    provider: 'openstack',
    subnets: [
      { name: 'app-sub', cidr: '192.168.10.0/24', gatewayIp: '192.168.10.1', ...sub },
      { name: 'app-sub2', cidr: '192.168.11.0/24' },
    ],
    hosts: [
      {
        name: 'fw1',
        ipForwarding: true,
        ports: [
          { subnet: 'app-sub', ip: '192.168.10.254' },
          { subnet: 'data/data-sub', ip: '192.168.20.254' },
        ],
      },
    ],
    ...extra,
  });
const data = network({
  name: 'data',
  provider: 'openstack',
  subnets: [{ name: 'data-sub', cidr: '192.168.20.0/24' }],
});
const pub = network({
  name: 'public',
  provider: 'openstack',
  external: true,
  subnets: [{ name: 'pub', cidr: '203.0.113.0/24' }],
});

describe('OpenStack', () => {
  test('OS-R1, OS-R2, OS-R3: connected on-link subnets, host routes, default via gateway_ip to the router', () => {
    const t = topology({
      networks: [
        app(
          {
            hostRoutes: [
              { prefix: '192.168.20.0/24', nextHop: { type: 'ip', ip: '192.168.10.254' } },
              { prefix: '0.0.0.0/0', nextHop: { type: 'ip', ip: '192.168.10.254' } },
            ],
          },
          {
            gateways: [
              { name: 'r1', kind: 'router', interfaces: ['app-sub'], externalGateway: { network: 'public' } },
            ],
          },
        ),
        data,
        pub,
      ],
    });
    const v = effectiveRoutes(stateOf(t), 'app/app-sub');
    expect(v.routes.map((r) => [r.prefix, r.source, r.state])).toEqual([
      ['192.168.10.0/24', 'connected', 'active'],
      ['192.168.11.0/24', 'connected', 'active'],
      ['0.0.0.0/0', 'host-route', 'inactive'],
      ['192.168.20.0/24', 'host-route', 'active'],
      ['0.0.0.0/0', 'gateway', 'active'],
    ]);
    const tbl = tableOf(t, 'app/app-sub');
    expect(lookup(tbl, ip4('192.168.11.9'))?.action).toEqual({ kind: 'local', network: 'app' });
    expect(lookup(tbl, ip4('192.168.20.9'))?.action).toEqual({
      kind: 'appliance',
      ip: '192.168.10.254',
      host: 'app/fw1',
    });
    expect(lookup(tbl, ip4('8.8.8.8'))?.action).toEqual({ kind: 'gateway', gateway: 'app/r1' });
  });

  test('OS-R2/OS-R3: without gateway_ip there is no default, unless a 0.0.0.0/0 host route gives one', () => {
    const none = topology({ networks: [app({ gatewayIp: null })] });
    expect(lookup(tableOf(none, 'app/app-sub'), ip4('8.8.8.8'))).toBeUndefined();
    const hr = topology({
      networks: [
        app({
          gatewayIp: null,
          hostRoutes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'ip', ip: '192.168.10.254' } }],
        }),
      ],
    });
    expect(lookup(tableOf(hr, 'app/app-sub'), ip4('8.8.8.8'))?.source).toBe('host-route');
  });

  test('OS-R12..R14: router connected routes, extra routes (replacing an equal connected route), external default', () => {
    const t: Topology = topology({
      networks: [
        app(
          {},
          {
            gateways: [
              {
                name: 'r1',
                kind: 'router',
                interfaces: ['app-sub', 'data/data-sub'],
                externalGateway: { network: 'public', enableSnat: true },
                routes: [
                  { prefix: '10.99.0.0/16', nextHop: { type: 'ip', ip: '192.168.10.254' } },
                  { prefix: '192.168.20.0/24', nextHop: { type: 'ip', ip: '192.168.20.254' } },
                ],
              },
            ],
          },
        ),
        data,
        pub,
      ],
    });
    const v = effectiveRoutes(stateOf(t), 'app/r1');
    expect(v.routes.map((r) => [r.prefix, r.source, r.state])).toEqual([
      ['192.168.10.0/24', 'connected', 'active'],
      ['192.168.20.0/24', 'connected', 'inactive'],
      ['10.99.0.0/16', 'extra', 'active'],
      ['192.168.20.0/24', 'extra', 'active'],
      ['0.0.0.0/0', 'gateway', 'active'],
    ]);
    const r1 = tableOf(t, 'app/r1');
    expect(r1.kind).toBe('router');
    expect(lookup(r1, ip4('192.168.20.5'))?.action).toEqual({
      kind: 'appliance',
      ip: '192.168.20.254',
      host: 'app/fw1',
    });
    expect(lookup(r1, ip4('8.8.8.8'))?.action).toEqual({ kind: 'internet', gateway: 'app/r1' });
  });
});
