/**
 * Transit gateway peering in the data plane (AWS-R29, AWS-R30): a packet that crosses a peering
 * attachment is looked up in the peer's table associated with the peer side of the attachment
 * (not the table of the packet's VPC attachment), and dropped there when that table has no route.
 */
import { describe, expect, it } from 'vitest';
import type { Network, NetworkState } from '@cloudroute/model';
import { walk } from './walk-helper.js';
import { mainTable, network, stateOf, topologyOf } from './fixtures.js';

function vpc(name: string, octet: number, tgwRoute: string, gateways: Network['gateways'] = []): Network {
  return network(name, 'aws', {
    cidrs: [`10.${octet}.0.0/16`],
    subnets: [{ name: 'app', cidr: `10.${octet}.1.0/24` }],
    routeTables: [mainTable({ prefix: '10.0.0.0/8', nextHop: { type: 'tgw', gateway: tgwRoute } })],
    hosts: [{ name: 'vm', subnet: 'app', ip: `10.${octet}.1.10` }],
    gateways,
  });
}

/** east (10.1) and west (10.2) peer; west's peer side is associated with `from-east`, which lacks 10.3 (west2). */
function state(): NetworkState {
  const topology = topologyOf([
    vpc('east', 1, 'tgw', [
      {
        name: 'tgw',
        kind: 'tgw',
        attachments: [
          { name: 'vpc', network: 'east', routeTable: 'rt', propagations: ['rt'] },
          { name: 'to-west', peer: 'west/tgw', routeTable: 'rt' },
        ],
        routeTables: [
          {
            name: 'rt',
            routes: [
              { prefix: '10.2.0.0/16', attachment: 'to-west' },
              { prefix: '10.3.0.0/16', attachment: 'to-west' },
            ],
          },
        ],
      },
    ]),
    vpc('west', 2, 'tgw', [
      {
        name: 'tgw',
        kind: 'tgw',
        attachments: [
          { name: 'vpc', network: 'west', routeTable: 'rt', propagations: ['rt', 'from-east'] },
          { name: 'vpc2', network: 'west2', routeTable: 'rt', propagations: ['rt'] },
          { name: 'to-east', peer: 'east/tgw', routeTable: 'from-east' },
        ],
        routeTables: [
          { name: 'rt', routes: [{ prefix: '10.1.0.0/16', attachment: 'to-east' }] },
          { name: 'from-east', routes: [] },
        ],
      },
    ]),
    vpc('west2', 3, 'west/tgw'),
  ]);
  return stateOf(topology);
}

describe('transit gateway peering in the data plane (AWS-R29, AWS-R30)', () => {
  it('AWS-R29: east → west crosses the peering into the table of the peer side, then the VPC', () => {
    const w = walk(state(), 'east/vm', '10.2.1.10');
    expect(w.outcome).toBe('delivered');
    expect(w.lookups).toEqual(['east/app', 'east/tgw#rt', 'west/tgw#from-east']);
    expect(w.met).toEqual(['gw:east/tgw', 'gw:west/tgw']);
  });

  it('AWS-R29: west → east: the west VPC attachment table, then the east side of the peering', () => {
    const w = walk(state(), 'west/vm', '10.1.1.10');
    expect(w.outcome).toBe('delivered');
    expect(w.lookups).toEqual(['west/app', 'west/tgw#rt', 'east/tgw#rt']);
  });

  it('AWS-R29: east → west2 is dropped in the peer side table (no route there), though the VPC attachment table has one', () => {
    const w = walk(state(), 'east/vm', '10.3.1.10');
    expect(w.outcome).toBe('no-route');
    expect(w.lookups).toEqual(['east/app', 'east/tgw#rt', 'west/tgw#from-east']);
    // From west itself, the VPC attachment's table reaches west2.
    expect(walk(state(), 'west/vm', '10.3.1.10').outcome).toBe('delivered');
  });
});
