/**
 * `import aws` of VPC gateway endpoints (AWS-R45): route-table entries whose destination is a
 * service prefix list (`pl-…`) and whose target is a `vpce-…` become routes to a `vpcEndpoint`
 * gateway (its service from the prefix list's name), one per prefix of the list; a packet to the
 * service is delivered at the endpoint, with the endpoint id in the trace.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAws } from '@cloudroute/import';
import { trace } from '@cloudroute/sim';
import { fixtureFiles, scenarioOf, stateOf } from './helpers.js';

const result = importAws(fixtureFiles('aws-gateway-endpoint'));
const sc = scenarioOf(result.text);
const net = sc.topology.networks[0]!;

describe('import aws: VPC gateway endpoints (AWS-R45)', () => {
  it('AWS-R45: each endpoint is a vpcEndpoint gateway with its service, and no warning skips its routes', () => {
    expect(net.gateways.map((g) => [g.name, g.kind, g.service, g.id])).toEqual([
      ['vpce-0s3', 'vpcEndpoint', 'com.amazonaws.us-east-1.s3', 'vpce-0s3'],
      ['vpce-0ddb', 'vpcEndpoint', 'com.amazonaws.us-east-1.dynamodb', 'vpce-0ddb'],
    ]);
    expect(result.warnings.map(formatWarning).filter((w) => w.includes('vpce-'))).toEqual([]);
  });

  it('AWS-R45: the prefix-list routes are expanded, one route per prefix to the endpoint', () => {
    const rt = net.routeTables.find((t) => t.name === 'private-rt')!;
    expect(rt.routes.map((r) => [r.prefix, r.nextHop])).toEqual([
      ['54.231.0.0/17', { type: 'vpce', gateway: 'vpce-0s3' }],
      ['52.216.0.0/15', { type: 'vpce', gateway: 'vpce-0s3' }],
      ['52.94.0.0/22', { type: 'vpce', gateway: 'vpce-0ddb' }],
    ]);
  });

  describe('traces after import', () => {
    const state = stateOf(sc, 0);
    it('AWS-R45: S3 is delivered at the endpoint from a private subnet (no public address needed)', () => {
      const t = trace(state, 'data/worker', '52.216.10.1');
      expect(t.verdict).toBe('delivered');
      expect(JSON.stringify(t.hops)).toContain('vpce-0s3');
    });
    it('AWS-R45: an endpoint associated with two tables serves both; a table without a route to a service does not reach it', () => {
      const main = net.routeTables.find((t) => t.name === 'main-rt')!;
      expect(main.routes.filter((r) => r.nextHop.type === 'vpce').map((r) => r.prefix)).toEqual([
        '54.231.0.0/17',
        '52.216.0.0/15',
      ]);
      expect(trace(state, 'data/other-vm', '52.216.10.1').verdict).toBe('delivered');
      expect(trace(state, 'data/other-vm', '52.94.0.10').verdict).toBe('dropped');
    });
  });
});
