/**
 * AWS refusals (PROVIDERS.md 1.1, 1.5): what the EC2 API refuses when a route is created or
 * replaced, and what a VGW does not allow to change.
 */
import { AWS_RESERVED_DESTINATIONS } from '@cloudroute/model';
import type { Network, NetworkState, Route } from '@cloudroute/model';
import { contains, parseAddress, parsePrefix, samePrefix } from '../ip.js';
import type { Prefix } from '../ip.js';
import { refuse } from '../outcome.js';
import type { NoteDraft, Refused } from '../outcome.js';

const AWS_HOPS = new Set(['local', 'igw', 'nat', 'vgw', 'tgw', 'eni', 'peering', 'blackhole']);

/** Route validation for an AWS VPC route table; `p` is the parsed destination. */
export function checkAwsRoute(
  state: NetworkState,
  network: Network,
  route: Route,
  p: Prefix,
): Refused | NoteDraft[] {
  const hop = route.nextHop;
  // AWS-R8: 169.254.168.0/22 and fd00:ec2::/32, and any subset, cannot be route destinations.
  for (const r of AWS_RESERVED_DESTINATIONS) {
    const rp = parsePrefix(r);
    if (rp && contains(rp, p)) {
      return refuse(
        'AWS-R8',
        `${route.prefix} lies in the reserved range ${r}, which no route may target — use a broader prefix (packets to ${r} are never forwarded anyway)`,
      );
    }
  }
  if (!AWS_HOPS.has(hop.type)) {
    return refuse(
      'invalid-next-hop',
      `${hop.type} is not an AWS route target — use local, igw, nat, vgw, tgw, eni, peering or blackhole`,
    );
  }
  // AWS-R3 / AWS-R4: nothing more specific than the local route, except a whole subnet CIDR to a NAT gateway or an ENI.
  let isVpcCidr = false;
  for (const c of network.cidrs) {
    const cp = parsePrefix(c);
    if (!cp || !contains(cp, p)) continue;
    if (samePrefix(cp, p)) {
      isVpcCidr = true;
      if (hop.type !== 'local' && hop.type !== 'nat' && hop.type !== 'eni') {
        return refuse(
          'AWS-R3',
          `${route.prefix} is the VPC CIDR: its local route can only point at a NAT gateway or an eni (or back at local), not ${hop.type}`,
        );
      }
      continue;
    }
    const whole = network.subnets.some((s) => {
      const sp = parsePrefix(s.cidr);
      return sp !== undefined && samePrefix(sp, p);
    });
    if (!whole) {
      return refuse(
        'AWS-R4',
        `${route.prefix} is more specific than the local route ${c} and is not a whole subnet CIDR — AWS accepts only an entire subnet's CIDR there (to a NAT gateway or an eni)`,
      );
    }
    if (hop.type !== 'nat' && hop.type !== 'eni') {
      return refuse(
        'AWS-R4',
        `${route.prefix} is a whole subnet CIDR inside ${c}: its target must be a NAT gateway or an eni, not ${hop.type}`,
      );
    }
  }
  if (hop.type === 'local' && !isVpcCidr) {
    return refuse('AWS-R3', `${route.prefix} is not a VPC CIDR: only a VPC CIDR's route can target local`);
  }
  const gone = (name: string): boolean => state.gateways[`${network.name}/${name}`]?.phase === 'deleted';
  if (hop.type === 'igw' || hop.type === 'nat' || hop.type === 'vgw') {
    const kind = hop.type;
    const gw = network.gateways.find((g) => g.name === hop.gateway && g.kind === kind);
    if (!gw) return refuse('not-found', `${network.name} has no ${kind} named ${hop.gateway}`);
    // AWS-R12: a deleted target is not a valid target for a new route.
    if (gone(gw.name)) return refuse('not-found', `${network.name}/${gw.name} was deleted`);
    return [];
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
    return found ? [] : refuse('not-found', `no transit gateway named ${hop.gateway}`);
  }
  if (hop.type === 'peering') {
    const found = state.topology.peerings.some(
      (x) => x.name === hop.gateway && x.between.includes(network.name),
    );
    return found ? [] : refuse('not-found', `${network.name} has no peering named ${hop.gateway}`);
  }
  if (hop.type === 'eni' && !parseAddress(hop.ip))
    return refuse('invalid-value', `${hop.ip} is not an IP address`);
  return [];
}

/**
 * AWS-R13: a new VPC CIDR cannot be the same as or larger than a destination already used by a
 * route in any of the VPC's route tables.
 */
export function checkAwsNewCidr(network: Network, cidr: string): Refused | undefined {
  const np = parsePrefix(cidr);
  if (!np) return refuse('invalid-prefix', `${cidr} is not a prefix`);
  for (const t of network.routeTables) {
    for (const r of t.routes) {
      const rp = parsePrefix(r.prefix);
      if (rp && contains(np, rp)) {
        return refuse(
          'AWS-R13',
          `${cidr} is the same as or larger than ${r.prefix}, a destination of route table ${t.name} — remove that route first or add a smaller CIDR`,
        );
      }
    }
  }
  return undefined;
}
