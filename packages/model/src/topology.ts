/**
 * The provider-neutral topology: the objects of a scenario file after validation.
 *
 * Field names are those of the scenario format (DESIGN.md "Scenario format"), so a reader can map
 * every object back to the file. Durations are seconds; prefixes and addresses stay in their
 * written (canonical) text form here and are compiled to numbers by `compileNetwork` /
 * the forwarding plane, never parsed on a hot path.
 *
 * Everything is plain readonly data so that the engine can keep it inside immer state.
 */

export type Provider = 'aws' | 'azure' | 'gcp' | 'openstack';

/** A prefix in canonical text form: `10.0.0.0/16`, `2001:db8::/32`. */
export type PrefixText = string;
/** An address in canonical text form: `10.0.0.4`. */
export type IpText = string;

// ---------------------------------------------------------------------------------------------
// Next hops. One discriminated union covering every provider's vocabulary; the scenario layer
// refuses a type that does not belong to the network's provider.
// ---------------------------------------------------------------------------------------------

/** AWS route targets (DESIGN.md: `local`, `igw`, `nat`, `vgw`, `tgw`, `eni`, `peering`, `blackhole`). */
export type AwsNextHop =
  | { readonly type: 'local' }
  | { readonly type: 'igw'; readonly gateway: string }
  | { readonly type: 'nat'; readonly gateway: string }
  | { readonly type: 'vgw'; readonly gateway: string }
  | { readonly type: 'tgw'; readonly gateway: string }
  /** AWS-R45: a VPC gateway endpoint (S3, DynamoDB): the service's prefixes are delivered there. */
  | { readonly type: 'vpce'; readonly gateway: string }
  | { readonly type: 'eni'; readonly ip: IpText }
  | { readonly type: 'peering'; readonly gateway: string }
  | { readonly type: 'blackhole' };

/** Azure UDR next hops (AZ-R5). */
export type AzureNextHop =
  | { readonly type: 'VirtualAppliance'; readonly ip: IpText }
  | { readonly type: 'VirtualNetworkGateway' }
  | { readonly type: 'VnetLocal' }
  | { readonly type: 'Internet' }
  | { readonly type: 'None' };

/** GCP static route next hops (GCP-R5). */
export type GcpNextHop =
  | { readonly type: 'gateway'; readonly gateway: string } // default-internet-gateway
  | { readonly type: 'instance'; readonly host: string }
  | { readonly type: 'address'; readonly ip: IpText }
  | { readonly type: 'ilb'; readonly gateway?: string; readonly ip?: IpText }
  | { readonly type: 'vpnTunnel'; readonly connection: string };

/** GCP policy-based route next hops (GCP-R8). */
export type GcpPolicyNextHop =
  | { readonly type: 'ilb'; readonly gateway?: string; readonly ip?: IpText }
  | { readonly type: 'defaultRouting' };

/** OpenStack host routes and router extra routes: a next-hop address (OS-R3, OS-R14). */
export type OpenStackNextHop = { readonly type: 'ip'; readonly ip: IpText };

/** An imported construct the product does not model (opaque.ts): verdict `unknown`. */
export type { OpaqueNextHop } from './opaque.js';
import type { OpaqueNextHop } from './opaque.js';
import type {
  DefaultHost,
  FirewallMode,
  FirewallRule,
  NetworkAcl,
  NetworkSecurityGroup,
  PrefixList,
  SecurityGroup,
  ServiceTags,
} from './filters/types.js';
export type * from './filters/types.js';

export type NextHop = AwsNextHop | AzureNextHop | GcpNextHop | OpenStackNextHop | OpaqueNextHop;

export interface Route {
  readonly name?: string;
  readonly prefix: PrefixText;
  readonly nextHop: NextHop;
  /** GCP: 0..65535, default 1000 (GCP-R3). */
  readonly priority?: number;
  /** GCP: network tags the route applies to (GCP-R4); empty = all instances. */
  readonly tags?: readonly string[];
}

export interface RouteTable {
  readonly name: string;
  /** AWS: the VPC's main table (AWS-R10). */
  readonly main?: boolean;
  /**
   * Azure: the inverse of `disableBgpRoutePropagation` (default true, AZ-R10).
   * AWS: VGW route propagation into this table (default false, AWS-R27).
   */
  readonly propagateGatewayRoutes?: boolean;
  readonly routes: readonly Route[];
  /** Provider id kept from an import. */
  readonly id?: string;
}

export interface AllowedAddressPair {
  readonly ip: PrefixText;
  readonly mac?: string;
}

export interface Port {
  /** `subnet` (same network) or `net/subnet`. */
  readonly subnet: string;
  readonly ip: IpText;
  readonly portSecurity?: boolean;
  readonly allowedAddressPairs?: readonly AllowedAddressPair[];
  readonly securityGroups?: readonly string[];
  readonly mac?: string;
}

