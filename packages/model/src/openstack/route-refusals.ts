/**
 * OpenStack Neutron router extra route refusals (PROVIDERS.md 4.2, OS-R14). A pure function; the
 * engine turns its verdict into a `rejected` entry.
 */
import { addressAt, formatAddress, prefixContainsPrefix, prefixEquals } from '@cloudroute/lpm';
import type { Gateway, Route, Subnet } from '../topology.js';
import type { ChangeRefusal } from '../change-refusal.js';
import { parseLooseAddress, parseLoosePrefix } from '../loose-prefix.js';
import { OS_MAX_EXTRA_ROUTES } from './validate.js';

const refusal = (rule: string, message: string): ChangeRefusal => ({ rule, message });

/** OS-R2: the router's own address on a subnet: its `gatewayIp`, else the first host (IPv4 only). */
function routerAddress(sub: Subnet): string | null | undefined {
  if (sub.gatewayIp !== undefined) return sub.gatewayIp;
  const sp = parseLoosePrefix(sub.cidr);
  return sp?.family === 4 ? formatAddress(addressAt(sp, 1)) : undefined;
}

/**
 * Why Neutron refuses the extra route `route` on `router`, or undefined. `count` is the number of
 * routes the router will hold (OS-R14); `interfaceSubnets` the subnets its interfaces attach to
 * (references the caller could not resolve left out).
 */
export function openstackExtraRouteRefusal(
  router: Gateway,
  route: Route,
  count: number,
  interfaceSubnets: readonly Subnet[],
): ChangeRefusal | undefined {
  const hop = route.nextHop;
  if (hop.type !== 'ip')
    return refusal('invalid-next-hop', `a router extra route's next hop is { type: ip }, not ${hop.type}`);
  const nh = parseLooseAddress(hop.ip);
  if (!nh) return refusal('invalid-value', `${hop.ip} is not an IP address`);
  if (count > OS_MAX_EXTRA_ROUTES) {
    return refusal(
      'OS-R14',
      `router ${router.name} would hold ${count} extra routes; Neutron allows ${OS_MAX_EXTRA_ROUTES}`,
    );
  }
  let connected = false;
  for (const sub of interfaceSubnets) {
    const sp = parseLoosePrefix(sub.cidr);
    if (!sp || !prefixContainsPrefix(sp, nh)) continue;
    connected = true;
    const own = routerAddress(sub);
    const ownP = own === null || own === undefined ? undefined : parseLooseAddress(own);
    if (ownP && prefixEquals(ownP, nh)) {
      return refusal('OS-R14', `the nexthop ${hop.ip} is used by router ${router.name} itself`);
    }
  }
  if (!connected) {
    return refusal(
      'OS-R14',
      `the nexthop ${hop.ip} is not connected with router ${router.name}: it must lie in a subnet attached to one of its interfaces`,
    );
  }
  return undefined;
}
