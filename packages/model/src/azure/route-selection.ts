/**
 * Azure route selection (PROVIDERS.md AZ-R8), applied once per subnet table.
 */
import type { CandidateRoute } from '../tables.js';
import { disregard, finish, pickPerPrefix, type Draft } from '../internal/candidate.js';
import type { Prefix } from '@cloudroute/lpm';
import type { PrefixIndex } from '../internal/prefix-index.js';

// AZ-R8: equal prefix → UDR (User) > BGP (VirtualNetworkGateway) > System (Default).
const sourceRank: Record<string, number> = { User: 0, VirtualNetworkGateway: 1, Default: 2 };
// Among system routes of one prefix (a peered range equal to a reserved prefix): the address
// space route wins, as AZ-R2 does for the VNet's own ranges [GUESS for peered ranges].
const systemRank: Record<string, number> = { VnetLocal: 0, VNetPeering: 1, Internet: 2, None: 3 };

/**
 * `vnetRanges`: the VNet's and its peered VNets' address ranges. AZ-R8 note: "System routes for
 * traffic related to virtual network, virtual network peerings, or virtual network service
 * endpoints, are preferred routes, even if BGP routes are more specific": a BGP route at or
 * inside such a range is never used (Invalid). A UDR can still override them.
 */
export function selectAzureRoutes(drafts: Draft[], vnetRanges: PrefixIndex<Prefix>): CandidateRoute[] {
  for (const d of drafts)
    if (d.usable && d.source === 'VirtualNetworkGateway' && vnetRanges.containing(d.parsed))
      disregard(
        d,
        'Invalid',
        'inside a virtual network or peered range: the system route is preferred',
        'AZ-R8',
      );
  const flags = pickPerPrefix(drafts, (a, b) => {
    const s = (sourceRank[a.source] ?? 9) - (sourceRank[b.source] ?? 9);
    if (s !== 0 || a.source !== 'Default') return s;
    return (systemRank[a.nextHopType] ?? 9) - (systemRank[b.nextHopType] ?? 9);
  });
  // An overridden route is shown as Invalid (AZ-R8, "Routing example").
  return finish(drafts, flags, (_d, winner) =>
    winner
      ? { state: 'Invalid', reason: `overridden by a ${winner.source} route of equal prefix`, rule: 'AZ-R8' }
      : undefined,
  );
}
