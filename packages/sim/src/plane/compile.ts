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
 *   conns    connUp (a tunnel is up), connGw (cloud side), connPeer (site or second gateway)
 *
 * Every entity also has a node id from a {@link NodeRegistry} that stays stable across the states
 * of one run, so the simulator can tell which flows crossed something that changed.
 */
import {
  forwardingTables,
  type CandidateRoute,
  type ForwardingTable,
  type Host,
  type NetworkState,
  type Network,
} from '@cloudroute/model';
import { ACT_OF, Act, outcomeCode } from './codes.js';
import { buildLookup4, parseIpv4, parsePrefix4, type Entry4, type Lookup4 } from '../internal/lpm-adapter.js';

/** Stable node ids for the entities of one run: `table:<id>`, `gw:<path>`, `conn:<name>`, `host:<path>`, `subnet:<path>`. */
export class NodeRegistry {
  private readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  id(key: string): number {
    let v = this.ids.get(key);
    if (v === undefined) {
      v = this.keys.length;
      this.ids.set(key, v);
      this.keys.push(key);
    }
    return v;
  }
}

/** `connPeer` value of a connection whose peer is unknown. */
export const NO_PEER = 0x7fffffff;

export const PROVIDER_CODE = { aws: 0, azure: 1, gcp: 2, openstack: 3 } as const;
const EMPTY: Lookup4 = { lookup: () => -1 };

interface TableBuild {
  readonly table: ForwardingTable;
  readonly routes: readonly CandidateRoute[];
  readonly lpm: Lookup4;
}

/** Compiled tables are reused across states when the model hands back the same table object. */
const compiledTables = new WeakMap<ForwardingTable, TableBuild>();

function compileTable(table: ForwardingTable): TableBuild {
  const hit = compiledTables.get(table);
  if (hit) return hit;
  const routes: CandidateRoute[] = [];
  const entries: Entry4[] = [];
  for (const r of table.routes) {
    if (!r.selected || !r.action) continue;
    const p = parsePrefix4(r.prefix);
    if (!p) continue; // IPv6: flows are IPv4
    entries.push({ network: p.network, length: p.length, value: routes.length });
    routes.push(r);
  }
  const build = { table, routes, lpm: buildLookup4(entries) };
  compiledTables.set(table, build);
  return build;
}

export class ForwardingPlane {
  readonly state: NetworkState;
  readonly registry: NodeRegistry;
  // tables
  readonly tables: TableBuild[] = [];
  readonly tableIndex = new Map<string, number>();
  tableNode!: Int32Array;
  tableNet!: Int32Array;
  tableBase!: Int32Array;
  routeKind!: Uint8Array;
  routeTarget!: Int32Array;
  routeIp!: Float64Array;
  // networks
  readonly networks: Network[] = [];
  readonly netIndex = new Map<string, number>();
  netProvider!: Uint8Array;
  netInbound!: Int32Array;
  readonly netSubnets: Lookup4[] = [];
  readonly hostByIp: Map<number, number>[] = [];
  // subnets
  readonly subnetPath: string[] = [];
  readonly subnetIndex = new Map<string, number>();
  subnetTable!: Int32Array;
  subnetNet!: Int32Array;
  subnetBase!: Float64Array;
  subnetLast!: Float64Array;
  subnetPublic!: Uint8Array;
  subnetNode!: Int32Array;
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
  // gateways
  readonly gwPath: string[] = [];
  readonly gwIndex = new Map<string, number>();
  gwReady!: Uint8Array;
  gwTable!: Int32Array;
  gwNet!: Int32Array;
  gwSubnet!: Int32Array;
  gwTranslates!: Uint8Array;
  gwIsTgw!: Uint8Array;
  gwNode!: Int32Array;
  /** TGW ingress table: key `tgw * 65536 + network` → table index (AWS-R29: the ingress attachment's table). */
  readonly tgwIngress = new Map<number, number>();
  // sites
  readonly siteIndex = new Map<string, number>();
  siteTable!: Int32Array;
  // connections
  readonly connName: string[] = [];
  readonly connIndex = new Map<string, number>();
  connUp!: Uint8Array;
  connGw!: Int32Array;
  /** Peer of a connection: a site index (≥ 0), `-(gateway index) - 1`, or NO_PEER. */
  connPeer!: Int32Array;
  connNode!: Int32Array;

