/** VPC gateway endpoints in the scenario format (AWS-R45): a `vpcEndpoint` gateway and `vpce` next hops to it. */
import { describe, expect, it } from 'vitest';
import { awsWithGateways, edit, load, messages } from './helpers.js';

function withEndpoint(hop: string): string {
  return edit(
    awsWithGateways(
      '      - { name: s3, kind: vpcEndpoint, service: com.amazonaws.us-east-1.s3, id: vpce-0abc }',
    ),
    '        propagateGatewayRoutes: true\n        routes:\n',
    `        propagateGatewayRoutes: true\n        routes:\n          - { prefix: 52.216.0.0/15, nextHop: ${hop} }\n`,
  );
}

describe('VPC gateway endpoints (AWS-R45)', () => {
  it('AWS-R45: a route to a vpcEndpoint gateway validates and keeps the service', () => {
    const r = load(withEndpoint('{ type: vpce, gateway: s3 }'));
    expect(r.lines).toEqual([]);
    const g = r.scenario!.topology.networks[0]!.gateways.find((x) => x.name === 's3');
    expect(g).toEqual({
      name: 's3',
      kind: 'vpcEndpoint',
      service: 'com.amazonaws.us-east-1.s3',
      id: 'vpce-0abc',
    });
  });

  it('AWS-R45: a vpce next hop names a vpcEndpoint gateway', () => {
    expect(messages(withEndpoint('{ type: vpce, gateway: vgw1 }'))).toEqual([
      'gateway `vgw1` is a vgw — a `vpce` next hop names a vpcEndpoint gateway',
    ]);
  });
});
