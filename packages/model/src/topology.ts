// Over 400 lines: the type of every object of the scenario format, each with its field docs, in one place the format is read from.
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

/** The cloud a network belongs to; it decides which rules, next hops and filters apply. */
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

/** Where a route sends matching traffic: any provider's next hop, or an imported construct kept opaque. */
export type NextHop = AwsNextHop | AzureNextHop | GcpNextHop | OpenStackNextHop | OpaqueNextHop;

/** A static route of a route table, a GCP network, a subnet's host routes or an OpenStack router: traffic to `prefix` goes to `nextHop`. */
export interface Route {
  /** Optional name, as written in the scenario or kept from an import. */
  readonly name?: string;
  /** The destination the route matches. */
  readonly prefix: PrefixText;
  /** Where matching traffic goes. */
  readonly nextHop: NextHop;
  /** GCP: 0..65535, default 1000 (GCP-R3). */
  readonly priority?: number;
  /** GCP: network tags the route applies to (GCP-R4); empty = all instances. */
  readonly tags?: readonly string[];
}

/** A named table of static routes that subnets of the same network associate with. */
export interface RouteTable {
  /** The table's name, unique in its network. */
  readonly name: string;
  /** AWS: the VPC's main table (AWS-R10). */
  readonly main?: boolean;
  /**
   * Azure: the inverse of `disableBgpRoutePropagation` (default true, AZ-R10).
   * AWS: VGW route propagation into this table (default false, AWS-R27).
   */
  readonly propagateGatewayRoutes?: boolean;
  /** The table's static routes, in file order. */
  readonly routes: readonly Route[];
  /** Provider id kept from an import. */
  readonly id?: string;
}

/** OpenStack (OS-R7): an extra address or prefix a port may send from, besides its own. */
export interface AllowedAddressPair {
  /** The allowed address or prefix. */
  readonly ip: PrefixText;
  /** The MAC address it goes with; absent: the port's own. */
  readonly mac?: string;
}

/** An OpenStack port of a host: its address in one subnet, with its own port security, pairs and groups. */
export interface Port {
  /** `subnet` (same network) or `net/subnet`. */
  readonly subnet: string;
  /** The port's fixed address in that subnet. */
  readonly ip: IpText;
  /** Port security on this port (OS-R4); absent: the network's default. */
  readonly portSecurity?: boolean;
  /** Extra sources the port may use (OS-R7). */
  readonly allowedAddressPairs?: readonly AllowedAddressPair[];
  /** The port's security groups (OS-R18). */
  readonly securityGroups?: readonly string[];
  /** The port's MAC address, kept from an import. */
  readonly mac?: string;
}

/** A subnet of a network: its address range, the route table it uses and its filters. */
export interface Subnet {
  /** The subnet's name, unique in its network. */
  readonly name: string;
  /** The subnet's primary address range. */
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
  /** Provider id kept from an import. */
  readonly id?: string;
}

/** A machine with an address in a subnet (or OpenStack ports): a flow's source or destination, or an appliance a route points at. */
export interface Host {
  /** The host's name, unique in its network. */
  readonly name: string;
  /** The subnet the host's address is in; with `ip`, shorthand for one port. */
  readonly subnet?: string;
  /** The host's private address in `subnet`. */
  readonly ip?: IpText;
  /** Azure NIC IP forwarding (AZ-R6); GCP canIpForward; OpenStack: the guest forwards. */
  readonly ipForwarding?: boolean;
  /** AWS source/destination check (default true). */
  readonly sourceDestCheck?: boolean;
  /** The host has a public address (AWS-R15 for AWS; an OpenStack floating IP, OS-R15). */
  readonly publicIp?: boolean;
  /** GCP network tags. */
  readonly tags?: readonly string[];
  /** GCP: the VM is RUNNING (default true). */
  readonly running?: boolean;
  /** OpenStack ports; `subnet` + `ip` is shorthand for one port. */
  readonly ports?: readonly Port[];
  /** OpenStack: port security of the shorthand port (OS-R4); absent: the network's default. */
  readonly portSecurity?: boolean;
  /** OpenStack: extra sources of the shorthand port (OS-R7). */
  readonly allowedAddressPairs?: readonly AllowedAddressPair[];
  /** AWS: the ENI's security groups (default `[default]`, AWS-R36); OpenStack: the port's groups. */
  readonly securityGroups?: readonly string[];
  /** Azure: the NIC's NSG (AZ-R25), a name of the network or `net/nsg`. */
  readonly networkSecurityGroup?: string;
  /** GCP: the VM's service account (GCP-R29); default `default`. */
  readonly serviceAccount?: string;
  /** Provider id kept from an import. */
  readonly id?: string;
}

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

