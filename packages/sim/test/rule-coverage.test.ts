/**
 * Rules the data plane implements that no other test named (the rule book's check,
 * scripts/check-rule-ids.mjs, asks every modelled rule id for a test that cites it).
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '@cloudroute/engine';
import { defaultProfile } from '@cloudroute/model';
import type { Host, Network, Topology } from '@cloudroute/model';
import { walk } from './walk-helper.js';

/**
 * Two OpenStack networks, port security on everywhere (the default), joined by router r1 (an
 * interface on each subnet) and by an appliance fw1 whose ports carry no allowed address pairs.
 * `via` chooses which of the two app-sub's guests use towards data-sub.
 */
function twoNetworks(via: 'router' | 'appliance'): Topology {
  const fw1: Host = {
    name: 'fw1',
    ipForwarding: true,
    ports: [
      { subnet: 'app-sub', ip: '192.168.10.254' },
      { subnet: 'data/data-sub', ip: '192.168.20.254' },
    ],
  };
  const app: Network = {
    name: 'app',
    provider: 'openstack',
    cidrs: [],
    routeTables: [],
    subnets: [
      {
        name: 'app-sub',
        cidr: '192.168.10.0/24',
        gatewayIp: '192.168.10.1',
        hostRoutes:
          via === 'appliance'
            ? [{ prefix: '192.168.20.0/24', nextHop: { type: 'ip', ip: '192.168.10.254' } }]
            : [],
      },
    ],
    hosts: [{ name: 'web1', subnet: 'app-sub', ip: '192.168.10.10' }, fw1],
    gateways: [{ name: 'r1', kind: 'router', interfaces: ['app-sub', 'data/data-sub'] }],
  };
  const data: Network = {
    name: 'data',
    provider: 'openstack',
    cidrs: [],
    routeTables: [],
    subnets: [{ name: 'data-sub', cidr: '192.168.20.0/24', gatewayIp: '192.168.20.1' }],
    hosts: [{ name: 'db1', subnet: 'data-sub', ip: '192.168.20.10' }],
    gateways: [],
  };
  return { networks: [app, data], sites: [], connections: [], peerings: [] };
}

describe('OpenStack trusted ports', () => {
  it("OS-R10: a Neutron router's ports are trusted, so it forwards a source that is none of its own addresses; an ordinary port without pairs does not", () => {
    const byRouter = walk(initialState(twoNetworks('router'), defaultProfile), 'app/web1', '192.168.20.10');
    expect(byRouter.lookups).toEqual(['app/app-sub', 'app/r1']);
    expect(byRouter.outcome).toBe('delivered');
    // The same packet forwarded by fw1 leaves its data port with web1's source: OS-R5 drops it.
    const byAppliance = walk(
      initialState(twoNetworks('appliance'), defaultProfile),
      'app/web1',
      '192.168.20.10',
    );
    expect(byAppliance.outcome).toBe('port-security');
  });
});
