/**
 * DESIGN.md "Unknown (added 2026-12)": a route target the importer reads but cloudroute does not
 * model is kept as an opaque next hop with its kind and provider id (never dropped), and the
 * warnings name each such construct once, however many routes point at it.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAws } from '@cloudroute/import';
import { loadScenario } from '@cloudroute/scenario';

const files = [
  {
    path: 'aws_configs/us-east-1/Vpcs.json',
    text: JSON.stringify({ Vpcs: [{ VpcId: 'vpc-0e1', CidrBlock: '10.1.0.0/16', State: 'available' }] }),
  },
  {
    path: 'aws_configs/us-east-1/Subnets.json',
    text: JSON.stringify({
      Subnets: [{ SubnetId: 'subnet-0e1', VpcId: 'vpc-0e1', CidrBlock: '10.1.1.0/24', State: 'available' }],
    }),
  },
  {
    path: 'aws_configs/us-east-1/RouteTables.json',
    text: JSON.stringify({
      RouteTables: [
        {
          RouteTableId: 'rtb-0e1',
          VpcId: 'vpc-0e1',
          Associations: [{ Main: true, RouteTableId: 'rtb-0e1', AssociationState: { State: 'associated' } }],
          Routes: [
            {
              DestinationCidrBlock: '10.1.0.0/16',
              GatewayId: 'local',
              Origin: 'CreateRouteTable',
              State: 'active',
            },
            {
              DestinationCidrBlock: '0.0.0.0/0',
              VpcEndpointId: 'vpce-0abc',
              Origin: 'CreateRoute',
              State: 'active',
            },
            {
              DestinationCidrBlock: '10.9.0.0/16',
              VpcEndpointId: 'vpce-0abc',
              Origin: 'CreateRoute',
              State: 'active',
            },
            {
              DestinationCidrBlock: '10.8.0.0/16',
              CarrierGatewayId: 'cagw-0123',
              Origin: 'CreateRoute',
              State: 'active',
            },
          ],
        },
      ],
    }),
  },
];

describe('import aws: constructs it does not model stay as opaque next hops', () => {
  const r = importAws(files);
  const text = r.text;
  const warnings = r.warnings.map(formatWarning);

  it('keeps each route with `type: opaque`, its kind and provider id', () => {
    const sc = loadScenario(text, 'imported.yaml').scenario!;
    const routes = sc.topology.networks[0]!.routeTables[0]!.routes;
    expect(routes.map((x) => [x.prefix, x.nextHop])).toEqual(
      expect.arrayContaining([
        ['0.0.0.0/0', { type: 'opaque', kind: 'gwlbe', id: 'vpce-0abc' }],
        ['10.9.0.0/16', { type: 'opaque', kind: 'gwlbe', id: 'vpce-0abc' }],
        ['10.8.0.0/16', { type: 'opaque', kind: 'carrier-gateway', id: 'cagw-0123' }],
      ]),
    );
  });

  it('warns once per construct, naming its id and kind', () => {
    expect(warnings.filter((w) => w.includes('vpce-0abc (gwlbe) is not modelled'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('cagw-0123 (carrier-gateway) is not modelled'))).toHaveLength(1);
  });
});
