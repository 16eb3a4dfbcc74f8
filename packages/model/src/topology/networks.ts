/**
 * The topology's networks and their subnets (types re-exported by ../topology.ts).
 */
import type { Provider, PrefixText, IpText } from '../topology.js';
import type {
  DefaultHost,
  FirewallMode,
  FirewallRule,
  NetworkAcl,
  NetworkSecurityGroup,
  PrefixList,
  SecurityGroup,
} from '../filters/types.js';
import type { GcpPolicyRoute, Route, RouteTable } from './routes.js';
import type { Host } from './hosts.js';
import type { Gateway } from './gateways.js';

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
