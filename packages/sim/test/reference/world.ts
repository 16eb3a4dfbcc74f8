/**
 * One moment of the reference simulator: everything a packet can meet, indexed plainly (arrays and
 * maps of objects, linear scans), rebuilt from scratch at every moment.
 *
 * Route choice comes from the model: `forwardingTables` gives every table's candidate routes with
 * the provider's precedence already applied (`selected`, `action`). It is called on a
 * `structuredClone` of the state so that no memo cache of the model is hit. The model's precedence
 * is proven separately against the naive oracle (packages/model/test/oracle.ts and the model's
 * property tests); the reference only adds its own naive longest-prefix match over the selected
 * routes of a table.
 */
import {
  forwardingTables,
  type AllowedAddressPair,
  type CandidateRoute,
  type Connection,
  type ForwardingTable,
  type Gateway,
  type Host,
  type Network,
  type NetworkState,
  type Site,
  type Subnet,
} from '@cloudroute/model';
import { parseIp, parsePrefix, prefixContains, type Range4 } from './ipv4.js';

/** A subnet and its address ranges (primary and secondary, GCP-R2(b)). */
export interface RefSubnet {
  readonly path: string;
  readonly network: Network;
  readonly subnet: Subnet;
  readonly ranges: readonly Range4[];
}

/** One address of a host: an OpenStack port, or the single NIC of any other host. */
export interface RefPort {
  /** `net/host` of the declaring network. */
  readonly hostPath: string;
  readonly host: Host;
  /** The network that declares the host (its provider decides forwarding). */
  readonly owner: Network;
  /** The network the address lives on (an OpenStack port may join another network). */
  readonly network: string;
  readonly subnetPath: string;
  readonly ip: number;
  /** OS-R4: port security on (always false outside OpenStack). */
  readonly security: boolean;
  /** OS-R7: allowed address pairs (effective only with port security). */
  readonly pairs: readonly Range4[];
  /** OS-R8 / OS-R11: security groups; `default` when port security is on and none is given. */
  readonly groups: readonly string[];
}

/** A table's candidate routes and, for the longest-prefix match, its selected IPv4 routes. */
export interface RefTable {
  readonly table: ForwardingTable;
  /** The table's network name (`net/…` ids), undefined for a site table. */
  readonly network: string | undefined;
  readonly selected: readonly { readonly route: CandidateRoute; readonly range: Range4 }[];
}

export interface World {
  readonly state: NetworkState;
  readonly networks: ReadonlyMap<string, Network>;
  readonly subnets: readonly RefSubnet[];
  readonly subnetByPath: ReadonlyMap<string, RefSubnet>;
  readonly ports: readonly RefPort[];
  readonly tables: ReadonlyMap<string, RefTable>;
  readonly gateways: ReadonlyMap<string, { readonly network: Network; readonly gateway: Gateway }>;
  readonly sites: ReadonlyMap<string, Site>;
  readonly connections: ReadonlyMap<string, Connection>;
  /** Some network has `firewall: provider-default` (GCP-R24, OS-R11); each check asks its network's mode. */
  readonly firewall: boolean;
}

/** Builds the world of one moment. */
export function buildWorld(state: NetworkState): World {
  const fresh = structuredClone(state);
  const { topology } = fresh;
  const networks = new Map(topology.networks.map((n) => [n.name, n]));
  const subnets: RefSubnet[] = [];
  for (const n of topology.networks)
    for (const s of n.subnets) {
      const ranges = [s.cidr, ...(s.secondaryCidrs ?? [])].flatMap((p) => parsePrefix(p) ?? []);
      subnets.push({ path: `${n.name}/${s.name}`, network: n, subnet: s, ranges });
    }
  const ports: RefPort[] = [];
  for (const n of topology.networks)
    for (const h of n.hosts) {
      const list =
        h.ports && h.ports.length > 0 ? h.ports : h.subnet && h.ip ? [{ subnet: h.subnet, ip: h.ip }] : [];
      for (const port of list) {
        const ip = parseIp(port.ip);
        if (ip === undefined) continue;
        const subnetPath = port.subnet.includes('/') ? port.subnet : `${n.name}/${port.subnet}`;
        const portNet = networks.get(subnetPath.split('/')[0]!) ?? n;
        const own = h.ports && h.ports.length > 0 ? port : undefined;
        // OS-R4: the port's own setting, then the host shorthand, then the network's default (true).
        const security =
          portNet.provider === 'openstack' &&
          (own?.portSecurity ?? h.portSecurity ?? portNet.portSecurity ?? true);
        const pairList: readonly AllowedAddressPair[] =
          (own ? own.allowedAddressPairs : h.allowedAddressPairs) ?? [];
        const groups = (own ? own.securityGroups : h.securityGroups) ?? (security ? ['default'] : []);
        ports.push({
          hostPath: `${n.name}/${h.name}`,
          host: h,
          owner: n,
          network: portNet.name,
          subnetPath,
          ip,
          security,
          pairs: security ? pairList.flatMap((p) => parsePrefix(p.ip) ?? []) : [],
          groups: security ? groups : [],
        });
      }
    }
  const tables = new Map<string, RefTable>();
  for (const t of forwardingTables(fresh)) {
    const slash = t.id.indexOf('/');
    const network = t.kind === 'site' || slash < 0 ? undefined : t.id.slice(0, slash);
    const selected = t.routes.flatMap((route) => {
      const range = route.selected && route.action ? parsePrefix(route.prefix) : undefined;
      return range ? [{ route, range }] : [];
    });
    tables.set(t.id, { table: t, network, selected });
  }
  const gateways = new Map<string, { network: Network; gateway: Gateway }>();
  for (const n of topology.networks)
    for (const g of n.gateways) gateways.set(`${n.name}/${g.name}`, { network: n, gateway: g });
  return {
    state: fresh,
    networks,
    subnets,
    subnetByPath: new Map(subnets.map((s) => [s.path, s])),
    ports,
    tables,
    gateways,
    sites: new Map(topology.sites.map((s) => [s.name, s])),
    connections: new Map(topology.connections.map((c) => [c.name, c])),
    // Some network filters by `provider-default` (its own `firewall`, else the topology's).
    firewall: topology.networks.some((n) => (n.firewall ?? topology.firewall) === 'provider-default'),
  };
}

