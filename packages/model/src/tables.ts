/**
 * Forwarding tables: what every router-like thing in a network state would do with a packet.
 *
 * Route selection per provider (PROVIDERS.md) is resolved here, once per table, never per lookup:
 * every candidate route of a table comes out with the provider's own `source` / `state` vocabulary
 * (the effective-routes view) and, for the routes that can win a longest-prefix match, a resolved
 * {@link RouteAction}. The data plane (`forward.ts`) compiles the `active` routes of each table
 * into an lpm table and walks packets hop by hop.
 */
import type { PrefixText, Provider, IpText } from './topology.js';

/** Drop reasons (DESIGN.md "Explain every drop"); stable codes used in JSON output. */
export type DropReason =
  | 'no-route'
  | 'none-route'
  | 'blackhole'
  | 'next-hop-not-forwarding'
  | 'no-public-ip'
  | 'gateway-not-ready'
  | 'session-down'
  | 'tunnel-down'
  | 'loop'
  | 'ttl'
  | 'port-security'
  | 'firewall'
  | 'reserved-address';

/**
 * What a route does with a packet that matches it. Paths are `net/object`; sites and connections
 * are plain names.
 */
export type RouteAction =
  /** Deliver inside the table's own network (AWS local, Azure VnetLocal, GCP subnet route). */
  | { readonly kind: 'local'; readonly network: string }
  /** Cross a VNet/VPC/GCP peering into `network` and deliver or look up there. */
  | { readonly kind: 'peering'; readonly network: string; readonly peering?: string }
  /** Leave to the internet through the provider's internet next hop. */
  | { readonly kind: 'internet'; readonly gateway?: string }
  /** AWS NAT gateway (AWS-R16) / GCP Cloud NAT: source-translated, then its subnet's table. */
  | { readonly kind: 'nat'; readonly gateway: string }
  /** An appliance / instance / ENI / next-hop address; `host` when it is a known NIC. */
  | { readonly kind: 'appliance'; readonly ip: IpText; readonly host?: string }
  /** A gateway that has a table of its own: VGW, Azure VNG, TGW, GCP VPN/Cloud Router, OpenStack router. */
  | { readonly kind: 'gateway'; readonly gateway: string; readonly attachment?: string }
  /** Into a connection's tunnels (from a gateway or a site). */
  | { readonly kind: 'connection'; readonly connection: string }
  /** Deliver to a site (the packet's destination lies in the site's cidrs). */
  | { readonly kind: 'site'; readonly site: string }
  /** Drop here, with the reason (None route, blackhole, ...). */
  | { readonly kind: 'drop'; readonly reason: DropReason }
  /** An imported construct the product does not model (opaque.ts): verdict `unknown`, reason `unmodelled`. */
  | { readonly kind: 'opaque'; readonly construct: string; readonly id?: string };

/** One route of a forwarding table as the provider would show it: prefix, source, state, next hop, and whether it takes part in the lookup. */
export interface CandidateRoute {
  /** The destination the route matches. */
  readonly prefix: PrefixText;
  /** Provider vocabulary: Azure Default|User|VirtualNetworkGateway; AWS local|static|propagated; GCP SUBNET|…; OpenStack connected|host-route|gateway|extra. */
  readonly source: string;
  /** Provider vocabulary: Azure Active|Invalid; AWS active|blackhole; GCP ACTIVE|INACTIVE; OpenStack active. */
  readonly state: string;
  /** Provider vocabulary, e.g. VnetLocal, VirtualAppliance, igw, nat, default-internet-gateway. */
  readonly nextHopType: string;
  /** The next hop's address, when it has one. */
  readonly nextHopIp?: IpText;
  /** The route's name, when it has one. */
  readonly name?: string;
  /** GCP extras. */
  readonly priority?: number;
  /** GCP: network tags the route applies to (GCP-R4). */
  readonly tags?: readonly string[];
  /** GCP: the region a learned route applies in (GCP-R16). */
  readonly region?: string;
  /** BGP-learned routes: the AS path as received (neighbour AS first) and the MED, when known. */
  readonly asPath?: readonly number[];
  /** BGP-learned routes: the MED, when known. */
  readonly med?: number;
  /** Why the route is not in use (GCP `conflicts-with-subnet-route`; Azure overridden; …). */
  readonly reason?: string;
  /** Rule id that decided this route's state, when one did (e.g. `AZ-R8`, `AWS-R5`). */
  readonly rule?: string;
  /**
   * True when the route takes part in longest-prefix match: it survived the provider's
   * precedence at equal prefix (and the provider's special rules such as AWS-R5). Exactly one
   * route per prefix is `selected` (or none). A selected route can still drop (None, blackhole).
   */
  readonly selected: boolean;
  /** What the route does with a packet; present on selected routes. */
  readonly action?: RouteAction;
  /**
   * GCP-R10 ECMP, on a selected route only: the actions of every route that ties with it (equal
   * prefix, preference category and priority), its own action included, in a deterministic
   * order (next-hop name, then route name) independent of insertion order. The data plane picks
   * one per flow by a hash of the flow. Absent when the route has no equal.
   */
  readonly ecmp?: readonly RouteAction[];
}

/** What a forwarding table belongs to: a subnet, a gateway, a site, a transit gateway route table, an OpenStack router, a guest or a GCP network. */
export type TableKind = 'subnet' | 'gateway' | 'site' | 'tgw' | 'router' | 'guest' | 'network';

/** The routes one place forwards by (a subnet, a gateway, a site...), with each route's state and whether it is selected. */
export interface ForwardingTable {
  /** Stable id: `net/subnet` (subnet view), `net/gw` (gateway), `site:name`, `net/tgw#rt` … */
  readonly id: string;
  /** What the table belongs to. */
  readonly kind: TableKind;
  /** Whose rules built the table; `onprem` for a site. */
  readonly provider: Provider | 'onprem';
  /** Every candidate route, selected or not. */
  readonly routes: readonly CandidateRoute[];
}
