/**
 * The provider's effective-routes view (DESIGN.md `routes` JSON) of one table at `state.time`.
 *
 * Targets: `net/subnet`; `net/host` (a GCP VM with tags gets its own table, GCP-R4; any other
 * host gets its subnet's table); `net/gw` (an OpenStack router, an AWS VGW, an Azure or GCP VPN
 * gateway); `net/tgw#rt`; `site:name`.
 *
 * An unknown target throws nothing: the view comes back with no routes and an `error` value
 * (code `unknown-target`, a message saying what to write, and the closest valid targets).
 *
 * Order (deterministic, close to each provider's own listing):
 * - Azure: source Default, then VirtualNetworkGateway, then User; Default routes by next hop
 *   (VnetLocal, VNetPeering, Internet, None); then by prefix.
 * - AWS: local routes first, then by prefix, static before propagated.
 * - GCP: SUBNET, PEERING_SUBNET, STATIC, DYNAMIC, PEERING_STATIC, PEERING_DYNAMIC,
 *   POLICY_BASED; then by prefix, then priority, then name.
 * - OpenStack: connected, host-route / extra, gateway; then by prefix.
 * - gateways, TGW tables and sites: by prefix, then source.
 * "By prefix" is address order: IPv4 before IPv6, lower network first, shorter first.
 */
import type { NetworkState } from './state.js';
import type { CandidateRoute, ForwardingTable } from './tables.js';
import type { Network } from './topology.js';
import { forwardingTables, gatewayTables, guestTable, subnetTable } from './forwarding-tables.js';
import { siteTable } from './onprem/site-table.js';
import { comparePrefixes, type Prefix } from '@cloudroute/lpm';
import { mustParsePrefix } from './internal/ip.js';
import { splitPath, topologyIndex } from './internal/topology-index.js';

/**
 * One row of the view, in the provider's vocabulary: a candidate route's fields but whether it is
 * selected and what it does (extra fields: see {@link CandidateRoute}).
 */
export interface RouteRow extends Omit<CandidateRoute, 'selected' | 'action' | 'ecmp'> {
  readonly [extra: string]: unknown;
}

/** DESIGN.md `routes` JSON shape. */
export interface RoutesView {
  readonly subnet: string;
  readonly at: number;
  readonly routes: readonly RouteRow[];
  /** Present when the target names no table; `routes` is then empty. */
  readonly error?: RoutesTargetError;
}

/** An unknown `--subnet` / `--host` / `--router` target, as a value. */
export interface RoutesTargetError {
  readonly code: 'unknown-target';
  readonly message: string;
  /** Valid targets closest to the one given (did you mean …). */
  readonly suggestions: readonly string[];
}

/**
 * One forwarding table by id (`net/subnet`, `net/host`, `net/gw`, `net/tgw#rt`, `site:name`),
 * built alone (same memoised objects as {@link forwardingTables}); undefined when unknown. A host
 * without a table of its own (any host but a tagged GCP VM) gives its subnet's table.
 */
export function forwardingTable(state: NetworkState, target: string): ForwardingTable | undefined {
  const index = topologyIndex(state.topology);
  if (target.startsWith('site:')) {
    const site = index.sites.get(target.slice(5))?.site;
    return site ? siteTable(state, site) : undefined;
  }
  const hash = target.indexOf('#');
  if (hash > 0) {
    const gw = index.gateways.get(target.slice(0, hash));
    return gw ? gatewayTables(state, gw.network, gw.gateway).find((t) => t.id === target) : undefined;
  }
  const parts = splitPath(target);
  if (!parts) return undefined;
  const network: Network | undefined = index.networks.get(parts[0])?.network;
  if (!network) return undefined;
  const subnet = network.subnets.find((s) => s.name === parts[1]);
  if (subnet) return subnetTable(state, network, subnet);
  const host = network.hosts.find((h) => h.name === parts[1]);
  if (host) {
    const own = guestTable(state, network, host);
    if (own) return own;
    const sub = network.subnets.find((s) => s.name === (host.subnet ?? host.ports?.[0]?.subnet));
    return sub ? subnetTable(state, network, sub) : undefined;
  }
  const gw = network.gateways.find((g) => g.name === parts[1]);
  return gw ? gatewayTables(state, network, gw).find((t) => t.id === target) : undefined;
}

