/**
 * Helpers for the data plane and the CLI: which host holds an address, which subnet contains
 * it, the provider's reserved addresses (internal/reserved-addresses.ts), gateways' BGP peer
 * addresses and tables. Pure and not
 * on the hot path (the data plane calls them when it compiles, not per packet).
 */
import type { NetworkState } from './state.js';
import type { Gateway, Host, Network, Port, Provider, Subnet, Topology } from './topology.js';
import { addressAt, formatAddress } from '@cloudroute/lpm';
import { parsePrefix } from './internal/ip.js';
import { canonicalIp, networkInfo, topologyIndex, type HostRef } from './internal/topology-index.js';

/** A host (and, on OpenStack, the port) holding an address. */
export interface HostMatch {
  /** The network that declares the host. */
  readonly network: string;
  readonly host: Host;
  /** `net/host`. */
  readonly path: string;
  readonly port?: Port;
  /** The network and subnet the address lives on (an OpenStack port may join another network). */
  readonly subnetNetwork: string;
  readonly subnet: string;
}

function topologyOf(x: NetworkState | Topology): Topology {
  return 'topology' in x ? x.topology : x;
}

function toMatch(r: HostRef): HostMatch {
  const base = { network: r.network, host: r.host, path: `${r.network}/${r.host.name}` };
  const where = { subnetNetwork: r.subnetNetwork, subnet: r.subnet };
  return r.port ? { ...base, port: r.port, ...where } : { ...base, ...where };
}

/**
 * The host holding `ip`. `networks` restricts the search to addresses living on those networks
 * (private address spaces repeat across VPCs and VNets); without it the first host in topology
 * order wins.
 */
export function findHostByIp(
  stateOrTopology: NetworkState | Topology,
  ip: string,
  networks?: readonly string[],
): HostMatch | undefined {
  const refs = topologyIndex(topologyOf(stateOrTopology)).hostsByIp.get(canonicalIp(ip));
  if (!refs) return undefined;
  const ref = networks ? refs.find((r) => networks.includes(r.subnetNetwork)) : refs[0];
  return ref ? toMatch(ref) : undefined;
}

/** The subnet of `network` whose range (primary or secondary) contains `ip`. */
export function subnetOf(topology: Topology, network: string, ip: string): Subnet | undefined {
  const net = topologyIndex(topology).networks.get(network)?.network;
  return net ? networkInfo(net).subnetIndex.lookupText(ip)?.subnet : undefined;
}

/** The provider's router / default gateway address of a subnet: base+1 (AWS-R18, AZ-R12, GCP); OpenStack `gatewayIp` (OS-R2). */
export function subnetGatewayIp(provider: Provider, subnet: Subnet): string | undefined {
  if (provider === 'openstack' && subnet.gatewayIp !== undefined) return subnet.gatewayIp ?? undefined;
  const p = parsePrefix(subnet.cidr, { allowHost: true });
  return p ? formatAddress(addressAt(p, 1)) : undefined;
}

/**
 * A gateway's own BGP peer addresses. Written `bgpPeerIps` win. Azure default (AZ-R21): one
 * address from GatewaySubnet, two for active-active; cloudroute takes GatewaySubnet base+4
 * (and base+5), the first addresses after the reserved ones. AWS and GCP peer from tunnel
 * inside addresses (link-local), which the topology does not model: empty (the route to them is
 * implied by the tunnel).
 */
export function gatewayBgpPeerIps(topology: Topology, gatewayPath: string): readonly string[] {
  const ref = topologyIndex(topology).gateways.get(gatewayPath);
  if (!ref) return [];
  if (ref.gateway.bgpPeerIps && ref.gateway.bgpPeerIps.length > 0) return ref.gateway.bgpPeerIps;
  if (ref.network.provider !== 'azure' || ref.gateway.kind !== 'vpn') return [];
  const gws = gatewaySubnet(ref.network);
  const p = gws ? parsePrefix(gws.cidr, { allowHost: true }) : undefined;
  if (!p) return [];
  const at = (offset: number): string => formatAddress(addressAt(p, offset));
  return ref.gateway.activeActive ? [at(4), at(5)] : [at(4)];
}

/** AZ-R16: the subnet named exactly `GatewaySubnet`. */
export function gatewaySubnet(network: Network): Subnet | undefined {
  return network.subnets.find((s) => s.name === 'GatewaySubnet');
}

/**
 * The forwarding table that handles packets arriving at a gateway from `from` (a connection
 * name, or a network name for a TGW VPC attachment). AWS-R29: a TGW looks packets up in the
 * table associated with the ingress attachment; every other gateway has one table, `net/gw`.
 * Undefined when the gateway or the attachment is unknown or not associated.
 */
export function gatewayIngressTable(
  topology: Topology,
  gatewayPath: string,
  from: string,
): string | undefined {
  const ref = topologyIndex(topology).gateways.get(gatewayPath);
  if (!ref) return undefined;
  if (ref.gateway.kind !== 'tgw') return gatewayPath;
  const att = (ref.gateway.attachments ?? []).find(
    (a) => a.connection === from || a.network === from || a.name === from,
  );
  return att?.routeTable !== undefined ? `${gatewayPath}#${att.routeTable}` : undefined;
}

/** Default number of tunnels of a connection (AWS-R23: exactly 2; Azure: 2 when active-active; GCP HA VPN 2 (GCP-R21)). */
export function tunnelCount(topology: Topology, connection: string): number {
  const index = topologyIndex(topology);
  const conn = index.connections.get(connection)?.connection;
  if (!conn) return 0;
  if (conn.tunnels !== undefined) return Math.max(1, Math.floor(conn.tunnels));
  // Gateway-to-gateway: as many tunnels as the side with more instances needs.
  let n = 1;
  for (const end of conn.between) {
    const gw = index.gateways.get(end);
    if (gw) n = Math.max(n, defaultTunnels(gw.network.provider, gw.gateway));
  }
  return n;
}

/** Default tunnels of a connection on this gateway. */
function defaultTunnels(provider: Network['provider'], gw: Gateway): number {
  switch (provider) {
    case 'aws':
      return 2; // AWS-R23: exactly two tunnels per VPN connection
    case 'azure':
      return gw.activeActive ? 2 : 1; // AZ-R20: one tunnel per instance when active-active
    case 'gcp':
      return gw.kind === 'haVpn' ? 2 : 1; // GCP-R21: one per HA VPN interface
    case 'openstack':
      return 1;
  }
}
