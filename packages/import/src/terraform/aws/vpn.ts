/** Terraform customer gateways and Site-to-Site VPN connections → describe-* records. */
import { num, obj, str } from '../../internal/json.js';
import { knownList, type AwsConverter, type Mutable } from './converter.js';

/**
 * `aws_customer_gateway`, `aws_vpn_connection` (to a VGW or a transit gateway, whose VPN
 * attachment it makes) and `aws_vpn_connection_route`. Pre-shared keys are never read.
 */
export function convertVpn(c: AwsConverter): void {
  const { r, side, w } = c;
  for (const i of c.instances('aws_customer_gateway'))
    c.putAvailable('CustomerGateways', i, {
      CustomerGatewayId: i.address,
      BgpAsn: num(r.value(i, side, ['bgp_asn'])),
      IpAddress: c.stringAttr(i, 'ip_address'),
    });
  for (const i of c.instances('aws_vpn_connection')) {
    // Never read: tunnel1_preshared_key, tunnel2_preshared_key, customer_gateway_configuration.
    const telemetry = knownList(r.value(i, side, ['vgw_telemetry'])).map((t) => ({
      Status: str(obj(t)?.['status']),
      AcceptedRouteCount: num(obj(t)?.['accepted_route_count']),
    }));
    const tgw =
      r.configured(i, 'transit_gateway_id') || c.stringAttr(i, 'transit_gateway_id') !== undefined
        ? c.link(i, 'transit_gateway_id')
        : undefined;
    const vgw = tgw === undefined ? c.link(i, 'vpn_gateway_id') : undefined;
    const o: Mutable = {
      VpnConnectionId: i.address,
      CustomerGatewayId: c.link(i, 'customer_gateway_id'),
      VpnGatewayId: vgw,
      TransitGatewayId: tgw,
      Options: { StaticRoutesOnly: r.value(i, side, ['static_routes_only']) === true },
      Routes: [],
      VgwTelemetry: telemetry,
      State: 'available',
      Tags: c.tags(i),
    };
    c.vpns.set(i.address, o);
    c.inv.put('VpnConnections', c.record(i, o), w);
    if (tgw !== undefined) {
      const att: Mutable = {
        TransitGatewayAttachmentId:
          c.stringAttr(i, 'transit_gateway_attachment_id') ?? `${i.address}#attachment`,
        TransitGatewayId: tgw,
        ResourceType: 'vpn',
        ResourceId: i.address,
        State: 'available',
        $default: true,
      };
      c.tgwAttachments.set(String(att['TransitGatewayAttachmentId']), att);
    }
  }
  for (const i of c.instances('aws_vpn_connection_route')) {
    const v = c.vpns.get(c.link(i, 'vpn_connection_id') ?? '');
    const d = c.stringAttr(i, 'destination_cidr_block');
    if (v !== undefined && d !== undefined)
      (v['Routes'] as Mutable[]).push({ DestinationCidrBlock: d, State: 'available' });
  }
}
