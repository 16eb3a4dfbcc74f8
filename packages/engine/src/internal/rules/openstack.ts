/**
 * OpenStack Neutron refusals (PROVIDERS.md 4.2, 4.4): router extra routes (OS-R14) and the
 * constraints between port security, allowed address pairs and security groups (OS-R7, OS-R8).
 */
import { OS_MAX_ADDRESS_PAIRS, OS_MAX_EXTRA_ROUTES } from '@cloudroute/model';
import type { AllowedAddressPair, Gateway, Network, NetworkState, Route } from '@cloudroute/model';
import { contains, ipv4Offset, parseAddress, parsePrefix, samePrefix } from '../ip.js';
import { findSubnet, qualify } from '../lookup.js';
import { refuse } from '../outcome.js';
import type { NoteDraft, Refused } from '../outcome.js';

/** Extra route validation for a Neutron router; `count` is the number of routes it will hold. */
export function checkRouterRoute(
  state: NetworkState,
  network: Network,
  router: Gateway,
  route: Route,
  count: number,
): Refused | NoteDraft[] {
  const hop = route.nextHop;
  if (hop.type !== 'ip')
    return refuse('invalid-next-hop', `a router extra route's next hop is { type: ip }, not ${hop.type}`);
  const nh = parseAddress(hop.ip);
  if (!nh) return refuse('invalid-value', `${hop.ip} is not an IP address`);
  if (count > OS_MAX_EXTRA_ROUTES) {
    return refuse(
      'OS-R14',
      `router ${router.name} would hold ${count} extra routes; Neutron allows ${OS_MAX_EXTRA_ROUTES}`,
    );
  }
  let connected = false;
  for (const ref of router.interfaces ?? []) {
    const sub = findSubnet(state.topology, qualify(network.name, ref))?.item;
    const sp = sub ? parsePrefix(sub.cidr) : undefined;
    if (!sub || !sp || !contains(sp, nh)) continue;
    connected = true;
    // OS-R2: the router's interface on a subnet attached by subnet takes its gateway_ip (default: first host).
    const own = sub.gatewayIp === undefined ? ipv4Offset(sp, 1) : sub.gatewayIp;
    const ownP = own === null || own === undefined ? undefined : parseAddress(own);
    if (ownP && samePrefix(ownP, nh)) {
      return refuse('OS-R14', `the nexthop ${hop.ip} is used by router ${router.name} itself`);
    }
  }
  if (!connected) {
    return refuse(
      'OS-R14',
      `the nexthop ${hop.ip} is not connected with router ${router.name}: it must lie in a subnet attached to one of its interfaces`,
    );
  }
  return [];
}

/** A port as the update would leave it, with the values it inherits made explicit. */
export interface PortView {
  readonly label: string;
  readonly portSecurity: boolean;
  readonly allowedAddressPairs: readonly AllowedAddressPair[];
  /** Undefined: the port has the groups it was created with (the project's `default` when port security was on). */
  readonly securityGroups: readonly string[] | undefined;
  readonly ip: string | undefined;
  readonly mac: string | undefined;
}

/**
 * OS-R7 / OS-R8 on a port after an update. `wasSecured` is the port security before the update:
 * a port created with port security on and no explicit groups carries the `default` group.
 */
export function checkPort(port: PortView, wasSecured: boolean): Refused | undefined {
  const pairs = port.allowedAddressPairs;
  const groups = port.securityGroups ?? (wasSecured ? ['default'] : []);
  if (!port.portSecurity && pairs.length > 0) {
    return refuse(
      'OS-R8',
      `${port.label}: port security must be enabled to have allowed address pairs — set allowedAddressPairs: [] in the same update`,
    );
  }
  if (!port.portSecurity && groups.length > 0) {
    return refuse(
      'OS-R8',
      `${port.label} has security group ${groups.join(', ')}: cannot disable port security until the groups are removed — set securityGroups: [] in the same update`,
    );
  }
  if (groups.length > 0 && port.ip === undefined) {
    return refuse('OS-R8', `${port.label}: a port needs an IP address to use security groups`);
  }
  if (pairs.length > OS_MAX_ADDRESS_PAIRS) {
    return refuse(
      'OS-R7',
      `${port.label}: ${pairs.length} allowed address pairs; Neutron allows ${OS_MAX_ADDRESS_PAIRS}`,
    );
  }
  const seen = new Set<string>();
  for (const pair of pairs) {
    const p = parsePrefix(pair.ip);
    if (!p) return refuse('invalid-value', `${port.label}: ${pair.ip} is not an IP address or prefix`);
    const key = `${pair.ip}|${pair.mac ?? ''}`;
    if (seen.has(key)) return refuse('OS-R7', `${port.label}: duplicate allowed address pair ${pair.ip}`);
    seen.add(key);
    const own = port.ip === undefined ? undefined : parseAddress(port.ip);
    if (own && samePrefix(own, p) && (pair.mac === undefined || pair.mac === port.mac)) {
      return refuse('OS-R7', `${port.label}: the pair ${pair.ip} matches the port's own fixed IP and MAC`);
    }
  }
  return undefined;
}