export interface Subnet {
  readonly name: string;
  readonly cidr: PrefixText;
  /** Named route table of the same network; absent = main (AWS) or system routes only (Azure). */
  readonly routeTable?: string | null;
  /** Azure: default outbound access (AZ-R15); default true. */
  readonly defaultOutboundAccess?: boolean;
  /**
   * AWS: instances launched here get a public IPv4 (the subnet's `MapPublicIpOnLaunch`), so
   * sources drawn from the subnet and hosts without their own `publicIp` have one (AWS-R15).
   */
  readonly mapPublicIpOnLaunch?: boolean;
  /** AWS: the subnet's Availability Zone (AWS-R32: a TGW attachment serves only its zones). */
  readonly zone?: string;
  /** GCP region. */
  readonly region?: string;
  /** GCP secondary ranges; OpenStack too. */
  readonly secondaryCidrs?: readonly PrefixText[];
  /** OpenStack: the subnet's gateway address; `null`: none (OS-R2). Default: first host address. */
  readonly gatewayIp?: IpText | null;
  /** OpenStack: routes pushed to guests by DHCP (OS-R3). */
  readonly hostRoutes?: readonly Route[];
  /** AWS (AWS-R40): the subnet's network ACL, a name of the network; absent: the VPC's default NACL. */
  readonly networkAcl?: string;
  /** Azure (AZ-R25): the subnet's NSG, a name of the network or `net/nsg`; absent: none. */
  readonly networkSecurityGroup?: string;
  /** The filters of the subnet's implicit instances (FILTERS.md "Flows without a host"). */
  readonly defaultHost?: DefaultHost;
  readonly id?: string;
}

export interface Host {
  readonly name: string;
  readonly subnet?: string;
  readonly ip?: IpText;
  /** Azure NIC IP forwarding (AZ-R6); GCP canIpForward; OpenStack: the guest forwards. */
  readonly ipForwarding?: boolean;
  /** AWS source/destination check (default true). */
  readonly sourceDestCheck?: boolean;
  readonly publicIp?: boolean;
  /** GCP network tags. */
  readonly tags?: readonly string[];
  /** GCP: the VM is RUNNING (default true). */
  readonly running?: boolean;
  /** OpenStack ports; `subnet` + `ip` is shorthand for one port. */
  readonly ports?: readonly Port[];
  readonly portSecurity?: boolean;
  readonly allowedAddressPairs?: readonly AllowedAddressPair[];
  /** AWS: the ENI's security groups (default `[default]`, AWS-R36); OpenStack: the port's groups. */
  readonly securityGroups?: readonly string[];
  /** Azure: the NIC's NSG (AZ-R25), a name of the network or `net/nsg`. */
  readonly networkSecurityGroup?: string;
  /** GCP: the VM's service account (GCP-R29); default `default`. */
  readonly serviceAccount?: string;
  readonly id?: string;
}

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

