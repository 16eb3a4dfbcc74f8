/**
 * VPC gateway endpoints in the data plane (AWS-R45): a route to a `vpce` next hop delivers the
 * packet to the service at the endpoint, without an internet gateway or a public address; a
 * deleted endpoint's route drops.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkState } from '@cloudroute/model';
import { walk } from './walk-helper.js';
import { mainTable, network, stateOf, topologyOf } from './fixtures.js';

function state(withEndpoint = true): NetworkState {
  const vpc = network('vpc', 'aws', {
    cidrs: ['10.5.0.0/16'],
    subnets: [{ name: 'private', cidr: '10.5.1.0/24' }],
    routeTables: [mainTable({ prefix: '52.216.0.0/15', nextHop: { type: 'vpce', gateway: 's3' } })],
    hosts: [{ name: 'worker', subnet: 'private', ip: '10.5.1.10' }],
    gateways: withEndpoint
      ? [{ name: 's3', kind: 'vpcEndpoint', service: 'com.amazonaws.us-east-1.s3' }]
      : [],
  });
  return stateOf(topologyOf([vpc]));
}

describe('VPC gateway endpoints in the data plane (AWS-R45)', () => {
  it('AWS-R45: the service prefix is delivered at the endpoint, from a host without a public address', () => {
    const w = walk(state(), 'vpc/worker', '52.216.10.1');
    expect(w.outcome).toBe('delivered');
    expect(w.met).toEqual(['gw:vpc/s3']);
    expect(w.notes.join('\n')).toContain('AWS-R45');
  });

  it('AWS-R45: an address outside the service prefixes is not', () => {
    expect(walk(state(), 'vpc/worker', '8.8.8.8').outcome).toBe('no-route');
  });

  it('AWS-R45: a route to a missing endpoint is a blackhole', () => {
    expect(walk(state(false), 'vpc/worker', '52.216.10.1').outcome).toBe('blackhole');
  });
});
