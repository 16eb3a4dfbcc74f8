/**
 * Finding topology objects by their scenario references (`net/object` paths, plain names for
 * sites and connections). Indexes are memoised on the immutable arrays they are built from, so an
 * unchanged part of the topology (structural sharing) is never indexed twice.
 */
import type {
  Connection,
  Gateway,
  Host,
  Network,
  RouteTable,
  Site,
  Subnet,
  Topology,
} from '@cloudroute/model';
import { splitPath } from '@cloudroute/model';

export interface Found<T> {
  /** Index of the network in `topology.networks`. */
  readonly ni: number;
  /** Index of the object in its network's array. */
  readonly i: number;
  readonly network: Network;
  readonly item: T;
}

const networkIndexes = new WeakMap<readonly Network[], Map<string, number>>();

export function networkIndex(topology: Topology, name: string): number | undefined {
  let idx = networkIndexes.get(topology.networks);
  if (!idx) {
    idx = new Map(topology.networks.map((n, i) => [n.name, i]));
    networkIndexes.set(topology.networks, idx);
  }
  return idx.get(name);
}

export function findNetwork(topology: Topology, name: string): Found<Network> | undefined {
  const ni = networkIndex(topology, name);
  const network = ni === undefined ? undefined : topology.networks[ni];
  return ni === undefined || !network ? undefined : { ni, i: ni, network, item: network };
}

function findIn<T extends { readonly name: string }>(
  topology: Topology,
  path: string,
  pick: (n: Network) => readonly T[] | undefined,
): Found<T> | undefined {
  const parts = splitPath(path);
  if (!parts) return undefined;
  const net = findNetwork(topology, parts[0]);
  if (!net) return undefined;
  const list = pick(net.network) ?? [];
  const i = list.findIndex((x) => x.name === parts[1]);
  const item = list[i];
  return item === undefined ? undefined : { ni: net.ni, i, network: net.network, item };
}

export const findSubnet = (t: Topology, path: string): Found<Subnet> | undefined =>
  findIn(t, path, (n) => n.subnets);
export const findHost = (t: Topology, path: string): Found<Host> | undefined =>
  findIn(t, path, (n) => n.hosts);
export const findGateway = (t: Topology, path: string): Found<Gateway> | undefined =>
  findIn(t, path, (n) => n.gateways);
export const findRouteTable = (t: Topology, path: string): Found<RouteTable> | undefined =>
  findIn(t, path, (n) => n.routeTables);

export function findSite(
  topology: Topology,
  name: string,
): { readonly i: number; readonly site: Site } | undefined {
  const i = topology.sites.findIndex((s) => s.name === name);
  const site = topology.sites[i];
  return site ? { i, site } : undefined;
}

/** A subnet reference as written on a port or a router interface: `sub` (same network) or `net/sub`. */
export function qualify(network: string, ref: string): string {
  return ref.includes('/') ? ref : `${network}/${ref}`;
}

export interface ConnectionIndex {
  readonly byName: ReadonlyMap<string, Connection>;
  /** Connection names by site name. */
  readonly bySite: ReadonlyMap<string, readonly string[]>;
  /** Connection names by `net/gw`. */
  readonly byGateway: ReadonlyMap<string, readonly string[]>;
}

const connIndexes = new WeakMap<readonly Connection[], ConnectionIndex>();

/** The ends of a connection: the gateways (`net/gw`) and the site, if any. */
export function connectionEnds(c: Connection): {
  readonly gateways: readonly string[];
  readonly site?: string;
} {
  const gateways = c.between.filter((e) => e.includes('/'));
  const site = c.between.find((e) => !e.includes('/'));
  return site === undefined ? { gateways } : { gateways, site };
}

export function connections(topology: Topology): ConnectionIndex {
  let idx = connIndexes.get(topology.connections);
  if (idx) return idx;
  const byName = new Map<string, Connection>();
  const bySite = new Map<string, string[]>();
  const byGateway = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, v: string): void => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const c of topology.connections) {
    byName.set(c.name, c);
    const ends = connectionEnds(c);
    for (const g of ends.gateways) push(byGateway, g, c.name);
    if (ends.site !== undefined) push(bySite, ends.site, c.name);
  }
  idx = { byName, bySite, byGateway };
  connIndexes.set(topology.connections, idx);
  return idx;
}

const peerIndexes = new WeakMap<Topology['peerings'], ReadonlyMap<string, readonly string[]>>();

/** Networks peered with `network` (VNet/VPC/GCP peering), in topology order. */
export function peersOf(topology: Topology, network: string): readonly string[] {
  let idx = peerIndexes.get(topology.peerings);
  if (!idx) {
    const m = new Map<string, string[]>();
    for (const p of topology.peerings) {
      const [a, b] = p.between;
      m.set(a, [...(m.get(a) ?? []), b]);
      m.set(b, [...(m.get(b) ?? []), a]);
    }
    idx = m;
    peerIndexes.set(topology.peerings, idx);
  }
  return idx.get(network) ?? [];
}

/** The network an OpenStack port's subnet reference (`sub` or `net/sub`) lives in. */
export function networkOfRef(defaultNetwork: string, ref: string): string {
  return splitPath(qualify(defaultNetwork, ref))?.[0] ?? defaultNetwork;
}
