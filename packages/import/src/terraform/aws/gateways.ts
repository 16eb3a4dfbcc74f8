/** Terraform internet, egress-only, NAT and VPN gateways → their describe-* records, with their VPC attachments. */
import { num } from '../../internal/json.js';
import type { TfInstance } from '../plan.js';
import type { AwsConverter, Mutable } from './converter.js';
import { vpcOf } from './vpc.js';

/**
 * `aws_internet_gateway`, `aws_egress_only_internet_gateway`, `aws_nat_gateway` and
 * `aws_vpn_gateway` (with `aws_internet_gateway_attachment` and `aws_vpn_gateway_attachment`).
 */
export function convertGateways(c: AwsConverter): void {
  const { r, side, w } = c;
  const attachments = new Map<string, string[]>();
  for (const i of c.instances('aws_internet_gateway_attachment')) {
    const igw = c.link(i, 'internet_gateway_id');
    const vpc = c.link(i, 'vpc_id');
    if (igw !== undefined && vpc !== undefined) attachments.set(igw, [...(attachments.get(igw) ?? []), vpc]);
  }
  for (const i of c.instances('aws_vpn_gateway_attachment')) {
    const vgw = c.link(i, 'vpn_gateway_id');
    const vpc = c.link(i, 'vpc_id');
    if (vgw !== undefined && vpc !== undefined) attachments.set(vgw, [...(attachments.get(vgw) ?? []), vpc]);
  }
  const attached = (i: TfInstance): Mutable[] => {
    const direct =
      r.configured(i, 'vpc_id') || c.stringAttr(i, 'vpc_id') !== undefined ? vpcOf(c, i) : undefined;
    return [...(direct !== undefined ? [direct] : []), ...(attachments.get(i.address) ?? [])].map((v) => ({
      VpcId: v,
      State: 'attached',
    }));
  };
  for (const i of c.instances('aws_internet_gateway'))
    c.inv.put(
      'InternetGateways',
      c.record(i, { InternetGatewayId: i.address, Attachments: attached(i), Tags: c.tags(i) }),
      w,
    );
  for (const i of c.instances('aws_egress_only_internet_gateway'))
    c.inv.put(
      'EgressOnlyInternetGateways',
      c.record(i, { EgressOnlyInternetGatewayId: i.address, Attachments: attached(i), Tags: c.tags(i) }),
      w,
    );
  for (const i of c.instances('aws_nat_gateway'))
    c.putAvailable('NatGateways', i, {
      NatGatewayId: i.address,
      SubnetId: c.link(i, 'subnet_id'),
      ConnectivityType: c.stringAttr(i, 'connectivity_type') ?? 'public',
    });
  for (const i of c.instances('aws_vpn_gateway'))
    c.putAvailable('VpnGateways', i, {
      VpnGatewayId: i.address,
      AmazonSideAsn: num(r.value(i, side, ['amazon_side_asn'])),
      VpcAttachments: attached(i),
    });
}