export interface TgwAttachment {
  readonly name: string;
  /** A network name (VPC attachment) or a connection name (VPN attachment). */
  readonly network?: string;
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

export interface TgwRoute {
  readonly prefix: PrefixText;
  /** Attachment name; absent with `blackhole: true`. */
  readonly attachment?: string;
  readonly blackhole?: boolean;
}

export interface TgwRouteTable {
  readonly name: string;
  readonly routes: readonly TgwRoute[];
}

export interface Gateway {
  readonly name: string;
  readonly kind: GatewayKind;
  readonly id?: string;
  // AWS NAT gateway (AWS-R16)
  readonly subnet?: string;
  /** AWS NAT: `public` (default) or `private`. */
  readonly connectivity?: 'public' | 'private';
  // VPN gateways (AWS VGW, Azure VNG, GCP HA VPN / Cloud Router)
  readonly asn?: number;
  readonly vpnType?: 'RouteBased' | 'PolicyBased';
  readonly sku?: string;
  readonly activeActive?: boolean;
  readonly bgpPeerIps?: readonly IpText[];
  /** Provisioning duration override, seconds (AZ-R17, AWS-R28). */
  readonly provisioning?: number;
  /** AWS gateway endpoint (AWS-R45): the service, e.g. `com.amazonaws.us-east-1.s3`. */
  readonly service?: string;
  // AWS transit gateway
  readonly attachments?: readonly TgwAttachment[];
  readonly routeTables?: readonly TgwRouteTable[];
  // GCP
  readonly region?: string;
  readonly router?: string;
  readonly keepalive?: number;
  readonly backends?: readonly string[];
  /** GCP ILB global access. */
  readonly globalAccess?: boolean;
  // OpenStack router (OS-R12..R15)
  readonly interfaces?: readonly string[];
  readonly externalGateway?: { readonly network: string; readonly enableSnat?: boolean } | null;
  readonly routes?: readonly Route[];
  readonly ha?: boolean;
  readonly distributed?: boolean;
}

export interface Network {
  readonly name: string;
  readonly provider: Provider;
  readonly id?: string;
  /** AWS/Azure address space. GCP/OpenStack: absent (ranges live on subnets). */
  readonly cidrs: readonly PrefixText[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  readonly hosts: readonly Host[];
  readonly gateways: readonly Gateway[];
  // GCP
  readonly routingMode?: 'regional' | 'global';
  readonly bgpBestPath?: 'legacy' | 'standard';
  readonly defaultRoute?: boolean;
  /** GCP custom static routes (one table per network, GCP-R1). */
  readonly routes?: readonly Route[];
  readonly policyRoutes?: readonly GcpPolicyRoute[];
  // OpenStack
  readonly portSecurity?: boolean;
  readonly external?: boolean;
  // Filters (FILTERS.md)
  /** Overrides the topology's `firewall` for this network. */
  readonly firewall?: FirewallMode;
  /** AWS-R38. */
  readonly prefixLists?: readonly PrefixList[];
  /** AWS (AWS-R35..R37) or OpenStack (OS-R18..R23) security groups. */
  readonly securityGroups?: readonly SecurityGroup[];
  /** AWS-R40..R42. */
  readonly networkAcls?: readonly NetworkAcl[];
  /** AZ-R25..R31. */
  readonly networkSecurityGroups?: readonly NetworkSecurityGroup[];
  /** GCP-R25..R31. */
  readonly firewallRules?: readonly FirewallRule[];
}

export interface GcpPolicyRoute {
  readonly name: string;
  readonly priority: number;
  readonly match: { readonly src?: PrefixText; readonly dst?: PrefixText; readonly protocol?: string };
  readonly nextHop: GcpPolicyNextHop;
  readonly tags?: readonly string[];
}

export interface SiteRoute {
  readonly name?: string;
  readonly prefix: PrefixText;
  /** Connection name: through its tunnels. */
  readonly via: string;
}

export interface Advertisement {
  readonly prefix: PrefixText;
  readonly med?: number;
  readonly asPath?: readonly number[];
}

export interface Site {
  readonly name: string;
  readonly cidrs: readonly PrefixText[];
  readonly asn?: number;
  /** Does the site forward traffic on to the internet? (default false) */
  readonly internetEgress?: boolean;
  /** BGP from this address (a loopback); absent: the tunnel interface (AZ-R21). */
  readonly bgpPeerIp?: IpText;
  readonly routes?: readonly SiteRoute[];
  /** What the site advertises over BGP; default: its cidrs. */
  readonly advertise?: readonly Advertisement[];
  readonly id?: string;
}

export interface Connection {
  readonly name: string;
  /** `[net/gateway, site]` or `[net/gateway, net/gateway]`. */
  readonly between: readonly [string, string];
  /** false: the site's cidrs are static prefixes of the gateway; true: BGP only. */
  readonly bgp: boolean;
  /** Number of tunnels; default per provider (AWS 2, AWS-R23; Azure 1 or 2 active-active; GCP HA 2). */
  readonly tunnels?: number;
  /** AWS Direct Connect (AWS-R46): the connection is a VIF through a Direct Connect gateway. */
  readonly directConnect?: DirectConnect;
  readonly id?: string;
}

/**
 * AWS-R46: a site's virtual interface to a Direct Connect gateway and that gateway's association
 * with the connection's VGW (private VIF) or TGW (transit VIF), seen as one BGP connection.
 */
export interface DirectConnect {
  /** The Direct Connect gateway's name (several connections may share one); absent: a private VIF straight to the VGW. */
  readonly gateway?: string;
  /** The DX gateway's provider id, `dxgw` id or UUID. */
  readonly gatewayId?: string;
  /** The DX gateway's Amazon-side ASN: first in the AS path the site learns. */
  readonly asn?: number;
  /** The association's allowed prefixes: what the site learns (default: VGW the VPC's CIDRs, TGW none). */
  readonly allowedPrefixes?: readonly string[];
  /** The VIF's provider id (`dxvif-…`). */
  readonly vif?: string;
}

export interface Peering {
  readonly name?: string;
  readonly between: readonly [string, string];
  /** GCP custom route exchange (GCP-R23). */
  readonly customRoutes?: 'none' | 'a-to-b' | 'b-to-a' | 'both';
  /**
   * Azure gateway transit (AZ-R34..R37): `between[0]` is the hub that allows transit,
   * `between[1]` the spoke that uses the hub's gateway. Default false.
   */
  readonly gatewayTransit?: boolean;
  readonly id?: string;
}

/** The network as it stands: everything a scenario's topology sections describe. */
export interface Topology {
  readonly networks: readonly Network[];
  readonly sites: readonly Site[];
  readonly connections: readonly Connection[];
  readonly peerings: readonly Peering[];
  /** `none` (default), `provider-default` (GCP-R24, OS-R11) or `rules` (FILTERS.md). */
  readonly firewall?: FirewallMode;
  /** Azure service tags' offline contents (AZ-R30). */
  readonly serviceTags?: ServiceTags;
}
