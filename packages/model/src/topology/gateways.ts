/**
 * The topology's gateways of every kind and the transit gateway's attachments and route tables (types re-exported by ../topology.ts).
 */
import type { PrefixText, IpText } from '../topology.js';
import type { Route } from './routes.js';

/** What a gateway is, per provider: AWS `igw` to `vpcEndpoint`, Azure `vpn`, GCP `cloudRouter` to `ilb`, OpenStack `router`. */
export type GatewayKind =
  // AWS
  | 'igw'
  | 'nat'
  | 'vgw'
  | 'tgw'
  | 'egressOnlyIgw'
  | 'vpcEndpoint'
  // Azure
  | 'vpn'
  // GCP
  | 'cloudRouter'
  | 'haVpn'
  | 'classicVpn'
  | 'cloudNat'
  | 'ilb'
  // OpenStack
  | 'router';

/** An AWS transit gateway attachment: a VPC, a VPN connection or a peer transit gateway, with its association and propagations (AWS-R29). */
export interface TgwAttachment {
  /** The attachment's name, unique in its transit gateway. */
  readonly name: string;
  /** A network name (VPC attachment) or a connection name (VPN attachment). */
  readonly network?: string;
  /** A VPN attachment: the connection's name. */
  readonly connection?: string;
  /**
   * A peering attachment (AWS-R29, AWS-R30): the peer transit gateway, `net/tgw`. Static routes
   * only cross it; the peer's own attachment back to this gateway picks the peer's table.
   */
  readonly peer?: string;
  /**
   * VPC attachment: the Availability Zones it has a subnet in (AWS-R32). Traffic toward the TGW
   * from a subnet whose `zone` is not one of them is dropped. Absent: every zone.
   */
  readonly zones?: readonly string[];
  /** TGW route table this attachment is associated with (AWS-R29). */
  readonly routeTable?: string;
  /** TGW route tables this attachment propagates into. */
  readonly propagations?: readonly string[];
}

/** A static route of a transit gateway route table (AWS-R30): to an attachment, or a blackhole. */
export interface TgwRoute {
  /** The destination the route matches. */
  readonly prefix: PrefixText;
  /** Attachment name; absent with `blackhole: true`. */
  readonly attachment?: string;
  /** Drop matching traffic (AWS-R30). */
  readonly blackhole?: boolean;
}

/** A transit gateway route table: its static routes; propagated routes come from the attachments. */
export interface TgwRouteTable {
  /** The table's name, unique in its transit gateway. */
  readonly name: string;
  /** The table's static routes. */
  readonly routes: readonly TgwRoute[];
}

/** A gateway of a network: internet, NAT, VPN, transit, Cloud Router, load balancer or OpenStack router; `kind` says which fields apply. */
export interface Gateway {
  /** The gateway's name, unique in its network. */
  readonly name: string;
  /** What the gateway is. */
  readonly kind: GatewayKind;
  /** Provider id kept from an import. */
  readonly id?: string;
  // AWS NAT gateway (AWS-R16)
  /** AWS NAT gateway: the subnet it sits in (AWS-R16). */
  readonly subnet?: string;
  /** AWS NAT: `public` (default) or `private`. */
  readonly connectivity?: 'public' | 'private';
  // VPN gateways (AWS VGW, Azure VNG, GCP HA VPN / Cloud Router)
  /** VPN gateway or Cloud Router: its BGP ASN. */
  readonly asn?: number;
  /** Azure VPN gateway type (invariant 19: fixed once created). */
  readonly vpnType?: 'RouteBased' | 'PolicyBased';
  /** Azure VPN gateway SKU (AZ-R18). */
  readonly sku?: string;
  /** Azure VPN gateway: both instances carry tunnels (AZ-R20). */
  readonly activeActive?: boolean;
  /** The gateway's own BGP peer addresses (AZ-R21). */
  readonly bgpPeerIps?: readonly IpText[];
  /** Provisioning duration override, seconds (AZ-R17, AWS-R28). */
  readonly provisioning?: number;
  /** AWS gateway endpoint (AWS-R45): the service, e.g. `com.amazonaws.us-east-1.s3`. */
  readonly service?: string;
  // AWS transit gateway
  /** AWS transit gateway: its attachments. */
  readonly attachments?: readonly TgwAttachment[];
  /** AWS transit gateway: its route tables. */
  readonly routeTables?: readonly TgwRouteTable[];
  // GCP
  /** GCP: the gateway's region. */
  readonly region?: string;
  /** GCP VPN gateway or Cloud NAT: the Cloud Router it uses. */
  readonly router?: string;
  /** GCP Cloud Router: BGP keepalive, seconds; the hold time is three times it (GCP-R19). */
  readonly keepalive?: number;
  /** GCP internal load balancer: the hosts behind it. */
  readonly backends?: readonly string[];
  /** GCP ILB global access. */
  readonly globalAccess?: boolean;
  // OpenStack router (OS-R12..R15)
  /** OpenStack router: the subnets it has an interface in (OS-R12). */
  readonly interfaces?: readonly string[];
  /** OpenStack router: its external network and SNAT (OS-R13); `null`: none. */
  readonly externalGateway?: { readonly network: string; readonly enableSnat?: boolean } | null;
  /** OpenStack router: its extra routes (OS-R14). */
  readonly routes?: readonly Route[];
  /** OpenStack router: the highly available (VRRP) flavour; it routes like the others. */
  readonly ha?: boolean;
  /** OpenStack router: the distributed flavour; it routes like the others. */
  readonly distributed?: boolean;
}
