/**
 * The Azure VPN gateway (PROVIDERS.md 2.4): what it learns from its connections, the gateway
 * routes it adds to subnets (AZ-R4, AZ-R10), its own table `net/gw`, and what it advertises to
 * BGP peers (AZ-R22).
 */
import type { NetworkState } from '../state.js';
import type { ForwardingTable } from '../tables.js';
import type { Gateway, Network } from '../topology.js';
import { connectionsOf, gatewayLearned, learnedRoutes, type LearnedRoute } from '../bgp/learned.js';
import { draft, localDrafts, type Draft } from '../internal/candidate.js';
import { prefixContainsPrefix, prefixesOverlap, type Prefix } from '@cloudroute/lpm';
import { mustParsePrefix, prefixKey } from '../internal/ip.js';
import { Memo } from '../internal/memo.js';
import { gatewayPhase } from '../internal/status.js';
import { networkInfo } from '../internal/topology-index.js';
import { disregardInsideOwnSpace, gatewayTable, learnedDraft } from '../bgp/gateway-drafts.js';
import { transitSpokesOf } from './gateway-transit.js';

/** AZ-R11: one VPN gateway per VNet; the first `kind: vpn` gateway. */
export function vpnGatewayOf(network: Network): Gateway | undefined {
  return network.gateways.find((g) => g.kind === 'vpn');
}

export interface GatewayRoutes {
  readonly path: string;
  /** One per unique prefix: the one with the shortest AS path, then the first connection. */
  readonly routes: readonly LearnedRoute[];
}

const gatewayRoutesMemo = new Memo<Network, GatewayRoutes | undefined>();

/** AZ-R4: the routes source `VirtualNetworkGateway` that propagate to the VNet's subnets. */
export function azureGatewayRoutes(state: NetworkState, network: Network): GatewayRoutes | undefined {
  const gw = vpnGatewayOf(network);
  if (!gw) return undefined;
  const learned = gatewayLearned(state, network, gw);
  return gatewayRoutesMemo.get(network, [gw, ...learned], () => {
    const best = new Map<number | string, LearnedRoute>();
    for (const list of learned)
      for (const r of list) {
        const key = prefixKey(mustParsePrefix(r.prefix));
        const cur = best.get(key);
        if (!cur || r.asPath.length < cur.asPath.length) best.set(key, r);
      }
    return { path: `${network.name}/${gw.name}`, routes: [...best.values()] };
  });
}

/**
 * Equal-prefix order in the gateway's own table: the VNet's ranges first; then a connection's
 * static (local network gateway) prefixes [GUESS: no AS path, so shortest]; then the shorter AS
 * path (AZ-R22: prepending is honoured); then the connection name (deterministic).
 */
export function compareAzureGatewayRoutes(a: Draft, b: Draft): number {
  const r = (d: Draft): number => (d.source === 'local' ? 0 : d.source === 'static' ? 1 : 2);
  if (r(a) !== r(b)) return r(a) - r(b);
  const la = a.asPath?.length ?? 0;
  const lb = b.asPath?.length ?? 0;
  if (la !== lb) return la - lb;
  return (a.tie ?? '') < (b.tie ?? '') ? -1 : (a.tie ?? '') > (b.tie ?? '') ? 1 : 0;
}

const tableMemo = new Memo<Gateway, ForwardingTable>();

/** `net/gw`: the VNet's ranges (local) and each connection's learned routes. */
export function azureGatewayTable(state: NetworkState, network: Network, gw: Gateway): ForwardingTable {
  const path = `${network.name}/${gw.name}`;
  const learned = gatewayLearned(state, network, gw);
  const spokes = transitSpokesOf(state.topology, network);
  return tableMemo.get(gw, [network, ...spokes, ...learned], () => {
    const info = networkInfo(network);
    const drafts: Draft[] = localDrafts(network);
    // AZ-R34: the spokes that use this gateway are reached over their peerings, like the VNet itself.
    for (const spoke of spokes)
      for (const prefix of spoke.cidrs)
        drafts.push(
          draft({
            prefix,
            source: 'local',
            state: 'active',
            nextHopType: 'VNetPeering',
            action: { kind: 'peering', network: spoke.name },
          }),
        );
    for (const list of learned) for (const r of list) drafts.push(learnedDraft(r, true));
    const spokeRanges = spokes.flatMap((n) => networkInfo(n).cidrs);
    // AZ-R8 note / AZ-R22: a learned route inside the VNet's space never takes its traffic.
    const inVnet = (p: Prefix): boolean =>
      info.cidrIndex.containing(p) !== undefined || spokeRanges.some((r) => prefixContainsPrefix(r, p));
    disregardInsideOwnSpace(
      drafts,
      inVnet,
      'inside the virtual network: the VNet route is preferred',
      'AZ-R8',
    );
    return gatewayTable(path, 'azure', drafts, compareAzureGatewayRoutes, 'AZ-R22');
  });
}

/**
 * AZ-R22: what the gateway advertises to a BGP peer over `connection`: its VNet prefixes, then
 * what it learned over its other connections (BGP routes and local network gateway prefixes),
 * never 0.0.0.0/0 (nor ::/0) and never a prefix overlapping a VNet prefix. The AS path starts with
 * the gateway's ASN (added by the caller).
 */
export function azureAdvertised(
  state: NetworkState,
  network: Network,
  gw: Gateway,
  connection: string,
): readonly { readonly prefix: string; readonly asPath: readonly number[]; readonly med?: number }[] {
  const path = `${network.name}/${gw.name}`;
  // AZ-R35: the spokes that use this gateway are advertised as the VNet's own prefixes are.
  const spokes = transitSpokesOf(state.topology, network);
  const ranges: readonly Prefix[] = [network, ...spokes].flatMap((n) => networkInfo(n).cidrs);
  const out: { prefix: string; asPath: readonly number[] }[] = [network, ...spokes].flatMap((n) =>
    n.cidrs.map((prefix) => ({ prefix, asPath: [] })),
  );
  const seen = new Set<number | string>(ranges.map((r) => prefixKey(r)));
  const phase = gatewayPhase(state, path);
  if (phase === 'provisioning' || phase === 'deleted') return out;
  for (const c of connectionsOf(state, path)) {
    if (c.name === connection) continue;
    for (const r of learnedRoutes(state, c, path)) {
      const p = mustParsePrefix(r.prefix);
      if (p.length === 0) continue; // AZ-R22: never the default route
      if (ranges.some((v) => prefixesOverlap(v, p))) continue; // AZ-R22: nothing overlapping a VNet prefix
      const key = prefixKey(p);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ prefix: r.prefix, asPath: r.asPath });
    }
  }
  return out;
}
