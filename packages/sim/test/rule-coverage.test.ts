/**
 * Rules the data plane implements that no other test named (the rule book's check,
 * scripts/check-rule-ids.mjs, asks every modelled rule id for a test that cites it).
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '@cloudroute/engine';
import { defaultProfile } from '@cloudroute/model';
import type { Topology } from '@cloudroute/model';
import { walk } from './walk-helper.js';
import { appSub, dataNetwork, fw1, network, topologyOf } from './fixtures.js';

/**
 * Two OpenStack networks, port security on everywhere (the default), joined by router r1 (an
 * interface on each subnet) and by an appliance fw1 whose ports carry no allowed address pairs.
 * `via` chooses which of the two app-sub's guests use towards data-sub.
 */
function twoNetworks(via: 'router' | 'appliance'): Topology {
  const app = network('app', 'openstack', {
    subnets: [appSub(via === 'appliance' ? {} : { hostRoutes: [] })],
    hosts: [{ name: 'web1', subnet: 'app-sub', ip: '192.168.10.10' }, fw1({ pairs: false })],
    gateways: [{ name: 'r1', kind: 'router', interfaces: ['app-sub', 'data/data-sub'] }],
  });
  const data = dataNetwork({ name: 'data-sub', cidr: '192.168.20.0/24', gatewayIp: '192.168.20.1' });
  return topologyOf([app, data]);
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
