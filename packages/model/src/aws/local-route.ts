/**
 * AWS-R3 / AWS-R4, the one home of the decision: may a static route stand at or inside a VPC CIDR,
 * next to the VPC's local route? Route selection (`route-selection.ts`, which also serves
 * validation) and the EC2 API refusals (`route-refusals.ts`, used by the engine) both ask here and
 * only word the answer their own way.
 */
import { prefixEquals, type Prefix } from '@cloudroute/lpm';

/** AWS-R4 / AWS-R3: targets allowed on a route at or inside the VPC CIDR. */
const AWS_MORE_SPECIFIC_TARGETS: ReadonlySet<string> = new Set(['nat', 'eni']);

/** Why AWS-R3 / AWS-R4 refuse a route; `cidr` is the VPC CIDR the destination lies in. */
export type AwsLocalRouteVerdict =
  /** AWS-R3: the destination is a VPC CIDR and the target is neither local nor a NAT gateway or an ENI. */
  | { readonly kind: 'vpc-cidr-target'; readonly cidr: Prefix }
  /** AWS-R3: a `local` target strictly inside a VPC CIDR; `wholeSubnet` says whether it is a subnet CIDR. */
  | { readonly kind: 'local-inside'; readonly cidr: Prefix; readonly wholeSubnet: boolean }
  /** AWS-R4: strictly inside a VPC CIDR and not a whole subnet CIDR. */
  | { readonly kind: 'not-whole-subnet'; readonly cidr: Prefix }
  /** AWS-R4: a whole subnet CIDR whose target is not a NAT gateway or an ENI. */
  | { readonly kind: 'subnet-target'; readonly cidr: Prefix }
  /** AWS-R3: a `local` target on a destination no VPC CIDR contains. */
  | { readonly kind: 'local-outside' };

/**
 * What a caller does with a `local` target outside every VPC CIDR: the EC2 API `refuse`s it
 * (AWS-R3); route selection `keep`s it, as it keeps every route that reached a table, because
 * validation and the API refusal are where such a route is stopped, and the tables built from
 * routes nobody checked (imports, goldens) have always kept it.
 */
export type LocalOutsideVpc = 'refuse' | 'keep';

/**
 * AWS-R3 / AWS-R4 for destination `p` with target type `target`, against `vpc`, the VPC CIDR that
 * contains `p` (undefined: none does). On a VPC CIDR: a local target (restore), a NAT gateway or
 * an ENI (AWS-R3). Strictly inside: only a whole subnet CIDR (`isWholeSubnet`, read by the
 * caller) to a NAT gateway or an ENI (AWS-R4). Undefined: allowed.
 */
export function awsLocalRouteVerdict(
  p: Prefix,
  target: string,
  vpc: Prefix | undefined,
  isWholeSubnet: (p: Prefix) => boolean,
  localOutside: LocalOutsideVpc,
): AwsLocalRouteVerdict | undefined {
  if (vpc === undefined)
    return target === 'local' && localOutside === 'refuse' ? { kind: 'local-outside' } : undefined;
  if (prefixEquals(vpc, p))
    return target === 'local' || AWS_MORE_SPECIFIC_TARGETS.has(target)
      ? undefined
      : { kind: 'vpc-cidr-target', cidr: vpc };
  const wholeSubnet = isWholeSubnet(p);
  if (target === 'local') return { kind: 'local-inside', cidr: vpc, wholeSubnet };
  if (!wholeSubnet) return { kind: 'not-whole-subnet', cidr: vpc };
  return AWS_MORE_SPECIFIC_TARGETS.has(target) ? undefined : { kind: 'subnet-target', cidr: vpc };
}