/** Every target `effectiveRoutes` accepts in this state, in table order. */
export function routesTargets(state: NetworkState): readonly string[] {
  const out = forwardingTables(state).map((t) => t.id);
  for (const n of state.topology.networks) for (const h of n.hosts) out.push(`${n.name}/${h.name}`);
  return [...new Set(out)];
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

const AZURE_SOURCE = ['Default', 'VirtualNetworkGateway', 'User'];
const AZURE_SYSTEM_HOP = ['VnetLocal', 'VNetPeering', 'Internet', 'None'];
const AWS_SOURCE = ['local', 'static', 'propagated'];
const GCP_SOURCE = [
  'SUBNET',
  'PEERING_SUBNET',
  'STATIC',
  'DYNAMIC',
  'PEERING_STATIC',
  'PEERING_DYNAMIC',
  'POLICY_BASED',
];
const OS_SOURCE = ['connected', 'host-route', 'extra', 'gateway'];
const OTHER_SOURCE = ['local', 'connected', 'static', 'bgp', 'propagated'];

function cmpText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rankOf(list: readonly string[], v: string): number {
  const i = list.indexOf(v);
  return i < 0 ? list.length : i;
}

interface Keyed {
  readonly r: CandidateRoute;
  readonly p: Prefix;
}

/** The view's order for a table (see the module comment). */
function viewOrder(table: ForwardingTable): (x: Keyed, y: Keyed) => number {
  const cmp = rowOrder(table);
  return (x, y) => cmp(x.r, y.r, comparePrefixes(x.p, y.p));
}

function rowOrder(
  table: ForwardingTable,
): (a: CandidateRoute, b: CandidateRoute, prefixOrder: number) => number {
  const byPrefix = (_a: CandidateRoute, _b: CandidateRoute, prefixOrder: number): number => prefixOrder;
  if (table.kind === 'subnet' || table.kind === 'guest' || table.kind === 'router')
    switch (table.provider) {
      case 'azure':
        return (a, b, o) =>
          rankOf(AZURE_SOURCE, a.source) - rankOf(AZURE_SOURCE, b.source) ||
          (a.source === 'Default'
            ? rankOf(AZURE_SYSTEM_HOP, a.nextHopType) - rankOf(AZURE_SYSTEM_HOP, b.nextHopType)
            : 0) ||
          byPrefix(a, b, o);
      case 'aws':
        return (a, b, o) =>
          (a.source === 'local' ? 0 : 1) - (b.source === 'local' ? 0 : 1) ||
          byPrefix(a, b, o) ||
          rankOf(AWS_SOURCE, a.source) - rankOf(AWS_SOURCE, b.source);
      case 'gcp':
        return (a, b, o) =>
          rankOf(GCP_SOURCE, a.source) - rankOf(GCP_SOURCE, b.source) ||
          byPrefix(a, b, o) ||
          (a.priority ?? 0) - (b.priority ?? 0) ||
          cmpText(a.name ?? '', b.name ?? '');
      case 'openstack':
      case 'onprem':
        return (a, b, o) => rankOf(OS_SOURCE, a.source) - rankOf(OS_SOURCE, b.source) || byPrefix(a, b, o);
    }
  return (a, b, o) => byPrefix(a, b, o) || rankOf(OTHER_SOURCE, a.source) - rankOf(OTHER_SOURCE, b.source);
}

function toRow(r: CandidateRoute): RouteRow {
  const row: Record<string, unknown> = {
    prefix: r.prefix,
    source: r.source,
    state: r.state,
    nextHopType: r.nextHopType,
  };
  if (r.nextHopIp !== undefined) row['nextHopIp'] = r.nextHopIp;
  if (r.name !== undefined) row['name'] = r.name;
  if (r.priority !== undefined) row['priority'] = r.priority;
  if (r.tags !== undefined) row['tags'] = r.tags;
  if (r.region !== undefined) row['region'] = r.region;
  if (r.asPath !== undefined) row['asPath'] = r.asPath;
  if (r.med !== undefined) row['med'] = r.med;
  if (r.reason !== undefined) row['reason'] = r.reason;
  if (r.rule !== undefined) row['rule'] = r.rule;
  return row as RouteRow;
}

/**
 * The effective routes of `target` at `state.time`, in the provider's vocabulary and order (see
 * the module comment). Never throws for an unknown target: returns `error` instead.
 */
export function effectiveRoutes(state: NetworkState, target: string): RoutesView {
  const table = forwardingTable(state, target);
  if (!table) {
    const suggestions = routesTargets(state)
      .map((t) => ({ t, d: editDistance(t.toLowerCase(), target.toLowerCase()) }))
      .sort((a, b) => a.d - b.d || (a.t < b.t ? -1 : 1))
      .slice(0, 3)
      .map((x) => x.t);
    return {
      subnet: target,
      at: state.time,
      routes: [],
      error: {
        code: 'unknown-target',
        message: `no subnet, host, gateway or site table named '${target}' — write net/subnet, net/host, net/router or site:name${suggestions.length > 0 ? ` (did you mean ${suggestions.join(', ')}?)` : ''}`,
        suggestions,
      },
    };
  }
  const keyed: Keyed[] = table.routes.map((r) => ({ r, p: mustParsePrefix(r.prefix) }));
  const routes = keyed.sort(viewOrder(table)).map((k) => toRow(k.r));
  return { subnet: target, at: state.time, routes };
}
