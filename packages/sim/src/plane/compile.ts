/**
 * The forwarding plane of one network state: every forwarding table of the model compiled into an
 * lpm lookup, and every entity a packet can meet (subnets, hosts, gateways, connections, sites)
 * flattened into typed arrays indexed by small integers.
 *
 *   tables   tableLpm[t].lookup(dst) → route r (index into the table's selected IPv4 routes)
 *            routeKind[tableBase[t] + r]   Act code        routeTarget[...]  entity index / reason
 *            routeIp[...]                  appliance ip    tableNet[t]       owning network or -1
 *   networks netSubnets[n].lookup(addr) → subnet index;  netProvider[n]; netInbound[n] (Azure GatewaySubnet table)
 *   subnets  subnetTable, subnetNet, subnetBase, subnetLast, subnetPublic (default outbound / Cloud NAT)
 *   hosts    hostByIp[n]: Map<ip, host>; hostForwards, hostPublic, hostSubnet, hostTable
 *   gateways gwReady, gwTable, gwNet, gwSubnet (NAT), gwTranslates (public NAT), gwInbound
 *   conns    connUp (a tunnel carries traffic), connDrop (why not), connGw (cloud side), connPeer (site or second gateway)
 *   ports    the host arrays are per port (an OpenStack host with `ports:` has several entries):
 *            portOwner → owner (host) ordinal, ownerFirst/ownerCount → its ports; portSecurity,
 *            pairs [pairLo, pairHi] from pairStart[port] to pairStart[port + 1]; portGroups (OS-R11)
 *   GCP      subnetRegion, gwRegion (interned region ids), gwGlobalAccess; ILB backends from
 *            ilbStart[g] (all) and ilbHealthyStart[g] (running and forwarding), GCP-R5, GCP-R8
 *   policy   GCP policy-based routes follow a table's lpm routes: tableLpmEnd[t] .. tablePolicyEnd[t],
 *            in priority order, matched on [routeSrcLo, routeSrcHi] and [routeDstLo, routeDstHi]
 *   ECMP     GCP-R10: a selected route with `ecmp` members has them as routes of their own after the
 *            policy routes (tablePolicyEnd[t] .. tableBase[t + 1]), resolved at compile time:
 *            routeEcmpFirst[i] (global index of the first member, -1 none), routeEcmpCount[i]
 *
 * Every entity also has a node id from a {@link NodeRegistry} that stays stable across the states
 * of one run, so the simulator can tell which flows crossed something that changed.
 *
 * Built in: entities.ts (networks, subnets, hosts, gateways, sites, connections), ports.ts
 * (OpenStack ports), gcp-ilb.ts (GCP regions and ILB backends), tables.ts and table-patch.ts (one
 * compiled table, incremental builds), routes.ts (the route arrays), registry.ts (node ids, pool).
 */
import { forwardingTables, type Host, type NetworkState, type Network } from '@cloudroute/model';
import { planeFilters, type PlaneFilters } from './filters.js';
import type { Lpm4 } from '@cloudroute/lpm';
import { indexTopology } from './entities.js';
import type { NodeRegistry } from './registry.js';
import { indexTables, layoutKey } from './routes.js';
import type { TableBuild } from './tables.js';

export { NodeRegistry } from './registry.js';
export { compileTable } from './tables.js';
export { NO_PEER, PROVIDER_CODE } from './codes.js';

