/**
 * Azure service tags as address sets (AZ-R30, AZ-R31), for NSG rules (`azure/filters.ts`), the
 * data plane and the reference simulator:
 *
 * - `VirtualNetwork`, seen from a subnet: the VNet's address space ∪ the peered VNets' spaces ∪
 *   the host's virtual IP 168.63.129.16 ∪, with profile `azure.virtualNetworkTagIncludesRoutes`
 *   (default true), the prefixes of the subnet's routes that are not system routes: the UDRs of
 *   its route table, and the gateway routes it receives (what the VNet's gateway, or under gateway
 *   transit the hub's, AZ-R35, learned from or has configured for its connections: BGP routes, a
 *   learned `0.0.0.0/0` included, local network gateway prefixes, VNet-to-VNet spaces), unless its
 *   table disables gateway route propagation (AZ-R10). So the tag follows the subnet's effective
 *   routes at time t, as the field report of AZ-R30 observed. Without a subnet: a subnet with no
 *   route table.
 * - `AzureLoadBalancer`: 168.63.129.16/32.
 * - `Internet`: the public unicast IPv4 space (DESIGN's `internet` draws: outside RFC 1918,
 *   RFC 6598, 0/8, 127/8, 169.254/16, 224/3) minus the own and peered VNets' spaces ([GUESS] it does
 *   not shrink when `VirtualNetwork` grows by routes). Declared service tags lie inside it
 *   (invariant 51) whenever their prefixes are public.
 * - `AzureCloud`: its own `serviceTags` prefixes, if listed, ∪ every declared tag.
 * - any other name: the scenario's `serviceTags` (exact key, else case-insensitive); unknown: empty
 *   (validation refuses it, AZ-R26). `*` (or `Any`): every address (`null`).
 */
import type { NetworkState } from '../state.js';
import type { Network, Subnet } from '../topology.js';
import { prefixRange, rangesOf, subtract, union, type AddressRanges } from '../filters/address-ranges.js';
import { Memo } from '../internal/memo.js';
import { azurePropagates, azureRouteTableOf } from './subnet-table.js';
import { azurePeers } from './system-routes.js';
import { azureGatewayRoutes } from './vpn-gateway.js';
import { transitHubOf } from './gateway-transit.js';

/** AZ-R30: the host's virtual IP, the `AzureLoadBalancer` tag (and part of `VirtualNetwork`). */
export const AZURE_HOST_VIP = '168.63.129.16';

/** DESIGN "Flows": what is not public unicast IPv4. */
const NOT_PUBLIC = rangesOf([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
]);
const PUBLIC_UNICAST = subtract([0, 0xffffffff], NOT_PUBLIC);
const HOST_VIP = rangesOf([AZURE_HOST_VIP]);

/** The built-in tags (case-insensitive, as Azure reads them). */
type BuiltInTag = 'VirtualNetwork' | 'AzureLoadBalancer' | 'Internet' | 'AzureCloud';
const BUILT_IN = new Map<string, BuiltInTag>([
  ['virtualnetwork', 'VirtualNetwork'],
  ['azureloadbalancer', 'AzureLoadBalancer'],
  ['internet', 'Internet'],
  ['azurecloud', 'AzureCloud'],
]);

const vnetMemo = new Memo<object, AddressRanges>();
const internetMemo = new Memo<Network, AddressRanges>();
const cloudMemo = new WeakMap<object, AddressRanges>();

/** The own and peered VNets' address spaces. */
function vnetSpaces(state: NetworkState, network: Network): AddressRanges {
  return rangesOf([network, ...azurePeers(state, network)].flatMap((n) => n.cidrs));
}

/** AZ-R30: `VirtualNetwork` seen from `subnet` of `network` (see the module comment). */
export function azureVirtualNetworkRanges(
  state: NetworkState,
  network: Network,
  subnet: Subnet | undefined,
): AddressRanges {
  const withRoutes = state.profile.azure.virtualNetworkTagIncludesRoutes;
  const own = subnet ? azureRouteTableOf(network, subnet) : undefined;
  // AZ-R10: a table that disables propagation keeps the gateway's routes out of the subnet.
  const gateway = withRoutes && azurePropagates(own) ? gatewayRoutesSeen(state, network) : undefined;
  const table = withRoutes ? own : undefined;
  const peers = azurePeers(state, network);
  return vnetMemo.get(subnet ?? network, [network, gateway, table, ...peers], () =>
    union(
      vnetSpaces(state, network),
      rangesOf((gateway?.routes ?? []).map((r) => r.prefix)),
      rangesOf((table?.routes ?? []).map((r) => r.prefix)),
      HOST_VIP,
    ),
  );
}

/** The gateway routes a VNet's `VirtualNetwork` tag holds: its own gateway's, else (AZ-R35) its transit hub's. */
function gatewayRoutesSeen(state: NetworkState, network: Network): ReturnType<typeof azureGatewayRoutes> {
  const own = azureGatewayRoutes(state, network);
  if (own) return own;
  const hub = transitHubOf(state.topology, network)?.hub;
  return hub ? azureGatewayRoutes(state, hub) : undefined;
}

/** What an Azure network's tags depend on besides the topology (`registerFilterCompiler` deps): the gateway routes now. */
export function azureServiceTagDeps(state: NetworkState, network: Network): readonly unknown[] {
  return [gatewayRoutesSeen(state, network)];
}

/** AZ-R30: `Internet`: public unicast IPv4 outside the own and peered VNets. */
export function azureInternetRanges(state: NetworkState, network: Network): AddressRanges {
  return internetMemo.get(network, azurePeers(state, network), () =>
    subtract(PUBLIC_UNICAST, vnetSpaces(state, network)),
  );
}

/** AZ-R30: `AzureCloud`: its own listed prefixes ∪ every declared service tag. */
export function azureCloudRanges(state: NetworkState): AddressRanges {
  const tags = state.topology.serviceTags ?? {};
  let r = cloudMemo.get(tags);
  if (!r) cloudMemo.set(tags, (r = rangesOf(Object.values(tags).flat())));
  return r;
}

/**
 * The addresses of an NSG address element seen from `subnet` of `network` (AZ-R26, AZ-R30): a
 * service tag, a CIDR or an address; `null` for `*` (any). IPv6 text and unknown tags: empty.
 */
export function azureServiceTagRanges(
  state: NetworkState,
  network: Network,
  subnet: Subnet | undefined,
  tag: string,
): AddressRanges | null {
  if (tag === '*' || tag.toLowerCase() === 'any') return null;
  // Addresses start with a digit (IPv4) or hold a colon (IPv6, never matched); tags never do.
  const c = tag.charCodeAt(0);
  if ((c >= 48 && c <= 57) || tag.includes(':')) {
    const r = prefixRange(tag);
    return r ? [r[0], r[1]] : [];
  }
  switch (BUILT_IN.get(tag.toLowerCase())) {
    case 'VirtualNetwork':
      return azureVirtualNetworkRanges(state, network, subnet);
    case 'AzureLoadBalancer':
      return HOST_VIP;
    case 'Internet':
      return azureInternetRanges(state, network);
    case 'AzureCloud':
      return azureCloudRanges(state);
    case undefined: {
      const tags = state.topology.serviceTags ?? {};
      let prefixes = tags[tag];
      if (prefixes === undefined) {
        const lower = tag.toLowerCase();
        prefixes = Object.entries(tags).find(([k]) => k.toLowerCase() === lower)?.[1];
      }
      return rangesOf(prefixes ?? []);
    }
  }
}
