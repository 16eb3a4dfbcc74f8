/**
 * Terraform AWS provider resources (IMPORTERS.md 3.5) → the records of `aws ec2 describe-*`, so
 * that one builder serves both. Records are keyed by the Terraform address (stable across the
 * plan, unlike ids that are unknown until apply); the id written is the real id when known, else
 * the address. Inline `route` blocks and `aws_route` resources are merged (duplicates reported);
 * the implicit `local` route needs nothing (the scenario implies it).
 */
import type { AwsInventory } from '../../aws/inventory.js';
import type { Warnings } from '../../warnings.js';
import type { Side, TfResolver } from '../refs.js';
import { AWS_EDGE_HANDLED, awsDirectConnect } from '../aws-edge.js';
import { AWS_FILTERS_HANDLED, awsFilters } from '../aws-filters.js';
import { AwsConverter } from './converter.js';
import { convertGateways } from './gateways.js';
import { convertInstances } from './instances.js';
import { convertVpcPeerings } from './peering.js';
import { convertRouteTables } from './route-tables.js';
import { convertTgwPeerings, convertTransitGateways, linkTgwAttachments } from './tgw.js';
import { convertSubnets, convertVpcs } from './vpc.js';
import { convertVpn } from './vpn.js';

/** The Terraform AWS resource types the importer converts. */
export const AWS_HANDLED = new Set([
  'aws_vpc',
  'aws_vpc_ipv4_cidr_block_association',
  'aws_subnet',
  'aws_route_table',
  'aws_default_route_table',
  'aws_main_route_table_association',
  'aws_route',
  'aws_route_table_association',
  'aws_internet_gateway',
  'aws_internet_gateway_attachment',
  'aws_egress_only_internet_gateway',
  'aws_nat_gateway',
  'aws_vpn_gateway',
  'aws_vpn_gateway_attachment',
  'aws_vpn_gateway_route_propagation',
  'aws_customer_gateway',
  'aws_vpn_connection',
  'aws_vpn_connection_route',
  'aws_vpc_peering_connection',
  'aws_vpc_peering_connection_accepter',
  'aws_ec2_transit_gateway',
  'aws_ec2_transit_gateway_vpc_attachment',
  'aws_ec2_transit_gateway_route_table',
  'aws_ec2_transit_gateway_route_table_association',
  'aws_ec2_transit_gateway_route_table_propagation',
  'aws_ec2_transit_gateway_route',
  'aws_ec2_transit_gateway_peering_attachment',
  'aws_ec2_transit_gateway_peering_attachment_accepter',
  'aws_instance',
  'aws_network_interface',
  ...AWS_EDGE_HANDLED,
  ...AWS_FILTERS_HANDLED,
]);

/** Routing-adjacent resources that are deliberately not simulated. */
export const AWS_NOT_MODELLED = new Set([
  'aws_eip',
  'aws_eip_association',
  'aws_flow_log',
  'aws_vpc_dhcp_options',
  'aws_vpc_dhcp_options_association',
  'aws_lb',
  'aws_elb',
]);

/** Converts the AWS resources of a plan side into an AWS inventory. */
export function awsInventory(r: TfResolver, side: Side, w: Warnings): AwsInventory {
  const c = new AwsConverter(r, side, w);
  convertVpcs(c);
  convertSubnets(c);
  convertRouteTables(c);
  convertGateways(c);
  convertVpn(c);
  convertVpcPeerings(c);
  convertTransitGateways(c);
  const peerSide = convertTgwPeerings(c);
  awsDirectConnect(c); // AWS-R46: Direct Connect (aws-edge.ts)
  linkTgwAttachments(c, peerSide);
  convertInstances(c);
  awsFilters(c); // FILTERS.md: security groups, network ACLs, the hosts' groups (aws-filters.ts)
  return c.inv;
}
