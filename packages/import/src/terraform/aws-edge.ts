/**
 * Terraform AWS edge resources: Direct Connect (AWS-R46) and VPC gateway endpoints (AWS-R45).
 *
 * Direct Connect resources become the records of `aws directconnect describe-*` (keyed by the
 * Terraform address, as in `aws/`), so that the CLI importer's builder writes the same sites and
 * connections: one site per Direct Connect connection (`connection_id`), one connection with
 * `directConnect:` per VIF and associated VGW or transit gateway. A transit gateway association
 * also gives the transit gateway its Direct Connect gateway attachment, whose `connection:` is the
 * transit VIF's. A plan holds no BGP table: the site's prefixes are unknown (warned by the builder).
 *
 * A gateway endpoint (`vpc_endpoint_type = "Gateway"`) becomes a `vpcEndpoint` gateway of its VPC
 * (with its service name). Its routes go to the service's prefix list, whose CIDRs a plan does not
 * hold: no route is invented; the endpoint is warned about once. Interface endpoints stay not
 * modelled (warned about).
 */
import { arr, num } from '../internal/json.js';
import type { AwsInventory, AwsRecord } from '../aws/inventory.js';
import type { DGateway, DTopology } from '../draft.js';
import type { Warnings } from '../warnings.js';
import type { TfInstance } from './plan.js';
import { UNKNOWN, type Side, type TfResolver } from './refs.js';

type Mutable = Record<string, unknown>;

/** Resource types this file converts. */
export const AWS_EDGE_HANDLED: readonly string[] = [
  'aws_dx_gateway',
  'aws_dx_gateway_association',
  'aws_dx_private_virtual_interface',
  'aws_dx_transit_virtual_interface',
  'aws_vpc_endpoint',
  'aws_vpc_endpoint_route_table_association',
];

/** What the AWS converter offers (`AwsConverter` in `aws/converter.ts`). */
export interface EdgeConv {
  readonly r: TfResolver;
  readonly side: Side;
  readonly w: Warnings;
  readonly inv: AwsInventory;
  readonly tgwAttachments: Map<string, Mutable>;
  record(i: TfInstance, o: Mutable): AwsRecord;
  tags(i: TfInstance): Mutable[];
  stringAttr(i: TfInstance, attr: string): string | undefined;
  link(i: TfInstance, attr: string): string | undefined;
}

function instancesOf(r: TfResolver, side: Side, type: string): TfInstance[] {
  return r.plan.instances.filter((i) => i.type === type && r.exists(i, side));
}

/** The linked key of an attribute that is set (configured or known), else undefined, quietly. */
function linkIfSet(c: EdgeConv, i: TfInstance, attr: string): string | undefined {
  return c.r.configured(i, attr) || c.stringAttr(i, attr) !== undefined ? c.link(i, attr) : undefined;
}

/** The associated gateway's type, as describe-direct-connect-gateway-associations spells it. */
function gatewayType(c: EdgeConv, i: TfInstance, gw: string): string | undefined {
  const given = c.stringAttr(i, 'associated_gateway_type');
  if (given !== undefined) return given;
  const target = c.r.plan.instances.find((x) => x.address === gw)?.type;
  if (target === 'aws_vpn_gateway' || gw.startsWith('vgw-')) return 'virtualPrivateGateway';
  if (target === 'aws_ec2_transit_gateway' || gw.startsWith('tgw-')) return 'transitGateway';
  return undefined;
}

/**
 * AWS-R46: Direct Connect gateways, their associations and private and transit VIFs → inventory
 * records; a transit gateway association → the TGW's Direct Connect gateway attachment. Called
 * before the transit gateway attachments are written (they take default associations then).
 */
