/**
 * Azure user-defined route checks (PROVIDERS.md 2.2): what the API refuses when a route is created
 * or replaced (AZ-R5 next hop types, AZ-R11 routes per table), and what it accepts but will not
 * honour (AZ-R5, AZ-R6, AZ-R10 warnings). Pure functions over the network state; the engine turns
 * refusals into `rejected` entries and warnings into notes.
 */
import type { Prefix } from '@cloudroute/lpm';
import type { NetworkState } from '../state.js';
import type { Network, Route, RouteTable } from '../topology.js';
import { peeredNetworks, type ChangeRefusal } from '../change-refusal.js';
import { parseLooseAddress } from '../loose-prefix.js';

/** AZ-R11: routes per route table. */
export const AZURE_ROUTES_PER_TABLE = 400;

/** AZ-R5: the next hop types of a user-defined route. */
export const AZURE_NEXT_HOP_TYPES: ReadonlySet<string> = new Set([
  'VirtualAppliance',
  'VirtualNetworkGateway',
  'VnetLocal',
  'Internet',
  'None',
]);

/** AZ-R10: is the route table `table` associated with the network's GatewaySubnet? */
export function azureOnGatewaySubnet(network: Network, table: string): boolean {
  return network.subnets.some((s) => s.name === 'GatewaySubnet' && s.routeTable === table);
}

/**
 * Why Azure refuses `route` in `table`, or undefined. `count` is the number of routes the table
 * will hold (AZ-R11).
 */
export function azureRouteRefusal(table: RouteTable, route: Route, count: number): ChangeRefusal | undefined {
  const hop = route.nextHop;
  if (!AZURE_NEXT_HOP_TYPES.has(hop.type)) {
    return {
      rule: 'invalid-next-hop',
      message: `${hop.type} is not an Azure next hop type — use VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet or None (AZ-R5)`,
    };
  }
  if (count > AZURE_ROUTES_PER_TABLE) {
    return {
      rule: 'AZ-R11',
      message: `route table ${table.name} would hold ${count} routes; Azure allows ${AZURE_ROUTES_PER_TABLE}`,
    };
  }
  if (hop.type === 'VirtualAppliance' && !parseLooseAddress(hop.ip))
    return { rule: 'invalid-value', message: `${hop.ip} is not an IP address` };
  return undefined;
}

function nicIps(network: Network): Set<string> {
  const ips = new Set<string>();
  for (const h of network.hosts) {
    if (h.ip !== undefined) ips.add(h.ip);
    for (const p of h.ports ?? []) ips.add(p.ip);
  }
  return ips;
}

/**
 * What Azure accepts in `route` but will not honour (warnings, in order): AZ-R6 an appliance
 * address no NIC of the VNet or its peers has, AZ-R5 no (route-based) VPN gateway behind a
 * VirtualNetworkGateway route, AZ-R10 a default route on GatewaySubnet's table. `p` is the
 * route's destination; call after {@link azureRouteRefusal} found nothing.
 */
export function azureRouteWarnings(
  state: NetworkState,
  network: Network,
  table: RouteTable,
  route: Route,
  p: Prefix,
): ChangeRefusal[] {
  const hop = route.nextHop;
  const out: ChangeRefusal[] = [];
  if (hop.type === 'VirtualAppliance') {
    // AZ-R6: accepted, but only a NIC's private IP (in the VNet or a peer) forwards.
    const nets = [network.name, ...peeredNetworks(state.topology, network.name)];
    const known = state.topology.networks.some((n) => nets.includes(n.name) && nicIps(n).has(hop.ip));
    if (!known) {
      out.push({
        rule: 'AZ-R6',
        message: `${hop.ip} is no NIC's address in ${network.name} or its peers: the route stays Active and its traffic is dropped`,
      });
    }
  }
  if (hop.type === 'VirtualNetworkGateway') {
    const vng = network.gateways.find(
      (g) => g.kind === 'vpn' && state.gateways[`${network.name}/${g.name}`]?.phase !== 'deleted',
    );
    if (!vng) {
      out.push({
        rule: 'AZ-R5',
        message: `${network.name} has no VPN gateway: the VirtualNetworkGateway route has nowhere to go`,
      });
    } else if (p.length === 0 && vng.vpnType === 'PolicyBased') {
      out.push({
        rule: 'AZ-R5',
        message: `0.0.0.0/0 to the virtual network gateway needs a route-based gateway; ${vng.name} is policy-based`,
      });
    }
  }
  if (p.length === 0 && azureOnGatewaySubnet(network, table.name)) {
    out.push({
      rule: 'AZ-R10',
      message: `a 0.0.0.0/0 route on GatewaySubnet's table ${table.name} is not supported and breaks the gateway`,
    });
  }
  return out;
}
