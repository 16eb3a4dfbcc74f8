/**
 * Gateway-table drafts shared by every provider's VPN gateway: a learned route as a candidate,
 * and selection with a provider comparator (losers become `inactive`).
 */
import type { CandidateRoute } from '../tables.js';
import { draft, finish, pickPerPrefix, type Draft } from '../internal/candidate.js';
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
