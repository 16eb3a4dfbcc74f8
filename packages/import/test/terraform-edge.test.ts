/**
 * `import terraform` of Direct Connect (AWS-R46) and VPC gateway endpoints (AWS-R45) from a plan:
 * `aws_dx_gateway`, `aws_dx_gateway_association` and the private and transit VIFs give the same
 * site and connections as `import aws` (one site per Direct Connect connection, a connection with
 * `directConnect:` per VIF and associated gateway, the transit gateway's Direct Connect gateway
 * attachment naming the transit VIF's connection); a gateway `aws_vpc_endpoint` is a `vpcEndpoint`
 * gateway, with no invented routes (its prefix list's CIDRs are not in a plan). Before, the
 * Direct Connect resources were skipped as not routing resources and the endpoint as not modelled.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importTerraform } from '@cloudroute/import';
import { directConnectTraces, dxConnection, fixture, scenarioOf, stateOf } from './helpers.js';

const result = importTerraform(fixture('terraform', 'aws-direct-connect-endpoints-1.2.plan.json'));
const sc = scenarioOf(result.text);
const warnings = result.warnings.map(formatWarning);
const net = (name: string) => sc.topology.networks.find((n) => n.name === name)!;

describe('import terraform: Direct Connect (AWS-R46)', () => {
  it('AWS-R46: a private VIF to the VGW and a transit VIF to the TGW, through one Direct Connect gateway', () => {
    expect(sc.topology.connections).toEqual([
      dxConnection('dc-private', 'dxvif-0priv', 'app/app-vgw', ['10.10.0.0/16']),
      dxConnection('dc-transit', 'dxvif-0transit', 'hub/hub-tgw', ['10.20.0.0/16']),
    ]);
  });

  it("AWS-R46: one site per Direct Connect connection, with the VIF's ASN; its prefixes are not in a plan (warned)", () => {
    expect(sc.topology.sites).toEqual([
      expect.objectContaining({ name: 'dxcon-0dc', id: 'dxcon-0dc', cidrs: [], asn: 65000 }),
    ]);
    expect(warnings).toContain(
      'site dxcon-0dc: none of its prefixes is in the input (no propagated routes from its Direct Connect gateway) — give it cidrs by hand',
    );
  });

  it("AWS-R46: the transit gateway's Direct Connect gateway attachment names the transit VIF's connection", () => {
    const tgw = net('hub').gateways.find((g) => g.kind === 'tgw')!;
    expect(tgw.attachments?.find((a) => a.connection !== undefined)).toEqual({
      name: 'tgw-attach-0dx',
      connection: 'dc-transit',
      routeTable: 'default',
      propagations: ['default'],
    });
  });

  it('AWS-R46: the Direct Connect resources are no longer skipped', () => {
    expect(warnings.filter((w) => w.includes('aws_dx_'))).toEqual([]);
  });

  describe('traces both ways, once the site is given its prefixes by hand', () => {
    const given = result.text.replace(
      '{ name: dxcon-0dc, id: dxcon-0dc, cidrs: [], asn: 65000 }',
      '{ name: dxcon-0dc, id: dxcon-0dc, cidrs: [192.168.0.0/16], asn: 65000 }',
    );
    const state = stateOf(scenarioOf(given), 0);
    it('AWS-R46: given by hand', () => expect(given).not.toBe(result.text));
    directConnectTraces(state, [
      ['app/app-a', 'dc-private'],
      ['hub/hub-a', 'dc-transit'],
    ]);
  });
});

describe('import terraform: VPC gateway endpoints (AWS-R45)', () => {
  it('AWS-R45: a gateway endpoint is a vpcEndpoint gateway of its VPC, with its service', () => {
    expect(net('app').gateways.filter((g) => g.kind === 'vpcEndpoint')).toEqual([
      { name: 'app-s3', kind: 'vpcEndpoint', service: 'com.amazonaws.eu-west-1.s3' },
    ]);
  });

  it('AWS-R45: no route is invented; the missing prefix list is warned about once per endpoint', () => {
    const routes = sc.topology.networks.flatMap((n) => n.routeTables.flatMap((t) => t.routes));
    expect(routes.filter((r) => r.nextHop.type === 'vpce')).toEqual([]);
    expect(warnings.filter((w) => w.includes('aws_vpc_endpoint.s3'))).toEqual([
      'terraform/aws-direct-connect-endpoints-1.2.plan.json: aws_vpc_endpoint.s3: gateway endpoint for com.amazonaws.eu-west-1.s3 associated with aws_route_table.app: its routes go to prefix list (unknown until apply), whose CIDRs are not in a plan — no route written (add describe-prefix-lists or get-managed-prefix-list-entries to an import aws)',
    ]);
  });

  it('AWS-R45: an interface endpoint stays not modelled (warned about)', () => {
    expect(net('hub').gateways.map((g) => g.kind)).toEqual(['tgw']);
    expect(warnings.filter((w) => w.includes('aws_vpc_endpoint.ssm'))).toEqual([
      expect.stringContaining('a VPC endpoint of type Interface is not modelled'),
    ]);
  });
});
