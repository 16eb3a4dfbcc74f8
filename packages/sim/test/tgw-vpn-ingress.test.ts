/**
 * AWS-R29 for traffic that enters a transit gateway over a VPN attachment (from a site): it is
 * looked up in the table that VPN attachment is associated with.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkState } from '@cloudroute/model';
import { OUTCOMES } from '../src/plane/codes.js';
import { ForwardingPlane, NodeRegistry } from '../src/plane/compile.js';
import { Walker } from '../src/plane/walk.js';
import { ip } from './walk-helper.js';
import { mainTable, network, stateOf, topologyOf } from './fixtures.js';

function state(vpnTable: string): NetworkState {
  const hub = network('hub', 'aws', {
    cidrs: ['10.1.0.0/16'],
    subnets: [{ name: 'app', cidr: '10.1.1.0/24' }],
    routeTables: [mainTable({ prefix: '172.16.0.0/16', nextHop: { type: 'tgw', gateway: 'tgw' } })],
    gateways: [
      {
        name: 'tgw',
        kind: 'tgw',
        attachments: [
          { name: 'vpc', network: 'hub', routeTable: 'rt', propagations: ['rt'] },
          { name: 'vpn', connection: 'dc-vpn', routeTable: vpnTable, propagations: ['rt'] },
        ],
        routeTables: [
          { name: 'rt', routes: [] },
          { name: 'empty', routes: [] },
        ],
      },
    ],
  });
  return stateOf(
    topologyOf([hub], {
      sites: [{ name: 'dc', cidrs: ['172.16.0.0/16'] }],
      connections: [{ name: 'dc-vpn', between: ['hub/tgw', 'dc'], bgp: false }],
    }),
  );
}

function fromSite(s: NetworkState, dst: string): { outcome: string; lookups: string[] } {
  const plane = new ForwardingPlane(s, new NodeRegistry());
  const walker = new Walker(plane);
  const lookups: string[] = [];
  const o = walker.forward(
    -1,
    -1,
    ip(dst),
    { lookup: (t) => lookups.push(plane.tables[t]!.table.id), note: () => {} },
    ip('172.16.0.5'),
    plane.siteIndex.get('dc') ?? -1,
  );
  return { outcome: OUTCOMES[o]!, lookups };
}

describe('traffic from a site into a transit gateway (AWS-R29)', () => {
  it('AWS-R29: is looked up in the table the VPN attachment is associated with', () => {
    expect(fromSite(state('rt'), '10.1.1.10')).toEqual({
      outcome: 'delivered',
      lookups: ['site:dc', 'hub/tgw#rt'],
    });
  });
  it('AWS-R29: and dropped when that table has no route', () => {
    expect(fromSite(state('empty'), '10.1.1.10')).toEqual({
      outcome: 'no-route',
      lookups: ['site:dc', 'hub/tgw#empty'],
    });
  });
});
