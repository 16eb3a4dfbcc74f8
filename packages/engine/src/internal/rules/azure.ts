/** Azure rules (PROVIDERS.md 2.2): UDR checks. */
import { AZURE_NEXT_HOP_TYPES, AZURE_ROUTES_PER_TABLE } from '@cloudroute/model';
import type { Network, NetworkState, Route, RouteTable } from '@cloudroute/model';
import { parseAddress } from '../ip.js';
import type { Prefix } from '../ip.js';
import { peersOf } from '../lookup.js';
import { refuse } from '../outcome.js';
import type { NoteDraft, Refused } from '../outcome.js';

function nicIps(network: Network): Set<string> {
  const ips = new Set<string>();
  for (const h of network.hosts) {
    if (h.ip !== undefined) ips.add(h.ip);
    for (const p of h.ports ?? []) ips.add(p.ip);
  }
  return ips;
}

/** Is the table associated with the network's GatewaySubnet? */
export function onGatewaySubnet(network: Network, table: string): boolean {
  return network.subnets.some((s) => s.name === 'GatewaySubnet' && s.routeTable === table);
}

/** UDR validation; `count` is the number of routes the table will hold. */
export function checkAzureRoute(
  state: NetworkState,
  network: Network,
  table: RouteTable,
  route: Route,
  p: Prefix,
  count: number,
): Refused | NoteDraft[] {
  const hop = route.nextHop;
  if (!AZURE_NEXT_HOP_TYPES.has(hop.type)) {
    return refuse(
      'invalid-next-hop',
      `${hop.type} is not an Azure next hop type — use VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet or None (AZ-R5)`,
    );
  }
  if (count > AZURE_ROUTES_PER_TABLE) {
    return refuse(
      'AZ-R11',
      `route table ${table.name} would hold ${count} routes; Azure allows ${AZURE_ROUTES_PER_TABLE}`,
    );
  }
  const notes: NoteDraft[] = [];
  if (hop.type === 'VirtualAppliance') {
    if (!parseAddress(hop.ip)) return refuse('invalid-value', `${hop.ip} is not an IP address`);
    // AZ-R6: accepted, but only a NIC's private IP (in the VNet or a peer) forwards.
    const nets = [network.name, ...peersOf(state.topology, network.name)];
    const known = state.topology.networks.some((n) => nets.includes(n.name) && nicIps(n).has(hop.ip));
    if (!known) {
      notes.push({
        severity: 'warning',
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
      notes.push({
        severity: 'warning',
        rule: 'AZ-R5',
        message: `${network.name} has no VPN gateway: the VirtualNetworkGateway route has nowhere to go`,
      });
    } else if (p.len === 0 && vng.vpnType === 'PolicyBased') {
      notes.push({
        severity: 'warning',
        rule: 'AZ-R5',
        message: `0.0.0.0/0 to the virtual network gateway needs a route-based gateway; ${vng.name} is policy-based`,
      });
    }
  }
  if (p.len === 0 && onGatewaySubnet(network, table.name)) {
    notes.push({
      severity: 'warning',
      rule: 'AZ-R10',
      message: `a 0.0.0.0/0 route on GatewaySubnet's table ${table.name} is not supported and breaks the gateway`,
    });
  }
  return notes;
}