  constructor(state: NetworkState, registry: NodeRegistry) {
    this.state = state;
    this.registry = registry;
    this.indexTopology();
    this.indexTables(forwardingTables(state));
  }

  private indexTopology(): void {
    const { topology } = this.state;
    const reg = this.registry;
    const subnets: { net: number; base: number; last: number; pub: boolean; path: string }[] = [];
    const hosts: { net: number; ip: number; subnet: number; fwd: boolean; pub: boolean; path: string; host: Host }[] = [];
    const gws: { path: string; net: number; ready: boolean; subnet: string | undefined; translates: boolean; tgw: boolean }[] =
      [];
    for (const net of topology.networks) {
      const n = this.networks.length;
      this.networks.push(net);
      this.netIndex.set(net.name, n);
      this.hostByIp.push(new Map<number, number>());
    }
    for (const [n, net] of this.networks.entries()) {
      const entries: Entry4[] = [];
      const natRegions = new Set(net.gateways.filter((g) => g.kind === 'cloudNat').map((g) => g.region ?? ''));
      for (const s of net.subnets) {
        const p = parsePrefix4(s.cidr);
        if (!p) continue;
        const path = `${net.name}/${s.name}`;
        const idx = subnets.length;
        entries.push({ network: p.network, length: p.length, value: idx });
        const size = 2 ** (32 - p.length);
        // AZ-R15: default outbound access unless the subnet is private; GCP-R15: Cloud NAT in the region.
        const pub =
          net.provider === 'azure'
            ? s.defaultOutboundAccess !== false
            : net.provider === 'gcp'
              ? natRegions.has(s.region ?? '')
              : false;
        subnets.push({ net: n, base: p.network, last: p.network + size - 1, pub, path });
        this.subnetIndex.set(path, idx);
        this.subnetPath.push(path);
      }
      this.netSubnets.push(entries.length ? buildLookup4(entries) : EMPTY);
      for (const h of net.hosts) {
        const ports = h.ports ?? (h.subnet && h.ip ? [{ subnet: h.subnet, ip: h.ip }] : []);
        const path = `${net.name}/${h.name}`;
        const fwd = hostForwards(net, h);
        for (const port of ports) {
          const ip = parseIpv4(port.ip);
          if (ip === undefined) continue;
          // A port may sit on another network's subnet (`net/subnet`).
          const [pn, ps] = port.subnet.includes('/') ? port.subnet.split('/') : [net.name, port.subnet];
          const pNet = this.netIndex.get(pn ?? '') ?? n;
          const idx = hosts.length;
          hosts.push({
            net: pNet,
            ip,
            subnet: this.subnetIndex.get(`${pn}/${ps}`) ?? -1,
            fwd,
            pub: h.publicIp === true,
            path,
            host: h,
          });
          if (!this.hostIndex.has(path)) this.hostIndex.set(path, idx);
          this.hostByIp[pNet]!.set(ip, idx);
        }
      }
      for (const g of net.gateways) {
        const path = `${net.name}/${g.name}`;
        const status = this.state.gateways[path];
        gws.push({
          path,
          net: n,
          ready: (status?.phase ?? 'ready') === 'ready',
          subnet: g.subnet ? `${net.name}/${g.subnet}` : undefined,
          // AWS-R16: a public NAT gateway translates to its EIP; a private one does not.
          translates: g.kind === 'nat' ? g.connectivity !== 'private' : g.kind === 'cloudNat',
          tgw: g.kind === 'tgw',
        });
      }
    }
    const S = subnets.length;
    this.subnetNet = Int32Array.from(subnets, (s) => s.net);
    this.subnetBase = Float64Array.from(subnets, (s) => s.base);
    this.subnetLast = Float64Array.from(subnets, (s) => s.last);
    this.subnetPublic = Uint8Array.from(subnets, (s) => (s.pub ? 1 : 0));
    this.subnetNode = Int32Array.from(subnets, (s) => reg.id(`subnet:${s.path}`));
    this.subnetTable = new Int32Array(S).fill(-1);
    const H = hosts.length;
    this.hostIp = Float64Array.from(hosts, (h) => h.ip);
    this.hostNet = Int32Array.from(hosts, (h) => h.net);
    this.hostSubnet = Int32Array.from(hosts, (h) => h.subnet);
    this.hostForwards = Uint8Array.from(hosts, (h) => (h.fwd ? 1 : 0));
    this.hostPublic = Uint8Array.from(hosts, (h) => (h.pub ? 1 : 0));
    this.hostNode = Int32Array.from(hosts, (h) => reg.id(`host:${h.path}`));
    this.hostTable = new Int32Array(H).fill(-1);
    for (const h of hosts) {
      this.hostPath.push(h.path);
      this.hostObj.push(h.host);
    }
    this.gwReady = Uint8Array.from(gws, (g) => (g.ready ? 1 : 0));
    this.gwNet = Int32Array.from(gws, (g) => g.net);
    this.gwSubnet = Int32Array.from(gws, (g) => (g.subnet ? (this.subnetIndex.get(g.subnet) ?? -1) : -1));
    this.gwTranslates = Uint8Array.from(gws, (g) => (g.translates ? 1 : 0));
    this.gwIsTgw = Uint8Array.from(gws, (g) => (g.tgw ? 1 : 0));
    this.gwNode = Int32Array.from(gws, (g) => reg.id(`gw:${g.path}`));
    this.gwTable = new Int32Array(gws.length).fill(-1);
    gws.forEach((g, i) => {
      this.gwPath.push(g.path);
      this.gwIndex.set(g.path, i);
    });
    topology.sites.forEach((s, i) => this.siteIndex.set(s.name, i));
    this.siteTable = new Int32Array(topology.sites.length).fill(-1);
    const C = topology.connections.length;
    this.connUp = new Uint8Array(C);
    this.connGw = new Int32Array(C).fill(-1);
    this.connPeer = new Int32Array(C).fill(NO_PEER);
    this.connNode = new Int32Array(C);
    topology.connections.forEach((c, i) => {
      this.connName.push(c.name);
      this.connIndex.set(c.name, i);
      const tunnels = this.state.tunnels[c.name];
      this.connUp[i] = !tunnels || tunnels.some((t) => t.up) ? 1 : 0;
      const [a, b] = c.between;
      const ga = this.gwIndex.get(a);
      const gb = this.gwIndex.get(b);
      const sb = this.siteIndex.get(b);
      const sa = this.siteIndex.get(a);
      this.connGw[i] = ga ?? gb ?? -1;
      this.connPeer[i] = ga !== undefined ? (sb ?? (gb !== undefined ? -gb - 1 : NO_PEER)) : (sa ?? NO_PEER);
      this.connNode[i] = reg.id(`conn:${c.name}`);
    });
  }

