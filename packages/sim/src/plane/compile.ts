// Over 400 lines: one class fills the plane's parallel arrays in its constructor; splitting registry, pools, ports and ILBs into files is the next step (issue 15).
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
 */
import {
  forwardingTables,
  type AllowedAddressPair,
  type CandidateRoute,
  type ForwardingTable,
  type Gateway,
  type Host,
  type NetworkState,
  type Network,
  type Port,
} from '@cloudroute/model';
import { ACT_OF, Act, outcomeCode } from './codes.js';
import { planeFilters, type PlaneFilters } from './filters.js';
import {
  buildLookup4,
  contains4,
  Lpm4Builder,
  parseIpv4,
  parsePrefix4,
  parsePrefix4Once,
  type Entry4,
  type Lookup4,
} from '../internal/lpm-adapter.js';

/** Stable node ids for the entities of one run: `table:<id>`, `gw:<path>`, `conn:<name>`, `host:<path>`, `subnet:<path>`. */
export class NodeRegistry {
  private readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  /** The latest build of each table id in this run: the base of incremental recompiles. */
  readonly lineage = new Map<string, TableBuild>();
  /**
   * The route arrays of the last plane, reused by the next one: a run builds its planes one after
   * another and uses only the newest, so a registry's planes must not be used side by side.
   */
  routeArrays: RouteArrays | undefined;
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

/** The plane-wide per-route arrays (see the file comment). */
export interface RouteArrays {
  readonly kind: Uint8Array;
  readonly target: Int32Array;
  readonly ip: Float64Array;
  readonly len: Uint8Array;
  readonly parent: Int32Array;
  readonly srcLo: Float64Array;
  readonly srcHi: Float64Array;
  readonly dstLo: Float64Array;
  readonly dstHi: Float64Array;
  readonly ecmpFirst: Int32Array;
  readonly ecmpCount: Int32Array;
}

function routeArrays(pool: RouteArrays | undefined, total: number): RouteArrays {
  if (pool && pool.kind.length >= total && pool.kind.length <= 2 * total + 1024) {
    pool.target.fill(-1, 0, total);
    pool.parent.fill(-1, 0, total);
    pool.srcLo.fill(0, 0, total);
    pool.srcHi.fill(0, 0, total);
    pool.dstLo.fill(0, 0, total);
    pool.dstHi.fill(0, 0, total);
    pool.ecmpFirst.fill(-1, 0, total);
    pool.ecmpCount.fill(0, 0, total);
    return pool;
  }
  const n = total + (total >> 3);
  return {
    kind: new Uint8Array(n),
    target: new Int32Array(n).fill(-1),
    ip: new Float64Array(n),
    len: new Uint8Array(n),
    parent: new Int32Array(n).fill(-1),
    srcLo: new Float64Array(n),
    srcHi: new Float64Array(n),
    dstLo: new Float64Array(n),
    dstHi: new Float64Array(n),
    ecmpFirst: new Int32Array(n).fill(-1),
    ecmpCount: new Int32Array(n),
  };
}

/** `connPeer` value of a connection whose peer is unknown. */
export const NO_PEER = 0x7fffffff;

export const PROVIDER_CODE = { aws: 0, azure: 1, gcp: 2, openstack: 3 } as const;
const EMPTY: Lookup4 = { lookup: () => -1 };

/** What a route does when it is not the model's plain action: a GCP ILB, or a policy route skip. */
type Special = { readonly kind: 'ilb'; readonly gateway: string } | { readonly kind: 'skip' };

/** A GCP policy-based route's match, as inclusive address ranges. */
interface PolicyMatch {
  readonly srcLo: number;
  readonly srcHi: number;
  readonly dstLo: number;
  readonly dstHi: number;
}

interface EcmpGroup {
  readonly route: number;
  readonly first: number;
  readonly count: number;
}

interface TableBuild {
  readonly table: ForwardingTable;
  /**
   * `routes[0, lpmCount)` are in `lpm`; then the GCP policy-based routes in priority order; then
   * the ECMP members of the lpm routes (see `ecmp`).
   */
  readonly routes: readonly CandidateRoute[];
  readonly lpm: Lookup4;
  readonly lpmCount: number;
  /** Prefix length of each route. */
  readonly lens: readonly number[];
  /** OpenStack guest tables: the next less specific lpm route covering each route (OS-R3 self routes), or -1. */
  readonly parents: readonly number[];
  readonly special: readonly (Special | undefined)[];
  /** Per policy route (index - lpmCount). */
  readonly policy: readonly PolicyMatch[];
  /** GCP-R10: lpm route `route` shares traffic with `routes[first, first + count)`. */
  readonly ecmp: readonly EcmpGroup[];
  /** Routes after the policy routes: the ECMP members of all groups. */
  readonly memberCount: number;
  /** Large tables: this build is the newest of its lineage and may be patched. */
  patchable?: boolean;
  /** Large tables: the route index of each entry of `table.routes` (-1: not in the lpm). */
  position?: Int32Array;
  /** Large tables: an editable copy of the lpm, shared along the table's lineage, made on first need. */
  builder?: Lpm4Builder;
  /** The routes' resolved actions for one layout of the plane's entities (see `layoutKey`). */
  resolved?: Resolved;
  /** A patched build: the build it was patched from and the prefixes whose routes changed. */
  patchedFrom?: TableBuild;
  changedPrefixes?: readonly string[];
}

/** A table's slice of the plane's route arrays, reusable while the entity layout is the same. */
interface Resolved {
  readonly layout: string;
  readonly count: number;
  readonly kind: Uint8Array;
  readonly target: Int32Array;
  readonly ip: Float64Array;
}

/** Tables at least this large are recompiled by patching the previous build. */
const INCREMENTAL_MIN = 20_000;
/** …when at most this fraction of their routes changed. */
const INCREMENTAL_MAX_CHANGE = 0.05;

/** Compiled tables are reused across states when the model hands back the same table object. */
const compiledTables = new WeakMap<ForwardingTable, TableBuild>();

function range4(prefix: string | undefined): { lo: number; hi: number } {
  const p = parsePrefix4(prefix ?? '0.0.0.0/0');
  if (!p) return { lo: 1, hi: 0 }; // IPv6: matches no IPv4 packet
  return { lo: p.network, hi: p.network + 2 ** (32 - p.length) - 1 };
}

/** GCP-R5: a static route whose next hop is an ILB named by its forwarding rule. */
function ilbOfStatic(net: Network | undefined, r: CandidateRoute): Special | undefined {
  if (!net || net.provider !== 'gcp' || r.nextHopType !== 'ilb' || r.source !== 'STATIC') return undefined;
  const route = (net.routes ?? []).find(
    (x) => x.nextHop.type === 'ilb' && x.prefix === r.prefix && (r.name === undefined || x.name === r.name),
  );
  const hop = route?.nextHop;
  return hop?.type === 'ilb' && hop.gateway !== undefined ? { kind: 'ilb', gateway: hop.gateway } : undefined;
}

/**
 * Compiles one table. `net` is the table's network (GCP: the policy routes' source ranges and
 * ILB names live in the topology); a table object is only ever built from one topology, so the
 * cache by table identity stays sound.
 */
export function compileTable(
  table: ForwardingTable,
  net: Network | undefined,
  lineage: Map<string, TableBuild>,
): TableBuild {
  const hit = compiledTables.get(table);
  if (hit) return hit;
  const prev = lineage.get(table.id);
  const build = (prev?.patchable ? patchTable(prev, table) : undefined) ?? buildTable(table, net);
  if (build.lpmCount >= INCREMENTAL_MIN && build.lpmCount === build.routes.length && !build.patchable) {
    // The route index of each entry of the table (buildTable keeps the selected IPv4 routes in order).
    const position = new Int32Array(table.routes.length).fill(-1);
    let i = 0;
    table.routes.forEach((r, j) => {
      if (i < build.routes.length && build.routes[i] === r) position[j] = i++;
    });
    build.position = position;
    build.patchable = true;
  }
  compiledTables.set(table, build);
  lineage.set(table.id, build);
  return build;
}

/**
 * A large table whose route objects mostly survive from the previous build (the model reuses
 * them) is patched: removed routes leave the lpm, new ones get new indices, and the lpm is
 * rebuilt only in the directory buckets they span (Lpm4Builder). Undefined when too much changed.
 */
function patchTable(prev: TableBuild, table: ForwardingTable): TableBuild | undefined {
  const before = prev.table.routes;
  const beforePos = prev.position!;
  const now = table.routes;
  // The model rebuilds a large table around the same route objects in the same order (a site's
  // configured routes first): the common head is found by pointer comparison, and only the tail
  // is looked up.
  let head = 0;
  while (head < now.length && head < before.length && now[head] === before[head]) head++;
  const position = new Int32Array(now.length).fill(-1);
  position.set(beforePos.subarray(0, head));
  // The previous table's tail: route object → its index.
  const index = new Map<CandidateRoute, number>();
  for (let j = head; j < before.length; j++) if (beforePos[j]! >= 0) index.set(before[j]!, beforePos[j]!);
  const keptTail = new Set<number>();
  const added: { at: number; r: CandidateRoute; p: { network: number; length: number } }[] = [];
  for (let j = head; j < now.length; j++) {
    const r = now[j]!;
    if (!r.selected || !r.action) continue;
    if (r.ecmp && r.ecmp.length > 1) return undefined; // ECMP members: a full build
    const i = index.get(r);
    if (i !== undefined) {
      keptTail.add(i);
      position[j] = i;
    } else {
      const p = parsePrefix4(r.prefix);
      if (p) added.push({ at: j, r, p });
    }
  }
  const removed: number[] = [];
  for (let j = head; j < before.length; j++) {
    const i = beforePos[j]!;
    if (i >= 0 && !keptTail.has(i)) removed.push(j);
  }
  if (added.length + removed.length > INCREMENTAL_MAX_CHANGE * before.length) return undefined;
  // The lineage's arrays, index and builder move on to the new build: only the newest build
  // of a table may be patched (the old ones keep their immutable lpm and stay valid).
  prev.patchable = false;
  const { routes, lens, special, parents } = prev as unknown as {
    [K in 'routes' | 'lens' | 'special' | 'parents']: unknown[];
  };
  const builder =
    prev.builder ??
    new Lpm4Builder(
      Array.from(beforePos).flatMap((value, j) => {
        const p = value >= 0 ? parsePrefix4Once(before[j]!.prefix) : undefined;
        return p ? [{ prefix: { family: 4 as const, network: p.network, length: p.length }, value }] : [];
      }),
    );
  for (const j of removed) {
    const r = before[j]!;
    const i = beforePos[j]!;
    const p = parsePrefix4(r.prefix)!;
    const prefix = { family: 4 as const, network: p.network, length: p.length };
    if (builder.get(prefix) === i) builder.remove(prefix);
  }
  for (const { at, r, p } of added) {
    position[at] = routes.length;
    builder.insert({ family: 4, network: p.network, length: p.length }, routes.length);
    routes.push(r);
    lens.push(p.length);
    special.push(undefined);
    parents.push(-1);
  }
  const build: TableBuild = {
    table,
    routes: routes as CandidateRoute[],
    lpm: builder.table(),
    lpmCount: routes.length,
    lens: lens as number[],
    parents: parents as number[],
    special: special as (Special | undefined)[],
    policy: [],
    ecmp: [],
    memberCount: 0,
    patchable: true,
    position,
    builder,
    patchedFrom: prev,
    changedPrefixes: [...removed.map((j) => before[j]!.prefix), ...added.map((a) => a.r.prefix)],
  };
  // The resolved actions of the surviving routes stay valid; new routes are resolved on use.
  if (prev.resolved) build.resolved = prev.resolved;
  return build;
}

/**
 * The routes of a build: its lpm routes, then its policy routes. (A patched lineage shares and
 * grows its arrays, so an older build's arrays may be longer than its own routes.)
 */
function routeCount(b: TableBuild): number {
  return b.lpmCount + b.policy.length + b.memberCount;
}

function buildTable(table: ForwardingTable, net: Network | undefined): TableBuild {
  // A large table's prefixes are parsed once here (its later builds are patches): not memoised.
  const parse = table.routes.length >= INCREMENTAL_MIN ? parsePrefix4Once : parsePrefix4;
  const routes: CandidateRoute[] = [];
  const entries: Entry4[] = [];
  const lens: number[] = [];
  const special: (Special | undefined)[] = [];
  for (const r of table.routes) {
    if (!r.selected || !r.action) continue;
    const p = parse(r.prefix);
    if (!p) continue; // IPv6: flows are IPv4
    entries.push({ network: p.network, length: p.length, value: routes.length });
    routes.push(r);
    lens.push(p.length);
    special.push(ilbOfStatic(net, r));
  }
  const lpmCount = routes.length;
  const parents = entries.map((e) => {
    if (table.provider !== 'openstack') return -1;
    let best = -1;
    for (const o of entries)
      if (
        o.length < e.length &&
        contains4(o.network, o.length, e.network) &&
        (best < 0 || o.length > lens[best]!)
      )
        best = o.value;
    return best;
  });
  // GCP-R8: policy-based routes, lowest priority value first; equal priority: by name (GCP picks
  // one by "a deterministic, internal algorithm").
  const policy: PolicyMatch[] = [];
  if (net?.provider === 'gcp') {
    const pbrs = table.routes
      .filter((r) => r.source === 'POLICY_BASED')
      .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0) || ((a.name ?? '') < (b.name ?? '') ? -1 : 1));
    for (const r of pbrs) {
      const def = (net.policyRoutes ?? []).find((x) => x.name === r.name);
      if (!def) continue;
      const src = range4(def.match.src);
      const dst = range4(def.match.dst);
      let sp: Special | undefined;
      if (def.nextHop.type === 'defaultRouting') sp = { kind: 'skip' };
      else if (def.nextHop.gateway !== undefined) sp = { kind: 'ilb', gateway: def.nextHop.gateway };
      else if (!r.action) continue;
      routes.push(r);
      lens.push(parsePrefix4(r.prefix)?.length ?? 0);
      special.push(sp);
      policy.push({ srcLo: src.lo, srcHi: src.hi, dstLo: dst.lo, dstHi: dst.hi });
    }
  }
  // GCP-R10: each ECMP member becomes a route of its own (the model's candidate that holds the
  // member's action, for its name and ILB next hop), so the walker only indexes at run time.
  const ecmp: EcmpGroup[] = [];
  const policyEnd = routes.length;
  for (let i = 0; i < lpmCount; i++) {
    const r = routes[i]!;
    if (!r.ecmp || r.ecmp.length < 2) continue;
    const first = routes.length;
    for (const a of r.ecmp) {
      const m =
        table.routes.find((x) => x.prefix === r.prefix && x.action === a) ??
        ({ ...r, action: a, selected: false } satisfies CandidateRoute);
      routes.push(m);
      lens.push(lens[i]!);
      special.push(ilbOfStatic(net, m));
    }
    ecmp.push({ route: i, first, count: r.ecmp.length });
  }
  const build: TableBuild = {
    table,
    routes,
    lpm: buildLookup4(entries),
    lpmCount,
    lens,
    parents,
    special,
    policy,
    ecmp,
    memberCount: routes.length - policyEnd,
  };
  return build;
}

