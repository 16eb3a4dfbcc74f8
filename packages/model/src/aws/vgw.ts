/**
 * The virtual private gateway (PROVIDERS.md 1.5): what it learns from its VPN connections, what
 * it propagates into VPC route tables (AWS-R14, AWS-R27), and its own table `net/vgw`, used for
 * traffic between the VPC and the tunnels (AWS-R25).
 */
import type { NetworkState } from '../state.js';
import type { ForwardingTable } from '../tables.js';
import type { Gateway, Network } from '../topology.js';
import { connectionsOf, gatewayLearned } from '../bgp/learned.js';
import { disregardInsideOwnSpace, gatewayTable, learnedDraft } from '../bgp/gateway-drafts.js';
import { localDrafts, type Draft } from '../internal/candidate.js';
import { comparePrefixes, type Prefix } from '@cloudroute/lpm';
import { mustParsePrefix, prefixKey } from '../internal/ip.js';
import { Memo } from '../internal/memo.js';
import { anyTunnelUp } from '../internal/status.js';
import { networkInfo } from '../internal/topology-index.js';

/** AWS-R24: one VGW per VPC at a time; the first one in the topology. */
export function vgwOf(network: Network): Gateway | undefined {
  return network.gateways.find((g) => g.kind === 'vgw');
}

export interface Propagated {
  readonly vgwPath: string;
  /** Unique prefixes, at most `profile.aws.maxPropagatedRoutes` of them. */
  readonly routes: readonly { readonly prefix: string; readonly parsed: Prefix }[];
}

const propagatedMemo = new Memo<Network, Propagated | undefined>();

/**
 * The propagated routes a VPC table with propagation on receives from the VGW (AWS-R27): one per
 * unique learned prefix. AWS-R14: at most 100 propagated routes per table (not adjustable); AWS
 * does not document which routes are left out above it. cloudroute installs the first ones in
 * address order (`comparePrefixes`), so the result never depends on advertisement order, and
 * leaves the rest out of the table altogether.
 */
export function vgwPropagated(state: NetworkState, network: Network): Propagated | undefined {
  const vgw = vgwOf(network);
  if (!vgw) return undefined;
  const learned = gatewayLearned(state, network, vgw);
  return propagatedMemo.get(network, [vgw, state.profile, ...learned], () => {
    const seen = new Map<number | string, { prefix: string; parsed: Prefix }>();
    for (const list of learned)
      for (const r of list) {
        const parsed = mustParsePrefix(r.prefix);
        const key = prefixKey(parsed);
        if (!seen.has(key)) seen.set(key, { prefix: r.prefix, parsed });
      }
    const routes = [...seen.values()].sort((a, b) => comparePrefixes(a.parsed, b.parsed));
    return {
      vgwPath: `${network.name}/${vgw.name}`,
      routes: routes.slice(0, state.profile.aws.maxPropagatedRoutes),
    };
  });
}

/**
 * AWS-R25: equal-prefix order at the VGW, after longest prefix.
 * 0. AWS-R25 (newer text): routes over a connection with a healthy tunnel first;
 * 1. Direct Connect BGP (AWS-R46), then VPN static, then VPN BGP;
 * 2. shorter AS_PATH;
 * 3. equal length: by first AS, and with the same first AS the lower MED (a missing MED is 0);
 *    different first ASes are not compared on MED, and the lower first AS is taken instead so
 *    the order stays total and independent of insertion order (invariant 8);
 * 4. connection name.
 */
export function compareVgwRoutes(
  a: Draft & { healthy?: boolean; dx?: boolean },
  b: Draft & { healthy?: boolean; dx?: boolean },
): number {
  if (a.source === 'local' || b.source === 'local')
    return (a.source === 'local' ? 0 : 1) - (b.source === 'local' ? 0 : 1);
  if (a.healthy !== b.healthy) return a.healthy ? -1 : 1;
  if ((a.dx ?? false) !== (b.dx ?? false)) return a.dx ? -1 : 1;
  if (a.source !== b.source) return a.source === 'static' ? -1 : 1;
  const pa = a.asPath ?? [];
  const pb = b.asPath ?? [];
  if (pa.length !== pb.length) return pa.length - pb.length;
  const fa = pa[0] ?? -1;
  const fb = pb[0] ?? -1;
  if (fa !== fb) return fa - fb;
  if ((a.med ?? 0) !== (b.med ?? 0)) return (a.med ?? 0) - (b.med ?? 0);
  return (a.tie ?? '') < (b.tie ?? '') ? -1 : (a.tie ?? '') > (b.tie ?? '') ? 1 : 0;
}

const tableMemo = new Memo<Gateway, ForwardingTable>();

/** `net/vgw`: the VPC's CIDRs (local) and the routes learned per connection. */
export function vgwTable(state: NetworkState, network: Network, vgw: Gateway): ForwardingTable {
  const path = `${network.name}/${vgw.name}`;
  const conns = connectionsOf(state, path);
  const learned = gatewayLearned(state, network, vgw);
  const health = conns.map((c) => anyTunnelUp(state, c.name));
  return tableMemo.get(vgw, [network, ...learned, ...health], () => {
    const info = networkInfo(network);
    const drafts: Draft[] = localDrafts(network);
    learned.forEach((list, i) => {
      const dx = conns[i]?.directConnect !== undefined;
      for (const r of list) drafts.push(Object.assign(learnedDraft(r, health[i] ?? true), { dx }));
    });
    // AWS-R25 "forwards only to prefixes it knows"; like AWS-R5, a learned route overlapping the
    // attached VPC's CIDR never takes traffic for it [GUESS: the VGW does not hairpin into tunnels].
    const inVpc = (p: Prefix): boolean => info.cidrIndex.containing(p) !== undefined;
    disregardInsideOwnSpace(drafts, inVpc, 'inside the VPC CIDR: the VPC route is preferred', 'AWS-R5');
    return gatewayTable(path, 'aws', drafts, compareVgwRoutes, 'AWS-R25');
  });
}