export function awsDirectConnect(c: EdgeConv): void {
  const { r, side, w } = c;
  // Direct Connect ids are written as they are (directConnect.gatewayId, .vif): the real id when
  // known, else the address; a link (an address) is taken to the gateway's key.
  const keyOf = (i: TfInstance): string => c.stringAttr(i, 'id') ?? i.address;
  const dxgws = new Map(instancesOf(r, side, 'aws_dx_gateway').map((i) => [i.address, keyOf(i)]));
  const dxLink = (i: TfInstance, attr: string, set = false): string | undefined => {
    const k = set ? linkIfSet(c, i, attr) : c.link(i, attr);
    return k === undefined ? undefined : (dxgws.get(k) ?? k);
  };
  for (const i of instancesOf(r, side, 'aws_dx_gateway'))
    c.inv.put(
      'DirectConnectGateways',
      c.record(i, {
        DirectConnectGatewayId: keyOf(i),
        DirectConnectGatewayName: c.stringAttr(i, 'name') ?? i.name,
        AmazonSideAsn: num(r.value(i, side, ['amazon_side_asn'])),
        DirectConnectGatewayState: 'available',
      }),
      w,
    );
  for (const i of instancesOf(r, side, 'aws_dx_gateway_association')) {
    const dxgw = dxLink(i, 'dx_gateway_id');
    const gw = c.link(i, 'associated_gateway_id') ?? linkIfSet(c, i, 'vpn_gateway_id');
    if (dxgw === undefined || gw === undefined) {
      w.add(
        'unresolved',
        `${i.address}: its Direct Connect gateway or associated gateway is unknown until apply and cannot be followed — skipped`,
        r.file,
      );
      continue;
    }
    const type = gatewayType(c, i, gw);
    if (type === undefined) {
      w.add(
        'missing-reference',
        `${i.address}: associated gateway ${gw} is neither a VGW nor a transit gateway of the plan — skipped`,
        r.file,
      );
      continue;
    }
    const allowed = r.value(i, side, ['allowed_prefixes']);
    c.inv.put(
      'DirectConnectGatewayAssociations',
      c.record(i, {
        AssociationId: i.address,
        DirectConnectGatewayId: dxgw,
        AssociatedGateway: { Id: gw, Type: type },
        AllowedPrefixesToDirectConnectGateway: (allowed === UNKNOWN ? [] : arr(allowed))
          .filter((p) => typeof p === 'string')
          .map((p) => ({ Cidr: p })),
        AssociationState: 'associated',
      }),
      w,
    );
    if (type === 'transitGateway') {
      // The Direct Connect gateway attachment: its connection is the transit VIF's (dxgw@tgw).
      const id = c.stringAttr(i, 'transit_gateway_attachment_id') ?? `${i.address}#attachment`;
      c.tgwAttachments.set(id, {
        TransitGatewayAttachmentId: id,
        TransitGatewayId: gw,
        ResourceType: 'direct-connect-gateway',
        ResourceId: dxgw,
        State: 'available',
        $default: true,
        $origin: i.address,
      });
    }
  }
  for (const [tfType, vifType] of [
    ['aws_dx_private_virtual_interface', 'private'],
    ['aws_dx_transit_virtual_interface', 'transit'],
  ] as const)
    for (const i of instancesOf(r, side, tfType)) {
      const dxgw = dxLink(i, 'dx_gateway_id', true);
      const vgw = vifType === 'private' ? linkIfSet(c, i, 'vpn_gateway_id') : undefined;
      c.inv.put(
        'VirtualInterfaces',
        c.record(i, {
          VirtualInterfaceId: keyOf(i),
          VirtualInterfaceType: vifType,
          VirtualInterfaceName: c.stringAttr(i, 'name') ?? i.name,
          VirtualInterfaceState: 'available',
          ConnectionId: c.stringAttr(i, 'connection_id'),
          Asn: num(r.value(i, side, ['bgp_asn'])),
          ...(dxgw !== undefined ? { DirectConnectGatewayId: dxgw } : {}),
          ...(vgw !== undefined ? { VirtualGatewayId: vgw } : {}),
          Tags: c.tags(i),
        }),
        w,
      );
    }
}

/**
 * AWS-R45: gateway endpoints → `vpcEndpoint` gateways of their VPCs (after the builder, which
 * made the networks). Interface and Gateway Load Balancer endpoints are warned as not modelled.
 */
export function awsEndpoints(r: TfResolver, side: Side, w: Warnings, t: DTopology): void {
  const tables = new Map<string, string[]>();
  for (const a of instancesOf(r, side, 'aws_vpc_endpoint_route_table_association')) {
    const e = r.link(a, side, 'vpc_endpoint_id');
    const rt = r.link(a, side, 'route_table_id');
    if (e !== undefined && rt !== undefined) tables.set(e, [...(tables.get(e) ?? []), rt]);
  }
  for (const i of instancesOf(r, side, 'aws_vpc_endpoint')) {
    const type = r.string(i, side, ['vpc_endpoint_type']) ?? 'Gateway';
    if (type !== 'Gateway') {
      w.add(
        'unsupported',
        `${i.address}: a VPC endpoint of type ${type} is not modelled (only gateway endpoints are) — skipped`,
        r.file,
      );
      continue;
    }
    const vpc = r.link(i, side, 'vpc_id');
    const net = t.networks.find((n) => n.key === vpc);
    if (net === undefined) {
      w.add('missing-reference', `${i.address}: its VPC ${vpc ?? '?'} was not imported — skipped`, r.file);
      continue;
    }
    const service = r.string(i, side, ['service_name']);
    const id = r.string(i, side, ['id']);
    const name = r.string(i, side, ['tags', 'Name']) ?? r.string(i, side, ['tags_all', 'Name']);
    const g: DGateway = {
      key: i.address,
      ...(id !== undefined ? { id } : {}),
      names: [name ?? (i.index === undefined ? i.name : `${i.name}-${String(i.index)}`)],
      kind: 'vpcEndpoint',
      ...(service !== undefined ? { service } : {}),
      origin: i.address,
    };
    net.gateways.push(g);
    const inline = r.value(i, side, ['route_table_ids']);
    const assoc = [
      ...(inline === UNKNOWN ? [] : arr(inline))
        .map((x) => (typeof x === 'string' ? (r.addressOfId(x, side) ?? x) : undefined))
        .filter((x) => x !== undefined),
      ...(tables.get(i.address) ?? []),
    ];
    const pl = r.string(i, side, ['prefix_list_id']);
    // IMPORTERS.md 1.4: unexpanded prefix lists are reported, never dropped silently.
    w.add(
      'missing-reference',
      `${i.address}: gateway endpoint${service !== undefined ? ` for ${service}` : ''}${assoc.length > 0 ? ` associated with ${[...new Set(assoc)].sort().join(', ')}` : ''}: its routes go to prefix list ${pl ?? '(unknown until apply)'}, whose CIDRs are not in a plan — no route written (add describe-prefix-lists or get-managed-prefix-list-entries to an import aws)`,
      r.file,
    );
  }
}
