/**
 * The effective routes of an Azure subnet (PROVIDERS.md 2.1–2.2): system routes, peering
 * routes, gateway routes, the associated route table's UDRs, then AZ-R8 selection.
 */
import type { NetworkState } from '../state.js';
import type { ForwardingTable, RouteAction } from '../tables.js';
import { opaqueAction } from '../opaque.js';
import type { Network, NextHop, RouteTable, Subnet } from '../topology.js';
import { findHostByIp } from '../lookup.js';
import { draft, type Draft } from '../internal/candidate.js';
import { Memo, routeTableKey } from '../internal/memo.js';
import type { Prefix } from '@cloudroute/lpm';
import { PrefixIndex } from '../internal/prefix-index.js';
import { gatewayPhase } from '../internal/status.js';
import { isAzureNextHop } from '../internal/next-hops.js';
import { networkInfo } from '../internal/topology-index.js';
import { selectAzureRoutes } from './route-selection.js';
import { azureDefaultRoutes, azurePeeringRoutes, azurePeers } from './system-routes.js';
import { azureGatewayRoutes, vpnGatewayOf, type GatewayRoutes } from './vpn-gateway.js';
import { transitHubOf } from './gateway-transit.js';

/** AZ-R5: a subnet has 0 or 1 route table. */
export function azureRouteTableOf(network: Network, subnet: Subnet): RouteTable | undefined {
  return typeof subnet.routeTable === 'string'
    ? network.routeTables.find((t) => t.name === subnet.routeTable)
    : undefined;
}

/** AZ-R10: gateway routes propagate unless the table disables it (default: propagate). */
export function azurePropagates(table: RouteTable | undefined): boolean {
  return table?.propagateGatewayRoutes !== false;
}

/** AZ-R2 ("Routing example"): the table has a UDR 0.0.0.0/0 → VirtualAppliance. */
function hasDefaultToAppliance(table: RouteTable | undefined): boolean {
  return (table?.routes ?? []).some((r) => r.prefix === '0.0.0.0/0' && r.nextHop.type === 'VirtualAppliance');
}

interface UdrTarget {
  readonly nextHopType: string;
  readonly action: RouteAction;
  readonly nextHopIp?: string;
}

/** AZ-R5 next hops of a UDR. */
export function azureUdrTarget(
  state: NetworkState,
  network: Network,
  hop: NextHop,
  peers: readonly Network[],
): UdrTarget {
  // Not an Azure next hop (validation refuses it, AZ-R5): nothing is forwarded.
  if (!isAzureNextHop(hop)) return { nextHopType: hop.type, action: { kind: 'drop', reason: 'no-route' } };
  switch (hop.type) {
    case 'VirtualAppliance': {
      // AZ-R6: the next hop should be a NIC's private IP in the VNet or a peered VNet. When it is
      // not, the route stays Active and the data plane drops at it (next-hop-not-forwarding).
      const host = findHostByIp(state, hop.ip, [network.name, ...peers.map((p) => p.name)]);
      return {
        nextHopType: 'VirtualAppliance',
        nextHopIp: hop.ip,
        action: host ? { kind: 'appliance', ip: hop.ip, host: host.path } : { kind: 'appliance', ip: hop.ip },
      };
    }
    case 'VirtualNetworkGateway': {
      // AZ-R34: a spoke's gateway is the hub's.
      const owner = vpnGatewayOf(network) ? network : (transitHubOf(state.topology, network)?.hub ?? network);
      const gw = vpnGatewayOf(owner);
      const path = gw ? `${owner.name}/${gw.name}` : undefined;
      return {
        nextHopType: 'VirtualNetworkGateway',
        action:
          path !== undefined && gatewayPhase(state, path) !== 'deleted'
            ? { kind: 'gateway', gateway: path }
            : { kind: 'drop', reason: 'gateway-not-ready' },
      };
    }
    case 'VnetLocal':
      return { nextHopType: 'VnetLocal', action: { kind: 'local', network: network.name } };
    case 'Internet':
      return { nextHopType: 'Internet', action: { kind: 'internet' } };
    case 'None':
      return { nextHopType: 'None', action: { kind: 'drop', reason: 'none-route' } };
    case 'opaque':
      // Imported, not modelled (opaque.ts): kept and selected; the packet's verdict is `unknown`.
      return { nextHopType: 'opaque', action: opaqueAction(hop) };
  }
}

/** AZ-R35: the gateway routes of the hub whose gateway `network` uses (gateway transit), if any. */
function transitGatewayRoutes(state: NetworkState, network: Network): GatewayRoutes | undefined {
  const hub = transitHubOf(state.topology, network);
  return hub ? azureGatewayRoutes(state, hub.hub) : undefined;
}

const memo = new Memo<Subnet, ForwardingTable>();
/** The routes of the subnets of one network that share a route table (or have none): one array for all. */
const routesMemo = new Memo<object, ForwardingTable['routes']>();
const rangesMemo = new Memo<Network, PrefixIndex<Prefix>>();

export function azureSubnetTable(
  state: NetworkState,
  network: Network,
  subnet: Subnet,
  envDeps: readonly unknown[],
): ForwardingTable {
  const table = azureRouteTableOf(network, subnet);
  // AZ-R35: a spoke's subnets carry its hub gateway's routes (AZ-R37: none while it is absent).
  const gatewayRoutes = azurePropagates(table)
    ? (azureGatewayRoutes(state, network) ?? transitGatewayRoutes(state, network))
    : undefined;
  // Everything below depends on the network and its route table, not on the subnet itself.
  const routes = routesMemo.get(routeTableKey(network, table), [gatewayRoutes, ...envDeps], () => {
    const peers = azurePeers(state, network);
    const drafts: Draft[] = [
      ...azureDefaultRoutes(network, hasDefaultToAppliance(table)),
      ...azurePeeringRoutes(state, network),
    ];
    // AZ-R4 / AZ-R10: gateway routes (BGP-learned and local network gateway prefixes).
    for (const r of gatewayRoutes?.routes ?? [])
      drafts.push(
        draft({
          prefix: r.prefix,
          source: 'VirtualNetworkGateway',
          state: 'Active',
          nextHopType: 'VirtualNetworkGateway',
          action: { kind: 'gateway', gateway: gatewayRoutes!.path },
          asPath: r.origin === 'bgp' ? r.asPath : undefined,
        }),
      );
    for (const route of table?.routes ?? []) {
      const t = azureUdrTarget(state, network, route.nextHop, peers);
      drafts.push(
        draft({
          prefix: route.prefix,
          source: 'User',
          state: 'Active',
          nextHopType: t.nextHopType,
          nextHopIp: t.nextHopIp,
          name: route.name,
          action: t.action,
        }),
      );
    }
    const ranges = rangesMemo.get(network, peers, () => {
      const idx = new PrefixIndex<Prefix>();
      for (const n of [network, ...peers]) for (const c of networkInfo(n).cidrs) idx.add(c, c);
      return idx;
    });
    return selectAzureRoutes(drafts, ranges);
  });
  return memo.get(subnet, [network, routes], () => ({
    id: `${network.name}/${subnet.name}`,
    kind: 'subnet',
    provider: 'azure',
    routes,
  }));
}
