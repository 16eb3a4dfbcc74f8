/**
 * `touched`: the forwarding-table ids (model `ForwardingTable.id`) whose routes an event may have
 * changed, so the data plane recompiles only those. Ids:
 *
 *   net/subnet     a subnet's effective table (AWS, Azure, GCP, OpenStack guests)
 *   net/gw         a gateway's table (VGW, VNG, TGW, GCP VPN / Cloud Router, OpenStack router)
 *   net/tgw#rt     a transit gateway route table
 *   net/host       a GCP VM with network tags (its own applicable routes, GCP-R4)
 *   site:name      an on-premises site
 *
 * When a rule is not obviously local the set over-approximates: a recompiled table that did not
 * change costs time, a missed one gives wrong answers.
 */
import type { Network, Topology } from '@cloudroute/model';
import { splitPath } from '@cloudroute/model';
import { connectionEnds, connections, findNetwork, peersOf } from './lookup.js';

const tablesOfNetwork = new WeakMap<Network, readonly string[]>();

/** Every table id of one network. */
export function networkTables(network: Network): readonly string[] {
  const hit = tablesOfNetwork.get(network);
  if (hit) return hit;
  const n = network.name;
  const ids: string[] = [];
  for (const s of network.subnets) ids.push(`${n}/${s.name}`);
  for (const g of network.gateways) {
    ids.push(`${n}/${g.name}`);
    for (const rt of g.routeTables ?? []) ids.push(`${n}/${g.name}#${rt.name}`);
  }
  if (network.provider === 'gcp') {
    for (const h of network.hosts) if ((h.tags ?? []).length > 0) ids.push(`${n}/${h.name}`);
  }
  tablesOfNetwork.set(network, ids);
  return ids;
}

interface Related {
  /** Networks whose tables may change with this one: peers, TGW attachments, gateway-to-gateway VPNs. */
  readonly networks: ReadonlyMap<string, readonly string[]>;
  /** Sites connected to a gateway of the network. */
  readonly sites: ReadonlyMap<string, readonly string[]>;
}

/**
 * Memoised on the parts it reads (peerings, connections, each network's gateways), which no route
 * or status change replaces, so a timeline of route edits reuses one index.
 */
const relatedCache = new WeakMap<Topology['connections'], { key: readonly unknown[]; value: Related }>();

function relatedKey(topology: Topology): readonly unknown[] {
  return [topology.peerings, ...topology.networks.map((n) => n.gateways)];
}

function related(topology: Topology): Related {
  const key = relatedKey(topology);
  const hit = relatedCache.get(topology.connections);
  if (hit && hit.key.length === key.length && hit.key.every((k, i) => k === key[i])) return hit.value;
  const nets = new Map<string, Set<string>>();
  const sites = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    if (a === b) return;
    let s = nets.get(a);
    if (!s) nets.set(a, (s = new Set()));
    s.add(b);
  };
  for (const n of topology.networks) {
    for (const p of peersOf(topology, n.name)) link(n.name, p);
    for (const g of n.gateways) {
      for (const a of g.attachments ?? []) {
        if (a.network !== undefined) {
          link(n.name, a.network);
          link(a.network, n.name);
        }
      }
    }
  }
  for (const c of topology.connections) {
    const ends = connectionEnds(c);
    const netsOfEnds = ends.gateways
      .map((g) => splitPath(g)?.[0])
      .filter((x): x is string => x !== undefined);
    for (const a of netsOfEnds) {
      for (const b of netsOfEnds) link(a, b);
      if (ends.site !== undefined) {
        let s = sites.get(a);
        if (!s) sites.set(a, (s = new Set()));
        s.add(ends.site);
      }
    }
  }
  const freeze = (m: Map<string, Set<string>>): Map<string, readonly string[]> =>
    new Map([...m].map(([k, v]) => [k, [...v]]));
  const r = { networks: freeze(nets), sites: freeze(sites) };
  relatedCache.set(topology.connections, { key, value: r });
  return r;
}

/** Accumulates touched table ids for one event. */
export class Touch {
  private readonly ids = new Set<string>();

  constructor(private readonly topology: Topology) {}

  add(id: string): this {
    this.ids.add(id);
    return this;
  }

  site(name: string): this {
    return this.add(`site:${name}`);
  }

  /** Every table of one network. */
  network(name: string): this {
    const net = findNetwork(this.topology, name);
    if (net) for (const id of networkTables(net.network)) this.ids.add(id);
    return this;
  }

  /** The network, the networks related to it, and the sites connected to its gateways. */
  neighborhood(name: string): this {
    this.network(name);
    const r = related(this.topology);
    for (const other of r.networks.get(name) ?? []) this.network(other);
    for (const s of r.sites.get(name) ?? []) this.site(s);
    return this;
  }

  /** A gateway: its network's neighborhood (learned routes reach every subnet and peer). */
  gateway(path: string): this {
    const net = splitPath(path)?.[0];
    if (net !== undefined) this.neighborhood(net);
    this.add(path);
    return this;
  }

  /** A connection: both ends. */
  connection(name: string): this {
    const c = connections(this.topology).byName.get(name);
    if (!c) return this;
    const ends = connectionEnds(c);
    for (const g of ends.gateways) this.gateway(g);
    if (ends.site !== undefined) this.site(ends.site);
    return this;
  }

  /** A BGP speaker (site name or `net/gw`) and everything it is connected to. */
  speaker(name: string): this {
    if (name.includes('/')) return this.gateway(name);
    this.site(name);
    for (const c of connections(this.topology).bySite.get(name) ?? []) this.connection(c);
    return this;
  }

  /** The subnets that use route table `rt` of network `net` (its main table too), and the network's gateways. */
  routeTable(net: string, rt: string): this {
    const found = findNetwork(this.topology, net);
    if (!found) return this;
    const n = found.network;
    const table = n.routeTables.find((t) => t.name === rt);
    for (const s of n.subnets) {
      const uses =
        s.routeTable === rt ||
        ((s.routeTable === undefined || s.routeTable === null) && table?.main === true);
      if (uses) this.add(`${net}/${s.name}`);
    }
    for (const g of n.gateways) this.add(`${net}/${g.name}`);
    return this;
  }

  merge(other: Iterable<string>): this {
    for (const id of other) this.ids.add(id);
    return this;
  }

  /** The ids, sorted (deterministic output). */
  toArray(): readonly string[] {
    return [...this.ids].sort();
  }
}
