/**
 * Terraform transit gateways → describe-transit-gateway* records: the gateways and their default
 * route tables, route tables, VPC and peering attachments (AWS-R29), the tables' associations,
 * propagations and static routes.
 */
import { num, obj, str } from '../../internal/json.js';
import { knownList, type AwsConverter, type Mutable } from './converter.js';

/** `aws_ec2_transit_gateway` (with its default route table), its route tables and VPC attachments. */
export function convertTransitGateways(c: AwsConverter): void {
  const { r, side, w } = c;
  for (const i of c.instances('aws_ec2_transit_gateway')) {
    const defAssoc = (c.stringAttr(i, 'default_route_table_association') ?? 'enable') === 'enable';
    const defProp = (c.stringAttr(i, 'default_route_table_propagation') ?? 'enable') === 'enable';
    const assocId = c.stringAttr(i, 'association_default_route_table_id');
    const propId = c.stringAttr(i, 'propagation_default_route_table_id');
    // The default route table is made with the TGW, not by a resource of its own.
    const defTable = assocId ?? propId ?? `${i.address}#default`;
    const o: Mutable = {
      TransitGatewayId: i.address,
      State: 'available',
      Options: {
        AmazonSideAsn: num(r.value(i, side, ['amazon_side_asn'])),
        DefaultRouteTableAssociation: defAssoc ? 'enable' : 'disable',
        DefaultRouteTablePropagation: defProp ? 'enable' : 'disable',
        AssociationDefaultRouteTableId: defTable,
        PropagationDefaultRouteTableId: propId ?? defTable,
      },
      Tags: c.tags(i),
    };
    c.tgws.set(i.address, o);
    c.inv.put('TransitGateways', c.record(i, o), w);
    if ((defAssoc || defProp) && !c.inv.byKey.TransitGatewayRouteTables.has(defTable))
      c.inv.put(
        'TransitGatewayRouteTables',
        {
          o: {
            TransitGatewayRouteTableId: defTable,
            TransitGatewayId: i.address,
            State: 'available',
            Tags: [{ Key: 'Name', Value: 'default' }],
          },
          file: r.file,
          path: [],
          origin: i.address,
          outId: assocId ?? defTable,
        },
        w,
      );
  }
  for (const i of c.instances('aws_ec2_transit_gateway_route_table'))
    c.putAvailable('TransitGatewayRouteTables', i, {
      TransitGatewayRouteTableId:
        c.stringAttr(i, 'id') !== undefined && r.addressOfId(c.stringAttr(i, 'id') ?? '', side) === undefined
          ? c.stringAttr(i, 'id')
          : i.address,
      TransitGatewayId: c.link(i, 'transit_gateway_id'),
    });
  for (const i of c.instances('aws_ec2_transit_gateway_vpc_attachment')) {
    const subnets = knownList(r.value(i, side, ['subnet_ids']))
      .map((s) => (typeof s === 'string' ? (r.addressOfId(s, side) ?? s) : undefined))
      .filter((s) => s !== undefined);
    const att: Mutable = {
      TransitGatewayAttachmentId: i.address,
      TransitGatewayId: c.link(i, 'transit_gateway_id'),
      ResourceType: 'vpc',
      ResourceId: c.link(i, 'vpc_id'),
      State: 'available',
      $default: r.value(i, side, ['transit_gateway_default_route_table_association']) !== false,
      $defaultPropagation: r.value(i, side, ['transit_gateway_default_route_table_propagation']) !== false,
      $origin: i.address,
    };
    c.tgwAttachments.set(i.address, att);
    c.inv.put(
      'TransitGatewayVpcAttachments',
      c.record(i, { TransitGatewayAttachmentId: i.address, SubnetIds: subnets }),
      w,
    );
  }
}

/**
 * `aws_ec2_transit_gateway_peering_attachment` and its accepter → one attachment per side.
 * Returns each side's key → the other side's.
 */
export function convertTgwPeerings(c: AwsConverter): Map<string, string> {
  const { r, side, w } = c;
  // AWS-R29: a TGW peering. The requester's side is the peering attachment, the accepter's side
  // its accepter (on the peer transit gateway); both share one id, so a link to either is taken
  // to the side whose transit gateway owns the route table that names it.
  const peerSide = new Map<string, string>();
  for (const i of c.instances('aws_ec2_transit_gateway_peering_attachment'))
    c.tgwAttachments.set(i.address, {
      TransitGatewayAttachmentId: i.address,
      TransitGatewayId: c.link(i, 'transit_gateway_id'),
      ResourceType: 'peering',
      ResourceId: c.link(i, 'peer_transit_gateway_id'),
      State: 'available',
      Tags: c.tags(i),
      $default: true,
      $defaultPropagation: false,
      $origin: i.address,
    });
  for (const i of c.instances('aws_ec2_transit_gateway_peering_attachment_accepter')) {
    // Both resources carry the attachment's id: the link may name either; take the requester.
    const linked = c.link(i, 'transit_gateway_attachment_id') ?? '';
    const wanted = c.stringAttr(i, 'transit_gateway_attachment_id');
    const reqKey =
      c
        .instances('aws_ec2_transit_gateway_peering_attachment')
        .find((x) => x.address === linked || (wanted !== undefined && c.stringAttr(x, 'id') === wanted))
        ?.address ?? linked;
    const req = c.tgwAttachments.get(reqKey);
    if (req?.['ResourceType'] !== 'peering') {
      w.add(
        'missing-reference',
        `${i.address}: its peering attachment ${reqKey || '?'} is not in the plan — skipped`,
        r.file,
      );
      continue;
    }
    c.tgwAttachments.set(i.address, {
      TransitGatewayAttachmentId: i.address,
      TransitGatewayId: req['ResourceId'],
      ResourceType: 'peering',
      ResourceId: req['TransitGatewayId'],
      State: 'available',
      Tags: c.tags(i),
      $default: r.value(i, side, ['transit_gateway_default_route_table_association']) !== false,
      $defaultPropagation: false,
      $origin: i.address,
    });
    peerSide.set(reqKey, i.address);
    peerSide.set(i.address, reqKey);
  }
  return peerSide;
}

