/**
 * AWS route refusals (PROVIDERS.md 1.1, 1.5): what the EC2 API refuses when a route is created or
 * replaced (AWS-R3, AWS-R4, AWS-R8, AWS-R12) and when a VPC CIDR is added (AWS-R13). Pure
 * functions over the network state; the engine turns them into `rejected` entries.
 */
import { prefixContainsPrefix, prefixEquals } from '@cloudroute/lpm';
import type { Prefix } from '@cloudroute/lpm';
import type { NetworkState } from '../state.js';
import type { Network, Route } from '../topology.js';
import type { ChangeRefusal } from '../change-refusal.js';
import { parseLooseAddress, parseLoosePrefix } from '../loose-prefix.js';
import { awsReservedRangeOf } from './route-selection.js';
import { awsLocalRouteVerdict, type AwsLocalRouteVerdict } from './local-route.js';

const AWS_HOPS = new Set(['local', 'igw', 'nat', 'vgw', 'tgw', 'eni', 'peering', 'blackhole']);

const refusal = (rule: string, message: string): ChangeRefusal => ({ rule, message });

/**
 * AWS-R3 / AWS-R4 as the EC2 API words them, or undefined. The decision is
 * {@link awsLocalRouteVerdict}'s; the API reads each VPC CIDR and subnet CIDR text loosely
 * (`parseLoosePrefix`: unreadable text is skipped), checks the destination against every VPC CIDR
 * that contains it in order, counts only a subnet's primary CIDR as a whole subnet, and refuses
 * a `local` target outside every VPC CIDR.
 */
export function awsLocalRouteRefusal(network: Network, route: Route, p: Prefix): ChangeRefusal | undefined {
  const type = route.nextHop.type;
  const isWholeSubnet = (q: Prefix): boolean =>
    network.subnets.some((s) => {
      const sp = parseLoosePrefix(s.cidr);
      return sp !== undefined && prefixEquals(sp, q);
    });
  let inside = false;
  for (const c of network.cidrs) {
    const cp = parseLoosePrefix(c);
    if (!cp || !prefixContainsPrefix(cp, p)) continue;
    inside = true;
    const v = awsLocalRouteVerdict(p, type, cp, isWholeSubnet, 'refuse');
    if (v) return localRefusal(v, route.prefix, type, c);
  }
  if (inside) return undefined;
  const v = awsLocalRouteVerdict(p, type, undefined, isWholeSubnet, 'refuse');
  return v ? localRefusal(v, route.prefix, type, '') : undefined;
}

/** The EC2 API's words for an AWS-R3 / AWS-R4 verdict against VPC CIDR text `cidr`. */
function localRefusal(v: AwsLocalRouteVerdict, prefix: string, type: string, cidr: string): ChangeRefusal {
  switch (v.kind) {
    case 'vpc-cidr-target':
      return refusal(
        'AWS-R3',
        `${prefix} is the VPC CIDR: its local route can only point at a NAT gateway or an eni (or back at local), not ${type}`,
      );
    case 'local-outside':
      return refusal('AWS-R3', `${prefix} is not a VPC CIDR: only a VPC CIDR's route can target local`);
    case 'local-inside':
      return v.wholeSubnet ? subnetTargetRefusal(prefix, type, cidr) : notWholeSubnetRefusal(prefix, cidr);
    case 'not-whole-subnet':
      return notWholeSubnetRefusal(prefix, cidr);
    case 'subnet-target':
      return subnetTargetRefusal(prefix, type, cidr);
  }
}

function notWholeSubnetRefusal(prefix: string, cidr: string): ChangeRefusal {
  return refusal(
    'AWS-R4',
    `${prefix} is more specific than the local route ${cidr} and is not a whole subnet CIDR — AWS accepts only an entire subnet's CIDR there (to a NAT gateway or an eni)`,
  );
}

