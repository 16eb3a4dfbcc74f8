/**
 * AWS-R32 in the data plane: a VPC attachment serves the Availability Zones it has a subnet in;
 * traffic toward the transit gateway from a subnet in another zone is dropped (the verdict that
 * differed on the real `test-transit-gateway` snapshot, where it was delivered).
 */
import { describe, expect, it } from 'vitest';
import type { NetworkState } from '@cloudroute/model';
import { walk } from './walk-helper.js';
import { mainTable, network, stateOf, topologyOf } from './fixtures.js';

function state(zones: readonly string[] | undefined): NetworkState {
  const a = network('a', 'aws', {
    cidrs: ['10.10.0.0/16'],
    subnets: [
      { name: 'c', cidr: '10.10.10.0/24', zone: 'us-east-2c' },
      { name: 'x', cidr: '10.10.20.0/24', zone: 'us-east-2a' },
      { name: 'nozone', cidr: '10.10.30.0/24' },
    ],
    routeTables: [mainTable({ prefix: '192.168.0.0/16', nextHop: { type: 'tgw', gateway: 'tgw' } })],
    gateways: [
      {
        name: 'tgw',
        kind: 'tgw',
        attachments: [
          {
            name: 'att-a',
            network: 'a',
            routeTable: 'rt',
            propagations: ['rt'],
            ...(zones ? { zones } : {}),
          },
          { name: 'att-b', network: 'b', routeTable: 'rt', propagations: ['rt'], zones: ['us-east-2a'] },
        ],
        routeTables: [{ name: 'rt', routes: [] }],
      },
    ],
  });
  const b = network('b', 'aws', {
    cidrs: ['192.168.0.0/16'],
    subnets: [{ name: 'b', cidr: '192.168.1.0/24', zone: 'us-east-2a' }],
    routeTables: [mainTable({ prefix: '10.10.0.0/16', nextHop: { type: 'tgw', gateway: 'a/tgw' } })],
  });
  return stateOf(topologyOf([a, b]));
}

describe('TGW attachment zones in the data plane (AWS-R32)', () => {
  it('AWS-R32: from a subnet in a zone of the attachment, the flow crosses the TGW', () => {
    expect(walk(state(['us-east-2c']), 'a/c', '192.168.1.10').outcome).toBe('delivered');
  });

  it('AWS-R32: from a subnet in another zone, the flow is dropped entering the TGW', () => {
    const w = walk(state(['us-east-2c']), 'a/x', '192.168.1.10');
    expect(w.outcome).toBe('blackhole');
    expect(w.lookups).toEqual(['a/x']);
    expect(w.notes.join('\n')).toContain('AWS-R32');
  });

  it('AWS-R32: without zones (on the attachment or the subnet) nothing is dropped', () => {
    expect(walk(state(undefined), 'a/x', '192.168.1.10').outcome).toBe('delivered');
    expect(walk(state(['us-east-2c']), 'a/nozone', '192.168.1.10').outcome).toBe('delivered');
  });

  it('AWS-R32 drops only toward the TGW: traffic from the TGW into the VPC reaches every zone', () => {
    expect(walk(state(['us-east-2c']), 'b/b', '10.10.20.5').outcome).toBe('delivered');
  });
});