/**
 * The attachments' associations, propagations (explicit and by the transit gateway's defaults)
 * and the static routes → inventory records. `peerSide` is from {@link convertTgwPeerings}.
 */
export function linkTgwAttachments(c: AwsConverter, peerSide: ReadonlyMap<string, string>): void {
  const { r, side, w } = c;
  /** The attachment key a link names, on the side of the transit gateway that owns `table`. */
  const onSide = (key: string | undefined, table: string | undefined): string | undefined => {
    const tgw = str(c.inv.byKey.TransitGatewayRouteTables.get(table ?? '')?.o['TransitGatewayId']);
    const other = peerSide.get(key ?? '');
    if (other === undefined || tgw === undefined) return key;
    return str(c.tgwAttachments.get(key ?? '')?.['TransitGatewayId']) === tgw ? key : other;
  };
  for (const i of c.instances('aws_ec2_transit_gateway_route_table_association')) {
    const t = c.link(i, 'transit_gateway_route_table_id');
    const att = c.tgwAttachments.get(onSide(c.link(i, 'transit_gateway_attachment_id'), t) ?? '');
    if (att !== undefined && t !== undefined) {
      att['Association'] = { TransitGatewayRouteTableId: t, State: 'associated' };
      att['$default'] = false;
    }
  }
  for (const i of c.instances('aws_ec2_transit_gateway_route_table_propagation')) {
    const att = c.link(i, 'transit_gateway_attachment_id');
    const t = c.link(i, 'transit_gateway_route_table_id');
    if (att !== undefined && t !== undefined)
      c.propagations.set(t, [
        ...(c.propagations.get(t) ?? []),
        c.record(i, { TransitGatewayAttachmentId: att, State: 'enabled' }),
      ]);
  }
  for (const [id, att] of c.tgwAttachments) {
    const tgw = c.tgws.get(str(att['TransitGatewayId']) ?? '');
    const options = obj(tgw?.['Options']);
    const def = str(options?.['AssociationDefaultRouteTableId']);
    if (
      att['$default'] === true &&
      att['Association'] === undefined &&
      options?.['DefaultRouteTableAssociation'] === 'enable' &&
      def !== undefined
    )
      att['Association'] = { TransitGatewayRouteTableId: def, State: 'associated' };
    const prop = str(options?.['PropagationDefaultRouteTableId']);
    if (
      att['$defaultPropagation'] !== false &&
      options?.['DefaultRouteTablePropagation'] === 'enable' &&
      prop !== undefined
    )
      c.propagations.set(prop, [
        ...(c.propagations.get(prop) ?? []),
        { o: { TransitGatewayAttachmentId: id, State: 'enabled' }, file: r.file, path: [] },
      ]);
    c.inv.put(
      'TransitGatewayAttachments',
      {
        o: att,
        file: r.file,
        path: [],
        ...(typeof att['$origin'] === 'string' ? { origin: att['$origin'] } : {}),
        outId: id,
      },
      w,
    );
  }
  for (const i of c.instances('aws_ec2_transit_gateway_route')) {
    const t = c.link(i, 'transit_gateway_route_table_id');
    if (t === undefined) continue;
    const blackhole = r.value(i, side, ['blackhole']) === true;
    const att = blackhole ? undefined : onSide(c.link(i, 'transit_gateway_attachment_id'), t);
    c.tgwRoutes.set(t, [
      ...(c.tgwRoutes.get(t) ?? []),
      c.record(i, {
        DestinationCidrBlock: c.stringAttr(i, 'destination_cidr_block'),
        Type: 'static',
        State: blackhole ? 'blackhole' : 'active',
        TransitGatewayAttachments: att === undefined ? [] : [{ TransitGatewayAttachmentId: att }],
      }),
    ]);
  }
  for (const [table, items] of c.propagations)
    c.inv.propagations.push({ table, items, truncated: false, file: r.file });
  for (const [table, items] of c.tgwRoutes)
    c.inv.tgwRoutes.push({ table, items, truncated: false, file: r.file });
}
