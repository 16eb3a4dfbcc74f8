import { describe, expect, it } from 'vitest';
import { actionOfEvent, eventOfAction, eventTypes, isCommand, labelOf } from '../src/index.js';
import type { TimelineAction } from '../src/index.js';

const actions: TimelineAction[] = [
  { at: 600, do: 'bgp.advertise', site: 'dc1', prefixes: ['0.0.0.0/0'], asPath: [65010, 65010] },
  {
    at: 1,
    do: 'bgp.withdraw',
    gateway: 'corp/rtr1',
    prefixes: ['10.0.0.0/8', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16'],
  },
  {
    at: 1,
    do: 'route.add',
    routeTable: 'hub/web-rt',
    route: { prefix: '10.2.0.0/16', nextHop: { type: 'VirtualAppliance', ip: '10.1.2.4' } },
  },
  { at: 1, do: 'route.replace', site: 'dc1', route: { prefix: '10.1.255.4/32', via: 'dc1-vpn' } },
  { at: 1, do: 'route.remove', network: 'corp', name: 'lab' },
  { at: 1, do: 'routeTable.associate', subnet: 'hub/nva', routeTable: null },
  { at: 1, do: 'propagation.set', routeTable: 'hub/web-rt', enabled: false },
  { at: 1, do: 'bgp.session.down', connection: 'dc1-vpn', tunnel: 1 },
  { at: 1, do: 'bgp.session.up', connection: 'dc1-vpn' },
  { at: 1, do: 'tunnel.down', connection: 'dc1-vpn' },
  { at: 1, do: 'tunnel.up', connection: 'dc1-vpn', tunnel: 0 },
  { at: 1, do: 'gateway.create', network: 'prod', gateway: { name: 'nat2', kind: 'nat', subnet: 'public' } },
  { at: 1, do: 'gateway.delete', gateway: 'prod/nat1' },
  { at: 1, do: 'gateway.update', gateway: 'hub/vng1', set: { vpnType: 'RouteBased' }, recreate: true },
  { at: 1, do: 'gateway.failover', gateway: 'hub/vng1' },
  { at: 1, do: 'host.update', host: 'app/fw2', port: 'data/data-sub', set: { allowedAddressPairs: [] } },
  { at: 1, do: 'subnet.update', subnet: 'app/app-sub', set: { hostRoutes: [] } },
  { at: 1, do: 'network.update', network: 'corp', set: { routingMode: 'global' } },
];

describe('events', () => {
  it('every timeline action has a past-tense command event with a human label', () => {
    const events = actions.map((a, i) => eventOfAction(a, 'timeline', i));
    expect(events.map((e) => [e.type, e.label])).toEqual([
      ['bgp.advertised', 'dc1 advertised 0.0.0.0/0'],
      ['bgp.withdrawn', 'corp/rtr1 withdrew 10.0.0.0/8, 10.1.0.0/16, 10.2.0.0/16 +1 more'],
      ['route.added', 'hub/web-rt: added 10.2.0.0/16 → VirtualAppliance 10.1.2.4'],
      ['route.replaced', 'dc1: replaced 10.1.255.4/32 via dc1-vpn'],
      ['route.removed', 'corp: removed lab'],
      ['routeTable.associated', 'hub/nva back on its default table'],
      ['propagation.set', 'hub/web-rt: gateway route propagation off'],
      ['bgp.session.disabled', 'dc1-vpn tunnel 1: BGP session shut down'],
      ['bgp.session.enabled', 'dc1-vpn: BGP session enabled'],
      ['tunnel.downed', 'dc1-vpn: tunnels down'],
      ['tunnel.upped', 'dc1-vpn: tunnel 0 up'],
      ['gateway.created', 'prod/nat2 created (nat)'],
      ['gateway.deleted', 'prod/nat1 deleted'],
      ['gateway.updated', 'hub/vng1 updated: vpnType=RouteBased (recreate allowed)'],
      ['gateway.failover.started', 'hub/vng1 unplanned failover'],
      ['host.updated', 'app/fw2 port data/data-sub updated: allowedAddressPairs=[]'],
      ['subnet.updated', 'app/app-sub updated: hostRoutes=[]'],
      ['network.updated', 'corp updated: routingMode=global'],
    ]);
    expect(events.every(isCommand)).toBe(true);
    expect(events.map((e) => actionOfEvent[e.type])).toEqual(actions.map((a) => a.do));
    expect(events[3]?.index).toBe(3);
    expect(eventOfAction(actions[0]!, 'chaos')).not.toHaveProperty('index');
  });

  it('facts have labels too, and the type list names every event once', () => {
    expect(
      labelOf({ type: 'gateway.provisioned', at: 1, origin: 'engine', gateway: 'hub/vng1', generation: 1 }),
    ).toBe('hub/vng1 provisioned');
    expect(
      labelOf({
        type: 'bgp.session.dropped',
        at: 1,
        origin: 'engine',
        connection: 'dc1-vpn',
        tunnel: 1,
        reason: 'hold timer expired',
      }),
    ).toBe('dc1-vpn tunnel 1: BGP session dropped (hold timer expired)');
    expect(new Set(eventTypes).size).toBe(eventTypes.length);
    expect(eventTypes.every((t) => /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(t))).toBe(true);
  });
});