/** One provider network (AWS VPC, Azure VNet, GCP VPC network, OpenStack network) with its subnets, route tables, hosts, gateways and filters. */
export interface Network {
  /** The network's name, unique in the topology. */
  readonly name: string;
  /** The cloud the network belongs to. */
  readonly provider: Provider;
  /** Provider id kept from an import. */
  readonly id?: string;
  /** AWS/Azure address space. GCP/OpenStack: absent (ranges live on subnets). */
  readonly cidrs: readonly PrefixText[];
  /** The network's subnets. */
  readonly subnets: readonly Subnet[];
  /** The network's named route tables. */
  readonly routeTables: readonly RouteTable[];
  /** The network's hosts. */
  readonly hosts: readonly Host[];
  /** The network's gateways. */
  readonly gateways: readonly Gateway[];
  // GCP
  /** GCP dynamic routing mode (GCP-R16); default regional. */
  readonly routingMode?: 'regional' | 'global';
  /** GCP BGP best-path selection mode (GCP-R17); default legacy. */
  readonly bgpBestPath?: 'legacy' | 'standard';
  /** GCP: the network has its default internet route (GCP-R15). */
  readonly defaultRoute?: boolean;
  /** GCP custom static routes (one table per network, GCP-R1). */
  readonly routes?: readonly Route[];
  /** GCP policy-based routes, looked up before the routing table (GCP-R8). */
  readonly policyRoutes?: readonly GcpPolicyRoute[];
  // OpenStack
  /** OpenStack: the port security default of the network's ports (OS-R4). */
  readonly portSecurity?: boolean;
  /** OpenStack: an external network, which routers use as their gateway (OS-R13). */
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

/** A GCP policy-based route (GCP-R8): traffic matching source, destination and protocol goes to an internal load balancer or to normal routing. */
export interface GcpPolicyRoute {
  /** The route's name, unique in its network. */
  readonly name: string;
  /** Lower wins among matching policy routes. */
  readonly priority: number;
  /** What the route matches; an absent field matches anything. */
  readonly match: { readonly src?: PrefixText; readonly dst?: PrefixText; readonly protocol?: string };
  /** Where matching traffic goes. */
  readonly nextHop: GcpPolicyNextHop;
  /** Network tags of the instances the route applies to; absent: all. */
  readonly tags?: readonly string[];
}

/** A static route of an on-premises site: traffic to `prefix` leaves through a connection's tunnels. */
export interface SiteRoute {
  /** Optional name, as written in the scenario. */
  readonly name?: string;
  /** The destination the route matches. */
  readonly prefix: PrefixText;
  /** Connection name: through its tunnels. */
  readonly via: string;
}

/** A prefix a site advertises over BGP, with the MED and AS path it carries. */
export interface Advertisement {
  /** The advertised prefix. */
  readonly prefix: PrefixText;
  /** The multi-exit discriminator sent with it. */
  readonly med?: number;
  /** ASNs prepended after the site's own. */
  readonly asPath?: readonly number[];
}

/** An on-premises site: its address ranges, its BGP identity and what it routes and advertises over its connections. */
export interface Site {
  /** The site's name, unique in the topology. */
  readonly name: string;
  /** The site's own address ranges. */
  readonly cidrs: readonly PrefixText[];
  /** The site's BGP ASN. */
  readonly asn?: number;
  /** Does the site forward traffic on to the internet? (default false) */
  readonly internetEgress?: boolean;
  /** BGP from this address (a loopback); absent: the tunnel interface (AZ-R21). */
  readonly bgpPeerIp?: IpText;
  /** The site's static routes toward the cloud. */
  readonly routes?: readonly SiteRoute[];
  /** What the site advertises over BGP; default: its cidrs. */
  readonly advertise?: readonly Advertisement[];
  /** Provider id kept from an import (a customer gateway). */
  readonly id?: string;
}

/** A VPN (or Direct Connect) connection between a gateway and a site or between two gateways, with its tunnels and whether it runs BGP. */
export interface Connection {
  /** The connection's name, unique in the topology. */
  readonly name: string;
  /** `[net/gateway, site]` or `[net/gateway, net/gateway]`. */
  readonly between: readonly [string, string];
  /** false: the site's cidrs are static prefixes of the gateway; true: BGP only. */
  readonly bgp: boolean;
  /** Number of tunnels; default per provider (AWS 2, AWS-R23; Azure 1 or 2 active-active; GCP HA 2). */
  readonly tunnels?: number;
  /** AWS Direct Connect (AWS-R46): the connection is a VIF through a Direct Connect gateway. */
  readonly directConnect?: DirectConnect;
  /** Provider id kept from an import. */
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

/** A peering between two networks, with GCP route exchange and Azure gateway transit. */
export interface Peering {
  /** Optional name, as written in the scenario. */
  readonly name?: string;
  /** The two peered networks' names. */
  readonly between: readonly [string, string];
  /** GCP custom route exchange (GCP-R23). */
  readonly customRoutes?: 'none' | 'a-to-b' | 'b-to-a' | 'both';
  /**
   * Azure gateway transit (AZ-R34..R37): `between[0]` is the hub that allows transit,
   * `between[1]` the spoke that uses the hub's gateway. Default false.
   */
  readonly gatewayTransit?: boolean;
  /** Provider id kept from an import. */
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