  private indexTables(tables: readonly ForwardingTable[]): void {
    const reg = this.registry;
    for (const t of tables) {
      this.tableIndex.set(t.id, this.tables.length);
      this.tables.push(compileTable(t));
    }
    const T = this.tables.length;
    this.tableNode = new Int32Array(T);
    this.tableNet = new Int32Array(T).fill(-1);
    this.tableBase = new Int32Array(T + 1);
    let total = 0;
    for (let t = 0; t < T; t++) {
      this.tableBase[t] = total;
      total += this.tables[t]!.routes.length;
    }
    this.tableBase[T] = total;
    this.routeKind = new Uint8Array(total);
    this.routeTarget = new Int32Array(total).fill(-1);
    this.routeIp = new Float64Array(total);
    for (let t = 0; t < T; t++) {
      const { table, routes } = this.tables[t]!;
      this.tableNode[t] = reg.id(`table:${table.id}`);
      const slash = table.id.indexOf('/');
      if (slash > 0 && table.kind !== 'site') this.tableNet[t] = this.netIndex.get(table.id.slice(0, slash)) ?? -1;
      const base = this.tableBase[t]!;
      routes.forEach((r, i) => this.resolveAction(base + i, r, this.tableNet[t]!));
      if (table.kind === 'subnet') {
        const s = this.subnetIndex.get(table.id);
        if (s !== undefined) this.subnetTable[s] = t;
      } else if (table.kind === 'gateway' || table.kind === 'router') {
        const g = this.gwIndex.get(table.id);
        if (g !== undefined) this.gwTable[g] = t;
      } else if (table.kind === 'site') {
        const s = this.siteIndex.get(table.id.replace(/^site:/, ''));
        if (s !== undefined) this.siteTable[s] = t;
      } else if (table.kind === 'guest') {
        const h = this.hostIndex.get(table.id);
        if (h !== undefined) this.hostTable[h] = t;
      } else if (table.kind === 'tgw') {
        this.indexTgwTable(table.id, t);
      }
    }
    for (let h = 0; h < this.hostTable.length; h++) {
      const s = this.hostSubnet[h]!;
      if (this.hostTable[h] === -1 && s >= 0) this.hostTable[h] = this.subnetTable[s]!;
    }
    // Azure: traffic from a VPN gateway into the VNet is routed by GatewaySubnet's table (its UDRs apply).
    this.netInbound = new Int32Array(this.networks.length).fill(-1);
    this.netProvider = new Uint8Array(this.networks.length);
    this.networks.forEach((net, n) => {
      this.netProvider[n] = PROVIDER_CODE[net.provider];
      if (net.provider === 'azure') {
        const s = this.subnetIndex.get(`${net.name}/GatewaySubnet`);
        if (s !== undefined) this.netInbound[n] = this.subnetTable[s]!;
      }
    });
  }