/** The most specific subnet of network `net` whose ranges contain `a`. */
export function subnetAt(w: World, net: string, a: number): RefSubnet | undefined {
  let best: RefSubnet | undefined;
  let bestLen = -1;
  for (const s of w.subnets) {
    if (s.network.name !== net) continue;
    for (const r of s.ranges)
      if (a >= r.lo && a <= r.hi && r.length > bestLen) {
        best = s;
        bestLen = r.length;
      }
  }
  return best;
}

/** The subnet of any network containing `a`, networks in file order (as `trace --from <ip>`). */
export function anySubnetAt(w: World, a: number): RefSubnet | undefined {
  for (const n of w.networks.keys()) {
    const s = subnetAt(w, n, a);
    if (s) return s;
  }
  return undefined;
}

/** The port holding address `a` on network `net` (the last one declared, should several). */
export function portAt(w: World, net: string, a: number): RefPort | undefined {
  let found: RefPort | undefined;
  for (const p of w.ports) if (p.network === net && p.ip === a) found = p;
  return found;
}

/** A host's first port, by `net/host`. */
export function firstPort(w: World, hostPath: string): RefPort | undefined {
  return w.ports.find((p) => p.hostPath === hostPath);
}

/** Every port of the host that owns `port`, in declaration order. */
export function portsOfHost(w: World, port: RefPort): RefPort[] {
  return w.ports.filter((p) => p.hostPath === port.hostPath);
}

/**
 * The table a host's packets are looked up in: a GCP VM with network tags has its own (GCP-R4),
 * on its first port; every other port uses its subnet's table.
 */
export function tableOfPort(w: World, port: RefPort): RefTable | undefined {
  const guest = w.tables.get(port.hostPath);
  if (guest && guest.table.kind === 'guest' && firstPort(w, port.hostPath) === port) return guest;
  return w.tables.get(port.subnetPath);
}

/**
 * Does this host forward packets that are not addressed to it? AWS: source/destination check off
 * (AWS-R9); Azure: IP forwarding (AZ-R6); GCP: canIpForward and RUNNING (GCP-R5, GCP-R6);
 * OpenStack: the guest forwards (port security is checked apart, OS-R5).
 */
export function forwards(port: RefPort): boolean {
  const h = port.host;
  switch (port.owner.provider) {
    case 'aws':
      return h.sourceDestCheck === false;
    case 'azure':
      return h.ipForwarding === true;
    case 'gcp':
      return h.ipForwarding === true && h.running !== false;
    case 'openstack':
      return h.ipForwarding === true;
  }
}

/** Is the gateway provisioned (AZ-R17, AZ-R19, AWS-R28)? A gateway without status counts as ready. */
export function gatewayReady(w: World, path: string): boolean {
  return (w.state.gateways[path]?.phase ?? 'ready') === 'ready';
}

/** The naive longest-prefix match over a table's selected routes. */
export function longestMatch(t: RefTable, a: number): CandidateRoute | undefined {
  let best: CandidateRoute | undefined;
  let bestLen = -1;
  for (const { route, range } of t.selected)
    if (a >= range.lo && a <= range.hi && range.length > bestLen) {
      best = route;
      bestLen = range.length;
    }
  return best;
}

/** Every candidate route of the table that contains `a`, except `chosen`, longest prefix first. */
export function beaten(t: RefTable, a: number, chosen: CandidateRoute | undefined): CandidateRoute[] {
  const len = (r: CandidateRoute): number => parsePrefix(r.prefix)?.length ?? -1;
  return t.table.routes
    .filter((r) => r !== chosen && prefixContains(r.prefix, a))
    .sort((x, y) => len(y) - len(x));
}
