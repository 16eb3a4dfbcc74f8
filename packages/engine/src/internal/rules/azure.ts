/**
 * Azure rules (PROVIDERS.md 2.2, 2.4): UDR checks, and what a VPN gateway allows to change in
 * place (AZ-R17 vpnType, AZ-R18 SKU, AZ-R23 ASN).
 */
import { azureSkuChangeRefusal } from '@cloudroute/model';
import type { Gateway, Network, NetworkState, Route, RouteTable } from '@cloudroute/model';
import { parseAddress } from '../ip.js';
import type { Prefix } from '../ip.js';
import { peersOf } from '../lookup.js';
import { refuse } from '../outcome.js';
import type { NoteDraft, Refused } from '../outcome.js';

const AZ_HOPS = new Set(['VirtualAppliance', 'VirtualNetworkGateway', 'VnetLocal', 'Internet', 'None']);
/** AZ-R11: routes per route table. */
const MAX_ROUTES = 400;

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
  if (!AZ_HOPS.has(hop.type)) {
    return refuse(
      'invalid-next-hop',
      `${hop.type} is not an Azure next hop type — use VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet or None (AZ-R5)`,
    );
  }
  if (count > MAX_ROUTES) {
    return refuse(
      'AZ-R11',
      `route table ${table.name} would hold ${count} routes; Azure allows ${MAX_ROUTES}`,
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

/** AZ-R23: ASNs Azure or IANA reserve, which a gateway cannot take. */
export function reservedAzureAsn(asn: number): boolean {
  return (
    asn === 8074 ||
    asn === 8075 ||
    asn === 12076 ||
    (asn >= 65517 && asn <= 65520) ||
    asn === 23456 ||
    (asn >= 64496 && asn <= 64511) ||
    (asn >= 65535 && asn <= 65551) ||
    asn === 4294967295
  );
}

/** A change the provider makes only by deleting and recreating the gateway. */
export interface NeedsRecreate {
  readonly kind: 'recreate';
  readonly rule: string;
  readonly message: string;
}

/**
 * Checks a gateway update against AZ-R17/R18/R23. Returns a refusal, why a recreation is needed
 * (allowed only with `recreate: true`), or nothing (in place).
 */
export function azureGatewayUpdate(
  gw: Gateway,
  set: Readonly<Record<string, unknown>>,
): Refused | NeedsRecreate | undefined {
  let needs: NeedsRecreate | undefined;
  if ('vpnType' in set && set['vpnType'] !== (gw.vpnType ?? 'RouteBased')) {
    // AZ-R17: policy-based ↔ route-based is delete + create, new public IP.
    needs = {
      kind: 'recreate',
      rule: 'AZ-R17',
      message: `vpnType ${gw.vpnType ?? 'RouteBased'} → ${String(set['vpnType'])} cannot change in place`,
    };
  }
  if (typeof set['sku'] === 'string') {
    // AZ-R18: Basic, downgrades, cross-generation and legacy moves are a delete and create (or a migration).
    const refusal = azureSkuChangeRefusal(gw.sku, set['sku']);
    if (refusal) needs ??= { kind: 'recreate', rule: refusal.rule, message: refusal.message };
  }
  const sku = typeof set['sku'] === 'string' ? set['sku'] : gw.sku;
  const aa = typeof set['activeActive'] === 'boolean' ? set['activeActive'] : gw.activeActive;
  if (sku === 'Basic' && aa === true) return refuse('AZ-R18', 'a Basic gateway cannot be active-active');
  if (typeof set['asn'] === 'number' && reservedAzureAsn(set['asn'])) {
    return refuse(
      'AZ-R23',
      `ASN ${set['asn']} is reserved by Azure or IANA — use 64512–65514 or 65521–65534`,
    );
  }
  return needs;
}