const layouts = new WeakMap<object, string>();

/** The order of every entity a route target can name, cached per topology object. */
function layoutKey(topology: object, p: ForwardingPlane): string {
  let key = layouts.get(topology);
  if (key === undefined) {
    const ports = p.hostPath.map((h, i) => `${h}@${p.hostIp[i]}`);
    key = [[...p.netIndex.keys()], p.gwPath, p.connName, [...p.siteIndex.keys()], ports]
      .map((x) => x.join(','))
      .join('|');
    layouts.set(topology, key);
  }
  return key;
}

/** OS-R4 / OS-R5 / OS-R11: the security settings of one OpenStack port. */
interface PortSecurity {
  readonly on: boolean;
  readonly pairs: readonly AllowedAddressPair[];
  /** Security groups; the project's `default` group when port security is on and none is given (OS-R8). */
  readonly groups: readonly string[];
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
  readonly netSubnets: Lookup4[] = [];
  readonly hostByIp: Map<number, number>[] = [];
  /** The port holding an address, per network, as a lookup (hot loop: no boxing of the address). */
  readonly netHosts: Lookup4[] = [];
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
    this.indexTopology();
    this.layout = layoutKey(state.topology, this);
    this.indexTables(forwardingTables(state));
    this.filters = planeFilters(this);
  }

  private indexTopology(): void {
    const { topology } = this.state;
    const reg = this.registry;
    const subnets: { net: number; base: number; last: number; pub: boolean; path: string; region: number }[] =
      [];
    interface PortBuild {
      net: number;
      ip: number;
      subnet: number;
      fwd: boolean;
      pub: boolean;
      path: string;
      host: Host;
      owner: number;
      sec: PortSecurity;
    }
    const hosts: PortBuild[] = [];
    const gws: {
      path: string;
      net: number;
      ready: boolean;
      subnet: string | undefined;
      translates: boolean;
      tgw: boolean;
      gateway: Gateway;
    }[] = [];
    const regionIds = new Map<string, number>();
    const regionOf = (r: string | undefined): number => {
      if (r === undefined) return -1;
      let id = regionIds.get(r);
      if (id === undefined) {
        id = this.regions.length;
        regionIds.set(r, id);
        this.regions.push(r);
      }
      return id;
    };
    for (const net of topology.networks) {
      const n = this.networks.length;
      this.networks.push(net);
      this.netIndex.set(net.name, n);
      this.hostByIp.push(new Map<number, number>());
    }
    let owners = 0;
    for (const [n, net] of this.networks.entries()) {
      const entries: Entry4[] = [];
      const natRegions = new Set(
        net.gateways.filter((g) => g.kind === 'cloudNat').map((g) => g.region ?? ''),
      );
      for (const s of net.subnets) {
        const p = parsePrefix4(s.cidr);
        if (!p) continue;
        const path = `${net.name}/${s.name}`;
        const idx = subnets.length;
        entries.push({ network: p.network, length: p.length, value: idx });
        // GCP-R2(b): every range of a subnet (primary and secondary) is delivered in it.
        for (const c of s.secondaryCidrs ?? []) {
          const q = parsePrefix4(c);
          if (q) entries.push({ network: q.network, length: q.length, value: idx });
        }
        const size = 2 ** (32 - p.length);
        // AZ-R15: default outbound access unless the subnet is private; GCP-R15: Cloud NAT in the
        // region; AWS-R15: an instance launched in a subnet that maps public IPs gets one.
        const pub =
          net.provider === 'azure'
            ? s.defaultOutboundAccess !== false
            : net.provider === 'gcp'
              ? natRegions.has(s.region ?? '')
              : net.provider === 'aws' && s.mapPublicIpOnLaunch === true;
        const region = net.provider === 'gcp' ? regionOf(s.region) : -1;
        subnets.push({ net: n, base: p.network, last: p.network + size - 1, pub, path, region });
        this.subnetIndex.set(path, idx);
        this.subnetPath.push(path);
      }
      this.netSubnets.push(entries.length ? buildLookup4(entries) : EMPTY);
    }
    // Hosts after every subnet: a port may sit on a later network's subnet.
    for (const [n, net] of this.networks.entries()) {
      for (const h of net.hosts) {
        const hasPorts = h.ports !== undefined && h.ports.length > 0;
        const ports: readonly Port[] =
          h.ports && hasPorts ? h.ports : h.subnet && h.ip ? [{ subnet: h.subnet, ip: h.ip }] : [];
        const path = `${net.name}/${h.name}`;
        const fwd = hostForwards(net, h);
        const owner = owners++;
        for (const port of ports) {
          const ip = parseIpv4(port.ip);
          if (ip === undefined) continue;
          // A port may sit on another network's subnet (`net/subnet`).
          const [pn, ps] = port.subnet.includes('/') ? port.subnet.split('/') : [net.name, port.subnet];
          const pNet = this.netIndex.get(pn ?? '') ?? n;
          const idx = hosts.length;
          const sub = this.subnetIndex.get(`${pn}/${ps}`) ?? -1;
          hosts.push({
            net: pNet,
            ip,
            subnet: sub,
            fwd,
            // AWS-R15: without its own `publicIp`, an instance has one when its subnet maps them.
            pub: h.publicIp ?? (net.provider === 'aws' && sub >= 0 && subnets[sub]!.pub),
            path,
            host: h,
            owner,
            sec: portSecurity(this.networks[pNet]!, h, hasPorts ? port : undefined),
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
          // OS-R13: a router's external gateway source-NATs unless enableSnat is false.
          translates:
            g.kind === 'nat'
              ? g.connectivity !== 'private'
              : g.kind === 'cloudNat' || (g.kind === 'router' && g.externalGateway?.enableSnat !== false),
          tgw: g.kind === 'tgw',
          gateway: g,
        });
      }
    }
    const S = subnets.length;
    this.subnetNet = Int32Array.from(subnets, (s) => s.net);
    this.subnetBase = Float64Array.from(subnets, (s) => s.base);
    this.subnetLast = Float64Array.from(subnets, (s) => s.last);
    this.subnetPublic = Uint8Array.from(subnets, (s) => (s.pub ? 1 : 0));
    this.subnetNode = Int32Array.from(subnets, (s) => reg.id(`subnet:${s.path}`));
    this.subnetRegion = Int32Array.from(subnets, (s) => s.region);
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
    this.indexPorts(hosts, owners);
    for (const byIp of this.hostByIp) {
      const entries: Entry4[] = [...byIp].map(([ip, port]) => ({ network: ip, length: 32, value: port }));
      this.netHosts.push(entries.length ? buildLookup4(entries) : EMPTY);
    }
    this.gwReady = Uint8Array.from(gws, (g) => (g.ready ? 1 : 0));
    this.gwNet = Int32Array.from(gws, (g) => g.net);
    this.gwSubnet = Int32Array.from(gws, (g) => (g.subnet ? (this.subnetIndex.get(g.subnet) ?? -1) : -1));
    this.gwTranslates = Uint8Array.from(gws, (g) => (g.translates ? 1 : 0));
    this.gwIsTgw = Uint8Array.from(gws, (g) => (g.tgw ? 1 : 0));
    this.gwIsEndpoint = Uint8Array.from(gws, (g) => (g.gateway.kind === 'vpcEndpoint' ? 1 : 0));
    this.gwNode = Int32Array.from(gws, (g) => reg.id(`gw:${g.path}`));
    this.gwTable = new Int32Array(gws.length).fill(-1);
    gws.forEach((g, i) => {
      this.gwPath.push(g.path);
      this.gwIndex.set(g.path, i);
    });
    this.indexGcpGateways(gws, regionOf);
    this.gwExtNet = Int32Array.from(gws, (g) =>
      g.gateway.kind === 'router' && g.gateway.externalGateway
        ? (this.netIndex.get(g.gateway.externalGateway.network) ?? -1)
        : -1,
    );
    topology.sites.forEach((s, i) => this.siteIndex.set(s.name, i));
    this.siteTable = new Int32Array(topology.sites.length).fill(-1);
    const C = topology.connections.length;
    this.connUp = new Uint8Array(C);
    this.connDrop = new Uint8Array(C);
    this.connGw = new Int32Array(C).fill(-1);
    this.connPeer = new Int32Array(C).fill(NO_PEER);
    this.connNode = new Int32Array(C);
    topology.connections.forEach((c, i) => {
      this.connName.push(c.name);
      const dx = c.directConnect;
      this.connDx.push(
        dx === undefined
          ? undefined
          : `Direct Connect virtual interface${dx.vif === undefined ? '' : ` ${dx.vif}`}${dx.gateway === undefined ? ' (straight to the VGW)' : ` through Direct Connect gateway ${dx.gateway}${dx.gatewayId === undefined ? '' : ` (${dx.gatewayId})`}`} (AWS-R46)`,
      );
      this.connIndex.set(c.name, i);
      const tunnels = this.state.tunnels[c.name];
      // DESIGN.md "Timing": traffic uses only tunnels that are up and, on a BGP connection, whose
      // session is established.
      const sessions = c.bgp ? this.state.sessions[c.name] : undefined;
      const usable = !tunnels || tunnels.some((t, k) => t.up && (sessions?.[k]?.established ?? true));
      this.connUp[i] = usable ? 1 : 0;
      this.connDrop[i] = usable ? 0 : outcomeCode(tunnels.some((t) => t.up) ? 'session-down' : 'tunnel-down');
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

  /** Per-port arrays: owners, OpenStack port security and pairs (OS-R4..R9), security groups (OS-R11). */
  private indexPorts(
    ports: readonly { readonly owner: number; readonly ip: number; readonly sec: PortSecurity }[],
    owners: number,
  ): void {
    const P = ports.length;
    this.portOwner = Int32Array.from(ports, (p) => p.owner);
    this.ownerFirst = new Int32Array(owners).fill(-1);
    this.ownerCount = new Int32Array(owners);
    ports.forEach((p, i) => {
      if (this.ownerFirst[p.owner] === -1) this.ownerFirst[p.owner] = i;
      this.ownerCount[p.owner]!++;
    });
    this.portSecurity = Uint8Array.from(ports, (p) => (p.sec.on ? 1 : 0));
    this.pairStart = new Int32Array(P + 1);
    const lo: number[] = [];
    const hi: number[] = [];
    const mLo: number[] = [];
    const mHi: number[] = [];
    this.portGroups = new Uint8Array(P);
    ports.forEach((p, i) => {
      this.pairStart[i] = lo.length;
      const member = p.sec.on && p.sec.groups.includes('default');
      this.portGroups[i] = (p.sec.groups.length > 0 ? 1 : 0) | (member ? 2 : 0);
      if (member) {
        mLo.push(p.ip);
        mHi.push(p.ip);
      }
      if (!p.sec.on) return; // OS-R7: pairs take effect only with port security
      for (const pair of p.sec.pairs) {
        const r = range4(pair.ip.includes('/') ? pair.ip : `${pair.ip}/32`);
        if (r.lo > r.hi) continue;
        lo.push(r.lo);
        hi.push(r.hi);
        if (member) {
          mLo.push(r.lo);
          mHi.push(r.hi);
        }
      }
    });
    this.pairStart[P] = lo.length;
    this.pairLo = Float64Array.from(lo);
    this.pairHi = Float64Array.from(hi);
    this.memberLo = Float64Array.from(mLo);
    this.memberHi = Float64Array.from(mHi);
  }

  /** GCP regions of gateways, ILB global access and backends (GCP-R5, GCP-R8). */
  private indexGcpGateways(
    gws: readonly { readonly net: number; readonly gateway: Gateway }[],
    regionOf: (r: string | undefined) => number,
  ): void {
    const G = gws.length;
    this.gwRegion = new Int32Array(G).fill(-1);
    this.gwGlobalAccess = new Uint8Array(G);
    this.ilbStart = new Int32Array(G + 1);
    this.ilbHealthyStart = new Int32Array(G + 1);
    const all: number[] = [];
    const healthy: number[] = [];
    gws.forEach((g, i) => {
      this.ilbStart[i] = all.length;
      this.ilbHealthyStart[i] = healthy.length;
      const net = this.networks[g.net]!;
      if (net.provider !== 'gcp') return;
      const gw = g.gateway;
      const router = gw.router !== undefined ? net.gateways.find((x) => x.name === gw.router) : undefined;
      this.gwRegion[i] = regionOf(gw.region ?? router?.region);
      this.gwGlobalAccess[i] = gw.globalAccess === true ? 1 : 0;
      if (gw.kind !== 'ilb') return;
      for (const b of gw.backends ?? []) {
        const h = this.hostIndex.get(b.includes('/') ? b : `${net.name}/${b}`);
        if (h === undefined) continue;
        all.push(h);
        // A backend takes traffic while it is running and forwards (health check; canIpForward).
        if (this.hostForwards[h] === 1) healthy.push(h);
      }
    });
    this.ilbStart[G] = all.length;
    this.ilbHealthyStart[G] = healthy.length;
    this.ilbAll = Int32Array.from(all);
    this.ilbHealthy = Int32Array.from(healthy);
  }

  private indexTables(tables: readonly ForwardingTable[]): void {
    const reg = this.registry;
    for (const t of tables) {
      this.tableIndex.set(t.id, this.tables.length);
      const slash = t.id.indexOf('/');
      const net = slash > 0 && t.kind !== 'site' ? this.netIndex.get(t.id.slice(0, slash)) : undefined;
      this.tables.push(compileTable(t, net === undefined ? undefined : this.networks[net], reg.lineage));
    }
    const T = this.tables.length;
    this.tableNode = new Int32Array(T);
    this.tableNet = new Int32Array(T).fill(-1);
    this.tableBase = new Int32Array(T + 1);
    this.tableLpmEnd = new Int32Array(T);
    this.tablePolicyEnd = new Int32Array(T);
    let total = 0;
    for (let t = 0; t < T; t++) {
      this.tableBase[t] = total;
      this.tableLpmEnd[t] = total + this.tables[t]!.lpmCount;
      this.tablePolicyEnd[t] = this.tableLpmEnd[t]! + this.tables[t]!.policy.length;
      total += routeCount(this.tables[t]!);
    }
    this.tableBase[T] = total;
    const arrays = routeArrays(reg.routeArrays, total);
    reg.routeArrays = arrays;
    this.routeKind = arrays.kind;
    this.routeTarget = arrays.target;
    this.routeIp = arrays.ip;
    this.routeLen = arrays.len;
    this.routeParent = arrays.parent;
    this.routeSrcLo = arrays.srcLo;
    this.routeSrcHi = arrays.srcHi;
    this.routeDstLo = arrays.dstLo;
    this.routeDstHi = arrays.dstHi;
    this.routeEcmpFirst = arrays.ecmpFirst;
    this.routeEcmpCount = arrays.ecmpCount;
    for (let t = 0; t < T; t++) {
      const build = this.tables[t]!;
      const { table } = build;
      this.tableNode[t] = reg.id(`table:${table.id}`);
      const slash = table.id.indexOf('/');
      if (slash > 0 && table.kind !== 'site')
        this.tableNet[t] = this.netIndex.get(table.id.slice(0, slash)) ?? -1;
      const base = this.tableBase[t]!;
      this.resolveTable(build, base, this.tableNet[t]!);
      for (let i = 0, n = routeCount(build); i < n; i++) {
        const parent = i < build.lpmCount ? build.parents[i]! : -1;
        if (parent >= 0) this.routeParent[base + i] = base + parent;
        const m = i >= build.lpmCount ? build.policy[i - build.lpmCount] : undefined;
        if (m) {
          this.routeSrcLo[base + i] = m.srcLo;
          this.routeSrcHi[base + i] = m.srcHi;
          this.routeDstLo[base + i] = m.dstLo;
          this.routeDstHi[base + i] = m.dstHi;
        }
      }
      for (const g of build.ecmp) {
        this.routeEcmpFirst[base + g.route] = base + g.first;
        this.routeEcmpCount[base + g.route] = g.count;
      }
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
    this.netDefaultRules = new Uint8Array(this.networks.length);
    this.netProviderDefault = new Uint8Array(this.networks.length);
    this.networks.forEach((net, n) => {
      this.netProvider[n] = PROVIDER_CODE[net.provider];
      this.netProviderDefault[n] =
        (net.firewall ?? this.state.topology.firewall) === 'provider-default' ? 1 : 0;
      this.netDefaultRules[n] = net.provider === 'gcp' && net.name === 'default' ? 1 : 0;
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
    this.tgwOfTable.set(t, g);
    for (const a of gw?.attachments ?? []) {
      const peer = a.routeTable === rt && a.peer !== undefined ? this.gwIndex.get(a.peer) : undefined;
      if (peer !== undefined) this.tgwPeerIngress.set(g * 65536 + peer, t);
      const conn =
        a.routeTable === rt && a.connection !== undefined ? this.connIndex.get(a.connection) : undefined;
      if (conn !== undefined) this.tgwConnIngress.set(g * 65536 + conn, t);
      if (a.routeTable !== rt || !a.network) continue;
      const n = this.netIndex.get(a.network);
      if (n !== undefined) this.tgwIngress.set(g * 65536 + n, t);
      for (const s of a.zones ? (this.networks[n ?? -1]?.subnets ?? []) : []) {
        const i = this.subnetIndex.get(`${a.network}/${s.name}`);
        if (i !== undefined && s.zone !== undefined && !a.zones!.includes(s.zone))
          this.tgwZoneBlocked.add(g * 16777216 + i);
      }
    }
  }

  /**
   * Writes a table's routes into the plane's route arrays. Route targets are entity indices, which
   * stay the same while the topology keeps its entities in the same order (`layout`), so a table
   * resolved under the same layout is copied instead of resolved route by route.
   */
  private resolveTable(build: TableBuild, base: number, net: number): void {
    const n = routeCount(build);
    for (let i = 0; i < n; i++) this.routeLen[base + i] = build.lens[i]!;
    const res = build.resolved;
    let from = 0;
    if (res && res.layout === this.layout) {
      from = Math.min(res.count, n);
      this.routeKind.set(res.kind.subarray(0, from), base);
      this.routeTarget.set(res.target.subarray(0, from), base);
      this.routeIp.set(res.ip.subarray(0, from), base);
    }
    for (let i = from; i < n; i++) this.resolveAction(base + i, build.routes[i]!, net, build.special[i]);
    if (from < n || !res) {
      build.resolved = {
        layout: this.layout,
        count: n,
        kind: this.routeKind.slice(base, base + n),
        target: this.routeTarget.slice(base, base + n),
        ip: this.routeIp.slice(base, base + n),
      };
    }
  }

  private resolveAction(i: number, r: CandidateRoute, net: number, special: Special | undefined): void {
    if (special?.kind === 'skip') {
      this.routeKind[i] = Act.SkipPolicy;
      return;
    }
    if (special?.kind === 'ilb') {
      const net0 = this.networks[net];
      const g = net0 ? this.gwIndex.get(`${net0.name}/${special.gateway}`) : undefined;
      this.routeKind[i] = Act.Ilb;
      this.routeTarget[i] = g ?? -1;
      return;
    }
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
        if (h >= 0 && this.hostIp[h] !== ip)
          h = this.hostByIp[this.hostNet[h]!]?.get(ip) ?? this.portOf(h, ip);
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
      case 'opaque':
        // Imported, not modelled: the walker stops here (`unmodelled`); a trace names it from the route.
        this.routeTarget[i] = -1;
        break;
    }
    if (this.routeKind[i] === Act.Drop && this.routeTarget[i] < 0)
      this.routeTarget[i] = outcomeCode('blackhole');
  }

  /** The port of `port`'s host that holds `ip` (a host with several ports), else `port`. */
  private portOf(port: number, ip: number): number {
    const o = this.portOwner[port]!;
    for (let q = this.ownerFirst[o]!, e = q + this.ownerCount[o]!; q < e; q++)
      if (this.hostIp[q] === ip) return q;
    return port;
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

/** OS-R4: port, then host shorthand, then the port's network, then true; OS-R8: default group. */
function portSecurity(portNet: Network, h: Host, port: Port | undefined): PortSecurity {
  if (portNet.provider !== 'openstack') return { on: false, pairs: [], groups: [] };
  const on = port?.portSecurity ?? h.portSecurity ?? portNet.portSecurity ?? true;
  const pairs = (port ? port.allowedAddressPairs : h.allowedAddressPairs) ?? [];
  const groups = (port ? port.securityGroups : h.securityGroups) ?? (on ? ['default'] : []);
  return { on, pairs, groups: on ? groups : [] };
}
