/**
 * GCP routing order (PROVIDERS.md GCP-R9), resolved once per view. Special routing paths
 * (step 1) are not routes; policy-based routes (step 2) are listed but never selected: they
 * match on source and protocol too, which longest-prefix match cannot express, so the data
 * plane evaluates them before this table if it models them.
 */
import type { CandidateRoute } from '../tables.js';
import { disregard, finish, pickPerPrefix, winnersByKey, type Draft } from '../internal/candidate.js';
import type { Prefix } from '@cloudroute/lpm';
import { prefixKey } from '../internal/ip.js';
import type { PrefixIndex } from '../internal/prefix-index.js';

const SUBNET_SOURCES = new Set(['SUBNET', 'PEERING_SUBNET']);
const CUSTOM_SOURCES = new Set(['STATIC', 'DYNAMIC', 'PEERING_STATIC', 'PEERING_DYNAMIC']);

/**
 * GCP-R9 step 6 [GUESS]: the preference categories were not retrieved; local static and dynamic
 * routes form one category, peering static and dynamic routes a less favourable one.
 */
function category(d: Draft): number {
  if (SUBNET_SOURCES.has(d.source)) return 0;
  return d.source === 'PEERING_STATIC' || d.source === 'PEERING_DYNAMIC' ? 2 : 1;
}

/** Steps 6 and 7 only: 0 when `a` and `b` tie and share traffic (ECMP, GCP-R10). */
function compareRank(a: Draft, b: Draft): number {
  const c = category(a) - category(b);
  if (c !== 0) return c;
  return (a.priority ?? 1000) - (b.priority ?? 1000);
}

/**
 * Equal prefix: subnet routes (step 3); then the preference category (step 6); then the lowest
 * priority value (step 7). GCP-R11: static and dynamic routes have no type preference; at equal
 * priority GCP spreads flows over them (ECMP, GCP-R10). A table selects one route per prefix, so
 * cloudroute selects the first by next-hop name (`tie`), then route name, and lists every tied
 * route's action, in that order, as the selected route's `ecmp` members: deterministic and
 * independent of insertion order. The other tied routes stay ACTIVE, unselected.
 */
export function compareGcpRoutes(a: Draft, b: Draft): number {
  const r = compareRank(a, b);
  if (r !== 0) return r;
  const ta = `${a.tie ?? ''}\u0000${a.name ?? ''}`;
  const tb = `${b.tie ?? ''}\u0000${b.name ?? ''}`;
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** `subnetRanges`: local and peering subnet ranges of the network. */
export function selectGcpRoutes(drafts: Draft[], subnetRanges: PrefixIndex<Prefix>): CandidateRoute[] {
  for (const d of drafts)
    if (d.usable && CUSTOM_SOURCES.has(d.source) && subnetRanges.containing(d.parsed))
      // GCP-R12: a custom route equal to or inside a subnet range never carries traffic.
      disregard(d, 'INACTIVE', 'conflicts-with-subnet-route', 'GCP-R12');
  const flags = pickPerPrefix(drafts, compareGcpRoutes);
  // GCP-R10: the usable routes that tie with their prefix's winner share its traffic.
  const winners = winnersByKey(drafts, flags);
  const groups = new Map<Draft, Draft[]>();
  for (const d of drafts) {
    if (!d.usable || !d.action) continue;
    const w = winners.get(prefixKey(d.parsed));
    if (!w || compareRank(w, d) !== 0) continue;
    const g = groups.get(w);
    if (g) g.push(d);
    else groups.set(w, [d]);
  }
  const out = finish(drafts, flags, (d, winner) => {
    if (!winner) return undefined;
    if (compareRank(winner, d) === 0)
      return {
        state: d.state,
        reason: 'equal-priority route: an ECMP member of the selected route, flows share them by hash',
        rule: 'GCP-R10',
      };
    return { state: d.state, reason: 'a route of lower priority value is preferred', rule: 'GCP-R9' };
  });
  return out.map((c, i) => {
    const g = flags[i] ? groups.get(drafts[i]!) : undefined;
    if (!g || g.length < 2) return c;
    const ecmp = [...g].sort(compareGcpRoutes).map((d) => d.action!);
    return { ...c, ecmp };
  });
}
