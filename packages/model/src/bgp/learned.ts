/**
 * Routes a connection's endpoint learns from the other end: over BGP while a session is
 * established, or statically (the other end's address space, for `bgp: false`). Memoised per
 * Connection object: the same inputs give the identical array, which keeps the tables built
 * from it identical too.
 */
import type { NetworkState } from '../state.js';
import type { Connection, Gateway, Network, PrefixText } from '../topology.js';
import { Memo } from '../internal/memo.js';
import { topologyIndex, type TopologyIndex } from '../internal/topology-index.js';
import { anySessionEstablished, gatewayExtraAdverts, gatewayPhase, siteAdverts } from '../internal/status.js';
import { gatewayAsn } from './asn.js';
import { gatewayOwnPrefixes } from './originated.js';
import { transitAddressSpace } from '../azure/gateway-transit.js';

/** One route learned over a connection. */
export interface LearnedRoute {
  readonly prefix: PrefixText;
  /** `bgp`: learned over an established session; `static`: configured (the peer's address space). */
  readonly origin: 'bgp' | 'static';
  /** As received: the neighbour's AS first (empty for static routes and ASN-less speakers). */
  readonly asPath: readonly number[];
  readonly med?: number;
  readonly connection: string;
}

/** A BGP speaker's identity: a site name or a `net/gw` path. */
function isGatewayPath(endpoint: string): boolean {
  return endpoint.includes('/');
}

/** The other endpoint of a connection, seen from `receiver`. */
export function otherEnd(connection: Connection, receiver: string): string {
  return connection.between[0] === receiver ? connection.between[1] : connection.between[0];
}

/**
 * What a cloud gateway originates towards a peer gateway (no transit of its own learned routes,
 * which keeps gateway-to-gateway learning free of cycles). Prefix and path beyond its own ASN.
 */
function gatewayOriginated(
  state: NetworkState,
  index: TopologyIndex,
  path: string,
  connection: string,
): readonly {
  readonly prefix: string;
  readonly asPath?: readonly number[];
  readonly med?: number;
}[] {
  const ref = index.gateways.get(path);
  if (!ref) return [];
  const { network, gateway } = ref;
  const own = gatewayOwnPrefixes(state, network, gateway, connection);
  return [...own.map((prefix) => ({ prefix })), ...gatewayExtraAdverts(state, path)];
}

const memos = [
  new Memo<Connection, readonly LearnedRoute[]>(),
  new Memo<Connection, readonly LearnedRoute[]>(),
];

function speakerObject(index: TopologyIndex, endpoint: string): unknown {
  if (!isGatewayPath(endpoint)) return index.sites.get(endpoint)?.site;
  return index.gateways.get(endpoint)?.network;
}

/**
 * The routes `receiver` (an endpoint of the connection: `net/gw` or a site name) learns over
 * `connection` now. BGP routes only while at least one session is established and neither
 * gateway is being provisioned or deleted; static routes (`bgp: false`) are configuration and
 * stay (the data plane drops on a down tunnel).
 */
export function learnedRoutes(
  state: NetworkState,
  connection: Connection,
  receiver: string,
): readonly LearnedRoute[] {
  const index = topologyIndex(state.topology);
  const speaker = otherEnd(connection, receiver);
  const side = connection.between[0] === receiver ? 0 : 1;
  const deps = [
    receiver,
    state.profile,
    state.adverts[speaker],
    state.sessions[connection.name],
    state.gateways[speaker],
    state.gateways[receiver],
    speakerObject(index, speaker),
    speakerObject(index, receiver),
    // A TGW speaker's advertisement depends on VPC networks elsewhere: rebuild when the topology changes.
    index.gateways.get(speaker)?.gateway.kind === 'tgw' ? state.topology : undefined,
  ];
  return memos[side]!.get(connection, deps, () =>
    computeLearned(state, index, connection, receiver, speaker),
  );
}

function computeLearned(
  state: NetworkState,
  index: TopologyIndex,
  connection: Connection,
  receiver: string,
  speaker: string,
): readonly LearnedRoute[] {
  const name = connection.name;
  if (!connection.bgp) {
    // Static: the speaker's address space is configured on the receiver (Azure LNG prefixes,
    // AWS static VPN routes, a site's cidrs).
    let prefixes: readonly string[] = [];
    if (isGatewayPath(speaker)) {
      const net: Network | undefined = index.gateways.get(speaker)?.network;
      prefixes = net ? transitAddressSpace(state.topology, net) : [];
    } else {
      prefixes = index.sites.get(speaker)?.site.cidrs ?? [];
    }
    return prefixes.map((prefix) => ({ prefix, origin: 'static' as const, asPath: [], connection: name }));
  }
  if (!anySessionEstablished(state, connection)) return [];
  for (const end of [speaker, receiver]) {
    if (!isGatewayPath(end)) continue;
    const phase = gatewayPhase(state, end);
    if (phase === 'provisioning' || phase === 'deleted') return [];
  }
  let routes: LearnedRoute[];
  if (isGatewayPath(speaker)) {
    const ref = index.gateways.get(speaker);
    const asn = ref ? gatewayAsn(state.topology, ref.network, ref.gateway) : undefined;
    routes = gatewayOriginated(state, index, speaker, name).map((a) => learned(a, asn, name));
  } else {
    const site = index.sites.get(speaker)?.site;
    routes = site ? siteAdverts(state, site).map((a) => learned(a, site.asn, name)) : [];
  }
  // AZ-R22: an Azure VPN gateway accepts at most 4,000 prefixes from a peer; above that the
  // session is dropped, so nothing is learned (the engine also marks the session down).
  const recv = index.gateways.get(receiver);
  if (recv?.network.provider === 'azure' && routes.length > state.profile.azure.maxPrefixesFromPeer)
    return [];
  return routes;
}

function learned(
  a: { readonly prefix: string; readonly asPath?: readonly number[]; readonly med?: number },
  asn: number | undefined,
  connection: string,
): LearnedRoute {
  const asPath = asn === undefined ? (a.asPath ?? []) : [asn, ...(a.asPath ?? [])];
  return a.med === undefined
    ? { prefix: a.prefix, origin: 'bgp', asPath, connection }
    : { prefix: a.prefix, origin: 'bgp', asPath, med: a.med, connection };
}

/**
 * Public helper: the routes the cloud end (`between[0]`, or `receiver`) of a connection learns
 * now. Unknown connection: empty.
 */
export function learnedPrefixes(
  state: NetworkState,
  connection: string,
  receiver?: string,
): readonly LearnedRoute[] {
  const ref = topologyIndex(state.topology).connections.get(connection);
  if (!ref) return [];
  return learnedRoutes(state, ref.connection, receiver ?? ref.connection.between[0]);
}

/** The connections of a gateway (or site), in topology order. */
export function connectionsOf(state: NetworkState, endpoint: string): readonly Connection[] {
  return topologyIndex(state.topology).connectionsByEndpoint.get(endpoint) ?? [];
}

/**
 * What a cloud VPN gateway learned, per connection in topology order. Nothing while it is being
 * provisioned or is deleted (AZ-R17, AWS-R28); during a failover the routes stay (AZ-R19: the
 * standby instance takes them over; the data plane drops traffic until the failover completes).
 */
export function gatewayLearned(
  state: NetworkState,
  network: Network,
  gw: Gateway,
): readonly (readonly LearnedRoute[])[] {
  const path = `${network.name}/${gw.name}`;
  const phase = gatewayPhase(state, path);
  if (phase === 'deleted' || phase === 'provisioning') return [];
  return connectionsOf(state, path).map((c) => learnedRoutes(state, c, path));
}