function subnetTargetRefusal(prefix: string, type: string, cidr: string): ChangeRefusal {
  return refusal(
    'AWS-R4',
    `${prefix} is a whole subnet CIDR inside ${cidr}: its target must be a NAT gateway or an eni, not ${type}`,
  );
}

/** AWS-R12: the route's target must exist (and not be deleted) when the route is created. */
function targetRefusal(state: NetworkState, network: Network, route: Route): ChangeRefusal | undefined {
  const hop = route.nextHop;
  const gone = (name: string): boolean => state.gateways[`${network.name}/${name}`]?.phase === 'deleted';
  if (hop.type === 'igw' || hop.type === 'nat' || hop.type === 'vgw') {
    const kind = hop.type;
    const gw = network.gateways.find((g) => g.name === hop.gateway && g.kind === kind);
    if (!gw) return refusal('not-found', `${network.name} has no ${kind} named ${hop.gateway}`);
    // AWS-R12: a deleted target is not a valid target for a new route.
    if (gone(gw.name)) return refusal('not-found', `${network.name}/${gw.name} was deleted`);
    return undefined;
  }
  if (hop.type === 'tgw') {
    const found = state.topology.networks.some((n) =>
      n.gateways.some(
        (g) =>
          g.kind === 'tgw' &&
          g.name === hop.gateway &&
          state.gateways[`${n.name}/${g.name}`]?.phase !== 'deleted',
      ),
    );
    return found ? undefined : refusal('not-found', `no transit gateway named ${hop.gateway}`);
  }
  if (hop.type === 'peering') {
    const found = state.topology.peerings.some(
      (x) => x.name === hop.gateway && x.between.includes(network.name),
    );
    return found ? undefined : refusal('not-found', `${network.name} has no peering named ${hop.gateway}`);
  }
  if (hop.type === 'eni' && !parseLooseAddress(hop.ip))
    return refusal('invalid-value', `${hop.ip} is not an IP address`);
  return undefined;
}

/**
 * Why the EC2 API refuses `route` in a route table of `network`, or undefined. `p` is the route's
 * destination, already read (host bits refused by the caller). Checks, in order: AWS-R8 reserved
 * destinations, the target type, AWS-R3 / AWS-R4 against the local route, AWS-R12 targets.
 */
export function awsRouteRefusal(
  state: NetworkState,
  network: Network,
  route: Route,
  p: Prefix,
): ChangeRefusal | undefined {
  const hop = route.nextHop;
  // AWS-R8: 169.254.168.0/22 and fd00:ec2::/32, and any subset, cannot be route destinations.
  const r = awsReservedRangeOf(p);
  if (r !== undefined) {
    return refusal(
      'AWS-R8',
      `${route.prefix} lies in the reserved range ${r}, which no route may target — use a broader prefix (packets to ${r} are never forwarded anyway)`,
    );
  }
  if (!AWS_HOPS.has(hop.type)) {
    return refusal(
      'invalid-next-hop',
      `${hop.type} is not an AWS route target — use local, igw, nat, vgw, tgw, eni, peering or blackhole`,
    );
  }
  return awsLocalRouteRefusal(network, route, p) ?? targetRefusal(state, network, route);
}

/**
 * AWS-R13: a new VPC CIDR cannot be the same as or larger than a destination already used by a
 * route in any of the VPC's route tables. Undefined: the CIDR can be added.
 */
export function awsNewCidrRefusal(network: Network, cidr: string): ChangeRefusal | undefined {
  const np = parseLoosePrefix(cidr);
  if (!np) return refusal('invalid-prefix', `${cidr} is not a prefix`);
  for (const t of network.routeTables) {
    for (const r of t.routes) {
      const rp = parseLoosePrefix(r.prefix);
      if (rp && prefixContainsPrefix(np, rp)) {
        return refusal(
          'AWS-R13',
          `${cidr} is the same as or larger than ${r.prefix}, a destination of route table ${t.name} — remove that route first or add a smaller CIDR`,
        );
      }
    }
  }
  return undefined;
}