export class ForwardingPlane {
  readonly state: NetworkState;
  readonly registry: NodeRegistry;
  // tables
  readonly tables: TableBuild[] = [];
  readonly tableIndex = new Map<string, number>();
  tableNode!: Int32Array;
  tableNet!: Int32Array;
  tableBase!: Int32Array;
  /** Global index of a table's first policy-based route (= the end of its lpm routes). */
  tableLpmEnd!: Int32Array;
  /** Global index after a table's last policy-based route (= its first ECMP member). */
  tablePolicyEnd!: Int32Array;
  routeKind!: Uint8Array;
  routeTarget!: Int32Array;
  routeIp!: Float64Array;
  routeLen!: Uint8Array;
  /** OpenStack guest tables: global index of the next less specific route covering this one, or -1. */
  routeParent!: Int32Array;
  routeSrcLo!: Float64Array;
  routeSrcHi!: Float64Array;
  routeDstLo!: Float64Array;
  routeDstHi!: Float64Array;
  /** GCP-R10: global index of a route's first ECMP member, -1 when it has none. */
  routeEcmpFirst!: Int32Array;
  /** GCP-R10: the number of a route's ECMP members (0 when none). */
  routeEcmpCount!: Int32Array;
  /** Some network's effective firewall is `provider-default` (GCP-R24, OS-R11). */
  readonly firewall: boolean;
  /** Per network: its effective firewall (`networks[].firewall` over the topology's) is `provider-default`. */
  netProviderDefault!: Uint8Array;
  /** OS-R6: the OVN driver also checks the destination of packets delivered to a port. */
  readonly ovn: boolean;
  // networks
  readonly networks: Network[] = [];
  readonly netIndex = new Map<string, number>();
  netProvider!: Uint8Array;
  netInbound!: Int32Array;
  /** GCP: the network is named `default` (its `default-allow-internal` rule, GCP-R24). */
  netDefaultRules!: Uint8Array;
  readonly netSubnets: Lpm4[] = [];
  readonly hostByIp: Map<number, number>[] = [];
  /** The port holding an address, per network, as a lookup (hot loop: no boxing of the address). */
  readonly netHosts: Lpm4[] = [];
  // subnets
  readonly subnetPath: string[] = [];
  readonly subnetIndex = new Map<string, number>();
  subnetTable!: Int32Array;
  subnetNet!: Int32Array;
  subnetBase!: Float64Array;
  subnetLast!: Float64Array;
  subnetPublic!: Uint8Array;
  subnetNode!: Int32Array;
  /** GCP region id (index into `regions`), -1 when none. */
  subnetRegion!: Int32Array;
  readonly regions: string[] = [];
  // hosts
  readonly hostPath: string[] = [];
  readonly hostIndex = new Map<string, number>();
  readonly hostObj: Host[] = [];
  hostIp!: Float64Array;
  hostNet!: Int32Array;
  hostSubnet!: Int32Array;
  hostTable!: Int32Array;
  hostForwards!: Uint8Array;
  hostPublic!: Uint8Array;
  hostNode!: Int32Array;
  // ports (the host arrays above are per port)
  portOwner!: Int32Array;
  ownerFirst!: Int32Array;
  ownerCount!: Int32Array;
  /** OpenStack port security on (OS-R4); 0 on other providers. */
  portSecurity!: Uint8Array;
  pairStart!: Int32Array;
  pairLo!: Float64Array;
  pairHi!: Float64Array;
  /** OS-R11 with `firewall: provider-default`: bit 0 some group (egress allowed), bit 1 the `default` group. */
  portGroups!: Uint8Array;
  /** Addresses of the `default` group's members (fixed IPs and pairs, OS-R7): ingress sources it allows. */
  memberLo!: Float64Array;
  memberHi!: Float64Array;
  // gateways
  readonly gwPath: string[] = [];
  readonly gwIndex = new Map<string, number>();
  gwReady!: Uint8Array;
  gwTable!: Int32Array;
  gwNet!: Int32Array;
  gwSubnet!: Int32Array;
  gwTranslates!: Uint8Array;
  gwIsTgw!: Uint8Array;
  /** AWS-R45: 1 for a VPC gateway endpoint (what is routed to it is delivered there). */
  gwIsEndpoint!: Uint8Array;
  gwNode!: Int32Array;
  gwRegion!: Int32Array;
  gwGlobalAccess!: Uint8Array;
  /** OpenStack router: its external gateway's network, -1 when none (OS-R13). */
  gwExtNet!: Int32Array;
  ilbStart!: Int32Array;
  ilbAll!: Int32Array;
  ilbHealthyStart!: Int32Array;
  ilbHealthy!: Int32Array;
  /** TGW ingress table: key `tgw * 65536 + network` → table index (AWS-R29: the ingress attachment's table). */
  readonly tgwIngress = new Map<number, number>();
  /** TGW peering ingress: key `tgw * 65536 + peer tgw` → table index (AWS-R29: tgw's peering attachment's table). */
  readonly tgwPeerIngress = new Map<number, number>();
  /** TGW VPN ingress: key `tgw * 65536 + connection` → table index (AWS-R29: the VPN attachment's table). */
  readonly tgwConnIngress = new Map<number, number>();
  /** The transit gateway of each TGW table: table index → gateway index. */
  readonly tgwOfTable = new Map<number, number>();
  /** AWS-R32: `tgw * 2^24 + subnet` for a subnet in a zone where tgw's attachment of its VPC has no subnet. */
  readonly tgwZoneBlocked = new Set<number>();
  // sites
  readonly siteIndex = new Map<string, number>();
  siteTable!: Int32Array;
  // connections
  readonly connName: string[] = [];
  /** AWS-R46: a Direct Connect connection's trace note (the VIF and its Direct Connect gateway). */
  readonly connDx: (string | undefined)[] = [];
  readonly connIndex = new Map<string, number>();
  connUp!: Uint8Array;
  /** Why a connection carries nothing: `tunnel-down`, or `session-down` (tunnels up, no BGP session); 0 when it does. */
  connDrop!: Uint8Array;
  connGw!: Int32Array;
  /** Peer of a connection: a site index (≥ 0), `-(gateway index) - 1`, or NO_PEER. */
  connPeer!: Int32Array;
  connNode!: Int32Array;

  /** The order of the topology's entities: route targets resolved under one layout stay valid. */
  layout = '';
  /** `firewall: rules` (FILTERS.md): the filter tables of the state, undefined when no network uses rules. */
  readonly filters: PlaneFilters | undefined;

  constructor(state: NetworkState, registry: NodeRegistry) {
    this.state = state;
    this.registry = registry;
    this.firewall = state.topology.networks.some(
      (n) => (n.firewall ?? state.topology.firewall) === 'provider-default',
    );
    this.ovn = state.profile.openstack.firewallDriver === 'ovn';
    indexTopology(this);
    this.layout = layoutKey(state.topology, this);
    indexTables(this, forwardingTables(state));
    this.filters = planeFilters(this);
  }

  /** The subnet of `net` that contains `addr`, or -1. */
  subnetAt(net: number, addr: number): number {
    return this.netSubnets[net]!.lookup(addr);
  }

  /** The subnet of any network containing `addr` (first network in file order), or -1. */
  anySubnetAt(addr: number): number {
    for (let n = 0; n < this.networks.length; n++) {
      const s = this.netSubnets[n]!.lookup(addr);
      if (s >= 0) return s;
    }
    return -1;
  }
}