  private indexTgwTable(id: string, t: number): void {
    const [gwPath, rt] = id.split('#');
    const g = this.gwIndex.get(gwPath ?? '');
    if (g === undefined) return;
    const net = this.networks[this.gwNet[g]!];
    const gw = net?.gateways.find((x) => `${net.name}/${x.name}` === gwPath);
    for (const a of gw?.attachments ?? []) {
      if (a.routeTable !== rt || !a.network) continue;
      const n = this.netIndex.get(a.network);
      if (n !== undefined) this.tgwIngress.set(g * 65536 + n, t);
    }
  }

  private resolveAction(i: number, r: CandidateRoute, net: number): void {
    const a = r.action!;
    this.routeKind[i] = ACT_OF[a.kind];
    switch (a.kind) {
      case 'local':
      case 'peering':
        this.routeTarget[i] = this.netIndex.get(a.network) ?? -1;
        break;
      case 'internet':
        this.routeTarget[i] = a.gateway ? (this.gwIndex.get(a.gateway) ?? -1) : -1;
        break;
      case 'nat':
      case 'gateway':
        this.routeTarget[i] = this.gwIndex.get(a.gateway) ?? -1;
        break;
      case 'appliance': {
        const ip = parseIpv4(a.ip) ?? -1;
        this.routeIp[i] = ip;
        let h = a.host ? (this.hostIndex.get(a.host) ?? -1) : -1;
        if (h >= 0 && this.hostIp[h] !== ip) h = this.hostByIp[this.hostNet[h]!]?.get(ip) ?? h;
        if (h < 0 && net >= 0) h = this.hostByIp[net]?.get(ip) ?? -1;
        this.routeTarget[i] = h;
        break;
      }
      case 'connection':
        this.routeTarget[i] = this.connIndex.get(a.connection) ?? -1;
        break;
      case 'site':
        this.routeTarget[i] = this.siteIndex.get(a.site) ?? -1;
        break;
      case 'drop':
        this.routeTarget[i] = outcomeCode(a.reason);
        break;
    }
    if (this.routeKind[i] === Act.Drop && this.routeTarget[i] < 0) this.routeTarget[i] = outcomeCode('blackhole');
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

/** Does this host forward traffic not addressed to it? (AWS source/dest check off; Azure/GCP IP forwarding.) */
function hostForwards(net: Network, h: Host): boolean {
  switch (net.provider) {
    case 'aws':
      return h.sourceDestCheck === false; // AWS-R9: the appliance must have source/destination checking disabled
    case 'azure':
      return h.ipForwarding === true; // AZ-R6
    case 'gcp':
      return h.ipForwarding === true && h.running !== false; // GCP-R5, GCP-R6
    case 'openstack':
      return h.ipForwarding === true;
  }
}
