/**
 * Gateway-table drafts shared by every provider's VPN gateway: a learned route as a candidate,
 * learned routes inside the gateway's own address space set aside, and selection with a provider
 * comparator (losers become `inactive`).
 */
import type { Prefix } from '@cloudroute/lpm';
import type { CandidateRoute, ForwardingTable } from '../tables.js';
import type { Provider } from '../topology.js';
import { disregard, draft, finish, pickPerPrefix, type Draft } from '../internal/candidate.js';
import type { LearnedRoute } from './learned.js';

/** A learned route as a VGW / VPN-gateway table draft. */
export function learnedDraft(r: LearnedRoute, healthy: boolean): Draft & { healthy: boolean } {
  const d = draft({
    prefix: r.prefix,
    source: r.origin,
    state: 'active',
    nextHopType: 'connection',
    action: { kind: 'connection', connection: r.connection },
    asPath: r.asPath,
    med: r.med,
    name: r.connection,
    tie: r.connection,
  });
  return Object.assign(d, { healthy });
}

/** Select among a gateway table's drafts with `compare`; losers become `inactive`. */
export function selectGatewayRoutes(
  drafts: Draft[],
  compare: (a: Draft, b: Draft) => number,
  rule: string,
): CandidateRoute[] {
  const flags = pickPerPrefix(drafts, compare);
  return finish(drafts, flags, (_d, winner) =>
    winner
      ? { state: 'inactive', reason: `a preferred route via ${winner.name ?? winner.source}`, rule }
      : undefined,
  );
}

/**
 * A learned draft (any source but `local`) whose prefix lies inside the gateway's own address
 * space (`inside`) never takes its traffic: the network's own route is preferred (AWS-R5 at a
 * VGW, AZ-R8 at an Azure VPN gateway). It is disregarded as `inactive` with `reason` and `rule`.
 */
export function disregardInsideOwnSpace(
  drafts: readonly Draft[],
  inside: (p: Prefix) => boolean,
  reason: string,
  rule: string,
): void {
  for (const d of drafts)
    if (d.source !== 'local' && inside(d.parsed)) disregard(d, 'inactive', reason, rule);
}

/** The gateway table `id` of `provider`: its drafts selected by {@link selectGatewayRoutes}. */
export function gatewayTable(
  id: string,
  provider: Provider,
  drafts: Draft[],
  compare: (a: Draft, b: Draft) => number,
  rule: string,
): ForwardingTable {
  return { id, kind: 'gateway', provider, routes: selectGatewayRoutes(drafts, compare, rule) };
}
