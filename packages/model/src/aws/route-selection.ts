/**
 * AWS VPC route selection (PROVIDERS.md 1.1), applied once per table. The data plane then does
 * plain longest-prefix match over the selected routes (AWS-R2).
 */
import type { CandidateRoute } from '../tables.js';
import { disregard, finish, pickPerPrefix, type Draft } from '../internal/candidate.js';
import { prefixContainsPrefix, type Prefix } from '@cloudroute/lpm';
import { parsePrefix } from '../internal/ip.js';
import type { PrefixIndex } from '../internal/prefix-index.js';
import { awsLocalRouteVerdict } from './local-route.js';

/** AWS-R8: destinations AWS refuses in a route, and never forwards to. */
export const AWS_RESERVED_DESTINATIONS: readonly string[] = ['169.254.168.0/22', 'fd00:ec2::/32'];
const reserved = AWS_RESERVED_DESTINATIONS.map((t) => parsePrefix(t)!);

/** AWS-R8: the reserved range (text of {@link AWS_RESERVED_DESTINATIONS}) the prefix lies in, if any. */
export function awsReservedRangeOf(p: Prefix): string | undefined {
  const i = reserved.findIndex((r) => prefixContainsPrefix(r, p));
  return i < 0 ? undefined : AWS_RESERVED_DESTINATIONS[i];
}

/** AWS-R8: the prefix is (inside) a reserved destination. */
export function isAwsReservedDestination(p: Prefix): boolean {
  return awsReservedRangeOf(p) !== undefined;
}

/**
 * AWS-R4 as route selection and validation word it: why a static route at or inside a VPC CIDR
 * is refused, or undefined. The decision is {@link awsLocalRouteVerdict}'s; `vpcCidrs` and
 * `subnetRanges` are the network's parsed ranges (`networkInfo`: the longest containing VPC CIDR
 * only, a subnet's secondary ranges count as whole subnets), and a `local` target outside every
 * VPC CIDR is kept (`LocalOutsideVpc` in local-route.ts says why).
 */
export function awsMoreSpecificRefusal(
  p: Prefix,
  nextHopType: string,
  vpcCidrs: PrefixIndex<Prefix>,
  subnetRanges: PrefixIndex<unknown>,
): string | undefined {
  const v = awsLocalRouteVerdict(
    p,
    nextHopType,
    vpcCidrs.containing(p),
    (q) => subnetRanges.get(q) !== undefined,
    'keep',
  );
  switch (v?.kind) {
    case undefined:
      return undefined;
    case 'local-inside':
    case 'local-outside': // never here: selection keeps it ('keep' above)
      return 'a local target is only valid on a VPC CIDR';
    case 'not-whole-subnet':
      return 'inside the VPC CIDR but not a whole subnet CIDR';
    case 'vpc-cidr-target':
    case 'subnet-target':
      return `target ${nextHopType} cannot override the local route`;
  }
}

const sourceRank: Record<string, number> = {
  // AWS-R3: a static route on a VPC CIDR (target nat/eni) replaces the local target.
  // AWS-R6: at equal prefix a static route beats a propagated one.
  static: 0,
  local: 1,
  propagated: 2,
};

/**
 * Select per prefix. `vpcCidrs` / `subnetRanges` of the VPC drive AWS-R4 and AWS-R5.
 */
export function selectAwsRoutes(
  drafts: Draft[],
  vpcCidrs: PrefixIndex<Prefix>,
  subnetRanges: PrefixIndex<unknown>,
): CandidateRoute[] {
  for (const d of drafts) {
    if (!d.usable) continue;
    if (isAwsReservedDestination(d.parsed)) {
      // AWS-R8: routes to 169.254.168.0/22 or fd00:ec2::/32 cannot be added (and AWS never forwards there).
      disregard(d, d.state, 'reserved destination: AWS refuses this route', 'AWS-R8');
    } else if (d.source === 'propagated' && vpcCidrs.containing(d.parsed)) {
      // AWS-R5: the local route is preferred to any propagated route that overlaps it, even a more specific one.
      disregard(d, d.state, 'inside a VPC CIDR: the local route is preferred', 'AWS-R5');
    } else if (d.source === 'static') {
      // AWS-R4: AWS refuses more specific static routes other than whole-subnet ones to nat/eni.
      const why = awsMoreSpecificRefusal(d.parsed, d.nextHopType, vpcCidrs, subnetRanges);
      if (why !== undefined) disregard(d, d.state, `refused by AWS: ${why}`, 'AWS-R4');
    }
  }
  const flags = pickPerPrefix(drafts, (a, b) => (sourceRank[a.source] ?? 9) - (sourceRank[b.source] ?? 9));
  return finish(drafts, flags, (d, winner) => {
    if (!winner) return undefined;
    if (d.source === 'propagated' && winner.source === 'static')
      return { state: d.state, reason: 'a static route of equal prefix is preferred', rule: 'AWS-R6' };
    if (d.source === 'local' && winner.source === 'static')
      return { state: d.state, reason: 'the local target is replaced by a static route', rule: 'AWS-R3' };
    return { state: d.state, reason: 'another route of equal prefix is preferred' };
  });
}
