/**
 * Name indexes over a topology, rebuilt only when the topology object changes (one pass over
 * networks, sites, connections, peerings and hosts; never over routes), and parsed per-network
 * data, rebuilt only when that network object changes.
 *
 *   TopologyIndex: networks / sites / connections / gateways by name or path,
 *                  connections by endpoint, peerings by network, hosts by address
 *   NetworkInfo:   parsed cidrs, subnets (with a PrefixIndex for address → subnet)
 */
import type {
  Connection,
  Gateway,
  Host,
  Network,
  Peering,
  Port,
  Site,
  Subnet,
  Topology,
} from '../topology.js';
import { canonicalAddress, type Prefix } from '@cloudroute/lpm';
import { mustParsePrefix } from './ip.js';
import { weakCache } from './memo.js';
import { PrefixIndex } from './prefix-index.js';

export interface HostRef {
  /** The network that declares the host. */
  readonly network: string;
  readonly host: Host;
  readonly hostIndex: number;
  /** The port holding the address (OpenStack `ports`), if the host has ports. */
  readonly port?: Port;
  readonly portIndex?: number;
  /** The network and subnet the address lives on (an OpenStack port may join another network). */
  readonly subnetNetwork: string;
  readonly subnet: string;
}

export interface PeeringRef {
  readonly peering: Peering;
  readonly index: number;
  /** The network on the other side. */
  readonly other: string;
  /** This network is `between[0]`. */
  readonly isA: boolean;
}

export interface GatewayRef {
  readonly network: Network;
  readonly gateway: Gateway;
  readonly path: string;
}

export interface TopologyIndex {
  readonly networks: ReadonlyMap<string, { readonly network: Network; readonly index: number }>;
  readonly sites: ReadonlyMap<string, { readonly site: Site; readonly index: number }>;
  readonly connections: ReadonlyMap<string, { readonly connection: Connection; readonly index: number }>;
  /** Endpoint (`net/gw` or site name) → connections touching it, in topology order. */
  readonly connectionsByEndpoint: ReadonlyMap<string, readonly Connection[]>;
  readonly peeringsByNetwork: ReadonlyMap<string, readonly PeeringRef[]>;
  readonly gateways: ReadonlyMap<string, GatewayRef>;
  /** Canonical address → every host/port holding it (private spaces may repeat across networks). */
  readonly hostsByIp: ReadonlyMap<string, readonly HostRef[]>;
}

/** Split `net/obj` (the first slash separates; names contain no slash). */
export function splitPath(path: string): readonly [string, string] | undefined {
  const i = path.indexOf('/');
  if (i <= 0 || i === path.length - 1) return undefined;
  return [path.slice(0, i), path.slice(i + 1)];
}

/** Canonical text of an address, or the text itself when it does not parse. */
export function canonicalIp(ip: string): string {
  return canonicalAddress(ip) ?? ip;
}

/** Resolve a subnet reference written in network `net`: `sub` or `other/sub`. */
export function resolveSubnetRef(net: string, ref: string): readonly [string, string] {
  return splitPath(ref) ?? [net, ref];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const topologyIndex = weakCache((t: Topology): TopologyIndex => {
  const networks = new Map<string, { network: Network; index: number }>();
  const gateways = new Map<string, GatewayRef>();
  const hostsByIp = new Map<string, HostRef[]>();
  t.networks.forEach((network, index) => {
    if (!networks.has(network.name)) networks.set(network.name, { network, index });
    for (const gateway of network.gateways) {
      const path = `${network.name}/${gateway.name}`;
      if (!gateways.has(path)) gateways.set(path, { network, gateway, path });
    }
    network.hosts.forEach((host, hostIndex) => {
      if (host.ports && host.ports.length > 0) {
        host.ports.forEach((port, portIndex) => {
          const [sn, sub] = resolveSubnetRef(network.name, port.subnet);
          push(hostsByIp, canonicalIp(port.ip), {
            network: network.name,
            host,
            hostIndex,
            port,
            portIndex,
            subnetNetwork: sn,
            subnet: sub,
          });
        });
      } else if (host.ip !== undefined) {
        const [sn, sub] = resolveSubnetRef(network.name, host.subnet ?? '');
        push(hostsByIp, canonicalIp(host.ip), {
          network: network.name,
          host,
          hostIndex,
          subnetNetwork: sn,
          subnet: sub,
        });
      }
    });
  });
  const sites = new Map<string, { site: Site; index: number }>();
  t.sites.forEach((site, index) => {
    if (!sites.has(site.name)) sites.set(site.name, { site, index });
  });
  const connections = new Map<string, { connection: Connection; index: number }>();
  const connectionsByEndpoint = new Map<string, Connection[]>();
  t.connections.forEach((connection, index) => {
    if (!connections.has(connection.name)) connections.set(connection.name, { connection, index });
    push(connectionsByEndpoint, connection.between[0], connection);
    if (connection.between[1] !== connection.between[0])
      push(connectionsByEndpoint, connection.between[1], connection);
  });
  const peeringsByNetwork = new Map<string, PeeringRef[]>();
  t.peerings.forEach((peering, index) => {
    const [a, b] = peering.between;
    push(peeringsByNetwork, a, { peering, index, other: b, isA: true });
    push(peeringsByNetwork, b, { peering, index, other: a, isA: false });
  });
  return { networks, sites, connections, connectionsByEndpoint, peeringsByNetwork, gateways, hostsByIp };
});

export interface SubnetInfo {
  readonly subnet: Subnet;
  readonly index: number;
  /** Primary cidr first, then secondary ranges. */
  readonly prefixes: readonly Prefix[];
}

export interface NetworkInfo {
  readonly cidrs: readonly Prefix[];
  readonly cidrIndex: PrefixIndex<Prefix>;
  readonly subnets: readonly SubnetInfo[];
  readonly subnetByName: ReadonlyMap<string, SubnetInfo>;
  /** Every subnet range (primary and secondary) → its subnet. */
  readonly subnetIndex: PrefixIndex<SubnetInfo>;
}

export const networkInfo = weakCache((n: Network): NetworkInfo => {
  const cidrs = n.cidrs.map((c) => mustParsePrefix(c));
  const cidrIndex = new PrefixIndex<Prefix>();
  for (const c of cidrs) cidrIndex.add(c, c);
  const subnetIndex = new PrefixIndex<SubnetInfo>();
  const subnetByName = new Map<string, SubnetInfo>();
  const subnets = n.subnets.map((subnet, index) => {
    const prefixes = [subnet.cidr, ...(subnet.secondaryCidrs ?? [])].map((c) => mustParsePrefix(c));
    const info: SubnetInfo = { subnet, index, prefixes };
    for (const p of prefixes) subnetIndex.add(p, info);
    if (!subnetByName.has(subnet.name)) subnetByName.set(subnet.name, info);
    return info;
  });
  return { cidrs, cidrIndex, subnets, subnetByName, subnetIndex };
});

/** Text of the network's address space, in topology order. */
export function addressSpaceText(n: Network): readonly string[] {
  return n.cidrs.length > 0 ? n.cidrs : n.subnets.flatMap((s) => [s.cidr, ...(s.secondaryCidrs ?? [])]);
}
