/**
 * `import terraform` of a transit gateway peering (AWS-R29, AWS-R30) from a state: the requester
 * (`aws_ec2_transit_gateway_peering_attachment`) and its accepter on the peer transit gateway share
 * one attachment id; associations and static routes that name the id land on the side whose
 * transit gateway owns the route table.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importTerraform } from '@cloudroute/import';
import { trace } from '@cloudroute/sim';
import { fixture, scenarioOf, stateOf } from './helpers.js';

const result = importTerraform(fixture('terraform', 'aws-tgw-peering-1.0.state.json'));
const sc = scenarioOf(result.text);
const tgw = (net: string) =>
  sc.topology.networks.find((n) => n.name === net)!.gateways.find((g) => g.kind === 'tgw')!;

describe('import terraform: transit gateway peering (AWS-R29, AWS-R30)', () => {
  it('AWS-R29: the requester and the accepter each give their transit gateway a peering attachment', () => {
    // The two sides are mirror images: each its VPC attachment and the shared peering attachment.
    for (const [side, peer] of [
      ['east', 'west'],
      ['west', 'east'],
    ] as const)
      expect(tgw(side).attachments).toEqual([
        {
          name: `aws_ec2_transit_gateway_vpc_attachment.${side}`,
          network: side,
          routeTable: `${side}-rt`,
          propagations: [`${side}-rt`],
        },
        { name: 'east-west', peer: `${peer}/${peer}-tgw`, routeTable: `${side}-rt` },
      ]);
    expect(result.warnings.map(formatWarning).filter((w) => /peering|tgw-attach/.test(w))).toEqual([]);
  });

  it('AWS-R30: the static routes to the shared attachment id are on each side', () => {
    expect(tgw('east').routeTables?.[0]?.routes).toEqual([
      { prefix: '10.2.0.0/16', attachment: 'east-west' },
    ]);
    expect(tgw('west').routeTables?.[0]?.routes).toEqual([
      { prefix: '10.1.0.0/16', attachment: 'east-west' },
    ]);
  });

  it('AWS-R29: traces cross the peering both ways', () => {
    const state = stateOf(sc, 0);
    expect(trace(state, 'east/east-app', '10.2.1.10').verdict).toBe('delivered');
    expect(trace(state, 'west/west-app', '10.1.1.10').verdict).toBe('delivered');
  });
});
