/**
 * The topology's routes and next hops: every provider's next-hop vocabulary in one discriminated
 * union (the scenario layer refuses a type that does not belong to the network's provider), static
 * routes, route tables and GCP policy-based routes (types re-exported by ../topology.ts).
 */
import type { PrefixText, IpText } from '../topology.js';
import type { OpaqueNextHop } from '../opaque.js';

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
